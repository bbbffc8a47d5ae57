"""`concord import PROJECT answers.xlsx --survey …`: the survey options of `import` and the branch they take
(coding/importing/survey.py does the work)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from coding.cli.common import emit, open_project
from coding.errors import ConcordError
from coding.i18n import translate

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = (
    (("--survey",), {"is_flag": True, "help": "Import survey answers: one .xlsx/.csv sheet, one row per respondent."}),
    (("--case-column",), {"metavar": "COLUMN", "help": "Survey: the respondent id column (each respondent a case)."}),
    (("--text-columns",), {"metavar": "COLUMNS", "help": "Survey: open-ended answer columns, comma-separated."}),
    (("--attribute-columns",), {"metavar": "COLUMNS", "help": "Survey: case attribute columns, comma-separated."}),
    (("--per",), {"type": click.Choice(["respondent", "question"]), "default": "respondent", "show_default": True,
                  "help": "Survey: one document per respondent (answers labelled by question) or per question."}),
    (("--sheet",), {"metavar": "NAME", "help": "Survey: the workbook's sheet (default: the first)."}),
)


def survey_options(command: F) -> F:
    for flags, settings in reversed(_OPTIONS):
        command = click.option(*flags, **settings)(command)
    return command


def _names(listed: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (listed or "").split(",") if name.strip())


def import_survey_sheet(
    project: Path, paths: tuple[Path, ...], case_column: str | None, text_columns: str | None,
    attribute_columns: str | None, per: str, sheet: str | None, as_json: bool,
) -> None:
    from coding.importing.survey import SurveyChoice, import_survey

    if len(paths) != 1:
        raise ConcordError(translate(
            "errors", "--survey imports one .xlsx or .csv file, not {value}").format(value=len(paths)))
    if not case_column or not _names(text_columns):
        raise ConcordError(translate(
            "errors", "--survey needs --case-column (the respondent id) and --text-columns (the answers)"))
    choice = SurveyChoice(case_column, _names(text_columns), _names(attribute_columns), per)
    with open_project(project) as opened:
        report = import_survey(opened, paths[0], choice, sheet=sheet)
    emit(as_json, report.to_dict(), report.summary)


__all__ = ["import_survey_sheet", "survey_options"]
