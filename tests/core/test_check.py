"""``check_project`` and ``repair_project`` on real project files damaged the ways they get damaged: raw SQL
written with foreign keys off (as another tool or an old bug would), and scribbled index pages. Each problem
must be found with its table and row, and the repair must fix what it claims and nothing a researcher wrote."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from coding import audit
from coding.backup import list_backups
from coding.check import CheckError, check_project, repair_project
from coding.project import Project
from models.store import copy_project
from tests.core.test_backup import HAS_LOCK, held_by_another_process

EN = (
    "Interviewer: How did the reform change your office?\n\n"
    "R: Since the group was set up as an independent legal person, my job has changed. We sit on the council. "
    "We set the targets.\n\n"
    "Interviewer: Who appoints the president?\n\n"
    "R: The council appoints the group president. The bureau only sets targets.\n"
)
ZH = "访谈者：请介绍一下医联体的情况。\n\n受访者：政府作为出资人，负责任命院长。财务统一管理，人事权下放到集团。\n"
HAS_CHAIN = hasattr(audit, "verify_chain")


def _build(path: Path) -> None:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text

    with Project.create(path) as project, project.session() as session:
        en = add_document_text(session, name="P01", text=EN, source_name="p01.txt", format="txt")
        zh = add_document_text(session, name="P02", text=ZH, source_name="p02.txt", format="txt")
        ann = get_or_create_coder(session, "Ann", actor="fixture")
        ben = get_or_create_coder(session, "Ben", actor="fixture")
        code = find_code(session, "Owner functions").id
        for document, text, coder, words in ((en.id, EN, ann.id, "Since the group was set up"),
                                             (en.id, EN, ben.id, "The council appoints"),
                                             (zh.id, ZH, ann.id, "政府作为出资人")):
            start = text.index(words)
            apply_code(session, document_id=document, coder_id=coder, code_id=code, start=start,
                       end=start + len(words), actor="fixture")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "template.concord"
    _build(path)
    return path


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    copy_project(template, target)
    return target


def rows(path: Path, sql: str, *params: object) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def damage(path: Path, *statements: str) -> None:
    """Write raw SQL with foreign keys off, as a careless tool would."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def one(path: Path, sql: str) -> object:
    return rows(path, sql)[0][0]


def found(report, check: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(p.table, p.row_id, p.uuid, p.repairable) for p in report.of(check)]


# -- a sound project -------------------------------------------------------------------------------------
def test_a_sound_project_passes_every_check_and_nothing_changes(study: Path) -> None:
    before = {table: rows(study, f"SELECT * FROM {table}") for table in ("documents", "codings", "sentences")}
    report = check_project(study, words=True)  # the word recount agrees with the importer
    assert report.ok, [p.describe() for p in report.problems]
    assert report.total == 0 and report.repairable == 0
    if HAS_CHAIN:
        assert any("audit chain intact" in note for note in report.notes)
    assert {table: rows(study, f"SELECT * FROM {table}") for table in before} == before


def test_repair_of_a_sound_project_does_nothing_and_writes_no_backup(study: Path) -> None:
    result = repair_project(study)
    assert result.ok and result.actions == [] and result.backup is None
    assert list_backups(study) == []


# -- what is found and what is repaired --------------------------------------------------------------------
def test_a_coding_past_the_end_of_its_text_is_reported_and_never_changed(study: Path) -> None:
    coding_id, uuid = rows(study, "SELECT id, uuid FROM codings ORDER BY id LIMIT 1")[0]
    damage(study, f'UPDATE codings SET "end" = {len(EN) + 40} WHERE id = {coding_id}')
    report = check_project(study)
    assert found(report, "offsets") == [("codings", coding_id, uuid, False)]
    assert "ends after the text" in report.of("offsets")[0].message
    assert not report.ok

    result = repair_project(study)
    assert result.actions == [] and not result.ok  # nothing it may fix
    assert one(study, f'SELECT "end" FROM codings WHERE id = {coding_id}') == len(EN) + 40


def test_empty_or_reversed_spans_of_codings_and_sentences_are_found(study: Path) -> None:
    coding_id = one(study, "SELECT max(id) FROM codings")
    sentence_id = one(study, "SELECT min(id) FROM sentences")
    damage(study, f'UPDATE codings SET start = "end" WHERE id = {coding_id}',
           f'UPDATE sentences SET start = "end" + 3 WHERE id = {sentence_id}')
    report = check_project(study)
    assert {(p.table, p.row_id) for p in report.of("offsets")} == {("codings", coding_id), ("sentences", sentence_id)}
    assert all("empty or reversed" in p.message for p in report.of("offsets"))


