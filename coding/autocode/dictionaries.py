"""WordStat-style dictionaries stored in the project: a tree of categories with pattern entries
(``coding.autocode.patterns``), read and written as plain text (``coding.autocode.dictionary_text``).

Every write is an undoable :class:`DictionaryEdit` with an audit event: the edit computes the dictionary's new
state from its current one; undo puts the state before back (refused with ``ConflictError`` when someone changed
the dictionary since), redo the state after. Categories keep their uuids through undo and redo.

Readers: :func:`find_hits` (every hit, with offsets into ``Document.text``), :func:`autocode_passages` (hits as
passages to code at word, sentence or turn scope), :func:`hit_counts` (per category and document, case or
attribute value) and :func:`kwic_lines` (hits in context).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from coding import audit
from coding.autocode.apply import Passage
from coding.autocode.dictionary_text import (
    DictionaryFormatError,
    TextCategory,
    TextDictionary,
    check_category_name,
    normalise_entry,
    read_text,
    write_text,
)
from coding.autocode.patterns import CategoryPatterns, Hit, Matcher, document_tokens, split_exclusion
from coding.changes import Changes
from coding.edits.base import Edit
from coding.errors import CancelledError, ConflictError, DuplicateError, NotFoundError, ValidationError
from coding.i18n import translate
from coding.names import clean_name, known_names
from coding.progress import Cancel, Progress
from models import Attribute, AttributeValue, Case, Code, Document, Sentence, SpeakerTurn
from models.entities import Dictionary, DictionaryCategory, DictionaryEntry, new_uuid, utcnow

DICTIONARIES = Changes(dictionaries=True)
SCOPES = ("word", "sentence", "turn")
PATH_SEPARATOR = "/"
LANGUAGES = ("", "en", "zh")
NO_CASE = "(no case)"
NO_VALUE = "(no value)"


# -- the state an edit moves between ---------------------------------------------------------------------
@dataclass(frozen=True)
class CategoryState:
    """A category: ``entries`` as written (an exclusion starts with ``NOT ``), ``code_uuid`` the linked code."""

    uuid: str
    name: str
    code_uuid: str | None = None
    entries: tuple[str, ...] = ()
    children: tuple[CategoryState, ...] = ()


@dataclass(frozen=True)
class DictionaryState:
    uuid: str
    name: str
    language: str = ""
    description: str = ""
    categories: tuple[CategoryState, ...] = ()

    def walk(self) -> Iterator[tuple[str, CategoryState]]:
        """Every category with its path of names, parents first."""
        def below(prefix: str, categories: Sequence[CategoryState]) -> Iterator[tuple[str, CategoryState]]:
            for category in categories:
                path = f"{prefix}{PATH_SEPARATOR}{category.name}" if prefix else category.name
                yield path, category
                yield from below(path, category.children)
        return below("", self.categories)

    def find(self, category_uuid: str) -> CategoryState:
        for _, category in self.walk():
            if category.uuid == category_uuid:
                return category
        raise NotFoundError(translate(
            "errors", "dictionary {name!r} has no such category (it was deleted)").format(name=self.name))


def find_dictionary(session: Session, name: str) -> Dictionary:
    """The dictionary with that name (ignoring case) or uuid; ``NotFoundError`` listing the names otherwise."""
    wanted = name.strip()
    found = session.scalar(select(Dictionary).where(Dictionary.uuid == wanted))
    if found is None:
        found = session.scalar(select(Dictionary).where(func.lower(Dictionary.name) == wanted.lower()))
    if found is None:
        names = list(session.scalars(select(Dictionary.name).order_by(Dictionary.name)))
        raise NotFoundError(translate(
            "errors", "no dictionary named {wanted!r} (dictionaries: {value})").format(
            wanted=wanted, value=known_names(names)))
    return found


def read_state(session: Session, dictionary_uuid: str) -> DictionaryState | None:
    """The dictionary as it is stored now (None: there is none with that uuid)."""
    row = session.scalar(select(Dictionary).where(Dictionary.uuid == dictionary_uuid))
    if row is None:
        return None
    # Columns, not ORM rows: write_state replaces these rows, and SQLite may hand their ids to the new ones.
    categories = list(session.execute(
        select(DictionaryCategory.id, DictionaryCategory.parent_id, DictionaryCategory.uuid, DictionaryCategory.name,
               DictionaryCategory.code_id).where(DictionaryCategory.dictionary_id == row.id)
        .order_by(DictionaryCategory.position, DictionaryCategory.id)))
    entries: dict[int, list[str]] = defaultdict(list)
    for category_id, pattern, exclusion in session.execute(
            select(DictionaryEntry.category_id, DictionaryEntry.pattern, DictionaryEntry.is_exclusion)
            .join(DictionaryCategory, DictionaryCategory.id == DictionaryEntry.category_id)
            .where(DictionaryCategory.dictionary_id == row.id)
            .order_by(DictionaryEntry.position, DictionaryEntry.id)):
        entries[category_id].append(f"NOT {pattern}" if exclusion else pattern)
    code_uuids = _code_uuids(session, {c.code_id for c in categories if c.code_id is not None})
    children: dict[int | None, list[Any]] = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category)

    def build(parent: int | None) -> tuple[CategoryState, ...]:
        return tuple(CategoryState(c.uuid, c.name, code_uuids.get(c.code_id) if c.code_id else None,
                                   tuple(entries[c.id]), build(c.id)) for c in children[parent])
    return DictionaryState(row.uuid, row.name, row.language, row.description, build(None))


def _code_uuids(session: Session, code_ids: Collection[int]) -> dict[int, str]:
    if not code_ids:
        return {}
    return _pairs(session.execute(select(Code.id, Code.uuid).where(Code.id.in_(code_ids))))


def write_state(session: Session, dictionary_uuid: str, state: DictionaryState | None) -> None:
    """Make the stored dictionary ``state`` (None: delete it), replacing its categories and entries."""
    row = session.scalar(select(Dictionary).where(Dictionary.uuid == dictionary_uuid))
    if row is not None:
        _clear(session, row.id)
    if state is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return
    clash = session.scalar(select(Dictionary.uuid).where(func.lower(Dictionary.name) == state.name.lower(),
                                                         Dictionary.uuid != dictionary_uuid))
    if clash is not None:
        raise DuplicateError(translate(
            "errors", "there is already a dictionary named {name!r}").format(name=state.name))
    if row is None:
        row = Dictionary(uuid=dictionary_uuid, name=state.name)
        session.add(row)
    row.name, row.language, row.description, row.updated_at = (state.name, state.language, state.description,
                                                               utcnow())
    session.flush()
    code_ids = _code_ids(session, [c.code_uuid for _, c in state.walk() if c.code_uuid])
    _insert_categories(session, row.id, None, state.categories, code_ids)


def _pairs(result: Any) -> dict[Any, Any]:
    """Two-column rows as a dict (``dict(result)`` would take the result for a mapping: it has ``keys()``)."""
    return {key: value for key, value in result}


def _clear(session: Session, dictionary_id: int) -> None:
    """Remove a dictionary's entries and categories (entries first: no reliance on cascades)."""
    session.execute(delete(DictionaryEntry).where(DictionaryEntry.category_id.in_(
        select(DictionaryCategory.id).where(DictionaryCategory.dictionary_id == dictionary_id))))
    session.execute(delete(DictionaryCategory).where(DictionaryCategory.dictionary_id == dictionary_id))


