"""Recordings linked to transcripts (coding/media.py): the file's facts, link and unlink as undoable edits with an
audit record, refusals that change nothing, which turn is said when, and importing both together."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.documents import Turn, load_document
from coding.errors import ConflictError, NotFoundError, ValidationError
from coding.importing import import_paths
from coding.media import (
    LinkRecordingEdit,
    Recording,
    TurnClock,
    UnlinkRecordingEdit,
    inspect_recording,
    link_recordings_beside,
    put_recording,
    read_duration_ms,
    recording_beside,
    recording_link,
    recording_links,
)
from coding.project import Project
from models import AuditEvent, Document, MediaLink
from tests.core.media_samples import write_interview, write_tone


@pytest.fixture
def interview(import_project: Project, tmp_path: Path) -> tuple[Project, Document, Path]:
    transcript, recording = write_interview(tmp_path / "in")
    report = import_paths(import_project, [transcript])
    assert report.imported, report.summary
    with import_project.session() as session:
        document = session.scalars(select(Document)).one()
        session.expunge(document)
    return import_project, document, recording


def _events(project: Project, action: str) -> list[AuditEvent]:
    with project.session() as session:
        events = list(session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))
        session.expunge_all()
    return events


def _link(project: Project, document: Document) -> Recording | None:
    with project.session() as session:
        link = recording_link(session, document.id)
    return link.recording if link else None


def test_a_generated_wav_is_inspected_with_its_type_and_duration(tmp_path: Path) -> None:
    path = write_tone(tmp_path / "tone.wav", seconds=3.0)
    recording = inspect_recording(path, 250)
    assert recording == Recording(str(path.absolute()), "audio/wav", 3000, 250)
    assert read_duration_ms(path) == 3000


@pytest.mark.parametrize(("name", "make", "error", "words"), [
    ("notes.docx", True, ValidationError, "not a recording Concord plays"),
    ("gone.mp3", False, NotFoundError, "no such recording"),
])
def test_a_file_that_is_not_a_recording_is_refused_naming_it(
    tmp_path: Path, name: str, make: bool, error: type[Exception], words: str
) -> None:
    path = tmp_path / name
    if make:
        path.write_bytes(b"PK\x03\x04")
    with pytest.raises(error) as refused:
        inspect_recording(path)
    assert str(path) in str(refused.value) and words in str(refused.value)


def test_a_recording_whose_header_cannot_be_read_links_without_a_duration(tmp_path: Path) -> None:
    path = tmp_path / "damaged.wav"
    path.write_bytes(b"not a RIFF header at all")
    assert inspect_recording(path).duration_ms is None


def test_link_undo_redo_with_an_audit_record_each(interview: tuple[Project, Document, Path]) -> None:
    project, document, wav = interview
    recording = inspect_recording(wav, 1500)
    edit = LinkRecordingEdit(document.uuid, recording)
    with project.session() as session:
        changes = edit.do(session, "Alice")
    assert changes.documents
    assert _link(project, document) == recording
    with project.session() as session:
        assert [link.to_dict() for link in recording_links(session)] == [
            {"document": document.name, "path": str(wav.absolute()), "media_type": "audio/wav",
             "duration_ms": 4000, "offset_ms": 1500, "exists": True}]
    with project.session() as session:
        edit.undo(session, "Alice")
    assert _link(project, document) is None
    with project.session() as session:
        edit.redo(session, "Alice")
    assert _link(project, document) == recording
    events = _events(project, "link-recording")
    assert [(e.actor, e.entity_uuid, e.before, (e.after or {}).get("offset_ms")) for e in events] == [
        ("Alice", document.uuid, None, 1500), ("Alice", document.uuid, None, 1500)]
    assert [e.before for e in _events(project, "unlink-recording")] == [recording.to_dict()]


def test_linking_another_recording_replaces_the_link_and_undo_puts_the_first_back(
    interview: tuple[Project, Document, Path], tmp_path: Path
) -> None:
    project, document, wav = interview
    first = inspect_recording(wav)
    second = inspect_recording(write_tone(tmp_path / "second take.wav", seconds=2.0))
    with project.session() as session:
        LinkRecordingEdit(document.uuid, first).do(session, "Alice")
    replace = LinkRecordingEdit(document.uuid, second)
    with project.session() as session:
        replace.do(session, "Alice")
    assert _link(project, document) == second
    with project.session() as session:
        replace.undo(session, "Alice")
    assert _link(project, document) == first


def test_unlink_and_its_undo(interview: tuple[Project, Document, Path]) -> None:
    project, document, wav = interview
    recording = inspect_recording(wav)
    with project.session() as session:
        LinkRecordingEdit(document.uuid, recording).do(session, "Alice")
    unlink = UnlinkRecordingEdit(document.uuid)
    with project.session() as session:
        unlink.do(session, "Bob")
    assert _link(project, document) is None
    with project.session() as session:
        unlink.undo(session, "Bob")
    assert _link(project, document) == recording
    with project.session() as session:
        unlink.redo(session, "Bob")
    with pytest.raises(NotFoundError, match=f"'{document.name}' has no linked recording"):
        with project.session() as session:
            UnlinkRecordingEdit(document.uuid).do(session, "Bob")


def test_undo_refuses_when_someone_changed_the_link_meanwhile(interview: tuple[Project, Document, Path]) -> None:
    project, document, wav = interview
    mine = inspect_recording(wav)
    edit = LinkRecordingEdit(document.uuid, mine)
    with project.session() as session:
        edit.do(session, "Alice")
    theirs = Recording(mine.path, mine.media_type, mine.duration_ms, 9000)
    with project.session() as session:
        put_recording(session, document.uuid, theirs, actor="Bob", expected=mine)
    with pytest.raises(ConflictError, match="changed meanwhile"):
        with project.session() as session:
            edit.undo(session, "Alice")
    assert _link(project, document) == theirs


def test_deleting_the_document_takes_its_link(interview: tuple[Project, Document, Path]) -> None:
    from coding.documents import delete_documents, restore_documents

    project, document, wav = interview
    with project.session() as session:
        LinkRecordingEdit(document.uuid, inspect_recording(wav)).do(session, "Alice")
    with project.session() as session:
        deleted = delete_documents(session, [document.name], actor="Alice")
    with project.session() as session:
        assert session.scalar(select(func.count()).select_from(MediaLink)) == 0
    with project.session() as session:
        restore_documents(session, deleted, actor="Alice")
    assert _link(project, document) == inspect_recording(wav)


def test_the_clock_names_the_turn_said_at_each_moment(interview: tuple[Project, Document, Path]) -> None:
    project, document, _ = interview
    with project.session() as session:
        turns = load_document(session, document.id).turns
    assert [(t.start_ms, t.end_ms) for t in turns] == [(0, 1500), (1500, 3000), (3000, None)]
    clock = TurnClock(turns)
    assert [clock.turn_at(ms) for ms in (0, 1499, 1500, 2999, 3000, 600_000)] == [0, 0, 1, 1, 2, 2]
    shifted = TurnClock(turns, offset_ms=2000)  # the recording runs 2 s ahead of the transcript's clock
    assert [shifted.turn_at(ms) for ms in (0, 1999, 2000, 3600)] == [None, None, 0, 1]
    assert [shifted.position_of(turn) for turn in turns] == [2000, 3500, 5000]
    assert TurnClock(turns, offset_ms=-1000).position_of(turns[0]) == 0  # never before the recording starts


def test_a_turn_past_its_known_end_is_not_highlighted() -> None:
    turns = [Turn(0, 5, 20, "A", 1000, 2000), Turn(21, 26, 40, "B"), Turn(41, 46, 60, "A", 5000, 6000)]
    clock = TurnClock(turns)
    assert [clock.turn_at(ms) for ms in (999, 1000, 2500, 5500, 6000)] == [None, 0, None, 2, None]
    assert clock.position_of(turns[1]) is None


def test_import_links_the_same_named_recording_beside_each_transcript(
    import_project: Project, tmp_path: Path
) -> None:
    with_recording, wav = write_interview(tmp_path / "in", "interview-07")
    alone = tmp_path / "in" / "interview-08.txt"
    alone.write_text("[00:00:00] Interviewer: Hello.\n", encoding="utf-8")
    upper = write_tone(tmp_path / "in" / "interview-09.MP3", seconds=1.0)  # a WAV named .MP3: still linked
    (tmp_path / "in" / "interview-09.txt").write_text("[00:00:00] Doctor: Yes.\n", encoding="utf-8")
    assert recording_beside(with_recording) == wav and recording_beside(alone) is None
    report = import_paths(import_project, [with_recording, alone, tmp_path / "in" / "interview-09.txt"])
    with import_project.session() as session:
        done = link_recordings_beside(session, report, actor="Alice")
    assert [(d.document, Path(d.recording).name, d.linked) for d in done] == [
        ("interview-07", "interview-07.wav", True), ("interview-09", upper.name, True)]
    assert "recording interview-07.wav linked" in report.items[0].message
    assert "recording" not in report.items[1].message
    with import_project.session() as session:
        links = {link.document: link.recording for link in recording_links(session)}
    assert links["interview-07"].duration_ms == 4000 and links["interview-09"].media_type == "audio/mpeg"
    assert len(_events(import_project, "link-recording")) == 2
