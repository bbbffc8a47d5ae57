"""Each panel of the workbench keeps itself current: one subscriber class per panel, each listening to
``Workbench.changes_applied(changes, initiator)`` and refreshing only what the ``Changes`` concerns.

``Workbench.announce`` emits inside one ``project.session()``, and ``project.session()`` nests, so the
panels of one announcement read in one transaction. Subscribers run in the order they subscribe
(``MainWindow.subscribers``): the look-ups (codes and coders) first, the codebook, quick slots, documents,
transcript and segments after them, the status bar last.

When a record carries ``coding_counts`` (one ``CodingCount`` per coding that appeared or went), the
codebook and documents count columns move by those deltas instead of recounting: no GROUP BY over all
codings on an edit. ``None`` means unknown: recount, as before.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow
from sqlalchemy import select

from app import warmup, workers
from app.code_names import shown_name
from app.itemmodels.codebook_model import CodebookModel
from app.panels import CodebookPanel, DocumentsPanel, SegmentsPanel
from app.settings import AppSettings
from app.transcript_view import TranscriptView
from app.workbench import Workbench
from coding import nlp, quick_slots
from coding.cases import attribute_infos
from coding.changes import Changes, CodingCount
from coding.codebook import CodeInfo, CodeNode, CodeTree, descendant_ids
from coding.documents import load_document
from coding.i18n import QT_TRANSLATE_NOOP  # lupdate reads the name; typed str -> str, unlike PySide's
from coding.readers import (
    EXCERPT_CHARS,
    CodingView,
    SegmentRow,
    code_counts,
    coder_names,
    document_counts,
    document_rows,
    load_codings,
    load_codings_by_uuid,
    segments_of_codes,
    segments_of_codings,
)
from models import Document

Counts = dict[int, int]
MAX_TOUCHED = 500  # more codings touched than this (a large compound edit): reload rather than list them in SQL


class Subscriber:
    """Listens to one open project's announcements between ``subscribe`` and ``unsubscribe``."""

    bench: Workbench | None = None

    def subscribe(self, bench: Workbench) -> None:
        self.bench = bench
        bench.changes_applied.connect(self.on_changes)

    def unsubscribe(self) -> None:
        bench, self.bench = self.bench, None
        if bench is not None and shiboken6.isValid(bench):
            bench.changes_applied.disconnect(self.on_changes)

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        raise NotImplementedError

    def _open_bench(self) -> Workbench:
        assert self.bench is not None, "used while no project is open"
        return self.bench


def moved_counts(counts: Counts, deltas: Iterable[CodingCount], key: Callable[[CodingCount], int]) -> Counts:
    """``counts`` after the codings in ``deltas`` appeared or went (a new dict; zeros dropped, as a count reads)."""
    moved = dict(counts)
    for delta in deltas:
        value = moved.get(key(delta), 0) + delta.delta
        if value:
            moved[key(delta)] = value
        else:
            moved.pop(key(delta), None)
    return moved


# == look-ups ==========================================================================================
class Lookups(Subscriber):
    """Codes and coders by id, as every panel names them; subscribed first, so the others read them fresh."""

    def __init__(self) -> None:
        self.roots: list[CodeNode] = []
        self.infos: dict[int, CodeInfo] = {}
        self.nodes: dict[int, CodeNode] = {}
        self.coders: dict[int, str] = {}
        self.coders_changed = False  # during one announcement: did the coders' names change?

    def load(self) -> None:
        self._reload_coders()
        self._reload_codes()

    def clear(self) -> None:
        self.roots, self.infos, self.nodes, self.coders = [], {}, {}, {}

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        known = self.coders
        if changes.coders or changes.codings:  # new codings may bring a new coder (the consensus coder)
            self._reload_coders()
        self.coders_changed = changes.coders or self.coders != known
        if changes.codes:
            self._reload_codes()

    def info_by_uuid(self, code_uuid: str) -> CodeInfo | None:
        return next((info for info in self.infos.values() if info.uuid == code_uuid), None)

    def in_tree_order(self) -> list[CodeNode]:
        ordered: list[CodeNode] = []

        def walk(node: CodeNode) -> None:
            ordered.append(node)
            for child in node.children:
                walk(child)

        for root in sorted(self.roots, key=lambda n: n.position):
            walk(root)
        return ordered

    def _reload_coders(self) -> None:
        with self._open_bench().project.session() as session:
            self.coders = coder_names(session)

    def _reload_codes(self) -> None:
        with self._open_bench().project.session() as session:
            tree = CodeTree.load(session)
        self.roots, self.infos = tree.nodes(), dict(tree.codes)
        self.nodes = {}
        stack = list(self.roots)
        while stack:
            node = stack.pop()
            self.nodes[node.id] = node
            stack.extend(node.children)