def _code_ids(session: Session, uuids: Collection[str]) -> dict[str, int]:
    if not uuids:
        return {}
    found = _pairs(session.execute(select(Code.uuid, Code.id).where(Code.uuid.in_(set(uuids)))))
    if len(found) < len(set(uuids)):
        raise NotFoundError(translate("errors", "a code a category links to is no longer in the codebook"))
    return found


def _insert_categories(session: Session, dictionary_id: int, parent_id: int | None,
                       categories: Sequence[CategoryState], code_ids: dict[str, int]) -> None:
    for position, category in enumerate(categories):
        category_id = session.execute(insert(DictionaryCategory).returning(DictionaryCategory.id), {
            "uuid": category.uuid, "dictionary_id": dictionary_id, "parent_id": parent_id, "position": position,
            "name": category.name, "code_id": code_ids[category.code_uuid] if category.code_uuid else None,
        }).scalar_one()
        if category.entries:
            session.execute(insert(DictionaryEntry), [
                {"category_id": category_id, "position": at, "pattern": pattern, "is_exclusion": exclusion}
                for at, (pattern, exclusion) in enumerate(map(split_exclusion, category.entries))])
        _insert_categories(session, dictionary_id, category_id, category.children, code_ids)


def check_state(state: DictionaryState) -> DictionaryState:
    """Refuse a state the text format could not write back: bad names, patterns, duplicates."""
    clean_name(state.name, translate("names", "a dictionary name"))
    if state.language not in LANGUAGES:
        raise ValidationError(translate(
            "errors", "dictionary language {language!r}: choose en, zh or none (any language)").format(
            language=state.language))

    def check(categories: Sequence[CategoryState], where: str) -> None:
        seen: set[str] = set()
        for category in categories:
            check_category_name(category.name)
            if category.name.casefold() in seen:
                raise DuplicateError(translate(
                    "errors", "{where} already has a category named {name!r}").format(where=where, name=category.name))
            seen.add(category.name.casefold())
            if len(set(category.entries)) < len(category.entries):
                raise DuplicateError(translate(
                    "errors", "category {name!r} lists an entry twice").format(name=category.name))
            for entry in category.entries:
                normalise_entry(entry)
            check(category.children, f"category {category.name!r}")
    check(state.categories, f"dictionary {state.name!r}")
    return state


