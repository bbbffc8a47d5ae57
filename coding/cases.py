"""Cases (participants), the documents that belong to them, and their attributes (add, rename, delete).

Attribute values are stored as text and validated by the attribute's ``value_type``: numbers must
parse, dates are ISO ``yyyy-mm-dd``, booleans are "true"/"false". An attribute table (.csv or .xlsx)
is read and checked completely before anything is written, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from coding import versions
from coding.audit import record
from coding.changes import NOTHING, Changes
from coding.conflicts import quoted
from coding.documents import DocumentRef, document_refs, resolve_document
from coding.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from coding.names import clean_name, known_names
from coding.removal import RowSnapshot, delete_rows, restore_rows, snapshot_rows
from models import Attribute, AttributeValue, Case, Document, MatrixCellSummary, Memo
from coding.i18n import translate

VALUE_TYPES = ("text", "number", "date", "boolean")
TABLE_SUFFIXES = (".csv", ".xlsx")
DOCUMENT_COLUMNS = ("document", "documents")
DOCUMENT_SEPARATOR = ";"
CSV_DELIMITERS = ",;\t"

_Named = TypeVar("_Named")  # a Case or an Attribute, found by name
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


# -- values ---------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell or argument as the text we store (spreadsheet numbers and dates made readable)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text)) and math.isfinite(float(text))


def _is_iso_date(text: str) -> bool:
    if not _ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def clean_value(value: object, value_type: str) -> str:
    """The stored form of ``value`` for an attribute of ``value_type`` ("" means no value)."""
    text = cell_text(value)
    if not text or value_type == "text":
        return text
    if value_type == "number":
        if not _is_number(text):
            raise ValidationError(translate("errors", "'{text}' is not a number").format(text=text))
        return text
    if value_type == "date":
        if not _is_iso_date(text):
            raise ValidationError(translate(
                "errors", "'{text}' is not a date in the form yyyy-mm-dd").format(text=text))
        return text
    if value_type == "boolean":
        folded = text.casefold()
        if folded in _TRUE:
            return "true"
        if folded in _FALSE:
            return "false"
        raise ValidationError(translate("errors", "'{text}' is not true or false").format(text=text))
    raise ValidationError(translate(
        "errors", "unknown attribute type '{value_type}' (known: {value})").format(
        value_type=value_type, value=', '.join(VALUE_TYPES)))


def infer_value_type(values: Iterable[str]) -> str:
    """number if every value is numeric, date if every value is an ISO date, else text."""
    present = [v for v in values if v]
    if present and all(_is_number(v) for v in present):
        return "number"
    if present and all(_is_iso_date(v) for v in present):
        return "date"
    return "text"


# -- lookups --------------------------------------------------------------------------------------


def _match_name(name: str, candidates: dict[str, _Named]) -> _Named | None:
    """Exact match first, then a unique case-insensitive one."""
    if name in candidates:
        return candidates[name]
    folded = [v for k, v in candidates.items() if k.casefold() == name.casefold()]
    return folded[0] if len(folded) == 1 else None


def find_case(session: Session, name: str) -> Case:
    cases = {c.name: c for c in session.scalars(select(Case))}
    found = _match_name(name.strip(), cases)
    if found is None:
        raise NotFoundError(translate(
            "errors", "no case '{name}' (cases: {value})").format(name=name, value=known_names(sorted(cases))))
    return found


def find_attribute(session: Session, name: str) -> Attribute:
    attributes = {a.name: a for a in session.scalars(select(Attribute))}
    found = _match_name(name.strip(), attributes)
    if found is None:
        raise NotFoundError(translate(
            "errors", "no attribute '{name}' (attributes: {value})").format(
            name=name, value=known_names(sorted(attributes))))
    return found


# -- cases and documents --------------------------------------------------------------------------


def add_case(session: Session, name: str, *, actor: str, description: str = "") -> Case:
    cleaned = clean_name(name, translate("names", "case name"))
    if not isinstance(description, str):
        raise ValidationError(translate("errors", "case description must be text"))
    for existing in session.scalars(select(Case.name)):
        if existing.casefold() == cleaned.casefold():
            raise DuplicateError(translate(
                "errors", "there is already a case named '{existing}'").format(existing=existing))
    case = Case(name=cleaned, description=description)
    session.add(case)
    session.flush()
    record(session, actor, "add", "case", case.uuid, None, {"name": cleaned, "description": description})
    return case


@dataclass(frozen=True)
class CaseRow:
    """One case as the CLI and the Cases editor read it."""

    id: int
    uuid: str
    name: str
    description: str
    documents: tuple[str, ...]  # names, sorted
    values: dict[int, str]  # attribute id -> value


@dataclass(frozen=True)
class AttributeInfo:
    """One attribute, with how many cases have a value for it."""

    id: int
    uuid: str
    name: str
    value_type: str
    values: int


def case_rows(session: Session) -> list[CaseRow]:
    """Every case by name, with its documents and attribute values."""
    documents: dict[int | None, list[str]] = {}
    for case_id, doc_name in session.execute(
        select(Document.case_id, Document.name).where(Document.case_id.is_not(None)).order_by(Document.name)
    ):
        documents.setdefault(case_id, []).append(doc_name)
    values: dict[int, dict[int, str]] = {}
    for case_id, attribute_id, value in session.execute(
        select(AttributeValue.case_id, AttributeValue.attribute_id, AttributeValue.value)
    ):
        values.setdefault(case_id, {})[attribute_id] = value
    return [
        CaseRow(row.id, row.uuid, row.name, row.description, tuple(documents.get(row.id, ())), values.get(row.id, {}))
        for row in session.execute(select(Case.id, Case.uuid, Case.name, Case.description).order_by(Case.name))
    ]


def attribute_infos(session: Session) -> list[AttributeInfo]:
    """Every attribute in position order."""
    counts = dict(
        session.execute(select(AttributeValue.attribute_id, func.count()).group_by(AttributeValue.attribute_id)).all()
    )
    rows = session.execute(
        select(Attribute.id, Attribute.uuid, Attribute.name, Attribute.value_type).order_by(
            Attribute.position, Attribute.name
        )
    )
    return [AttributeInfo(*row, values=counts.get(row.id, 0)) for row in rows]


def attribute_values_by_case(session: Session) -> dict[int, dict[str, str]]:
    """Case id -> its attribute values by attribute name (one statement; the Documents list's columns)."""
    values: dict[int, dict[str, str]] = {}
    for case_id, name, value in session.connection().execute(  # Core rows: 16,500 values at 100x, no ORM work
        select(AttributeValue.case_id, Attribute.name, AttributeValue.value)
        .join(Attribute, Attribute.id == AttributeValue.attribute_id)
    ):
        values.setdefault(case_id, {})[name] = value
    return values


def list_cases(session: Session) -> list[dict[str, Any]]:
    """Every case by name: {name, uuid, description, documents: [names], attributes: {name: value}}."""
    attributes = attribute_infos(session)
    return [
        {
            "name": row.name,
            "uuid": row.uuid,
            "description": row.description,
            "documents": list(row.documents),
            "attributes": {a.name: row.values[a.id] for a in attributes if a.id in row.values},
        }
        for row in case_rows(session)
    ]


def list_attributes(session: Session) -> list[dict[str, Any]]:
    """Every attribute in position order: {name, uuid, value_type, values (how many cases have one)}."""
    return [
        {"name": a.name, "uuid": a.uuid, "value_type": a.value_type, "values": a.values}
        for a in attribute_infos(session)
    ]


def set_document_case(session: Session, ref: DocumentRef, case: Case | None, actor: str) -> bool:
    new_case_id = case.id if case is not None else None
    if ref.case_id == new_case_id:
        return False
    old_uuid = session.scalar(select(Case.uuid).where(Case.id == ref.case_id)) if ref.case_id else None
    session.execute(update(Document).where(Document.id == ref.id).values(case_id=new_case_id))
    record(
        session, actor, "attach" if case is not None else "detach", "document", ref.uuid,
        {"case_uuid": old_uuid}, {"case_uuid": case.uuid if case is not None else None},
    )
    return True


def attach_document(session: Session, case_name: str, document_name: str, *, actor: str) -> Changes:
    """Make a document belong to a case (moving it from another case if need be)."""
    case = find_case(session, case_name)
    ref = resolve_document(document_refs(session), document_name)
    changed = set_document_case(session, ref, case, actor)
    return Changes(cases=changed, documents=changed)


def document_case(session: Session, document_name: str) -> str | None:
    """The name of the case a document belongs to (None: no case)."""
    ref = resolve_document(document_refs(session), document_name)
    return session.scalar(select(Case.name).where(Case.id == ref.case_id)) if ref.case_id else None


def expect_document_case(session: Session, document_name: str, expected_case: str | None) -> None:
    """Compare-and-set for undo: refuse unless the document still belongs to ``expected_case`` (None: none)."""
    now = document_case(session, document_name)
    if now != expected_case:
        where = translate("names", "case '{name}'").format(name=now) if now else translate("names", "no case")
        raise ConflictError(translate(
            "errors", "document '{document_name}' was moved since (now in {where})").format(
            document_name=document_name, where=where))


def detach_document(session: Session, case_name: str, document_name: str, *, actor: str) -> Changes:
    case = find_case(session, case_name)
    ref = resolve_document(document_refs(session), document_name)
    if ref.case_id != case.id:
        raise ValidationError(translate(
            "errors", "document '{name}' does not belong to case '{name2}'").format(name=ref.name, name2=case.name))
    set_document_case(session, ref, None, actor)
    return Changes(cases=True, documents=True)


# -- attributes -----------------------------------------------------------------------------------


def _check_value_type(value_type: str) -> None:
    if value_type not in VALUE_TYPES:
        raise ValidationError(translate(
            "errors", "unknown attribute type '{value_type}' (known: {value})").format(
            value_type=value_type, value=', '.join(VALUE_TYPES)))


def ensure_attribute(session: Session, name: str, value_type: str = "text", *, actor: str = "") -> Attribute:
    """The attribute of that name, added (last) if new; an existing one of another type is refused."""
    cleaned = clean_name(name, translate("names", "attribute name"))
    _check_value_type(value_type)
    attributes = {a.name: a for a in session.scalars(select(Attribute))}
    existing = _match_name(cleaned, attributes)
    if existing is not None:
        if existing.value_type != value_type:
            raise ValidationError(translate(
                "errors", "attribute '{name}' holds {value_type} values, not {value_type2}").format(
                name=existing.name, value_type=existing.value_type, value_type2=value_type))
        return existing
    position = (session.scalar(select(func.max(Attribute.position))) or 0) + (1 if attributes else 0)
    attribute = Attribute(name=cleaned, value_type=value_type, position=position)
    session.add(attribute)
    session.flush()
    record(session, actor, "add", "attribute", attribute.uuid, None, {"name": cleaned, "value_type": value_type})
    return attribute


def _store_value(session: Session, case: Case, attribute: Attribute, value: str, actor: str) -> bool:
    """Write one cleaned value ("" removes it); returns whether it changed."""
    row = session.get(AttributeValue, (case.id, attribute.id))
    old = row.value if row is not None else ""
    if old == value:
        return False
    if not value:
        session.execute(
            delete(AttributeValue).where(
                AttributeValue.case_id == case.id, AttributeValue.attribute_id == attribute.id
            )
        )
    elif row is None:
        session.add(AttributeValue(case_id=case.id, attribute_id=attribute.id, value=value))
    else:
        row.value = value
    session.flush()
    record(
        session, actor, "set-value", "case", case.uuid,
        {"attribute": attribute.name, "value": old}, {"attribute": attribute.name, "value": value},
    )
    return True


def attribute_value(session: Session, case_name: str, attribute_name: str) -> str:
    """A case's stored value of an attribute ("" when it has none or the attribute does not exist)."""
    case = find_case(session, case_name)
    attributes = {a.name: a for a in session.scalars(select(Attribute))}
    attribute = _match_name(attribute_name.strip(), attributes)
    return _stored_value(session, case, attribute)


def _stored_value(session: Session, case: Case, attribute: Attribute | None) -> str:
    row = session.get(AttributeValue, (case.id, attribute.id)) if attribute is not None else None
    return row.value if row is not None else ""


def set_attribute_value(
    session: Session, case_name: str, attribute_name: str, value: object, *, actor: str, expected: str | None = None,
    seen: str | None = None,
) -> Changes:
    """Set (or with "" clear) one value; an unknown attribute is added as a text attribute.

    With ``expected`` (the value undo/redo left there), only if the stored value is still that; with ``seen``
    (the value the editor showed), only if nobody changed it since (``StaleEditError``, :mod:`coding.versions`).
    """
    case = find_case(session, case_name)
    cleaned_name = clean_name(attribute_name, translate("names", "attribute name"))
    attributes = {a.name: a for a in session.scalars(select(Attribute))}
    attribute = _match_name(cleaned_name, attributes)
    if seen is not None and _stored_value(session, case, attribute) != seen:
        raise versions.stale_value_error(session, case.uuid, case.name, attribute.name if attribute else cleaned_name)
    if expected is not None and (now := _stored_value(session, case, attribute)) != expected:
        raise ConflictError(translate(
            "errors", "the {cleaned_name} of case '{name}' was changed since (now {value})").format(
            cleaned_name=cleaned_name, name=case.name, value=quoted(now)))
    value_type = attribute.value_type if attribute is not None else "text"
    try:
        cleaned = clean_value(value, value_type)
    except ValidationError as exc:
        raise ValidationError(translate(
            "errors", "case '{name}', attribute '{cleaned_name}' ({value_type}): {exc}").format(
            name=case.name, cleaned_name=cleaned_name, value_type=value_type, exc=exc)) from None
    if attribute is None:
        attribute = ensure_attribute(session, cleaned_name, "text", actor=actor)
    changed = _store_value(session, case, attribute, cleaned, actor)
    return Changes(cases=changed, attributes=changed)


# -- attribute tables -----------------------------------------------------------------------------


@dataclass
class _TableRow:
    number: int  # 1-based, as a spreadsheet shows it
    case: str
    values: list[str]
    documents: list[str] = field(default_factory=list)


@dataclass
class _Table:
    attribute_names: list[str]
    attribute_columns: list[int]
    document_column: int | None
    rows: list[_TableRow]


def read_csv_rows(path: Path) -> list[list[str]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(translate(
            "errors", "{path}: cannot read ({value})").format(path=path, value=exc.strerror or exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(translate(
            "errors", "{path}: not UTF-8 text (save the table as 'CSV UTF-8')").format(path=path)) from None
    sample = text[:64 * 1024]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        # Sniffing fails on one-column tables and a few ragged ones: use the commonest candidate.
        first_line = sample.splitlines()[0] if sample.strip() else ""
        delimiter = max(CSV_DELIMITERS, key=first_line.count) if first_line else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:
        raise ValidationError(translate(
            "errors", "{path}: not a readable CSV table ({exc})").format(path=path, exc=exc)) from None


def _read_xlsx(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ValidationError(translate(
            "errors", "{path}: not a readable .xlsx workbook ({exc})").format(path=path, exc=exc)) from None
    try:
        if not workbook.worksheets:
            return []
        sheet = workbook.worksheets[0]
        return [[cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _parse_table(path: Path, cells: list[list[str]]) -> _Table:
    """Check the table's shape: header, names, one row per case; returns the rows that hold data."""
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if any(c for c in row)]
    if not numbered:
        raise ValidationError(translate("errors", "{path}: the table is empty").format(path=path))
    header_number, header = numbered[0]
    body = numbered[1:]
    width = max(len(row) for _, row in numbered)
    header = header + [""] * (width - len(header))
    names_seen: dict[str, int] = {}
    attribute_columns: list[int] = []
    document_column: int | None = None
    for column in range(1, width):
        name = header[column]
        if not name:
            if any(column < len(row) and row[column] for _, row in body):
                raise ValidationError(
                    translate(
                        "errors", "{path}: row {header_number}, column {value}: no column name in the header row "
                        "(the first row must name the case column and the attributes)").format(
                        path=path, header_number=header_number, value=column + 1)
                )
            continue
        if name.casefold() in names_seen:
            raise ValidationError(
                translate(
                    "errors", "{path}: row {header_number}: column name '{name}' appears twice (columns {value} and "
                    "{value2})").format(
                    path=path, header_number=header_number, name=name, value=names_seen[name.casefold()] + 1, value2=column + 1)
            )
        names_seen[name.casefold()] = column
        if name.casefold() in DOCUMENT_COLUMNS:
            document_column = column
        else:
            try:
                clean_name(name, translate("names", "attribute name"))
            except ValidationError as exc:
                raise ValidationError(translate(
                    "errors", "{path}: row {header_number}, column {value}: {exc}").format(
                    path=path, header_number=header_number, value=column + 1, exc=exc)) from None
            attribute_columns.append(column)
    if not body:
        raise ValidationError(translate(
            "errors", "{path}: the table has a header row but no rows of cases").format(path=path))
    rows = _parse_rows(path, body, width, attribute_columns, document_column)
    return _Table([header[c] for c in attribute_columns], attribute_columns, document_column, rows)


def _parse_rows(
    path: Path, body: list[tuple[int, list[str]]], width: int, attribute_columns: list[int], document_column: int | None
) -> list[_TableRow]:
    rows: list[_TableRow] = []
    first_row_of: dict[str, int] = {}
    for number, cells in body:
        cells = cells + [""] * (width - len(cells))
        case_name = cells[0]
        if not case_name:
            raise ValidationError(translate(
                "errors", "{path}: row {number}: the first column (the case name) is empty").format(
                path=path, number=number))
        try:
            clean_name(case_name, translate("names", "case name"))
        except ValidationError as exc:
            raise ValidationError(translate(
                "errors", "{path}: row {number}: {exc}").format(path=path, number=number, exc=exc)) from None
        folded = case_name.casefold()
        if folded in first_row_of:
            raise ValidationError(translate(
                "errors", "{path}: rows {value} and {number} are both for case '{case_name}'").format(
                path=path, value=first_row_of[folded], number=number, case_name=case_name))
        first_row_of[folded] = number
        documents: list[str] = []
        if document_column is not None:
            documents = [d.strip() for d in cells[document_column].split(DOCUMENT_SEPARATOR) if d.strip()]
        rows.append(_TableRow(number, case_name, [cells[c] for c in attribute_columns], documents))
    return rows


@dataclass
class _Plan:
    """Everything an attribute-table import will write, worked out before writing any of it."""

    new_attributes: list[tuple[str, str]]  # (name, value_type), in column order
    attribute_of_column: list[Attribute | str]  # existing Attribute, or the name of a new one
    value_types: list[str]
    cases: dict[int, Case | None]  # row number -> existing case, or None to create
    values: dict[int, list[str]]  # row number -> cleaned values per attribute column
    documents: dict[int, list[DocumentRef]]


def _plan_import(session: Session, path: Path, table: _Table, create_cases: bool) -> _Plan:
    attributes = {a.name: a for a in session.scalars(select(Attribute))}
    plan = _Plan([], [], [], {}, {}, {})
    for index, name in enumerate(table.attribute_names):
        column_values = [row.values[index] for row in table.rows]
        existing = _match_name(name, attributes)
        value_type = existing.value_type if existing is not None else infer_value_type(column_values)
        plan.attribute_of_column.append(existing if existing is not None else name)
        plan.value_types.append(value_type)
        if existing is None:
            plan.new_attributes.append((name, value_type))
    cases = {c.name: c for c in session.scalars(select(Case))}
    refs = document_refs(session) if table.document_column is not None else []
    row_of_document: dict[int, int] = {}
    for row in table.rows:
        case = _match_name(row.case, cases)
        if case is None and not create_cases:
            raise NotFoundError(translate(
                "errors", "{path}: row {number}: no case '{case}' (adding cases is turned off)").format(
                path=path, number=row.number, case=row.case))
        plan.cases[row.number] = case
        cleaned: list[str] = []
        for index, raw in enumerate(row.values):
            try:
                cleaned.append(clean_value(raw, plan.value_types[index]))
            except ValidationError as exc:
                raise ValidationError(
                    translate(
                        "errors", "{path}: row {number}, column '{value}': {exc} (the attribute holds {value2} "
                        "values)").format(
                        path=path, number=row.number, value=table.attribute_names[index], exc=exc, value2=plan.value_types[index])
                ) from None
        plan.values[row.number] = cleaned
        plan.documents[row.number] = []
        for document_name in row.documents:
            try:
                ref = resolve_document(refs, document_name)
            except NotFoundError as exc:
                raise NotFoundError(translate(
                    "errors", "{path}: row {number}: {exc}").format(path=path, number=row.number, exc=exc)) from None
            if ref.id in row_of_document and row_of_document[ref.id] != row.number:
                raise ValidationError(
                    translate(
                        "errors", "{path}: document '{name}' is listed in rows {value} and {number}").format(
                        path=path, name=ref.name, value=row_of_document[ref.id], number=row.number)
                )
            row_of_document[ref.id] = row.number
            plan.documents[row.number].append(ref)
    return plan


def _read_table(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise ValidationError(translate(
            "errors", "{path}: unsupported file type '{suffix}' (use .csv or .xlsx)").format(
            path=path, suffix=path.suffix))
    if not path.exists():
        raise NotFoundError(translate("errors", "{path}: no such file").format(path=path))
    if path.is_dir():
        raise ValidationError(translate("errors", "{path}: is a folder, not a table").format(path=path))
    return read_csv_rows(path) if suffix == ".csv" else _read_xlsx(path)


def import_attribute_table(session: Session, path: str | Path, *, actor: str, create_cases: bool = True) -> Changes:
    """Read case attributes from a .csv or .xlsx table and write them.

    The first column names the case, the header row names the attributes; a column headed
    "document" or "documents" (names separated by ';') attaches documents to the row's case. New
    attributes get the type their values suggest (number, date, else text); an empty cell clears
    the value. Everything is checked before anything is written.
    """
    path = Path(path)
    table = _parse_table(path, _read_table(path))
    plan = _plan_import(session, path, table, create_cases)

    created = {
        name: ensure_attribute(session, name, value_type, actor=actor) for name, value_type in plan.new_attributes
    }
    columns = [a if isinstance(a, Attribute) else created[a] for a in plan.attribute_of_column]
    attached = False
    for row in table.rows:
        case = plan.cases[row.number] or add_case(session, row.case, actor=actor)
        for attribute, value in zip(columns, plan.values[row.number]):
            _store_value(session, case, attribute, value, actor)
        for ref in plan.documents[row.number]:
            attached |= set_document_case(session, ref, case, actor)
    session.flush()
    return Changes(cases=True, attributes=True, documents=attached)


# -- rename and delete ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeletedRows:
    """A deleted case or attribute with every row that went with it: what ``restore_*`` puts back."""

    entity: str  # case | attribute
    name: str
    uuid: str
    rows: RowSnapshot
    changes: Changes

    @property
    def values(self) -> int:
        return self.rows.count(AttributeValue.__tablename__)

    @property
    def documents(self) -> int:
        """Documents the deletion detached from a case (they stay in the project)."""
        return sum(1 for n in self.rows.nulled if n.table == Document.__tablename__)

    def describe(self) -> str:
        """E.g. "case 'P01': 3 attribute values, 2 documents detached, 1 memo" (in the interface language)."""
        values, documents = self.values, self.documents
        parts = [translate("removal", "%Ln attribute value(s)", None, values)]
        if self.entity == "case":
            parts.append(translate("removal", "{documents} detached").format(
                documents=translate("removal", "%Ln document(s)", None, documents)))
        memos = self.rows.count(Memo.__tablename__)
        if memos:
            parts.append(translate("removal", "%Ln memo(s)", None, memos))
        summaries = self.rows.count(MatrixCellSummary.__tablename__)
        if summaries:
            parts.append(translate("removal", "%Ln matrix summary(ies)", None, summaries))
        template = (translate("removal", "case '{name}': {parts}") if self.entity == "case"
                    else translate("removal", "attribute '{name}': {parts}"))
        return template.format(name=self.name, parts=translate("counted", ", ").join(parts))

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name, "uuid": self.uuid, "values": self.values,
                "documents_detached": self.documents, "rows": self.rows.counts()}


def _check_free_name(session: Session, column: Any, key: Any, own_id: int, cleaned: str, what: str) -> None:
    for other_id, other in session.execute(select(key, column)):
        if other_id != own_id and other.casefold() == cleaned.casefold():
            raise DuplicateError(translate(
                "errors", "there is already {what} named '{other}'").format(what=what, other=other))


def rename_case(
    session: Session, name: str, new_name: str, *, actor: str, expected_version: int | None = None
) -> Changes:
    """Give a case another name, unique in the project (ignoring case). With ``expected_version`` (the version
    the editor read), only if nobody changed the case since (``StaleEditError``, :mod:`coding.versions`)."""
    case = find_case(session, name)
    versions.expect_version(session, "case", case.uuid, case.name, case.version, expected_version)
    cleaned = clean_name(new_name, translate("names", "case name"))
    if cleaned == case.name:
        return Changes()
    _check_free_name(session, Case.name, Case.id, case.id, cleaned, translate("names", "a case"))
    old = case.name
    case.name = cleaned
    with versions.guard(session, "case", case.uuid, old):
        session.flush()
    record(session, actor, "rename", "case", case.uuid, {"name": old}, {"name": cleaned})
    return Changes(cases=True, documents=True, matrix=True)


def _case_rows(session: Session, case: Case) -> RowSnapshot:
    summaries = MatrixCellSummary.__table__
    return snapshot_rows(
        session, Case.__table__, Case.id == case.id, [(summaries, summaries.c.column_key == f"case:{case.uuid}")]
    )


def case_deletion(session: Session, name: str) -> DeletedRows:
    """What :func:`delete_case` would do (nothing is written)."""
    case = find_case(session, name)
    return DeletedRows("case", case.name, case.uuid, _case_rows(session, case), NOTHING)


def delete_case(session: Session, name: str, *, actor: str) -> DeletedRows:
    """Delete a case: its documents stay (without a case), its attribute values, memos and matrix summaries go."""
    case = find_case(session, name)
    rows = _case_rows(session, case)
    deleted = DeletedRows("case", case.name, case.uuid, rows,
                          Changes(cases=True, attributes=True, documents=True, matrix=True, memos=True))
    delete_rows(session, rows)
    record(session, actor, "delete", "case", deleted.uuid, {"name": deleted.name, "rows": rows.counts()}, None)
    return deleted


def _expect_name_free(session: Session, column: Any, uuid_column: Any, deleted: DeletedRows) -> None:
    clash = session.scalar(
        select(column).where((uuid_column == deleted.uuid) | (func.lower(column) == deleted.name.lower()))
    )
    if clash is not None:
        raise ConflictError(
            translate(
                "errors", "cannot put {entity} '{name}' back: there is a {entity} '{clash}' now (rename or delete it "
                "first)").format(entity=deleted.entity, name=deleted.name, clash=clash)
        )


def restore_case(session: Session, deleted: DeletedRows, *, actor: str) -> Changes:
    """Put a deleted case back exactly: same uuid, values, memos, summaries; its documents re-attached."""
    _expect_name_free(session, Case.name, Case.uuid, deleted)
    restore_rows(session, deleted.rows)
    record(session, actor, "restore", "case", deleted.uuid, None, {"name": deleted.name})
    return deleted.changes


def _summary_prefix(attribute_name: str) -> str:
    return f"attribute:{attribute_name}="


def rename_attribute(
    session: Session, name: str, new_name: str, *, actor: str, expected_version: int | None = None
) -> Changes:
    """Rename an attribute; the matrix summaries written under its values follow it. With ``expected_version``
    (the version the editor read), only if nobody changed the attribute since (``StaleEditError``)."""
    attribute = find_attribute(session, name)
    versions.expect_version(session, "attribute", attribute.uuid, attribute.name, attribute.version,
                            expected_version)
    cleaned = clean_name(new_name, translate("names", "attribute name"))
    if cleaned == attribute.name:
        return Changes()
    _check_free_name(session, Attribute.name, Attribute.id, attribute.id, cleaned, translate("names", "an attribute"))
    old = attribute.name
    old_prefix, new_prefix = _summary_prefix(old), _summary_prefix(cleaned)
    with versions.guard(session, "attribute", attribute.uuid, old):  # the query below flushes the rename
        attribute.name = cleaned
        for cell in session.scalars(
            select(MatrixCellSummary).where(MatrixCellSummary.column_key.startswith(old_prefix))
        ):
            cell.column_key = new_prefix + cell.column_key[len(old_prefix):]
        session.flush()
    record(session, actor, "rename", "attribute", attribute.uuid, {"name": old}, {"name": cleaned})
    return Changes(attributes=True, cases=True, matrix=True)


def _attribute_rows(session: Session, attribute: Attribute) -> RowSnapshot:
    summaries = MatrixCellSummary.__table__
    in_columns = summaries.c.column_key.startswith(_summary_prefix(attribute.name), autoescape=True)
    return snapshot_rows(session, Attribute.__table__, Attribute.id == attribute.id, [(summaries, in_columns)])


def attribute_deletion(session: Session, name: str) -> DeletedRows:
    """What :func:`delete_attribute` would do (nothing is written)."""
    attribute = find_attribute(session, name)
    return DeletedRows("attribute", attribute.name, attribute.uuid, _attribute_rows(session, attribute), NOTHING)


def delete_attribute(session: Session, name: str, *, actor: str) -> DeletedRows:
    """Delete an attribute with every case's value of it (and the matrix summaries under its values)."""
    attribute = find_attribute(session, name)
    rows = _attribute_rows(session, attribute)
    deleted = DeletedRows("attribute", attribute.name, attribute.uuid, rows,
                          Changes(attributes=True, cases=True, matrix=True))
    delete_rows(session, rows)
    record(session, actor, "delete", "attribute", deleted.uuid, {"name": deleted.name, "rows": rows.counts()}, None)
    return deleted


def restore_attribute(session: Session, deleted: DeletedRows, *, actor: str) -> Changes:
    """Put a deleted attribute back exactly, with its values and summaries."""
    _expect_name_free(session, Attribute.name, Attribute.uuid, deleted)
    restore_rows(session, deleted.rows)
    record(session, actor, "restore", "attribute", deleted.uuid, None, {"name": deleted.name})
    return deleted.changes


__all__ = [
    "VALUE_TYPES",
    "cell_text",
    "read_csv_rows",
    "set_document_case",
    "AttributeInfo",
    "CaseRow",
    "DeletedRows",
    "add_case",
    "attach_document",
    "attribute_deletion",
    "attribute_infos",
    "attribute_values_by_case",
    "attribute_value",
    "case_deletion",
    "case_rows",
    "clean_value",
    "delete_attribute",
    "delete_case",
    "detach_document",
    "document_case",
    "ensure_attribute",
    "expect_document_case",
    "find_attribute",
    "find_case",
    "import_attribute_table",
    "infer_value_type",
    "list_attributes",
    "list_cases",
    "rename_attribute",
    "rename_case",
    "restore_attribute",
    "restore_case",
    "set_attribute_value",
]
