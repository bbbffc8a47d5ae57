"""The text of an HTML page or a Markdown file: Markdown is rendered to HTML by markdown-it-py (CommonMark, with
tables, a line break kept where the file breaks a line), then both take the same lxml path.

As for a .docx: paragraphs, headings, list items and other blocks in document order, one block each, a blank line
between, and each table row as one block of tab-separated cells. Left out: scripts, styles, navigation, forms'
controls, embedded frames and objects, comments. Whitespace collapses as a browser collapses it, except in <pre>.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree, html

from coding.errors import ImportFileError
from coding.importing.options import ImportOptions, raise_hint
from coding.importing.sources import ReadText, join_blocks
from coding.i18n import translate

_SKIPPED = frozenset({
    "script", "style", "nav", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math",
    "select", "button", "input", "textarea", "canvas", "audio", "video", "map",
})
_BLOCKS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "div", "section", "article", "main",
    "aside", "figure", "figcaption", "address", "ul", "ol", "dl", "body", "html", "header", "footer", "hr",
    "details", "summary", "fieldset", "legend", "caption", "center", "form",
})
_CELLS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_LINE_BREAK = "\x00"  # stands for <br> while whitespace collapses (never in parsed text: lxml drops NULs)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Labels HTML pages declare, as WHATWG's encoding standard reads them (a superset of what the label says).
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252",
                    "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "big5": "big5hkscs",
                    "shift_jis": "cp932", "sjis": "cp932", "euc-kr": "cp949"}


def read_html(path: Path, data: bytes, options: ImportOptions) -> ReadText:
    source, encoding = _decoded(path, data, options)
    return ReadText(join_blocks(_blocks(path, source)), encoding)


def read_markdown(path: Path, data: bytes, options: ImportOptions) -> ReadText:
    from markdown_it import MarkdownIt

    from coding.importing.read import decode_text

    decoded = decode_text(path, data, options.encoding)
    if len(decoded.text) > options.max_chars:
        raise ImportFileError(path, translate(
            "errors", "holds {value:,} characters, over the limit of {max_chars:,} ({value2})").format(
            value=len(decoded.text), max_chars=options.max_chars, value2=raise_hint('max_chars')))
    # breaks: a line break in the file stays one (a transcript's "Q: …" / "A: …" lines are turns).
    rendered = MarkdownIt("commonmark", {"breaks": True, "html": True}).enable("table").render(decoded.text)
    return ReadText(join_blocks(_blocks(path, rendered)), decoded.encoding)


def _decoded(path: Path, data: bytes, options: ImportOptions) -> tuple[str, str]:
    """The page's text: in the encoding the user chose, else a byte-order mark's, else its <meta charset>,
    else UTF-8 or a clear guess (coding.importing.encodings)."""
    from coding.importing.read import decode_text

    declared = _declared_charset(data)
    if options.encoding is None and declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                                      codecs.BOM_UTF16_BE)):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the page says one thing and is another: read it as a text file is read
    decoded = decode_text(path, data, options.encoding)
    return decoded.text, decoded.encoding


def _declared_charset(data: bytes) -> str:
    found = _META_CHARSET.search(data[:8192])
    if found is None:
        return ""
    label = found.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return ""


def _blocks(path: Path, source: str) -> list[str]:
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        root = html.document_fromstring(_XML_DECLARATION.sub("", source, count=1), parser=parser)
    except (etree.ParserError, ValueError) as exc:  # e.g. "Document is empty"
        raise ImportFileError(path, translate("errors", "no text to import ({exc})").format(exc=exc)) from None
    collected = _Collector()
    collected.walk(root)
    collected.flush()
    return collected.blocks


@dataclass
class _Collector:
    """Blocks of text from an element tree: inline text gathers in ``pieces`` until a block starts or ends."""

    blocks: list[str] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""  # comments and entities have no str tag
        if not tag or tag in _SKIPPED:
            return
        if tag == "br":
            self.pieces.append(_LINE_BREAK)
        elif tag == "pre":
            self.flush()
            self.blocks.append(element.text_content())
        elif tag == "table":
            self.flush()
            self.blocks.extend(_rows(element))
        elif tag in _BLOCKS:
            self.flush()
            self._children(element)
            self.flush()
        else:
            self._children(element)

    def _children(self, element: Any) -> None:
        self.pieces.append(element.text or "")
        for child in element:
            self.walk(child)
            self.pieces.append(child.tail or "")

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.pieces))
        self.pieces.clear()
        lines = (line.strip() for line in text.split(_LINE_BREAK))
        block = "\n".join(lines).strip()
        if block:
            self.blocks.append(block)


def _rows(table: Any) -> list[str]:
    rows = []
    for child in table:
        if child.tag in _ROW_GROUPS:
            rows.extend(_rows(child))
        elif child.tag == "tr":
            rows.append("\t".join(_cell_text(cell) for cell in child if cell.tag in _CELLS))
        elif child.tag == "caption":
            rows.append(_cell_text(child))
    return rows


def _cell_text(cell: Any) -> str:
    collected = _Collector()
    collected._children(cell)
    collected.flush()
    return " ".join(block.replace("\n", " ") for block in collected.blocks)


__all__ = ["read_html", "read_markdown"]