# -- edits ----------------------------------------------------------------------------------------------
Change = Callable[[Session, DictionaryState | None], DictionaryState | None]


class DictionaryEdit(Edit):
    """One edit of a dictionary (or its creation, import or deletion): ``change`` maps the current state to the
    new one (raising a ``ConcordError`` to refuse). ``dictionary`` is a name or uuid; None makes a new one."""

    def __init__(self, dictionary: str | None, change: Change, action: str, label: str) -> None:
        self.dictionary, self.change, self.action, self.label = dictionary, change, action, label
        self.uuid: str | None = None
        self.before: DictionaryState | None = None
        self.after: DictionaryState | None = None
        self.done = False

    def do(self, session: Session, actor: str) -> Changes:
        if self.done:
            return self._move(session, actor, self.before, self.after, "redo")
        if self.dictionary is None:
            self.uuid, self.before = new_uuid(), None
        else:
            self.uuid = find_dictionary(session, self.dictionary).uuid
            self.before = read_state(session, self.uuid)
        after = self.change(session, self.before)
        self.after = None if after is None else check_state(replace(after, uuid=self.uuid))
        write_state(session, self.uuid, self.after)
        self._record(session, actor, self.action, self.before, self.after)
        self.done = True
        return DICTIONARIES

    def undo(self, session: Session, actor: str) -> Changes:
        return self._move(session, actor, self.after, self.before, "undo")

    def _move(self, session: Session, actor: str, expected: DictionaryState | None, target: DictionaryState | None,
              step: str) -> Changes:
        assert self.uuid is not None
        if read_state(session, self.uuid) != expected:
            raise ConflictError(translate(
                "errors", "the dictionary was changed since ({label!r}); nothing was written").format(
                label=self.label))
        write_state(session, self.uuid, target)
        self._record(session, actor, f"{step} {self.action}", expected, target)
        return DICTIONARIES

    def _record(self, session: Session, actor: str, action: str, before: DictionaryState | None,
                after: DictionaryState | None) -> None:
        audit.record(session, actor, action, "dictionary", self.uuid,
                     None if before is None else _audited(session, before),
                     None if after is None else _audited(session, after))


def _audited(session: Session, state: DictionaryState) -> dict[str, object]:
    return {"name": state.name, "language": state.language, "text": state_text(session, state)}


def _existing(state: DictionaryState | None) -> DictionaryState:
    if state is None:
        raise NotFoundError(translate("errors", "that dictionary was deleted"))
    return state


def create_dictionary_edit(name: str, *, language: str = "", description: str = "",
                           from_codebook: bool = False) -> DictionaryEdit:
    """A new dictionary; ``from_codebook``: one category per code, as its tree, each linked to its code."""
    def change(session: Session, _: DictionaryState | None) -> DictionaryState:
        categories = codebook_categories(session) if from_codebook else ()
        cleaned = clean_name(name, translate("names", "a dictionary name"))
        return DictionaryState(new_uuid(), cleaned, language, description, categories)
    return DictionaryEdit(None, change, "create", translate("autocode.dictionaries", "New dictionary '{name}'").format(name=name))


