"""Writing Word documents a journal takes: real styles, one font family, A4 or Letter, three-line tables.

Paragraphs use the template's own styles (Title, Heading 1–3, Quote, Caption, Normal), restyled here to one
family (:mod:`coding.fonts`: a Latin font and its East Asian companion in ``w:eastAsia``) in the sizes of
:mod:`coding.export.journal`, in black, so a journal's template restyles the export by style name. Every run
also names the fonts itself, so text pasted elsewhere keeps them. Tables are APA-style three-line tables
("Table 1" in bold, the title in italic above it, a "Note." below) whose column widths come from their content,
so no word breaks mid-word.

python-docx spends about a millisecond per paragraph on bookkeeping (style look-ups, child-order checks), which
makes a 10,000-quote summary take minutes; :class:`WordWriter` instead writes paragraph XML in batches and
parses each batch once, which is linear and about a hundred times faster. Tables and section settings still go
through python-docx.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.section import Section
from docx.table import Table, _Cell
from docx.text.run import Run as DocxRun
from lxml import etree

from coding.export.journal import (
    BODY_PT,
    CELL_MARGIN_CM,
    HEADING_PT,
    INDENT_CM,
    MARGIN_CM,
    NOTE_PT,
    PAPER_TWIPS,
    TABLE_PT,
    TITLE_PT,
    check_paper,
    column_widths,
    text_width_cm,
    unbreakable_words,
    usable_width_cm,
)
from coding.fonts import DOCX_EAST_ASIA_FONT, DOCX_EAST_ASIA_LANGUAGE, DOCX_LATIN_FONT
from coding.i18n import translate

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BATCH = 2000
# Characters XML 1.0 forbids; a transcript pasted from elsewhere can hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FONTS_XML = (f'<w:rFonts w:ascii="{DOCX_LATIN_FONT}" w:hAnsi="{DOCX_LATIN_FONT}" '
              f'w:eastAsia="{DOCX_EAST_ASIA_FONT}" w:cs="{DOCX_LATIN_FONT}"/>')


def xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    size: float | None = None  # points

    def xml(self) -> str:
        properties = _FONTS_XML + ("<w:b/>" if self.bold else "") + ("<w:i/>" if self.italic else "")
        if self.size:
            properties += f'<w:sz w:val="{round(self.size * 2)}"/><w:szCs w:val="{round(self.size * 2)}"/>'
        pieces = []
        for index, line in enumerate(self.text.split("\n")):
            if index:
                pieces.append("<w:br/>")
            for part_index, part in enumerate(line.split("\t")):
                if part_index:
                    pieces.append("<w:tab/>")
                if part:
                    pieces.append(f'<w:t xml:space="preserve">{xml_text(part)}</w:t>')
        return f"<w:r><w:rPr>{properties}</w:rPr>{''.join(pieces)}</w:r>"


@dataclass
class Cell:
    """A table cell: one paragraph of lines (joined by line breaks), indented by ``indent`` levels.

    A text line is in the table size, in the cell's bold/italic; a :class:`Run` line brings its own size and
    emphasis (the cell's emphasis added).
    """

    lines: list[str | Run] = field(default_factory=list)
    indent: int = 0
    italic: bool = False
    bold: bool = False

    def runs(self) -> list[Run]:
        return [Run(line, self.bold, self.italic, TABLE_PT) if isinstance(line, str)
                else Run(line.text, line.bold or self.bold, line.italic or self.italic, line.size or TABLE_PT)
                for line in self.lines]


class WordWriter:
    """A python-docx Document on A4 or Letter in the journal styles, plus a fast, ordered paragraph buffer."""

    def __init__(self, document: Document | None = None, *, paper: str | None = None,
                 landscape: bool = False) -> None:
        self.document = document or docx.Document()
        self.paper = check_paper(paper)
        self.landscape = landscape
        setup_page(self.document.sections[0], self.paper, landscape)
        apply_journal_styles(self.document)
        self._pending: list[str] = []
        self._style_ids: dict[str, str] = {}
        self.paragraphs_written = 0
        self.tables_written = 0

    @property
    def usable_cm(self) -> float:
        return usable_width_cm(self.paper, self.landscape)

    def style_id(self, name: str) -> str:
        """The template's id for a paragraph style name ("Heading 1" -> "Heading1")."""
        if name not in self._style_ids:
            try:
                self._style_ids[name] = self.document.styles[name].style_id
            except KeyError:
                self._style_ids[name] = self.document.styles["Normal"].style_id
        return self._style_ids[name]

    def paragraph(self, content: str | Run | list[Run], style: str = "Normal", *, keep_with_next: bool = False,
                  ) -> None:
        runs = [Run(content)] if isinstance(content, str) else [content] if isinstance(content, Run) else content
        body = "".join(run.xml() for run in runs if run.text)
        keep = "<w:keepNext/>" if keep_with_next else ""
        self._pending.append(f'<w:p><w:pPr><w:pStyle w:val="{self.style_id(style)}"/>{keep}</w:pPr>{body}</w:p>')
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

    def table(self, title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, note: str = "",
              numeric_from: int | None = None) -> Table:
        """An APA-style table numbered in order: "Table N" (bold) and ``title`` (italic) above, three rules,
        widths from the content filling the text width, the header row repeated on each page, "Note." below."""
        self.tables_written += 1
        self.paragraph(Run(translate("WordExport", "Table {number}").format(number=self.tables_written), bold=True),
                       keep_with_next=True)
        self.paragraph(Run(title, italic=True), keep_with_next=True)
        self.flush()
        header_cells = [Cell([text]) for text in headers]
        widths = table_widths([header_cells, *rows], self.usable_cm, numeric_from)
        table: Table = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        centred_from = len(headers) if numeric_from is None else numeric_from
        for docx_row, cells in zip(table.rows, [header_cells, *rows], strict=True):
            for index, (docx_cell, content) in enumerate(zip(docx_row.cells, cells, strict=True)):
                _fill_cell(docx_cell, content, centred=index >= centred_from)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        three_line(table)
        if note:
            self.paragraph([Run(translate("WordExport", "Note. "), italic=True, size=NOTE_PT), Run(note, size=NOTE_PT)],
                           "Normal")
        return table

    def landscape_section(self) -> None:
        """Start a new section in landscape orientation (for wide tables)."""
        self.flush()
        from docx.enum.section import WD_SECTION

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        setup_page(section, self.paper, landscape=True)
        self.landscape = True

    def save(self, path: object) -> None:
        self.flush()
        self.document.save(str(path))


# -- page and styles -------------------------------------------------------------------------------


def setup_page(section: Section, paper: str, landscape: bool = False) -> None:
    """A4 or Letter (portrait or landscape) with 2.54 cm margins."""
    width, height = PAPER_TWIPS[paper]
    if landscape:
        width, height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(width), Twips(height)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(MARGIN_CM)


# name: (size, bold, italic, space before, space after, centred)
_STYLES: dict[str, tuple[float, bool | None, bool | None, float, float, bool]] = {
    "Normal": (BODY_PT, None, None, 0, 6, False),
    "Title": (TITLE_PT, True, False, 0, 12, True),
    "Heading 1": (HEADING_PT[0], True, False, 18, 6, False),
    "Heading 2": (HEADING_PT[1], True, False, 12, 4, False),
    "Heading 3": (HEADING_PT[2], True, True, 10, 3, False),
    "Quote": (BODY_PT, False, False, 6, 0, False),
    "Caption": (NOTE_PT, False, False, 0, 8, False),
    "List Bullet": (BODY_PT, None, None, 0, 2, False),
}


def apply_journal_styles(document: Document) -> None:
    """One font family (Latin and East Asian), the journal sizes, black text, no theme fonts or colours."""
    _add_styles(document)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for properties in defaults.iter(qn("w:rPr")):
            _set_fonts(properties)
            language = properties.find(qn("w:lang"))
            if language is not None:  # Chinese punctuation and line breaking for East Asian text
                language.set(qn("w:eastAsia"), DOCX_EAST_ASIA_LANGUAGE)
    for fonts in document.styles.element.iter(qn("w:rFonts")):  # every style, not only those we use
        _set_fonts(fonts.getparent())
    for style in document.styles.element.iter(qn("w:style")):
        if "Hyperlink" not in (style.get(qn("w:styleId")) or ""):
            for colour in style.iter(qn("w:color")):
                colour.set(qn("w:val"), "000000")
                _drop_theme_colour(colour.getparent())
    for name, (size, bold, italic, before, after, centred) in _STYLES.items():
        try:
            style = document.styles[name]
        except KeyError:
            continue
        _set_fonts(style.element.get_or_add_rPr())
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        _drop_theme_colour(style.element.get_or_add_rPr())
        if bold is not None:
            style.font.bold = bold
        if italic is not None:
            style.font.italic = italic
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        if centred:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if name in ("Quote", "Caption"):  # APA block quotation, indented 1.27 cm, its source line beneath it
            style.paragraph_format.left_indent = Cm(1.27)
        borders = style.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
        if borders is not None:  # the template's Title has a coloured rule under it
            borders.getparent().remove(borders)


def _add_styles(document: Document) -> None:
    """Styles the templates lack: "Bibliography" (APA hanging indent) and "Compact" (small, tight lines)."""
    from docx.enum.style import WD_STYLE_TYPE

    names = {style.name for style in document.styles}
    if "Bibliography" not in names:
        style = document.styles.add_style("Bibliography", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.paragraph_format.left_indent = Cm(1.27)
        style.paragraph_format.first_line_indent = Cm(-1.27)
    if "Compact" not in names:
        style = document.styles.add_style("Compact", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(NOTE_PT)
        style.paragraph_format.space_after = Pt(1)


def _set_fonts(properties: etree._Element) -> None:
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute, font in (("w:ascii", DOCX_LATIN_FONT), ("w:hAnsi", DOCX_LATIN_FONT),
                            ("w:eastAsia", DOCX_EAST_ASIA_FONT), ("w:cs", DOCX_LATIN_FONT)):
        fonts.set(qn(attribute), font)


def _drop_theme_colour(properties: etree._Element) -> None:
    colour = properties.find(qn("w:color"))
    if colour is not None:
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attribute), None)


def set_run_fonts(run: DocxRun) -> None:
    """Name the fonts on a python-docx run (for text written outside :class:`WordWriter`)."""
    _set_fonts(run._r.get_or_add_rPr())


def landscape(section: Section) -> None:
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    if width is not None and height is not None and width < height:
        section.page_width, section.page_height = height, width


# -- three-line tables -----------------------------------------------------------------------------


def table_widths(rows: Sequence[Sequence[Cell]], usable_cm: float, numeric_from: int | None = None) -> list[float]:
    """Column widths in cm for ``rows`` (the header row first): see :func:`journal.column_widths`."""
    floors, wants = column_floor_and_want(rows)
    return column_widths(floors, wants, usable_cm, numeric_from)


def column_floor_and_want(rows: Sequence[Sequence[Cell]]) -> tuple[list[float], list[float]]:
    """Per column: the width of its longest unbreakable word and of its longest line, in cm (with padding).

    Headers may wrap between words, so a header's longest word counts, never its whole line.
    """
    padding = 2 * CELL_MARGIN_CM + 0.05
    n = max((len(row) for row in rows), default=0)
    floors, wants = [0.0] * n, [0.0] * n
    for row in rows:
        for i, cell in enumerate(row):
            extra = INDENT_CM * cell.indent + padding
            for run in cell.runs():
                size = run.size or TABLE_PT
                for line in run.text.split("\n"):
                    wants[i] = max(wants[i], text_width_cm(line, size, run.bold) + extra)
                    word = max(text_width_cm(piece, size, run.bold) for piece in unbreakable_words(line))
                    floors[i] = max(floors[i], word + extra)
    return floors, wants


def _fill_cell(cell: _Cell, content: Cell, centred: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(1)
    if content.indent:
        paragraph.paragraph_format.left_indent = Cm(INDENT_CM * content.indent)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = [(run, line) for run in content.runs() if run.text for line in _NOT_XML.sub("", run.text).split("\n")]
    for index, (run, line) in enumerate(lines):
        added = paragraph.add_run()
        if index:  # each line after a line break, in its own run so every run names its font and size
            added.add_break()
        added.add_text(line)
        set_run_fonts(added)
        added.font.size = Pt(run.size or TABLE_PT)
        added.bold, added.italic = run.bold or None, run.italic or None


def _border(element: etree._Element, edges: dict[str, int]) -> None:
    """Set the single-line borders of a table or cell property element (size in eighths of a point; 0 = none)."""
    tag = "w:tblBorders" if etree.QName(element).localname == "tblPr" else "w:tcBorders"
    borders = element.find(qn(tag))
    if borders is None:
        borders = OxmlElement(tag)
        element.append(borders)
    for edge, size in edges.items():
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single" if size else "nil")
        if size:
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), "000000")
        borders.append(line)


