"""The optional language-model endpoint in the desktop app (issue 15 item 5): Tools › Language-model endpoint…

* **Settings** (per user, in QSettings, never in the shared project): on/off (off by default), base URL (a local
  Ollama is ``http://localhost:11434/v1``), model, the *name* of an environment variable holding an API key (the
  key itself is never stored), timeout, and the unit asked about (sentence or speaker turn). The dialog shows,
  as you type, exactly what would leave the computer and to which URL, with a warning when it is not this computer.
* **Ask the endpoint for suggestions…**: before the first use of a URL, the same notice asks for consent; then
  the chosen documents' units are sent one by one in a worker (progress, cancel), and the answers are stored as
  pending suggestions, one undo step. They go to the same review queue as the machine coder's (Tools ›
  Suggestions…), and their provenance reads "suggested by Endpoint (model)".
* **Let the endpoint code documents (for agreement)…**: the endpoint codes documents people have coded as its
  own coder, one undo step, so Compare coders gives α between it and each human.

A failure (unreachable, timeout, HTTP error, an answer that is not the JSON asked for, a code path the codebook
lacks) is one dialog naming the endpoint and the problem; nothing of that batch is stored.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.commands import BenchCommand
from app.operations import Operation, location_of
from coding.autocode.endpoint import DEFAULT_TIMEOUT, UNITS, EndpointConfig, disclosure
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.main import MainWindow
    from app.workbench import Workbench
    from coding.autocode.endpoint import Answer, EndpointJob
    from coding.edits.base import Edit
    from coding.progress import Cancel, Progress
    from coding.project import Project

ATTRIBUTE = "endpoint_tools"
MENU = "Tools"
GROUP = "endpoint"
NOTICE_TITLE = QT_TRANSLATE_NOOP("EndpointTools", "Text leaves this computer")
UNIT_NOUNS = {"sentence": QT_TRANSLATE_NOOP("endpoint_settings", "sentence"),
              "turn": QT_TRANSLATE_NOOP("endpoint_settings", "turn")}


def unit_noun(unit: str) -> str:
    """A unit the endpoint is asked about ("sentence", "turn") in the interface language."""
    return QCoreApplication.translate("endpoint_settings", UNIT_NOUNS.get(unit, unit))


def endpoint_title() -> str:
    return QCoreApplication.translate("EndpointTools", "Language-model endpoint")


@dataclass(frozen=True)
class EndpointPreferences:
    """The user's endpoint settings (QSettings group ``endpoint``); ``consented`` lists the chat URLs whose notice
    the user accepted."""

    enabled: bool = False
    base_url: str = "http://localhost:11434/v1"
    model: str = ""
    api_key_env: str = ""
    timeout: float = DEFAULT_TIMEOUT
    unit: str = "sentence"
    consented: tuple[str, ...] = field(default_factory=tuple)

    def config(self) -> EndpointConfig:
        """The endpoint to ask; ``ValidationError`` when a setting is not usable."""
        return EndpointConfig(self.base_url, self.model, api_key_env=self.api_key_env, timeout=self.timeout)

    @classmethod
    def load(cls, settings: QSettings) -> EndpointPreferences:
        def text(key: str, default: str) -> str:
            return str(settings.value(f"{GROUP}/{key}", default) or default)

        stored = settings.value(f"{GROUP}/consented", [])
        # QSettings hands back one string for a one-item list, and nothing for an empty one
        consented = [stored] if isinstance(stored, str) else list(stored) if isinstance(stored, (list, tuple)) else []
        try:
            timeout = float(text("timeout", str(DEFAULT_TIMEOUT)))
        except ValueError:
            timeout = DEFAULT_TIMEOUT
        unit = text("unit", "sentence")
        return cls(enabled=text("enabled", "false").lower() in ("1", "true"), base_url=text("base_url", cls.base_url),
                   model=text("model", ""), api_key_env=text("api_key_env", ""), timeout=timeout,
                   unit=unit if unit in UNITS else "sentence",
                   consented=tuple(str(url) for url in consented if url))

    def save(self, settings: QSettings) -> None:
        values: dict[str, object] = {"enabled": self.enabled, "base_url": self.base_url, "model": self.model,
                                     "api_key_env": self.api_key_env, "timeout": self.timeout, "unit": self.unit,
                                     "consented": list(self.consented)}
        for key, value in values.items():
            settings.setValue(f"{GROUP}/{key}", value)
        settings.sync()


def notice_html(notice: str) -> str:
    """The notice as the dialog shows it: paragraphs, the warning about another computer (the paragraph after
    what is sent, in any language) in bold red."""
    paragraphs = [html.escape(part) for part in notice.split("\n\n")]
    return "".join(f"<p style='color:#b00020'><b>{part}</b></p>" if at else f"<p>{part}</p>"
                   for at, part in enumerate(paragraphs))


class EndpointSettingsDialog(QDialog):
    """Edit the endpoint settings; the notice below the fields says what would be sent and where."""

    def __init__(self, preferences: EndpointPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("EndpointSettingsDialog", "Language-model endpoint"))
        self.preferences = preferences
        self.enabled = QCheckBox(QCoreApplication.translate(
            "EndpointSettingsDialog", "Use a language-model endpoint as a second suggestion engine"))
        self.enabled.setChecked(preferences.enabled)
        self.url = QLineEdit(preferences.base_url)
        self.url.setPlaceholderText("http://localhost:11434/v1")
        self.model = QLineEdit(preferences.model)
        self.model.setPlaceholderText("llama3.1")
        self.key_env = QLineEdit(preferences.api_key_env)
        self.key_env.setPlaceholderText(QCoreApplication.translate("EndpointSettingsDialog",
                                                               "none (a local Ollama needs no key)"))
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(1, 3600)
        self.timeout.setSuffix(QCoreApplication.translate("EndpointSettingsDialog", " s"))
        self.timeout.setValue(preferences.timeout)
        self.unit = QComboBox()
        for unit in UNITS:
            self.unit.addItem(unit_noun(unit), unit)
        self.unit.setCurrentIndex(max(self.unit.findData(preferences.unit), 0))
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setWordWrap(True)
        self.notice.setMinimumWidth(460)
        self._layout()
        for line in (self.url, self.model, self.key_env):
            line.textChanged.connect(self._show_notice)
        self.enabled.toggled.connect(self._show_notice)
        self._show_notice()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("EndpointSettingsDialog", "Base URL"), self.url)
        form.addRow(QCoreApplication.translate("EndpointSettingsDialog", "Model"), self.model)
        form.addRow(QCoreApplication.translate("EndpointSettingsDialog", "API key from variable"), self.key_env)
        form.addRow(QCoreApplication.translate("EndpointSettingsDialog", "Timeout per answer"), self.timeout)
        form.addRow(QCoreApplication.translate("EndpointSettingsDialog", "Ask about each"), self.unit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)

    def chosen(self) -> EndpointPreferences:
        return replace(self.preferences, enabled=self.enabled.isChecked(), base_url=self.url.text().strip(),
                       model=self.model.text().strip(), api_key_env=self.key_env.text().strip(),
                       timeout=self.timeout.value(), unit=str(self.unit.currentData()))

    def _show_notice(self) -> None:
        if not self.enabled.isChecked():
            self.notice.setText(QCoreApplication.translate(
                "EndpointSettingsDialog", "Off: nothing is sent anywhere. No model ships with Concord."))
            return
        try:
            self.notice.setText(notice_html(disclosure(self.chosen().config())))
        except ConcordError as exc:
            self.notice.setText(QCoreApplication.translate("EndpointSettingsDialog", "Not usable yet: {problem}").format(
                problem=html.escape(str(exc))))

    def accept(self) -> None:
        chosen = self.chosen()
        if chosen.enabled:
            try:
                chosen.config()
            except ConcordError as exc:
                dialogs.show_error(self, str(exc), self.windowTitle())
                return
        self.preferences = chosen
        super().accept()


class EndpointBatchCommand(BenchCommand):
    """Store one batch of the endpoint's answers (suggestions, or its coder's codings): one undo step."""

    def __init__(self, bench: Workbench, label: str, edit: Edit) -> None:
        super().__init__(bench, label, edit)


class EndpointTools(QObject):
    """The window's endpoint actions and settings."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.operation: Operation | None = None
        self.last_edit: Edit | None = None
        self.settings_action = self._action(
            QCoreApplication.translate("EndpointTools", "Language-model &endpoint…"), self.edit_settings,
            QCoreApplication.translate("EndpointTools", "Configure an optional OpenAI-compatible endpoint (off by default)"))
        self.suggest_action = self._action(
            QCoreApplication.translate("EndpointTools", "Ask the endpoint for suggestions…"), self.ask_for_suggestions,
            QCoreApplication.translate("EndpointTools",
                                       "Send units to the configured endpoint; review its codes as suggestions"))
        self.code_action = self._action(
            QCoreApplication.translate("EndpointTools", "Let the endpoint code documents (for agreement)…"),
            self.code_for_agreement,
            QCoreApplication.translate("EndpointTools", "The endpoint codes documents people coded, as its own coder"))
        window.project_opened.connect(self._update_enabled)
        window.project_closed.connect(self._update_enabled)
        self._update_enabled()

    def _action(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.add_tool_action(MENU, action)
        return action

    @property
    def preferences(self) -> EndpointPreferences:
        return EndpointPreferences.load(self.window.settings.qsettings)

    def _update_enabled(self) -> None:
        usable = self.window.bench is not None and self.preferences.enabled
        self.suggest_action.setEnabled(usable)
        self.code_action.setEnabled(usable)

    # -- settings and consent ------------------------------------------------------------------------------
    def edit_settings(self) -> EndpointSettingsDialog:
        dialog = EndpointSettingsDialog(self.preferences, self.window)
        dialog.accepted.connect(lambda: self.save(dialog.preferences))
        dialog.open()
        return dialog

    def save(self, preferences: EndpointPreferences) -> None:
        preferences.save(self.window.settings.qsettings)
        self._update_enabled()

    def consent(self, config: EndpointConfig) -> bool:
        """Ask before the first use of a URL (the notice says what is sent); remember a yes."""
        preferences = self.preferences
        if config.chat_url in preferences.consented:
            return True
        if not dialogs.confirm(self.window, disclosure(config), QCoreApplication.translate("EndpointTools", NOTICE_TITLE),
                               ok_text=QCoreApplication.translate("EndpointTools", "Send")):
            return False
        self.save(replace(preferences, consented=(*preferences.consented, config.chat_url)))
        return True

    def _ready(self) -> EndpointConfig | None:
        preferences = self.preferences
        if self.window.bench is None:
            return None
        if not preferences.enabled:
            dialogs.show_info(self.window, QCoreApplication.translate(
                "EndpointTools", "No endpoint is configured: Tools › Language-model endpoint… turns one on. Nothing "
                "was sent."), endpoint_title())
            return None
        try:
            config = preferences.config()
        except ConcordError as exc:
            dialogs.show_error(self.window, str(exc), endpoint_title())
            return None
        return config if self.consent(config) else None

    # -- asking -----------------------------------------------------------------------------------------------
    def ask_for_suggestions(self, document_ids: list[int] | None = None) -> Operation | None:
        """Ask about the documents (None: tick them in a list, the open transcript's ticked)."""
        config = self._ready()
        if config is None:
            return None
        if document_ids is None:
            document_ids = self._choose_documents(people_coded=False)
        return self._run(config, document_ids, as_coder=False) if document_ids else None

    def code_for_agreement(self, document_ids: list[int] | None = None) -> Operation | None:
        """The endpoint codes documents people coded (None: tick them in a list)."""
        config = self._ready()
        if config is None:
            return None
        if document_ids is None:
            document_ids = self._choose_documents(people_coded=True)
        return self._run(config, document_ids, as_coder=True) if document_ids else None

    def _choose_documents(self, *, people_coded: bool) -> list[int] | None:
        from coding.autocode.endpoint_store import human_coded_documents
        from coding.documents import document_refs

        bench = self.window.bench
        assert bench is not None
        with bench.project.session() as session:
            refs = document_refs(session)
            coded = set(human_coded_documents(session, [ref.id for ref in refs]))
        names = {ref.name: ref.id for ref in refs if ref.id in coded or not people_coded}
        if not names:
            dialogs.show_info(self.window, QCoreApplication.translate(
                "EndpointTools", "No document has a person's codings to compare the endpoint with."))
            return None
        open_document = self.window.transcript.document
        ticked = [open_document.name] if open_document is not None and open_document.name in names else []
        prompt = QCoreApplication.translate(
            "EndpointTools", "Documents the endpoint codes as its own coder (each {unit}'s text is sent):") \
            if people_coded else QCoreApplication.translate(
                "EndpointTools", "Documents the endpoint suggests codes for (each {unit}'s text is sent):")
        chosen = dialogs.choose_documents(self.window, endpoint_title(),
                                          prompt.format(unit=unit_noun(self.preferences.unit)), sorted(names), ticked)
        return [names[name] for name in chosen or []]

    def _run(self, config: EndpointConfig, document_ids: list[int] | None, *, as_coder: bool) -> Operation | None:
        bench = self.window.bench
        assert bench is not None
        unit = self.preferences.unit

        def work(project: Project, progress: Progress, cancelled: Cancel) -> tuple[EndpointJob, list[Answer]]:
            from coding.autocode.endpoint import ask_all, prepare

            with project.session() as session:
                job = prepare(session, config, unit=unit, document_ids=document_ids)
            return job, ask_all(job, progress=progress, cancelled=cancelled)

        self.operation = Operation(
            self.window, work, project_path=location_of(bench.project), actor=bench.coder_name, read_only=True,
            title=QCoreApplication.translate("EndpointTools", "Asking {model}").format(model=config.model_name), on_success=lambda result: self._store(result, as_coder),
            on_cancel=lambda message: self.window.statusBar().showMessage(message, 8000),
        ).start()
        return self.operation

    def _store(self, result: tuple[EndpointJob, list[Answer]], as_coder: bool) -> None:
        from coding.autocode.endpoint_store import EndpointCodingsEdit, EndpointSuggestionsEdit, NothingToSuggest

        bench = self.window.bench
        if bench is None:
            return
        job, answers = result
        edit: EndpointCodingsEdit | EndpointSuggestionsEdit = (
            EndpointCodingsEdit(job, answers) if as_coder else EndpointSuggestionsEdit(job, answers))
        command = EndpointBatchCommand(bench, edit.label, edit)
        try:
            changes = command.first_run()
        except NothingToSuggest as nothing:
            dialogs.show_info(self.window, str(nothing), edit.label)
            return
        except ConcordError as exc:
            bench.report_error(str(exc))
            return
        bench.undo_stack.push(command)
        bench.announce(changes)
        self.last_edit = edit
        if not as_coder:
            self._open_review()

    def _open_review(self) -> None:
        from app.machine_coder import tools_of

        tools = tools_of(self.window)
        if tools is not None:
            tools.show_suggestions()


def install(window: MainWindow) -> None:
    """Add the endpoint's settings and actions to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, EndpointTools(window))


def tools_of(window: QWidget) -> EndpointTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["EndpointPreferences", "EndpointSettingsDialog", "EndpointTools", "install", "tools_of"]
