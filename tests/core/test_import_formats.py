"""PDF, ODT, RTF, HTML and Markdown transcripts: each imports through the same stages as a .docx, with its turns,
and each bad file is refused with one message naming it while the rest of the batch goes on. Every file is
written here at test time (reportlab for PDFs, odfpy for ODT; RTF, HTML and Markdown as text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from coding.importing import ImportOptions, import_paths
from coding.importing.normalise import normalise_text
from coding.importing.read import read_source
from coding.originals import document_pages
from coding.project import Project
from models import Document, DocumentOriginal, DocumentPage, SpeakerTurn
from tests.core import pdf_samples
from tests.core.pdf_samples import Turn

TURNS = pdf_samples.transcript_turns(40)
EXPECTED_TURNS = [(turn.speaker, f"{turn.speaker}: {turn.words}") for turn in TURNS]


def _document(project: Project, name: str) -> Document:
    with project.session() as session:
        document = session.scalars(select(Document).where(Document.name == name)).one()
        session.expunge(document)
        return document


def _turn_texts(project: Project, name: str) -> list[tuple[str, str]]:
    with project.session() as session:
        document = session.scalars(select(Document).where(Document.name == name)).one()
        turns = session.scalars(
            select(SpeakerTurn).where(SpeakerTurn.document_id == document.id).order_by(SpeakerTurn.position)
        )
        return [(turn.speaker, document.text[turn.start:turn.end]) for turn in turns]


def _imported(project: Project, path: Path, options: ImportOptions | None = None) -> None:
    report = import_paths(project, [path], options=options)
    assert [task.status for task in report.items] == ["imported"], report.summary


def _failed(project: Project, path: Path, problem: str, options: ImportOptions | None = None) -> None:
    report = import_paths(project, [path], options=options)
    assert [task.status for task in report.items] == ["failed"]
    assert report.items[0].message.startswith(f"{path}: ")
    assert problem in report.items[0].message
    with project.session() as session:
        assert session.scalars(select(Document)).first() is None  # nothing stored


# -- PDF ------------------------------------------------------------------------------------------
def test_a_pdf_imports_its_turns_without_running_headers_footers_or_hyphens(import_project, tmp_path: Path) -> None:
    path = pdf_samples.write(tmp_path / "p01.pdf", pdf_samples.one_column_pdf(TURNS))
    _imported(import_project, path)
    document = _document(import_project, "p01")
    assert document.format == "pdf"
    assert _turn_texts(import_project, "p01") == EXPECTED_TURNS
    assert pdf_samples.HEADER not in document.text and "Page 2" not in document.text
    assert "-\n" not in document.text and "decentrali-" not in document.text  # words joined again


def test_pdf_pages_are_stored_with_their_spans_in_the_text(import_project, tmp_path: Path) -> None:
    data = pdf_samples.one_column_pdf(TURNS)
    path = pdf_samples.write(tmp_path / "p01.pdf", data)
    _imported(import_project, path)
    document = _document(import_project, "p01")
    with import_project.session() as session:
        pages = document_pages(session, document.id)
    drawn = pdf_samples.one_column_pages(TURNS)
    assert len(pages) == len(drawn) > 2
    assert [page.label for page in pages] == [str(n) for n in range(1, len(pages) + 1)]
    assert pages[0].start == 0 and pages[-1].end == len(document.text)
    for page, following in zip(pages, pages[1:]):
        assert page.start < page.end <= following.start
        assert document.text[page.end:following.start].strip() == ""  # only the break between them
    # Each page's text is the text drawn on it: it opens with the page's first line and ends with its last.
    for page, lines in zip(pages, drawn, strict=True):
        body = [line for line in lines if line]
        text = document.text[page.start:page.end]
        assert text.startswith(body[0].rstrip("-")) and text.endswith(body[-1].rstrip("-"))


def test_printed_page_labels_are_kept(import_project, tmp_path: Path) -> None:
    path = pdf_samples.write(tmp_path / "front.pdf", pdf_samples.one_column_pdf(TURNS, page_labels="roman"))
    _imported(import_project, path)
    with import_project.session() as session:
        labels = session.scalars(select(DocumentPage.label).order_by(DocumentPage.position)).all()
    assert labels[:4] == ["i", "ii", "1", "2"]


def test_two_columns_are_read_in_reading_order(import_project, tmp_path: Path) -> None:
    """The columns are drawn a row at a time across the page: the content stream's order interleaves them."""
    path = pdf_samples.write(tmp_path / "columns.pdf", pdf_samples.two_column_pdf(TURNS[:24]))
    _imported(import_project, path)
    assert _turn_texts(import_project, "columns") == EXPECTED_TURNS[:24]


