"""Issue 16 in the feature dialogs (imports, backups, audit trail, team, assignments, roles, exchange): what
depends on a text keeps working when the interface is in another language.

A "language" here is a real ``QTranslator`` installed in the application that puts every text of the given
contexts in «brackets»: whatever Chinese the catalogue ends up holding, code that compared a shown text with
its English (a folder row's Kind, a menu item's text) would miss it just the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app import i18n
from app.audit_viewer import action_label, entity_label
from app.import_dialog import ImportDialog
from app.main import MainWindow, install_features
from app.roles import ATTRIBUTE, RoleView, shown_texts
from tests.pg import RunningServer
from tests.server.test_roles import Team, build_team, drop_team


class Bracketing(QTranslator):
    """Every text of ``contexts`` as «text»; the others are left to the next catalogue."""

    def __init__(self, *contexts: str) -> None:
        super().__init__()
        self.contexts = contexts

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return f"«{source}»" if context in self.contexts else None  # None: Qt asks the next catalogue

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def bracketing(qapp) -> Iterator[Bracketing]:  # type: ignore[no-untyped-def]
    translator = Bracketing("import_dialog", "audit_action", "audit_entity", "exchange")
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


def test_the_bracketing_catalogue_is_in_use(bracketing: Bracketing) -> None:
    assert QCoreApplication.translate("import_dialog", "folder") == "«folder»"
    assert QCoreApplication.translate("elsewhere", "folder") == "folder"


def test_a_folder_row_stays_a_folder_when_its_kind_is_translated(qtbot, sample, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 bracketing: Bracketing) -> None:
    folder = tmp_path / "interviews"
    (folder / "later").mkdir(parents=True)
    for path in (folder / "P01.txt", folder / "P02.txt", folder / "later" / "P03.txt"):
        path.write_text("I: Hello\nR: Hello again\n", encoding="utf-8")
    dialog = ImportDialog(sample.path, "Alice", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.add_paths([folder])
    top = dialog.files.topLevelItem(0)
    assert top is not None and top.text(2) == "«folder»"  # the Kind column in the interface language
    assert sorted(Path(path).name for path in dialog.chosen_paths()) == ["P01.txt", "P02.txt"]
    dialog.recursive.setChecked(True)  # relists the folder: found by its role, not by its text
    assert sorted(Path(path).name for path in dialog.chosen_paths()) == ["P01.txt", "P02.txt", "P03.txt"]
    assert dialog.status.text() == "«3 of 3 files ticked: Import imports those.»"  # translated, then formatted


def test_audit_actions_and_kinds_read_in_the_interface_language(bracketing: Bracketing) -> None:
    assert action_label("apply_code") == "«apply code»"
    assert entity_label("machine_model") == "«machine_model»"
    assert action_label("someday_new_action") == "someday new action"  # not listed: as stored, spaced
    assert entity_label("someday_new_thing") == "someday_new_thing"


def test_audit_labels_in_english_are_the_keys_as_before() -> None:
    assert action_label("apply_code") == "apply code" and action_label("import-add") == "import-add"
    assert entity_label("machine_model") == "machine_model"


def test_role_texts_follow_the_translation_of_their_catalogue_source(bracketing: Bracketing) -> None:
    texts = frozenset({"Import codebook (.qdc)", "Make coder copies"})
    sources = [("exchange", "Import codebook (.qdc)…", ""), ("exchange", "Export codebook (.qdc)…", ""),
               ("team", "Make coder copies…", "")]
    shown = shown_texts(texts, sources)
    assert "«Import codebook (.qdc)»" in shown  # as the menu shows it, without & and …
    assert "«Export codebook (.qdc)»" not in shown  # another action: stays on
    assert texts <= shown  # English still matches


# -- a coder's window on a server, in Chinese -----------------------------------------------------------------
@pytest.fixture(scope="module")
def team(pg_server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    made = build_team(pg_server, tmp_path_factory.mktemp("transcripts"))
    try:
        yield made
    finally:
        drop_team(made)


def test_a_coders_chinese_window_greys_out_the_leads_tools(qtbot, team: Team, settings, messages) -> None:  # type: ignore[no-untyped-def]
    """The lead's tools other features add are found by their translated texts (app/roles.py matched English)."""
    i18n.TRANSLATORS.install(i18n.CHINESE)
    try:
        window = MainWindow(None, settings)
        qtbot.addWidget(window)
        install_features(window)
        assert window.open_project(team.url(team.lin))
        view = getattr(window, ATTRIBUTE)
        assert isinstance(view, RoleView)
        exchange, team_tools = window.exchange_tools, window.team_tools  # type: ignore[attr-defined]
        for action in (exchange.import_codebook_action, exchange.import_project_action, team_tools.copies_action,
                       team_tools.merge_action):
            assert not action.isEnabled(), action.text()
        assert exchange.export_codebook_action.isEnabled()  # a coder may export
        assert window.assignment_tools.done_action.isEnabled()  # type: ignore[attr-defined]
        assert not any(action.isEnabled() for action in window.codebook_menu.actions() if not action.isSeparator())
        assert view.label.text() == QCoreApplication.translate("roles", "Coder on server") + QCoreApplication.translate(
            "roles", " (blind)")
        window.close_project()
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)
