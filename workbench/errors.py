"""Errors the core raises, split by whose fault they are.

``UserError`` and its subclasses carry a one-line reason meant for the person
at the keyboard (the CLI prints it, the UI shows it). ``EnvironmentFault``
marks trouble outside the program (disk full, database busy, read-only file),
which the user can often fix and retry. Anything else is our bug.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base class of every error the core raises on purpose."""


class UserError(WorkbenchError):
    """The request cannot be carried out; the message says why in one line."""


class NotFound(UserError):
    """No row with that id (or id prefix)."""


class AmbiguousId(UserError):
    """An id prefix matches more than one row."""


class InvalidOperation(UserError):
    """The operation would break a rule (e.g. linking a claim to itself)."""


class ImportRefused(UserError):
    """A file cannot be imported; ``path`` names it and the message says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EncodingUncertain(ImportRefused):
    """The text's encoding could not be detected with confidence.

    ``candidates`` lists plausible encodings, best first, so a caller can ask
    the user and retry with an explicit encoding.
    """

    def __init__(self, path: str, candidates: list[str]) -> None:
        super().__init__(
            path,
            "the text encoding could not be detected with confidence "
            f"(candidates: {', '.join(candidates) or 'none'}); choose one explicitly",
        )
        self.candidates = candidates


class EnvironmentFault(WorkbenchError):
    """Trouble outside the program: disk full, database busy or read-only."""


class DatabaseBusy(EnvironmentFault):
    """Another program holds a lock on the database for longer than we wait."""


class DiskFull(EnvironmentFault):
    """The disk is full; nothing was written. Free space and retry."""


class ReadOnlyDatabase(EnvironmentFault):
    """The database file or its folder cannot be written."""


class DatabaseTooNew(UserError):
    """The database was written by a newer version of the program."""


class DatabaseDamaged(EnvironmentFault):
    """The database file failed its integrity check.

    ``reason`` says what is wrong; ``advice`` (when known) which backup to
    restore and how. The message is both, in one line."""

    def __init__(self, reason: str, advice: str = "") -> None:
        super().__init__(f"{reason}; {advice}" if advice else reason)
        self.reason = reason
        self.advice = advice


class NoLibrary(UserError):
    """No library file at the given path (and the command does not create one)."""


class StaleEdit(UserError):
    """The row changed (by someone else) since the version the edit was based on."""


class ServerUnreachable(EnvironmentFault):
    """The library's database server cannot be reached."""
