"""Errors a user can act on. Their message says what is wrong and what to do.

Everything raised as a `UserError` is shown as a one-line message (CLI, exit
status 2) or a dialog (GUI); any other exception is a bug.
"""


class UserError(Exception):
    """Bad input from the user: a file, a parameter, a model name."""


class ImageError(UserError):
    """An image file that cannot be used."""


class ModelError(UserError):
    """A model that cannot be loaded or is not a usable classifier."""


class ParameterError(UserError):
    """An attack or command parameter outside its allowed range."""


class Cancelled(Exception):
    """Work stopped because the user asked for it."""


class SessionError(UserError):
    """A session file that cannot be saved or opened."""
