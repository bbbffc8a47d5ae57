"""Memos: notes on the project, a document, a case or a code, and the project journal — validated and audited.

A memo has a kind (``project``, ``journal``, ``document``, ``case``, ``code``), a target (the uuid of the
document, case or code; none for the project and the journal), an author (a coder, or nobody), a title and a
text. The journal is the project's dated log: entries by an author, read newest first. Coding memos live on
their codings (:func:`coding.codings.set_coding_memo`); listing and search here show them with the others.

Every write checks its inputs first (a refusal changes nothing) and records an audit event with the values
before and after. Edits and deletions take ``expected=`` (the :class:`MemoState` the caller last saw), as
:mod:`coding.codings` does: a memo changed since by another window or process is refused with ``ConflictError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding import versions
from coding.audit import record
from coding.changes import Changes
from coding.codebook import code_paths
from coding.conflicts import quoted
from coding.errors import ConflictError, NotFoundError, ValidationError
from coding.text import one_line
from models import Case, Code, Coder, Coding, Document, Memo, utcnow
from coding.i18n import QT_TRANSLATE_NOOP, translate

MemoKind = Literal["project", "journal", "document", "case", "code"]
KINDS: tuple[str, ...] = ("project", "journal", "document", "case", "code")
TARGETED_KINDS: tuple[str, ...] = ("document", "case", "code")
CODING_KIND = "coding"  # listed and searched here, written through coding.codings
CODING_TARGET_SEPARATOR = " · "  # a coding memo's target: "code path · document"
_TARGET_MODELS: dict[str, Any] = {"document": Document, "case": Case, "code": Code}
# The target of a memo that has no name of its own (English; ``MemoRecord.shown_target`` translates them).
PROJECT_WORD = QT_TRANSLATE_NOOP("memo_targets", "Project")
JOURNAL_WORD = QT_TRANSLATE_NOOP("memo_targets", "Journal")
GONE_WORD = QT_TRANSLATE_NOOP("memo_targets", "(gone)")
TARGET_WORDS = (PROJECT_WORD, JOURNAL_WORD, GONE_WORD)
TITLE_LIMIT = 255
MEMOS_CHANGED = Changes(memos=True)


@dataclass(frozen=True)
class MemoState:
    """What compare-and-set checks: the title and text the caller last saw."""

    title: str
    text: str


@dataclass(frozen=True)
class SavedMemo:
    """A deleted memo as plain values: what undo needs to put it back exactly."""

    uuid: str
    kind: str
    target_uuid: str | None
    author_id: int | None
    title: str
    text: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, memo: Memo) -> SavedMemo:
        return cls(memo.uuid, memo.target_kind, memo.target_uuid, memo.author_id, memo.title, memo.text,
                   memo.created_at, memo.updated_at)

    @property
    def state(self) -> MemoState:
        return MemoState(self.title, self.text)


@dataclass(frozen=True)
class MemoRecord:
    """A memo (or a coding's memo, kind ``coding``) as the lists, the search and the CLI show it."""

    uuid: str  # the memo's uuid; for a coding memo, the coding's
    kind: str
    target_uuid: str | None
    target_name: str
    author: str
    title: str
    text: str
    created_at: datetime | None
    updated_at: datetime | None

    @property
    def state(self) -> MemoState:
        return MemoState(self.title, self.text)

    @property
    def shown_target(self) -> str:
        """``target_name`` as the memo list shows it: "Project", "Journal" and "(gone)" in the interface language
        (``target_name`` keeps them in English for the JSON output and the search)."""
        if self.target_name in TARGET_WORDS:
            return translate("memo_targets", self.target_name)
        return self.target_name

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid, "kind": self.kind, "target_uuid": self.target_uuid, "target": self.target_name,
            "author": self.author, "title": self.title, "text": self.text,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


@dataclass(frozen=True)
class ExportMemo:
    """One memo for an export, in the order it goes into the document (see :func:`memos_for_export`)."""

    section: str  # project | journal | case | document | code
    target_id: int | None
    target_name: str
    title: str
    text: str
    author: str
    created_at: datetime
    updated_at: datetime


# -- validation ----------------------------------------------------------------------------------------------
def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError(translate(
            "errors", "unknown memo kind {kind!r} (choose from {value})").format(kind=kind, value=', '.join(KINDS)))
    return kind


def _check_target(session: Session, kind: str, target_uuid: str | None) -> None:
    if kind not in TARGETED_KINDS:
        if target_uuid is not None:
            raise ValidationError(translate(
                "errors", "a {kind} memo is about the whole project and takes no target").format(kind=kind))
        return
    if not target_uuid:
        raise ValidationError(translate("errors", "a {kind} memo needs the {kind} it is about").format(kind=kind))
    model = _TARGET_MODELS[kind]
    if session.scalar(select(model.id).where(model.uuid == target_uuid)) is None:
        raise NotFoundError(translate(
            "errors", "no {kind} with uuid {target_uuid} in the project: the memo was not written").format(
            kind=kind, target_uuid=target_uuid))


def _check_author(session: Session, author_id: int | None) -> None:
    if author_id is None:
        return
    coder = session.get(Coder, author_id)
    if coder is None:
        raise NotFoundError(translate(
            "errors", "unknown coder id {author_id}: the memo was not written").format(author_id=author_id))
    if coder.is_consensus:
        raise ValidationError(translate(
            "errors", "'{name}' is the consensus coder, not a person: a memo needs a person as author").format(
            name=coder.name))


def _clean_title(title: str) -> str:
    cleaned = " ".join(title.split())  # one line: a title is a heading, not a paragraph
    if len(cleaned) > TITLE_LIMIT:
        raise ValidationError(translate(
            "errors", "a memo title is at most {TITLE_LIMIT} characters (this one has {value})").format(
            TITLE_LIMIT=TITLE_LIMIT, value=len(cleaned)))
    return cleaned


def _check_content(kind: str, title: str, text: str) -> None:
    if kind == "journal" and not text.strip():
        raise ValidationError(translate("errors", "a journal entry needs some text"))
    if not title and not text.strip():
        raise ValidationError(translate(
            "errors", "a {kind} memo needs a title or some text (delete the memo to remove it)").format(kind=kind))


def _values(memo: Memo) -> dict[str, Any]:
    return {"kind": memo.target_kind, "target_uuid": memo.target_uuid, "author_id": memo.author_id,
            "title": memo.title, "text": memo.text}


# -- writing ---------------------------------------------------------------------------------------------------
def add_memo(
    session: Session, kind: str, *, target_uuid: str | None = None, title: str = "", text: str = "",
    author_id: int | None = None, actor: str,
) -> Memo:
    """Write a new memo on the project (``project``), in the journal, or on a document, case or code."""
    check_kind(kind)
    title = _clean_title(title)
    _check_content(kind, title, text)
    _check_target(session, kind, target_uuid)
    _check_author(session, author_id)
    now = utcnow()
    memo = Memo(target_kind=kind, target_uuid=target_uuid, author_id=author_id, title=title, text=text,
                created_at=now, updated_at=now)
    session.add(memo)
    session.flush()
    record(session, actor, "add_memo", "memo", memo.uuid, None, _values(memo))
    return memo


def add_journal_entry(session: Session, text: str, *, author_id: int | None, actor: str, title: str = "") -> Memo:
    """A dated entry in the project journal (its date is when it was written)."""
    return add_memo(session, "journal", title=title, text=text, author_id=author_id, actor=actor)


def find_memo(session: Session, memo_uuid: str) -> Memo:
    """A memo by uuid or an unambiguous start of one (at least 4 characters, as the CLI shows them)."""
    wanted = memo_uuid.strip()
    memo = session.scalar(select(Memo).where(Memo.uuid == wanted, Memo.target_kind.in_(KINDS)))
    if memo is None and len(wanted) >= 4:
        found = session.scalars(select(Memo).where(Memo.uuid.startswith(wanted, autoescape=True),
                                                   Memo.target_kind.in_(KINDS)).limit(2)).all()
        if len(found) > 1:
            raise NotFoundError(translate(
                "errors", "memo id {wanted!r} is ambiguous: give more of it").format(wanted=wanted))
        memo = found[0] if found else None
    if memo is None:
        raise NotFoundError(translate(
            "errors", "no memo {wanted!r} in the project (concord memo list shows their ids)").format(wanted=wanted))
    return memo


def memo_label(memo: Memo) -> str:
    """A memo as a message names it: its title, else the start of its text."""
    return memo.title or one_line(memo.text, 40)


def _refuse_if_changed(memo: Memo, expected: MemoState | None) -> None:
    if expected is not None and (memo.title, memo.text) != (expected.title, expected.text):
        raise ConflictError(translate(
            "errors", "the memo was changed since (now {value})").format(value=quoted(memo.title or memo.text)))


def edit_memo(
    session: Session, memo_uuid: str, *, title: str | None = None, text: str | None = None, actor: str,
    expected: MemoState | None = None, expected_version: int | None = None, seen: MemoState | None = None,
) -> Memo:
    """Give a memo a new title and/or text; with ``expected``, only if it still reads so. With ``expected_version``
    (the version the editor read) or ``seen`` (the title and text it showed), only if nobody changed it since:
    else ``StaleEditError`` naming who did and when."""
    memo = find_memo(session, memo_uuid)
    versions.expect_version(session, "memo", memo.uuid, memo_label(memo), memo.version, expected_version)
    if seen is not None and (memo.title, memo.text) != (seen.title, seen.text):
        raise versions.stale_error(session, "memo", memo.uuid, memo_label(memo))
    _refuse_if_changed(memo, expected)
    new_title = memo.title if title is None else _clean_title(title)
    new_text = memo.text if text is None else text
    _check_content(memo.target_kind, new_title, new_text)
    if (new_title, new_text) == (memo.title, memo.text):
        return memo
    before = _values(memo)
    shown = memo_label(memo)
    memo.title, memo.text, memo.updated_at = new_title, new_text, utcnow()
    with versions.guard(session, "memo", memo.uuid, shown):
        session.flush()
    record(session, actor, "edit_memo", "memo", memo.uuid, before, _values(memo))
    return memo


def delete_memo(session: Session, memo_uuid: str, *, actor: str, expected: MemoState | None = None) -> SavedMemo:
    """Delete a memo; with ``expected``, only if it still reads so. Returns what undo needs."""
    memo = find_memo(session, memo_uuid)
    _refuse_if_changed(memo, expected)
    saved = SavedMemo.of(memo)
    record(session, actor, "delete_memo", "memo", memo.uuid, _values(memo), None)
    session.delete(memo)
    session.flush()
    return saved


def restore_memo(session: Session, saved: SavedMemo, *, actor: str) -> Memo:
    """Put back a deleted memo with its uuid, author and dates (undo of a deletion)."""
    if session.scalar(select(Memo.id).where(Memo.uuid == saved.uuid)) is not None:
        raise ConflictError(translate("errors", "the memo is back in the project already (put back elsewhere since)"))
    _check_target(session, saved.kind, saved.target_uuid)
    author_known = saved.author_id is not None and session.get(Coder, saved.author_id) is not None
    author_id = saved.author_id if author_known else None
    memo = Memo(uuid=saved.uuid, target_kind=saved.kind, target_uuid=saved.target_uuid, author_id=author_id,
                title=saved.title, text=saved.text, created_at=saved.created_at, updated_at=saved.updated_at)
    session.add(memo)
    session.flush()
    record(session, actor, "restore_memo", "memo", memo.uuid, None, _values(memo))
    return memo


# -- reading ---------------------------------------------------------------------------------------------------
def _names_of(session: Session, kind: str, uuids: Iterable[str | None]) -> dict[str, str]:
    wanted = {u for u in uuids if u}
    if not wanted:
        return {}
    if kind == "code":
        paths = code_paths(session)
        rows = session.execute(select(Code.uuid, Code.id).where(Code.uuid.in_(wanted))).all()
        return {uuid: paths.get(code_id, "") for uuid, code_id in rows}
    model = _TARGET_MODELS[kind]
    return dict(session.execute(select(model.uuid, model.name).where(model.uuid.in_(wanted))).all())


def _memo_records(session: Session, kinds: Sequence[str], target_uuids: Sequence[str] | None = None) -> list[MemoRecord]:
    query = (select(Memo, Coder.name).outerjoin(Coder, Coder.id == Memo.author_id)
             .where(Memo.target_kind.in_(kinds)))
    if target_uuids is not None:
        query = query.where(Memo.target_uuid.in_(list(target_uuids)))
    rows = session.execute(query).all()
    names: dict[str, dict[str, str]] = {
        kind: _names_of(session, kind, (m.target_uuid for m, _ in rows if m.target_kind == kind))
        for kind in TARGETED_KINDS if kind in kinds
    }
    records = []
    for memo, author in rows:
        target = PROJECT_WORD if memo.target_kind == "project" else JOURNAL_WORD if memo.target_kind == "journal" else (
            names[memo.target_kind].get(memo.target_uuid or "", GONE_WORD))
        records.append(MemoRecord(memo.uuid, memo.target_kind, memo.target_uuid, target, author or "", memo.title,
                                  memo.text, memo.created_at, memo.updated_at))
    return records


def _coding_memo_records(session: Session, coder_ids: Sequence[int] | None) -> list[MemoRecord]:
    query = (select(Coding.uuid, Coding.code_id, Coding.memo, Coding.created_at,
                    Coding.updated_at, Document.name, Coder.name)
             .join(Document, Document.id == Coding.document_id).join(Coder, Coder.id == Coding.coder_id)
             .where(Coding.memo != ""))
    if coder_ids is not None:
        query = query.where(Coding.coder_id.in_(list(coder_ids)))
    paths = code_paths(session)
    return [
        MemoRecord(uuid, CODING_KIND, uuid, f"{paths.get(code_id, '?')}{CODING_TARGET_SEPARATOR}{document}", coder,
                   "", memo, created, updated)
        for uuid, code_id, memo, created, updated, document, coder in session.execute(query).all()
    ]


_KIND_ORDER = {kind: index for index, kind in enumerate((*KINDS, CODING_KIND))}


def _ordered(records: list[MemoRecord]) -> list[MemoRecord]:
    """Project memos, then the journal newest first, then by kind, target and title."""
    journal = sorted((r for r in records if r.kind == "journal"), key=lambda r: _stamp(r.created_at), reverse=True)
    others = sorted((r for r in records if r.kind != "journal"),
                    key=lambda r: (_KIND_ORDER[r.kind], r.target_name.casefold(), r.title.casefold(),
                                   _stamp(r.created_at)))
    project = [r for r in others if r.kind == "project"]
    return project + journal + [r for r in others if r.kind != "project"]


def _stamp(moment: datetime | None) -> float:
    """Seconds since the epoch; SQLite hands stored times back without a zone, and they are UTC."""
    if moment is None:
        return 0.0
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def list_memos(
    session: Session, kinds: Sequence[str] | None = None, *, coding_coder_ids: Sequence[int] | None = None,
) -> list[MemoRecord]:
    """Every memo (of ``kinds``; default all, coding memos included), ordered as :func:`_ordered` says.
    ``coding_coder_ids``: show only those coders' coding memos (blind coding)."""
    wanted = list(kinds) if kinds is not None else [*KINDS, CODING_KIND]
    for kind in wanted:
        if kind != CODING_KIND:
            check_kind(kind)
    records = _memo_records(session, [k for k in wanted if k != CODING_KIND])
    if CODING_KIND in wanted:
        records += _coding_memo_records(session, coding_coder_ids)
    return _ordered(records)


def journal(session: Session) -> list[MemoRecord]:
    """The project journal, newest entry first."""
    return list_memos(session, ["journal"])


def memos_on(session: Session, kind: str, target_uuid: str | None = None) -> list[MemoRecord]:
    """The memos on one document, case or code (or the project memos), oldest first."""
    check_kind(kind)
    records = _memo_records(session, [kind], None if target_uuid is None else [target_uuid])
    return sorted(records, key=lambda r: _stamp(r.created_at))


def targets_with_memos(session: Session, kind: str) -> set[str]:
    """Uuids of the documents (cases, codes) that have at least one memo: for markers in the views."""
    check_kind(kind)
    targets = session.scalars(select(Memo.target_uuid).where(Memo.target_kind == kind).distinct())
    return {target for target in targets if target is not None}


def search_memos(
    session: Session, query: str, kinds: Sequence[str] | None = None, *,
    coding_coder_ids: Sequence[int] | None = None,
) -> list[MemoRecord]:
    """Memos whose title, text, target or author contains ``query``, ignoring case (any script: Chinese
    substrings match as typed). Matching is done in Python with ``casefold`` because SQLite's LIKE folds ASCII only."""
    needle = query.strip().casefold()
    if not needle:
        raise ValidationError(translate("errors", "nothing to search for: give a word or phrase"))
    return [r for r in list_memos(session, kinds, coding_coder_ids=coding_coder_ids)
            if needle in f"{r.title}\n{r.text}\n{r.target_name}\n{r.author}".casefold()]


# -- export ----------------------------------------------------------------------------------------------------
def memos_for_export(
    session: Session, *, document_ids: Sequence[int], code_ids: Sequence[int], case_ids: Sequence[int],
) -> list[ExportMemo]:
    """The memos a summary carries, typed and in order: project memos (oldest first), the journal (newest
    first), then the memos on the given cases, documents and codes — targets in the order given, each
    target's memos oldest first. Coding memos are not here: they go with their quotes."""
    authors = dict(session.execute(select(Coder.id, Coder.name)).all())
    out: list[ExportMemo] = []

    def author(memo: Memo) -> str:
        return "" if memo.author_id is None else authors.get(memo.author_id, "")

    def add(section: str, memos: Iterable[Memo], target_id: int | None = None, name: str = "") -> None:
        out.extend(ExportMemo(section, target_id, name, m.title, m.text, author(m), m.created_at, m.updated_at)
                   for m in memos)

    by_kind = {kind: list(session.scalars(select(Memo).where(Memo.target_kind == kind))) for kind in KINDS}
    add("project", sorted(by_kind["project"], key=lambda m: _stamp(m.created_at)))
    add("journal", sorted(by_kind["journal"], key=lambda m: _stamp(m.created_at), reverse=True))
    paths = code_paths(session) if code_ids else {}
    for kind, ids in (("case", case_ids), ("document", document_ids), ("code", code_ids)):
        if not ids:
            continue
        model = _TARGET_MODELS[kind]
        wanted = set(ids)
        columns = [model.id, model.uuid] + ([model.name] if kind != "code" else [])
        targets = {row.id: row for row in session.execute(select(*columns)).all() if row.id in wanted}
        memos_of: dict[str, list[Memo]] = {}
        for memo in sorted(by_kind[kind], key=lambda m: _stamp(m.created_at)):
            memos_of.setdefault(memo.target_uuid or "", []).append(memo)
        for target_id in ids:
            target = targets.get(target_id)
            if target is None:
                raise NotFoundError(translate(
                    "errors", "unknown {kind} id {target_id}").format(kind=kind, target_id=target_id))
            name = paths.get(target_id, "") if kind == "code" else target.name
            add(kind, memos_of.get(target.uuid, []), target_id, name)
    return out


__all__ = [
    "CODING_KIND",
    "CODING_TARGET_SEPARATOR",
    "KINDS",
    "MEMOS_CHANGED",
    "TARGETED_KINDS",
    "ExportMemo",
    "MemoRecord",
    "MemoState",
    "SavedMemo",
    "add_journal_entry",
    "add_memo",
    "check_kind",
    "delete_memo",
    "edit_memo",
    "find_memo",
    "journal",
    "list_memos",
    "memos_for_export",
    "memos_on",
    "restore_memo",
    "search_memos",
    "targets_with_memos",
]
