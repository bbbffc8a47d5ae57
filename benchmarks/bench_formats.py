"""Import speed per source format at seed scale (issue 18 items 1 and 4; figures for the report and the docs).

Seed 003's 55 interviews (the corpus generator's transcripts, ≈12,000 words each, some in Chinese) written in every
format Concord reads: .txt, .docx (python-docx), .pdf (reportlab: A4, one column, a running header and a page
number on every page, lines wrapped by width; Chinese in a CID font), .odt (odfpy), .rtf (``\\uN`` escapes), .html
and .md — one paragraph per speaker turn. Per format: reading alone (``read_source``: what the format costs) and the
whole import (``import_paths``, serial, spaCy loaded before the clock), and what keeping the originals adds to the
project file.

    python benchmarks/bench_formats.py [--documents 55] [--formats txt,docx,pdf,odt,rtf,html,md] [--repeat 1]
    python benchmarks/bench_formats.py --compare-pdf-readers

reportlab (a test dependency) writes the PDFs. ``--compare-pdf-readers`` measures how the PDF library was chosen:
each library's word order on generated PDFs (one column; two columns drawn a row at a time; a .docx with two
justified columns made into a PDF by LibreOffice, when ``soffice`` is installed); pypdf, pdfplumber and pypdfium2
are not Concord's dependencies: ``pip install pypdf pdfplumber pypdfium2`` first.
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import load_average, machine_description, machine_line  # noqa: E402
from benchmarks.generate_corpus import GeneratedDocument, generate_document  # noqa: E402

FORMATS = ("txt", "docx", "pdf", "odt", "rtf", "html", "md")


def _turn_texts(document: GeneratedDocument) -> list[str]:
    return [document.text[turn.start:turn.end] for turn in document.turns]


def _write_txt(document: GeneratedDocument, path: Path) -> None:
    path.write_bytes(document.file_bytes)


def _write_docx(document: GeneratedDocument, path: Path) -> None:
    import docx

    written = docx.Document()
    for text in _turn_texts(document):
        written.add_paragraph(text)
    written.save(str(path))


def _write_pdf(document: GeneratedDocument, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    width, height = A4
    margin, size, leading = 56.0, 11.0, 15.0
    font = "Helvetica"
    if document.language == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    lines: list[str] = []
    for text in _turn_texts(document):
        lines += _wrapped(text, width - 2 * margin, font, size, document.language == "zh")
        lines.append("")
    canvas = Canvas(str(path), pagesize=A4)
    per_page = int((height - 2 * margin - 20) // leading)
    for page, start in enumerate(range(0, len(lines), per_page), start=1):
        canvas.setFont("Helvetica", 9)
        canvas.drawString(margin, height - 36, f"Interview {document.name}")
        canvas.drawCentredString(width / 2, 30, str(page))
        canvas.setFont(font, size)
        y = height - margin - 20
        for line in lines[start:start + per_page]:
            canvas.drawString(margin, y, line)
            y -= leading
        canvas.showPage()
    canvas.save()


def _wrapped(text: str, width: float, font: str, size: float, by_character: bool) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    # Chinese wraps between any two characters, but not inside a number or a Latin word ("2017").
    units = re.findall(r"[A-Za-z0-9]+|.", text) if by_character else text.split(" ")
    joiner = "" if by_character else " "
    lines, current = [], ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = unit
        else:
            current = candidate
    return [*lines, current] if current else lines


def _write_odt(document: GeneratedDocument, path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    written = OpenDocumentText()
    for text in _turn_texts(document):
        written.text.addElement(P(text=text))
    written.save(str(path))


def _rtf_escaped(text: str) -> str:
    pieces = []
    for character in text:
        code = ord(character)
        if character in "\\{}":
            pieces.append("\\" + character)
        elif code < 128:
            pieces.append(character)
        else:
            pieces.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(pieces)


def _write_rtf(document: GeneratedDocument, path: Path) -> None:
    body = "\\par\n".join(_rtf_escaped(text) for text in _turn_texts(document))
    path.write_text("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs22 " + body + "\\par}",
                    encoding="ascii")


def _write_html(document: GeneratedDocument, path: Path) -> None:
    paragraphs = "\n".join(f"<p>{html.escape(text)}</p>" for text in _turn_texts(document))
    path.write_text(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{document.name}</title></head>"
                    f"<body><nav>Study site</nav><h1>{document.name}</h1>\n{paragraphs}</body></html>",
                    encoding="utf-8")


def _write_md(document: GeneratedDocument, path: Path) -> None:
    path.write_text(f"# {document.name}\n\n" + "\n\n".join(_turn_texts(document)) + "\n", encoding="utf-8")


WRITERS: dict[str, Callable[[GeneratedDocument, Path], None]] = {
    "txt": _write_txt, "docx": _write_docx, "pdf": _write_pdf, "odt": _write_odt, "rtf": _write_rtf,
    "html": _write_html, "md": _write_md,
}


def write_set(folder: Path, file_format: str, documents: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(documents):
        document = generate_document(index)
        path = folder / f"{document.name}.{file_format}"
        WRITERS[file_format](document, path)
        paths.append(path)
    return paths


def _read_seconds(paths: list[Path]) -> float:
    from coding.importing.read import read_source

    started = time.perf_counter()
    for path in paths:
        read_source(path)
    return time.perf_counter() - started


def _import(paths: list[Path], project_path: Path) -> tuple[float, int, int, int]:
    """Seconds, documents imported, words, and the bytes of originals kept."""
    from sqlalchemy import func, select

    from coding.importing import ImportOptions, import_paths
    from coding.project import Project
    from models import DocumentOriginal

    project = Project.create(project_path, with_codebook=False)
    try:
        started = time.perf_counter()
        report = import_paths(project, paths, options=ImportOptions(workers=1))
        seconds = time.perf_counter() - started
        with project.session() as session:
            kept = session.scalar(select(func.coalesce(func.sum(DocumentOriginal.size), 0))) or 0
    finally:
        project.close()
    assert not report.failed, report.summary
    return seconds, len(report.imported), sum(task.words for task in report.imported), kept


# -- which PDF library reads in reading order -----------------------------------------------------------------
def _pdfminer_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    return extract_text(io.BytesIO(data), laparams=LAParams(char_margin=3.0, boxes_flow=-0.5))


def _pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pdfplumber_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pypdfium2_text(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return "\n".join(document[index].get_textpage().get_text_range() for index in range(len(document)))


PDF_READERS = {"pdfminer.six": _pdfminer_text, "pypdf": _pypdf_text, "pdfplumber": _pdfplumber_text,
               "pypdfium2": _pypdfium2_text}


def _libreoffice_pdf(turns: list[Any], folder: Path) -> bytes | None:
    """Two justified columns with a header and a page-number field: a .docx made into a PDF by LibreOffice."""
    import shutil
    import subprocess

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if shutil.which("soffice") is None:
        return None
    written = docx.Document()
    section = written.sections[0]
    columns = OxmlElement("w:cols")
    columns.set(qn("w:num"), "2")
    section._sectPr.append(columns)
    section.header.paragraphs[0].text = "Medical alliance study - interview P01"
    run = section.footer.paragraphs[0].add_run()
    for kind, text in (("begin", ""), ("", "PAGE"), ("end", "")):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = text
        run._r.append(element)
    for turn in turns:
        written.add_paragraph(f"{turn.speaker}: {turn.words}").paragraph_format.alignment = 3  # justified
    source = folder / "libreoffice.docx"
    written.save(str(source))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300)
    return (folder / "libreoffice.pdf").read_bytes()


def compare_pdf_readers() -> None:
    """Each library's word order against the spoken text (1.0: every word in place), on PDFs made for the purpose."""
    import difflib

    from tests.core import pdf_samples

    turns = pdf_samples.transcript_turns(60)
    spoken = " ".join(f"{turn.speaker}: {turn.words}" for turn in turns).split()
    with tempfile.TemporaryDirectory() as temporary:
        cases = {
            "one column": pdf_samples.one_column_pdf(turns),
            "two columns 36 pt apart, drawn row-wise": pdf_samples.two_column_pdf(turns),
            "two columns 20 pt apart, drawn row-wise": pdf_samples.two_column_pdf(turns, gutter=20),
            "two justified columns (LibreOffice)": _libreoffice_pdf(turns, Path(temporary)),
        }
        for name, data in cases.items():
            if data is None:
                print(f"{name}: skipped (no soffice)")
                continue
            scores = []
            for reader, read in PDF_READERS.items():
                try:
                    text = read(data)
                except ImportError:
                    scores.append(f"{reader} not installed")
                    continue
                text = re.sub(r"(?m)^\s*(Page )?\d+\s*$", " ", text)
                text = re.sub(r"-\n", "", text.replace(pdf_samples.HEADER, " ").replace(
                    "Medical alliance study - interview P01", " "))
                ratio = difflib.SequenceMatcher(None, spoken, text.split(), autojunk=False).ratio()
                scores.append(f"{reader} {ratio:.3f}")
            print(f"{name}: " + " | ".join(scores), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=55)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--compare-pdf-readers", action="store_true",
                        help="Only compare the word order of pdfminer.six, pypdf, pdfplumber and pypdfium2.")
    args = parser.parse_args(argv)
    if args.compare_pdf_readers:
        compare_pdf_readers()
        return 0
    from coding.nlp import get_pipeline

    for language in ("en", "zh"):
        get_pipeline(language)  # loaded before the clock, for every format alike
    print(machine_line(machine_description()))
    print(f"{'format':6} {'files MB':>8} {'read s':>7} {'import s':>8} {'docs':>4} {'words':>8} {'words/s':>8}"
          f" {'originals MB':>12} {'project MB':>10}")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for file_format in args.formats.split(","):
            paths = write_set(folder / file_format, file_format, args.documents)
            size = sum(path.stat().st_size for path in paths) / 1e6
            read = min(_read_seconds(paths) for _ in range(args.repeat))
            runs = [_import(paths, folder / f"{file_format}{run}.concord") for run in range(args.repeat)]
            seconds, imported, words, kept = min(runs)
            project_mb = (folder / f"{file_format}0.concord").stat().st_size / 1e6
            print(f"{file_format:6} {size:8.1f} {read:7.2f} {seconds:8.2f} {imported:4d} {words:8,d} "
                  f"{words / seconds:8,.0f} {kept / 1e6:12.1f} {project_mb:10.1f}", flush=True)
    print(f"load average after: {' '.join(f'{value:.2f}' for value in load_average())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
