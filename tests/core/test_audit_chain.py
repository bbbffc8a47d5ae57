"""The audit trail's hash chain: linked on write, verified, tampering found, old projects chained on upgrade,
one linear chain with two processes writing at once, imports audited, events listed and filtered."""

from __future__ import annotations

import csv
import json
import multiprocessing
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from coding.audit import (
    GENESIS_HASH,
    AuditFilter,
    count_events,
    event_hash,
    export_events_csv,
    iter_events,
    list_events,
    parse_when,
    record,
    verify_chain,
)
from coding.cases import add_case, ensure_attribute, set_attribute_value
from coding.errors import CancelledError, ValidationError
from coding.project import Project
from models import AuditEvent, Document
from models.store import make_engine, migrate, sqlite_url

TEXT = (
    "Interviewer: How did the alliance change your work?\n"
    "Doctor: We now refer patients upwards much faster. The county hospital trusts our notes.\n"
    "Interviewer: And the money?\n"
    "Doctor: The budget is still decided by the bureau, not by us."
)


def _chain(path: Path) -> list[tuple[int, str | None, str | None]]:
    with sqlite3.connect(path) as raw:
        return raw.execute("select id, prev_hash, hash from audit_events order by id").fetchall()


@pytest.fixture
def audited(tmp_path: Path) -> Path:
    """A closed project with 14 codebook events and a few about cases (with Chinese), no spaCy needed."""
    path = tmp_path / "audited.concord"
    project = Project.create(path)
    with project.session() as session:
        add_case(session, "受访者 01", actor="Lin")
        add_case(session, "P02", actor="Wang", description="county hospital director")
        ensure_attribute(session, "mode", "text", actor="Lin")
        set_attribute_value(session, "受访者 01", "mode", "紧密型医联体", actor="Lin")
    project.close()
    return path


# -- linking ---------------------------------------------------------------------------------------------
def test_every_event_links_to_the_one_before(audited: Path) -> None:
    chain = _chain(audited)
    assert len(chain) >= 18
    assert chain[0][1] == GENESIS_HASH
    for (_, _, previous_hash), (_, prev_hash, own_hash) in pairwise(chain):
        assert prev_hash == previous_hash
        assert own_hash is not None and len(own_hash) == 64
    with Project.open(audited) as project, project.session() as session:
        result = verify_chain(session)
    assert result.ok and result.checked == result.total == len(chain)
    assert result.head_hash == chain[-1][2]
    assert result.message.startswith(f"audit chain intact: {len(chain)} events checked")


def test_hash_covers_the_stored_values_and_the_link(audited: Path) -> None:
    """The hash is recomputable from what is stored (timestamps without zone, JSON as read back)."""
    with Project.open(audited) as project, project.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.actor == "Lin").limit(1)).one()
        fields = {
            "id": event.id, "at": event.at.isoformat(timespec="microseconds"), "actor": event.actor,
            "action": event.action, "entity": event.entity, "entity_uuid": event.entity_uuid,
            "before": event.before, "after": event.after,
        }
        assert event.at.tzinfo is None  # SQLite hands back UTC wall time
        assert event_hash(fields, event.prev_hash) == event.hash
        assert event_hash(fields, GENESIS_HASH) != event.hash


def test_events_of_one_transaction_chain_in_order(tmp_path: Path) -> None:
    with Project.create(tmp_path / "t.concord", with_codebook=False) as project:
        with project.session() as session:
            first = record(session, "Lin", "note", "project", None, None, {"n": (1, 2)})
            second = record(session, "Lin", "note", "project", None, {"n": [1, 2]}, {"n": {"3": "三"}})
        assert first.prev_hash == GENESIS_HASH and second.prev_hash == first.hash
        with project.session() as session:
            assert verify_chain(session).ok
            stored = session.get(AuditEvent, first.id)
            assert stored is not None and stored.after == {"n": [1, 2]}  # a tuple is stored (and hashed) as a list


def test_a_rolled_back_event_leaves_no_gap_in_the_chain(tmp_path: Path) -> None:
    with Project.create(tmp_path / "r.concord", with_codebook=False) as project:
        with project.session() as session:
            record(session, "Lin", "note", "project", None)
        with pytest.raises(RuntimeError), project.session() as session:
            record(session, "Lin", "lost", "project", None)
            raise RuntimeError("the edit fails after its event was linked")
        with project.session() as session:
            record(session, "Wang", "note", "project", None)
            result = verify_chain(session)
    assert result.ok and result.checked == 2


