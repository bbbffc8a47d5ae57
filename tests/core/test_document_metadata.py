"""Transcript headers become document metadata, bracketed labels open turns, and metadata becomes attributes.

Samples are real transcripts' openings (Chinese and English, .txt and a real .docx); the store is a real
project file, the migration runs up and down on it with data in it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding import cases
from coding.errors import ConflictError, NotFoundError
from coding.importing import import_file
from coding.importing.header import detect_header
from coding.importing.turns import detect_turns
from coding.metadata import document_metadata, metadata_to_attributes, undo_metadata_to_attributes
from coding.project import Project
from models import AuditEvent, Case, Document, DocumentMetadata, SpeakerTurn
from models.store import downgrade, make_engine, migrate, sqlite_url
from tests.core.conftest import write_docx

ZH_HEADER = (
    "访谈编号：A01\n"
    "访谈对象：某县人民医院院长\n"
    "访谈方式：面对面\n"
    "访谈时间：2021年3月5日\n"
    "\n"
    "访谈者：院长您好，谢谢您抽时间接受访谈。先请您简单介绍一下医院的情况吧？\n"
    "\n"
    "受访者：好的。我们医院是医共体的牵头医院，下面有十四个乡镇卫生院。\n"
)
EN_HEADER = (
    "Interview ID: P07\n"
    "Date: 2021-05-12\n"
    "Interview mode: Video call\n"
    "\n"
    "Interviewer: Thank you for joining by video. Could you describe your role?\n"
    "Doctor: I coordinate the telemedicine office. We schedule the consultations.\n"
    "Interviewer: How is the network governed?\n"
    "Doctor: It is a cooperative network, not a group.\n"
)


def _speakers(text: str) -> list[str]:
    return [turn.speaker for turn in detect_turns(text, start=detect_header(text).body_start)]


def _fields(text: str) -> list[tuple[str, str]]:
    return [(field.key, field.value) for field in detect_header(text).fields]


# -- the header block ----------------------------------------------------------------------------
def test_a_chinese_header_is_metadata_and_the_turns_start_after_it() -> None:
    header = detect_header(ZH_HEADER)
    assert _fields(ZH_HEADER) == [
        ("访谈编号", "A01"), ("访谈对象", "某县人民医院院长"), ("访谈方式", "面对面"), ("访谈时间", "2021年3月5日"),
    ]
    assert ZH_HEADER[header.fields[1].start : header.fields[1].end] == "访谈对象：某县人民医院院长"
    assert _speakers(ZH_HEADER) == ["访谈者", "受访者"]
    # Before this change every header line was a speaker turn of its own.
    assert [t.speaker for t in detect_turns(ZH_HEADER)][:4] == ["访谈编号", "访谈对象", "访谈方式", "访谈时间"]


def test_an_english_header_is_metadata_and_a_body_label_stays_a_speaker() -> None:
    assert _fields(EN_HEADER) == [("Interview ID", "P07"), ("Date", "2021-05-12"), ("Interview mode", "Video call")]
    assert _speakers(EN_HEADER) == ["Interviewer", "Doctor", "Interviewer", "Doctor"]


@pytest.mark.parametrize(
    ("text", "fields", "speakers"),
    [
        # The block ends at a known speaker label, even without a blank line before it.
        ("Date: 2021-05-03\nInterviewer: Hello\nR: Yes", [("Date", "2021-05-03")], ["Interviewer", "R"]),
        # A Word document separates every paragraph by a blank line: the block goes on across them.
        ("Interview ID: P07\n\nDate: 12 May 2021\n\nInterviewer: Hello?\n\nP1: Yes.",
         [("Interview ID", "P07"), ("Date", "12 May 2021")], ["Interviewer", "P1"]),
        # "Doctor: Two ways" reads like a field, but Doctor speaks again further down: a speaker.
        ("Site: County A\nDoctor: Two ways\nInterviewer: ok\nDoctor: yes", [("Site", "County A")],
         ["Doctor", "Interviewer", "Doctor"]),
        # A value that ends like a sentence, or asks, is speech.
        ("Doctor: I think the alliance works.\nInterviewer: why", [], ["Doctor", "Interviewer"]),
        ("Mode: face to face\nDoctor: I think…", [("Mode", "face to face")], ["Doctor"]),
        ("Topic: why join?\nA: money", [], ["Topic", "A"]),
        # Sentence-like keys, long values and lower-case keys are not fields.
        ("The reason is simple: money\nInterviewer: ok", [], ["", "Interviewer"]),
        ("Note: " + "word " * 20 + "\nQ: x", [], ["Note", "Q"]),
        ("date: 2021\nQ: x", [], ["date", "Q"]),
        # Numbered and lettered speaker labels are speakers.
        ("R1: We joined in 2017\nQ: When", [], ["R1", "Q"]),
        ("受访者A：是的\n访谈者：好", [], ["受访者A", "访谈者"]),
        # No header at all: nothing changes.
        ("Interviewer: How long?\nDr Li: Ten years.", [], ["Interviewer", "Dr Li"]),
        ("Interview 3, 12 May 2021\n\nInterviewer: Hi", [], ["", "Interviewer"]),
        # Markdown bold keys.
        ("**Date:** 2021-05-03\n受访者A：好", [("Date", "2021-05-03")], ["受访者A"]),
    ],
)
def test_header_table(text: str, fields: list[tuple[str, str]], speakers: list[str]) -> None:
    assert _fields(text) == fields
    assert _speakers(text) == speakers


# -- bracketed labels ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "speaker", "content"),
    [
        ("[id1] We joined the alliance in 2017.", "id1", "We joined the alliance in 2017."),
        ("[Interviewer] How long have you worked here?", "Interviewer", "How long have you worked here?"),
        ("[Interviewer]: with a colon", "Interviewer", "with a colon"),
        ("[Dr Li] About ten years.", "Dr Li", "About ten years."),
        ("【访谈者】您好。", "访谈者", "您好。"),
        ("【受访者A】：是的", "受访者A", "是的"),
        ("  [P03]   indented", "P03", "indented"),
    ],
)
def test_bracketed_label(line: str, speaker: str, content: str) -> None:
    [turn] = detect_turns(line)
    assert turn.speaker == speaker
    assert line[turn.content_start : turn.end] == content


@pytest.mark.parametrize(
    "line", ["[laughs] yes", "[inaudible] words", "[00:01:23] timestamp", "(P1) round brackets", "[] empty"]
)
def test_bracketed_notes_are_not_labels(line: str) -> None:
    assert [turn.speaker for turn in detect_turns(line)] == [""]


def test_a_bracketed_transcript() -> None:
    text = "[Interviewer] How are you?\n[id1] Fine.\nStill me.\n【访谈者】好的"
    assert [(t.speaker, text[t.content_start : t.end]) for t in detect_turns(text)] == [
        ("Interviewer", "How are you?"), ("id1", "Fine.\nStill me."), ("访谈者", "好的"),
    ]


# -- import and store ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Dr Li: \u0301Dr Li: Dr Li: ", "Date: 2021\n\nPlace: Shenzhen\n"])
def test_labelled_lines_with_nothing_after_them_are_not_a_header(text: str) -> None:
    """Found by the import fuzzer: a one-line "Dr Li: …" transcript became all header and no turn."""
    assert detect_header(text).fields == ()


def test_import_stores_the_header_as_metadata_outside_every_turn(tmp_path: Path, import_project: Project) -> None:
    source = tmp_path / "A01.txt"
    source.write_text(ZH_HEADER, encoding="utf-8")
    document = import_file(import_project, source)
    with import_project.session() as session:
        assert [(m.key, m.value) for m in document_metadata(session, document.id)] == _fields(ZH_HEADER)
        turns = session.scalars(select(SpeakerTurn).where(SpeakerTurn.document_id == document.id)).all()
        stored = session.scalars(select(DocumentMetadata).order_by(DocumentMetadata.position)).all()
        text = document.text
    assert text == ZH_HEADER.rstrip("\n")  # the text keeps its header: offsets never move
    assert [t.speaker for t in turns] == ["访谈者", "受访者"] and document.turn_count == 2
    assert all(text[m.start : m.end].startswith(m.key) for m in stored)
    assert min(t.start for t in turns) > max(m.end for m in stored)


def test_a_docx_header_with_paragraph_gaps_is_metadata(tmp_path: Path, import_project: Project) -> None:
    blocks = [("p", line) for line in EN_HEADER.splitlines() if line]
    document = import_file(import_project, write_docx(tmp_path / "P07.docx", blocks))
    with import_project.session() as session:
        assert [(m.key, m.value) for m in document_metadata(session, document.id)] == _fields(EN_HEADER)
    assert document.turn_count == 4


def test_migration_0007_down_and_up_with_data(tmp_path: Path) -> None:
    path = tmp_path / "m.concord"
    with Project.create(path, with_codebook=False) as project:
        (tmp_path / "A01.txt").write_text(ZH_HEADER, encoding="utf-8")
        import_file(project, tmp_path / "A01.txt")
    engine = make_engine(sqlite_url(path))
    try:
        downgrade(engine, "0006")
        with sqlite3.connect(path) as raw:
            tables = {row[0] for row in raw.execute("select name from sqlite_master where type='table'")}
            assert "document_metadata" not in tables
            assert raw.execute("select count(*) from documents").fetchone()[0] == 1
        migrate(engine)
    finally:
        engine.dispose()
    with Project.open(path) as project, project.session() as session:
        assert session.scalar(select(func.count()).select_from(DocumentMetadata)) == 0  # nothing re-derived
        assert session.scalar(select(func.count()).select_from(SpeakerTurn)) == 2
        (tmp_path / "P07.txt").write_text(EN_HEADER, encoding="utf-8")
        import_file(session, tmp_path / "P07.txt")
        assert session.scalar(select(func.count()).select_from(DocumentMetadata)) == 3


# -- metadata to attributes ----------------------------------------------------------------------
@pytest.fixture
def headed(tmp_path: Path, import_project: Project) -> Project:
    for name, text in {"A01": ZH_HEADER, "P07": EN_HEADER}.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        import_file(import_project, tmp_path / f"{name}.txt")
    return import_project


def _values(session) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    return {row["name"]: row["attributes"] for row in cases.list_cases(session)}


def test_metadata_to_attributes_creates_cases_and_is_undone(headed: Project) -> None:
    with headed.session() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
        transfer = metadata_to_attributes(session, actor="Lin", keys=["访谈方式", "date", "Interview mode"])
        assert _values(session) == {"A01": {"访谈方式": "面对面"}, "P07": {"Date": "2021-05-12",
                                                                              "Interview mode": "Video call"}}
        assert transfer.created_cases == ("A01", "P07") and transfer.changes.attributes
        assert cases.document_case(session, "A01") == "A01"
        assert session.scalar(select(func.count()).select_from(AuditEvent)) > events
    with headed.session() as session:  # again: everything is already there, nothing conflicts
        again = metadata_to_attributes(session, actor="Lin", keys=["访谈方式", "date", "Interview mode"])
        assert again.values == () and again.unchanged == 3
    with headed.session() as session:
        undo_metadata_to_attributes(session, transfer, actor="Lin")
        assert session.scalar(select(func.count()).select_from(Case)) == 0
        assert cases.list_attributes(session) == []
        assert cases.document_case(session, "A01") is None


def test_metadata_goes_to_an_existing_case_and_conflicts_are_refused_listing_them(headed: Project) -> None:
    with headed.session() as session:
        cases.add_case(session, "Director A", actor="Lin")
        cases.attach_document(session, "Director A", "A01", actor="Lin")
        cases.set_attribute_value(session, "Director A", "访谈方式", "电话", actor="Lin")
        cases.add_case(session, "P07", actor="Lin")
        cases.set_attribute_value(session, "P07", "Date", "2020-01-01", actor="Lin")
    with headed.session() as session:
        before = _values(session), session.scalar(select(func.count()).select_from(AuditEvent))
        with pytest.raises(ConflictError) as refused:
            metadata_to_attributes(session, actor="Lin")
        message = str(refused.value)
        assert "nothing changed" in message
        assert "case Director A, 访谈方式: the case has '电话', A01 says '面对面'" in message
        assert "case P07, Date: the case has '2020-01-01', P07 says '2021-05-12'" in message
        assert (_values(session), session.scalar(select(func.count()).select_from(AuditEvent))) == before
    with headed.session() as session:  # the keys that do not conflict go in, the caseless P07 joins case P07
        transfer = metadata_to_attributes(session, actor="Lin", keys=["访谈编号", "Interview mode", "Interview ID"])
        assert _values(session)["Director A"]["访谈编号"] == "A01"
        assert _values(session)["P07"]["Interview ID"] == "P07"
        assert transfer.created_cases == () and transfer.attached == (("P07", "P07"),)


def test_unknown_keys_and_no_metadata_are_refused(headed: Project) -> None:
    with headed.session() as session, pytest.raises(NotFoundError, match="no document has the metadata key"):
        metadata_to_attributes(session, actor="Lin", keys=["Gender"])


def test_a_refi_round_trip_keeps_the_metadata(headed: Project, tmp_path: Path) -> None:
    """REFI-QDA has no field for it in Concord's export; the importer finds it again in the text."""
    from coding.refi.export import export_qdpx
    from coding.refi.importer import import_qdpx

    with headed.session() as session:
        export_qdpx(session, tmp_path / "study.qdpx")
    import_qdpx(tmp_path / "study.qdpx", tmp_path / "back.concord")
    with Project.open(tmp_path / "back.concord") as back, back.session() as session:
        found = {
            document.name: [(m.key, m.value) for m in document_metadata(session, document.id)]
            for document in session.scalars(select(Document))
        }
        turns = session.scalar(select(func.count()).select_from(SpeakerTurn))
    assert found == {"A01": _fields(ZH_HEADER), "P07": _fields(EN_HEADER)}
    assert turns == 2 + 4


