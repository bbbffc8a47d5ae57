"""The window's project and session: open (asking who is coding, offering read-only when another holds the
file), close, new, demo, recent files, save a copy, switch coder and blind mode, and the read-only bar.

An object the window holds (``window.projects``). Opening makes the ``Workbench`` and subscribes the
window's panels to it, in order (``MainWindow.subscribers``); closing lets them go.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QToolBar
from sqlalchemy import URL, select
from sqlalchemy.orm import Session

from app import dialogs, heap, workers
from app.commands import BenchCommand
from app.demo_build import open_demo
from app.operations import location_of
from app.itemmodels.codebook_model import CodebookModel
from app.workbench import Workbench
from app.window_layout import notice_bar
from coding.changes import Changes
from coding.coders import consensus_names, get_or_create_coder, list_coders
from coding.errors import ConcordError, NotFoundError, ProjectInUseError, ReadOnlyLocationError
from coding.project import Project, default_actor, project_location, without_password
from coding.readers import person_coder_count
from coding.team.copies import copy_coder_name
from coding.team.roles import TeamBlindEdit, team_blind
from models import Coder

if TYPE_CHECKING:
    from app.cases_editor import CasesEditor
    from app.import_dialog import ImportDialog
    from app.main import MainWindow

translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls


class ProjectController:
    """Opens and closes the window's project and says who is coding it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.settings = window.settings
        self.demo_task: workers.FunctionTask | None = None
        # What this machine remembers the open project by (coder, blind mode, recent list): its file, or the
        # server URL without its password (libpq finds that in PGPASSWORD or ~/.pgpass when reopened).
        self.remembered_as: Path | str | None = None
        self.read_only_bar, self.read_only_label = self._build_read_only_bar()

    def _build_read_only_bar(self) -> tuple[QToolBar, QLabel]:
        """A bar across the top while the project is open read-only, saying who holds it."""
        bar, label = notice_bar(self.window, translate("ProjectController", "Read-only"), "readOnly")
        label.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px 10px; }")
        return bar, label

    # == open ==========================================================================================
    def open_project(self, path: str | Path | URL, *, demo: bool = False, coder: str | None = None) -> bool:
        """Open a project file or a server database (a URL), ask (once) who is coding, and show the workbench."""
        window = self.window
        try:
            location = project_location(path)
        except ConcordError as exc:
            dialogs.show_error(window, str(exc))
            return False
        location = location.expanduser() if isinstance(location, Path) else location
        if window.bench is not None:
            self.close_project()
        project = self._open_project_file(location)
        if project is None:
            return False
        remembered = remembered_as(location)
        chosen = self._choose_coder(project, remembered, demo=demo, explicit=coder)
        if chosen is None:
            project.close()
            return False
        bench = self._start_bench(project, remembered, *chosen)
        window.dock_layout.show_workbench()
        window.load_panels()
        window.transcript_refresh.open_first_document()
        window.transcript.zoom(self.settings.zoom() - window.transcript.zoom_steps)
        window.update_undo_actions()
        window.status.update()
        window.transcript.edit.setFocus()
        self._show_read_only_bar(bench.project)
        window.project_opened.emit()
        self._tell_what_happened_on_open(bench.project)
        heap.settle()  # the panels' rows live as long as the project: out of the collector's full passes
        return True

    def _start_bench(self, project: Project, path: Path | str, coder_id: int, coder_name: str) -> Workbench:
        """The workbench of the project just opened, with the panels subscribed and blind mode as remembered."""
        window, settings = self.window, self.settings
        window.project_path = path if isinstance(path, Path) else None  # what works on the file: none on a server
        self.remembered_as = path
        bench = window.bench = Workbench(project, coder_id, coder_name)
        bench.dialog_parent = window
        bench.snap_mode = settings.snap_mode()
        for subscriber in window.subscribers:  # in order: look-ups first, status bar last
            subscriber.subscribe(bench)
        bench.undo_stack.indexChanged.connect(window.update_undo_actions)
        bench.undo_stack.cleanChanged.connect(window.update_undo_actions)
        project.announce_coder(coder_name)
        settings.add_recent(path)
        settings.set_coder_for(path, coder_name)
        with project.session() as session:
            coders_now = person_coder_count(session)
        remembered = settings.blind_for(path)
        bench.blind = remembered if remembered is not None else coders_now >= 2
        if project.on_server:  # the team's setting, which the server enforces (coding/team/roles.py)
            with project.session() as session:
                bench.blind = team_blind(session)
        window.blind_action.setChecked(bench.blind)
        window.quick_slot_store.load(settings.quick_slots_for(path))  # keys live in the project now
        return bench

    def _open_project_file(self, path: Path | URL) -> Project | None:
        """Open for writing; when another process writes to it (or it cannot be written there), offer read-only."""
        try:
            return Project.open(path)
        except (ProjectInUseError, ReadOnlyLocationError) as exc:
            question = translate(
                "ProjectController", "{problem}.\n\nOpen it read-only? You can read, search and export, but not change it."
            ).format(problem=exc)
            if not dialogs.confirm(self.window, question, title=translate("ProjectController", "Project in use"),
                                   ok_text=translate("ProjectController", "Open read-only")):
                return None
            try:
                return Project.open(path, read_only=True)
            except ConcordError as again:
                dialogs.show_error(self.window, str(again))
                return None
        except ConcordError as exc:
            dialogs.show_error(self.window, str(exc))
            return None

    def _show_read_only_bar(self, project: Project) -> None:
        if not project.read_only:
            self.read_only_bar.hide()
            return
        who = (translate("ProjectController", "in use by {holder}").format(holder=project.holder.describe())
               if project.holder else translate("ProjectController", "the file cannot be written here"))
        self.read_only_label.setText(translate(
            "ProjectController", "<b>Read-only</b> — {why}. Changes cannot be saved; close it there to edit.",
        ).format(why=who))
        self.read_only_bar.show()

    def _tell_what_happened_on_open(self, project: Project) -> None:
        notes = []
        if project.upgraded_from:
            kept = (translate("ProjectController", "A copy of it as it was is saved at:\n{path}").format(
                        path=project.backup_path) if project.backup_path else
                    translate("ProjectController",
                              "The server upgraded it in one transaction: it is upgraded whole or not at all."))
            notes.append(translate(
                "ProjectController",
                "This project was made by an older Concord (schema {schema}) and has been upgraded. ",
            ).format(schema=project.upgraded_from) + kept)
        if project.cleared_stale:
            notes.append(translate(
                "ProjectController",
                "The project was still marked as in use by {holder}, but that program is no longer running (it "
                "probably crashed). The stale lock was cleared; every saved edit is kept.",
            ).format(holder=project.cleared_stale.describe()))
        if notes:
            dialogs.show_info(self.window, "\n\n".join(notes))

    def _choose_coder(
        self, project: Project, path: Path | str, *, demo: bool, explicit: str | None
    ) -> tuple[int, str] | None:
        with project.session() as session:
            people = person_names(session)  # (list_coders would count every coder's codings)
            consensus = consensus_names(session)
            owner = copy_coder_name(session)  # a coder copy opens as its coder
        if project.role == "coder" and project.url is not None:  # on a server a coder codes as their login
            explicit = str(project.url.username)
        name = explicit or owner or self.settings.coder_for(path)
        if name is not None and not explicit and name.casefold() in {n.casefold() for n in consensus}:
            dialogs.show_error(self.window, dialogs.consensus_refusal(name))  # remembered from before it was refused
            name = None
        if name is None and demo and people:
            name = people[0]
        if name is None:
            name = dialogs.choose_person(self.window, people, default_actor(), consensus)
            if name is None:
                return None
        try:
            with project.session() as session:
                if project.read_only:  # nobody can be added: read as one of the coders already there
                    return existing_coder(session, name)
                coder = get_or_create_coder(session, name, actor=name)
                return coder.id, coder.name
        except ConcordError as exc:
            dialogs.show_error(self.window, str(exc))
            return None

    # == close =========================================================================================
    def close_project(self) -> None:
        window, bench = self.window, self.window.bench
        if bench is None:
            return
        window.project_closing.emit()
        self._stop_import()
        window.dock_layout.save()
        for dialog in (window.import_dialog, window.cases_editor, window.palette_popup):
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
        window.import_dialog = window.cases_editor = window.palette_popup = None
        for subscriber in reversed(window.subscribers):
            subscriber.unsubscribe()
        bench.undo_stack.indexChanged.disconnect(window.update_undo_actions)
        bench.undo_stack.cleanChanged.disconnect(window.update_undo_actions)
        bench.close()
        bench.deleteLater()
        window.bench = None
        self.read_only_bar.hide()
        window.project_path = self.remembered_as = None
        window.clear_panels()
        window.dock_layout.show_start_page()
        window.project_closed.emit()
        heap.loosen()  # the closed project's cycles are garbage: back to the collector, not frozen for good

    def _stop_import(self) -> None:
        dialog = self.window.import_dialog
        if dialog is not None and dialog.is_running():
            task = dialog.task
            dialog.cancel()
            if task is not None:
                task.done.wait(60)  # the worker stops after its current file

    # == new, open, demo, copy, recent ==================================================================
    def new_project(self) -> None:
        target = dialogs.new_project_file(self.window, self.settings.last_folder())
        if not target:
            return
        try:
            created = Project.create(target)
        except ConcordError as exc:
            dialogs.show_error(self.window, str(exc))
            return
        path = created.path
        created.close()
        if path is not None:
            self.settings.set_last_folder(path.parent)
            self.open_project(path)

    def open_project_dialog(self) -> None:
        target = dialogs.open_project_file(self.window, self.settings.last_folder())
        if target:
            self.settings.set_last_folder(Path(target).parent)
            self.open_project(target)

    def open_demo(self) -> None:
        """Open the demo project, building it in the user data folder the first time."""
        open_demo(self.window, lambda path: self.open_project(path, demo=True))

    def save_copy(self) -> None:
        bench = self.window.bench
        if bench is None:
            return
        target = dialogs.save_copy_file(self.window, self.settings.last_folder())
        if not target:
            return
        if not target.endswith(".concord"):
            target += ".concord"
        try:
            copied = bench.project.save_copy(target)
        except ConcordError as exc:
            dialogs.show_error(self.window, str(exc))
            return
        dialogs.show_info(self.window, translate(
            "ProjectController", "Saved a copy of the project as {path}. You keep working in the original.",
        ).format(path=copied))

    def forget_recent(self, path: str) -> None:
        self.settings.remove_recent(path)
        self.window.start_page.set_recent(self.settings.recent_projects())

    def fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        recent = self.settings.recent_projects()
        for path in recent:
            on_server = "://" in path  # stored without its password (see remembered_as)
            action = menu.addAction(path if on_server else Path(path).name, partial(self.open_project, path))
            action.setToolTip(path)
            action.setEnabled(on_server or Path(path).exists())
        if not recent:
            menu.addAction(translate("ProjectController", "No recent projects")).setEnabled(False)

    # == coder and blind mode ===========================================================================
    def set_blind(self, blind: bool) -> None:
        window, bench = self.window, self.window.bench
        if bench is None:
            return
        if bench.project.on_server:  # the team's setting: a lead's undoable edit; nobody else may
            if bench.project.role == "lead" and blind != bench.blind:
                label = (translate("BenchCommand", "Turn blind mode on for the team") if blind
                         else translate("BenchCommand", "Turn blind mode off for the team"))
                bench.execute(BenchCommand(bench, label, TeamBlindEdit(blind)))
            self.follow_team_blind()
            return
        window.blind_action.setChecked(blind)
        if self.remembered_as is not None:
            self.settings.set_blind_for(self.remembered_as, blind)
        self._show_blind(blind)

    def follow_team_blind(self) -> None:
        """On a server project: show what the project's blind mode now is (after an edit, undo, or another
        lead's change)."""
        bench = self.window.bench
        if bench is None or not bench.project.on_server:
            return
        with bench.project.session() as session:
            blind = team_blind(session)
        self.window.blind_action.setChecked(blind)
        if blind != bench.blind:
            self._show_blind(blind)

    def _show_blind(self, blind: bool) -> None:
        window, bench = self.window, self.window.bench
        assert bench is not None
        window.codebook_panel.tree.setColumnHidden(CodebookModel.ALL, blind)
        bench.set_blind(blind)
        window.status.update()

    def switch_coder(self, name: str | None = None) -> bool:
        """Code as someone else (asks first: it also clears the undo history)."""
        window, bench = self.window, self.window.bench
        if bench is None or self.remembered_as is None:
            return False
        question = translate(
            "ProjectController", "You are coding as {coder}. Switch to another coder? Your undo history is "
            "cleared; your codings stay saved.",
        ).format(coder=bench.coder_name)
        if not dialogs.confirm(window, question, ok_text=translate("ProjectController", "Switch coder")):
            return False
        if name is None:
            with bench.project.session() as session:
                people = [c.name for c in list_coders(session) if not c.is_consensus]
                consensus = consensus_names(session)
            name = dialogs.choose_person(window, people, bench.coder_name, consensus)
            if name is None:
                return False
        try:
            with bench.project.session() as session:
                coder = get_or_create_coder(session, name, actor=name)
                coder_id, coder_name = coder.id, coder.name
                coders_now = person_coder_count(session)
        except ConcordError as exc:
            dialogs.show_error(window, str(exc))
            return False
        self.settings.set_coder_for(self.remembered_as, coder_name)
        if (self.settings.blind_for(self.remembered_as) is None and coders_now >= 2 and not bench.blind
                and not bench.project.on_server):  # on a server, blind mode is the team's setting
            self.set_blind(True)
        bench.set_coder(coder_id, coder_name)  # announces the change: every panel rereads for the new coder
        return True

    # == dialogs over the open project ==================================================================
    def show_import_dialog(self) -> ImportDialog | None:
        window = self.window
        if window.bench is None:
            return None
        if window.import_dialog is None:  # a file or a server database: the import's worker reopens either
            from app.import_dialog import ImportDialog  # with the import pipeline: loaded when first used

            window.import_dialog = ImportDialog(
                location_of(window.bench.project), window.bench.coder_name, self.settings.last_folder(), window
            )
            window.import_dialog.imported.connect(self._imported)
        window.import_dialog.show()
        window.import_dialog.raise_()
        return window.import_dialog

    def _imported(self, changes: Changes) -> None:
        window = self.window
        if window.bench is not None:
            window.bench.notify(changes)
        if window.import_dialog is not None:
            self.settings.set_last_folder(window.import_dialog.folder)

    def show_cases_editor(self) -> CasesEditor | None:
        window = self.window
        if window.bench is None:
            return None
        if window.cases_editor is None:
            from app.cases_editor import CasesEditor

            window.cases_editor = CasesEditor(window.bench, self.settings.last_folder(), window)
        window.cases_editor.show()
        window.cases_editor.raise_()
        return window.cases_editor


def remembered_as(location: Path | URL) -> Path | str:
    """A project file as it is; a server URL as text without its password (settings never hold one)."""
    if isinstance(location, Path):
        return location
    return without_password(location).render_as_string(hide_password=False)


def person_names(session: Session) -> list[str]:
    """The coders who are people, by name as ``list_coders`` orders them, without counting their codings."""
    return list(session.scalars(select(Coder.name).where(Coder.is_consensus.is_(False)).order_by(Coder.name)))


def existing_coder(session: Session, name: str) -> tuple[int, str]:
    """The coder named ``name`` (any case), else the first coder: a read-only project cannot add one."""
    people = [c for c in list_coders(session) if not c.is_consensus]
    for coder in people:
        if coder.name.casefold() == name.casefold():
            return coder.id, coder.name
    if people:
        return people[0].id, people[0].name
    raise NotFoundError(translate(
        "ProjectController", "this read-only project has no coders yet, and none can be added while it is read-only"))


__all__ = ["ProjectController", "existing_coder", "remembered_as"]
