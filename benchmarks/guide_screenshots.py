"""Take the user guide's screenshots from the running app: ``python benchmarks/guide_screenshots.py``.

Builds a fresh demo project in a temporary folder, opens the real MainWindow (with every feature package) and its
windows and dialogs, drives them into the state each section of docs/guide.md describes, and saves what the screen
shows (popups and menus included) to docs/screenshots/guide/*.png. Without a display it runs itself under Xvfb
(``xvfb-run``), as the app would run on a desktop. ``--offscreen`` uses Qt's offscreen platform instead: the same
fonts and widgets, but windows are grabbed one by one, so popups (the Ctrl+K palette, menus) are missing.

``--lang zh_CN`` takes the pictures of the Chinese guide (docs/guide.zh.md) into docs/screenshots/guide_zh/: the
Chinese interface is installed before the window is built, and what the script types (memos, a matrix summary, the
quick-code query) is Chinese, on a Chinese transcript of the demo. A catalogue not yet shipped is tried with
``CONCORD_TRANSLATIONS=DIR`` (see app/i18n.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots" / "guide"
OUT_BY_LANGUAGE = {"en": OUT, "zh_CN": ROOT / "docs" / "screenshots" / "guide_zh"}
Tools = TypeVar("Tools")
SCREEN = (1600, 1000)
WINDOW = (1440, 880)

NEW_INTERVIEW = (
    "Interviewer: How has the alliance changed the way your hospital hires doctors?\n\n"
    "R: Since the merger the group decides on new posts. We send our needs to the personnel office and they "
    "approve the budget. Before, the hospital board decided alone.\n\n"
    "Interviewer: And the money?\n\n"
    "R: The group keeps one set of books. Any surplus goes back to the group, not to us.\n"
)
NEW_INTERVIEW_ZH = (
    "访谈者：医联体成立以后，医院的人事权有什么变化？\n\n"
    "受访者：新的岗位由集团统一审批，医院只提出需求。财务也统一管理，结余归集团。\n"
)

MEMOS = (
    ("project", None, "Aims", ("How do the four alliance modes divide decision rights, residual claims and "
     "accountability between the government and the hospitals?")),
    ("journal", None, "Coder training, round 2", ("Lin and Morgan agree on the level-2 codes; boundaries of "
     "'Owner functions' still differ. Rule added to its definition.")),
    ("document", "P04", "P04: authority without power", ("The CEO can run the hospitals but cannot appoint "
     "township directors: compare with P01's bureau.")),
)
MEMOS_ZH = (
    ("project", None, "研究目的", "四种医联体模式如何在政府与医院之间划分决策权、剩余索取权和问责？"),
    ("journal", None, "编码员培训（第二轮）", ("Lin 和 Morgan 在二级代码上已基本一致；“所有者职能”的边界仍有分歧，"
     "已在该代码的定义中补充一条纳入规则。")),
    ("document", "P03", "P03：任免权在卫计委", "卫生院院长由卫计委任命，牵头医院没有任免权：可与 P04 总裁的说法对照。"),
)


@dataclass(frozen=True)
class DemoText:
    """What the tour types and which transcript it shows, in the language of the pictures."""

    memos: tuple[tuple[str, str | None, str, str], ...]
    readme: str
    matrix_summary: str
    workbench_document: str  # name prefix of the demo document the workbench shows
    coding_document: str
    coding_sentence: str  # the start of the sentence selected before Ctrl+K
    sentence_end: str
    palette_query: str


DEMO_TEXT = {
    "en": DemoText(MEMOS, "Interviews of the second wave; see the consent forms.\n",
                   "Alliance set up as one legal person; the council appoints the president.",
                   "P01", "P04", "I am the president", ".", "owner"),
    "zh_CN": DemoText(MEMOS_ZH, "第二轮访谈；参见知情同意书。\n", "医联体设为独立法人，由理事会任命院长。",
                      "P03", "P03", "我是卫计委任命的", "。", "所有者"),
}


def _rerun_under_xvfb(argv: list[str]) -> int | None:
    """Run this script again under xvfb-run when there is no display; None when it should go on here."""
    if os.environ.get("DISPLAY") or os.environ.get("CONCORD_SHOTS_CHILD") or "--offscreen" in argv:
        return None
    if shutil.which("xvfb-run") is None:
        sys.exit("No display and no xvfb-run: install xvfb, or pass --offscreen")
    env = {**os.environ, "CONCORD_SHOTS_CHILD": "1"}
    env.pop("QT_QPA_PLATFORM", None)
    screen = f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24"
    command = ["xvfb-run", "-a", "-s", screen, sys.executable, __file__, *argv]
    return subprocess.call(command, env=env)


class Shooter:
    """Waits for the app to settle and saves a widget's area of the screen (so popups over it show too)."""

    def __init__(self, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance()
        self.out = out
        self.saved: list[Path] = []

    def settle(self, seconds: float = 0.4) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.02)

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise RuntimeError(f"timed out waiting for {what}")
            self.app.processEvents()
            time.sleep(0.05)

    def shoot(self, name: str, widget, *, settle: float = 0.6, front: bool = True) -> Path:  # type: ignore[no-untyped-def]
        """Save ``widget``'s window as the screen shows it; ``front=False`` keeps open popups (a raise closes them)."""
        from PySide6.QtGui import QGuiApplication

        if front:
            widget.raise_()
            widget.activateWindow()
        self.settle(settle)
        screen = QGuiApplication.primaryScreen()
        if QGuiApplication.platformName() == "offscreen":
            pixmap = widget.window().grab()  # the offscreen screen holds no pixels; popups are not in it
        else:
            frame = widget.window().frameGeometry()
            pixmap = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        path = self.out / f"{name}.png"
        if not pixmap.save(str(path)):
            raise RuntimeError(f"could not write {path}")
        self.saved.append(path)
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)
        return path