# == codebook ==========================================================================================
class CodebookRefresh(Subscriber):
    """The Codebook tree: rebuilt when codes change (open and selected codes kept), counts moved otherwise."""

    def __init__(self, panel: CodebookPanel, lookups: Lookups) -> None:
        self.panel, self.model, self.lookups = panel, panel.model, lookups
        self._known_code_ids: set[int] = set()
        self._everyone_stale = False  # deltas skipped the hidden "All" column: recount it before it shows
        self.counts_pending = False  # a large project's counts are on their way (app/open_counts.py)

    def load(self) -> None:
        self._rebuild(*(({}, {}) if self.counts_pending else self._recount()))

    def show_counts(self, mine: Counts, everyone: Counts) -> None:
        """The counts read in the background, once the tree already shows."""
        self._everyone_stale = False
        self.model.update_counts(mine, everyone)

    def clear(self) -> None:
        self._known_code_ids = set()
        self.model.reload([], {}, {}, {})

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        if changes.codes:
            self._rebuild(*self._counts_after(changes))
        elif changes.codings:
            self.model.update_counts(*self._counts_after(changes))

    def _counts_after(self, changes: Changes) -> tuple[Counts, Counts]:
        if self.counts_pending:  # nothing to move yet: the counts being read will be read again
            return self.model.mine, self.model.everyone
        bench = self._open_bench()
        all_shown = not bench.blind
        deltas = changes.coding_counts
        if deltas is None or (all_shown and self._everyone_stale):
            return self._recount()
        mine = moved_counts(self.model.mine, (d for d in deltas if d.coder_id == bench.coder_id), _code_of)
        if not all_shown:  # blind: the "All" column is hidden, so it is not kept up to date meanwhile
            self._everyone_stale = self._everyone_stale or bool(deltas)
            return mine, self.model.everyone
        return mine, moved_counts(self.model.everyone, deltas, _code_of)

    def _recount(self) -> tuple[Counts, Counts]:
        bench = self._open_bench()
        with bench.project.session() as session:
            mine, everyone = code_counts(session, bench.coder_id)
        self._everyone_stale = False
        return mine, everyone

    def _rebuild(self, mine: Counts, everyone: Counts) -> None:
        tree, proxy, model = self.panel.tree, self.panel.proxy, self.model
        first_load = not self._known_code_ids
        expanded = {
            code_id for code_id in self._known_code_ids
            if tree.isExpanded(proxy.mapFromSource(model.index_of_code(code_id)))
        }
        current = self.panel.current_node()
        roots, infos = self.lookups.roots, self.lookups.infos
        model.reload(roots, infos, mine, everyone)
        if first_load:
            tree.expandAll()
            if roots and current is None:
                current = roots[0]  # show a definition from the start: the codebook explains itself
        else:
            for code_id in infos:
                index = proxy.mapFromSource(model.index_of_code(code_id))
                # New codes open; codes that were open stay open.
                tree.setExpanded(index, code_id in expanded or code_id not in self._known_code_ids)
        self._known_code_ids = set(infos)
        if current is not None and current.id in infos:
            self.panel.select_code(current.id)
        else:
            self.panel.show_definition(None)
        tree.setColumnHidden(CodebookModel.ALL, self._open_bench().blind)


def _code_of(delta: CodingCount) -> int:
    return delta.code_id


def _document_of(delta: CodingCount) -> int:
    return delta.document_id


