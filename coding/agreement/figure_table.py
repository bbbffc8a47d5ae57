"""Agreement figures as columns: a run's hundreds of thousands of per-document figures without one Python object
each.

A :class:`FigureTable` is a read-only sequence of :class:`coding.agreement.compare.Figure` in the order the run
computed them. Text columns are indexes into one list of strings (-1 = None), numbers are numpy arrays (NaN =
None for value and interval, :data:`NO_LEVEL` for a pooled level), so a table of a million figures takes tens of
megabytes, a scope (one coder pair, one document) is picked out with array comparisons, and a ``Figure`` is built
only when someone reads it. :meth:`FigureTable.to_bytes` packs it for the store (``AgreementRun.document_figures``,
migration 0008) and :func:`write_json` writes a run as JSON to a text stream figure by figure.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, TextIO, overload

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from coding.agreement.compare import Figure

TEXT_COLUMNS = ("code_uuid", "code_name", "document_uuid", "coder_a", "coder_b", "measure", "units", "note")
FLOAT_COLUMNS = ("value", "ci_low", "ci_high")
INT_COLUMNS = ("level", "n_units")
FIELD_ORDER = ("code_uuid", "code_name", "level", "document_uuid", "coder_a", "coder_b", "measure", "units",
               "value", "n_units", "ci_low", "ci_high", "note")
NO_LEVEL = np.iinfo(np.int64).min  # a pool over levels has level None
FORMAT = "concord-figures-1"
_CHUNK = 4096
_WRITE_BYTES = 1 << 20  # a packed column is compressed a megabyte at a time (cancel is asked in between)


def _figure_class() -> type[Figure]:
    from coding.agreement.compare import Figure  # compare builds tables: import at use

    return Figure


class StringPool:
    """Distinct strings numbered in order of first use; None is -1."""

    def __init__(self, strings: Iterable[str] = ()) -> None:
        self.strings: list[str] = list(strings)
        self._index = {s: i for i, s in enumerate(self.strings)}

    def id(self, value: str | None) -> int:
        if value is None:
            return -1
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.strings)
            self.strings.append(value)
        return found

    def ids(self, values: Iterable[str | None]) -> NDArray[np.int32]:
        listed = list(values)
        for value in set(listed):  # register the few distinct strings, then look every value up in C
            self.id(value)
        index: dict[str | None, int] = {None: -1}
        index.update(self._index)
        return np.fromiter(map(index.__getitem__, listed), dtype=np.int32, count=len(listed))

    def find(self, value: str | None) -> int | None:
        """The id of a string already in the pool (-1 for None), None when it is not there."""
        return -1 if value is None else self._index.get(value)


@dataclass(frozen=True)
class FigureTable(Sequence["Figure"]):
    """Figures in columns (see the module docstring); ``columns`` maps each field of ``Figure`` to an array."""

    strings: tuple[str, ...]
    columns: Mapping[str, np.ndarray]

    # -- building ---------------------------------------------------------------------------------------
    @classmethod
    def empty(cls) -> FigureTable:
        return cls.from_figures([])

    @classmethod
    def from_figures(cls, figures: Iterable[Figure], pool: StringPool | None = None) -> FigureTable:
        pool = pool or StringPool()
        listed = list(figures)
        columns: dict[str, np.ndarray] = {}
        for name in TEXT_COLUMNS:
            columns[name] = pool.ids(getattr(f, name) for f in listed)
        for name in FLOAT_COLUMNS:
            columns[name] = np.array([math.nan if getattr(f, name) is None else getattr(f, name) for f in listed],
                                     dtype=np.float64)
        columns["level"] = np.array([NO_LEVEL if f.level is None else f.level for f in listed], dtype=np.int64)
        columns["n_units"] = np.array([f.n_units for f in listed], dtype=np.int64)
        return cls(tuple(pool.strings), columns)

    @classmethod
    def concatenate(cls, tables: Sequence[FigureTable], order: np.ndarray | None = None) -> FigureTable:
        """One table of several (their figures in turn, or in ``order``: indexes into the concatenation)."""
        pool = StringPool()
        parts: dict[str, list[np.ndarray]] = {name: [] for name in FIELD_ORDER}
        for table in tables:
            remap = np.array([pool.id(s) for s in table.strings] + [-1], dtype=np.int32)
            for name in FIELD_ORDER:
                column = table.columns[name]
                parts[name].append(remap[column] if name in TEXT_COLUMNS else column)
        columns = {name: np.concatenate(arrays) if arrays else np.zeros(0) for name, arrays in parts.items()}
        if order is not None:
            columns = {name: column[order] for name, column in columns.items()}
        return cls(tuple(pool.strings), columns)

    # -- reading ----------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.columns["measure"])

    @overload
    def __getitem__(self, index: int) -> Figure: ...

    @overload
    def __getitem__(self, index: slice) -> list[Figure]: ...

    def __getitem__(self, index: int | slice) -> Figure | list[Figure]:
        if isinstance(index, slice):
            return list(self._figures(np.arange(len(self))[index]))
        position = range(len(self))[index]  # IndexError as a list gives it
        return next(iter(self._figures(np.array([position]))))

    def __iter__(self) -> Iterator[Figure]:
        for start in range(0, len(self), _CHUNK):
            yield from self._figures(np.arange(start, min(start + _CHUNK, len(self))))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable-looking sequence semantics, as a list

    def __repr__(self) -> str:
        return f"FigureTable({len(self)} figures)"

    def rows(self, positions: np.ndarray | None = None) -> Iterator[tuple[Any, ...]]:
        """The figures' fields as tuples in :data:`FIELD_ORDER` (cheaper than ``Figure`` objects)."""
        chosen = np.arange(len(self)) if positions is None else np.asarray(positions)
        strings = [*self.strings, None]  # -1 picks None
        for start in range(0, len(chosen), _CHUNK):
            part = chosen[start:start + _CHUNK]
            values: list[list[Any]] = []
            for name in FIELD_ORDER:
                column = self.columns[name][part]
                if name in TEXT_COLUMNS:
                    values.append([strings[i] for i in column.tolist()])
                elif name in FLOAT_COLUMNS:
                    values.append([None if math.isnan(v) else v for v in column.tolist()])
                elif name == "level":
                    values.append([None if v == NO_LEVEL else v for v in column.tolist()])
                else:
                    values.append(column.tolist())
            yield from zip(*values, strict=True)

    def _figures(self, positions: np.ndarray) -> Iterator[Figure]:
        figure = _figure_class()
        new = object.__new__
        for row in self.rows(positions):
            # Figure is a plain frozen dataclass (no __post_init__): filling its __dict__ gives the same object
            # as Figure(*row) at a third of the cost, which counts over a million figures.
            made = new(figure)
            made.__dict__.update(zip(FIELD_ORDER, row, strict=True))
            yield made

    def mask(self, **criteria: Any) -> NDArray[np.bool_]:
        """Which figures equal every given field value (``document_uuid=None``: over all documents)."""
        keep = np.ones(len(self), dtype=bool)
        for name, wanted in criteria.items():
            column = self.columns[name]
            if name in TEXT_COLUMNS:
                found = -1 if wanted is None else self._string_id(wanted)
                keep &= column == (found if found is not None else -2)
            elif name in FLOAT_COLUMNS:
                keep &= np.isnan(column) if wanted is None else column == wanted
            elif name == "level":
                keep &= column == (NO_LEVEL if wanted is None else wanted)
            else:
                keep &= column == wanted
        return keep

    def _string_id(self, value: str) -> int | None:
        try:
            return self.strings.index(value)
        except ValueError:
            return None

    def select(self, **criteria: Any) -> list[Figure]:
        """Figures whose fields equal every given value, in order."""
        return list(self._figures(np.flatnonzero(self.mask(**criteria))))

    def subset(self, keep: NDArray[np.bool_]) -> FigureTable:
        return FigureTable(self.strings, {name: column[keep] for name, column in self.columns.items()})

    def overall(self) -> list[Figure]:
        """The figures over all documents (document_uuid None): what tables, charts and reports show first."""
        return self.select(document_uuid=None)

    def has_documents(self) -> bool:
        return bool((self.columns["document_uuid"] >= 0).any())

    def distinct(self, *names: str, keep: NDArray[np.bool_] | None = None) -> list[tuple[Any, ...]]:
        """Distinct combinations of some text fields, in order of first appearance."""
        key = np.zeros(len(self), dtype=np.int64)
        for name in names:  # one integer per combination: string ids (+1 for None) in base len(strings) + 1
            key = key * (len(self.strings) + 1) + self.columns[name].astype(np.int64) + 1
        positions = np.arange(len(self)) if keep is None else np.flatnonzero(keep)
        _, first = np.unique(key[positions], return_index=True)
        strings = [*self.strings, None]
        chosen = positions[np.sort(first)]
        return [tuple(strings[int(self.columns[n][i])] for n in names) for i in chosen.tolist()]

    # -- storing ----------------------------------------------------------------------------------------
    def to_bytes(self, extra: Mapping[str, np.ndarray] | None = None,
                 check: Callable[[], None] | None = None) -> bytes:
        """The table (and ``extra`` integer arrays) packed as a compressed npz (``np.load`` reads it), no pickle;
        a pooled level is stored as -1. ``check`` runs before each column is compressed (cancel)."""
        header = json.dumps({"format": FORMAT, "strings": list(self.strings)}, ensure_ascii=False)
        arrays: dict[str, np.ndarray] = {name: _narrowest(name, column) for name, column in self.columns.items()}
        arrays.update({f"extra_{k}": np.ascontiguousarray(v) for k, v in (extra or {}).items()})
        arrays["header"] = np.frombuffer(header.encode("utf-8"), dtype=np.uint8)
        return _write_npz(arrays, check)

    @classmethod
    def from_bytes(cls, data: bytes) -> tuple[FigureTable, dict[str, np.ndarray]]:
        """A table packed by :meth:`to_bytes`, and its extra arrays."""
        with np.load(io.BytesIO(data), allow_pickle=False) as packed:
            header = json.loads(packed["header"].tobytes().decode("utf-8"))
            if header.get("format") != FORMAT:
                raise ValueError(f"unknown figure table format {header.get('format')!r}")
            columns = {name: _widened(name, packed[name]) for name in FIELD_ORDER}
            extra = {k[len("extra_"):]: packed[k] for k in packed.files if k.startswith("extra_")}
        return cls(tuple(header["strings"]), columns), extra


