"""One family of errors whose message is meant for the user: one line, naming the file and the problem.

The CLI prints ``Error: <message>`` and exits 1; the GUI shows the message in one dialog. Any other
exception is a bug and keeps its traceback.
"""

from __future__ import annotations

from datetime import datetime


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


class StaleEditError(ConflictError):
    """An edit based on a row (code, case, attribute, memo, matrix summary) that someone changed since the editor
    read it: refused, nothing overwritten. The message says what changed, by whom and when, e.g.
    ``Code "Trust" was changed by Lin at 10:42 — reloaded; your edit was not applied``.

    Usage (a benchmark or script editing beside other processes): read the row's version, then write with it::

        from coding import versions
        from coding.edits import UpdateCodeEdit
        seen = versions.code_version(project, code_uuid)             # what this editor read
        try:
            versions.write(project, UpdateCodeEdit(code_uuid, expected_version=seen, definition=text).do)
        except StaleEditError as conflict:                         # someone else's edit came first: reported,
            ...                                                    # nothing written; conflict.actor / .at say who

    ``versions.write`` runs the step in one short transaction and retries serialisation failures and deadlocks.
    ``entity`` / ``uuid`` name the row; ``actor`` and ``at`` come from its last audit event (None if unknown).
    """

    def __init__(self, message: str, *, entity: str, uuid: str | None, actor: str | None = None,
                 at: datetime | None = None) -> None:
        super().__init__(message)
        self.entity, self.uuid, self.actor, self.at = entity, uuid, actor, at


class ImportFileError(ConcordError):
    """A file that cannot be imported; the message starts with the file's name."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class CancelledError(ConcordError):
    """The user cancelled a long operation; nothing after the last finished item was written."""
