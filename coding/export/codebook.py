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
from coding.export.summary import definition_lines, heading_name, project_name
from coding.export.word import Cell, Run, WordWriter, set_properties
from coding.i18n import QT_TRANSLATE_NOOP, is_chinese, translate
from models import Coding

MAX_HEADING_LEVEL = 3
RULES = (  # after the definitions (see coding.export.summary.definition_lines)
    ("include_rule", QT_TRANSLATE_NOOP("CodebookExport", "Include")),
    ("exclude_rule", QT_TRANSLATE_NOOP("CodebookExport", "Exclude")),
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
        names: list[str | Run] = [node.name, *([node.name_zh] if node.name_zh else [])]
        definitions: list[str | Run] = [text for text in (node.definition, node.definition_zh) if text]
        if is_chinese():  # the Chinese first, the English below it
            names, definitions = names[::-1], definitions[::-1]
        name = Cell(names, indent=node.level - 1, italic=not node.is_codable)
        rows.append([name, Cell(definitions), Cell([str(used.get(node.id, 0))])])
    writer.table(translate("CodebookExport", "The codebook"),
                 [translate("CodebookExport", "Code"), translate("CodebookExport", "Definition"),
                  translate("CodebookExport", "Codings")], rows, numeric_from=2,
                 note=translate("CodebookExport", "Codes are indented under the code they belong to; codes in italic "
                                "are categories only (not applied to text). Codings: passages coded with exactly that "
                                "code, all coders."))


def export_codebook_docx(session: Session, path: str | Path, *, title: str | None = None,
                         paper: str | None = None) -> ExportResult:
    """An overview table, then each code as a heading (Heading 1–3 by level) with its definitions, rules,
    example and use."""
    target = check_target(path, (".docx",), "a codebook")
    codes = _walk(codebook_tree(session))
    used = dict(session.execute(select(Coding.code_id, func.count()).group_by(Coding.code_id)).all())
    writer = WordWriter(paper=paper)
    heading = title or translate("CodebookExport", "{project}: codebook").format(project=project_name(session))
    set_properties(writer.document, title=heading, subject=translate("CodebookExport", "Codebook exported by Concord"))
    writer.paragraph(heading, "Title")
    levels = max((node.level for node in codes), default=0)
    writer.paragraph(translate("CodebookExport", "{codes} codes in {levels} level(s).").format(
        codes=len(codes), levels=levels), "Normal")
    _overview(writer, codes, used)
    for node in codes:
        writer.heading(heading_name(node.name, node.name_zh), min(node.level, MAX_HEADING_LEVEL))
        for label, text in definition_lines(node.definition, node.definition_zh):
            writer.paragraph([Run(label, bold=True), Run(text)], "Normal")
        for field, rule in RULES:
            value = getattr(node, field)
            if value:
                writer.paragraph([Run(translate("CodebookExport", "{field}: ").format(
                    field=translate("CodebookExport", rule)), bold=True), Run(value)], "Normal")
        if node.example:
            writer.paragraph([Run(translate("CodebookExport", "Example: "), bold=True)], "Normal")
            writer.paragraph(node.example, "Quote")
        writer.paragraph(Run(_details(node, used.get(node.id, 0)), italic=True, size=NOTE_PT), "Normal")
    with replaced_when_done(target) as temporary:
        writer.save(temporary)
    return ExportResult(target, "codebook", len(codes))


def _details(node: CodeNode, codings: int) -> str:
    """"level 2; 5 coding(s); shortcut 3" under a code's entry."""
    details = [translate("CodebookExport", "level {level}").format(level=node.level),
               translate("CodebookExport", "{count} coding(s)").format(count=codings)]
    if not node.is_codable:
        details.append(translate("CodebookExport", "category only (not applied to text)"))
    if node.shortcut:
        details.append(translate("CodebookExport", "shortcut {key}").format(key=node.shortcut))
    return translate("CodebookExport", "; ").join(details)


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
