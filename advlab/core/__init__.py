"""The engine: torch and numpy only, never Qt. Usable from the CLI, tests and notebooks."""
