"""Errors a user can cause. The CLI turns these into one line on stderr and exit code 2."""


class CheckerError(Exception):
    """Base class for problems with the user's input, options or models (not internal bugs)."""


class InputError(CheckerError):
    """Unreadable, empty or unusable input files, or no usable articles at all."""


class ModelError(CheckerError):
    """A model that cannot be found or loaded (bad path, unknown hub id while offline, wrong head)."""


class DataError(CheckerError):
    """Labelled data with missing columns or unknown labels."""


class ConfigError(CheckerError):
    """A setting out of its range (`field` names the Config field; the CLI names the option)."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field} {problem}")
        self.field = field
        self.problem = problem
