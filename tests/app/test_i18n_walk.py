"""Issue 16: with the shipped Chinese catalogue installed, no visible string of the main, compare, review and
analysis windows or of the main dialogs is left in English.

The walk builds the windows on a real project and reads every text a user can see without typing: actions (menus,
submenus, toolbars, actions registered on widgets), menu titles, labels, buttons, group boxes, tabs, dock and window
titles, placeholders, tooltips and status tips, combo box items, spin box prefixes/suffixes, and the horizontal
headers of every item view. A text fails when it keeps a run of two or more ASCII letters that is not a proper name,
a format, a key name, a URL or path, or the project's own data (code, coder, document, case … names).

The lead runs ``python -m tests.app.test_i18n_walk`` (with ``CONCORD_TRANSLATIONS=DIR`` to try a catalogue that is
not shipped yet) to print every offending string with where it is.
"""

from __future__ import annotations

import html
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
    QWidgetAction,
)

# Proper names, formats, symbols and key names that stay as they are in a Chinese interface (the list).
ALLOWED_NAMES = (
    "Concord", "Preker-Harding", "Krippendorff", "Cohen", "Fleiss", "Gwet", "Scott", "Holsti", "NVivo", "ATLAS.ti",
    "MAXQDA", "QualCoder", "REFI-QDA", "QDPX", "WordStat", "PostgreSQL", "SQLite", "spaCy", "KWIC",
    "DOCX", "XLSX", "CSV", "PDF", "SVG", "PNG", "ODT", "RTF", "TXT", "SRT", "VTT", "WAV", "MP3", "Word", "Excel",
    "JSON", "AC1", "CI", "n", "cuα", "Cuα",  # measure symbols (ATLAS.ti's cu-α, Cu-α)
    "Ctrl", "Shift", "Alt", "Meta", "Cmd", "Esc", "Enter", "Return", "Backspace", "Delete", "Del", "Tab", "Space",
    "PgUp", "PgDown", "Ins",
    "UTF-8", "UTF-16", "GB18030", "GBK", "Big5",  # text encodings: names, like file formats
    "English",  # the language menu names each language in its own language
    # more proper names and technical names a Chinese interface keeps as they are
    "Fisher", "Pearson", "Landis", "Koch", "Brennan", "Prediger", "Cramér", "Windows", "macOS", "Linux", "OpenAI",
    "Ollama", "llama3.1", "API", "URL", "HTTP", "HTTPS", "SHA", "BOM", "CRLF", "GUID", "QDA", "Python", "jieba",
    "EUC-KR", "Shift-JIS", "Mac Roman", "Letter",  # encodings and a paper size: names
    "NEAR", "NOT",  # the dictionary's search operators: typed as they are
)
# English shown on purpose in a Chinese interface: examples of what a user types or what English text holds (a
# lemma's forms, English stop words, the dictionary syntax) and a file-name pattern.
ALLOWED_EXAMPLES = (
    "decide → decided、decides、deciding", "the、and", 'referr*   "primary care"   budget NEAR/5 hospital   NOT "care home"',
    "PROJECT-CODER.concord",
)
_ALLOWED = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(name) for name in
                      sorted(ALLOWED_NAMES, key=len, reverse=True)) + r")(?![A-Za-z0-9])")
_MARKUP = re.compile(r"<[^>]*>|&[A-Za-z]+;|&#x?[0-9A-Fa-f]+;")
_URL_OR_PATH = re.compile(
    r"\b[a-z][a-z0-9+.-]*://\S+"  # URLs (http://…, postgresql://…, file://…)
    r"|(?:~|\b[A-Za-z]:)?[\\/][^\s\\/]*(?:[\\/][^\s\\/]*)*"  # paths: /tmp/x/a.concord, C:\\x
    r"|\*?\.[A-Za-z0-9]{1,6}\b"  # file extensions: .txt, *.docx
)
_ACCELERATOR = re.compile(r"&(?=[^&\s])")
_ASCII_RUN = re.compile(r"[A-Za-z]{2,}")


def as_word(value: str) -> str:
    """A pattern for ``value`` standing alone: "en" (a document's language) must not hide the "en" of "Cohen"."""
    return r"(?<![A-Za-z0-9])" + re.escape(value) + r"(?![A-Za-z0-9])"


