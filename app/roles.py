"""What your role on a PostgreSQL server lets you do, shown in the window: the rest is greyed out.

The server enforces the roles (``coding/team/roles.py``: GRANTs and row-level security); this feature only
spares people the refusals. On a server project:

- a **viewer** reads: every action that writes is off (coding, memos, statuses, the codebook, imports …);
- a **coder** codes: the codebook, documents, cases and attributes, the team's blind mode and the lead's tools
  (coder copies, consensus review, restores) are off; they code as their own login;
- a **lead** may do everything.

A label in the status bar says which ("Coder on server (blind)"), and the blind toggle follows the project's
setting, re-read after every change (a lead in another window may switch it). Project files are untouched:
there every action stays as it is and blind mode stays each person's own choice.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu

from app.i18n import ENGLISH, TRANSLATORS
from coding.changes import Changes
from coding.i18n import QT_TRANSLATE_NOOP, catalogue

if TYPE_CHECKING:
    from app.main import MainWindow

ATTRIBUTE = "role_view"
translate = QCoreApplication.translate  # the name lupdate extracts
# The window's own actions a coder may not take (attribute names on MainWindow).
CODER_OFF = (
    "add_code_action", "add_subcode_action", "rename_code_action", "definition_action", "colour_action",
    "shortcut_action", "merge_action", "delete_code_action", "codable_action", "in_vivo_action", "cases_action",
    "import_action", "switch_coder_action", "blind_action",
)
VIEWER_OFF = CODER_OFF + (
    "quick_code_action", "apply_action", "remove_coding_action", "resize_action", "memo_action",
)
# Actions other features add, by their English text (without & and …): lead's work a coder may not do. In another
# interface language they are found by the translations of these texts (``shown_texts``).
CODER_OFF_TEXTS = frozenset({
    "Import REFI-QDA project (.qdpx)", "Import codebook (.qdc)", "Restore from backup", "Make coder copies",
    "Merge coder copies", "Review disagreements", "Project memo", "New journal entry",
    "Copy document metadata to case attributes",
    # A machine coder is a coder row and a model of the project's: the lead's to make (the server refuses others).
    "Train machine coder", "Ask the endpoint for suggestions", "Let the endpoint code documents (for agreement)",
})
VIEWER_OFF_TEXTS = CODER_OFF_TEXTS | {"Mark as done", "Mark as not done", "Autocode by structure"}
CODEBOOK_MENU = "Codebook"  # every item of it (quick slots too: stored in the project) is a lead's
LABELS = {"lead": QT_TRANSLATE_NOOP("roles", "Lead on server"), "coder": QT_TRANSLATE_NOOP("roles", "Coder on server"),
          "viewer": QT_TRANSLATE_NOOP("roles", "Viewer on server (read only)")}
ROLE_NAMES = {"lead": QT_TRANSLATE_NOOP("roles", "lead"), "coder": QT_TRANSLATE_NOOP("roles", "coder"),
              "viewer": QT_TRANSLATE_NOOP("roles", "viewer")}


def plain(text: str) -> str:
    return text.replace("&", "").replace("…", "").strip()


def shown_texts(texts: frozenset[str], sources: list[tuple[str, str, str]]) -> frozenset[str]:
    """``texts`` and the translation, as the window shows it now, of every catalogue source (context, text,
    disambiguation) that reads as one of them: an action's text changes with the interface language."""
    shown = {plain(translate(context, source, disambiguation or None))
             for context, source, disambiguation in sources if plain(source) in texts}
    return texts | frozenset(shown)


@cache
def texts_in(language: str, texts: frozenset[str]) -> frozenset[str]:
    """``shown_texts`` for the catalogue of ``language`` (read once per language and set of texts)."""
    return shown_texts(texts, list(catalogue(language))) if language != ENGLISH else texts


class RoleView:
    """Greys out what the open project's role may not do, and names the role in the status bar."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("roleBadge")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.switched_off: list[QAction] = []
        window.project_opened.connect(self.apply)
        window.project_closing.connect(self.release)

    @property
    def role(self) -> str | None:
        bench = self.window.bench
        return bench.project.role if bench is not None and bench.project.on_server else None

    def apply(self) -> None:
        bench = self.window.bench
        if bench is None or self.role is None:
            self.label.hide()
            return
        bench.changes_applied.connect(self._on_changes)
        self._switch_off()
        self._show_label()

    def release(self) -> None:
        """Leave the actions as they were before this project: the next one may be a file or another role."""
        bench = self.window.bench
        if bench is not None and self.role is not None:
            bench.changes_applied.disconnect(self._on_changes)
        for action in self.switched_off:
            action.setEnabled(True)
        self.switched_off = []
        self.label.hide()

    def _on_changes(self, changes: Changes, initiator: object | None) -> None:
        if changes.codings:  # blind mode changed (here, by undo, or by a lead elsewhere) announces codings
            self.window.projects.follow_team_blind()
        self._switch_off()  # features re-enable their actions as the project changes: keep them off
        self._show_label()

    def actions_off(self) -> list[QAction]:
        """The actions this role may not take, as the window holds them now."""
        role = self.role
        if role not in ("coder", "viewer"):
            return []
        names, texts = (CODER_OFF, CODER_OFF_TEXTS) if role == "coder" else (VIEWER_OFF, VIEWER_OFF_TEXTS)
        found = [getattr(self.window, name) for name in names]
        texts = texts_in(TRANSLATORS.language, texts)
        codebook = getattr(self.window, "codebook_menu", None)
        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            if isinstance(menu, QMenu):
                everything = menu is codebook or plain(menu.title()) == CODEBOOK_MENU
                found += _matching(menu, texts, everything=everything)
        return found

    def _switch_off(self) -> None:
        for action in self.actions_off():
            if action.isEnabled():
                action.setEnabled(False)
                self.switched_off.append(action)

    def _show_label(self) -> None:
        bench, role = self.window.bench, self.role
        if bench is None or role is None:
            return
        blind = translate("roles", " (blind)") if bench.blind and role != "viewer" else ""
        self.label.setText(f"{translate('roles', LABELS[role])}{blind}")
        login = bench.project.url.username if bench.project.url is not None else ""
        self.label.setToolTip(translate("roles", "Signed in to the server as {login}; the server allows a {role} only "
                                                 "what this window leaves enabled").format(
            login=login, role=translate("roles", ROLE_NAMES.get(role, role))))
        self.label.show()


def _matching(menu: QMenu, texts: frozenset[str], *, everything: bool) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        if everything or plain(action.text()) in texts:
            found.append(action)
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _matching(submenu, texts, everything=everything)
    return found


def install(window: MainWindow) -> None:
    setattr(window, ATTRIBUTE, RoleView(window))


__all__ = ["RoleView", "install"]
