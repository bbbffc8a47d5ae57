"""Subtitles (.srt, .vtt) and timed transcripts ([00:12:03] at turn starts): turns, speakers and times."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.importing import import_paths
from coding.importing.times import document_turn_times, span_times, turn_times
from coding.importing.turns import detect_turns
from coding.project import Project
from models import Document, TurnTime

SRT = """1
00:00:01,000 --> 00:00:04,000
Interviewer: How did the alliance
change your work?

2
00:00:04,500 --> 00:00:09,000
Director: We share doctors <i>now</i>.

3
00:00:09,000 --> 00:00:12,250
Patients come to us first.

4
00:00:13,000 --> 00:00:15,000
Interviewer: Thank you.
"""

VTT = """WEBVTT

NOTE recorded in Xuzhou, 2021

intro
00:00:01.000 --> 00:00:04.000
<v Interviewer>How did the alliance start?</v>

00:00:04.000 --> 00:00:08.000
<v Dr Li>The county hospital led it.

00:00:08.000 --> 00:00:11.500
<v Dr Li>Then the township clinics joined.

00:01:02.000 --> 00:01:05.000
<v.loud Interviewer>And the patients?
"""


def _timed(project: Project, name: str) -> list[tuple[int, str, int, int | None]]:
    with project.session() as session:
        document = session.scalars(select(Document).where(Document.name == name)).one()
        return document_turn_times(session, document.id)


def _text(project: Project, name: str) -> str:
    with project.session() as session:
        return session.scalars(select(Document.text).where(Document.name == name)).one()


def test_srt_speaker_lines_merge_consecutive_cues_and_keep_cue_times(
    import_project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "director.srt"
    path.write_text(SRT, encoding="utf-8")
    report = import_paths(import_project, [path])
    assert [task.status.value for task in report.items] == ["imported"]
    assert _text(import_project, "director") == (
        "[00:00:01] Interviewer: How did the alliance change your work?\n\n"
        "[00:00:04] Director: We share doctors now. Patients come to us first.\n\n"
        "[00:00:13] Interviewer: Thank you."
    )
    # A cue without a label continues the speaker before it; the turn ends with its last cue.
    assert _timed(import_project, "director") == [
        (0, "Interviewer", 1000, 4000), (1, "Director", 4500, 12250), (2, "Interviewer", 13000, 15000),
    ]


def test_vtt_voices_become_speakers(import_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "li.vtt"
    path.write_text(VTT, encoding="utf-8")
    import_paths(import_project, [path])
    assert _timed(import_project, "li") == [
        (0, "Interviewer", 1000, 4000), (1, "Dr Li", 4000, 11500), (2, "Interviewer", 62000, 65000),
    ]
    assert "[00:00:04] Dr Li: The county hospital led it. Then the township clinics joined." in _text(
        import_project, "li"
    )


def test_cues_without_any_speaker_are_a_turn_each(import_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "plain.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:02,500 --> 00:00:03,000\nYes.\n")
    import_paths(import_project, [path])
    assert _timed(import_project, "plain") == [(0, "", 1000, 2000), (1, "", 2500, 3000)]


BAD_FILES = {
    "reversed.srt": (
        "1\n00:00:01,000 --> 00:00:02,000\nA: one\n\n2\n00:00:05,000 --> 00:00:04,000\nB: two\n",
        "cue 2: ends (00:00:04.000) before it starts (00:00:05.000)",
    ),
    "overlap.srt": (
        "1\n00:00:01,000 --> 00:00:06,000\nA: one\n\n2\n00:00:05,000 --> 00:00:08,000\nB: two\n",
        "cue 2: starts at 00:00:05.000, before cue 1 ends (00:00:06.000)",
    ),
    "garbled.srt": (
        "1\n00:00:01,000 --> 00:00:02,000\nA: one\n\n2\n00:00:03 -> soon\nB: two\n",
        "cue 2: malformed cue block ('2')",
    ),
    "garbled.vtt": (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: one\n\nnot a cue\nat all\n",
        "cue 2: malformed cue block ('not a cue')",
    ),
    "nohead.vtt": ("00:00:01.000 --> 00:00:02.000\nA: one\n", "not a WebVTT file"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_subtitle_file_is_refused_by_cue_and_the_batch_goes_on(
    import_project: Project, tmp_path: Path, import_counts: Callable[[], dict[str, int]], name: str
) -> None:
    content, problem = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    good = tmp_path / "good.srt"
    good.write_text(SRT, encoding="utf-8")
    report = import_paths(import_project, [bad, good])
    failed, imported = report.items
    assert failed.status.value == "failed"
    assert failed.message.startswith(f"{bad}: ") and problem in failed.message
    assert imported.status.value == "imported"
    assert import_counts()["documents"] == 1


@pytest.mark.parametrize(
    ("transcript", "expected"),
    [
        ("[00:12:03] Interviewer: Hello.\n\n[00:12:40] Doctor: Hi.\n", [("Interviewer", 723000, 760000),
                                                                       ("Doctor", 760000, None)]),
        ("00:00:05 Interviewer: Bare.\n00:01:00 - Doctor: Dash.\n", [("Interviewer", 5000, 60000),
                                                                    ("Doctor", 60000, None)]),
        ("[12:03] Q: Minutes only.\n[12:30.5] A: Fraction.\n", [("Q", 723000, 750500), ("A", 750500, None)]),
        ("[01:02:03]\nInterviewer: Stamp alone on its line.\n", [("Interviewer", 3723000, None)]),
    ],
)
def test_timestamps_at_turn_starts_open_timed_turns(transcript: str, expected: list[tuple[str, int, int | None]]) -> None:
    turns = detect_turns(transcript)
    assert [(turns[i].speaker, start, end) for i, start, end in turn_times(transcript, turns)] == expected


def test_clock_times_inside_speech_are_not_timestamps() -> None:
    text = "Interviewer: When?\nDoctor: We met\n10:30 at the hospital, then 12:03:00 later.\n"
    turns = detect_turns(text)
    assert [turn.speaker for turn in turns] == ["Interviewer", "Doctor"]
    assert turn_times(text, turns) == []


def test_a_timed_docx_transcript_keeps_its_times(
    import_project: Project, tmp_path: Path, import_make_docx: Callable[..., Path]
) -> None:
    path = import_make_docx(
        tmp_path / "timed.docx",
        [("p", "[00:00:10] Interviewer: Tell me about the referrals."),
         ("p", "[00:00:25] Doctor: They go up, rarely down."), ("p", "Patients stay at the big hospital.")],
    )
    import_paths(import_project, [path])
    assert _timed(import_project, "timed") == [(0, "Interviewer", 10000, 25000), (1, "Doctor", 25000, None)]
    with import_project.session() as session:
        document = session.scalars(select(Document).where(Document.name == "timed")).one()
        end = len(document.text)
        assert span_times(session, document.id, end - 10, end) == (25000, None)
        assert span_times(session, document.id, 5, end) == (10000, None)


def test_an_untimed_transcript_gets_no_turn_times(import_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Interviewer: Hello.\nDoctor: Hi.\n", encoding="utf-8")
    import_paths(import_project, [path])
    with import_project.session() as session:
        assert session.scalars(select(TurnTime)).all() == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_segment_exports_gain_time_columns_for_timed_documents(
    import_project: Project, tmp_path: Path, suffix: str
) -> None:
    import csv

    import openpyxl

    from coding.codebook.operations import add_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.export.segments import BASE_COLUMNS, TIME_COLUMNS, export_segments

    subtitles, plain = tmp_path / "director.srt", tmp_path / "plain.txt"
    subtitles.write_text(SRT, encoding="utf-8")
    plain.write_text("Interviewer: No times here.\n", encoding="utf-8")
    import_paths(import_project, [subtitles, plain])
    with import_project.session() as session:
        code = add_code(session, "Referral", actor="Lin")
        coder = get_or_create_coder(session, "Lin", actor="Lin")
        for document in session.scalars(select(Document)):
            start = document.text.index("No times") if document.name == "plain" else document.text.index("share")
            end = len(document.text) if document.name == "plain" else document.text.index("Thank")
            apply_code(session, document_id=document.id, coder_id=coder.id, code_id=code.id, start=start, end=end,
                       actor="Lin")
    target = tmp_path / f"segments{suffix}"
    with import_project.session() as session:
        export_segments(session, target)
    if suffix == ".csv":
        with target.open(encoding="utf-8-sig", newline="") as handle:
            rows: list[list[object]] = [list(row) for row in csv.reader(handle)]
    else:
        rows = [[c.value for c in row] for row in openpyxl.load_workbook(target).active.iter_rows()]
    assert rows[0] == [*BASE_COLUMNS, *TIME_COLUMNS]
    times = {row[2]: [value or "" for value in row[-2:]] for row in rows[1:]}
    # From the Director's turn into the last Interviewer turn: 00:00:04.500 to that turn's end.
    assert times == {"director": ["00:00:04.500", "00:00:15.000"], "plain": ["", ""]}


def test_subtitles_and_a_survey_import_alike_on_both_engines(
    project_location: str, tmp_path: Path, import_pipelines: dict[str, object]
) -> None:
    from coding.cases import attribute_value
    from coding.importing.survey import import_survey
    from tests.core.test_import_survey import CHOICE, write_survey

    subtitles = tmp_path / "li.vtt"
    subtitles.write_text(VTT, encoding="utf-8")
    with Project.create(project_location, with_codebook=False) as project:
        import_paths(project, [subtitles])
        report = import_survey(project, write_survey(tmp_path / "answers.xlsx"), CHOICE)
        assert len(report.report.imported) == 3
        assert _timed(project, "li")[1] == (1, "Dr Li", 4000, 11500)
        with project.session() as session:
            assert attribute_value(session, "R004", "Age") == "29"
        again = import_survey(project, tmp_path / "answers.xlsx", CHOICE)
        assert [task.status.value for task in again.report.items] == ["skipped"] * 3
