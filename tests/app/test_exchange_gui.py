"""REFI-QDA exchange through the File menu, driven as a user would: file dialogs answered by the test, workers
awaited, results read back from the SQLite files themselves."""

from __future__ import annotations

import shutil
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from app import dialogs, exchange
from app.main import MainWindow
from coding.refi import Flavour
from tests.app.helpers import rows

TIMEOUT = 60_000
# The Chinese text has characters outside the BMP before its coding, so UTF-16 positions differ from code points.
EN = (
    "Interviewer: How did the reform change your office?\n\n"
    "R: Since the group was set up as an independent legal person, my job has changed. We sit on the council.\n\n"
    "Interviewer: Who appoints the president?\n\n"
    "R: The council appoints the group president.\n"
)
ZH = "访谈者：请介绍一下医联体😀𠀀。\n\n受访者：政府作为出资人，负责任命院长。财务统一管理。\n"
NEW_CODE = "Shared back office"
CODINGS_SQL = (
    "SELECT d.name, r.name, c.name, g.start, g.end FROM codings g JOIN documents d ON d.id = g.document_id "
    "JOIN coders r ON r.id = g.coder_id JOIN codes c ON c.id = g.code_id ORDER BY 1, 2, 3, 4"
)


def _build(path: Path) -> None:
    from coding.codebook import add_code, find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from coding.project import Project

    project = Project.create(path)
    with project.session() as session:
        en = add_document_text(session, name="P01 bureau", text=EN, source_name="p01.txt", format="txt")
        zh = add_document_text(session, name="P02 中文", text=ZH, source_name="p02.txt", format="txt")
        ann = get_or_create_coder(session, "Ann", actor="fixture")
        ben = get_or_create_coder(session, "Ben", actor="fixture")
        org = find_code(session, "Organizational changes").id
        owner = find_code(session, "Owner functions").id
        extra = add_code(session, NEW_CODE, org, actor="fixture").id
        for document, text, coder, code, words in (
            (en.id, EN, ann.id, org, "Since the group was set up"),
            (en.id, EN, ben.id, org, "my job has changed"),
            (en.id, EN, ben.id, extra, "We sit on the council"),
            (zh.id, ZH, ann.id, owner, "政府作为出资人"),
        ):
            start = text.index(words)
            apply_code(session, document_id=document, coder_id=coder, code_id=code, start=start,
                       end=start + len(words), actor="fixture")
    project.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exchange") / "study.concord"
    _build(path)
    return path


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    shutil.copy(template, target)
    return target


