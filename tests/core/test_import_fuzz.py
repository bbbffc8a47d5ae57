"""Hypothesis fuzzing of the .txt and .docx importers, bounded to well under 30 s in all.

Random bytes, random Unicode (emoji, ZWJ sequences, CJK extension B, CRLF, NFD, controls) in several
encodings, built and mutated .docx packages: each file is refused with an ImportFileError naming it and the
project unchanged, or imported with units that tile its text (tests/core/import_fuzzing.py says exactly
what is checked). benchmarks/fuzz_importers.py runs the same for as long as asked.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from coding.importing.normalise import normalise_text
from coding.project import Project
from tests.core.import_fuzzing import Tally, checker, docx_files, text_files, unicode_text


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,  # sized so that the three tests take ~15 s on a 2-core machine
        deadline=3000,  # ms per case: the first Chinese text loads jieba's dictionary
        database=None,  # nothing written into the work tree
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def test_text_files_import_or_are_refused_cleanly(tmp_path: Path, import_pipelines) -> None:
    tally = Tally()
    with Project.create(tmp_path / "fuzz.concord", with_codebook=False) as project:
        check_text, _ = checker(project, tmp_path, tally)

        @fuzz_settings(150)
        @given(text_files())
        def check(case: tuple[bytes, str | None]) -> None:
            check_text(case)

        check()
    assert tally.imported and tally.refused  # both paths were exercised


def test_docx_files_import_or_are_refused_cleanly(tmp_path: Path, import_pipelines) -> None:
    tally = Tally()
    with Project.create(tmp_path / "fuzz.concord", with_codebook=False) as project:
        _, check_docx = checker(project, tmp_path, tally)

        @fuzz_settings(80)
        @given(docx_files())
        def check(case: tuple[bytes, list[str]]) -> None:
            check_docx(case)

        check()
    assert tally.imported and tally.refused


@settings(max_examples=300, deadline=None, database=None)
@given(unicode_text)
def test_normalising_twice_changes_nothing(text: str) -> None:
    """Stored text is in normal form: the import and the text hash both rely on it (a NUL between "e" and a
    combining accent left "e" + U+0301, which a second pass composed)."""
    once = normalise_text(text)
    assert normalise_text(once) == once
