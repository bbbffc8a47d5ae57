"""Checks on the demo project sources in resources/demo (no spaCy, no database).

The builder (coding/demo.py) finds each coding by searching its quote in the document text, so these tests read the
transcripts the same way the importer does: .txt as written (UTF-8, LF); .docx as the body in order, one line per
paragraph and one line per table cell, joined with "\n".
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
TRANSCRIPTS = DEMO / "transcripts"

ALLOWED_CODES = {
    "Macro framework of the Preker-Harding model",
    "Decision rights",
    "Decision rights/Organizational changes",
    "Decision rights/Owner functions",
    "Market competition",
    "Market competition/Investment decision-making rights",
    "Market competition/Personnel management rights",
    "Residual claims",
    "Residual claims/Financial management rights",
    "Accountability",
    "Accountability/Social functions",
    "Accountability/Government regulations",
    # The level-2 "Social functions" alone would be ambiguous with the level-3 code of the same name.
    "Social functions/Institutional environments",
}
MODES = {"Luohu compact group", "Tianchang county community", "Pediatric specialist union", "Telemedicine network"}
INTERVIEWER_LABELS = {"Interviewer", "访谈者"}
EN_TURN = re.compile(r"^(Interviewer|R|(?:Dr|Mr|Ms|Mrs) [A-Z][a-z]+): \S")
ZH_TURN = re.compile(r"^(访谈者|受访者)：\S")
CJK = re.compile(r"[\u4e00-\u9fff]")


def docx_text(path: Path) -> str:
    """Body of a .docx in document order: a line per paragraph, a line per table cell."""
    document = docx.Document(str(path))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(cell.text for row in Table(child, document).rows for cell in row.cells)
    return "\n".join(lines)


def read_text(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8")


def transcript_paths() -> list[Path]:
    return sorted(p for p in TRANSCRIPTS.iterdir() if p.suffix in {".txt", ".docx"})


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {p.stem: read_text(p) for p in transcript_paths()}


@pytest.fixture(scope="module")
def codings() -> dict:
    return json.loads((DEMO / "codings.json").read_text(encoding="utf-8"))


def is_chinese(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if CJK.match(ch)) / len(letters) > 0.5


def turn_lines(text: str) -> list[str]:
    """Non-empty lines that should be speaker turns (skips a .docx heading and its metadata table)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and lines[0].startswith("Interview P"):
        lines = lines[5:]  # heading + 4 table cells
    return lines


def respondent_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each respondent turn's content (after the label)."""
    spans = []
    for match in re.finditer(r"^([^\n:：]{1,30})[:：] ?(.*)$", text, flags=re.M):
        if match.group(1) not in INTERVIEWER_LABELS:
            spans.append((match.start(2), match.end(2)))
    return spans