@pytest.fixture
def main(qtbot, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(None, settings)
    exchange.install(window)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


class Answers:
    """The file dialogs' answers, in the order they are asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open: list[str | None] = []
        self.save: list[str | None] = []
        self.flavour: Flavour | None = Flavour.STANDARD
        self.confirm = True
        monkeypatch.setattr(exchange, "open_path", lambda *_args, **_kw: self.open.pop(0))
        monkeypatch.setattr(exchange, "save_path", lambda *_args, **_kw: self.save.pop(0))
        monkeypatch.setattr(exchange, "choose_flavour", lambda *_args, **_kw: self.flavour)
        monkeypatch.setattr(dialogs, "confirm", lambda *_args, **_kw: self.confirm)
        monkeypatch.setattr(dialogs, "choose_coder", lambda *_args, **_kw: "Ann")


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


def _tools(window: MainWindow) -> exchange.ExchangeTools:
    tools = exchange.tools_of(window)
    assert tools is not None
    return tools


def _run(qtbot, window: MainWindow, action_name: str):  # type: ignore[no-untyped-def]
    """Trigger one of the exchange actions and wait for its worker; returns the report (None on failure)."""
    tools = _tools(window)
    with qtbot.waitSignal(tools.job_done, timeout=TIMEOUT) as blocker:
        getattr(tools, action_name).trigger()
    assert not tools.is_running()
    return blocker.args[0]


def _counts(path: Path) -> dict[str, int]:
    return {table: rows(path, f"SELECT COUNT(*) FROM {table}")[0][0] for table in ("documents", "codings", "codes")}


def test_items_sit_in_the_file_menu_and_need_a_project_except_import(main: MainWindow, study: Path) -> None:
    tools = _tools(main)
    exchange.install(main)  # a second install adds nothing
    assert exchange.tools_of(main) is tools
    file_menu = next(a.menu() for a in main.menuBar().actions() if a.text() == "&File")
    assert isinstance(file_menu, QMenu)
    texts = [a.text() for a in file_menu.actions()]
    assert texts.count("Import REFI-QDA project (.qdpx)…") == 1
    assert texts.index("Import codebook (.qdc)…") < texts.index("&Quit")
    assert [a.isEnabled() for a in tools.actions] == [True, False, False, False]
    assert main.open_project(study, coder="Ann")
    assert all(a.isEnabled() for a in tools.actions)
    main.close_project()
    assert [a.isEnabled() for a in tools.actions] == [True, False, False, False]


@pytest.mark.parametrize("flavour", [Flavour.STANDARD, Flavour.CRLF_UTF16])
def test_export_and_import_back_keeps_documents_and_codings(
    qtbot, main: MainWindow, study: Path, tmp_path: Path, answers: Answers, messages: list[str],  # type: ignore[no-untyped-def]
    flavour: Flavour,
) -> None:
    assert main.open_project(study, coder="Ann")
    answers.flavour = flavour
    answers.save = [str(tmp_path / "exchange")]  # the suffix is added
    report = _run(qtbot, main, "export_project_action")
    archive = tmp_path / "exchange.qdpx"
    assert report is not None and report.path == archive and archive.exists()
    assert report.flavour == flavour.value and report.schema_valid
    assert _tools(main).report_dialog is not None and "exchange.qdpx" in _tools(main).report_dialog.browser.toPlainText()
    assert messages == []

    answers.open = [str(archive)]
    answers.save = [str(tmp_path / "copy")]
    report = _run(qtbot, main, "import_project_action")
    copy = tmp_path / "copy.concord"
    assert report is not None and report.project == copy and copy.exists()
    assert messages == []
    original, imported = _counts(study), _counts(copy)
    assert imported["documents"] == original["documents"] == 2
    assert imported["codings"] == original["codings"] == 4
    assert rows(copy, CODINGS_SQL) == rows(study, CODINGS_SQL)  # every coding at the same offsets, same coder/code
    assert main.project_path == study  # importing opens nothing by itself

    dialog = _tools(main).report_dialog
    assert dialog is not None and dialog.open_button is not None
    page = dialog.browser.toPlainText()
    assert "Codings" in page and "Nothing was skipped" in page and "Valid against" in page
    dialog.open_button.click()
    assert main.project_path == copy and main.bench is not None and main.bench.coder_name == "Ann"


def test_import_works_without_a_project_and_reports_skipped_items(
    qtbot, main: MainWindow, study: Path, tmp_path: Path, answers: Answers, messages: list[str],  # type: ignore[no-untyped-def]
) -> None:
    from coding.project import Project
    from coding.refi import export_qdpx

    archive = tmp_path / "study.qdpx"
    with Project.open(study) as project, project.session() as session:
        export_qdpx(session, archive)
    # Add a picture source to the project XML: Concord holds text only, so the report must list it as skipped.
    with zipfile.ZipFile(archive) as source:
        members = {name: source.read(name) for name in source.namelist()}
    xml = members["project.qde"].decode()
    picture = ('<PictureSource guid="0f6a1c3e-6d0e-4a4b-9a51-7d1b3c6f2a10" name="Photo" '
               'path="internal://photo.png"/>')
    members["project.qde"] = xml.replace("</Sources>", picture + "</Sources>", 1).encode()
    with zipfile.ZipFile(archive, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)

    assert main.bench is None
    answers.open = [str(archive)]
    answers.save = [str(tmp_path / "from-archive.concord")]
    report = _run(qtbot, main, "import_project_action")
    assert report is not None and report.skipped_total >= 1
    assert messages == []
    page = _tools(main).report_dialog.browser.toPlainText()  # type: ignore[union-attr]
    kind = next(iter(report.skipped))
    assert "Skipped" in page and kind.capitalize() in page
    assert _counts(tmp_path / "from-archive.concord")["codings"] == 4


def test_hostile_archive_shows_one_error_and_writes_nothing(
    qtbot, main: MainWindow, tmp_path: Path, answers: Answers, messages: list[str],  # type: ignore[no-untyped-def]
) -> None:
    archive = tmp_path / "evil.qdpx"
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr("project.qde", '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
        target.writestr("../evil.txt", "outside")
    out = tmp_path / "out" / "evil.concord"
    out.parent.mkdir()
    answers.open = [str(archive)]
    answers.save = [str(out)]
    assert _run(qtbot, main, "import_project_action") is None
    assert len(messages) == 1 and "../evil.txt" in messages[0] and "evil.qdpx" in messages[0]
    assert list(out.parent.iterdir()) == []  # no project, no temporary file
    assert not (tmp_path.parent / "evil.txt").exists()
    assert main.bench is None and _tools(main).import_project_action.isEnabled()


def test_an_existing_project_is_never_the_import_target(
    main: MainWindow, study: Path, tmp_path: Path, answers: Answers, messages: list[str],
) -> None:
    before = study.read_bytes()
    answers.open = [str(tmp_path / "any.qdpx")]
    answers.save = [str(study)]
    _tools(main).import_project_action.trigger()
    assert len(messages) == 1 and "already exists" in messages[0]
    assert not _tools(main).is_running() and study.read_bytes() == before


@pytest.fixture
def held_import(study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, threading.Event]:
    """An archive of the study, and an import that waits at its first document until it is cancelled."""
    from coding.project import Project
    from coding.refi import export_qdpx, import_qdpx

    archive = tmp_path / "study.qdpx"
    with Project.open(study) as project, project.session() as session:
        export_qdpx(session, archive)
    reached = threading.Event()

    def held(*args, progress, cancel, **kwargs):  # type: ignore[no-untyped-def]
        def hold(done: int, total: int) -> None:
            progress(done, total)
            reached.set()
            for _ in range(TIMEOUT // 10):
                if cancel():
                    return
                time.sleep(0.01)
        return import_qdpx(*args, progress=hold, cancel=cancel, **kwargs)

    monkeypatch.setattr(exchange, "import_qdpx", held)
    return archive, reached


def test_cancel_stops_the_import_and_leaves_no_project(
    qtbot, main: MainWindow, tmp_path: Path, answers: Answers, messages: list[str],  # type: ignore[no-untyped-def]
    held_import: tuple[Path, threading.Event],
) -> None:
    archive, reached = held_import
    out = tmp_path / "out" / "cancelled.concord"
    out.parent.mkdir()
    answers.open, answers.save = [str(archive)], [str(out)]
    tools = _tools(main)
    with qtbot.waitSignal(tools.job_done, timeout=TIMEOUT) as blocker:
        tools.import_project_action.trigger()
        qtbot.waitUntil(reached.is_set, timeout=TIMEOUT)
        assert tools.progress_dialog is not None and not tools.import_project_action.isEnabled()
        tools.progress_dialog.cancel_button.click()
    assert blocker.args == [None]
    assert messages == ["Import cancelled; no project was written."]
    assert list(out.parent.iterdir()) == []  # no project, no temporary file
    assert tools.import_project_action.isEnabled()


def test_closing_the_window_cancels_a_running_import(
    qtbot, main: MainWindow, tmp_path: Path, answers: Answers, messages: list[str],  # type: ignore[no-untyped-def]
    held_import: tuple[Path, threading.Event],
) -> None:
    archive, reached = held_import
    out = tmp_path / "out" / "closed.concord"
    out.parent.mkdir()
    answers.open, answers.save = [str(archive)], [str(out)]
    tools = _tools(main)
    tools.import_project_action.trigger()
    qtbot.waitUntil(reached.is_set, timeout=TIMEOUT)
    main.close()  # returns once the worker has stopped
    assert tools.task is None or tools.task.done.is_set()
    with qtbot.waitSignal(tools.job_done, timeout=TIMEOUT):
        pass
    assert messages == [] and list(out.parent.iterdir()) == []


def test_codebook_export_then_merge_adds_the_codes_and_clears_undo(
    qtbot, main: MainWindow, study: Path, tmp_path: Path, answers: Answers, messages: list[str],  # type: ignore[no-untyped-def]
) -> None:
    from coding.project import Project

    assert main.open_project(study, coder="Ann")
    answers.save = [str(tmp_path / "codes.qdc")]
    report = _run(qtbot, main, "export_codebook_action")
    qdc = tmp_path / "codes.qdc"
    assert report is not None and qdc.exists() and report.schema_valid

    other = tmp_path / "other.concord"
    Project.create(other).close()  # the built-in codebook, without the study's own code
    assert rows(other, "SELECT COUNT(*) FROM codes WHERE name = ?", NEW_CODE) == [(0,)]
    assert main.open_project(other, coder="Ann")
    main.add_code(top_level=True, name="Temporary")  # one undo step, cleared by the merge
    assert main.bench is not None and main.bench.undo_stack.count() == 1
    codes_before = _counts(other)["codes"]

    answers.open = [str(qdc)]
    report = _run(qtbot, main, "import_codebook_action")
    assert report is not None and report.counts["codes added"] == 1
    assert messages == []
    assert rows(other, "SELECT COUNT(*) FROM codes WHERE name = ?", NEW_CODE) == [(1,)]
    assert _counts(other)["codes"] == codes_before + 1
    assert NEW_CODE in {info.name for info in main.code_infos.values()}  # the codebook panel was reloaded
    assert main.bench.undo_stack.count() == 0
    assert "Codes added" in _tools(main).report_dialog.browser.toPlainText()  # type: ignore[union-attr]


def test_a_refused_codebook_changes_nothing(
    qtbot, main: MainWindow, study: Path, tmp_path: Path, answers: Answers, messages: list[str],  # type: ignore[no-untyped-def]
) -> None:
    broken = tmp_path / "broken.qdc"
    broken.write_text("<CodeBook><Codes>", encoding="utf-8")
    assert main.open_project(study, coder="Ann")
    before = rows(study, "SELECT uuid, name, parent_id, position FROM codes ORDER BY id")
    answers.open = [str(broken)]
    assert _run(qtbot, main, "import_codebook_action") is None
    assert len(messages) == 1 and "broken.qdc" in messages[0]
    assert rows(study, "SELECT uuid, name, parent_id, position FROM codes ORDER BY id") == before

    answers.confirm = False  # declining the merge asks nothing more and runs nothing
    answers.open = [str(broken)]
    _tools(main).import_codebook_action.trigger()
    assert not _tools(main).is_running() and len(messages) == 1


def test_report_page_lists_schema_problems_and_warnings(qtbot) -> None:  # type: ignore[no-untyped-def]
    from coding.refi import RefiReport

    report = RefiReport("import", Path("/data/nvivo.qdpx"), project=Path("/data/nvivo.concord"), origin="NVivo 14")
    report.counts.update(sources=3, codings=10)
    report.skip("picture sources", 2, "2 picture sources skipped: Concord holds text only")
    report.schema_error("line 4: element 'Foo': This element is not expected.")
    report.position_units["utf16"] = 3
    dialog = exchange.ExchangeReportDialog(report)
    qtbot.addWidget(dialog)
    page = dialog.browser.toPlainText()
    for expected in ("nvivo.concord", "NVivo 14", "Picture sources", "1 problem(s)", "element 'Foo'",
                     "UTF-16 code units", "Warnings (1)", "Documents (sources)"):
        assert expected in page, expected
    assert exchange.with_suffix("/x/a.concord", ".qdpx") == Path("/x/a.concord.qdpx")
    assert exchange.with_suffix("/x/a.QDPX", ".qdpx") == Path("/x/a.QDPX")