def test_a_turn_whose_label_ends_outside_it_is_found(study: Path) -> None:
    turn_id = one(study, "SELECT min(id) FROM speaker_turns")
    damage(study, f'UPDATE speaker_turns SET content_start = "end" + 1 WHERE id = {turn_id}')
    report = check_project(study)
    assert found(report, "offsets") == [("speaker_turns", turn_id, None, False)]
    assert "label ends outside the turn" in report.of("offsets")[0].message


def test_a_sentence_outside_its_speaker_turn_is_found(study: Path) -> None:
    sentence_id, turn_start = rows(study, "SELECT s.id, t.start FROM sentences s JOIN speaker_turns t "
                                          "ON t.id = s.turn_id WHERE t.start > 0 ORDER BY s.id LIMIT 1")[0]
    damage(study, f"UPDATE sentences SET start = {turn_start - 2} WHERE id = {sentence_id}")
    report = check_project(study)
    assert found(report, "units") == [("sentences", sentence_id, None, False)]
    assert "outside its speaker turn" in report.of("units")[0].message


def test_wrong_stored_totals_are_found_and_recomputed(study: Path) -> None:
    document_id, uuid, words = rows(study, "SELECT id, uuid, word_count FROM documents WHERE name = 'P01'")[0]
    turns = one(study, f"SELECT count(*) FROM speaker_turns WHERE document_id = {document_id}")
    sentences = one(study, f"SELECT count(*) FROM sentences WHERE document_id = {document_id}")
    damage(study, "UPDATE documents SET turn_count = 99, sentence_count = 0, char_count = 5, word_count = -3 "
                  f"WHERE id = {document_id}")
    report = check_project(study)
    assert found(report, "totals") == [("documents", document_id, uuid, True)]
    message = report.of("totals")[0].message
    for part in ("turns 99", "sentences 0", "characters 5", "words -3"):
        assert part in message

    result = repair_project(study, actor="checker")

    assert result.ok, [p.describe() for p in result.after.problems]
    assert rows(study, f"SELECT turn_count, sentence_count, char_count, word_count FROM documents "
                       f"WHERE id = {document_id}") == [(turns, sentences, len(EN), words)]
    assert result.backup is not None and result.backup.reason == "before-repair"
    assert rows(result.backup.path, f"SELECT turn_count FROM documents WHERE id = {document_id}") == [(99,)]
    events = rows(study, "SELECT actor, action, entity FROM audit_events WHERE action = 'repair'")
    assert events == [("checker", "repair", "project")]


def test_a_plausible_but_wrong_word_count_is_found_only_by_the_recount(study: Path) -> None:
    document_id, words = rows(study, "SELECT id, word_count FROM documents WHERE name = 'P02'")[0]
    damage(study, f"UPDATE documents SET word_count = {words + 1} WHERE id = {document_id}")
    assert check_project(study).ok
    report = check_project(study, words=True)
    assert found(report, "totals") == [("documents", document_id, report.of("totals")[0].uuid, True)]
    assert f"a recount finds {words}" in report.of("totals")[0].message
    assert repair_project(study, words=True).ok
    assert one(study, f"SELECT word_count FROM documents WHERE id = {document_id}") == words


def test_orphans_of_a_deleted_document_units_go_codings_stay(study: Path) -> None:
    document_id = one(study, "SELECT id FROM documents WHERE name = 'P02'")
    coding = rows(study, f"SELECT id, uuid FROM codings WHERE document_id = {document_id}")[0]
    sentence_ids = {r[0] for r in rows(study, f"SELECT id FROM sentences WHERE document_id = {document_id}")}
    turn_ids = {r[0] for r in rows(study, f"SELECT id FROM speaker_turns WHERE document_id = {document_id}")}
    damage(study, f"DELETE FROM documents WHERE id = {document_id}")

    report = check_project(study)

    listed = {(p.table, p.row_id): p for p in report.of("references")}
    assert {row for table, row in listed if table == "sentences"} == sentence_ids
    assert {row for table, row in listed if table == "speaker_turns"} == turn_ids
    assert listed[("codings", coding[0])].uuid == coding[1]
    assert not listed[("codings", coding[0])].repairable
    assert all(p.repairable for (table, _), p in listed.items() if table != "codings")
    assert f"refers to documents row {document_id}, which does not exist" in listed[("codings", coding[0])].message

    result = repair_project(study)

    assert one(study, f"SELECT count(*) FROM sentences WHERE document_id = {document_id}") == 0
    assert one(study, f"SELECT count(*) FROM speaker_turns WHERE document_id = {document_id}") == 0
    assert rows(study, f"SELECT uuid FROM codings WHERE id = {coding[0]}") == [(coding[1],)]  # the coding stays
    assert [(p.table, p.row_id) for p in result.after.problems] == [("codings", coding[0])]
    assert any("deleted" in action and "sentence" in action for action in result.actions)


