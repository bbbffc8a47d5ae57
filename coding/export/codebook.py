"""The codebook for a methods section or appendix: Word or JSON (re-importable).

Word: an APA-style overview table (each code indented under its parent, its definitions and how often it
was applied), then each code as a heading (Heading 1–3 by level) with its definitions, rules, example and
use; A4 or Letter (``paper``; the locale's by default) in the journal styles of :mod:`coding.export.word`.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.codebook import CodeNode, codebook_tree, export_codebook_file
from coding.export.common import ExportResult, check_target, replaced_when_done
from coding.export.journal import NOTE_PT
from coding.export.summary import project_name
from coding.export.word import Cell, Run, WordWriter, set_properties
from models import Coding

MAX_HEADING_LEVEL = 3
FIELDS = (
    ("definition", "Definition"),
    ("definition_zh", "定义"),
    ("include_rule", "Include"),
    ("exclude_rule", "Exclude"),
)


def _walk(nodes: tuple[CodeNode, ...] | list[CodeNode]) -> list[CodeNode]:
    found: list[CodeNode] = []
    for node in nodes:
        found.append(node)
        found.extend(_walk(node.children))
    return found


def _overview(writer: WordWriter, codes: list[CodeNode], used: dict[int, int]) -> None:
    """One row per code: name (Chinese name below) indented by level, definitions, codings."""
    rows = []
    for node in codes:
        name = Cell([node.name, *([node.name_zh] if node.name_zh else [])], indent=node.level - 1,
                    italic=not node.is_codable)
        definition = Cell([text for text in (node.definition, node.definition_zh) if text])
        rows.append([name, definition, Cell([str(used.get(node.id, 0))])])
    writer.table("The codebook", ["Code", "Definition", "Codings"], rows, numeric_from=2,
                 note="Codes are indented under the code they belong to; codes in italic are categories only "
                      "(not applied to text). Codings: passages coded with exactly that code, all coders.")


def export_codebook_docx(session: Session, path: str | Path, *, title: str | None = None,
                         paper: str | None = None) -> ExportResult:
    """An overview table, then each code as a heading (Heading 1–3 by level) with its definitions, rules,
    example and use."""
    target = check_target(path, (".docx",), "a codebook")
    codes = _walk(codebook_tree(session))
    used = dict(session.execute(select(Coding.code_id, func.count()).group_by(Coding.code_id)).all())
    writer = WordWriter(paper=paper)
    heading = title or f"{project_name(session)}: codebook"
    set_properties(writer.document, title=heading, subject="Codebook exported by Concord")
    writer.paragraph(heading, "Title")
    levels = max((node.level for node in codes), default=0)
    writer.paragraph(f"{len(codes)} codes in {levels} level(s).", "Normal")
    _overview(writer, codes, used)
    for node in codes:
        writer.heading(node.name + (f" ({node.name_zh})" if node.name_zh else ""), min(node.level, MAX_HEADING_LEVEL))
        for field, label in FIELDS:
            value = getattr(node, field)
            if value:
                writer.paragraph([Run(f"{label}: ", bold=True), Run(value)], "Normal")
        if node.example:
            writer.paragraph([Run("Example: ", bold=True)], "Normal")
            writer.paragraph(node.example, "Quote")
        details = [f"level {node.level}", f"{used.get(node.id, 0)} coding(s)"]
        if not node.is_codable:
            details.append("category only (not applied to text)")
        if node.shortcut:
            details.append(f"shortcut {node.shortcut}")
        writer.paragraph(Run("; ".join(details), italic=True, size=NOTE_PT), "Normal")
    with replaced_when_done(target) as temporary:
        writer.save(temporary)
    return ExportResult(target, "codebook", len(codes))


def export_codebook_json(session: Session, path: str | Path) -> ExportResult:
    """The codebook JSON that ``concord codebook PROJECT import`` reads back."""
    target = check_target(path, (".json",), "a codebook")
    with replaced_when_done(target) as temporary:
        export_codebook_file(session, temporary)
    codes = len(_walk(codebook_tree(session)))
    return ExportResult(target, "codebook", codes)


def export_codebook(session: Session, path: str | Path, *, title: str | None = None,
                    paper: str | None = None) -> ExportResult:
    """Word or JSON by the file's suffix (``paper`` for Word only)."""
    if check_target(path, (".docx", ".json"), "a codebook").suffix.lower() == ".json":
        return export_codebook_json(session, path)
    return export_codebook_docx(session, path, title=title, paper=paper)


__all__ = ["export_codebook", "export_codebook_docx", "export_codebook_json"]