# == quick slots =======================================================================================
class QuickSlots(Subscriber):
    """Quick slot -> code uuid, as stored in the project, shown in the Codebook's Key column."""

    def __init__(self, model: CodebookModel, lookups: Lookups) -> None:
        self.model, self.lookups = model, lookups
        self.slots: dict[int, str] = {}

    def load(self, preferred: dict[int, str]) -> None:
        """Read the project's slots; a project that never stored them keeps the ones this window showed
        until now (``preferred``: remembered on this machine, the rest in codebook order), frozen there."""
        project = self._open_bench().project
        with project.session() as session:
            if project.read_only:
                stored = quick_slots.stored_slots(session)
                self.slots = (
                    quick_slots.slots_in_force(session) if stored is not None
                    else quick_slots.default_slots(session, preferred)
                )
            else:
                self.slots = quick_slots.freeze_slots(session, preferred)

    def clear(self) -> None:
        self.slots = {}

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        if changes.codes:  # adding a code may have given it a free slot, deleting one freed its slot
            self.reload()

    def reload(self) -> None:
        with self._open_bench().project.session() as session:
            if quick_slots.stored_slots(session) is not None:
                self.slots = quick_slots.slots_in_force(session)
        self.model.set_slots(self.slot_of_uuid())

    def effective(self) -> dict[int, str]:
        """Quick slot -> code uuid (codes still in the codebook only)."""
        known = {info.uuid for info in self.lookups.infos.values()}
        return {slot: uuid for slot, uuid in self.slots.items() if uuid in known}

    def slot_of_uuid(self) -> dict[str, int]:
        return {uuid: slot for slot, uuid in self.effective().items()}


# == documents =========================================================================================
class DocumentsRefresh(Subscriber):
    """The Documents list: rebuilt when documents, cases, attributes or groups change, counts moved otherwise."""

    def __init__(self, panel: DocumentsPanel, current_document: Callable[[], int | None]) -> None:
        self.panel, self.model = panel, panel.model
        self.current_document = current_document
        self.counts_pending = False  # a large project's counts are on their way (app/open_counts.py)

    def load(self) -> None:
        bench = self._open_bench()
        counts = not self.counts_pending
        with bench.project.session() as session:
            rows = document_rows(session, bench.coder_id, counts=counts)
            attributes = [a.name for a in attribute_infos(session)]
        self.model.reload(rows, attributes, counts_known=counts)
        self.panel.after_reload()
        self.panel.mark_current(self.current_document())

    def clear(self) -> None:
        self.model.reload([], [])

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        if changes.documents or changes.cases or changes.attributes or changes.groups:
            self.load()
        elif changes.codings:
            self.model.update_counts(*self._counts_after(changes))

    def show_counts(self, mine: Counts, everyone: Counts) -> None:
        """The counts read in the background, once the list already shows."""
        self.model.set_counts(mine, everyone)

    def _counts_after(self, changes: Changes) -> tuple[Counts, Counts]:
        if self.counts_pending:  # nothing to move yet: the counts being read will be read again
            return ({row.id: row.my_codings for row in self.model.rows},
                    {row.id: row.all_codings for row in self.model.rows})
        bench = self._open_bench()
        deltas = changes.coding_counts
        if deltas is None:
            with bench.project.session() as session:
                return document_counts(session, bench.coder_id)
        mine = {row.id: row.my_codings for row in self.model.rows}
        everyone = {row.id: row.all_codings for row in self.model.rows}
        own = (d for d in deltas if d.coder_id == bench.coder_id)  # "Mine" shows the current coder only
        return moved_counts(mine, own, _document_of), moved_counts(everyone, deltas, _document_of)