def codebook_categories(session: Session) -> tuple[CategoryState, ...]:
    """The codebook as categories: same tree, same names, each linked to its code."""
    rows = list(session.execute(select(Code.id, Code.parent_id, Code.uuid, Code.name)
                                .order_by(Code.position, Code.id)))
    children: dict[int | None, list[Any]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)

    def build(parent: int | None) -> tuple[CategoryState, ...]:
        return tuple(CategoryState(new_uuid(), row.name, row.uuid, (), build(row.id)) for row in children[parent])
    return build(None)


def import_dictionary_edit(text: str, name: str, *, language: str = "") -> DictionaryEdit:
    """A new dictionary read from its plain text; one ``DictionaryFormatError`` naming the line if it is bad."""
    parsed = read_text(text)

    def change(session: Session, _: DictionaryState | None) -> DictionaryState:
        cleaned = clean_name(name, translate("names", "a dictionary name"))
        return DictionaryState(new_uuid(), cleaned, language, parsed.description,
                               _from_text(session, parsed.categories))
    return DictionaryEdit(None, change, "import", translate("autocode.dictionaries", "Import dictionary '{name}'").format(name=name))


def _from_text(session: Session, categories: Sequence[TextCategory]) -> tuple[CategoryState, ...]:
    from coding.codebook import find_code

    states: list[CategoryState] = []
    for category in categories:
        code_uuid = None
        if category.code_path:
            try:
                code_uuid = find_code(session, category.code_path).uuid
            except NotFoundError as exc:
                raise DictionaryFormatError(translate(
                    "errors", "line {line}: {exc}").format(line=category.line, exc=exc)) from None
        states.append(CategoryState(new_uuid(), category.name, code_uuid, tuple(category.entries),
                                    _from_text(session, category.children)))
    return tuple(states)


def rename_dictionary_edit(dictionary: str, new_name: str, *, language: str | None = None,
                           description: str | None = None) -> DictionaryEdit:
    def change(_: Session, state: DictionaryState | None) -> DictionaryState:
        current = _existing(state)
        return replace(current, name=clean_name(new_name, translate("names", "a dictionary name")),
                       language=current.language if language is None else language,
                       description=current.description if description is None else description)
    return DictionaryEdit(dictionary, change, "rename",
                          translate("autocode.dictionaries", "Rename dictionary '{name}'").format(name=dictionary))


def delete_dictionary_edit(dictionary: str) -> DictionaryEdit:
    def change(_: Session, state: DictionaryState | None) -> None:
        _existing(state)
        return None
    return DictionaryEdit(dictionary, change, "delete",
                          translate("autocode.dictionaries", "Delete dictionary '{name}'").format(name=dictionary))


def _map_category(categories: tuple[CategoryState, ...], uuid: str,
                  change: Callable[[CategoryState], CategoryState | None]) -> tuple[CategoryState, ...]:
    """The tree with the category ``uuid`` changed (None: removed with everything below it)."""
    result: list[CategoryState] = []
    for category in categories:
        if category.uuid == uuid:
            changed = change(category)
            if changed is not None:
                result.append(changed)
        else:
            result.append(replace(category, children=_map_category(category.children, uuid, change)))
    return tuple(result)


def _with_child(state: DictionaryState, parent_uuid: str | None, child: CategoryState) -> DictionaryState:
    if parent_uuid is None:
        return replace(state, categories=(*state.categories, child))
    state.find(parent_uuid)
    return replace(state, categories=_map_category(
        state.categories, parent_uuid, lambda parent: replace(parent, children=(*parent.children, child))))


class AddCategoryEdit(DictionaryEdit):
    """A new category (``category_uuid``) at the end of the top level or of ``parent_uuid``'s subcategories."""

    def __init__(self, dictionary: str, name: str, parent_uuid: str | None, code_uuid: str | None) -> None:
        self.category_uuid = new_uuid()

        def change(_: Session, state: DictionaryState | None) -> DictionaryState:
            return _with_child(_existing(state), parent_uuid,
                               CategoryState(self.category_uuid, check_category_name(name), code_uuid))
        super().__init__(dictionary, change, "add category",
                         translate("autocode.dictionaries", "Add category '{name}'").format(name=name))


def add_category_edit(dictionary: str, name: str, *, parent_uuid: str | None = None,
                      code_uuid: str | None = None) -> AddCategoryEdit:
    return AddCategoryEdit(dictionary, name, parent_uuid, code_uuid)


KEEP = "keep"  # for edit_category_edit: leave this part as it is


