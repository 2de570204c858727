"""Sub-commands of `advlab` that live in a module of their own.

Each module ``NAME.py`` here is the command ``advlab NAME``: it defines
``add_parser(sub)`` (adds its argparse sub-parser; must not import torch) and
``run(args) -> int`` (prints to ``args.stdout``; raise `advlab.cli.UsageError` or a
`advlab.core.errors.UserError` for bad input: one line, exit status 2).
`advlab.cli` finds the modules by their files.
"""