# == transcript ========================================================================================
class TranscriptRefresh(QObject, Subscriber):
    """The open document: its codings repainted on an edit, closed when it is deleted, the first one opened."""

    document_shown = Signal(bool)  # after open_document: True when another document than before

    def __init__(
        self, view: TranscriptView, lookups: Lookups, documents: DocumentsPanel, settings: AppSettings,
        project_path: Callable[[], Path | None], parent: QObject | None = None,
    ) -> None:
        QObject.__init__(self, parent)
        self.view, self.lookups, self.documents, self.settings = view, lookups, documents, settings
        self.project_path = project_path
        self.document_id: int | None = None
        self._warming: dict[str, workers.FunctionTask] = {}  # spaCy pipelines being built for the open documents

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        coders_changed = self.lookups.coders_changed
        # A record naming the codings it touched (and no documents) deleted no document: no need to look.
        detailed = changes.touched_codings is not None and not (changes.documents or changes.cases)
        if self.document_id is not None and not detailed and not self._document_exists(self.document_id):
            self.document_id = None
            self.view.clear()
        elif self.document_id is not None and (changes.cases or self.view.document is None):
            self.open_document(self.document_id)
        elif changes.codings or changes.codes or coders_changed:
            touched = None
            if self.document_id is not None and not (changes.codes or coders_changed):
                touched = changes.touched_in(self.document_id)
            if touched is None or len(touched) > MAX_TOUCHED:
                self.reload_codings(with_codes=changes.codes or coders_changed)
            elif touched:
                self.reload_touched(touched)
        if not self.documents.model.rows or self.document_id is None and changes.documents:
            self.open_first_document()

    def open_document(self, document_id: int) -> None:
        bench = self.bench
        if bench is None:
            return
        with bench.project.session() as session:
            document = load_document(session, document_id)
            codings = load_codings(session, document_id, bench.visible_coder_ids())
        self.view.show_document(document, codings, self.lookups.infos, self.lookups.coders)
        self._warm_pipeline(document.language)
        changed = self.document_id != document_id
        self.document_id = document_id
        self.documents.mark_current(document_id)
        path = self.project_path()
        if path is not None:
            self.settings.set_last_document_for(path, document.uuid)
        self.document_shown.emit(changed)

    def open_first_document(self) -> None:
        """The document open when the project was last closed, else the first; a hint when there is none."""
        path = self.project_path()
        remembered = self.settings.last_document_for(path) if path is not None else None
        rows = self.documents.model.rows
        chosen = next((r for r in rows if r.uuid == remembered), rows[0] if rows else None)
        if chosen is not None:
            self.open_document(chosen.id)
        else:
            self.view.clear()
            self.view.placeholder.setText(QCoreApplication.translate(
                "TranscriptRefresh",
                "This project has no documents yet. Import transcripts with File › Import transcripts… (Ctrl+Shift+I).",
            ))

    def clear(self) -> None:
        self.document_id = None
        self.view.clear()

    def reload_codings(self, with_codes: bool) -> None:
        bench = self.bench
        if bench is None or self.document_id is None:
            return
        with bench.project.session() as session:
            codings = load_codings(session, self.document_id, bench.visible_coder_ids())
        lookups = self.lookups
        self.view.update_codings(codings, lookups.infos if with_codes else None, lookups.coders if with_codes else None)

    def reload_touched(self, uuids: frozenset[str]) -> None:
        """Read again only the codings an edit touched in the open document, and repaint their stretch."""
        bench = self.bench
        if bench is None or self.document_id is None:
            return
        with bench.project.session() as session:
            fresh = load_codings_by_uuid(session, self.document_id, uuids, bench.visible_coder_ids())
        self.view.replace_codings(uuids, fresh)

    def _document_exists(self, document_id: int) -> bool:
        with self._open_bench().project.session() as session:  # its id only, not its text
            return session.scalar(select(Document.id).where(Document.id == document_id)) is not None

    def _warm_pipeline(self, language: str) -> None:
        """Build the document's spaCy pipeline in the warm-up thread once the window has painted the document, so
        the first selection does not wait for it (built beside the opening of the 100× project, it made the
        opening 0.3-0.6 s longer)."""
        if language not in nlp.LANGUAGES or nlp.is_built(language) or language in self._warming:
            return
        task = workers.FunctionTask(partial(nlp.get_pipeline, language))
        self._warming[language] = task  # kept alive until it has run
        warmup.after_paint(self.view, partial(warmup.start_after_start, task))  # spaCy takes a second to load


