"""Coded segments as a spreadsheet or CSV: one row per coding (per passage when several coders are pooled,
"coder" naming them all), with context, speaker, case attributes; a workbook's "Notes" sheet says whose
codings they are."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter
from coding.analysis.pooling import describe_basis
from coding.analysis.retrieval import Segment, case_attributes, iter_segments
from coding.autocode.review import provenance_texts
from coding.export.common import Cancel, ExportResult, Progress, check_cancel, check_target, replaced_when_done
from coding.export.tables import cell_value, streamed_xlsx
from coding.importing.times import TurnClock, format_ms, timed_turns_by_document, turns_span_ms
from models import Attribute

BASE_COLUMNS = [
    "code", "code name", "document", "case", "speaker", "turn", "coder", "consensus", "start", "end",
    "text", "context", "memo", "coding uuid",
]


TIME_COLUMNS = ["start time", "end time"]  # only when some document is timed (subtitles, [00:12:03] transcripts)


def _row(
    segment: Segment, attributes: dict[str, str], attribute_names: list[str],
    clocks: dict[int, list[TurnClock]] | None = None,
) -> list[object]:
    return [
        segment.code, segment.code_name, segment.document, segment.case or "", segment.speaker,
        segment.turn + 1 if segment.turn is not None else None, segment.coder, "yes" if segment.consensus else "no",
        segment.start, segment.end, segment.text, segment.context, segment.memo, segment.uuid,
        *(_times(segment, clocks) if clocks is not None else []),
        *[attributes.get(name, "") for name in attribute_names],
    ]


def _times(segment: Segment, clocks: dict[int, list[TurnClock]]) -> list[str]:
    """The span of the timed turns the passage covers, as hh:mm:ss.mmm ("" when its document is not timed)."""
    span = turns_span_ms(clocks.get(segment.document_id, []), segment.start, segment.end)
    if span is None:
        return ["", ""]
    return [format_ms(span[0], fraction=True), "" if span[1] is None else format_ms(span[1], fraction=True)]


def _provenance(segment: Segment, origins: dict[str, str]) -> list[str]:
    """The "provenance" cell when the project has codings from accepted suggestions (no column otherwise)."""
    return [origins.get(segment.uuid, "")] if origins else []


def export_segments(
    session: Session,
    path: str | Path,
    *,
    flt: SegmentFilter | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write the segments ``flt`` selects to .xlsx or .csv (UTF-8 with BOM); returns how many."""
    target = check_target(path, (".xlsx", ".csv"), "coded segments")
    attribute_names = list(session.scalars(select(Attribute.name).order_by(Attribute.position, Attribute.name)))
    attributes = case_attributes(session)
    clocks = timed_turns_by_document(session) or None
    origins = provenance_texts(session)  # codings made by accepting a machine's suggestion
    headers = [*BASE_COLUMNS, *(TIME_COLUMNS if clocks else []), *attribute_names, *(["provenance"] if origins else [])]
    segments = iter_segments(session, flt or SegmentFilter(), tree=CodeTree.load(session), progress=progress,
                             cancel=cancel)
    count = 0
    with replaced_when_done(target) as temporary:
        if target.suffix.lower() == ".csv":
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                for segment in segments:
                    writer.writerow([*_row(segment, attributes.get(segment.case_id or -1, {}), attribute_names, clocks),
                                     *_provenance(segment, origins)])
                    count += 1
        else:
            workbook, sheet = streamed_xlsx("Coded segments", headers)
            try:
                for segment in segments:
                    row = [*_row(segment, attributes.get(segment.case_id or -1, {}), attribute_names, clocks),
                           *_provenance(segment, origins)]
                    sheet.append([cell_value(v) for v in row])
                    count += 1
                check_cancel(cancel, "the segments export")
                notes: WriteOnlyWorksheet = workbook.create_sheet("Notes")  # what the rows rest on
                notes.append(["basis", describe_basis(session, flt or SegmentFilter()).text()])
            except BaseException:
                sheet.close()  # end the streamed XML before dropping it
                raise
            workbook.save(temporary)
    return ExportResult(target, "segments", count)


__all__ = ["BASE_COLUMNS", "TIME_COLUMNS", "export_segments"]