def user_data_pattern(values: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all the project's names, longest first, in any letter case ("Interviewer", "interviewer")."""
    words = sorted({value.strip() for value in values if value and value.strip()}, key=len, reverse=True)
    return re.compile("|".join(map(as_word, words)), re.IGNORECASE) if words else None


def leftover_english(text: str, user_data: Iterable[str] | re.Pattern[str] | None = ()) -> list[str]:
    """The runs of ASCII letters in ``text`` that are neither allowed names nor the project's own data."""
    pattern = user_data if isinstance(user_data, re.Pattern) or user_data is None else user_data_pattern(user_data)
    plain = _ACCELERATOR.sub("", html.unescape(_MARKUP.sub(" ", text)))
    for example in ALLOWED_EXAMPLES:
        plain = plain.replace(example, " ")
    if pattern is not None:
        plain = pattern.sub(" ", plain)
    plain = _URL_OR_PATH.sub(" ", _ALLOWED.sub(" ", plain))  # names first: ".ti" of ATLAS.ti is no extension
    return _ASCII_RUN.findall(plain)


@dataclass(frozen=True, order=True)
class Finding:
    """A visible English string: where it is, which property, the text."""

    where: str
    what: str
    text: str

    def __str__(self) -> str:
        return f"{self.where} [{self.what}]: {self.text!r}"


def widget_path(widget: QWidget) -> str:
    """Its window's class › … › widget class#objectName: enough to find the widget in the code."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None:
        name = current.objectName()
        parts.append(type(current).__name__ + (f"#{name}" if name and not name.startswith("qt_") else ""))
        current = None if current.isWindow() else current.parentWidget()
    parts.reverse()
    return " › ".join(parts if len(parts) <= 4 else [parts[0], "…", *parts[-3:]])


class Walker:
    """Collects every visible text of the windows and dialogs it is shown, and the ones that stayed English."""

    def __init__(self, user_data: Iterable[str]) -> None:
        self.user_data = user_data_pattern(user_data)
        self.findings: set[Finding] = set()
        self.texts = 0
        self._seen_actions: set[int] = set()

    def check(self, where: str, what: str, text: str | None) -> None:
        if not text or not text.strip():
            return
        self.texts += 1
        if leftover_english(text, self.user_data):
            self.findings.add(Finding(where, what, text))

    # -- widgets ------------------------------------------------------------------------------------------------
    def walk(self, root: QWidget) -> None:
        """``root`` and every widget in it, with the actions and menus they carry (a file dialog: its title only,
        the rest is Qt's and native on a desktop)."""
        for widget in [root, *root.findChildren(QWidget)]:
            if isinstance(widget.window(), QFileDialog) and widget is not widget.window():
                continue
            self.walk_widget(widget)
        for action in root.findChildren(QAction):
            self.walk_action(action, widget_path(root))

    def walk_widget(self, widget: QWidget) -> None:
        where = widget_path(widget)
        if widget.isWindow() or isinstance(widget, QDockWidget):
            self.check(where, "window title", widget.windowTitle())
        self.check(where, "tooltip", widget.toolTip())
        self.check(where, "status tip", widget.statusTip())
        for check in _WIDGET_TEXTS:
            check(self, widget, where)
        for action in widget.actions():
            self.walk_action(action, where)

    def walk_action(self, action: QAction, where: str) -> None:
        address = shiboken6.getCppPointer(action)[0]
        if address in self._seen_actions or action.isSeparator() or isinstance(action, QWidgetAction):
            return
        self._seen_actions.add(address)
        label = action.text().replace("&", "") or action.objectName()
        self.check(where, "action", action.text())
        self.check(f"{where} › {label}", "action tooltip", action.toolTip())
        self.check(f"{where} › {label}", "action status tip", action.statusTip())
        menu = action.menu()
        if isinstance(menu, QMenu):
            self.walk_menu(menu, where)

    def walk_menu(self, menu: QMenu, where: str) -> None:
        menu.aboutToShow.emit()  # menus filled on opening (Open recent …) fill now
        path = f"{where} › menu {menu.title().replace('&', '')!r}"
        self.check(where, "menu title", menu.title())
        for action in menu.actions():
            self.walk_action(action, path)


def _label_texts(walker: Walker, widget: QWidget, where: str) -> None:
    if isinstance(widget, QLabel):
        walker.check(where, "label", widget.text())
    elif isinstance(widget, QAbstractButton):
        walker.check(where, "button", widget.text())
    elif isinstance(widget, QGroupBox):
        walker.check(where, "group box", widget.title())


def _tab_texts(walker: Walker, widget: QWidget, where: str) -> None:
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            walker.check(where, "tab", widget.tabText(index))
            walker.check(where, "tab tooltip", widget.tabToolTip(index))
    elif isinstance(widget, QTabBar) and not isinstance(widget.parentWidget(), QTabWidget):
        for index in range(widget.count()):
            walker.check(where, "tab", widget.tabText(index))
            walker.check(where, "tab tooltip", widget.tabToolTip(index))


def _input_texts(walker: Walker, widget: QWidget, where: str) -> None:
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        walker.check(where, "placeholder", widget.placeholderText())
    elif isinstance(widget, QComboBox):
        walker.check(where, "placeholder", widget.placeholderText())
        for index in range(widget.count()):
            walker.check(where, "combo item", widget.itemText(index))
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        walker.check(where, "prefix", widget.prefix())
        walker.check(where, "suffix", widget.suffix())
    if isinstance(widget, QAbstractSpinBox):
        walker.check(where, "special value", widget.specialValueText())


def _header_texts(walker: Walker, widget: QWidget, where: str) -> None:
    """The horizontal header of a table or tree, when it is shown (a list has none; a hidden one is never seen)."""
    header = widget.horizontalHeader() if isinstance(widget, QTableView) else (
        widget.header() if isinstance(widget, QTreeView) else None)
    model = widget.model() if isinstance(widget, QAbstractItemView) else None
    if header is None or model is None or header.isHidden():
        return
    for column in range(model.columnCount(QModelIndex())):
        value = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        walker.check(where, "column header", value if isinstance(value, str) else None)


_WIDGET_TEXTS: tuple[Callable[[Walker, QWidget, str], None], ...] = (
    _label_texts, _tab_texts, _input_texts, _header_texts)


# == the project and its windows =====================================================================================
def project_data(path: Path) -> list[str]:
    """Every name and text the project holds (user data may stay in any language); the file's own name too."""
    from sqlalchemy import String, Text, select

    from coding.project import Project
    from models import entities

    tables = [entities.Code, entities.Coder, entities.Document, entities.Case, entities.Attribute,
              entities.AttributeValue, entities.DocumentGroup, entities.Memo, entities.Dictionary,
              entities.DocumentMetadata, entities.SpeakerTurn]
    values = [path.stem, path.name]
    project = Project.open(path)
    try:
        with project.session() as session:
            for table in tables:
                columns = [c for c in table.__table__.columns if isinstance(c.type, (String, Text))]
                for row in session.execute(select(*columns)):
                    values += [str(value) for value in row if value]
            values += [actor for actor in session.scalars(select(entities.AuditEvent.actor).distinct()) if actor]
    finally:
        project.close()
    return values


def _modal(walker: Walker, name: str, open_it: Callable[[], object]) -> None:
    """Open a dialog that runs modally (``exec``), walk it once it is up, and cancel it."""
    def visit() -> None:
        dialog = QApplication.activeModalWidget() or QApplication.activePopupWidget()
        if dialog is not None:
            walker.walk(dialog)
            dialog.reject() if isinstance(dialog, QDialog) else dialog.close()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(visit)
    timer.start(0)
    try:
        open_it()
    except Exception as error:  # noqa: BLE001 - the report names a dialog that could not be opened
        walker.findings.add(Finding(name, "could not open", f"{type(error).__name__}: {error}"))
    finally:
        timer.stop()


def _opened(walker: Walker, name: str, open_it: Callable[[], Any]) -> None:
    """Open a window or dialog that is shown without ``exec`` and walk it."""
    try:
        widget = open_it()
    except Exception as error:  # noqa: BLE001 - the report names a window that could not be opened
        walker.findings.add(Finding(name, "could not open", f"{type(error).__name__}: {error}"))
        return
    if isinstance(widget, QWidget):
        walker.walk(widget)
    else:
        walker.findings.add(Finding(name, "could not open", "no window came up"))


def _tools(window: QWidget, module: str) -> Any:
    """The feature object a feature module left on the window (``module.ATTRIBUTE``)."""
    import importlib

    return getattr(window, importlib.import_module(module).ATTRIBUTE)


def feature_windows(window: Any) -> Iterator[tuple[str, Callable[[], Any]]]:
    """(name, opener) of every window and non-modal dialog reachable from the main window's features."""
    from app.analysis import controller_of
    from app.analysis.window import VIEWS

    def analysis_window() -> Any:
        """Every view of the analysis window (each a tab), then the window."""
        analysis = controller_of(window)
        assert analysis is not None
        for kind in VIEWS:
            analysis.show(kind)
        return analysis.analysis_window

    yield "compare window", lambda: _tools(window, "app.agreement").show_compare()
    yield "review window", lambda: _tools(window, "app.agreement").show_review()
    yield "analysis window", analysis_window
    yield "import dialog", lambda: window.projects.show_import_dialog()
    yield "cases editor", lambda: window.projects.show_cases_editor()
    yield "restore backup", lambda: _tools(window, "app.backups").show_restore_dialog()
    yield "audit log", lambda: _tools(window, "app.audit_viewer").open_viewer()
    yield "autocode by structure", lambda: _tools(window, "app.autocode_dialog").open_dialog()
    yield "dictionaries", lambda: _tools(window, "app.dictionary_editor").open_editor()
    yield "train machine coder", lambda: _tools(window, "app.machine_coder").show_training()
    yield "suggestions", lambda: _tools(window, "app.machine_coder").show_suggestions() and window  # a dock
    yield "user guide", lambda: _tools(window, "app.help").show_guide()

    def survey() -> Any:
        from app.survey_import_dialog import show_survey_import
        return show_survey_import(window)

    yield "survey import", survey

    def export_options(kind: str) -> Callable[[], QDialog]:
        def build() -> QDialog:
            from app.analysis import exports
            dialog: QDialog = getattr(exports, kind)(controller_of(window))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            return dialog
        return build

    yield "matrix export options", export_options("MatrixOptionsDialog")
    yield "crosstab export options", export_options("CrosstabOptionsDialog")

    def endpoint() -> QDialog:
        from app.endpoint_settings import EndpointPreferences, EndpointSettingsDialog
        return EndpointSettingsDialog(EndpointPreferences(), window)

    yield "language-model endpoint settings", endpoint

    def preferences() -> QDialog:
        from app.preferences import PreferencesDialog
        return PreferencesDialog(window)

    yield "settings", preferences


def modal_dialogs(window: Any, folder: str) -> Iterator[tuple[str, Callable[[], object]]]:
    """(name, opener) of the dialogs that only run modally."""
    from app import assignments, team

    coders = ["Alice", "Bob"]
    yield "backup settings", lambda: _tools(window, "app.backups").show_settings()
    yield "assign coders", lambda: assignments.choose_coders(window, coders, 2)
    yield "make coder copies", lambda: team.choose_copies(window, coders, folder)
    yield "export coded summary", lambda: _tools(window, "app.analysis").exports.export_summary()
    yield "export coded segments", lambda: _tools(window, "app.analysis").exports.export_segments()


def context_menus(window: Any, walker: Walker, coded_document: int) -> None:
    """The context menus of Documents, Codebook, Coded segments and the transcript (on a coded passage, with a
    selection), each with what the features add to it."""
    window.documents_panel.tree.selectAll()
    window.codebook_panel.tree.setCurrentIndex(window.codebook_panel.tree.model().index(0, 0))
    for name, build in (("documents menu", window.document_actions.menu),
                        ("codebook menu", window.codebook_actions.context_menu)):
        _opened(walker, name, build)
    window.open_document(coded_document)
    if window.blind_action.isChecked():  # the others' codings too, so there is one to open a menu on
        window.blind_action.trigger()
    window.segments_panel.table.selectAll()
    segment = window.segments_panel.selected_segments()[:1]
    _modal(walker, "coded segments menu", lambda: window.coding_actions.segments_menu(QPoint(0, 0)))
    if segment:
        window.transcript.select(segment[0].start, segment[0].end)
        _modal(walker, "transcript menu",
               lambda: window.coding_actions.transcript_menu(QPoint(0, 0), segment[0].start))
    else:
        walker.findings.add(Finding("segments and transcript menus", "could not open", "no coded segment shown"))


def walk_everything(window: Any, user_data: Iterable[str], folder: str, coded_document: int) -> Walker:
    """The main window (features installed, a project open), its context menus on ``coded_document``, then every
    window and dialog it opens."""
    walker = Walker(user_data)
    walker.walk(window)
    context_menus(window, walker, coded_document)
    for name, open_it in feature_windows(window):
        _opened(walker, name, open_it)
    for name, open_it in modal_dialogs(window, folder):
        _modal(walker, name, open_it)
    QThreadPool.globalInstance().waitForDone(60_000)  # the views' first results, and no worker outlives the walk
    QCoreApplication.processEvents()
    for top in QApplication.topLevelWidgets():  # again: docks the features added, texts set once results came
        if top.isVisible():
            walker.walk(top)
    analysis = _tools(window, "app.analysis")
    if analysis.analysis_window is not None:
        analysis.analysis_window.stop()
    return walker


def report(walker: Walker) -> str:
    lines = [f"{len(walker.findings)} of {walker.texts} visible strings are still English:"]
    lines += [f"  {finding}" for finding in sorted(walker.findings)]
    return "\n".join(lines)


def open_chinese_window(project: Path, settings: Any) -> Any:
    from app.i18n import CHINESE, TRANSLATORS
    from app.main import MainWindow, install_features

    TRANSLATORS.install(CHINESE)
    window = MainWindow(project, settings, coder="Alice")
    install_features(window)
    window.show()
    return window


# == tests ===========================================================================================================
def test_leftover_english_allows_names_formats_keys_paths_and_user_data() -> None:
    assert leftover_english("导出 DOCX（Word）…") == []
    assert leftover_english("Krippendorff α 与 Cohen κ，AC1 的 95% CI") == []
    assert leftover_english("打开(&O)… Ctrl+Shift+O") == []
    assert leftover_english("从 /tmp/x/sample.concord 或 https://example.org/a 导入 *.qdpx") == []
    assert leftover_english("<b>编码员：</b>Alice", ["Alice"]) == []
    assert leftover_english("代码“Organizational changes”", ["Organizational changes"]) == []
    assert leftover_english("&File") == ["File"]
    assert leftover_english("导出 <b>summary</b>") == ["summary"]
    assert leftover_english("{count} documents", ["Alice"]) == ["count", "documents"]
    assert leftover_english("Wordy") == ["Wordy"]  # an allowed name only as a whole word
    assert leftover_english("Cohen κ；Often", ["en", "Of"]) == ["Often"]  # user data as whole words too
    assert leftover_english("“interviewer”的话轮", ["Interviewer"]) == []
    assert leftover_english("•&nbsp; 按 <b>F1</b>") == []
    assert leftover_english("NVivo、ATLAS.ti 或 MAXQDA") == []


def test_walker_finds_english_texts_of_an_english_window(qtbot, sample, settings, messages) -> None:  # type: ignore[no-untyped-def]
    """The walk is not blind: the English interface is full of findings, the project's names are not."""
    from app.i18n import ENGLISH, TRANSLATORS
    from app.main import MainWindow

    TRANSLATORS.install(ENGLISH)
    data = project_data(sample.path)
    window = MainWindow(sample.path, settings, coder="Alice")
    qtbot.addWidget(window)
    walker = Walker(data)
    walker.walk(window)
    texts = {finding.text for finding in walker.findings}
    assert {"&File", "&Edit", "&Undo"} <= texts
    assert not any("Alice" == text or "P01 bureau" == text for text in texts)
    window.close()


def test_every_visible_string_is_chinese_with_the_shipped_catalogue(qtbot, sample, settings, messages,  # type: ignore[no-untyped-def]
                                                                    tmp_path: Path) -> None:
    """Fails until every engineer's translations are merged into the catalogue; the message lists what is left."""
    from app.i18n import ENGLISH, TRANSLATORS

    data = project_data(sample.path)
    window = open_chinese_window(sample.path, settings)
    qtbot.addWidget(window)
    try:
        walker = walk_everything(window, data, str(tmp_path), sample.en_id)
        assert walker.texts > 300  # the walk reached the windows
        assert not walker.findings, report(walker)
    finally:
        window.close()
        TRANSLATORS.install(ENGLISH)


# == for the lead: python -m tests.app.test_i18n_walk ===============================================================
def main() -> int:
    """Build the test project in a temporary folder, walk the Chinese windows, print what is still English."""
    from PySide6.QtCore import QSettings

    from app.i18n import ENGLISH, TRANSLATORS
    from tests.app.conftest import _build

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        sample = _build(Path(folder) / "sample.concord")
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        from app import dialogs

        dialogs.show_error = lambda parent, message, title="Concord": None  # no box waits for a click
        dialogs.show_info = lambda parent, message, title="Concord": None
        data = project_data(sample.path)
        window = open_chinese_window(sample.path, settings)
        walker = walk_everything(window, data, folder, sample.en_id)
        print(report(walker))
        window.close()
        TRANSLATORS.install(ENGLISH)
        QCoreApplication.processEvents()
        del app
    return 1 if walker.findings else 0


if __name__ == "__main__":
    sys.exit(main())