# == coded segments ====================================================================================
class SegmentsRefresh(Subscriber):
    """The Coded segments table: the open document's passages, or the selected code's; reloaded only while shown."""

    def __init__(
        self, panel: SegmentsPanel, dock: QDockWidget, transcript: TranscriptRefresh, codebook: CodebookPanel,
        lookups: Lookups,
    ) -> None:
        self.panel, self.dock, self.transcript, self.codebook, self.lookups = panel, dock, transcript, codebook, lookups
        self._stale = False
        self._rows: dict[CodingView, SegmentRow] = {}
        self._rows_of: int | None = None
        self._shown_code: tuple[int, str, tuple[int, ...]] | None = None  # code, scope, code ids the rows show
        dock.visibilityChanged.connect(lambda visible: self.reload() if visible and self._stale else None)
        panel.scope_changed.connect(lambda _scope: self.reload())
        codebook.code_selected.connect(self._code_selected)
        transcript.document_shown.connect(self._document_shown)

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        if not (changes.codings or changes.codes or changes.documents or self.lookups.coders_changed):
            return
        only_codings = not (changes.codes or changes.documents or self.lookups.coders_changed)
        document_id = self.transcript.document_id
        if only_codings and document_id is not None and self.panel.current_scope() == "document":
            if changes.touched_in(document_id) == frozenset():
                return  # codings of other documents changed: this one's passages are as they were
        touched = changes.touched_codings
        if only_codings and touched is not None and len(touched) <= MAX_TOUCHED and self._update_touched(changes):
            return
        self.reload()  # in the document scope, from the transcript's codings (no SQL); a row added/removed

    def _update_touched(self, changes: Changes) -> bool:
        """In a code's scope, read again only the touched codings and put their rows in place; False: reload."""
        bench = self.bench
        shown = self._shown_code
        node = self.codebook.current_node()
        if (bench is None or shown is None or node is None or shown[0] != node.id
                or shown[1] != self.panel.current_scope() or not self.dock.isVisible() or self._stale):
            return False
        uuids = frozenset(t.uuid for t in changes.touched_codings or ())
        document = self.transcript.view.document
        known = {document.id: document.text} if document is not None else {}
        with bench.project.session() as session:
            fresh = segments_of_codings(session, uuids, list(shown[2]), bench.visible_coder_ids(), known)
        model = self.panel.model
        kept = (row for row in model.rows if row.uuid not in uuids)
        rows = list(heapq.merge(kept, fresh, key=lambda r: (r.document_name, r.start, r.end)))
        model.update(rows, self.lookups.infos, self.lookups.coders)
        self.panel.after_reload(passages_coded(len(rows), node))
        return True

    def clear(self) -> None:
        self.panel.model.reload([], {}, {})

    def reload(self) -> None:
        bench = self.bench
        if bench is None:
            return
        if not self.dock.isVisible():
            self._stale = True  # reloaded when the panel is shown again
            return
        self._stale = False
        self._shown_code = None
        scope = self.panel.current_scope()
        shown = self.transcript.view.document
        if scope == "document":
            open_here = shown is not None and shown.id == self.transcript.document_id
            rows = self._rows_of_open_document() if open_here else []
            count = len(rows)  # a plain name: lupdate skips a translate() whose count is an expression
            label = QCoreApplication.translate("SegmentsPanel", "%Ln coded passage(s) in this document", None, count)
        else:
            node = self.codebook.current_node()
            if node is None:
                rows, label = [], QCoreApplication.translate("SegmentsPanel", "Select a code in the Codebook")
            else:
                with bench.project.session() as session:
                    ids = [node.id]
                    if scope == "subtree":
                        ids += sorted(descendant_ids(session, node.id))
                    known = {shown.id: shown.text} if shown is not None else {}
                    rows = segments_of_codes(session, ids, bench.visible_coder_ids(), known)
                self._shown_code = (node.id, scope, tuple(ids))
                label = passages_coded(len(rows), node)
        self.panel.model.update(rows, self.lookups.infos, self.lookups.coders)
        self.panel.after_reload(label)

    def _code_selected(self, node: CodeNode | None) -> None:
        if self.panel.current_scope() != "document":
            self.reload()

    def _document_shown(self, changed: bool) -> None:
        if changed and self.panel.current_scope() == "document":
            self.reload()

    def _rows_of_open_document(self) -> list[SegmentRow]:
        """The open document's passages, from the codings and text the transcript already holds.

        Rows are kept per coding between edits, so an edit builds only the rows it changed.
        """
        view = self.transcript.view
        document = view.document
        assert document is not None
        if self._rows_of != document.id:
            self._rows.clear()
            self._rows_of = document.id
        text, cache = document.text, self._rows
        rows = []
        for coding in view.codings:
            row = cache.get(coding)
            if row is None:
                row = cache[coding] = SegmentRow(
                    coding.uuid, document.id, document.name, coding.code_id, coding.coder_id, coding.start,
                    coding.end, text[coding.start:min(coding.end, coding.start + EXCERPT_CHARS)], coding.memo,
                )
            rows.append(row)
        if len(cache) > 2 * len(rows) + 100:  # forget rows of codings that are gone
            keep = set(view.codings)
            self._rows = {c: r for c, r in cache.items() if c in keep}
        return rows


