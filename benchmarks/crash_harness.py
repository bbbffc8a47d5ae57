"""Crash harness: kill -9 at random moments while Concord codes, imports, merges codes and upgrades a project.

For each scenario a child process works on a real project file through the public API and acknowledges
each operation to the parent only after its transaction committed. The parent kills it with SIGKILL after
a seeded random delay, reopens the project as a user would (the dead child leaves a stale project lock and a
WAL behind) and checks: the project opens, ``PRAGMA integrity_check`` is "ok", every acknowledged operation
is there, and no operation is half done. Scenarios:

- ``coding``: ``apply_code`` in a loop, one coding per transaction (the same project file all along);
- ``import``: ``import_paths`` of generated transcripts (benchmarks/generate_corpus.py), one file at a time;
- ``merge``: make a code with a subcode and 60 codings, then ``merge_codes`` it into a level-3 code whose
  subcode of the same name takes the subcode's codings (a recursive merge);
- ``upgrade``: a project at schema 0002 with data (made with ``models.store.migrate(engine, "0002")`` on a
  fresh file, then filled) is opened by the child, which upgrades it, then codes; each kill gets a fresh copy.

Children are forked from a fork server that has already imported Concord and loaded spaCy, so a kill costs
milliseconds rather than an interpreter start.

    python benchmarks/crash_harness.py [--kills 1000] [--scenarios coding,import,merge,upgrade] [--seed 11]
                                       [--work benchmarks/out/crash] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (  # noqa: E402
    OUT_DIR,
    load_average,
    machine_description,
    machine_line,
    update_docs_section,
)

SCENARIOS = ("coding", "import", "merge", "upgrade")
PRELOAD_ENV = "CONCORD_CRASH_HARNESS_PRELOAD"
OLD_REVISION = "0002"
IMPORT_WORDS = 400  # words per generated transcript: several files per kill window
MERGE_CODINGS = (40, 20)  # codings on the merged code and on its subcode
MERGE_TARGET = "Residual claims/Financial management rights"
TEMPLATE_DOCUMENTS = 12
TEMPLATE_CODINGS = 3000
TEMPLATE_AUDIT_EVENTS = 3000
CALIBRATION_OPS = {"coding": 30, "import": 8, "merge": 6, "upgrade": 0}
# coding, import, merge: kills spread over this many acknowledgements after the child opened the project,
# and every OPENING_EVERY-th kill over the opening itself
WINDOW_ACKS = {"coding": 40, "import": 10, "merge": 12}
OPENING_EVERY = 10
UPGRADE_WINDOW = 1.3  # × the time to open (and upgrade) from the child's start: most kills land in the upgrade


# =================================================================================================
# The children (run in processes forked from the fork server)
# =================================================================================================
def _preload() -> None:
    """In the fork server: import Concord and load the spaCy pipelines once, for every child."""
    import coding.analysis  # noqa: F401
    import coding.codebook  # noqa: F401
    import coding.codings  # noqa: F401
    import coding.importing  # noqa: F401
    import coding.project  # noqa: F401
    from coding.nlp import get_pipeline, tokenize_words

    for language in ("en", "zh"):
        get_pipeline(language)
    tokenize_words("医联体的财务统一管理。", "zh")  # jieba loads its dictionary on first use


if os.environ.get(PRELOAD_ENV):
    _preload()


def child_main(scenario: str, path: str, acks: Connection, seed: int, limit: int | None) -> None:
    """Work on ``path`` until killed (or ``limit`` operations, for calibration), acknowledging each one."""
    try:
        CHILDREN[scenario](Path(path), acks, random.Random(seed), limit)
        acks.send(("done",))
    except BaseException:  # a failure is a finding: the parent reports it
        acks.send(("error", traceback.format_exc()))
        raise


def _open(path: Path, acks: Connection):  # type: ignore[no-untyped-def]
    from coding.project import Project

    project = Project.open(path)
    acks.send(("ready",))
    return project


def _codings_loop(project: Any, acks: Connection, rng: random.Random, limit: int | None) -> None:
    from sqlalchemy import select

    from coding.codebook import find_code
    from coding.codings import apply_code
    from models import Coder, Document

    with project.session() as session:
        documents = session.execute(select(Document.id, Document.char_count)).all()
        coder_id = session.scalar(select(Coder.id).order_by(Coder.id))
        code_id = find_code(session, "Decision rights/Owner functions").id
    done = 0
    while limit is None or done < limit:
        document_id, length = rng.choice(documents)
        start = rng.randrange(max(length - 60, 1))
        with project.session() as session:
            coding = apply_code(session, document_id=document_id, coder_id=coder_id, code_id=code_id, start=start,
                                end=min(start + rng.randint(8, 60), length), actor="crash harness")
            uuid = coding.uuid
        acks.send(("coding", uuid))  # acknowledged only once the commit returned
        done += 1


def _child_coding(path: Path, acks: Connection, rng: random.Random, limit: int | None) -> None:
    _codings_loop(_open(path, acks), acks, rng, limit)


def _child_import(path: Path, acks: Connection, rng: random.Random, limit: int | None) -> None:
    from benchmarks.generate_corpus import generate_document
    from coding.importing import import_paths

    project = _open(path, acks)
    folder = path.parent / "import-files"
    folder.mkdir(exist_ok=True)
    index = rng.randrange(10**8)  # a fresh stretch of the generator's documents for every child
    done = 0
    while limit is None or done < limit:
        document = generate_document(index, seed=11, words=IMPORT_WORDS)
        index += 1
        file = folder / f"{document.name}.txt"
        file.write_bytes(document.file_bytes)
        report = import_paths(project, [file])
        names = [item.document_name for item in report.items if item.status == "imported"]
        for name in names:
            acks.send(("document", name))
        file.unlink()
        done += 1


def _child_merge(path: Path, acks: Connection, rng: random.Random, limit: int | None) -> None:
    from sqlalchemy import select

    from coding.codebook import add_code, find_code, merge_codes
    from coding.codings import apply_code
    from models import Coder, Document

    project = _open(path, acks)
    with project.session() as session:
        documents = session.execute(select(Document.id, Document.char_count)).all()
        coder_id = session.scalar(select(Coder.id).order_by(Coder.id))
        parent_id = find_code(session, "Residual claims").id
        target_id = find_code(session, MERGE_TARGET).id
    tag = rng.randrange(10**9)
    done = 0
    while limit is None or done < limit:
        with project.session() as session:
            code = add_code(session, f"Fodder {tag}-{done}", parent_id, actor="crash harness")
            sub = add_code(session, "Detail", code.id, actor="crash harness")
            made = []
            for owner, count in zip((code, sub), MERGE_CODINGS, strict=True):
                for _ in range(count):
                    document_id, length = rng.choice(documents)
                    start = rng.randrange(max(length - 40, 1))
                    made.append(apply_code(session, document_id=document_id, coder_id=coder_id, code_id=owner.id,
                                           start=start, end=min(start + 30, length), actor="crash harness").uuid)
            code_uuid, sub_uuid = code.uuid, sub.uuid
        acks.send(("made", code_uuid, sub_uuid, made))
        with project.session() as session:
            merge_codes(session, find_code_id(session, code_uuid), target_id, actor="crash harness")
        acks.send(("merged", code_uuid))
        done += 1


def find_code_id(session: Any, uuid: str) -> int:
    from sqlalchemy import select

    from models import Code

    return session.scalar(select(Code.id).where(Code.uuid == uuid))


def _child_upgrade(path: Path, acks: Connection, rng: random.Random, limit: int | None) -> None:
    project = _open(path, acks)  # this open upgrades the project
    _codings_loop(project, acks, rng, limit)


CHILDREN: dict[str, Callable[[Path, Connection, random.Random, int | None], None]] = {
    "coding": _child_coding, "import": _child_import, "merge": _child_merge, "upgrade": _child_upgrade,
}


# =================================================================================================
# The parent: projects, kills, checks
# =================================================================================================
@dataclass
class Tally:
    scenario: str
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    torn: int = 0  # operations found half done (a document without sentences, a half-merged code)
    integrity_failures: int = 0
    unopenable: int = 0
    before_ready: int = 0  # kills while the child was still opening the project (for upgrade: upgrading it)
    child_errors: int = 0
    extra_backups: int = 0  # upgrade: backup files beyond the first one left beside the project
    broken_backups: int = 0  # upgrade: backup files that are not a sound SQLite database (a kill mid-backup)
    seconds: float = 0.0
    window_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if len(self.notes) < 10:
            self.notes.append(text)


@dataclass
class Round:
    acks: list[tuple] = field(default_factory=list)
    ack_times: list[float] = field(default_factory=list)  # seconds from start
    ready_after: float | None = None  # seconds from start until the child had the project open
    errors: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return self.ready_after is not None


def _context() -> Any:
    os.environ[PRELOAD_ENV] = "1"  # read by the fork server when it imports this module
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["benchmarks.crash_harness"])
    return context


def run_child(context: Any, scenario: str, path: Path, seed: int, *, kill_after: float | None,
              after_ready: bool = False, limit: int | None = None) -> Round:
    """Start a child; kill it ``kill_after`` seconds after its start, or with ``after_ready`` after it had the
    project open (None: let it finish ``limit`` operations)."""
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=child_main, args=(scenario, str(path), writer, seed, limit), daemon=True)
    child.start()
    writer.close()
    started = time.perf_counter()
    result = Round()

    deadline = None if kill_after is None or after_ready else started + kill_after

    def take(message: tuple) -> None:
        nonlocal deadline
        if message[0] == "ready":
            result.ready_after = time.perf_counter() - started
            if after_ready and kill_after is not None:
                deadline = started + result.ready_after + kill_after
        elif message[0] == "error":
            result.errors.append(message[1])
        elif message[0] != "done":
            result.acks.append(message)
            result.ack_times.append(time.perf_counter() - started)

    try:
        while deadline is None or (remaining := deadline - time.perf_counter()) > 0:
            if not reader.poll(None if deadline is None else remaining):
                break
            take(reader.recv())
    except EOFError:  # the child finished (calibration) or died
        pass
    if kill_after is not None and child.is_alive():
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
    child.join()
    try:
        while True:  # everything it acknowledged before it died
            take(reader.recv())
    except (EOFError, OSError):
        pass
    reader.close()
    return result


# -- per scenario: the project, and what must hold after a kill ------------------------------------------
class Scenario:
    name = ""

    def __init__(self, work: Path) -> None:
        self.work = work / self.name
        self.path = self.work / "project.concord"

    def prepare(self) -> None:
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        self.make_project()

    def make_project(self) -> None:
        _new_project(self.path, documents=8)

    def before_round(self) -> None:
        """Called before each child (the upgrade scenario gives each one a fresh old project)."""

    def start_over(self, number: int) -> None:
        """After an unopenable project: keep it for inspection and go on with a fresh one."""
        kept = self.work.parent / f"unopenable-{self.name}-{number}"
        shutil.copytree(self.work, kept, dirs_exist_ok=True)
        self.prepare()
        self.forget()

    def forget(self) -> None:
        """Drop what was acknowledged on a project that is gone."""

    def record(self, acks: Sequence[tuple]) -> None:
        raise NotImplementedError

    def check(self, session: Any, tally: Tally) -> None:
        """Count what is lost or half done (the project opened and its integrity is checked already)."""
        raise NotImplementedError


class CodingScenario(Scenario):
    name = "coding"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self.codings: set[str] = set()

    def record(self, acks: Sequence[tuple]) -> None:
        self.codings.update(ack[1] for ack in acks if ack[0] == "coding")

    def forget(self) -> None:
        self.codings = set()

    def check(self, session: Any, tally: Tally) -> None:
        from sqlalchemy import select

        from models import Coding

        missing = self.codings - set(session.scalars(select(Coding.uuid)))
        if missing:
            tally.lost += len(missing)
            tally.note(f"lost codings, e.g. {sorted(missing)[0]}")
            self.codings -= missing  # count each loss once


class ImportScenario(Scenario):
    name = "import"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self.documents: set[str] = set()

    def make_project(self) -> None:
        _new_project(self.path, documents=0)

    def record(self, acks: Sequence[tuple]) -> None:
        self.documents.update(ack[1] for ack in acks if ack[0] == "document")

    def forget(self) -> None:
        self.documents = set()

    def check(self, session: Any, tally: Tally) -> None:
        from sqlalchemy import func, select

        from models import Document, Sentence, SpeakerTurn

        sentences = _pairs(session, select(Sentence.document_id, func.count()).group_by(Sentence.document_id))
        turns = _pairs(session, select(SpeakerTurn.document_id, func.count()).group_by(SpeakerTurn.document_id))
        rows = session.execute(select(Document.id, Document.name, Document.char_count, func.length(Document.text)))
        present = set()
        for document_id, name, char_count, length in rows:
            present.add(name)
            if not sentences.get(document_id) or not turns.get(document_id) or char_count != length:
                tally.torn += 1
                tally.note(f"half-imported document {name}")
        missing = self.documents - present
        if missing:
            tally.lost += len(missing)
            tally.note(f"lost documents, e.g. {sorted(missing)[0]}")
            self.documents -= missing


class MergeScenario(Scenario):
    name = "merge"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self.made: dict[str, tuple[str, list[str]]] = {}  # code uuid -> (subcode uuid, its codings)
        self.merged: set[str] = set()

    def record(self, acks: Sequence[tuple]) -> None:
        for ack in acks:
            if ack[0] == "made":
                self.made[ack[1]] = (ack[2], list(ack[3]))
            elif ack[0] == "merged":
                self.merged.add(ack[1])

    def forget(self) -> None:
        self.made, self.merged = {}, set()

    def check(self, session: Any, tally: Tally) -> None:
        from sqlalchemy import select

        from coding.codebook import find_code
        from models import Code, Coding

        target = find_code(session, MERGE_TARGET)
        codes = {uuid: (code_id, parent_id) for uuid, code_id, parent_id in
                 session.execute(select(Code.uuid, Code.id, Code.parent_id))}
        where = _pairs(session, select(Coding.uuid, Coding.code_id))
        target_side = {target.id} | {code_id for code_id, parent_id in codes.values() if parent_id == target.id}
        for code_uuid, (sub_uuid, made) in list(self.made.items()):
            missing = [uuid for uuid in made if uuid not in where]
            if missing:
                tally.lost += len(missing)
                tally.note(f"lost codings of a merged code, e.g. {missing[0]}")
                self.made.pop(code_uuid)
                continue
            if code_uuid in codes and code_uuid in self.merged:
                tally.lost += 1
                tally.note(f"an acknowledged merge was undone: {code_uuid}")
                self.merged.discard(code_uuid)
                continue
            if code_uuid in codes:  # not merged (yet): every coding still on the code or its subcode
                own = {codes[code_uuid][0], codes.get(sub_uuid, (None,))[0]}
                torn = any(where[uuid] not in own for uuid in made)
            else:  # merged: every coding on the target or its subcodes
                torn = any(where[uuid] not in target_side for uuid in made)
            if torn:
                tally.torn += 1
                tally.note(f"half-merged code {code_uuid}")
                self.made.pop(code_uuid)


class UpgradeScenario(CodingScenario):
    name = "upgrade"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self.template = self.work / "template-0002.concord"
        self.template_codings: set[str] = set()
        self.template_counts: dict[str, int] = {}

    def make_project(self) -> None:
        self.template_codings, self.template_counts = _old_project(self.template)

    def before_round(self) -> None:
        from models.store import copy_project

        for stale in self.work.glob("project*"):
            stale.unlink()
        copy_project(self.template, self.path)
        self.codings = set(self.template_codings)  # each round starts again from the template

    def start_over(self, number: int) -> None:
        kept = self.work.parent / f"unopenable-{self.name}-{number}"
        kept.mkdir(parents=True, exist_ok=True)
        for file in self.work.glob("project*"):
            shutil.copy2(file, kept / file.name)  # the next round starts from a fresh copy anyway

    def check(self, session: Any, tally: Tally) -> None:
        from sqlalchemy import func, select

        from models import AuditEvent, Document
        from models.store import current_revision, head_revision

        revision = current_revision(session.get_bind())
        if revision != head_revision():
            tally.unopenable += 1
            tally.note(f"opened at schema {revision}, not {head_revision()}")
        backups = list(self.work.glob("project.backup-*"))
        tally.extra_backups += max(len(backups) - 1, 0)
        tally.broken_backups += sum(not _sound(backup) for backup in backups)
        counts = {"documents": session.scalar(select(func.count(Document.id))),
                  "audit_events": session.scalar(select(func.count(AuditEvent.id)))}
        if counts["documents"] != self.template_counts["documents"] or \
                counts["audit_events"] < self.template_counts["audit_events"]:
            tally.lost += 1
            tally.note(f"upgrade changed the data: {counts} vs {self.template_counts}")
        super().check(session, tally)


def _sound(path: Path) -> bool:
    """Whether a (closed) file is an SQLite database that passes ``integrity_check``."""
    import sqlite3

    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def _pairs(session: Any, query: Any) -> dict[Any, Any]:
    return {key: value for key, value in session.execute(query)}


SCENARIO_CLASSES: dict[str, type[Scenario]] = {
    "coding": CodingScenario, "import": ImportScenario, "merge": MergeScenario, "upgrade": UpgradeScenario,
}


def verify(scenario: Scenario, tally: Tally, number: int) -> None:
    """Reopen as a user would: it opens (upgrading or clearing a stale lock as needed) and is sound."""
    from sqlalchemy import text

    from coding.errors import ConcordError
    from coding.project import Project

    try:
        project = Project.open(scenario.path)
    except ConcordError as exc:
        tally.unopenable += 1
        tally.note(f"unopenable after kill {number}: {exc}")
        scenario.start_over(number)  # keep it for inspection; the other kills still count
        return
    try:
        with project.session() as session:
            result = session.execute(text("PRAGMA integrity_check")).scalars().all()
            if result != ["ok"]:
                tally.integrity_failures += 1
                tally.note(f"integrity_check: {result[:3]}")
            scenario.check(session, tally)
    finally:
        project.close()


# -- the projects -----------------------------------------------------------------------------------
def _new_project(path: Path, documents: int) -> None:
    """A project with the built-in codebook, a coder and ``documents`` generated transcripts (no spaCy)."""
    import hashlib

    from benchmarks.generate_corpus import generate_document
    from coding.coders import get_or_create_coder
    from coding.project import Project
    from models import Document

    with Project.create(path) as project, project.session() as session:
        get_or_create_coder(session, "Crash", actor="crash harness")
        for index in range(documents):
            generated = generate_document(index, seed=5, words=800)
            session.add(Document(
                name=generated.name, source_name=generated.file_name, format="txt", language=generated.language,
                text=generated.text, char_count=len(generated.text),
                sha256=hashlib.sha256(generated.file_bytes).hexdigest(),
            ))


def _old_project(path: Path) -> tuple[set[str], dict[str, int]]:
    """A project at schema 0002 (migrated to it on a fresh file), filled with data in that schema's tables:
    transcripts with turns and sentences, the codebook, coders, codings, cases and an audit trail."""
    import hashlib
    import sqlite3
    import uuid as uuid_module
    from datetime import UTC, datetime

    from benchmarks.generate_corpus import generate_document
    from coding.codebook import builtin_codebook_data
    from models.store import APP_ID, APPLICATION_ID, make_engine, migrate, sqlite_url

    engine = make_engine(sqlite_url(path))
    migrate(engine, OLD_REVISION)
    engine.dispose()
    rng = random.Random(2)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    new = lambda: str(uuid_module.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
        connection.executemany("INSERT INTO project_meta VALUES (?, ?)", [
            ("app", APP_ID), ("name", "crash harness (schema 0002)"), ("created_at", now),
            ("created_by_version", "0.1.0")])
        code_ids = _insert_codes(connection, builtin_codebook_data()["codes"], None, now)
        connection.executemany("INSERT INTO coders (uuid, name, is_consensus, created_at) VALUES (?, ?, 0, ?)",
                               [(new(), name, now) for name in ("Crash", "Lin")])
        documents = []
        for index in range(TEMPLATE_DOCUMENTS):
            generated = generate_document(index, seed=3, words=1500)
            cursor = connection.execute(
                "INSERT INTO documents (uuid, name, source_name, format, encoding, sha256, language, text, "
                "char_count, word_count, turn_count, sentence_count, imported_at) "
                "VALUES (?, ?, ?, 'txt', 'utf-8', ?, ?, ?, ?, ?, ?, ?, ?)",
                (new(), generated.name, generated.file_name, hashlib.sha256(generated.file_bytes).hexdigest(),
                 generated.language, generated.text, len(generated.text), generated.word_count,
                 len(generated.turns), len(generated.sentences), now))
            document_id = cursor.lastrowid
            turn_ids = []
            for position, turn in enumerate(generated.turns):
                turn_ids.append(connection.execute(
                    "INSERT INTO speaker_turns (document_id, position, speaker, start, content_start, \"end\") "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (document_id, position, turn.speaker, turn.start, turn.content_start, turn.end)).lastrowid)
            connection.executemany(
                "INSERT INTO sentences (document_id, turn_id, position, start, \"end\") VALUES (?, ?, ?, ?, ?)",
                [(document_id, turn_ids[s.turn_position], i, s.start, s.end)
                 for i, s in enumerate(generated.sentences)])
            documents.append((document_id, len(generated.text)))
        codings = []
        for _ in range(TEMPLATE_CODINGS):
            document_id, length = rng.choice(documents)
            start = rng.randrange(length - 80)
            codings.append((new(), document_id, rng.choice((1, 2)), rng.choice(code_ids), start,
                            start + rng.randint(10, 80), "", now, now))
        connection.executemany(
            "INSERT INTO codings (uuid, document_id, coder_id, code_id, start, \"end\", memo, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", codings)
        connection.executemany(
            "INSERT INTO audit_events (at, actor, action, entity, entity_uuid, \"before\", \"after\") "
            "VALUES (?, 'Lin', 'apply_code', 'coding', ?, NULL, ?)",
            [(now, c[0], json.dumps({"start": c[4], "end": c[5]})) for c in codings[:TEMPLATE_AUDIT_EVENTS]])
        connection.execute("INSERT INTO cases (uuid, name, description, created_at) VALUES (?, 'P01', '', ?)",
                           (new(), now))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    counts = {"documents": len(documents), "audit_events": TEMPLATE_AUDIT_EVENTS}
    return {c[0] for c in codings}, counts


def _insert_codes(connection: Any, nodes: list[dict[str, Any]], parent_id: int | None, now: str) -> list[int]:
    """The built-in codebook as rows of the 0002 ``codes`` table; returns the ids of codable codes."""
    ids = []
    for position, node in enumerate(nodes):
        code_id = connection.execute(
            "INSERT INTO codes (uuid, parent_id, position, name, name_zh, definition, definition_zh, include_rule, "
            "exclude_rule, example, colour, shortcut, is_codable, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (node["uuid"], parent_id, position, node["name"], node.get("name_zh", ""), node.get("definition", ""),
             node.get("definition_zh", ""), node.get("include_rule", ""), node.get("exclude_rule", ""),
             node.get("example", ""), node.get("colour", "#9e9e9e"), "", int(node.get("is_codable", True)), now),
        ).lastrowid
        ids.append(code_id)
        ids.extend(_insert_codes(connection, node.get("children", []), code_id, now))
    return ids


# -- running ----------------------------------------------------------------------------------------
def warm_up(context: Any) -> None:
    """Start the fork server (it loads Concord and spaCy once) before anything is timed."""
    child = context.Process(target=time.sleep, args=(0,))
    child.start()
    child.join()


def calibrate(context: Any, scenario: Scenario, seed: int) -> tuple[float, float]:
    """The time to open the project, and the kill window: for upgrade a little more than the time to open
    (and upgrade) from the child's start, otherwise a few operations' time from the moment it is open."""
    scenario.before_round()
    result = run_child(context, scenario.name, scenario.path, seed, kill_after=None,
                       limit=CALIBRATION_OPS[scenario.name])
    if result.errors or result.ready_after is None:
        raise RuntimeError(f"{scenario.name}: the child failed:\n{result.errors[:1]}")
    scenario.record(result.acks)
    if scenario.name == "upgrade":
        return result.ready_after, result.ready_after * UPGRADE_WINDOW
    first = result.ack_times[0] - result.ready_after  # a fresh process's first operation is slower
    gaps = sorted(later - earlier for earlier, later in zip(result.ack_times, result.ack_times[1:], strict=False))
    window = first + gaps[len(gaps) // 2] * WINDOW_ACKS[scenario.name]
    print(f"  {scenario.name}: open {result.ready_after:.3f} s, first operation {first:.3f} s, then "
          f"{gaps[len(gaps) // 2] * 1000:.1f} ms per acknowledgement (median): kill window {window:.2f} s", flush=True)
    return result.ready_after, window


def run_scenario(context: Any, name: str, kills: int, seed: int, work: Path, progress: bool = True) -> Tally:
    scenario = SCENARIO_CLASSES[name](work)
    scenario.prepare()
    tally = Tally(name)
    rng = random.Random(f"{seed}-{name}")
    opening, window = calibrate(context, scenario, rng.randrange(10**9))
    tally.window_seconds = window
    started = time.perf_counter()
    for number in range(kills):
        scenario.before_round()
        seed_of_child = rng.randrange(10**9)
        if name == "upgrade" or number % OPENING_EVERY == OPENING_EVERY - 1:  # kill while it opens (upgrades)
            limit = window if name == "upgrade" else opening
            result = run_child(context, name, scenario.path, seed_of_child, kill_after=rng.uniform(0, limit))
        else:  # kill while it works
            result = run_child(context, name, scenario.path, seed_of_child, kill_after=rng.uniform(0, window),
                               after_ready=True)
        tally.kills += 1
        tally.acknowledged += len(result.acks)
        tally.before_ready += not result.ready
        if result.errors:
            tally.child_errors += 1
            tally.note(f"child error: {result.errors[0].strip().splitlines()[-1]}")
        scenario.record(result.acks)
        verify(scenario, tally, number)
        if progress and (number + 1) % 50 == 0:
            print(f"  {name}: {number + 1}/{kills} kills, {tally.acknowledged} acknowledged, lost {tally.lost}, "
                  f"torn {tally.torn}, integrity failures {tally.integrity_failures}, "
                  f"unopenable {tally.unopenable} ({time.perf_counter() - started:.0f} s)", flush=True)
    tally.seconds = time.perf_counter() - started
    return tally


HEADER = ("| Scenario | Kills | Acknowledged operations | Lost | Half done | Integrity failures | Unopenable "
          "| Kills while opening | Elapsed |")


def table(tallies: Sequence[Tally]) -> str:
    lines = [HEADER, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for t in tallies:
        lines.append(f"| {t.scenario} | {t.kills:,} | {t.acknowledged:,} | {t.lost} | {t.torn} | "
                     f"{t.integrity_failures} | {t.unopenable} | {t.before_ready} | {t.seconds:.0f} s |")
    return "\n".join(lines)


def docs_section(tallies: Sequence[Tally], machine: dict[str, Any], kills: int, seed: int) -> str:
    notes = [f"- {t.scenario}: {note}" for t in tallies for note in t.notes]
    return "\n".join([
        machine_line(machine), "",
        f"`python benchmarks/crash_harness.py --kills {kills} --seed {seed}`: a child works through the public "
        "API and acknowledges each operation after its commit; it is killed with SIGKILL after a random delay "
        "(uniform over the time to open the project plus a few operations; for `upgrade` over 1.3 × the time "
        "to open and upgrade), then the project is reopened and checked. *Half done*: a document without its "
        "sentences or a code merged only in part. *Kills while opening*: kills before the child had the project "
        "open — for `upgrade`, kills during the upgrade itself.", "",
        *[f"`upgrade`: {t.extra_backups} kill(s) left a second backup file beside the project, "
          f"{t.broken_backups} backup file(s) found damaged (killed while being written)."
          for t in tallies if t.scenario == "upgrade"], "",
        table(tallies), "", *(["Findings:", *notes] if notes else ["Nothing lost, nothing half done."]),
    ])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=1000, help="Kills per scenario (default 1000).")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help=f"Comma-separated, from {', '.join(SCENARIOS)} (default all).")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--work", type=Path, default=OUT_DIR / "crash", help="Where the project files go.")
    parser.add_argument("--write-docs", action="store_true", help="Write this section of docs/benchmarks.md.")
    args = parser.parse_args(argv)
    args.work = args.work.resolve()
    names = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    unknown = sorted(set(names) - set(SCENARIOS))
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}")
    machine = machine_description()
    print(machine_line(machine), flush=True)
    context = _context()
    warm_up(context)
    tallies = []
    for name in names:
        print(f"{name}: {args.kills} kills …", flush=True)
        tally = run_scenario(context, name, args.kills, args.seed, args.work)
        print(f"{name}: kill window {tally.window_seconds:.2f} s; {asdict(tally)}", flush=True)
        tallies.append(tally)
    print(table(tallies))
    print(f"load average at the end: {', '.join(f'{v:.2f}' for v in load_average())}")
    result = {"machine": machine, "kills": args.kills, "seed": args.seed, "tallies": [asdict(t) for t in tallies]}
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "results.json").write_text(json.dumps(result, indent=2))
    if args.write_docs:
        update_docs_section("Crash harness (kill -9)", docs_section(tallies, machine, args.kills, args.seed))
    failed = sum(t.lost + t.torn + t.integrity_failures + t.unopenable + t.child_errors for t in tallies)
    return 1 if failed else 0


if __name__ == "__main__":
    from benchmarks import crash_harness  # the children must find these functions under the module's own name

    sys.exit(crash_harness.main())
