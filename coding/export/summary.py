"""The coded summary as a Word document: the codebook as headings, each code's definition, its quotes.

Layout (all real Word styles, so a journal template restyles it):

- Title, then a Normal paragraph saying what was exported (filter, date, counts) and whose codings;
- per code, in codebook order: its name as Heading 1–3 (by level; deeper levels use Heading 3),
  its definition (and the Chinese one), then every segment coded with exactly that code — the
  text in the ``Quote`` style, followed by a short ``Caption`` source line "P03 · Interview 3 · ¶12"
  (case, document, paragraph; the coders when the summary rests on several; character offsets only
  when asked for). A coding's memo follows as Normal text;
- a "Memos" section last: the project memos and the journal, then the memos on the cases, documents
  and codes the summary shows (:func:`coding.memos.memos_for_export`).

On A4 or Letter (``paper``; the locale's by default), in the journal styles of :mod:`coding.export.word`.

A code's quotes are those coded with that code itself; quotes of its sub-codes appear under the
sub-codes' own headings, so nothing is printed twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter
from coding.analysis.pooling import describe_basis
from coding.analysis.retrieval import Segment, iter_segments
from coding.autocode.review import provenance_texts
from coding.export.common import (
    Cancel,
    ExportResult,
    Progress,
    check_cancel,
    check_target,
    filter_text,
    replaced_when_done,
    report,
)
from coding.export.word import Run, WordWriter, set_properties
from coding.i18n import QT_TRANSLATE_NOOP, code_label, is_chinese, translate
from coding.memos import ExportMemo, memos_for_export
from coding.paragraphs import ParagraphIndex
from models import Code, Document, ProjectMeta

MAX_HEADING_LEVEL = 3


def project_name(session: Session) -> str:
    return session.scalar(select(ProjectMeta.value).where(ProjectMeta.key == "name")) or "Concord project"


def source_line(segment: Segment, paragraph: int, *, offsets: bool = False, coders: bool = False) -> str:
    """"P03 · P03_interview · ¶12": case, document, paragraph; "· coded by Lin, Wang" with ``coders``;
    "· characters 120–340" with ``offsets``."""
    parts = [part for part in (segment.case, segment.document) if part]
    if paragraph:
        parts.append(f"¶{paragraph}")
    if coders:
        parts.append(segment.coded_by if len(segment.coders) > 1 else segment.coder)
    if offsets:
        parts.append(translate("SummaryExport", "characters {start}–{end}").format(start=segment.start, end=segment.end))
    return " · ".join(parts)


class _Paragraphs:
    """Paragraph numbers of the exported documents, each document's text read once when first needed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.indexes: dict[int, ParagraphIndex] = {}

    def number(self, segment: Segment) -> int:
        index = self.indexes.get(segment.document_id)
        if index is None:
            text = self.session.scalar(select(Document.text).where(Document.id == segment.document_id)) or ""
            index = self.indexes[segment.document_id] = ParagraphIndex(text)
        return index.number(segment.start)


def _codes_shown(tree: CodeTree, flt: SegmentFilter) -> list[int]:
    """Every code (no code filter), or the filtered codes with their ancestors for the hierarchy."""
    if flt.code_ids is None:
        return tree.preorder()
    wanted = set(flt.code_ids)
    for code_id in list(wanted):
        parent = tree.codes[code_id].parent_id if code_id in tree.codes else None
        while parent is not None:
            wanted.add(parent)
            parent = tree.codes[parent].parent_id
    return [code_id for code_id in tree.preorder() if code_id in wanted]