_DTYPES: dict[str, type[np.generic]] = {**dict.fromkeys(TEXT_COLUMNS, np.int32), "level": np.int64,
                                        "n_units": np.int64}


def _narrowest(name: str, column: np.ndarray) -> np.ndarray:
    """A column as stored: integers in the smallest signed type that holds them, a pooled level as -1 (levels
    start at 1), so there is less to compress; :meth:`FigureTable.from_bytes` reads them back exactly."""
    if name == "level":
        column = np.where(column == NO_LEVEL, -1, column)
    if column.dtype.kind != "i" or len(column) == 0:
        return np.ascontiguousarray(column)
    low, high = int(column.min()), int(column.max())
    dtype = next(t for t in (np.int8, np.int16, np.int32, np.int64)
                 if np.iinfo(t).min <= low and high <= np.iinfo(t).max)
    return np.ascontiguousarray(column.astype(dtype))


def _widened(name: str, column: np.ndarray) -> np.ndarray:
    if name == "level":
        wide = column.astype(np.int64)
        return np.where(wide < 0, NO_LEVEL, wide)
    return column.astype(_DTYPES.get(name, np.float64))


def _write_npz(arrays: Mapping[str, np.ndarray], check: Callable[[], None] | None = None) -> bytes:
    """``np.savez_compressed`` at deflate level 1: a run's figures compress about as well, several times faster."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, array in arrays.items():
            with archive.open(f"{name}.npy", "w", force_zip64=True) as member:
                _write_array(member, np.ascontiguousarray(array), check)
    return buffer.getvalue()


def _write_array(stream: IO[bytes], array: np.ndarray, check: Callable[[], None] | None) -> None:
    """What ``np.lib.format.write_array`` writes for a 1-D array (format 1.0: the header is short), the data a
    slice at a time with ``check`` before each: compressing a million-figure column takes up to a second."""
    np.lib.format.write_array_header_1_0(stream, np.lib.format.header_data_from_array_1_0(array))
    step = max(_WRITE_BYTES // max(array.itemsize, 1), 1)
    for start in range(0, len(array), step):
        if check is not None:
            check()
        stream.write(array[start:start + step].tobytes())


def as_table(figures: Sequence[Figure]) -> FigureTable:
    return figures if isinstance(figures, FigureTable) else FigureTable.from_figures(figures)


def overall_figures(figures: Sequence[Figure]) -> list[Figure]:
    """The figures over all documents (``document_uuid`` None), of a table or of a plain list: everything the
    text table, the methods paragraph and the vendor table read, without touching a per-document figure."""
    if isinstance(figures, FigureTable):
        return figures.overall()
    return [f for f in figures if f.document_uuid is None]


def write_json(stream: TextIO, head: Mapping[str, Any], figures: Sequence[Figure],
               tail: Mapping[str, Any] | None = None, *, indent: int | None = 2) -> None:
    """Write ``{**head, "figures": [...], **tail}`` as JSON to ``stream``, a few thousand figures at a time: a run
    of a million figures never exists as one list of dicts or one string. The output parses to what
    ``json.dumps`` of the same dict gives; ``head`` and ``tail`` are indented, the figures are written compactly
    (one chunk per line) by json's C encoder."""
    pad = "" if indent is None else "\n" + " " * indent
    inner = "" if indent is None else "\n" + " " * (2 * indent)
    stream.write("{")
    first = True
    for key, value in head.items():
        stream.write(("" if first else ",") + pad + json.dumps(key) + ": " + _nested(value, indent, 1))
        first = False
    stream.write(("" if first else ",") + pad + '"figures": [')
    written = False
    for chunk in json_objects(as_table(figures)):
        stream.write(("," if written else "") + inner + ", ".join(chunk))
        written = True
    stream.write((pad if written else "") + "]")
    for key, value in (tail or {}).items():
        stream.write("," + pad + json.dumps(key) + ": " + _nested(value, indent, 1))
    stream.write(("" if indent is None else "\n") + "}")