def edit_category_edit(dictionary: str, category_uuid: str, *, name: str | None = None,
                       code_uuid: str | None = KEEP, parent_uuid: str | None = KEEP) -> DictionaryEdit:
    """Rename a category, link it to a code (None: unlink) or move it under another (None: to the top)."""
    def change(_: Session, state: DictionaryState | None) -> DictionaryState:
        current = _existing(state)
        category = current.find(category_uuid)
        edited = replace(category, name=category.name if name is None else check_category_name(name),
                         code_uuid=category.code_uuid if code_uuid == KEEP else code_uuid)
        if parent_uuid == KEEP:
            return replace(current, categories=_map_category(current.categories, category_uuid, lambda _: edited))
        if parent_uuid is not None and (parent_uuid == category_uuid or _holds(category, parent_uuid)):
            raise ValidationError(translate(
                "errors", "category {name!r} cannot go inside itself or one of its own subcategories (a cycle)").format(
                name=category.name))
        removed = replace(current, categories=_map_category(current.categories, category_uuid, lambda _: None))
        return _with_child(removed, parent_uuid, edited)
    return DictionaryEdit(dictionary, change, "edit category", translate("autocode.dictionaries", "Edit category"))


def _holds(category: CategoryState, uuid: str) -> bool:
    return any(child.uuid == uuid or _holds(child, uuid) for child in category.children)


def delete_category_edit(dictionary: str, category_uuid: str) -> DictionaryEdit:
    def change(_: Session, state: DictionaryState | None) -> DictionaryState:
        current = _existing(state)
        current.find(category_uuid)
        return replace(current, categories=_map_category(current.categories, category_uuid, lambda _: None))
    return DictionaryEdit(dictionary, change, "delete category", translate("autocode.dictionaries", "Delete category"))


def _entries_edit(dictionary: str, category_uuid: str, action: str, label: str,
                  change_entries: Callable[[list[str]], None]) -> DictionaryEdit:
    def change(_: Session, state: DictionaryState | None) -> DictionaryState:
        current = _existing(state)
        current.find(category_uuid)

        def edited(category: CategoryState) -> CategoryState:
            entries = list(category.entries)
            change_entries(entries)
            return replace(category, entries=tuple(entries))
        return replace(current, categories=_map_category(current.categories, category_uuid, edited))
    return DictionaryEdit(dictionary, change, action, label)


def add_entry_edit(dictionary: str, category_uuid: str, entry: str) -> DictionaryEdit:
    """Add an entry (``NOT …`` adds an exclusion); a malformed pattern is refused saying why."""
    written = normalise_entry(entry)
    return _entries_edit(dictionary, category_uuid, "add entry",
                         translate("autocode.dictionaries", "Add entry '{entry}'").format(entry=written),
                         lambda entries: entries.append(written))


def edit_entry_edit(dictionary: str, category_uuid: str, old: str, new: str) -> DictionaryEdit:
    written = normalise_entry(new)

    def change(entries: list[str]) -> None:
        entries[_entry_index(entries, old)] = written
    return _entries_edit(dictionary, category_uuid, "edit entry",
                         translate("autocode.dictionaries", "Edit entry '{entry}'").format(entry=old), change)


def delete_entry_edit(dictionary: str, category_uuid: str, entry: str) -> DictionaryEdit:
    def change(entries: list[str]) -> None:
        del entries[_entry_index(entries, entry)]
    return _entries_edit(dictionary, category_uuid, "delete entry",
                         translate("autocode.dictionaries", "Delete entry '{entry}'").format(entry=entry), change)


def _entry_index(entries: list[str], entry: str) -> int:
    try:
        return entries.index(entry)
    except ValueError:
        raise NotFoundError(translate(
            "errors", "the category has no entry {entry!r} (changed meanwhile?)").format(entry=entry)) from None


# -- text form ----------------------------------------------------------------------------------------------
def state_text(session: Session, state: DictionaryState) -> str:
    """The dictionary in the plain-text format."""
    from coding.codebook import code_paths

    uuids = {c.code_uuid for _, c in state.walk() if c.code_uuid}
    paths: dict[str, str] = {}
    if uuids:
        by_id = code_paths(session)
        paths = {uuid: by_id[code_id] for uuid, code_id in _code_ids(session, uuids).items()}

    def text_of(categories: Sequence[CategoryState]) -> list[TextCategory]:
        return [TextCategory(c.name, paths.get(c.code_uuid, "") if c.code_uuid else "", list(c.entries),
                             text_of(c.children)) for c in categories]
    return write_text(TextDictionary(state.description, text_of(state.categories)))