# -- tampering --------------------------------------------------------------------------------------------
TARGET = 8  # a case event in the middle of the chain


def _edit_after(raw: sqlite3.Connection) -> None:
    raw.execute("update audit_events set after = json_set(after, '$.name', 'Forged') where id = ?", (TARGET,))


def _edit_actor(raw: sqlite3.Connection) -> None:
    raw.execute("update audit_events set actor = 'Someone else' where id = ?", (TARGET,))


def _edit_time(raw: sqlite3.Connection) -> None:
    raw.execute("update audit_events set at = '2020-01-01 00:00:00.000000' where id = ?", (TARGET,))


def _break_json(raw: sqlite3.Connection) -> None:
    raw.execute("update audit_events set after = '{not json' where id = ?", (TARGET,))


def _delete(raw: sqlite3.Connection) -> None:
    raw.execute("delete from audit_events where id = ?", (TARGET,))


def _insert_at_end(raw: sqlite3.Connection) -> None:
    raw.execute(
        "insert into audit_events (at, actor, action, entity, entity_uuid, before, after) "
        "values ('2026-01-01 10:00:00.000000', 'Lin', 'apply_code', 'coding', NULL, 'null', '{\"start\": 1}')"
    )


def _insert_forged_in_the_middle(raw: sqlite3.Connection) -> None:
    """A tamperer who knows the scheme: makes room after TARGET and slips in a correctly hashed event."""
    raw.execute("drop index ix_audit_events_prev_hash")  # the unique index refuses two events on one predecessor
    raw.execute("update audit_events set id = id + 100000 where id > ?", (TARGET,))
    raw.execute("update audit_events set id = id - 100000 + 1 where id > 100000")
    prev_hash = raw.execute("select hash from audit_events where id = ?", (TARGET,)).fetchone()[0]
    fields = {"id": TARGET + 1, "at": "2026-01-01T10:00:00.000000", "actor": "Lin", "action": "apply_code",
              "entity": "coding", "entity_uuid": None, "before": None, "after": {"start": 1}}
    raw.execute(
        "insert into audit_events (id, at, actor, action, entity, entity_uuid, before, after, prev_hash, hash) "
        "values (?, '2026-01-01 10:00:00.000000', 'Lin', 'apply_code', 'coding', NULL, 'null', ?, ?, ?)",
        (TARGET + 1, json.dumps(fields["after"]), prev_hash, event_hash(fields, prev_hash)),
    )


def _swap_with_next(raw: sqlite3.Connection) -> None:
    raw.execute("update audit_events set id = -1 where id = ?", (TARGET,))
    raw.execute("update audit_events set id = ? where id = ?", (TARGET, TARGET + 1))
    raw.execute("update audit_events set id = ? where id = -1", (TARGET + 1,))


@pytest.mark.parametrize(
    ("tamper", "problem", "broken_at"),
    [
        (_edit_after, "edited", TARGET),
        (_edit_actor, "edited", TARGET),
        (_edit_time, "edited", TARGET),
        (_break_json, "edited", TARGET),
        (_delete, "deleted", TARGET + 1),
        (_insert_at_end, "inserted", None),  # None: the new row's id
        (_insert_forged_in_the_middle, "inserted", TARGET + 1),
        (_swap_with_next, "reordered", TARGET),
    ],
    ids=["edit-after", "edit-actor", "edit-time", "not-json", "delete", "insert-at-end", "insert-forged",
         "reorder"],
)
def test_tampering_is_found_at_the_first_broken_link(
    audited: Path, tamper: Callable[[sqlite3.Connection], None], problem: str, broken_at: int | None
) -> None:
    with sqlite3.connect(audited) as raw:
        tamper(raw)
        last_id = raw.execute("select max(id) from audit_events").fetchone()[0]
    with Project.open(audited) as project, project.session() as session:
        result = verify_chain(session)
    expected_at = broken_at if broken_at is not None else last_id
    assert (result.ok, result.problem, result.broken_at) == (False, problem, expected_at)
    assert result.checked <= result.total
    assert result.message.startswith(f"audit chain broken at event {expected_at} (")


