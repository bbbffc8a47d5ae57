"""The coded summary as a Word document: the codebook as headings, each code's definition, its quotes.

Layout (all real Word styles, so a journal template restyles it):

- Title, then a Normal paragraph saying what was exported (filter, date, counts);
- per code, in codebook order: its name as Heading 1–3 (by level; deeper levels use Heading 3),
  its definition (and the Chinese one), then every segment coded with exactly that code — the
  text in the ``Quote`` style, followed by a ``Caption`` line: speaker, document, case with its
  attributes, coder, and position (characters start–end, speaker turn). Memos follow as Normal text.

A code's quotes are those coded with that code itself; quotes of its sub-codes appear under the
sub-codes' own headings, so nothing is printed twice.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.analysis.codetree import CodeTree
from coding.analysis.filters import SegmentFilter, describe_filter
from coding.analysis.retrieval import Segment, case_attributes, iter_segments
from coding.export.common import (
    Cancel,
    ExportResult,
    Progress,
    check_cancel,
    check_target,
    replaced_when_done,
    report,
)
from coding.export.word import Run, WordWriter, set_properties
from models import Code, ProjectMeta

MAX_HEADING_LEVEL = 3


def project_name(session: Session) -> str:
    return session.scalar(select(ProjectMeta.value).where(ProjectMeta.key == "name")) or "Concord project"


def source_line(segment: Segment, attributes: dict[str, str]) -> str:
    """"Speaker — document; case P01 (role=Doctor; …); coder Lin; characters 120–340, turn 5"."""
    parts = [segment.document]
    if segment.case:
        described = "; ".join(f"{name}={value}" for name, value in attributes.items() if value)
        parts.append(f"case {segment.case}" + (f" ({described})" if described else ""))
    parts.append(f"coder {segment.coder}" + (" (consensus)" if segment.consensus else ""))
    position = f"characters {segment.start}–{segment.end}"
    if segment.turn is not None:
        position += f", turn {segment.turn + 1}"
    parts.append(position)
    speaker = f"{segment.speaker} — " if segment.speaker else ""
    return speaker + "; ".join(parts)


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
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write the coded summary; ``flt`` chooses codes, coders (or consensus), cases and attributes."""
    target = check_target(path, (".docx",), "a coded summary")
    flt = flt or SegmentFilter()
    tree = CodeTree.load(session)
    by_code: dict[int, list[Segment]] = {}
    for segment in iter_segments(session, flt, tree=tree, progress=progress, cancel=cancel):
        by_code.setdefault(segment.code_id, []).append(segment)
    total = sum(len(v) for v in by_code.values())
    attributes = case_attributes(session, list({s.case_id for v in by_code.values() for s in v}))
    definitions = {
        row.id: (row.definition, row.definition_zh)
        for row in session.execute(select(Code.id, Code.definition, Code.definition_zh))
    }
    writer = WordWriter()
    heading = title or f"{project_name(session)}: coded segments"
    set_properties(writer.document, title=heading, subject="Coded summary exported by Concord")
    writer.paragraph(heading, "Title")
    documents = len({s.document_id for v in by_code.values() for s in v})
    writer.paragraph(
        f"{total} coded segment(s) from {documents} document(s); {describe_filter(session, flt, tree)}. "
        f"Exported {datetime.now().strftime('%Y-%m-%d %H:%M')}.", "Normal",
    )
    written = 0
    shown = _codes_shown(tree, flt)
    for code_id in shown:
        check_cancel(cancel, "the summary export")
        quotes = by_code.get(code_id, [])
        if not quotes and not include_empty and not _has_quotes_below(tree, code_id, by_code):
            continue
        info = tree.codes[code_id]
        writer.heading(info.name + (f" ({info.name_zh})" if info.name_zh else ""), min(info.level, MAX_HEADING_LEVEL))
        definition, definition_zh = definitions.get(code_id, ("", ""))
        if definition:
            writer.paragraph([Run("Definition: ", bold=True), Run(definition)], "Normal")
        if definition_zh:
            writer.paragraph([Run("定义：", bold=True), Run(definition_zh)], "Normal")
        if not quotes and (flt.code_ids is None or code_id in flt.code_ids):
            writer.paragraph(Run("No coded segments.", italic=True), "Normal")
        for segment in quotes:
            writer.paragraph(segment.text, "Quote")  # the quote exactly, edge spaces and line breaks included
            writer.paragraph(source_line(segment, attributes.get(segment.case_id or -1, {})), "Caption")
            if segment.memo:
                writer.paragraph([Run("Memo: ", bold=True), Run(segment.memo)], "Normal")
            written += 1
            if written % 500 == 0:
                check_cancel(cancel, "the summary export")
                report(progress, written, total, "writing quotes")
    report(progress, written, total, "saving")
    with replaced_when_done(target) as temporary:
        writer.save(temporary)
    return ExportResult(target, "summary", written, {"codes": len(shown), "documents": documents})


def _has_quotes_below(tree: CodeTree, code_id: int, by_code: dict[int, list[Segment]]) -> bool:
    return any(by_code.get(member) for member in tree.subtree(code_id))


__all__ = ["export_summary_docx", "project_name", "source_line"]
