"""The base of every analysis view: options on top, a background run, the result below, kept current."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget

from app.analysis.common import ERROR_STYLE, ChartPanel, Runner, Work, debounce, status_label
from coding.i18n import QT_TRANSLATE_NOOP
from coding.changes import Changes
from coding.errors import ConcordError

if TYPE_CHECKING:
    from app.analysis.controller import AnalysisController
    from app.workbench import Workbench


class AnalysisView(QWidget):
    """Subclasses build their options and result widgets, and implement ``work`` and ``show_result``.

    ``work()`` reads the options (GUI thread) and returns the function the worker runs on its own
    Project; ``show_result`` fills the models (GUI thread). ``loaded`` is emitted after each result.
    """

    loaded = Signal()
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Analysis")  # shown through translate("AnalysisViews", title)
    # Which kinds of change make the result out of date.
    depends_on: tuple[str, ...] = ("codings", "codes", "documents", "cases", "attributes", "groups", "coders")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        bench, project_path = controller.bench, controller.location
        assert bench is not None and project_path is not None, "an analysis view needs an open project"
        self.bench: Workbench = bench
        self.result: Any = None
        self.error = ""
        self.stale = True
        self.stopped = False  # the project is closing: nothing more is computed or saved
        self.runner = Runner(project_path, bench.coder_name, self)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.progress.connect(self._progress)
        self.refresh_timer = debounce(self, 250, self.refresh)
        self.status = status_label()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.refresh_button = QToolButton()
        self.refresh_button.setText(QCoreApplication.translate("AnalysisView", "Refresh"))
        self.refresh_button.setToolTip(QCoreApplication.translate("AnalysisView", "Compute again from the project as it is now"))
        self.refresh_button.clicked.connect(self.refresh)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(10, 10, 10, 8)
        self.layout_.setSpacing(8)

    # -- building helpers --------------------------------------------------------------------------
    def status_row(self, *extra: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.status, 1)
        row.addWidget(self.progress)
        for widget in extra:
            row.addWidget(widget)
        row.addWidget(self.refresh_button)
        return row

    # -- subclass hooks ----------------------------------------------------------------------------
    def work(self) -> Work | None:
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        raise NotImplementedError

    def reload_choices(self) -> None:
        """Offer the project's current codes, coders, cases … in the options."""

    def summaries_changed(self) -> None:
        """Matrix summaries changed (only the matrix view cares)."""

    # -- running -----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.runner.busy

    def refresh(self) -> None:
        self.refresh_timer.stop()
        if self.stopped:
            return
        self.stale = False
        try:
            work = self.work()
        except ConcordError as exc:
            self._failed(str(exc))
            return
        if work is None:  # nothing to compute yet (an empty search): the view is as current as it gets
            self.loaded.emit()
            return
        self.error = ""
        self.status.setStyleSheet("")
        self.status.setText(QCoreApplication.translate("AnalysisView", "Computing…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.runner.run(work)

    def schedule_refresh(self, delay: int = 250) -> None:
        self.refresh_timer.start(delay)

    def _finished(self, result: Any) -> None:
        self.progress.hide()
        self.result = result
        self.status.setStyleSheet("")
        self.show_result(result)
        chart = getattr(self, "chart", None)
        if isinstance(chart, ChartPanel) and chart.pending:  # loaded once the chart drawn off-thread shows
            chart.drawn.connect(self._chart_drawn, Qt.ConnectionType.SingleShotConnection)
        else:
            self.loaded.emit()

    def _chart_drawn(self) -> None:
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.error = message
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message[:1].upper() + message[1:])
        self.loaded.emit()

    def _progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        computing = QCoreApplication.translate("AnalysisView", "Computing…")
        self.status.setText(QCoreApplication.translate("AnalysisView", "Computing… {step}").format(step=label)
                            if label else computing)

    # -- keeping current ---------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if self.stopped:
            return
        if changes.codes or changes.coders or changes.cases or changes.attributes or changes.groups:
            self.reload_choices()
        if changes.matrix:
            self.summaries_changed()
        if any(getattr(changes, name) for name in self.depends_on):
            self.stale = True
            if self.isVisible():
                self.schedule_refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and not self.busy:
            self.schedule_refresh(0 if self.result is None else 250)

    def stop(self) -> None:
        self.stopped = True
        self.refresh_timer.stop()
        self.runner.cancel()
        self.runner.wait()


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


__all__ = ["AnalysisView", "hint"]