def test_an_unchained_predecessor_does_not_stop_new_events(audited: Path) -> None:
    """After a raw insert, Concord keeps writing (linked to that row's content); verify names the raw row."""
    with sqlite3.connect(audited) as raw:
        _insert_at_end(raw)
        raw_id = raw.execute("select max(id) from audit_events").fetchone()[0]
    with Project.open(audited) as project:
        with project.session() as session:
            add_case(session, "P03", actor="Lin")
        with project.session() as session:
            result = verify_chain(session)
    assert (result.problem, result.broken_at) == ("inserted", raw_id)


def test_verify_can_be_cancelled(audited: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import coding.audit as audit_module

    monkeypatch.setattr(audit_module, "READ_BATCH", 5)
    seen: list[tuple[int, int]] = []
    with Project.open(audited) as project, project.session() as session:
        with pytest.raises(CancelledError, match="cancelled"):
            audit_module.verify_chain(session, progress=lambda d, t, _w: seen.append((d, t)), cancel=lambda: True)
        result = audit_module.verify_chain(session, progress=lambda d, t, _w: seen.append((d, t)))
    assert result.ok
    assert seen and seen[-1][1] == result.total


# -- upgrading an old project -------------------------------------------------------------------------------
OLD_EVENTS = sa.table(
    "audit_events",
    sa.column("at", sa.DateTime(timezone=True)), sa.column("actor", sa.String), sa.column("action", sa.String),
    sa.column("entity", sa.String), sa.column("entity_uuid", sa.String), sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
)


def test_upgrade_chains_the_events_an_old_project_already_has(tmp_path: Path) -> None:
    path = tmp_path / "old.concord"
    engine = make_engine(sqlite_url(path))
    migrate(engine, "0003")
    start = datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)
    old_events = [
        {"at": start + timedelta(minutes=i), "actor": ["lin", "wang"][i % 2], "action": "apply_code",
         "entity": "coding", "entity_uuid": f"00000000-0000-0000-0000-{i:012d}",
         "before": None if i % 3 else {"memo": "旧备注", "start": i},
         "after": {"memo": f"访谈 {i} — “quoted”", "start": i, "end": i + 5, "nested": [1, {"a": None}]}}
        for i in range(40)
    ]
    with engine.begin() as connection:
        connection.execute(sa.text("insert into project_meta (key, value) values ('app', 'concord'), ('name', 'Old')"))
        connection.execute(OLD_EVENTS.insert(), old_events)
    engine.dispose()

    with Project.open(path) as project:
        assert project.upgraded_from == "0003"
        with project.session() as session:
            upgraded = verify_chain(session)
            add_case(session, "P01", actor="Lin")  # new events continue the upgraded chain
        with project.session() as session:
            after_new_event = verify_chain(session)
            memos = [row.after["memo"] for row in list_events(session, AuditFilter(entity="coding"), limit=2)]
    assert upgraded.ok and upgraded.checked == 40
    assert after_new_event.ok and after_new_event.checked == 41
    assert memos == ["访谈 39 — “quoted”", "访谈 38 — “quoted”"]
    chain = _chain(path)
    assert chain[0][1] == GENESIS_HASH and all(row[2] for row in chain)


def test_downgrade_removes_the_chain_columns(tmp_path: Path) -> None:
    from models.store import downgrade

    path = tmp_path / "down.concord"
    Project.create(path).close()
    engine = make_engine(sqlite_url(path))
    downgrade(engine, "0003")
    engine.dispose()
    with sqlite3.connect(path) as raw:
        columns = {row[1] for row in raw.execute("pragma table_info(audit_events)")}
        assert raw.execute("select count(*) from audit_events").fetchone()[0] == 14
    assert {"id", "after"} <= columns and not {"hash", "prev_hash"} & columns


# -- two processes writing at once ------------------------------------------------------------------------------
CODINGS_PER_WRITER = 40