def test_deleting_a_document_takes_its_metadata_and_restoring_it_brings_it_back(headed: Project) -> None:
    from coding.documents import delete_documents, find_document, restore_documents

    with headed.session() as session:
        deleted = delete_documents(session, ["A01"], actor="Lin")
        assert session.scalar(select(func.count()).select_from(DocumentMetadata)) == 3  # P07's three are left
        restore_documents(session, deleted, actor="Lin")
        restored = find_document(session, "A01")
        assert [(m.key, m.value) for m in document_metadata(session, restored.id)] == _fields(ZH_HEADER)


def test_header_lines_are_not_words_said(headed: Project) -> None:
    """The stored word count, `concord check --words` and word frequencies agree: header lines hold no words."""
    from coding.analysis.words import word_frequencies
    from coding.check import check_project

    with headed.session() as session:
        frequencies = word_frequencies(session, top=None, include_stop_words=True)
    assert not {"访谈编号", "a01", "p07", "mode"} & {word.casefold() for word in frequencies.words}
    headed.close()
    report = check_project(headed.path, words=True, audit=False)
    assert report.ok, [problem.message for problem in report.problems]


def test_a_value_the_attribute_type_refuses_is_listed(headed: Project) -> None:
    with headed.session() as session:
        cases.ensure_attribute(session, "访谈编号", "number", actor="Lin")
    with headed.session() as session, pytest.raises(ConflictError, match=r"A01 says 'A01' \('A01' is not a number\)"):
        metadata_to_attributes(session, actor="Lin", keys=["访谈编号"])
    with headed.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


@pytest.mark.parametrize("line", ["【笑】好的", "[Laughter] yes", "【停顿】"])
def test_bracketed_notes_in_either_script_are_not_labels(line: str) -> None:
    assert [turn.speaker for turn in detect_turns(line)] == [""]


def test_a_colon_label_that_names_a_note_word_is_still_a_speaker() -> None:
    assert [turn.speaker for turn in detect_turns("Pause: a speaker's name, oddly")] == ["Pause"]
