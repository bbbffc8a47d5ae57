"""One family of errors whose message is meant for the user: one line, naming the file and the problem.

The CLI prints ``Error: <message>`` and exits 1; the GUI shows the message in one dialog. Any other
exception is a bug and keeps its traceback.
"""

from __future__ import annotations


class ConcordError(Exception):
    """Base of every error a user can cause and should read."""


class ProjectFileError(ConcordError):
    """The project file is missing, not a Concord project, or from a newer schema."""


class ProjectInUseError(ProjectFileError):
    """Another process writes to the project; it can still be opened read-only. ``holder`` says who, if known."""

    def __init__(self, message: str, holder: object | None = None) -> None:
        super().__init__(message)
        self.holder = holder


class ReadOnlyLocationError(ProjectFileError):
    """The project file or its folder cannot be written; it can still be opened read-only."""


class ReadOnlyProjectError(ConcordError):
    """A write to a project opened read-only; nothing was written."""


class DatabaseError(ConcordError):
    """The database refused a step (locked by another program, disk full, read-only, damaged); nothing was saved."""


class ValidationError(ConcordError):
    """A value out of range or of the wrong kind (offsets, names, colours …)."""


class NotFoundError(ConcordError):
    """An unknown document, code, coder, case, attribute or coding."""


class DuplicateError(ConcordError):
    """Something with that name or content is already in the project."""


class ConflictError(ConcordError):
    """What the caller last saw was changed since (by another window or process); nothing was written."""


class ImportFileError(ConcordError):
    """A file that cannot be imported; the message starts with the file's name."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class CancelledError(ConcordError):
    """The user cancelled a long operation; nothing after the last finished item was written."""
