"""One exception family for everything a user can get wrong.

The CLI prints ``str(error)`` as one line and exits with ``exit_code``; the traceback
is shown only with ``-v``. Messages say what was wrong and, where possible, how to fix it.
Each class's docstring is its default message.
"""

from __future__ import annotations


class WatcherError(Exception):
    """Something went wrong."""

    exit_code = 1

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or (self.__doc__ or "").strip())


class UsageError(WatcherError):
    """The command line was not understood."""

    exit_code = 2


class BadWhenError(UsageError):
    """The date or time could not be understood."""


class BadTimezoneError(UsageError):
    """Unknown time zone."""


class BadLeadError(UsageError):
    """A lead time could not be understood."""


class NotFoundError(WatcherError):
    """No such deadline."""

    exit_code = 1


class StoreError(WatcherError):
    """The database could not be opened or used."""

    exit_code = 1


class ConfigError(WatcherError):
    """The configuration file is invalid."""

    exit_code = 2


class ImportFormatError(UsageError):
    """The file to import is not a watcher export or an iCalendar file."""