def test_a_chinese_pdf_reads_as_chinese(import_project, tmp_path: Path) -> None:
    lines = ["访谈者：请介绍一下医联体的情况。", "受访者：我们医院是医联体的一部分，二零一七年加入。"]
    path = pdf_samples.write(tmp_path / "zh.pdf", pdf_samples.chinese_pdf(lines, running=False))
    _imported(import_project, path)
    document = _document(import_project, "zh")
    assert document.language == "zh"
    assert [speaker for speaker, _ in _turn_texts(import_project, "zh")] == ["访谈者", "受访者"]
    assert "医联体的一部分" in document.text


def test_chinese_lines_and_pages_join_without_spaces(tmp_path: Path) -> None:
    """A Chinese paragraph wraps anywhere and goes on over a page break: its pieces join with nothing between."""
    said = "我们医院是医联体的一部分，二零一七年加入以后，慢性病管理、双向转诊和人才招聘都由理事会统筹。"
    paragraphs = [f"{'访谈者' if n % 2 == 0 else '受访者'}：{said * (1 + n % 4)}第{n}段。" for n in range(14)]
    path = pdf_samples.write(tmp_path / "zh.pdf", pdf_samples.chinese_pdf(paragraphs, per_page=12))
    source = read_source(path)
    assert len(source.pages) > 3
    assert source.text == "\n\n".join(paragraphs)


def test_pdf_text_is_already_normalised_so_page_offsets_hold(tmp_path: Path) -> None:
    path = pdf_samples.write(tmp_path / "p.pdf", pdf_samples.two_column_pdf(TURNS))
    source = read_source(path)
    assert normalise_text(source.text) == source.text
    assert source.pages and source.pages[-1].end == len(source.text)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("scan.pdf", pdf_samples.scanned_pdf(), "no text layer (scanned?)"),
        ("locked.pdf", pdf_samples.encrypted_pdf("Interviewer: secret words", user_password="pw"),
         "encrypted PDF: it needs a password"),
        ("renamed.pdf", b"PK\x03\x04 a zip file named .pdf", "not a PDF file"),
        ("garbage.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF", "damaged PDF"),
        ("cut.pdf", pdf_samples.one_column_pdf(TURNS)[:1500], "damaged PDF"),
    ],
    ids=["scanned", "encrypted", "not-pdf", "malformed", "truncated"],
)
def test_bad_pdfs_are_refused_naming_the_file(import_project, tmp_path: Path, name: str, data: bytes,
                                              problem: str) -> None:
    _failed(import_project, pdf_samples.write(tmp_path / name, data), problem)


def test_an_owner_password_alone_does_not_stop_reading(import_project, tmp_path: Path) -> None:
    """Encrypted with an empty user password (printing rights only): it opens without one, so it imports."""
    data = pdf_samples.encrypted_pdf("Interviewer: how did the alliance start? P01: in 2017 we joined.",
                                     user_password="")
    _imported(import_project, pdf_samples.write(tmp_path / "rights.pdf", data))
    assert "alliance start" in _document(import_project, "rights").text


def test_too_many_pages_is_refused_with_the_limit(import_project, tmp_path: Path) -> None:
    path = pdf_samples.write(tmp_path / "long.pdf", pdf_samples.blank_pages_pdf(5))
    _failed(import_project, path, "5 pages, over the limit of 3 (raise ImportOptions.max_pages or concord import "
            "--max-pages)", ImportOptions(max_pages=3))


