"""Survey answers: an .xlsx or .csv sheet with one row per respondent, imported so that open answers are coded,
compared and crosstabbed like interviews.

The caller chooses the columns (:class:`SurveyChoice`): the id column names each respondent's case, attribute
columns become case attributes (number, date or text, inferred from the values as the attribute table import
does), and open-ended text columns become documents: one per respondent (each answer a turn whose speaker label is
the question's header) or one per question (each answer a turn labelled with the respondent). Empty answers are
left out. Each document opens with one metadata line naming its respondent (or question), so two respondents
with the same answers are two documents.

Everything is read and checked before anything is written; a bad sheet (merged cells, no header row, duplicate
headers, an id column with blanks or duplicates, a column that does not exist) is one :class:`ValidationError`
naming the file and the problem, and nothing changes. The write is one transaction.

Importing a respondent again follows the project's duplicate rule: a document whose text the project already
holds is skipped and reported (so the same file imported twice adds nothing); a case's attribute value that is
already set is never overwritten: a different value in the sheet is kept out and listed in the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.audit import record, record_document_import
from coding.cases import (  # the attribute-table import's own helpers: cells as text, CSV dialects, writes
    cell_text,
    read_csv_rows,
    set_document_case,
    clean_value,
    ensure_attribute,
    infer_value_type,
)
from coding.changes import Changes
from coding.errors import CancelledError, NotFoundError, ValidationError
from coding.importing.analyse import Analysis
from coding.importing.header import MetadataField
from coding.importing.language import detect_language
from coding.importing.normalise import normalise_text
from coding.importing.sentences import segment_sentences
from coding.documents import DocumentRef
from coding.importing.store import duplicate_of, normalised_text_sha256, store_document
from coding.importing.tasks import ImportReport, ImportTask
from coding.importing.turns import TurnSpan
from coding.names import clean_name
from coding.nlp import get_pipeline
from coding.progress import Cancel, Progress
from coding.project import Project
from models import Attribute, AttributeValue, Case
from coding.i18n import QT_TRANSLATE_NOOP, translate
from coding.said import said as said_text, shown as shown_text  # (``said``, ``shown`` name locals here)

PER_RESPONDENT, PER_QUESTION = "respondent", "question"
SURVEY_SUFFIXES = (".xlsx", ".csv")
MAX_SURVEY_BYTES = 50 * 1024 * 1024
MAX_LABEL_CHARS = 128  # SpeakerTurn.speaker


@dataclass(frozen=True)
class SurveyTable:
    """A sheet as read: its header names and its data rows (numbered as the spreadsheet shows them)."""

    path: Path
    sheet: str  # "" for a CSV file
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, for a chooser


@dataclass(frozen=True)
class SurveyChoice:
    case_column: str
    text_columns: tuple[str, ...]
    attribute_columns: tuple[str, ...] = ()
    per: str = PER_RESPONDENT


@dataclass(frozen=True)
class SurveyDocument:
    name: str
    case: str | None
    text: str
    turns: tuple[TurnSpan, ...]
    metadata: MetadataField
    note: str  # "respondent R001" / "question Q5" (a Said: English, and as shown)


@dataclass(frozen=True)
class SurveyAttribute:
    name: str
    value_type: str
    values: dict[str, str]  # respondent -> cleaned value ("" none)


@dataclass(frozen=True)
class SurveyPlan:
    """What an import of the sheet with this choice writes, worked out before writing."""

    table: SurveyTable
    choice: SurveyChoice
    respondents: list[str]
    attributes: list[SurveyAttribute]
    documents: list[SurveyDocument]


@dataclass
class SurveyReport:
    """The documents (as an :class:`ImportReport`, one item per document), the cases and values written."""

    report: ImportReport
    cases_added: int = 0
    values_set: int = 0
    kept_values: list[str] = field(default_factory=list)  # "R001 Age: kept 34 (the sheet says 35)"

    @property
    def changes(self) -> Changes:
        return Changes(documents=bool(self.report.imported), cases=True, attributes=True)

    @property
    def summary(self) -> str:
        kept = "".join("\n" + translate("importing", "Kept {value}").format(value=line) for line in self.kept_values)
        cases = translate("importing", "Cases added {cases}, attribute values set {values}.").format(
            cases=self.cases_added, values=self.values_set)
        return f"{self.report.summary}\n{cases}{kept}"

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.report.to_dict(), "cases_added": self.cases_added, "values_set": self.values_set,
            "kept_values": self.kept_values,
        }


# -- reading ------------------------------------------------------------------------------------------------
def read_survey_table(path: str | Path, sheet: str | None = None) -> SurveyTable:
    """The sheet's header and rows; the first sheet of a workbook unless ``sheet`` names one."""
    path = Path(path)
    if path.suffix.lower() not in SURVEY_SUFFIXES:
        raise ValidationError(translate(
            "errors", "{path}: a survey is read from an .xlsx or .csv file, not {value}").format(
            path=path, value=path.suffix or translate("importing", "this", "a file without an extension")))
    if not path.is_file():
        raise NotFoundError(translate("errors", "{path}: no such file").format(path=path))
    if path.stat().st_size > MAX_SURVEY_BYTES:
        raise ValidationError(translate(
            "errors", "{path}: over {value} MB; too large for a survey sheet").format(
            path=path, value=MAX_SURVEY_BYTES // (1024 * 1024)))
    if path.suffix.lower() == ".csv":
        if sheet:
            raise ValidationError(translate(
                "errors", "{path}: a CSV file has no sheets (--sheet {sheet!r} is for .xlsx workbooks)").format(
                path=path, sheet=sheet))
        return _table(path, "", [list(row) for row in read_csv_rows(path)], ())
    return _read_workbook(path, sheet)


def _is_value(cell: object) -> bool:
    """A number or a date: what a data row holds and a header row does not."""
    if isinstance(cell, str):
        return bool(cell) and infer_value_type([cell]) != "text"
    return isinstance(cell, (int, float, date, datetime)) and not isinstance(cell, bool)


def _read_workbook(path: Path, sheet: str | None) -> SurveyTable:
    from zipfile import BadZipFile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, data_only=True)  # not read-only: merged cells are listed
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ValidationError(translate(
            "errors", "{path}: not a readable .xlsx workbook ({exc})").format(path=path, exc=exc)) from None
    try:
        names = tuple(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise NotFoundError(translate(
                "errors", "{path}: no sheet {sheet!r} (sheets: {value})").format(
                path=path, sheet=sheet, value=', '.join(names)))
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        merged = [str(cells) for cells in worksheet.merged_cells.ranges]
        if merged:
            shown = ", ".join(merged[:5]) + (" …" if len(merged) > 5 else "")
            raise ValidationError(
                translate(
                    "errors", "{path}, sheet {title!r}: merged cells ({shown}); unmerge them so each cell holds one "
                    "value").format(path=path, title=worksheet.title, shown=shown)
            )
        cells = [list(row) for row in worksheet.iter_rows(values_only=True)]
        return _table(path, worksheet.title, cells, names)
    finally:
        workbook.close()


def _table(path: Path, sheet: str, cells: Sequence[Sequence[object]], sheets: tuple[str, ...]) -> SurveyTable:
    where = translate("importing", "{path}, sheet {sheet!r}").format(path=path, sheet=sheet) if sheet else str(path)
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if any(cell_text(c) for c in row)]
    if not numbered:
        raise ValidationError(translate("errors", "{where}: the sheet is empty").format(where=where))
    header_number, header_cells = numbered[0]
    for column, cell in enumerate(header_cells):
        if _is_value(cell):
            raise ValidationError(
                translate(
                    "errors", "{where}: no header row (row {header_number}, column {value} holds {value2!r}, a "
                    "value, not a column name); the first row must name the columns").format(
                    where=where, header_number=header_number, value=_column_letter(column), value2=cell_text(cell))
            )
    width = max(len(row) for _, row in numbered)
    headers = [" ".join(cell_text(c).split()) for c in header_cells] + [""] * (width - len(header_cells))
    body = [(n, [cell_text(c) for c in row] + [""] * (width - len(row))) for n, row in numbered[1:]]
    first_of: dict[str, int] = {}
    for column, name in enumerate(headers):
        if not name:
            if any(row[column] for _, row in body):
                raise ValidationError(
                    translate(
                        "errors", "{where}: column {value} holds values but has no name in the header row (row "
                        "{header_number})").format(
                        where=where, value=_column_letter(column), header_number=header_number)
                )
            continue
        if name.casefold() in first_of:
            raise ValidationError(
                translate(
                    "errors", "{where}: the header {name!r} appears twice (columns {value} and {value2}); each "
                    "column needs its own name").format(
                    where=where, name=name, value=_column_letter(first_of[name.casefold()]), value2=_column_letter(column))
            )
        first_of[name.casefold()] = column
    if not body:
        raise ValidationError(translate("errors", "{where}: a header row but no respondents").format(where=where))
    return SurveyTable(path, sheet, headers, body, sheets)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# -- planning -----------------------------------------------------------------------------------------------
def plan_survey(table: SurveyTable, choice: SurveyChoice) -> SurveyPlan:
    """Check the choice against the sheet and work out every case, value and document; writes nothing."""
    where = f"{table.path}, sheet {table.sheet!r}" if table.sheet else str(table.path)
    if choice.per not in (PER_RESPONDENT, PER_QUESTION):
        raise ValidationError(translate(
            "errors", "one document per {per!r}? choose {PER_RESPONDENT} or {PER_QUESTION}").format(
            per=choice.per, PER_RESPONDENT=PER_RESPONDENT, PER_QUESTION=PER_QUESTION))
    if not choice.text_columns:
        raise ValidationError(translate(
            "errors", "{where}: choose at least one text column (the open-ended answers)").format(where=where))
    id_column = _column(table, where, choice.case_column)
    text_columns = [_column(table, where, name) for name in choice.text_columns]
    attribute_columns = [_column(table, where, name) for name in choice.attribute_columns]
    _refuse_reuse(table, where, [id_column], text_columns, attribute_columns)
    respondents = _respondents(table, where, id_column)
    attributes = [_attribute(table, where, column, respondents) for column in attribute_columns]
    if choice.per == PER_RESPONDENT:
        documents = _respondent_documents(table, id_column, text_columns, respondents)
    else:
        documents = _question_documents(table, id_column, text_columns, respondents)
    return SurveyPlan(table, choice, respondents, attributes, documents)


def _column(table: SurveyTable, where: str, name: str) -> int:
    wanted = " ".join(name.split())
    folded = [i for i, header in enumerate(table.headers) if header.casefold() == wanted.casefold()]
    exact = [i for i, header in enumerate(table.headers) if header == wanted]
    found = exact or folded
    if len(found) != 1:
        known = ", ".join(repr(h) for h in table.headers if h)
        raise NotFoundError(translate(
            "errors", "{where}: no column {name!r} (columns: {known})").format(where=where, name=name, known=known))
    return found[0]


def _refuse_reuse(table: SurveyTable, where: str, *groups: Sequence[int]) -> None:
    seen: set[int] = set()
    for column in (c for group in groups for c in group):
        if column in seen:
            raise ValidationError(translate(
                "errors", "{where}: column {value!r} is chosen twice (id, text or attribute)").format(
                where=where, value=table.headers[column]))
        seen.add(column)


def _respondents(table: SurveyTable, where: str, id_column: int) -> list[str]:
    header = table.headers[id_column]
    first_row: dict[str, int] = {}
    respondents: list[str] = []
    for number, row in table.rows:
        respondent = row[id_column]
        if not respondent:
            raise ValidationError(translate(
                "errors", "{where}: row {number} has no {header!r} (every respondent needs an id)").format(
                where=where, number=number, header=header))
        try:
            clean_name(respondent, translate("names", "case name"))
        except ValidationError as exc:
            raise ValidationError(translate(
                "errors", "{where}: row {number}, {header!r}: {exc}").format(
                where=where, number=number, header=header, exc=exc)) from None
        folded = respondent.casefold()
        if folded in first_row:
            raise ValidationError(
                translate(
                    "errors", "{where}: rows {value} and {number} have the same {header!r} ({respondent!r}); one row "
                    "per respondent").format(
                    where=where, value=first_row[folded], number=number, header=header, respondent=respondent)
            )
        first_row[folded] = number
        respondents.append(respondent)
    return respondents


def _attribute(table: SurveyTable, where: str, column: int, respondents: list[str]) -> SurveyAttribute:
    try:
        name = clean_name(table.headers[column], translate("names", "attribute name"))
    except ValidationError as exc:
        raise ValidationError(translate(
            "errors", "{where}: column {value}: {exc}").format(where=where, value=_column_letter(column), exc=exc)) from None
    raw = [row[column] for _, row in table.rows]
    value_type = infer_value_type(raw)
    return SurveyAttribute(name, value_type, {r: clean_value(v, value_type) for r, v in zip(respondents, raw)})


def _respondent_documents(
    table: SurveyTable, id_column: int, text_columns: list[int], respondents: list[str]
) -> list[SurveyDocument]:
    documents: list[SurveyDocument] = []
    id_header = table.headers[id_column]
    for (_, row), respondent in zip(table.rows, respondents):
        units = [(table.headers[column], row[column]) for column in text_columns]
        document = _document(respondent, respondent, (id_header, respondent), units,
                             said_text("importing", QT_TRANSLATE_NOOP("importing", "respondent {name}"), name=respondent))
        if document is not None:
            documents.append(document)
    return documents


def _question_documents(
    table: SurveyTable, id_column: int, text_columns: list[int], respondents: list[str]
) -> list[SurveyDocument]:
    documents: list[SurveyDocument] = []
    for column in text_columns:
        question = table.headers[column]
        units = [(respondent, row[column]) for (_, row), respondent in zip(table.rows, respondents)]
        document = _document(question, None, ("Question", question), units,
                             said_text("importing", QT_TRANSLATE_NOOP("importing", "question {name}"), name=question))
        if document is not None:
            documents.append(document)
    return documents


def _document(
    name: str, case: str | None, heading: tuple[str, str], units: Iterable[tuple[str, str]], note: str
) -> SurveyDocument | None:
    """The text: a metadata line naming the respondent (or question), then one paragraph per non-empty answer,
    ``label: answer``; each answer is a turn whose speaker is its label. None when every answer is empty."""
    key, value = heading
    first_line = f"{key}: {value}"
    parts, turns = [first_line], []
    offset = len(first_line) + 2
    for label, answer in units:
        said = normalise_text(answer).strip()
        if not said:
            continue
        shown = " ".join(label.split())  # the whole question in the text; the turn's label is cut to fit its column
        paragraph = f"{shown}: {said}"
        turns.append(TurnSpan(shown[:MAX_LABEL_CHARS], offset, offset + len(shown) + 2, offset + len(paragraph)))
        parts.append(paragraph)
        offset += len(paragraph) + 2
    if not turns:
        return None
    text = "\n\n".join(parts)
    field_ = MetadataField(key[:64], value, 0, len(first_line))
    return SurveyDocument(name, case, text, tuple(turns), field_, note)


# -- writing ------------------------------------------------------------------------------------------------
def import_survey(
    project: Project,
    path: str | Path,
    choice: SurveyChoice,
    *,
    sheet: str | None = None,
    language: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SurveyReport:
    """Read, check, segment, then write the whole survey in one transaction (see the module's notes)."""
    table = read_survey_table(path, sheet)
    plan = plan_survey(table, choice)
    analyses = _analyse(plan, language, progress, cancel)
    report = SurveyReport(ImportReport([]))
    with project.session(durable=False) as session:
        _check_attribute_types(session, plan)
        cases = _write_cases(session, plan, project.actor, report)
        for document, analysis in zip(plan.documents, analyses, strict=True):
            case = cases[document.case] if document.case is not None else None
            report.report.items.append(_store(session, table.path, document, analysis, case, project.actor))
    if progress is not None:
        progress(len(plan.documents), len(plan.documents), "")
    return report


def _store(
    session: Session, path: Path, document: SurveyDocument, analysis: Analysis, case: Case | None, actor: str
) -> ImportTask:
    """One document, or its report line as a duplicate (the project's rule: the same text is not stored twice)."""
    task = ImportTask(path, note=document.note, shown_note=shown_text(document.note))
    digest = normalised_text_sha256(document.text)
    existing = duplicate_of(session, digest)
    if existing is not None:
        task.mark_skipped(f"{path}: {document.note}: skipped, already imported as {existing}", translate(
            "importing", "{path}: {document}: skipped, already imported as {existing}").format(
            path=path, document=shown_text(document.note), existing=existing))
        return task
    stored = store_document(
        session, name=document.name, text=document.text, source_name=path.name,
        format=path.suffix.lower().lstrip("."), encoding="", sha256=digest, analysis=analysis,
    )
    record_document_import(session, stored, actor=actor)
    if case is not None:
        set_document_case(session, DocumentRef(stored.id, stored.uuid, stored.name, None), case, actor)
    task.mark_imported(stored)
    return task


def _analyse(
    plan: SurveyPlan, language: str | None, progress: Progress | None, cancel: Cancel | None
) -> list[Analysis]:
    """Sentences and words of every document, before the write transaction opens (spaCy is the slow part)."""
    analyses: list[Analysis] = []
    total = len(plan.documents)
    for index, document in enumerate(plan.documents):
        if cancel is not None and cancel():
            raise CancelledError(translate(
                "errors", "{path}: survey import cancelled; nothing was imported").format(path=plan.table.path))
        if progress is not None:
            progress(index, total, shown_text(document.note))
        chosen = language or detect_language(document.text)
        segmentation = segment_sentences(document.text, document.turns, get_pipeline(chosen))
        analyses.append(
            Analysis(chosen, list(document.turns), segmentation.sentences, segmentation.word_count,
                     (document.metadata,))
        )
    return analyses


def _check_attribute_types(session: Session, plan: SurveyPlan) -> None:
    """An attribute the project has already keeps its type: every value must fit it."""
    for attribute in plan.attributes:
        known = _known_type(session, attribute)
        if known == attribute.value_type:
            continue
        for respondent, value in attribute.values.items():
            try:
                clean_value(value, known)
            except ValidationError as exc:
                raise ValidationError(
                    translate(
                        "errors", "{path}: respondent {respondent!r}, {name!r}: {exc} (the project's attribute holds "
                        "{known} values)").format(
                        path=plan.table.path, respondent=respondent, name=attribute.name, exc=exc, known=known)
                ) from None


def _known_type(session: Session, attribute: SurveyAttribute) -> str:
    """The type of the project's attribute of that name (matched ignoring letter case), else the inferred one."""
    folded = attribute.name.casefold()
    for name, value_type in session.execute(select(Attribute.name, Attribute.value_type)):
        if name.casefold() == folded:
            return str(value_type)
    return attribute.value_type


def _write_cases(session: Session, plan: SurveyPlan, actor: str, report: SurveyReport) -> dict[str, Case]:
    """Every respondent's case (added if new) and attribute values; a value already set is kept.

    Cases and values are read once up front: looking each one up by name would read every case per respondent.
    """
    attributes = [
        ensure_attribute(session, attribute.name, _known_type(session, attribute), actor=actor)
        for attribute in plan.attributes
    ]
    known = _CaseNames(list(session.scalars(select(Case))))
    stored = {(row.case_id, row.attribute_id): row.value for row in session.scalars(select(AttributeValue))}
    cases: dict[str, Case] = {}
    for respondent in plan.respondents:
        case = known.find(respondent)
        if case is None:
            case = _add_case(session, respondent, actor)
            known.add(case)
            report.cases_added += 1
        cases[respondent] = case
        for attribute, planned in zip(attributes, plan.attributes, strict=True):
            wanted = clean_value(planned.values[respondent], attribute.value_type)
            old = stored.get((case.id, attribute.id), "")
            if not wanted or old == wanted:
                continue
            if old:
                report.kept_values.append(f"{respondent} {attribute.name}: {old} (the sheet says {wanted})")
                continue
            # A value where there was none: what coding.cases writes and audits for one, without re-reading it.
            session.add(AttributeValue(case_id=case.id, attribute_id=attribute.id, value=wanted))
            record(session, actor, "set-value", "case", case.uuid, {"attribute": attribute.name, "value": ""},
                   {"attribute": attribute.name, "value": wanted})
            report.values_set += 1
    return cases


def _add_case(session: Session, name: str, actor: str) -> Case:
    """:func:`coding.cases.add_case` for a name :class:`_CaseNames` has just found free (it would read every case's
    name again, for each respondent)."""
    case = Case(name=name, description="")
    session.add(case)
    session.flush()
    record(session, actor, "add", "case", case.uuid, None, {"name": name, "description": ""})
    return case


class _CaseNames:
    """Cases by name as :func:`coding.cases.find_case` matches them: exactly, else ignoring letter case."""

    def __init__(self, cases: list[Case]) -> None:
        self.exact: dict[str, Case] = {}
        self.folded: dict[str, list[Case]] = {}
        for case in cases:
            self.add(case)

    def add(self, case: Case) -> None:
        self.exact[case.name] = case
        self.folded.setdefault(case.name.casefold(), []).append(case)

    def find(self, name: str) -> Case | None:
        folded = self.folded.get(name.casefold(), [])
        return self.exact.get(name) or (folded[0] if len(folded) == 1 else None)


__all__ = [
    "PER_QUESTION", "PER_RESPONDENT", "SURVEY_SUFFIXES", "SurveyChoice", "SurveyDocument", "SurveyPlan",
    "SurveyReport", "SurveyTable", "import_survey", "plan_survey", "read_survey_table",
]