def export_text(session: Session, dictionary: str) -> str:
    state = read_state(session, find_dictionary(session, dictionary).uuid)
    assert state is not None
    return state_text(session, state)


def read_dictionary_file(path: Path) -> str:
    """A dictionary file's text (UTF-8, a BOM allowed); ``ValidationError`` naming the file otherwise."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NotFoundError(translate("errors", "{path}: no such file").format(path=path)) from None
    except UnicodeDecodeError:
        raise ValidationError(translate(
            "errors", "{path}: not UTF-8 text (save the dictionary as UTF-8)").format(path=path)) from None
    except OSError as exc:
        raise ValidationError(translate(
            "errors", "{path}: cannot read it ({strerror})").format(path=path, strerror=exc.strerror)) from None


# -- listing --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DictionarySummary:
    uuid: str
    name: str
    language: str
    categories: int
    entries: int
    unlinked: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_dictionaries(session: Session) -> list[DictionarySummary]:
    summaries: list[DictionarySummary] = []
    for uuid in session.scalars(select(Dictionary.uuid).order_by(Dictionary.name)):
        state = read_state(session, uuid)
        assert state is not None
        walked = list(state.walk())
        summaries.append(DictionarySummary(state.uuid, state.name, state.language, len(walked),
                                           sum(len(c.entries) for _, c in walked), unlinked_categories(state)))
    return summaries


def unlinked_categories(state: DictionaryState) -> tuple[str, ...]:
    """Paths of the categories with entries but no linked code (they cannot be autocoded)."""
    return tuple(path for path, c in state.walk() if c.entries and c.code_uuid is None)


# -- hits -------------------------------------------------------------------------------------------------------
class DictionaryHit(NamedTuple):
    """``Document.text[start:end]`` matched ``pattern`` of the category ``category_path`` (code points). A tuple:
    a corpus may have hundreds of thousands of hits."""

    document_id: int
    category_id: int
    category_path: str
    start: int
    end: int
    pattern: str


@dataclass
class _Loaded:
    dictionary: Dictionary
    paths: dict[int, str]
    codes: dict[int, int | None]
    matcher: Matcher


def _load(session: Session, name: str) -> _Loaded:
    dictionary = find_dictionary(session, name)
    categories = list(session.execute(
        select(DictionaryCategory.id, DictionaryCategory.parent_id, DictionaryCategory.name,
               DictionaryCategory.code_id).where(DictionaryCategory.dictionary_id == dictionary.id)))
    by_id = {row.id: row for row in categories}
    paths: dict[int, str] = {}

    def path(category_id: int) -> str:
        if category_id not in paths:
            row = by_id[category_id]
            paths[category_id] = row.name if row.parent_id is None else f"{path(row.parent_id)}/{row.name}"
        return paths[category_id]
    for row in categories:
        path(row.id)
    entries: dict[int, list[str]] = defaultdict(list)
    exclusions: dict[int, list[str]] = defaultdict(list)
    for category_id, pattern, exclusion in session.execute(
            select(DictionaryEntry.category_id, DictionaryEntry.pattern, DictionaryEntry.is_exclusion)
            .where(DictionaryEntry.category_id.in_(by_id)).order_by(DictionaryEntry.position)):
        (exclusions if exclusion else entries)[category_id].append(pattern)
    matcher = Matcher(CategoryPatterns(cid, entries[cid], exclusions[cid]) for cid in by_id if entries[cid])
    return _Loaded(dictionary, paths, {row.id: row.code_id for row in categories}, matcher)


def find_hits(session: Session, dictionary: str, *, document_ids: Collection[int] | None = None,
              progress: Progress | None = None, cancelled: Cancel | None = None) -> list[DictionaryHit]:
    """Every hit of the dictionary's entries in the documents (all, or ``document_ids``) of its language, in
    document and text order; exclusions applied. Each document is tokenised once (kept by its sha256).
    ``cancelled`` is asked between documents (``CancelledError`` when it answers True)."""
    loaded = _load(session, dictionary)
    paths = loaded.paths
    return [DictionaryHit(document_id, key, paths[key], start, end, pattern)
            for document_id, hits in _document_hits(session, loaded, document_ids, progress, cancelled)
            for start, end, key, pattern in hits]


def _document_hits(session: Session, loaded: _Loaded, document_ids: Collection[int] | None,
                   progress: Progress | None = None,
                   cancelled: Cancel | None = None) -> Iterator[tuple[int, list[Hit]]]:
    """Each document's hits, as the matcher gives them: (start, end, category id, pattern) in text order."""
    query = select(Document.id, Document.name, Document.sha256, Document.language).order_by(Document.id)
    if loaded.dictionary.language:
        query = query.where(Document.language == loaded.dictionary.language)
    if document_ids is not None:
        query = query.where(Document.id.in_(document_ids))
    documents = list(session.execute(query)) if loaded.matcher.categories else []
    for done, document in enumerate(documents):
        if cancelled is not None and cancelled():
            raise CancelledError(translate("errors", "finding the dictionary's hits was cancelled"))
        if progress is not None:
            progress(done, len(documents), document.name)
        text = session.scalar(select(Document.text).where(Document.id == document.id)) or ""
        tokens = document_tokens(text, document.language, document.sha256)
        yield document.id, loaded.matcher.hits(tokens, document.language)
    if progress is not None:
        progress(len(documents), len(documents), "")


