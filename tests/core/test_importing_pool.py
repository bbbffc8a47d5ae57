"""The analyse stage in worker processes: the same rows and the same report as the serial path, cancel intact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from benchmarks.generate_corpus import write_corpus
from coding.errors import ValidationError
from coding.importing import ImportOptions, ImportPolicy, OnChangedText, import_paths
from coding.importing import pipeline
from coding.importing.pool import POOL_MIN_BYTES, AnalysisPool, analyse_outcome, pool_size
from coding.project import Project
from models import AuditEvent, Case, Document, DocumentMetadata, Sentence, SpeakerTurn

HEADER = "访谈编号：A07\n日期：2024-03-02\n\n"
ZH = HEADER + "访谈者：请您介绍一下医联体的情况。\n\n受访者：我们医院三年前加入。转诊比以前方便多了！您觉得呢？\n"
EN = "Interviewer: How long have you worked here?\n\nDr Li: About ten years. It was hard at first!\n"


def _corpus(folder: Path, make_docx: Callable[..., Path]) -> list[Path]:
    """Generated interviews (English and Chinese) plus every outcome a file can have."""
    write_corpus(folder / "generated", scale=1, seed=3, documents=8, words=900)
    (folder / "mixed").mkdir()
    (folder / "mixed" / "a zh.txt").write_text(ZH, encoding="utf-8")
    (folder / "mixed" / "b copy of zh.txt").write_text(ZH, encoding="utf-8")  # a duplicate within the batch
    (folder / "mixed" / "c blank.txt").write_text("\n\n", encoding="utf-8")  # refused at normalise
    (folder / "mixed" / "d latin1.txt").write_bytes("Interviewer: Caf\xe9 au lait?\n".encode("latin-1"))
    make_docx(folder / "mixed" / "e word.docx", [("p", "Interviewer: And the budget?"), ("p", "Dr Li: Shared.")])
    (folder / "other").mkdir()
    (folder / "other" / "a zh.txt").write_text(EN, encoding="utf-8")  # a name seen before, other text
    return [folder / "generated", folder / "mixed", folder / "other", folder / "missing.txt"]


def _rows(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    """Everything an import writes, without what differs between any two runs (uuids, clock times)."""
    with project.session() as session:
        documents = session.execute(select(
            Document.id, Document.name, Document.source_name, Document.format, Document.encoding,
            Document.sha256, Document.language, Document.text, Document.char_count, Document.word_count,
            Document.turn_count, Document.sentence_count, Document.case_id,
        ).order_by(Document.id)).all()
        tables = {
            "documents": documents,
            "turns": session.execute(select(SpeakerTurn.__table__).order_by(SpeakerTurn.id)).all(),
            "sentences": session.execute(select(Sentence.__table__).order_by(Sentence.id)).all(),
            "metadata": session.execute(select(DocumentMetadata.__table__).order_by(
                DocumentMetadata.document_id, DocumentMetadata.position)).all(),
            "cases": session.execute(select(Case.id, Case.name).order_by(Case.id)).all(),
            "audit": session.execute(select(AuditEvent.actor, AuditEvent.action, AuditEvent.entity)
                                     .order_by(AuditEvent.id)).all(),
        }
    return {name: [tuple(row) for row in rows] for name, rows in tables.items()}


def _import(path: Path | str, sources: list[Path], **keywords: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    project = Project.create(path, with_codebook=False)
    try:
        report = import_paths(project, sources, case="P01", **keywords)
        return report.to_dict(), _rows(project)
    finally:
        project.close()


def test_pooled_import_stores_what_the_serial_import_stores(
    tmp_path: Path, import_make_docx: Callable[..., Path], import_pipelines: dict[str, object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sources = _corpus(tmp_path / "in", import_make_docx)
    serial = _import(tmp_path / "serial.concord", sources, options=ImportOptions(workers=1))
    analysed_here: list[str] = []

    def here(text: str, *args: Any) -> Any:
        analysed_here.append(text)
        return analyse_outcome(text, *args)

    monkeypatch.setattr(pipeline, "analyse_outcome", here)
    with AnalysisPool(1) as pool:
        pool.warm()  # so the worker takes its share from the first file on
        pooled = _import(tmp_path / "pooled.concord", sources, pool=pool)
    report, rows = serial
    imported = [item["status"] for item in report["items"]].count("imported")
    assert imported == 12
    assert {item["status"] for item in report["items"]} == {"imported", "skipped", "failed"}
    assert len(rows["sentences"]) > 500 and rows["metadata"]
    assert 0 < len(analysed_here) < imported  # the worker analysed some files, this process the others
    assert pooled == serial


def test_an_import_starting_its_own_pool_stores_what_the_serial_import_stores(
    tmp_path: Path, import_pipelines: object
) -> None:
    write_corpus(tmp_path / "in", scale=1, seed=4, documents=12, words=1500)
    serial = _import(tmp_path / "serial.concord", [tmp_path / "in"], options=ImportOptions(workers=1))
    pooled = _import(tmp_path / "pooled.concord", [tmp_path / "in"], options=ImportOptions(workers=2))
    assert pooled == serial


def test_a_policy_refusal_within_the_batch_is_the_same_pooled(tmp_path: Path, import_pipelines: object) -> None:
    for folder in ("one", "two", "three"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "P01.txt").write_text(EN.replace("ten", folder), encoding="utf-8")
    sources = [tmp_path / "one", tmp_path / "two", tmp_path / "three"]
    policy = ImportPolicy(changed_text=OnChangedText.REFUSE)
    serial = _import(tmp_path / "serial.concord", sources, options=ImportOptions(workers=1), policy=policy)
    with AnalysisPool(1, analyse_here=False) as pool:  # every file analysed in the worker, as the GUI asks
        pooled = _import(tmp_path / "pooled.concord", sources, pool=pool, policy=policy)
    assert [item["status"] for item in serial[0]["items"]] == ["imported", "failed", "failed"]
    assert pooled == serial


def test_cancelling_a_pooled_import_keeps_the_files_before_and_writes_none_after(
    tmp_path: Path, import_pipelines: object
) -> None:
    write_corpus(tmp_path / "in", scale=1, seed=5, documents=6, words=600)
    project = Project.create(tmp_path / "p.concord", with_codebook=False)
    seen: list[str] = []

    def progress(done: int, _total: int, current: str) -> None:
        if current:
            seen.append(current)

    try:
        report = import_paths(project, [tmp_path / "in"], options=ImportOptions(workers=2), progress=progress,
                              cancel=lambda: len(seen) >= 3)
        with project.session() as session:
            stored = session.scalars(select(Document.source_name).order_by(Document.id)).all()
    finally:
        project.close()
    assert report.cancelled
    assert [item.status for item in report.items] == ["imported"] * 3 + ["skipped"] * 3
    assert stored == [Path(path).name for path in seen]


def test_small_imports_and_one_core_stay_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = tmp_path / "small.txt"
    small.write_text(EN, encoding="utf-8")
    large = tmp_path / "large.txt"
    large.write_bytes(b"x" * POOL_MIN_BYTES)
    # A worker per core, this process reading and storing beside them (issue 13: it analyses nothing).
    assert pool_size([small, large], ImportOptions()) == (min(2, _cores()) if _cores() >= 2 else 0)
    assert pool_size([small, small], ImportOptions()) == 0  # too little to pay for starting workers
    assert pool_size([small, small], ImportOptions(workers=2)) == 2  # unless the caller asks
    assert pool_size([small, large], ImportOptions(workers=1)) == 0
    assert pool_size([small, large, large], ImportOptions(workers=3)) == 3
    assert pool_size([small, large], ImportOptions(workers=4)) == 2  # never more analysers than files
    assert pool_size([large], ImportOptions(workers=4)) == 0  # one worker and a waiting parent: serial is quicker
    monkeypatch.setattr("coding.importing.pool.usable_cpus", lambda: 1)
    assert pool_size([small, large], ImportOptions()) == 0
    with pytest.raises(ValidationError, match="workers"):
        ImportOptions(workers=0).validate()


def test_an_import_starting_its_own_pool_leaves_every_analysis_to_its_workers(
    tmp_path: Path, import_pipelines: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importing process reads, checks and stores; spaCy runs in the workers only (chunks of files)."""
    write_corpus(tmp_path / "in", scale=1, seed=6, documents=10, words=800)
    analysed_here: list[str] = []

    def here(text: str, *args: Any) -> Any:
        analysed_here.append(text)
        return analyse_outcome(text, *args)

    monkeypatch.setattr(pipeline, "analyse_outcome", here)
    monkeypatch.setattr(pipeline, "CHUNK_FILES", 3)  # several chunks of several files, and a last short one
    report, rows = _import(tmp_path / "pooled.concord", [tmp_path / "in"], options=ImportOptions(workers=2))
    assert [item["status"] for item in report["items"]] == ["imported"] * 10
    assert analysed_here == []
    serial = _import(tmp_path / "serial.concord", [tmp_path / "in"], options=ImportOptions(workers=1))
    assert (report, rows) == serial


