"""The recording a transcript was made from (issue 18, item 5): link one audio or video file to a document.

The project keeps where the recording is (``models.MediaLink``: path, media type from the suffix, duration when
its header says, and an offset), never its bytes: recordings are large and confidential. A turn said at ``t``
in the transcript plays at ``t + offset_ms`` in the recording (a recording that starts 30 s before the
transcript's 00:00:00 has offset 30000). Linking and unlinking are undoable edits with an audit record each
(:class:`LinkRecordingEdit`, :class:`UnlinkRecordingEdit`); :func:`link_recordings_beside` links the same-named
recording beside each transcript an import just stored (``concord import --link-media``, the import dialog).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import Changes
from coding.documents import Turn
from coding.edits.base import Edit
from coding.errors import ConcordError, ConflictError, NotFoundError, ValidationError
from models import Document, MediaLink
from coding.i18n import translate

if TYPE_CHECKING:  # the import package is not loaded with the window: only linking after an import needs it
    from coding.importing.tasks import ImportReport

# What QtMultimedia's FFmpeg back end plays, by suffix; the first five are looked for beside a transcript.
MEDIA_TYPES: dict[str, str] = {
    ".wav": "audio/wav", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".mp4": "video/mp4", ".webm": "video/webm",
    ".aac": "audio/aac", ".flac": "audio/flac", ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg",
    ".wma": "audio/x-ms-wma", ".m4v": "video/mp4", ".mov": "video/quicktime", ".mkv": "video/x-matroska",
    ".avi": "video/x-msvideo",
}
BESIDE_SUFFIXES = (".wav", ".mp3", ".m4a", ".mp4", ".webm")
ENTITY = "document"


@dataclass(frozen=True)
class Recording:
    """A link's stored facts (what an edit remembers to put back)."""

    path: str
    media_type: str
    duration_ms: int | None
    offset_ms: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "media_type": self.media_type, "duration_ms": self.duration_ms,
                "offset_ms": self.offset_ms}


@dataclass(frozen=True)
class RecordingLink:
    """A document's linked recording, as the CLI and the player read it."""

    document_id: int
    document: str
    recording: Recording

    @property
    def exists(self) -> bool:
        return Path(self.recording.path).is_file()

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, **self.recording.to_dict(), "exists": self.exists}


# -- the file ----------------------------------------------------------------------------------------------------


def media_type_of(path: Path) -> str:
    """The media type a recording's suffix says; ValidationError naming the file for a kind that does not play."""
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        kinds = ", ".join(sorted(MEDIA_TYPES))
        raise ValidationError(translate(
            "errors", "{path}: not a recording Concord plays (use one of {kinds})").format(path=path, kinds=kinds))
    return media_type


def read_duration_ms(path: Path) -> int | None:
    """The duration its header gives (mutagen reads WAV, MP3, MP4/M4A, Ogg, FLAC), or None (WebM, a header it
    cannot read: the player learns the duration when it opens the file)."""
    import mutagen

    try:
        parsed = mutagen.File(path)
    except (mutagen.MutagenError, OSError, ValueError):
        return None
    length = getattr(getattr(parsed, "info", None), "length", None)
    return round(length * 1000) if isinstance(length, (int, float)) and length > 0 else None


def inspect_recording(path: Path, offset_ms: int = 0) -> Recording:
    """The facts of a recording to link (the path made absolute); one clear error naming a missing file."""
    absolute = path.expanduser().absolute()
    media_type = media_type_of(absolute)
    if not absolute.exists():
        raise NotFoundError(translate("errors", "{absolute}: no such recording").format(absolute=absolute))
    if not absolute.is_file():
        raise ValidationError(translate("errors", "{absolute}: is not a file").format(absolute=absolute))
    return Recording(str(absolute), media_type, read_duration_ms(absolute), offset_ms)


def recording_beside(transcript: Path) -> Path | None:
    """A same-named recording in the transcript's folder (interview-07.docx → interview-07.wav …), if any."""
    for suffix in BESIDE_SUFFIXES:
        for candidate in (transcript.with_suffix(suffix), transcript.with_suffix(suffix.upper())):
            if candidate.is_file():
                return candidate
    return None


# -- reading -----------------------------------------------------------------------------------------------------


def _links(session: Session, document_ids: Iterable[int] | None = None) -> list[RecordingLink]:
    query = (
        select(Document.id, Document.name, MediaLink.path, MediaLink.media_type, MediaLink.duration_ms,
               MediaLink.offset_ms)
        .join(MediaLink, MediaLink.document_id == Document.id)
        .order_by(Document.name)
    )
    if document_ids is not None:
        query = query.where(Document.id.in_(list(document_ids)))
    return [RecordingLink(row[0], row[1], Recording(*row[2:])) for row in session.execute(query)]


def recording_link(session: Session, document_id: int) -> RecordingLink | None:
    links = _links(session, [document_id])
    return links[0] if links else None


def recording_links(session: Session) -> list[RecordingLink]:
    """Every document's linked recording, by document name."""
    return _links(session)


# -- writing -----------------------------------------------------------------------------------------------------


def _document(session: Session, document_uuid: str) -> Document:
    document = session.scalar(select(Document).where(Document.uuid == document_uuid))
    if document is None:
        raise NotFoundError(translate("errors", "that document is no longer in the project"))
    return document


def _current(session: Session, document_id: int) -> Recording | None:
    link = recording_link(session, document_id)
    return link.recording if link is not None else None