def _place(widget, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    widget.resize(width, height)
    widget.move(0, 0)
    widget.show()


def install_interface_language(language: str) -> None:
    """Install ``language``'s catalogues before any window is built; stop when Concord's own did not load."""
    from app.i18n import CATALOGUE, TRANSLATORS

    loaded = TRANSLATORS.install(language)
    for path in loaded:
        print(f"catalogue {path}", flush=True)
    if language != "en" and not any(Path(path).name.startswith(f"{CATALOGUE}_{language}") for path in loaded):
        raise SystemExit(f"no {CATALOGUE}_{language}.qm found: run python -m app.i18n release, or set "
                         "CONCORD_TRANSLATIONS to a folder holding one")


def take_all(out: Path, work: Path, language: str = "en") -> list[Path]:
    """Every screenshot of the guide, in the order a study goes; returns the files written."""
    from PySide6.QtWidgets import QApplication

    from app import main as app_main
    from app.style import apply_style, use_cjk_fallback
    from coding.demo import build_demo

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationDisplayName("Concord")
    use_cjk_fallback(app)
    apply_style(app)
    install_interface_language(language)
    project = build_demo(work / "demo.concord")
    _assign_demo(project)
    window = app_main.MainWindow(None, settings=str(work / "settings.ini"))
    app_main.install_features(window)
    _place(window, *WINDOW)
    tour = Tour(Shooter(out), window, work, DEMO_TEXT[language])
    tour.start_page_and_guide()
    window.open_project(project, coder="Lin")
    tour.shots.settle(1.0)
    for step in (tour.workbench, tour.import_folder, tour.cases, tour.coding, tour.blind_coding, tour.memos,
                 tour.documents_menu, tour.compare, tour.review, tour.matrix, tour.export, tour.file_menu,
                 tour.refi_import, tour.backups):
        step()
    window.close_project()
    window.close()
    return tour.shots.saved


class Tour:
    """Drives the real window into the state each section of the guide shows, one method per picture or two."""

    def __init__(self, shots: Shooter, window, work: Path, text: DemoText) -> None:  # type: ignore[no-untyped-def]
        self.shots, self.window, self.work, self.text = shots, window, work, text

    def start_page_and_guide(self) -> None:
        from app.help import tools_of

        self.shots.shoot("start_page", self.window)  # with the first-run tips
        guide = tools_of(self.window).show_guide()
        _place(guide, 1000, 800)
        self.shots.shoot("user_guide", guide)
        guide.close()

    def workbench(self) -> None:
        self.window.set_blind(False)
        _open_document(self.window, self.text.workbench_document)
        self.shots.shoot("workbench", self.window)

    def import_folder(self) -> None:
        """A folder with a new English interview, a Chinese one in GB18030, one already imported and a README."""
        folder = self.work / "new interviews"
        folder.mkdir()
        (folder / "P09_district_hospital.txt").write_text(NEW_INTERVIEW, encoding="utf-8")
        (folder / "P10_county_hospital.txt").write_bytes(NEW_INTERVIEW_ZH.encode("gb18030"))
        shutil.copy(ROOT / "resources" / "demo" / "transcripts" / "P01_luohu_health_bureau.txt", folder)
        (folder / "README.md").write_text(self.text.readme, encoding="utf-8")
        dialog = self.window.show_import_dialog()
        dialog.add_paths([folder])
        dialog.move(60, 60)
        dialog.resize(900, 520)
        self.shots.shoot("import_files", dialog)
        dialog.start()
        self.shots.wait_for(lambda: dialog.report is not None, "the import")
        self.shots.shoot("import_report", dialog)
        dialog.close()

    def cases(self) -> None:
        editor = self.window.show_cases_editor()
        _place(editor, 1200, 560)
        self.shots.shoot("cases", editor)
        editor.close()

    def coding(self) -> None:
        """A selected sentence and the Ctrl+K palette over it."""
        _open_document(self.window, self.text.coding_document)
        text = self.window.transcript.document.text
        start = text.index(self.text.coding_sentence)
        self.window.transcript.select(start, text.index(self.text.sentence_end, start) + 1)
        self.window.open_quick_code()
        self.window.palette_popup.query.setText(self.text.palette_query)
        self.shots.shoot("coding_palette", self.window, front=False)
        self.window.palette_popup.close()

    def blind_coding(self) -> None:
        """Only Lin's codings; each coder's progress above the Documents list."""
        self.window.set_blind(True)
        self.shots.shoot("blind_coding", self.window)
        self.window.set_blind(False)

    def memos(self) -> None:
        """A project memo, a journal entry and a memo on a document, in the Memos dock."""
        from PySide6.QtCore import Qt

        from app.memos import tools_of

        memos = _installed(tools_of(self.window), "app.memos")
        for kind, target, title, text in self.text.memos:
            if kind == "journal":
                memos.new_journal_entry()
            elif target is None:
                memos.project_memo()
            else:
                document = _open_document(self.window, target)
                memos.open_memo_on(kind, document.uuid, document.name)
            memos.panel.title.setText(title)
            memos.panel.text.setPlainText(text)
            memos.panel.commit()
        self.window.resizeDocks([memos.dock], [560], Qt.Orientation.Vertical)
        self.shots.shoot("memos", self.window)
        memos.dock.hide()

    def documents_menu(self) -> None:
        """The Documents panel's context menu on the open document (groups, assignments, rename, delete …)."""
        tree = self.window.documents_panel.tree
        menu = self.window.documents_menu()
        menu.popup(tree.viewport().mapToGlobal(tree.visualRect(tree.currentIndex()).center()))
        self.shots.shoot("documents_menu", self.window, front=False)
        menu.hide()

    def compare(self) -> None:
        agreement = self.window.agreement_tools.show_compare()
        _place(agreement, *WINDOW)
        agreement.compare_button.click()
        self.shots.wait_for(lambda: not agreement.is_running() and agreement.run is not None, "the comparison")
        self.shots.shoot("compare_coders", agreement)
        agreement.close()

    def review(self) -> None:
        """Accept the agreed passages, then settle one disagreement."""
        review = self.window.agreement_tools.show_review(["Lin", "Morgan"])
        _place(review, *WINDOW)
        review.accept_button.click()
        self.shots.settle(1.0)
        review.take_a_button.click()
        self.shots.settle(0.6)
        self.shots.shoot("review_consensus", review)
        review.close()

    def matrix(self) -> None:
        """The framework matrix with a summary written in one cell and that cell's quotes."""
        from app.analysis import controller_of

        view = controller_of(self.window).show("matrix")
        _place(view.window(), *WINDOW)
        self.shots.wait_for(lambda: getattr(view.model, "matrix", None) is not None, "the matrix")
        row = next(i for i, r in enumerate(view.model.matrix.rows) if r.name == "Organizational changes")
        column = next(i for i, c in enumerate(view.model.matrix.columns) if c.label.startswith("Pediatric"))
        view.select_cell(row, column)
        view.summary_editor.setPlainText(self.text.matrix_summary)
        view.save_summary()
        self.shots.shoot("framework_matrix", view.window(), settle=1.5)

    def export(self) -> None:
        """Analysis › Export, then the coded summary's options as the real export shows them (then cancelled)."""
        from app.analysis import controller_of, exports

        analysis = controller_of(self.window)
        self.window.raise_()
        self.window.activateWindow()
        self.shots.settle(0.3)
        self._open_submenu(analysis.menu, analysis.export_menu)
        self.shots.shoot("export_menu", self.window, front=False)
        analysis.export_menu.hide()
        analysis.menu.hide()

        def shoot_and_cancel(dialog) -> bool:  # type: ignore[no-untyped-def]
            dialog.move(120, 80)
            dialog.show()
            self.shots.shoot("export_summary_options", dialog)
            dialog.reject()
            return False

        exports.ask_options = shoot_and_cancel  # nothing is written
        analysis.exports.export_summary()

    def file_menu(self) -> None:
        """File › Team open, with the REFI-QDA and backup items above it."""
        from app.team import tools_of

        file_menu = self.window.file_menu
        team = _installed(tools_of(self.window), "app.team").menu  # by object, not by its (translated) title
        self._open_submenu(file_menu, team)
        self.shots.shoot("file_menu", self.window, front=False)
        team.hide()
        file_menu.hide()

    def refi_import(self) -> None:
        """File › Import REFI-QDA project on a .qdpx of the demo, as another program would hand it over."""
        from app import exchange
        from coding.refi.export import export_qdpx

        qdpx = self.work / "colleague.qdpx"
        with self.window.bench.project.session() as session:
            export_qdpx(session, qdpx)
        exchange.open_path = lambda *_args, **_kwargs: str(qdpx)  # instead of the file dialogs
        exchange.save_path = lambda *_args, **_kwargs: str(self.work / "colleague.concord")
        refi = exchange.tools_of(self.window)
        refi.import_project()
        self.shots.wait_for(lambda: refi.report_dialog is not None and refi.report_dialog.isVisible(), "REFI import")
        refi.report_dialog.move(100, 60)
        self.shots.shoot("refi_import", refi.report_dialog)
        refi.report_dialog.close()

    def backups(self) -> None:
        from app.backups import tools_of

        tools = tools_of(self.window)
        self.shots.wait_for(lambda: not tools.is_backing_up(), "the backup on open")
        tools.back_up("manual")
        self.shots.wait_for(lambda: not tools.is_backing_up(), "the manual backup")
        restore = tools.show_restore_dialog()
        restore.move(80, 80)
        self.shots.shoot("backups", restore)
        restore.close()

    def _open_submenu(self, menu, submenu) -> None:  # type: ignore[no-untyped-def]
        """Pop ``menu`` down from the menu bar and ``submenu`` out of it, as a mouse would."""
        bar = self.window.menuBar()
        menu.popup(bar.mapToGlobal(bar.actionGeometry(menu.menuAction()).bottomLeft()))
        self.shots.settle(0.3)
        menu.setActiveAction(submenu.menuAction())
        submenu.popup(menu.mapToGlobal(menu.actionGeometry(submenu.menuAction()).topRight()))


def _installed(tools: Tools | None, feature: str) -> Tools:
    """A feature's tools on the window; the tour needs every feature, so a missing one is a clear stop."""
    if tools is None:
        raise RuntimeError(f"{feature} is not installed on the window")
    return tools


def _assign_demo(path: Path) -> None:
    """Who codes what, and who is done, so the Documents panel shows each coder's progress."""
    from coding.readers import document_rows
    from coding.project import Project
    from coding.team.assignments import assign, mark_done

    with Project.open(path) as project, project.session() as session:
        everything = sorted(document.name for document in document_rows(session))
        assign(session, "Lin", everything, actor="guide")
        assign(session, "Morgan", everything[:6], actor="guide")
        mark_done(session, "Lin", everything[:5], actor="guide")
        mark_done(session, "Morgan", everything[:3], actor="guide")


def _open_document(window, prefix: str):  # type: ignore[no-untyped-def]
    from coding.readers import document_rows

    with window.bench.project.session() as session:
        document = next(d for d in document_rows(session) if d.name.startswith(prefix))
    window.open_document(document.id)
    return document


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    rerun = _rerun_under_xvfb(argv)
    if rerun is not None:
        return rerun
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(OUT_BY_LANGUAGE), default="en",
                        help="interface language of the pictures (zh_CN: for docs/guide.zh.md)")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for the PNGs (default docs/screenshots/guide, or guide_zh with --lang zh_CN)")
    parser.add_argument("--offscreen", action="store_true", help="Qt's offscreen platform instead of Xvfb (popups and menus are not captured)")
    args = parser.parse_args(argv)
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    out = args.out or OUT_BY_LANGUAGE[args.lang]
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="concord-guide-") as work:
        saved = take_all(out, Path(work), args.lang)
    print(f"{len(saved)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
