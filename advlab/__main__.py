"""`python -m advlab` is the same as the `advlab` command."""

from advlab.cli import main

raise SystemExit(main())
