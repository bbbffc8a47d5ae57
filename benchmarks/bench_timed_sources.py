"""Import speed of subtitles and survey answers at seed scale (issue 18 items 2 and 3; figures for the report).

* **SRT set**: seed 003's 55 interviews (the corpus generator's transcripts, ≈12,000 words each) written as SubRip
  files — each turn cut into cues of at most two sentences, about 3 s per ten words, the speaker named on a turn's
  first cue only — imported with ``import_paths``, next to the same 55 transcripts as .txt files (same words, same
  speakers). Both serial (``workers=1``) with spaCy loaded before the clock, so the difference is the subtitle
  reading (parsing every cue block, checking the times) and the turn times written.
* **Survey**: 500 respondents (seed 002's residents: city, age, sex, date) with three open questions of one to four
  generated sentences each, some left empty; one document per respondent, through ``import_survey``.

    python benchmarks/bench_timed_sources.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import load_average, machine_description, machine_line  # noqa: E402
from benchmarks.generate_corpus import _English, generate_document  # noqa: E402

DOCUMENTS = 55
RESPONDENTS = 500
CITIES = ("Xuzhou", "Nanjing", "Hefei", "Jinan", "Zhengzhou", "Changsha", "Wuhan", "Xi'an", "Nanchang", "Chengdu")
QUESTIONS = ("Q5 How do you evaluate the medical alliance?", "Q6 What advantages do you see?",
             "Q7 Suggestions for improvement")


def _clock(ms: int) -> str:
    seconds, milli = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{milli:03d}"


def write_srt_set(folder: Path) -> tuple[list[Path], list[Path]]:
    """The 55 transcripts as .srt and as .txt; returns (srt paths, txt paths)."""
    srt_paths, txt_paths = [], []
    for index in range(DOCUMENTS):
        document = generate_document(index)
        blocks, now, number = [], 0, 0
        by_turn: dict[int, list[str]] = {}
        for sentence in document.sentences:
            by_turn.setdefault(sentence.turn_position, []).append(document.text[sentence.start:sentence.end])
        for turn_index, turn in enumerate(document.turns):
            said = by_turn.get(turn_index, [])
            for first in range(0, len(said), 2):
                text = " ".join(said[first:first + 2])
                if first == 0:
                    text = f"{turn.speaker}: {text}"
                length = max(1000, 300 * len(text.split()))
                number += 1
                blocks.append(f"{number}\n{_clock(now)} --> {_clock(now + length)}\n{text}\n")
                now += length + 200
        srt_paths.append(folder / f"{document.name}.srt")
        srt_paths[-1].write_text("\n".join(blocks), encoding="utf-8")
        txt_paths.append(folder / document.file_name)
        txt_paths[-1].write_bytes(document.file_bytes)
    return srt_paths, txt_paths


def write_survey(path: Path) -> None:
    import openpyxl

    rng = random.Random(18)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ID", "City", "Age", "Sex", "Date", *QUESTIONS])
    for number in range(1, RESPONDENTS + 1):
        answers = [
            "" if rng.random() < 0.15 else " ".join(_English.finish(_English.statement(rng))[0]
                                                    for _ in range(rng.randint(1, 4)))
            for _ in QUESTIONS
        ]
        sheet.append([f"R{number:04d}", rng.choice(CITIES), rng.randint(18, 85), rng.choice("FM"),
                      datetime.date(2021, 5, rng.randint(1, 28)), *answers])
    workbook.save(path)


def _import_seconds(paths: list[Path], folder: Path, name: str) -> tuple[float, int, int]:
    from coding.importing import ImportOptions, import_paths
    from coding.project import Project

    project = Project.create(folder / f"{name}.concord", with_codebook=False)
    try:
        started = time.perf_counter()
        report = import_paths(project, paths, options=ImportOptions(workers=1))
        seconds = time.perf_counter() - started
    finally:
        project.close()
    assert not report.failed, report.summary
    return seconds, len(report.imported), sum(task.words for task in report.imported)


def _survey_seconds(path: Path, folder: Path, name: str) -> tuple[float, float, int]:
    from coding.importing.survey import SurveyChoice, import_survey, plan_survey, read_survey_table
    from coding.project import Project

    choice = SurveyChoice("ID", QUESTIONS, ("City", "Age", "Sex", "Date"))
    started = time.perf_counter()
    plan_survey(read_survey_table(path), choice)
    checked = time.perf_counter() - started
    project = Project.create(folder / f"{name}.concord", with_codebook=False)
    try:
        started = time.perf_counter()
        report = import_survey(project, path, choice)
        seconds = time.perf_counter() - started
    finally:
        project.close()
    return seconds, checked, len(report.report.imported)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from coding.nlp import get_pipeline

    for language in ("en", "zh"):
        get_pipeline(language)  # loaded before the clock, for both imports alike
    print(machine_line(machine_description()))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        srt_paths, txt_paths = write_srt_set(folder)
        survey = folder / "answers.xlsx"
        write_survey(survey)
        cues = sum(path.read_text(encoding="utf-8").count(" --> ") for path in srt_paths)
        _import_seconds([srt_paths[0], txt_paths[1]], folder, "warm-up")  # jieba's dictionary loads on first use
        srt_runs, txt_runs, survey_runs = [], [], []
        for run in range(args.repeat):  # alternating, so a busier moment falls on either
            srt_runs.append(_import_seconds(srt_paths, folder, f"srt{run}"))
            txt_runs.append(_import_seconds(txt_paths, folder, f"txt{run}"))
            survey_runs.append(_survey_seconds(survey, folder, f"survey{run}"))
        srt_best, txt_best = min(srt_runs), min(txt_runs)
        print(f"SRT set: {srt_best[1]} files, {cues:,} cues, {srt_best[2]:,} words: best {srt_best[0]:.2f} s "
              f"(runs {', '.join(f'{r[0]:.2f}' for r in srt_runs)}); the same transcripts as .txt: "
              f"best {txt_best[0]:.2f} s ({srt_best[0] / txt_best[0]:.0%} of it)")
        best = min(survey_runs)
        print(f"Survey: {RESPONDENTS} respondents x {len(QUESTIONS)} open questions -> {best[2]} documents: "
              f"best {best[0]:.2f} s (read and check {best[1]:.2f} s; runs {', '.join(f'{r[0]:.2f}' for r in survey_runs)})")
    print("load average " + " ".join(f"{value:.2f}" for value in load_average()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