def test_one_bad_file_never_stops_a_batch(import_project, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    pdf_samples.write(folder / "a_good.pdf", pdf_samples.one_column_pdf(TURNS[:6]))
    pdf_samples.write(folder / "b_scan.pdf", pdf_samples.scanned_pdf())
    pdf_samples.write(folder / "c_locked.pdf", pdf_samples.encrypted_pdf("x " * 50, user_password="pw"))
    (folder / "d_page.html").write_text("<p>Interviewer: and then?</p><p>P02: we met.</p>", encoding="utf-8")
    (folder / "e_bad.rtf").write_text("not rtf at all", encoding="utf-8")
    report = import_paths(import_project, [folder])
    assert [(task.path.name, task.status) for task in report.items] == [
        ("a_good.pdf", "imported"), ("b_scan.pdf", "failed"), ("c_locked.pdf", "failed"),
        ("d_page.html", "imported"), ("e_bad.rtf", "failed"),
    ]
    assert "no text layer (scanned?)" in report.items[1].message
    assert report.items[4].message == f"{folder / 'e_bad.rtf'}: not an RTF file (it does not start with {{\\rtf; " \
        "a renamed file?)"


# -- ODT ------------------------------------------------------------------------------------------
def _write_odt(path: Path) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S, Span, Tab

    document = OpenDocumentText()
    body = document.text
    body.addElement(H(outlinelevel=1, text="Interview P03"))
    question = P(text="Interviewer: How did the ")
    question.addElement(Span(text="alliance"))
    question.addElement(S(c=3))
    question.addElement(Tab())
    question.addText("start?")
    note = Note(noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    note_body = NoteBody()
    note_body.addElement(P(text="A footnote that is not said"))
    note.addElement(note_body)
    question.addElement(note)
    body.addElement(question)
    answer = P(text="P03: In 2017.")
    answer.addElement(LineBreak())
    answer.addText("We joined then.")
    body.addElement(answer)
    items = List()
    for word in ("first", "second"):
        item = ListItem()
        item.addElement(P(text=f"a {word} point"))
        items.addElement(item)
    body.addElement(items)
    table = Table(name="Attributes")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for cells in (("Mode", "Urban"), ("Role", "Director")):
        row = TableRow()
        for value in cells:
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    body.addElement(table)
    body.addElement(P(text="Interviewer: Thank you."))
    document.save(str(path))
    return path


def test_an_odt_imports_paragraphs_lists_and_tables_in_order(import_project, tmp_path: Path) -> None:
    _imported(import_project, _write_odt(tmp_path / "p03.odt"))
    document = _document(import_project, "p03")
    assert document.format == "odt"
    assert document.text == (
        "Interview P03\n\nInterviewer: How did the alliance   \tstart?\n\nP03: In 2017.\nWe joined then.\n\n"
        "a first point\n\na second point\n\nMode\tUrban\n\nRole\tDirector\n\nInterviewer: Thank you."
    )
    assert [speaker for speaker, _ in _turn_texts(import_project, "p03")] == [
        "", "Interviewer", "P03", "Interviewer"
    ]


def test_a_spreadsheet_named_odt_is_refused(import_project, tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet

    path = tmp_path / "sheet.odt"
    OpenDocumentSpreadsheet().save(str(path))
    _failed(import_project, path, "not an OpenDocument text (application/vnd.oasis.opendocument.spreadsheet")


def test_a_broken_odt_is_refused(import_project, tmp_path: Path) -> None:
    path = tmp_path / "broken.odt"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    _failed(import_project, path, "not an .odt file")


def test_an_odt_declaring_a_dtd_is_refused_before_odfpy_reads_it(import_project, tmp_path: Path) -> None:
    """Entities are how XML hides or multiplies text (billion laughs); no office suite writes a DTD."""
    import zipfile

    path = tmp_path / "laughs.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                         '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<office:document-content>&b;'
                         '</office:document-content>')
    _failed(import_project, path, "content.xml declares a DTD (<!DOCTYPE …>), which no office suite writes; "
            "refused as unsafe")


def test_a_password_protected_odt_is_refused_as_encrypted(import_project, tmp_path: Path) -> None:
    """What LibreOffice writes with "Save with password": the manifest lists how each part was encrypted."""
    import zipfile

    path = tmp_path / "locked.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                         'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                         '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>'
                         '</manifest:manifest>')
        package.writestr("content.xml", bytes(range(256)) * 4)
    _failed(import_project, path, "encrypted .odt (saved with a password)")


# -- RTF ------------------------------------------------------------------------------------------
def _hex_escaped(text: str, codec: str) -> str:
    return "".join(f"\\'{byte:02x}" for byte in text.encode(codec))


def test_a_chinese_rtf_in_the_gbk_code_page_reads_right(import_project, tmp_path: Path) -> None:
    """What Word and WPS write for Chinese: \\ansicpg936, GBK bytes as \\'xx escapes, SimSun with \\fcharset134."""
    question, answer = "访谈者：医联体是怎么开始的？", "受访者：我们二零一七年加入，效果很好。"
    rtf = (
        r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}"
        r"{\header Running header}\f0\fs24 " + _hex_escaped(question, "gbk") + r"\par "
        + _hex_escaped(answer, "gbk") + r"{\footnote\pard A footnote}\par}"
    )
    path = tmp_path / "zh.rtf"
    path.write_bytes(rtf.encode("ascii"))
    _imported(import_project, path)
    document = _document(import_project, "zh")
    assert (document.text, document.encoding, document.language) == (f"{question}\n\n{answer}", "cp936", "zh")
    assert [speaker for speaker, _ in _turn_texts(import_project, "zh")] == ["访谈者", "受访者"]