def export_summary_docx(
    session: Session,
    path: str | Path,
    *,
    flt: SegmentFilter | None = None,
    title: str | None = None,
    include_empty: bool = True,
    paper: str | None = None,
    offsets: bool = False,
    memos: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write the coded summary; ``flt`` chooses codes, coders (or consensus), cases and attributes.

    ``paper`` "a4" or "letter" (None: the locale's); ``offsets`` adds character offsets to each source line;
    ``memos`` adds the Memos section."""
    target = check_target(path, (".docx",), "a coded summary")
    flt = flt or SegmentFilter()
    tree = CodeTree.load(session)
    by_code: dict[int, list[Segment]] = {}
    for segment in iter_segments(session, flt, tree=tree, progress=progress, cancel=cancel):
        by_code.setdefault(segment.code_id, []).append(segment)
    total = sum(len(v) for v in by_code.values())
    definitions = {
        row.id: (row.definition, row.definition_zh)
        for row in session.execute(select(Code.id, Code.definition, Code.definition_zh))
    }
    writer = WordWriter(paper=paper)
    basis = describe_basis(session, flt)
    several_coders = len(basis.coders) > 1
    paragraphs = _Paragraphs(session)
    heading = title or translate("SummaryExport", "{project}: coded segments").format(project=project_name(session))
    set_properties(writer.document, title=heading, subject=translate("SummaryExport", "Coded summary exported by Concord"))
    writer.paragraph(heading, "Title")
    documents = len({s.document_id for v in by_code.values() for s in v})
    writer.paragraph(translate("SummaryExport", "{passages} from {documents}{restriction}. Exported {time}.").format(
        passages=translate("SummaryExport", "%Ln coded passage(s)", None, total),
        documents=translate("SummaryExport", "%Ln document(s)", None, documents),
        restriction=_restriction(session, flt, tree), time=datetime.now().strftime("%Y-%m-%d %H:%M")), "Normal")
    writer.paragraph(translate("SummaryExport", "{basis}.").format(basis=basis.text()), "Normal")
    written = 0
    shown = _codes_shown(tree, flt)
    headed: list[int] = []  # the codes the summary shows, for their memos
    origins = provenance_texts(session)
    for code_id in shown:
        check_cancel(cancel, "the summary export")
        quotes = by_code.get(code_id, [])
        if not quotes and not include_empty and not _has_quotes_below(tree, code_id, by_code):
            continue
        info = tree.codes[code_id]
        headed.append(code_id)
        writer.heading(heading_name(info.name, info.name_zh), min(info.level, MAX_HEADING_LEVEL))
        definition, definition_zh = definitions.get(code_id, ("", ""))
        for label, text in definition_lines(definition, definition_zh):
            writer.paragraph([Run(label, bold=True), Run(text)], "Normal")
        if not quotes and (flt.code_ids is None or code_id in flt.code_ids):
            writer.paragraph(Run(translate("SummaryExport", "No coded segments."), italic=True), "Normal")
        for segment in quotes:
            writer.paragraph(segment.text, "Quote")  # the quote exactly, edge spaces and line breaks included
            line = source_line(segment, paragraphs.number(segment), offsets=offsets, coders=several_coders)
            writer.paragraph(line, "Caption")
            if segment.memo:
                writer.paragraph([Run(translate("SummaryExport", "Memo: "), bold=True), Run(segment.memo)], "Normal")
            if segment.uuid in origins:  # coded by accepting a machine's suggestion
                writer.paragraph([Run(translate("SummaryExport", "Provenance: "), bold=True), Run(origins[segment.uuid])],
                                 "Normal")
            written += 1
            if written % 500 == 0:
                check_cancel(cancel, "the summary export")
                report(progress, written, total, "writing quotes")
    if memos:
        _memo_section(writer, memos_for_export(
            session, document_ids=_distinct_ids(s.document_id for v in by_code.values() for s in v),
            code_ids=headed,
            case_ids=_distinct_ids(s.case_id for v in by_code.values() for s in v if s.case_id is not None)))
    report(progress, written, total, "saving")
    with replaced_when_done(target) as temporary:
        writer.save(temporary)
    return ExportResult(target, "summary", written, {"codes": len(shown), "documents": documents})


def heading_name(name: str, name_zh: str | None) -> str:
    """A code's heading: "Owner functions (所有者职能)" in English; "所有者职能（Owner functions）" in Chinese."""
    if is_chinese():
        return code_label(name, name_zh)
    return name + (f" ({name_zh})" if name_zh else "")


def definition_lines(definition: str | None, definition_zh: str | None) -> list[tuple[str, str]]:
    """(label, text) of a code's definitions: the export's language first, the other one after it."""
    english = [(translate("SummaryExport", "Definition: "), definition)] if definition else []
    chinese = [("定义：", definition_zh)] if definition_zh else []
    if is_chinese():  # the English definition stays, labelled as such
        english = [(translate("SummaryExport", "English definition: "), definition)] if definition else []
        return [*chinese, *english]
    return [*english, *chinese]


def _distinct_ids(ids: Iterable[int]) -> list[int]:
    return sorted(set(ids))


_MEMO_SECTIONS = {"project": QT_TRANSLATE_NOOP("SummaryExport", "Project memos"),
                  "journal": QT_TRANSLATE_NOOP("SummaryExport", "Project journal"),
                  "case": QT_TRANSLATE_NOOP("SummaryExport", "Memos on cases"),
                  "document": QT_TRANSLATE_NOOP("SummaryExport", "Memos on documents"),
                  "code": QT_TRANSLATE_NOOP("SummaryExport", "Memos on codes")}


def _memo_section(writer: WordWriter, memos: list[ExportMemo]) -> None:
    """"Memos": project memos and the journal first, then those on the cases, documents and codes shown."""
    if not memos:
        return
    writer.heading(translate("SummaryExport", "Memos"), 1)
    section = None
    for memo in memos:
        if memo.section != section:
            section = memo.section
            known = _MEMO_SECTIONS.get(section)
            writer.heading(translate("SummaryExport", known) if known else section.capitalize(), 2)
        about = f"{memo.target_name} — " if memo.target_name else ""
        heading = about + (memo.title or "")
        stamp = memo.updated_at.strftime("%Y-%m-%d") if memo.updated_at else ""
        byline = " · ".join(part for part in (memo.author, stamp) if part)
        if heading.strip(" —"):
            writer.paragraph(Run(heading.strip(" —"), italic=True), keep_with_next=True)
        writer.paragraph(memo.text)
        if byline:
            writer.paragraph(byline, "Compact")


def _restriction(session: Session, flt: SegmentFilter, tree: CodeTree) -> str:
    """"; only codes …; role=Doctor" when the summary leaves something out, else nothing."""
    scope = filter_text(session, flt, tree)
    return "" if scope == "all codings" else translate("SummaryExport", "; only {scope}").format(scope=scope)


def _has_quotes_below(tree: CodeTree, code_id: int, by_code: dict[int, list[Segment]]) -> bool:
    return any(by_code.get(member) for member in tree.subtree(code_id))


__all__ = ["definition_lines", "export_summary_docx", "heading_name", "project_name", "source_line"]