def nth_match(text: str, quote: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            return -1
    return start


def test_transcript_files_are_named_clean_and_mixed_formats():
    paths = transcript_paths()
    assert len(paths) >= 8
    assert [p.stem[:3] for p in paths] == [f"P{i:02d}" for i in range(1, len(paths) + 1)]
    assert all(re.fullmatch(r"P\d\d_[a-z]+(_[a-z]+)*", p.stem) for p in paths)
    assert Counter(p.suffix for p in paths)[".docx"] == 2
    assert not list(TRANSCRIPTS.glob("*.docx.txt"))
    for path in paths:
        if path.suffix == ".txt":
            raw = path.read_bytes()
            assert b"\r" not in raw and b"\t" not in raw, path.name
            assert raw.endswith(b"\n") and not raw.endswith(b"\n\n"), path.name
            assert not any(line != line.rstrip() for line in raw.decode("utf-8").split("\n")), path.name


def test_every_line_is_a_labelled_turn(texts):
    for name, text in texts.items():
        pattern = ZH_TURN if is_chinese(text) else EN_TURN
        lines = turn_lines(text)
        bad = [line[:40] for line in lines if not pattern.match(line)]
        assert not bad, (name, bad)
        speakers = {pattern.match(line).group(1) for line in lines}
        assert len(speakers) == 2, (name, speakers)
        assert lines[0].startswith(("Interviewer:", "访谈者：")), name


def test_docx_transcripts_have_heading_and_metadata_table():
    for path in transcript_paths():
        if path.suffix != ".docx":
            continue
        document = docx.Document(str(path))
        heading = document.paragraphs[0]
        assert heading.style.name == "Heading 1"
        mode = heading.text.split(" — ", 1)[1]
        assert heading.text == f"Interview {path.stem[:3]} — {mode}" and mode in MODES
        (table,) = document.tables
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        assert [row[0] for row in cells] == ["Date", "Mode"] and len(cells[0]) == 2
        date.fromisoformat(cells[0][1])


def test_two_chinese_transcripts_and_lengths_in_range(texts):
    chinese = sorted(name for name, text in texts.items() if is_chinese(text))
    assert len(chinese) == 2
    for name, text in texts.items():
        if name in chinese:
            # 8-15 minutes of Chinese speech: count characters, not words.
            assert 2500 <= len(re.sub(r"\s", "", text)) <= 4000, name
            assert "访谈者：" in text and "受访者：" in text
        else:
            assert not CJK.search(text), name
            assert 1300 <= len(text.split()) <= 2000, name


def test_two_interviews_per_alliance_mode():
    rows = list(csv.DictReader((DEMO / "participants.csv").open(encoding="utf-8", newline="")))
    assert Counter(row["alliance_mode"] for row in rows) == {mode: 2 for mode in MODES}


def test_participants_cover_every_transcript():
    with (DEMO / "participants.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["case", "document", "alliance_mode", "role", "gender", "interview_mode",
                                     "interview_date", "years_in_post"]
        rows = list(reader)
    assert sorted(row["document"] for row in rows) == [p.stem for p in transcript_paths()]
    assert len({row["case"] for row in rows}) == len(rows)
    for row in rows:
        assert row["document"].startswith(row["case"] + "_")
        assert row["role"].strip() and row["gender"] in {"female", "male"}
        assert row["interview_mode"] in {"in person", "phone/video"}
        assert date(2017, 11, 1) <= date.fromisoformat(row["interview_date"]) <= date(2018, 3, 31)
        assert int(row["years_in_post"]) >= 0


def test_docx_metadata_matches_participants(texts):
    rows = {row["document"]: row for row in csv.DictReader((DEMO / "participants.csv").open(encoding="utf-8"))}
    for path in transcript_paths():
        if path.suffix == ".docx":
            lines = texts[path.stem].split("\n")
            assert lines[1:5] == ["Date", rows[path.stem]["interview_date"], "Mode", rows[path.stem]["interview_mode"]]
            assert lines[0].endswith(rows[path.stem]["alliance_mode"])


def test_codings_header_and_fields(codings):
    assert codings["format"] == "concord-demo-codings" and codings["version"] == 1
    assert codings["coders"] == ["Lin", "Morgan"]
    for coding in codings["codings"]:
        assert set(coding) == {"document", "coder", "code", "quote", "occurrence", "memo"}
        assert coding["coder"] in codings["coders"]
        assert coding["code"] in ALLOWED_CODES, coding["code"]
        assert isinstance(coding["occurrence"], int) and coding["occurrence"] >= 1
        assert coding["quote"] == coding["quote"].strip() and "\n" not in coding["quote"]


def test_every_quote_is_found_inside_one_respondent_turn(texts, codings):
    spans = {name: respondent_spans(text) for name, text in texts.items()}
    for coding in codings["codings"]:
        text = texts[coding["document"]]
        start = nth_match(text, coding["quote"], coding["occurrence"])
        assert start >= 0, (coding["document"], coding["quote"][:60])
        end = start + len(coding["quote"])
        assert any(s <= start and end <= e for s, e in spans[coding["document"]]), coding["quote"][:60]


def test_both_coders_code_every_transcript(texts, codings):
    counts = Counter((c["document"], c["coder"]) for c in codings["codings"])
    for name in texts:
        for coder in codings["coders"]:
            assert 12 <= counts[(name, coder)] <= 20, (name, coder, counts[(name, coder)])
    assert {c["document"] for c in codings["codings"]} == set(texts)


def test_coders_mostly_agree_but_not_always(texts, codings):
    """Share of one coder's codings matched by the other (same code, overlapping span) is realistic."""
    spans: dict[tuple[str, str, str], list[tuple[int, int]]] = defaultdict(list)
    for c in codings["codings"]:
        start = nth_match(texts[c["document"]], c["quote"], c["occurrence"])
        spans[(c["document"], c["coder"], c["code"])].append((start, start + len(c["quote"])))
    matched = total = 0
    for (document, coder, code), own in spans.items():
        other = spans.get((document, "Morgan" if coder == "Lin" else "Lin", code), [])
        for s, e in own:
            total += 1
            matched += any(a < e and s < b for a, b in other)
    assert 0.7 <= matched / total <= 0.9
    same_extent = Counter((c["document"], c["code"], c["quote"]) for c in codings["codings"])
    assert 0 < sum(1 for n in same_extent.values() if n == 1) < len(same_extent)
    assert sum(1 for c in codings["codings"] if c["memo"]) >= 8
