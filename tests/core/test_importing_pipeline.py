"""Importing files and folders into a real project: what is stored, what is refused, progress and cancel."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.errors import DuplicateError, ValidationError
from coding.importing import ImportOptions, add_document_text, import_file, import_paths
from coding.importing import pipeline as pipeline_module
from coding.importing.options import SUPPORTED_SUFFIXES
from coding.nlp import tokenize_words
from models import AuditEvent, Case, Document, Sentence, SpeakerTurn

KINDS = ", ".join(SUPPORTED_SUFFIXES)  # what a refusal says Concord imports

EN = "Interviewer: How long have you worked here?\n\nDr Li: About ten years. It was hard at first!\n"
ZH = "访谈者：您好。请介绍一下医联体？\n受访者：我们医院是医联体的一部分。很好！\n"


def _documents(project) -> list[Document]:
    with project.session() as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def _units(project, document_id: int) -> tuple[list[SpeakerTurn], list[Sentence]]:
    with project.session() as session:
        turns = list(
            session.scalars(
                select(SpeakerTurn).where(SpeakerTurn.document_id == document_id).order_by(SpeakerTurn.position)
            )
        )
        sentences = list(
            session.scalars(select(Sentence).where(Sentence.document_id == document_id).order_by(Sentence.position))
        )
    return turns, sentences


def test_import_stores_document_turns_and_sentences(import_project, tmp_path: Path, import_make_docx) -> None:
    path = import_make_docx(
        tmp_path / "P03 Dr Li.docx",
        [
            ("heading", "Interview P03", 1),
            ("p", "Interviewer: How long have you worked here?"),
            ("table", [["Mode", "Urban"]]),
            ("p", "Dr Li: About ten years. It was hard at first!"),
        ],
    )
    report = import_paths(import_project, [path])
    assert [t.status for t in report.items] == ["imported"] and not report.cancelled
    [document] = _documents(import_project)
    assert (document.name, document.source_name, document.format, document.language) == (
        "P03 Dr Li",
        "P03 Dr Li.docx",
        "docx",
        "en",
    )
    import hashlib

    assert document.sha256 == hashlib.sha256(document.text.encode()).hexdigest()  # of the text, not the file
    assert document.text.startswith("Interview P03\n\nInterviewer: How long")
    turns, sentences = _units(import_project, document.id)
    assert [t.speaker for t in turns] == ["", "Interviewer", "Dr Li"]
    assert [document.text[s.start : s.end] for s in sentences] == [
        "Interview P03",
        "How long have you worked here?",
        "Mode\tUrban",
        "About ten years.",
        "It was hard at first!",
    ]
    turn_of = {t.id: t for t in turns}
    for sentence in sentences:  # every sentence belongs to the turn that holds it
        turn = turn_of[sentence.turn_id]
        assert turn.content_start <= sentence.start < sentence.end <= turn.end
    assert (document.char_count, document.turn_count, document.sentence_count) == (len(document.text), 3, 5)
    assert document.word_count == 2 + 6 + 2 + 8
    [task] = report.imported
    assert (task.document_name, task.turns, task.sentences, task.words) == ("P03 Dr Li", 3, 5, 18)
    assert report.changes.documents and not report.changes.cases


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (ZH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ZH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ZH.replace("\n", "\r\n").encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"), "utf-16-be"),
        (ZH.encode("gb18030"), "gb18030"),
    ],
    ids=["utf-8", "utf-8-sig", "utf-16-le-crlf", "utf-16-be", "gb18030"],
)
def test_chinese_text_in_every_encoding_gives_the_same_document(
    import_project, tmp_path: Path, raw: bytes, encoding: str
) -> None:
    path = tmp_path / "访谈01.txt"
    path.write_bytes(raw)
    [task] = import_paths(import_project, [path]).items
    assert task.status == "imported", task.message
    [document] = _documents(import_project)
    assert (document.name, document.encoding, document.language) == ("访谈01", encoding, "zh")
    assert document.text == ZH.strip()
    turns, sentences = _units(import_project, document.id)
    assert [t.speaker for t in turns] == ["访谈者", "受访者"]
    assert [document.text[s.start : s.end] for s in sentences] == [
        "您好。",
        "请介绍一下医联体？",
        "我们医院是医联体的一部分。",
        "很好！",
    ]


def _bad_inputs(tmp_path: Path, import_make_docx) -> dict[str, tuple[Path, str]]:
    """Files that must fail, each with the words its message must contain."""
    good = import_make_docx(tmp_path / "good.docx", [("p", "Q: " + "words " * 100)]).read_bytes()
    files = {
        "corrupt.docx": (b"not a zip at all", "not a ZIP package"),
        "truncated.docx": (good[: len(good) // 2], "not a ZIP package"),
        "empty.txt": (b"", "empty file"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "not a text file"),
        "undecodable.txt": (b"Interviewer: \xff\xfe\xff caf\x80", "cannot tell the text encoding"),
        "blank.md": (b"\n \n\t\n", "no text to import"),
        "slides.key": (b"PK\x03\x04", f"unsupported file type .key (Concord imports {KINDS})"),
    }
    made = {}
    for name, (raw, problem) in files.items():
        path = tmp_path / "bad" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(raw)
        made[name] = (path, problem)
    return made


def test_each_bad_file_fails_with_its_path_and_changes_nothing(
    import_project, import_counts, tmp_path: Path, import_make_docx
) -> None:
    before = import_counts()
    for path, problem in _bad_inputs(tmp_path, import_make_docx).values():
        report = import_paths(import_project, [path])
        [task] = report.items
        assert task.status == "failed"
        assert task.message.startswith(f"{path}: ") and problem in task.message, task.message
        assert import_counts() == before, path.name


def test_over_the_size_limit_fails_and_changes_nothing(import_project, import_counts, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(EN * 10, encoding="utf-8")
    before = import_counts()
    [task] = import_paths(import_project, [path], options=ImportOptions(max_bytes=100)).items
    assert task.status == "failed"
    assert task.message.startswith(f"{path}: file is ") and "over the import limit of 100 bytes" in task.message
    assert import_counts() == before


def test_missing_path_fails(import_project, tmp_path: Path) -> None:
    [task] = import_paths(import_project, [tmp_path / "nowhere.txt"]).items
    assert (task.status, task.message) == ("failed", f"{tmp_path / 'nowhere.txt'}: no such file")


def test_reimporting_the_same_file_is_skipped(import_project, import_counts, tmp_path: Path) -> None:
    path = tmp_path / "p01.txt"
    path.write_text(EN, encoding="utf-8")
    copy = tmp_path / "elsewhere" / "renamed.txt"
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    assert import_paths(import_project, [path]).items[0].status == "imported"
    before = import_counts()
    report = import_paths(import_project, [path, copy])
    assert [(t.status, t.message) for t in report.items] == [
        ("skipped", f"{path}: already imported as p01"),
        ("skipped", f"{copy}: already imported as p01"),
    ]
    assert import_counts() == before
    with pytest.raises(DuplicateError, match="already imported as p01"):
        import_file(import_project, copy)


def test_a_duplicate_within_one_batch_is_skipped(import_project, tmp_path: Path) -> None:
    path = tmp_path / "p01.txt"
    path.write_text(EN, encoding="utf-8")
    report = import_paths(import_project, [path, path])
    assert [t.status for t in report.items] == ["imported", "skipped"]
    assert report.items[1].message == f"{path}: already imported as p01"


def test_a_folder_with_one_bad_file_imports_the_others(import_project, tmp_path: Path, import_make_docx) -> None:
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "b_en.txt").write_text(EN, encoding="utf-8")
    (folder / "c_zh.md").write_bytes(ZH.encode("gb18030"))
    import_make_docx(folder / "a.docx", [("p", "Interviewer: Hello there. How are you?")])
    (folder / "d_broken.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "notes.key").write_bytes(b"PK\x03\x04")  # not importable: not listed
    (folder / ".hidden.txt").write_text("secret", encoding="utf-8")
    (folder / "~$a.docx").write_bytes(b"word lock file")
    (folder / "sub").mkdir()
    (folder / "sub" / "deeper.txt").write_text("Q: deeper", encoding="utf-8")
    report = import_paths(import_project, [folder])
    assert [(t.path.name, t.status) for t in report.items] == [
        ("a.docx", "imported"),
        ("b_en.txt", "imported"),
        ("c_zh.md", "imported"),
        ("d_broken.docx", "failed"),
    ]
    assert report.items[3].message.startswith(f"{folder / 'd_broken.docx'}: ")
    assert [d.name for d in _documents(import_project)] == ["a", "b_en", "c_zh"]
    assert (len(report.imported), len(report.skipped), len(report.failed)) == (3, 0, 1)
    data = report.to_dict()
    assert (data["imported"], data["failed"], data["cancelled"]) == (3, 1, False)
    said = ("您好。请介绍一下医联体？", "我们医院是医联体的一部分。很好！")  # the words after the labels
    assert data["items"][2] | {"path": None} == {
        "path": None,
        "status": "imported",
        "message": report.items[2].message,
        "note": "",
        "document": "c_zh",
        "format": "md",
        "encoding": "gb18030",
        "language": "zh",
        "turns": 2,
        "sentences": 4,
        "words": sum(len(tokenize_words(part, "zh")) for part in said),
    }
    assert report.summary.endswith("Imported 3, skipped 0, failed 1.")
    recursive = import_paths(import_project, [folder], options=ImportOptions(recursive=True))
    assert [(t.path.name, t.status) for t in recursive.items if t.status != "skipped"] == [
        ("d_broken.docx", "failed"),
        ("deeper.txt", "imported"),
    ]


def test_a_folder_without_importable_files_is_reported(import_project, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [task] = import_paths(import_project, [tmp_path / "empty"]).items
    assert task.status == "failed" and task.message == f"{tmp_path / 'empty'}: no {KINDS} files in this folder"


def test_progress_reports_each_file_and_the_end(import_project, tmp_path: Path) -> None:
    paths = []
    for i in range(3):
        paths.append(tmp_path / f"t{i}.txt")
        paths[-1].write_text(f"Q: question {i}?\nA: answer {i}.", encoding="utf-8")
    calls: list[tuple[int, int, str]] = []
    import_paths(import_project, paths, progress=lambda done, total, current: calls.append((done, total, current)))
    assert calls == [(0, 3, str(paths[0])), (1, 3, str(paths[1])), (2, 3, str(paths[2])), (3, 3, "")]


def test_cancel_keeps_finished_files_and_reports_the_rest(import_project, import_counts, tmp_path: Path) -> None:
    paths = []
    for i in range(4):
        paths.append(tmp_path / f"t{i}.txt")
        paths[-1].write_text(f"Q: question {i}?\nA: answer {i}.", encoding="utf-8")
    calls: list[tuple[int, int, str]] = []
    report = import_paths(
        import_project, paths, progress=lambda *args: calls.append(args), cancel=lambda: len(calls) >= 2
    )
    assert report.cancelled
    assert [t.status for t in report.items] == ["imported", "imported", "skipped", "skipped"]
    assert report.items[2].message == f"{paths[2]}: not imported (import cancelled)"
    assert calls[-1] == (2, 4, "")
    assert [d.name for d in _documents(import_project)] == ["t0", "t1"]
    assert import_counts()["sentences"] == 4
    assert report.summary.endswith("(cancelled).")


def test_an_unexpected_error_fails_only_that_file(
    import_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline_module.analyse_text

    def flaky(text: str, **kwargs):
        if "boom" in text:
            raise RuntimeError("segmenter crashed")
        return real(text, **kwargs)

    monkeypatch.setattr(pipeline_module, "analyse_text", flaky)
    (tmp_path / "a.txt").write_text("Q: boom", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Q: fine", encoding="utf-8")
    report = import_paths(import_project, [tmp_path])
    assert [t.status for t in report.items] == ["failed", "imported"]
    assert report.items[0].message == f"{tmp_path / 'a.txt'}: unexpected error (RuntimeError: segmenter crashed)"


def test_a_store_failure_rolls_back_only_that_file(
    import_project, import_counts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline_module.store_document

    def failing_after_writing(session, **kwargs):
        document = real(session, **kwargs)  # document, turns and sentences flushed …
        if kwargs["name"] == "a":
            raise ValidationError("disk full")  # … then the transaction fails
        return document

    monkeypatch.setattr(pipeline_module, "store_document", failing_after_writing)
    (tmp_path / "a.txt").write_text("Q: first. Second.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Q: fine.", encoding="utf-8")
    report = import_paths(import_project, [tmp_path])
    assert [t.status for t in report.items] == ["failed", "imported"]
    assert report.items[0].message == f"{tmp_path / 'a.txt'}: disk full"
    counts = import_counts()
    assert (counts["documents"], counts["speaker_turns"], counts["sentences"]) == (1, 1, 1)


def test_same_stem_gets_a_numbered_name(import_project, tmp_path: Path, import_make_docx) -> None:
    for folder, text in (("x", EN), ("y", ZH), ("z", "Q: third")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "P01.txt").write_text(text, encoding="utf-8")
    import_make_docx(tmp_path / "P01.docx", [("p", "Q: a docx")])
    import_paths(import_project, [tmp_path / "x" / "P01.txt", tmp_path / "y" / "P01.txt", tmp_path / "P01.docx"])
    import_paths(import_project, [tmp_path / "z" / "P01.txt"])
    assert [d.name for d in _documents(import_project)] == ["P01", "P01 (2)", "P01 (3)", "P01 (4)"]


def test_case_is_created_once_and_documents_attached(import_project, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ZH, encoding="utf-8")
    first = import_paths(import_project, [tmp_path / "a.txt"], case="P03")
    import_paths(import_project, [tmp_path / "b.txt"], case="p03 ")  # the same case, written differently
    assert first.changes.cases
    with import_project.session() as session:
        [case] = session.scalars(select(Case))
        assert case.name == "P03"
        assert set(session.scalars(select(Document.case_id))) == {case.id}
        events = session.execute(
            select(AuditEvent.action, AuditEvent.entity, AuditEvent.after).where(AuditEvent.action != "import")
        ).all()
    assert [(action, entity) for action, entity, _ in events] == [
        ("add", "case"),
        ("attach", "document"),
        ("attach", "document"),
    ]
    assert events[1].after == {"case_uuid": case.uuid}


def test_bad_options_are_refused_before_any_file(import_project, import_counts, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    before = import_counts()
    with pytest.raises(ValidationError, match="turn pattern"):
        import_paths(import_project, [tmp_path], options=ImportOptions(turn_pattern="(broken"))
    with pytest.raises(ValidationError, match="case"):
        import_paths(import_project, [tmp_path], case="  ")
    assert import_counts() == before


def test_custom_turn_pattern_and_forced_language(import_project, tmp_path: Path) -> None:
    path = tmp_path / "bracketed.txt"
    path.write_text("[Interviewer] How are you?\n[P03] 很好。", encoding="utf-8")
    options = ImportOptions(turn_pattern=r"\[(?P<speaker>[^\]]+)\]\s*", language="en")
    [task] = import_paths(import_project, [path], options=options).items
    assert (task.status, task.language, task.turns) == ("imported", "en", 2)
    document = _documents(import_project)[0]
    turns, _ = _units(import_project, document.id)
    assert [(t.speaker, document.text[t.content_start : t.end]) for t in turns] == [
        ("Interviewer", "How are you?"),
        ("P03", "很好。"),
    ]


def test_import_file_into_a_session(import_project, tmp_path: Path) -> None:
    path = tmp_path / "one.md"
    path.write_text("# Title\n\nQ: One?\nA: Two.", encoding="utf-8")
    with import_project.session() as session:
        document = import_file(session, path)
        assert document.id is not None and document.format == "md"
    assert [d.name for d in _documents(import_project)] == ["one"]


def test_add_document_text(import_project) -> None:
    with import_project.session() as session:
        document = add_document_text(
            session,
            name="Demo",
            text="Interviewer: Hello. How are you?\nR1: 我很好。",
            source_name="demo.txt",
            format="txt",
            encoding="utf-8",
        )
        assert (document.language, document.turn_count, document.sentence_count) == ("en", 2, 3)
        same_name = add_document_text(session, name="Demo", text="Another text.", source_name="other", format="txt")
        assert same_name.name == "Demo (2)"
    with import_project.session() as session:
        with pytest.raises(DuplicateError, match="demo-again.txt: already imported as Demo"):
            add_document_text(
                session,
                name="X",
                text="Interviewer: Hello. How are you?\nR1: 我很好。",
                source_name="demo-again.txt",
                format="txt",
            )
        with pytest.raises(ValidationError, match="no text"):
            add_document_text(session, name="Blank", text="  \n", source_name="blank.txt", format="txt")
    assert [d.name for d in _documents(import_project)] == ["Demo", "Demo (2)"]