def test_an_analysis_travels_between_processes_as_columns(import_pipelines: object) -> None:
    """What a worker sends back: the same turns and sentences, the sentences still as columns."""
    import pickle

    from coding.importing import analyse_text
    from coding.importing.sentences import SentenceSpan, SentenceSpans

    analysis = analyse_text(HEADER + EN + "Dr Li: Yes. No? Maybe!\n")
    copy = pickle.loads(pickle.dumps(analysis))
    assert copy == analysis
    assert isinstance(copy.sentences, SentenceSpans) and len(copy.sentences) == len(analysis.sentences) >= 5
    assert list(copy.sentences) == [SentenceSpan(s.turn_index, s.start, s.end) for s in analysis.sentences]
    assert copy.sentences[-1] == analysis.sentences[-1] and copy.sentences[1:3] == list(analysis.sentences)[1:3]
    assert copy.turns == analysis.turns and copy.metadata == analysis.metadata


def test_a_pooled_import_into_a_postgresql_project_stores_what_the_serial_one_stores(
    tmp_path: Path, import_pipelines: object, pg_server: Any
) -> None:
    """The parent's writes (documents, turns and sentences from the workers' columns, audit) on the server too."""
    import os

    write_corpus(tmp_path / "in", scale=1, seed=8, documents=6, words=500)
    stored = []
    for workers in (1, 2):
        database = f"import_pool_{workers}_{os.getpid()}"
        pg_server.drop(database)
        try:
            stored.append(_import(pg_server.url(database), [tmp_path / "in"], options=ImportOptions(workers=workers)))
        finally:
            pg_server.drop(database)
    serial, pooled = stored
    assert [item["status"] for item in serial[0]["items"]] == ["imported"] * 6 and len(serial[1]["sentences"]) > 100
    assert pooled == serial


