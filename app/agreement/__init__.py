"""The agreement GUI: compare coders, keep and follow runs, review and settle disagreements.

``install(window)`` puts three actions in the main window's "Coders" menu:

* **Compare coders…** (Ctrl+Shift+A) — the agreement window on its form and results;
* **Agreement runs…** — the same window on its list of stored runs;
* **Review disagreements…** — the side-by-side review that settles passages into the consensus coder.

The windows belong to the open project: they close with it, and they open again on the next project.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app import warmup

if TYPE_CHECKING:
    from app.agreement.compare_window import AgreementWindow
    from app.agreement.results_model import RunView
    from app.agreement.review import ReviewWindow
    from app.main import MainWindow

MENU = "Coders"
ATTRIBUTE = "agreement_tools"  # where install() leaves the AgreementTools on the window
# The agreement window's charts and reports load matplotlib and python-docx (about a second): imported in the
# warm-up thread once the main window is up, not on the GUI thread when the window first opens.
PRELOAD = ("app.agreement.compare_window", "app.agreement.review")
translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls


class AgreementTools(QObject):
    """The actions and the agreement windows of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.agreement_window: AgreementWindow | None = None
        self.review_window: ReviewWindow | None = None
        self.compare_action = self._action(
            translate("AgreementTools", "&Compare coders…"), self.show_compare, "Ctrl+Shift+A",
            translate("AgreementTools", "Inter-coder agreement per code and level, at a unit you choose"))
        self.runs_action = self._action(
            translate("AgreementTools", "Agreement &runs…"), self.show_runs, None,
            translate("AgreementTools", "Stored comparisons: reopen, export, follow agreement over time"))
        self.review_action = self._action(
            translate("AgreementTools", "Review &disagreements…"), lambda: self.show_review(), None,
            translate("AgreementTools", "Passages where two coders differ, side by side; settle them into "
                                        "the consensus coder"))
        self.actions = [self.compare_action, self.runs_action, self.review_action]
        for action in self.actions:
            window.add_tool_action(MENU, action)
            window.addAction(action)  # the shortcut works with the menu bar hidden too
        window.project_opened.connect(self._project_opened)
        window.project_closed.connect(self._project_closed)
        self._set_enabled(window.bench is not None)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _set_enabled(self, enabled: bool) -> None:
        for action in self.actions:
            action.setEnabled(enabled)

    # -- windows ---------------------------------------------------------------------------------------
    def show_compare(self) -> AgreementWindow | None:
        """Open (or raise) the agreement window on its results."""
        window = self._agreement_window()
        if window is not None:
            window.tabs.setCurrentIndex(0)
            self._raise(window)
        return window

    def show_runs(self) -> AgreementWindow | None:
        """Open (or raise) the agreement window on its stored runs."""
        window = self._agreement_window()
        if window is not None:
            window.tabs.setCurrentWidget(window.runs_panel)
            self._raise(window)
        return window

    def show_review(self, coders: Sequence[str] | None = None) -> ReviewWindow | None:
        """Open (or raise) the disagreement review, on ``coders`` when given (up to five are compared)."""
        bench = self.window.bench
        if bench is None:
            return None
        from app.agreement.review import ReviewWindow

        if self.review_window is None:
            self.review_window = ReviewWindow(bench, self.window, coders)
        elif coders and len(coders) >= 2:
            self.review_window.set_coders(*coders)
        self._raise(self.review_window)
        return self.review_window

    def _agreement_window(self) -> AgreementWindow | None:
        bench = self.window.bench
        if bench is None:
            return None
        if self.agreement_window is None:
            from app.agreement.compare_window import AgreementWindow

            self.agreement_window = AgreementWindow(bench, self.window)
            self.agreement_window.review_requested.connect(self._review_run)
        return self.agreement_window

    def _review_run(self, run: RunView | None) -> None:
        people = [name for name in (run.raters if run else ()) if not name.startswith("snapshot:")]
        self.show_review(people if len(people) >= 2 else None)

    @staticmethod
    def _raise(widget: QWidget) -> None:
        widget.show()
        widget.raise_()
        widget.activateWindow()

    # -- project ---------------------------------------------------------------------------------------
    def _project_opened(self) -> None:
        self._close_windows()
        self._set_enabled(True)

    def _project_closed(self) -> None:
        self._close_windows()
        self._set_enabled(False)

    def _close_windows(self) -> None:
        for window in (self.agreement_window, self.review_window):
            if window is not None:
                window.detach()
                window.close()
                window.deleteLater()
        self.agreement_window = self.review_window = None


def install(window: MainWindow) -> None:
    """Add the agreement actions to ``window``'s "Coders" menu (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is not None:
        return
    setattr(window, ATTRIBUTE, AgreementTools(window))  # MainWindow has no such field: each feature adds its own
    warmup.preload(PRELOAD)


__all__ = ["MENU", "AgreementTools", "install"]