def test_sentences_whose_turn_was_rewritten_are_reattached(study: Path) -> None:
    turn = rows(study, 'SELECT id, document_id, position, speaker, start, content_start, "end" FROM speaker_turns '
                       "ORDER BY id LIMIT 1")[0]
    sentences = {r[0] for r in rows(study, f"SELECT id FROM sentences WHERE turn_id = {turn[0]}")}
    assert sentences
    new_id = one(study, "SELECT max(id) FROM speaker_turns") + 100  # type: ignore[operator]
    damage(study, "INSERT INTO speaker_turns (id, document_id, position, speaker, start, content_start, \"end\") "
                  f"VALUES ({new_id}, {turn[1]}, {turn[2]}, '{turn[3]}', {turn[4]}, {turn[5]}, {turn[6]})",
           f"DELETE FROM speaker_turns WHERE id = {turn[0]}")
    report = check_project(study)
    assert {p.row_id for p in report.of("references")} == sentences
    assert all(p.repairable and p.table == "sentences" for p in report.of("references"))

    assert repair_project(study).ok
    assert {r[0] for r in rows(study, f"SELECT id FROM sentences WHERE turn_id = {new_id}")} == sentences


def test_a_coding_whose_coder_is_gone_is_reported_not_repaired(study: Path) -> None:
    coding_id, uuid = rows(study, "SELECT c.id, c.uuid FROM codings c JOIN coders r ON r.id = c.coder_id "
                                  "WHERE r.name = 'Ben'")[0]
    damage(study, "DELETE FROM coders WHERE name = 'Ben'")
    report = check_project(study)
    assert found(report, "references") == [("codings", coding_id, uuid, False)]
    assert "its coder_id refers to coders row" in report.of("references")[0].message


def _scribble_on_an_index(path: Path) -> None:
    """Flip one bit of a row id inside an index page of a closed project file (a disk or copy error)."""
    assert not Path(f"{path}-wal").exists()  # no connection is open on it
    root, page_size = rows(path, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
                                 "WHERE name = 'ix_codings_code_coder'")[0]
    data = bytearray(path.read_bytes())
    base = (root - 1) * page_size
    assert data[base] == 0x0A  # a leaf index page
    cells = int.from_bytes(data[base + 3 : base + 5], "big")
    pointer = int.from_bytes(data[base + 8 + 2 * (cells - 1) : base + 10 + 2 * (cells - 1)], "big")
    size = data[base + pointer]
    data[base + pointer + size] ^= 0x01  # the record's last byte: the row id
    path.write_bytes(bytes(data))


def test_a_damaged_index_is_found_and_rebuilt(study: Path) -> None:
    _scribble_on_an_index(study)
    report = check_project(study)
    assert report.counts["integrity"] >= 1
    assert all("ix_codings_code_coder" in p.message and p.repairable for p in report.of("integrity"))

    result = repair_project(study)

    assert "rebuilt every index (REINDEX)" in result.actions
    assert result.ok
    assert rows(study, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.skipif(not HAS_CHAIN, reason="this version has no audit chain")
def test_an_edited_audit_event_breaks_the_chain(study: Path) -> None:
    event_id = one(study, "SELECT min(id) FROM audit_events WHERE entity = 'coding'")
    damage(study, f"UPDATE audit_events SET actor = 'someone else' WHERE id = {event_id}")
    report = check_project(study)
    (problem,) = report.of("audit")
    assert problem.table == "audit_events" and problem.row_id == event_id and not problem.repairable
    assert "broken" in problem.message
    assert not repair_project(study).ok  # the chain is evidence: the repair leaves it alone


@pytest.mark.skipif(not HAS_LOCK, reason="this version has no project lock")
def test_repair_is_refused_while_another_process_writes_and_checking_still_works(study: Path) -> None:
    document_id = one(study, "SELECT min(id) FROM documents")
    damage(study, f"UPDATE documents SET turn_count = 99 WHERE id = {document_id}")
    with held_by_another_process(study):
        assert check_project(study).counts["totals"] == 1  # reading needs no lock
        with pytest.raises(CheckError, match="cannot be repaired"):
            repair_project(study)
    assert one(study, f"SELECT turn_count FROM documents WHERE id = {document_id}") == 99
    assert list_backups(study) == []


# -- what cannot be checked ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_text("not a database"), "not a readable SQLite database"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE things (id INTEGER)").connection.commit(),
     "an SQLite database, but not a Concord project"),
])
def test_a_file_that_is_not_a_project_is_refused(tmp_path: Path, make: Callable[[Path], object],
                                                  message: str) -> None:
    path = tmp_path / "other.concord"
    make(path)
    with pytest.raises(CheckError, match=message):
        check_project(path)


def test_a_newer_schema_is_refused(study: Path) -> None:
    damage(study, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(CheckError, match="newer version of Concord"):
        check_project(study)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CheckError, match=r"none\.concord: no such project file"):
        check_project(tmp_path / "none.concord")