def put_recording(
    session: Session, document_uuid: str, recording: Recording | None, *, actor: str, expected: Recording | None
) -> Changes:
    """Make ``recording`` (None: no recording) the document's link, if its link is still ``expected``.

    Writes one audit event ("link-recording" or "unlink-recording") with the link before and after.
    """
    document = _document(session, document_uuid)
    before = _current(session, document.id)
    if before != expected:
        raise ConflictError(translate(
            "errors", "the recording of '{name}' was changed meanwhile; nothing was changed").format(
            name=document.name))
    session.execute(delete(MediaLink).where(MediaLink.document_id == document.id))
    if recording is not None:
        session.add(MediaLink(document_id=document.id, **recording.to_dict()))
        session.flush()
    action = "link-recording" if recording is not None else "unlink-recording"
    record(session, actor, action, ENTITY, document.uuid,
           before.to_dict() if before else None, recording.to_dict() if recording else None)
    return Changes(documents=True)


class LinkRecordingEdit(Edit):
    """Link a recording to a document (replacing the one it had); undo puts the former link back."""

    def __init__(self, document_uuid: str, recording: Recording) -> None:
        self.document_uuid = document_uuid
        self.recording = recording
        self.before: Recording | None = None

    @property
    def label(self) -> str:
        return translate("edits", "Link recording {file}").format(file=Path(self.recording.path).name)

    def do(self, session: Session, actor: str) -> Changes:
        self.before = _current(session, _document(session, self.document_uuid).id)
        return put_recording(session, self.document_uuid, self.recording, actor=actor, expected=self.before)

    def undo(self, session: Session, actor: str) -> Changes:
        return put_recording(session, self.document_uuid, self.before, actor=actor, expected=self.recording)


class UnlinkRecordingEdit(Edit):
    """Take a document's recording link away; undo links it again."""

    def __init__(self, document_uuid: str) -> None:
        self.document_uuid = document_uuid
        self.before: Recording | None = None

    @property
    def label(self) -> str:
        return translate("edits", "Unlink recording")

    def do(self, session: Session, actor: str) -> Changes:
        document = _document(session, self.document_uuid)
        self.before = _current(session, document.id)
        if self.before is None:
            raise NotFoundError(translate(
                "errors", "document '{name}' has no linked recording").format(name=document.name))
        return put_recording(session, self.document_uuid, None, actor=actor, expected=self.before)

    def undo(self, session: Session, actor: str) -> Changes:
        return put_recording(session, self.document_uuid, self.before, actor=actor, expected=None)


# -- playing in sync ---------------------------------------------------------------------------------------------


class TurnClock:
    """Which timed turn is said at a moment of the recording (for the player's highlight), by bisection."""

    def __init__(self, turns: Sequence[Turn], offset_ms: int = 0) -> None:
        self.offset_ms = offset_ms
        self.timed = [(turn.start_ms, turn.end_ms, index) for index, turn in enumerate(turns)
                      if turn.start_ms is not None]
        self.timed.sort()
        self.starts = [start for start, _, _ in self.timed]

    def turn_at(self, position_ms: int) -> int | None:
        """The index (in the document's turns) of the turn said at ``position_ms`` of the recording; None before
        the first timed turn or past a turn's known end."""
        said = position_ms - self.offset_ms
        found = bisect_right(self.starts, said) - 1
        if found < 0:
            return None
        _, end, index = self.timed[found]
        return index if end is None or said < end else None

    def position_of(self, turn: Turn) -> int | None:
        """Where ``turn`` starts in the recording (never before its start), or None for an untimed turn."""
        return None if turn.start_ms is None else max(0, turn.start_ms + self.offset_ms)


# -- importing both together -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BesideLink:
    """What :func:`link_recordings_beside` did for one imported transcript."""

    document: str
    recording: str
    linked: bool
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "recording": self.recording, "linked": self.linked, "reason": self.reason}


def link_recordings_beside(session: Session, report: ImportReport, *, actor: str) -> list[BesideLink]:
    """Link the same-named recording beside each transcript the import stored (one audit event each).

    A recording that cannot be linked is reported and the others go on; each imported item's message says
    which recording it got, so the import report shows it.
    """
    from coding.importing.tasks import ImportStatus

    done: list[BesideLink] = []
    for task in report.items:
        beside = recording_beside(task.path) if task.status == ImportStatus.IMPORTED else None
        if beside is None or task.document_id is None:
            continue
        document = session.get(Document, task.document_id)
        if document is None:
            continue
        try:
            recording = inspect_recording(beside)  # refusals come before any write: the others go on
            LinkRecordingEdit(document.uuid, recording).do(session, actor)
        except ConcordError as error:
            done.append(BesideLink(document.name, str(beside), False, str(error)))
            task.add_to_message(f"; recording {beside.name} not linked: {error}", translate(
                "importing", "; recording {name} not linked: {error}").format(name=beside.name, error=error))
            continue
        done.append(BesideLink(document.name, recording.path, True))
        task.add_to_message(f"; recording {beside.name} linked", translate(
            "importing", "; recording {name} linked").format(name=beside.name))
    return done


__all__ = [
    "BESIDE_SUFFIXES", "BesideLink", "TurnClock", "LinkRecordingEdit", "MEDIA_TYPES", "Recording", "RecordingLink",
    "UnlinkRecordingEdit", "inspect_recording", "link_recordings_beside", "media_type_of", "put_recording",
    "read_duration_ms", "recording_beside", "recording_link", "recording_links",
]