def autocode_passages(session: Session, dictionary: str, scope: str) -> list[Passage]:
    """The dictionary's hits as passages to code: the hit itself (``word``), the sentence holding it
    (``sentence``) or its speaker turn's content (``turn``); one passage per unit and code however many hits.
    Refused, naming them, when categories with entries link no code."""
    if scope not in SCOPES:
        raise ValidationError(translate(
            "errors", "scope {scope!r}: choose word, sentence or turn").format(scope=scope))
    loaded = _load(session, dictionary)
    state = read_state(session, loaded.dictionary.uuid)
    assert state is not None
    unlinked = unlinked_categories(state)
    if unlinked:
        raise ValidationError(translate(
            "errors", "dictionary {name!r}: link these categories to codes before autocoding: {value}").format(
            name=state.name, value=', '.join(unlinked)))
    units = _units(session, scope)
    passages: list[Passage] = []
    reasons: dict[tuple[int, str], str] = {}  # one string per category and entry, shared by its passages
    for document_id, hits in _document_hits(session, loaded, None):
        unit_starts, unit_ends = units.get(document_id, ([], []))
        first: dict[tuple[int, int, int], tuple[int, str]] = {}  # (start, end, code) -> the hit that found it
        for start, end, key, pattern in hits:
            at = bisect_right(unit_starts, start) - 1
            if at >= 0 and unit_ends[at] >= end:  # else a hit outside every unit (a header line): itself
                start, end = unit_starts[at], unit_ends[at]
            first.setdefault((start, end, loaded.codes[key] or 0), (key, pattern))
        for found in first.values():
            if found not in reasons:
                reasons[found] = f"dictionary {state.name}: {loaded.paths[found[0]]} ({found[1]})"
        passages.extend(Passage(document_id, start, end, code_id, reasons[found])
                        for (start, end, code_id), found in first.items())
    return passages


def _units(session: Session, scope: str) -> dict[int, tuple[list[int], list[int]]]:
    """Per document, the starts and ends of its sentences or turns' contents (none at word scope)."""
    if scope == "word":
        return {}
    if scope == "sentence":
        query = select(Sentence.document_id, Sentence.start, Sentence.end).order_by(
            Sentence.document_id, Sentence.start)
    else:
        query = select(SpeakerTurn.document_id, SpeakerTurn.content_start, SpeakerTurn.end).order_by(
            SpeakerTurn.document_id, SpeakerTurn.start)
    spans: dict[int, tuple[list[int], list[int]]] = {}
    for document_id, start, end in session.execute(query):
        starts, ends = spans.setdefault(document_id, ([], []))
        starts.append(start)
        ends.append(end)
    return spans


# -- counts and context -------------------------------------------------------------------------------------------
@dataclass
class HitCounts:
    """Hits per category (rows, in dictionary order) and group (columns: documents, cases or attribute values)."""

    by: str
    categories: list[str]
    groups: list[str]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def count(self, category: str, group: str) -> int:
        return self.counts.get((category, group), 0)

    def total(self, category: str) -> int:
        return sum(self.count(category, group) for group in self.groups)

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "groups": self.groups, "rows": [
            {"category": c, "total": self.total(c), "counts": {g: self.count(c, g) for g in self.groups}}
            for c in self.categories]}


