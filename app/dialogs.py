"""Every message box, question and file dialog of the app, in one module.

Callers use ``dialogs.show_error(...)`` (the module attribute, never a from-import), so a test can
monkeypatch one function and drive the whole window without a modal dialog blocking it.
File dialogs are the platform's native ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QColor, QCursor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coding.i18n import QT_TRANSLATE_NOOP  # typed str, unlike PySide's; lupdate reads the name

translate = QCoreApplication.translate  # the name lupdate extracts
# File filters are translated where a dialog shows them: translate("dialogs", PROJECT_FILTER).
PROJECT_FILTER = QT_TRANSLATE_NOOP("dialogs", "Concord projects (*.concord)")
IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "dialogs", "Transcripts (*.txt *.docx *.md *.rtf *.odt *.html *.htm *.srt *.vtt);;All files (*)")
TABLE_FILTER = QT_TRANSLATE_NOOP("dialogs", "Tables (*.csv *.xlsx *.tsv);;All files (*)")


# -- messages ---------------------------------------------------------------------------------------
def show_error(parent: QWidget | None, message: str, title: str = "Concord") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def show_info(parent: QWidget | None, message: str, title: str = "Concord") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def confirm(parent: QWidget | None, question: str, title: str = "Concord", ok_text: str | None = None) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    ok = box.addButton(ok_text or translate("dialogs", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


# -- small questions --------------------------------------------------------------------------------
def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def edit_memo(parent: QWidget | None, title: str, text: str) -> str | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    editor = QPlainTextEdit(text)
    editor.setMinimumSize(420, 200)
    layout = QVBoxLayout(dialog)
    layout.addWidget(editor)
    layout.addWidget(_buttons(dialog))
    editor.setFocus()
    return editor.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_coder(parent: QWidget | None, names: Sequence[str], suggested: str) -> str | None:
    """Who is coding? Pick an existing coder or type a new name."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("dialogs", "Who is coding?"))
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(list(names))
    combo.setCurrentText(suggested if suggested in names or not names else names[0])
    combo.setMinimumWidth(260)
    layout = QVBoxLayout(dialog)
    intro = QLabel(translate(
        "dialogs",
        "Your codings are saved under your coder name. Pick your name, or type a new one to join as a new coder.",
    ))
    intro.setWordWrap(True)
    layout.addWidget(intro)
    form = QFormLayout()
    form.addRow(translate("dialogs", "Coder:"), combo)
    layout.addLayout(form)
    layout.addWidget(_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return combo.currentText().strip() or None


def choose_person(
    parent: QWidget | None, names: Sequence[str], suggested: str, consensus: Sequence[str]
) -> str | None:
    """``choose_coder``, asked again while the name given is a consensus coder's: nobody codes as the consensus."""
    refused = {name.casefold(): name for name in consensus}
    while True:
        name = choose_coder(parent, names, suggested)
        if name is None or name.casefold() not in refused:
            return name
        show_error(parent, consensus_refusal(refused[name.casefold()]))


def consensus_refusal(name: str) -> str:
    return translate(
        "dialogs",
        "'{name}' is the consensus coder, not a person: nobody codes as it. Choose your own coder name.\n\n"
        "Consensus codings are written only by settling disagreements (Coders → Review disagreements…), "
        "and each decision is logged under the adjudicator's name.",
    ).format(name=name)


def choose_code(
    parent: QWidget | None, title: str, label: str, choices: Sequence[tuple[int, str]], current: int | None = None
) -> int | None:
    """Pick a code from ``(id, path)`` choices."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    combo = QComboBox()
    for code_id, path in choices:
        combo.addItem(path.replace("/", " › "), code_id)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(label))
    layout.addWidget(combo)
    layout.addWidget(_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted or combo.currentIndex() < 0:
        return None
    return int(combo.currentData())


def ask_in_vivo(
    parent: QWidget | None, name: str, parents: Sequence[tuple[int | None, str]], current_parent: int | None
) -> tuple[str, int | None] | None:
    """Name and parent of a new code taken from the selected words."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("dialogs", "Code in vivo"))
    name_edit = QLineEdit(name)
    name_edit.setMinimumWidth(340)
    combo = QComboBox()
    for code_id, path in parents:
        combo.addItem(path.replace("/", " › ") if code_id is not None else path, code_id)
    combo.setCurrentIndex(max(combo.findData(current_parent), 0))
    form = QFormLayout(dialog)
    form.addRow(translate("dialogs", "New code:"), name_edit)
    form.addRow(translate("dialogs", "Under:"), combo)
    form.addRow(_buttons(dialog))
    name_edit.selectAll()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return name_edit.text(), combo.currentData()


def choose_documents(
    parent: QWidget | None, title: str, label: str, names: Sequence[str], checked: Sequence[str]
) -> list[str] | None:
    """Tick documents in a list; returns the ticked names (None when cancelled)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    listing = QListWidget()
    ticked = set(checked)
    for name in names:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if name in ticked else Qt.CheckState.Unchecked)
        listing.addItem(item)
    listing.setMinimumSize(380, 300)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(label))
    layout.addWidget(listing)
    layout.addWidget(_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return [
        listing.item(i).text() for i in range(listing.count()) if listing.item(i).checkState() == Qt.CheckState.Checked
    ]


def pick_one(parent: QWidget | None, labels: Sequence[str], position: QPoint | None = None) -> int | None:
    """Choose one of several codings (or anything listed) from a small menu at the mouse."""
    if not labels:
        return None
    if len(labels) == 1:
        return 0
    menu = QMenu(parent)
    actions = [menu.addAction(label) for label in labels]
    chosen = menu.exec(position or QCursor.pos())
    return actions.index(chosen) if chosen in actions else None


DEFINITION_FIELDS = (  # labels translated where shown
    ("definition", QT_TRANSLATE_NOOP("dialogs", "Definition")),
    ("definition_zh", QT_TRANSLATE_NOOP("dialogs", "Definition (Chinese)")),
    ("include_rule", QT_TRANSLATE_NOOP("dialogs", "Use when")),
    ("exclude_rule", QT_TRANSLATE_NOOP("dialogs", "Do not use when")),
    ("example", QT_TRANSLATE_NOOP("dialogs", "Example")),
)


def edit_code_definition(parent: QWidget | None, code_name: str, values: dict[str, str]) -> dict[str, str] | None:
    """Edit a code's definition, rules and example; returns only the fields that changed."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("dialogs", "Definition of '{code_name}'").format(code_name=code_name))
    form = QFormLayout(dialog)
    name_zh = QLineEdit(values.get("name_zh", ""))
    form.addRow(translate("dialogs", "Chinese name:"), name_zh)
    editors: dict[str, QPlainTextEdit] = {}
    for key, label in DEFINITION_FIELDS:
        editor = QPlainTextEdit(values.get(key, ""))
        editor.setMinimumSize(460, 60)
        editor.setTabChangesFocus(True)
        editors[key] = editor
        form.addRow(translate("dialogs", "{label}:").format(label=translate("dialogs", label)), editor)
    form.addRow(_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    result = {key: editor.toPlainText() for key, editor in editors.items()}
    result["name_zh"] = name_zh.text()
    return {key: value for key, value in result.items() if value != values.get(key, "")}


def choose_colour(parent: QWidget | None, current: str) -> str | None:
    colour = QColorDialog.getColor(QColor(current), parent, translate("dialogs", "Code colour"))
    return colour.name() if colour.isValid() else None


def ask_shortcut(parent: QWidget | None, code_name: str, current: str) -> str | None:
    """A key sequence for a code; an empty one removes the shortcut."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("dialogs", "Code shortcut"))
    editor = QKeySequenceEdit(QKeySequence(current))
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(
        translate("dialogs", "Press the keys that apply '{code_name}' (leave empty for none):").format(code_name=code_name)
    ))
    layout.addWidget(editor)
    layout.addWidget(_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return editor.keySequence().toString(QKeySequence.SequenceFormat.PortableText)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


# -- files ------------------------------------------------------------------------------------------
def open_file(parent: QWidget | None, title: str, folder: str, filters: str) -> str | None:
    """The platform's open dialog; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path or None


def save_file(
    parent: QWidget | None, title: str, suggested: str, filters: str, *, confirm_overwrite: bool = True
) -> str | None:
    """The platform's save dialog; a name typed without a suffix gets the chosen filter's. None when cancelled."""
    options = QFileDialog.Option(0) if confirm_overwrite else QFileDialog.Option.DontConfirmOverwrite
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested, filters, options=options)
    if not path:
        return None
    if not Path(path).suffix and "(*." in chosen:
        path += chosen.split("(*", 1)[1].split(")", 1)[0].split()[0]
    return path


def open_project_file(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("dialogs", "Open project"), folder, translate("dialogs", PROJECT_FILTER))
    return path or None


def new_project_file(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("dialogs", "New project"), folder, translate("dialogs", PROJECT_FILTER))
    return path or None


def save_copy_file(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("dialogs", "Save a copy of the project"), folder, translate("dialogs", PROJECT_FILTER))
    return path or None


def import_files(parent: QWidget | None, folder: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent, translate("dialogs", "Import transcripts"), folder, translate("dialogs", IMPORT_FILTER))
    return list(paths)


def import_folder(parent: QWidget | None, folder: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, translate("dialogs", "Import a folder of transcripts"), folder)
    return path or None


def attribute_table_file(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("dialogs", "Import participants and attributes"), folder, translate("dialogs", TABLE_FILTER))
    return path or None


__all__ = [
    "ask_in_vivo",
    "ask_shortcut",
    "ask_text",
    "attribute_table_file",
    "choose_code",
    "choose_coder",
    "choose_colour",
    "choose_documents",
    "choose_person",
    "confirm",
    "consensus_refusal",
    "edit_code_definition",
    "edit_memo",
    "import_files",
    "import_folder",
    "new_project_file",
    "open_project_file",
    "pick_one",
    "save_copy_file",
    "show_error",
    "show_info",
]