def three_line(table: Table) -> None:
    """APA: a rule above the header, one below it and one below the last row; no vertical lines, no shading;
    fixed layout so the widths hold; the header repeats on each page; a row stays on one page."""
    properties: etree._Element = table._tbl.tblPr  # appended to as a plain element
    style = properties.find(qn("w:tblStyle"))
    if style is not None:  # the template's "Normal Table" only; no style brings shading or grid lines
        properties.remove(style)
    _border(properties, {"top": 8, "left": 0, "bottom": 8, "right": 0, "insideH": 0, "insideV": 0})
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(round(CELL_MARGIN_CM / 2.54 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for cell in table.rows[0].cells:
        _border(cell._tc.get_or_add_tcPr(), {"bottom": 4})
    header: etree._Element = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    _schema_order(properties)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")


def _schema_order(properties: etree._Element) -> None:
    """Put table properties in the order the OOXML schema requires (Word and LibreOffice ignore them otherwise)."""
    children = list(properties)
    rank = {name: i for i, name in enumerate(_TBLPR_ORDER)}
    children.sort(key=lambda child: rank.get(etree.QName(child).localname, len(rank)))
    for child in children:
        properties.remove(child)
        properties.append(child)


def set_properties(document: Document, *, title: str, subject: str = "") -> None:
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = "Concord"


__all__ = ["Cell", "Run", "WordWriter", "apply_journal_styles", "column_floor_and_want", "landscape",
           "set_properties", "set_run_fonts", "setup_page", "table_widths", "three_line", "xml_text"]