def hit_counts(session: Session, dictionary: str, by: str = "document", *,
               hits: Sequence[DictionaryHit] | None = None) -> HitCounts:
    """Hits per category and per ``document``, ``case`` or ``attribute:NAME`` value (``all``: one column).
    ``hits``: count these (what :func:`find_hits` gave) instead of matching the documents again."""
    loaded = _load(session, dictionary)
    grouping = _grouping(session, by)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    groups: set[str] = set()
    if hits is None:
        for document_id, found in _document_hits(session, loaded, None):
            group = grouping(document_id)
            groups.add(group)
            for key, count in Counter(hit[2] for hit in found).items():
                counts[(loaded.paths[key], group)] += count
    else:
        for (document_id, path), count in Counter((hit.document_id, hit.category_path) for hit in hits).items():
            group = grouping(document_id)
            groups.add(group)
            counts[(path, group)] += count
    state = read_state(session, loaded.dictionary.uuid)
    assert state is not None
    return HitCounts(by, [path for path, _ in state.walk()], sorted(groups), dict(counts))


def _grouping(session: Session, by: str) -> Callable[[int], str]:
    if by == "all":
        return lambda _: "all"
    if by == "document":
        names = _pairs(session.execute(select(Document.id, Document.name)))
        return lambda document_id: names[document_id]
    cases = _pairs(session.execute(select(Document.id, Case.name).join(Case, Case.id == Document.case_id)))
    if by == "case":
        return lambda document_id: cases.get(document_id, NO_CASE)
    kind, _, attribute_name = by.partition(":")
    if kind != "attribute" or not attribute_name.strip():
        raise ValidationError(translate(
            "errors", "--by {by!r}: choose document, case, all or attribute:NAME").format(by=by))
    attribute = session.scalar(select(Attribute).where(func.lower(Attribute.name) == attribute_name.strip().lower()))
    if attribute is None:
        attributes = list(session.scalars(select(Attribute.name).order_by(Attribute.position)))
        raise NotFoundError(translate(
            "errors", "no attribute named {value!r} (attributes: {value2})").format(
            value=attribute_name.strip(), value2=known_names(attributes)))
    values = _pairs(session.execute(
        select(Document.id, AttributeValue.value).join(AttributeValue, AttributeValue.case_id == Document.case_id)
        .where(AttributeValue.attribute_id == attribute.id)))
    return lambda document_id: values.get(document_id) or NO_VALUE


@dataclass(frozen=True)
class KwicLine:
    """A hit in context: ``left`` + ``match`` + ``right`` of ``document``."""

    document: str
    category: str
    left: str
    match: str
    right: str
    document_id: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def kwic_lines(session: Session, hits: Sequence[DictionaryHit], width: int = 40) -> list[KwicLine]:
    """Hits with ``width`` characters of context each side, on one line each."""
    by_document: dict[int, list[DictionaryHit]] = defaultdict(list)
    for hit in hits:
        by_document[hit.document_id].append(hit)
    lines: list[KwicLine] = []
    for document_id, name, text in session.execute(
            select(Document.id, Document.name, Document.text).where(Document.id.in_(by_document))
            .order_by(Document.id)):
        for hit in by_document[document_id]:
            lines.append(KwicLine(name, hit.category_path, _flat(text[max(0, hit.start - width):hit.start]),
                                  _flat(text[hit.start:hit.end]), _flat(text[hit.end:hit.end + width]),
                                  document_id, hit.start, hit.end))
    return lines


_WHITESPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    """Context on one line: each run of whitespace (line breaks too) as one space."""
    return _WHITESPACE.sub(" ", text)


__all__ = [
    "DICTIONARIES", "SCOPES", "AddCategoryEdit", "CategoryState", "DictionaryEdit", "DictionaryHit", "DictionaryState",
    "DictionarySummary", "HitCounts", "KwicLine", "add_category_edit", "add_entry_edit", "autocode_passages",
    "codebook_categories", "create_dictionary_edit", "delete_category_edit", "delete_dictionary_edit",
    "delete_entry_edit", "edit_category_edit", "edit_entry_edit", "export_text", "find_dictionary", "find_hits",
    "hit_counts", "import_dictionary_edit", "kwic_lines", "list_dictionaries", "read_dictionary_file", "read_state",
    "rename_dictionary_edit", "state_text", "unlinked_categories", "write_state",
]