def json_objects(table: FigureTable) -> Iterator[list[str]]:
    """Each figure as the JSON object ``json.dumps(figure.to_dict(), ensure_ascii=False)`` gives, a chunk of
    figures at a time: strings are encoded once per distinct string, numbers as json writes them (repr)."""
    encoded = [json.dumps(text, ensure_ascii=False) for text in table.strings] + ["null"]  # -1: None
    template = "{" + ", ".join(json.dumps(name) + ": %s" for name in FIELD_ORDER) + "}"
    for start in range(0, len(table), _CHUNK):
        part = slice(start, start + _CHUNK)
        columns: list[list[str]] = []
        for name in FIELD_ORDER:
            values = table.columns[name][part].tolist()
            if name in TEXT_COLUMNS:
                columns.append([encoded[i] for i in values])
            elif name in FLOAT_COLUMNS:
                columns.append(["null" if v != v else float.__repr__(v) for v in values])
            elif name == "level":
                columns.append(["null" if v == NO_LEVEL else int.__repr__(v) for v in values])
            else:
                columns.append([int.__repr__(v) for v in values])
        yield [template % row for row in zip(*columns, strict=True)]


def _nested(value: Any, indent: int | None, depth: int) -> str:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    if indent is None:
        return text
    return text.replace("\n", "\n" + " " * (indent * depth))


__all__ = ["FIELD_ORDER", "NO_LEVEL", "FigureTable", "StringPool", "as_table", "json_objects", "overall_figures",
           "write_json"]
