"""Writing Word documents that fit a journal template: real styles, fast for thousands of quotes.

Paragraphs use the template's own styles (Title, Heading 1–3, Quote, Caption, Normal) and tables a
built-in table style, so a journal's template restyles the export by style name. python-docx spends
about a millisecond per paragraph on bookkeeping (style look-ups, child-order checks), which makes a
10,000-quote summary take minutes; :class:`WordWriter` instead writes paragraph XML in batches and
parses each batch once, which is linear and about a hundred times faster. Small structures (tables,
section settings) still go through python-docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TABLE_STYLES = ("Light Grid Accent 1", "Table Grid")
BATCH = 2000
# Characters XML 1.0 forbids; a transcript pasted from elsewhere can hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    size: float | None = None  # points

    def xml(self) -> str:
        properties = ("<w:b/>" if self.bold else "") + ("<w:i/>" if self.italic else "")
        if self.size:
            properties += f'<w:sz w:val="{round(self.size * 2)}"/>'
        rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
        pieces = []
        for index, line in enumerate(self.text.split("\n")):
            if index:
                pieces.append("<w:br/>")
            for part_index, part in enumerate(line.split("\t")):
                if part_index:
                    pieces.append("<w:tab/>")
                if part:
                    pieces.append(f'<w:t xml:space="preserve">{xml_text(part)}</w:t>')
        return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


class WordWriter:
    """A python-docx Document plus a fast, ordered paragraph buffer."""

    def __init__(self, document: Document | None = None) -> None:
        self.document = document or docx.Document()
        self._pending: list[str] = []
        self._style_ids: dict[str, str] = {}
        self.paragraphs_written = 0

    def style_id(self, name: str) -> str:
        """The template's id for a paragraph style name ("Heading 1" -> "Heading1")."""
        if name not in self._style_ids:
            try:
                self._style_ids[name] = self.document.styles[name].style_id
            except KeyError:
                self._style_ids[name] = self.document.styles["Normal"].style_id
        return self._style_ids[name]

    def paragraph(self, content: str | Run | list[Run], style: str = "Normal") -> None:
        runs = [Run(content)] if isinstance(content, str) else [content] if isinstance(content, Run) else content
        body = "".join(run.xml() for run in runs if run.text)
        self._pending.append(f'<w:p><w:pPr><w:pStyle w:val="{self.style_id(style)}"/></w:pPr>{body}</w:p>')
        self.paragraphs_written += 1
        if len(self._pending) >= BATCH:
            self.flush()

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, f"Heading {min(max(level, 1), 9)}")

    def flush(self) -> None:
        """Move buffered paragraphs into the document body (before the final section settings)."""
        if not self._pending:
            return
        fragment = parse_xml(f'<w:body xmlns:w="{W_NAMESPACE}">{"".join(self._pending)}</w:body>')
        self._pending.clear()
        body = self.document.element.body
        section = body.sectPr
        for child in list(fragment):
            if section is not None:
                section.addprevious(child)
            else:
                body.append(child)

    def table(self, headers: list[str], rows: list[list[str | list[list[Run]]]], *, style: str | None = None,
              widths_cm: list[float] | None = None, font_size: float | None = None) -> Table:
        """A table in a built-in table style, with a header row repeated on every page.

        A cell is text, or a list of paragraphs, each a list of runs.
        """
        self.flush()
        table = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.document.styles[style or table_style(self.document)]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _repeat_header(table)
        for cell, text in zip(table.rows[0].cells, headers):
            _fill(cell, [[Run(text, bold=True, size=font_size)]])
        for row, values in zip(table.rows[1:], rows):
            for cell, value in zip(row.cells, values):
                _fill(cell, [[Run(value, size=font_size)]] if isinstance(value, str) else value)
        if widths_cm:
            from docx.shared import Cm

            for row in table.rows:
                for cell, width in zip(row.cells, widths_cm):
                    cell.width = Cm(width)
        return table

    def landscape_section(self) -> None:
        """Start a new section in landscape orientation (for wide tables)."""
        self.flush()
        from docx.enum.section import WD_SECTION

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        landscape(section)

    def save(self, path: object) -> None:
        self.flush()
        self.document.save(str(path))


def landscape(section: object) -> None:
    width, height = section.page_width, section.page_height  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.LANDSCAPE  # type: ignore[attr-defined]
    if width < height:
        section.page_width, section.page_height = height, width  # type: ignore[attr-defined]


def table_style(document: Document) -> str:
    names = {style.name for style in document.styles}
    return next((name for name in TABLE_STYLES if name in names), "Normal Table")


def _repeat_header(table: Table) -> None:
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fill(cell: object, paragraphs: list[list[Run]]) -> None:
    """Write a cell as paragraphs of runs (the first paragraph reuses the cell's empty one)."""
    for index, runs in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
        for run in runs:
            if not run.text:
                continue  # an empty cell stays truly empty (Word merges such cells cleanly)
            added = paragraph.add_run()
            for line_index, line in enumerate(_NOT_XML.sub("", run.text).split("\n")):
                if line_index:
                    added.add_break()
                if line:
                    added.add_text(line)
            added.bold, added.italic = run.bold or None, run.italic or None
            if run.size:
                added.font.size = Pt(run.size)


def set_properties(document: Document, *, title: str, subject: str = "") -> None:
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = "Concord"


__all__ = ["Run", "WordWriter", "landscape", "set_properties", "table_style", "xml_text"]