def passages_coded(count: int, code: CodeInfo) -> str:
    """"3 passages coded 'Owner functions'" (the code by its shown name)."""
    text = QCoreApplication.translate("SegmentsPanel", "%Ln passage(s) coded '{code}'", None, count)
    return text.format(code=shown_name(code))


# == status bar ========================================================================================
SNAP_WORDS = {"none": QT_TRANSLATE_NOOP("StatusBar", "exact"), "word": QT_TRANSLATE_NOOP("StatusBar", "words"),
              "sentence": QT_TRANSLATE_NOOP("StatusBar", "sentences")}


class StatusBarRefresh(Subscriber):
    """Who is coding, blind mode and the selection's size in the status bar, and the window title."""

    def __init__(self, window: QMainWindow, transcript: TranscriptView, project_path: Callable[[], Path | None]) -> None:
        self.window, self.transcript, self.project_path = window, transcript, project_path
        self.coder_label = QLabel()
        self.blind_label = QLabel(QCoreApplication.translate("StatusBar", "Blind: only your codings"))
        self.blind_label.setObjectName("blindBadge")
        self.selection_label = QLabel()
        status = window.statusBar()
        status.addPermanentWidget(self.selection_label)
        status.addPermanentWidget(self.blind_label)
        status.addPermanentWidget(self.coder_label)
        transcript.selection_changed.connect(self.show_selection)

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        self.update()

    def update(self) -> None:
        bench = self.bench
        if bench is None:
            return
        path = self.project_path()
        self.window.setWindowTitle(QCoreApplication.translate("StatusBar", "{project} — {coder} — Concord").format(
            project=path.stem if path else "Concord", coder=bench.coder_name))
        self.coder_label.setText(QCoreApplication.translate("StatusBar", "Coder: <b>{coder}</b>").format(
            coder=bench.coder_name))
        self.blind_label.setVisible(bench.blind)
        snap = QCoreApplication.translate("StatusBar", SNAP_WORDS[bench.snap_mode])
        self.coder_label.setToolTip(QCoreApplication.translate(
            "StatusBar", "Selections snap to {snap}. Switch coder: Project › Switch coder…").format(snap=snap))

    def show_no_project(self) -> None:
        self.coder_label.setText(QCoreApplication.translate("StatusBar", "No project open"))
        self.blind_label.hide()
        self.selection_label.clear()
        self.window.setWindowTitle("Concord")

    def show_selection(self) -> None:
        span = self.transcript.selection()
        if span is None:
            self.selection_label.clear()
            return
        document = self.transcript.document
        language = document.language if document is not None else "en"
        # Count as the import counts a document's words (jieba words for Chinese); the tokenizer is enough.
        words = nlp.count_words(nlp.get_pipeline(language).make_doc(self.transcript.selected_text()))
        text = QCoreApplication.translate("StatusBar", "Selected %Ln word(s) ({start}–{end})", None, words)
        self.selection_label.setText(text.format(start=span[0], end=span[1]))


__all__ = [
    "CodebookRefresh", "DocumentsRefresh", "Lookups", "QuickSlots", "SegmentsRefresh", "StatusBarRefresh",
    "Subscriber", "TranscriptRefresh", "moved_counts",
]