def _write_codings(path: str, coder_name: str, start: multiprocessing.synchronize.Event) -> None:
    """A second program on the same file (no project lock: SQLite's own lock is what the chain relies on)."""
    from sqlalchemy.orm import Session

    from coding.codebook import find_code
    from coding.coders import find_coder
    from coding.codings import apply_code, remove_coding
    from coding.documents import find_document

    engine = make_engine(sqlite_url(Path(path)))
    start.wait(30)
    for number in range(CODINGS_PER_WRITER):
        with Session(engine) as session, session.begin():
            document = find_document(session, "Interview")
            coding = apply_code(session, document_id=document.id, coder_id=find_coder(session, coder_name).id,
                                code_id=find_code(session, "Decision rights").id, start=number, end=number + 20,
                                actor=coder_name)
            coding_uuid = coding.uuid
        if number % 2:
            # Removing writes the audit event first: the transaction's first write is the event itself.
            with Session(engine) as session, session.begin():
                remove_coding(session, coding_uuid, actor=coder_name)
    engine.dispose()


def test_two_processes_writing_at_once_keep_one_linear_chain(tmp_path: Path, import_pipelines: object) -> None:
    from coding.coders import get_or_create_coder
    from coding.importing import add_document_text

    path = tmp_path / "shared.concord"
    with Project.create(path) as project, project.session() as session:
        add_document_text(session, name="Interview", text=TEXT, source_name="i.txt", format="txt")
        for name in ("Lin", "Wang"):
            get_or_create_coder(session, name, actor=name)
    before = len(_chain(path))

    context = multiprocessing.get_context("spawn")
    start = context.Event()
    writers = [context.Process(target=_write_codings, args=(str(path), name, start)) for name in ("Lin", "Wang")]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join(120)
    assert [writer.exitcode for writer in writers] == [0, 0]

    chain = _chain(path)
    assert len(chain) == before + 2 * (CODINGS_PER_WRITER + CODINGS_PER_WRITER // 2)
    prev_hashes = [row[1] for row in chain]
    assert len(set(prev_hashes)) == len(prev_hashes)  # no two events on one predecessor: no fork
    for (_, _, previous_hash), (_, prev_hash, _) in pairwise(chain):
        assert prev_hash == previous_hash
    with Project.open(path) as project, project.session() as session:
        result = verify_chain(session)
        actors = {row.actor for row in list_events(session, AuditFilter(action="apply_code"))}
    assert result.ok and result.checked == len(chain)
    assert actors == {"Lin", "Wang"}


# -- imports are audited -----------------------------------------------------------------------------------------
def test_each_imported_file_writes_one_event_with_its_facts(import_project: Project, tmp_path: Path) -> None:
    from coding.importing import import_paths
    from tests.core.conftest import write_docx

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p01.txt").write_bytes("受访者：我们医联体的转诊更快了。\n访谈者：为什么？".encode("gb18030"))
    write_docx(folder / "p02.docx", [("p", TEXT)])
    import_project.actor = "Lin"
    report = import_paths(import_project, [folder])
    assert [item.status for item in report.items] == ["imported", "imported"]

    with import_project.session() as session:
        events = list_events(session, AuditFilter(action="import"))
        assert verify_chain(session).ok
        stored = {doc.uuid: doc for doc in session.scalars(select(Document))}
    assert len(events) == 2 and {event.actor for event in events} == {"Lin"}
    by_file = {event.after["file"]: event for event in events}
    txt, docx_event = by_file["p01.txt"], by_file["p02.docx"]
    assert txt.entity == "document" and txt.entity_uuid in stored
    document = stored[txt.entity_uuid]
    assert txt.after == {
        "name": "p01", "file": "p01.txt", "format": "txt", "encoding": document.encoding,
        "sha256": document.sha256, "language": "zh", "characters": document.char_count,
        "words": document.word_count, "turns": document.turn_count, "sentences": document.sentence_count,
    }
    assert document.encoding and document.turn_count == 2
    assert docx_event.after["format"] == "docx" and docx_event.after["turns"] == 4


# -- listing, filters, export -------------------------------------------------------------------------------------
def test_filters_select_by_actor_entity_action_text_and_time(audited: Path) -> None:
    with Project.open(audited) as project, project.session() as session:
        everything = list_events(session)
        assert [row.id for row in everything] == sorted((row.id for row in everything), reverse=True)
        by_lin = list_events(session, AuditFilter(actor="Lin"))
        assert {row.actor for row in by_lin} == {"Lin"} and len(by_lin) == 3
        cases = list_events(session, AuditFilter(entity="case"))
        assert {row.action for row in cases} == {"add", "set-value"} and len(cases) == 3
        assert [row.action for row in list_events(session, AuditFilter(action="set-value"))] == ["set-value"]
        chinese = list_events(session, AuditFilter(text="紧密型"))  # stored JSON escapes it as \\u7d27…
        assert [row.action for row in chinese] == ["set-value"]
        assert "紧密型医联体" in chinese[0].summary
        director = list_events(session, AuditFilter(text="hospital director"))
        assert [row.entity for row in director] == ["case"]
        newest = everything[0].at
        assert list_events(session, AuditFilter(since=newest + timedelta(seconds=1))) == []
        assert len(list_events(session, AuditFilter(until=newest + timedelta(seconds=1)))) == len(everything)
        assert count_events(session, AuditFilter(actor="Wang")) == 1


def test_pages_follow_each_other_without_gaps(audited: Path) -> None:
    with Project.open(audited) as project, project.session() as session:
        everything = [row.id for row in list_events(session)]
        first = list_events(session, limit=5)
        second = list_events(session, before_id=first[-1].id, limit=5)
        assert [row.id for row in first + second] == everything[:10]
        assert [row.id for row in iter_events(session, batch=4)] == everything


def test_summaries_name_codes_and_show_what_changed(tmp_path: Path, import_pipelines: object) -> None:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code, resize_coding
    from coding.importing import add_document_text

    with Project.create(tmp_path / "s.concord") as project, project.session() as session:
        document = add_document_text(session, name="Interview", text=TEXT, source_name="i.txt", format="txt")
        coder = get_or_create_coder(session, "Lin", actor="Lin")
        coding = apply_code(session, document_id=document.id, coder_id=coder.id,
                            code_id=find_code(session, "Owner functions").id, start=0, end=11, actor="Lin")
        resize_coding(session, coding.uuid, 0, 20, actor="Lin")
        resized, applied = list_events(session, AuditFilter(entity="coding"))
    assert resized.summary == "end 11 → 20"
    assert "code=Owner functions" in applied.summary and "document=Interview" in applied.summary
    assert "coder=Lin" in applied.summary


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2026-03-01", False, datetime(2026, 3, 1).astimezone()),
        ("2026-03-01", True, datetime(2026, 3, 2).astimezone()),
        ("2026-03-01T14:30", False, datetime(2026, 3, 1, 14, 30).astimezone()),
        ("2026-03-01T14:30+08:00", False, datetime(2026, 3, 1, 6, 30, tzinfo=UTC)),
    ],
)
def test_dates_are_read_in_local_time(text: str, end: bool, expected: datetime) -> None:
    assert parse_when(text, end=end) == expected