def test_rtf_unicode_escapes_tables_and_raw_bytes(import_project, tmp_path: Path) -> None:
    rtf = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}\f0 Interviewer: \u8220?Why\u8221? the "
        "caf\xe9?\\par\n"  # a raw cp1252 byte, as older writers leave them
        r"\trowd\cellx2000\cellx4000 Mode\cell Urban\cell\row "
        r"P01: \u21307?\u32852?\u20307? works.\par}"
    )
    path = tmp_path / "mixed.rtf"
    path.write_bytes(rtf.encode("cp1252"))
    _imported(import_project, path)
    assert _document(import_project, "mixed").text == (
        "Interviewer: \u201cWhy\u201d the caf\xe9?\n\nMode\tUrban\n\nP01: 医联体 works."
    )


# -- HTML and Markdown ----------------------------------------------------------------------------
HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>Not text</title><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<script>document.write("not said")</script>
<h1>访谈  记录</h1>
<p>Interviewer: How did the <b>alliance</b>
   start?</p>
<p>P01: In 2017.<br>We joined.</p>
<ul><li>one point</li><li>another</li></ul>
<table><thead><tr><th>Mode</th><th>Role</th></tr></thead>
<tbody><tr><td>Urban</td><td><p>Director</p></td></tr></tbody></table>
<!-- a comment -->
</body></html>"""


def test_html_keeps_blocks_and_tables_and_drops_scripts_and_navigation(import_project, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML_PAGE.encode("gb18030"))
    _imported(import_project, path)
    document = _document(import_project, "page")
    assert (document.format, document.encoding) == ("html", "gb18030")
    assert document.text == (
        "访谈 记录\n\nInterviewer: How did the alliance start?\n\nP01: In 2017.\nWe joined.\n\n"
        "one point\n\nanother\n\nMode\tRole\n\nUrban\tDirector"
    )
    assert [speaker for speaker, _ in _turn_texts(import_project, "page")] == ["", "Interviewer", "P01"]


def test_markdown_is_rendered_then_read_like_html(import_project, tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# Interview P02\n\n**Interviewer:** How did it start?\nP02: In *2017*.\n\n"
        "| Mode | Role |\n|---|---|\n| Urban | Director |\n\n- one\n- two\n\n<script>x()</script>\n",
        encoding="utf-8",
    )
    _imported(import_project, path)
    document = _document(import_project, "notes")
    assert document.text == (
        "Interview P02\n\nInterviewer: How did it start?\nP02: In 2017.\n\nMode\tRole\n\nUrban\tDirector\n\n"
        "one\n\ntwo"
    )
    assert [speaker for speaker, _ in _turn_texts(import_project, "notes")] == ["", "Interviewer", "P02"]


# -- originals ------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["pdf", "odt", "rtf", "html", "md", "txt", "docx"])
def test_every_format_keeps_its_original_bytes(import_project, tmp_path: Path, suffix: str,
                                                import_make_docx) -> None:
    path = tmp_path / f"source.{suffix}"
    if suffix == "pdf":
        path.write_bytes(pdf_samples.one_column_pdf([Turn("Interviewer", "what happened next in the alliance")]))
    elif suffix == "odt":
        _write_odt(path)
    elif suffix == "rtf":
        path.write_bytes(rb"{\rtf1\ansi Interviewer: hello there\par}")
    elif suffix == "docx":
        import_make_docx(path, [("p", "Interviewer: hello from Word")])
    else:
        path.write_text("Interviewer: hello from text", encoding="utf-8")
    _imported(import_project, path)
    with import_project.session() as session:
        original = session.scalars(select(DocumentOriginal)).one()
        assert (original.filename, original.size, original.data) == (path.name, path.stat().st_size,
                                                                    path.read_bytes())
        assert original.media_type == {
            "pdf": "application/pdf", "odt": "application/vnd.oasis.opendocument.text", "rtf": "application/rtf",
            "html": "text/html", "md": "text/markdown", "txt": "text/plain",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }[suffix]
        import hashlib

        assert original.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