def _cores() -> int:
    from coding.importing.pool import usable_cpus

    return usable_cpus()


def test_while_the_importing_process_waits_for_a_long_file_the_workers_go_on_with_the_files_behind_it(
    tmp_path: Path, import_pipelines: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: waiting for its next file (a long transcript, in one worker), the importing process hands the
    other worker each file behind it as the one before comes back; it used to wait on the long file alone, and
    that worker idled once the few files queued for it were done."""
    folder = tmp_path / "in"
    folder.mkdir()
    turn = "Interviewer: And then?\n\nDr Li: " + "We met the bureau again and the budget did not move. " * 40 + "\n\n"
    (folder / "a long.txt").write_text(turn * 1_000, encoding="utf-8")  # 2.2 million characters
    behind = 20  # files behind it, all inside the read-ahead window
    for number in range(behind):
        (folder / f"b{number:02}.txt").write_text(EN.replace("ten", f"{number + 2} years and") * 60, encoding="utf-8")
    monkeypatch.setattr(pipeline, "CHUNK_FILES", 1)  # a file per hand-over: only waiting hands out more
    back: list[str] = []  # which files' analyses came back, in order
    with AnalysisPool(2, analyse_here=False) as pool:
        pool.warm()
        handing = pool.submit

        def submit(texts: Any, options: ImportOptions) -> Any:
            future = handing(texts, options)
            if future is not None:
                names = ["long" if len(text) > 1_000_000 else "short" for text in texts]
                future.add_done_callback(lambda _done: back.extend(names))
            return future

        monkeypatch.setattr(pool, "submit", submit)
        report, rows = _import(tmp_path / "pooled.concord", [folder], pool=pool)
    assert [item["status"] for item in report["items"]] == ["imported"] * (behind + 1)
    assert back == ["short"] * behind + ["long"]

