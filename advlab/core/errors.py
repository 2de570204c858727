"""Errors a user can act on. Their message says what is wrong and what to do.

Everything raised as a `UserError` is shown as a one-line message (CLI, exit
status 2) or a dialog (GUI); any other exception is a bug.
"""


class UserError(Exception):
    """Bad input from the user: a file, a parameter, a model name.

    ``message`` is English. With ``values`` it is a template whose ``{name}`` fields they
    fill (``str()`` is the filled-in English); the window translates the template first
    (`advlab.gui.i18n.user_message`), so a Dutch lab explains the problem in Dutch.
    """

    def __init__(self, message: str = "", **values: object) -> None:
        self.template = message
        self.values = values
        super().__init__(message.format(**values) if values else message)


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


class DataError(UserError):
    """A data set (folder, archive, download) that cannot be used for training."""