def test_a_bad_date_names_the_option() -> None:
    with pytest.raises(ValidationError, match=r"--since: '2026-13-01' is not a date"):
        parse_when("2026-13-01", option="--since")


def test_csv_export_has_a_bom_and_keeps_chinese(audited: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    with Project.open(audited) as project, project.session() as session:
        result = export_events_csv(session, target, AuditFilter(actor="Lin"))
        expected = list_events(session, AuditFilter(actor="Lin"))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert result.items == len(rows) == len(expected) == 3
    assert [int(row["id"]) for row in rows] == [row.id for row in expected]
    assert rows[0]["actor"] == "Lin" and "紧密型医联体" in rows[0]["after"]
    assert json.loads(rows[0]["after"]) == expected[0].after
    assert rows[0]["hash"] == expected[0].hash


def test_csv_export_refuses_a_bad_target_and_writes_nothing(audited: Path, tmp_path: Path) -> None:
    with Project.open(audited) as project, project.session() as session:
        with pytest.raises(ValidationError, match="audit trail is written as .csv"):
            export_events_csv(session, tmp_path / "audit.xlsx")
        with pytest.raises(ValidationError, match="does not exist"):
            export_events_csv(session, tmp_path / "missing" / "audit.csv")
    assert not list(tmp_path.glob("*.xlsx")) and not (tmp_path / "missing").exists()
