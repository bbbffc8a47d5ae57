"""Read a source file into text: .docx as a bounded stream of its Word XML, .txt/.md through the
encoding it is known (or clearly detected) to be in.

Every refusal is an :class:`ImportFileError` whose message starts with the file's path.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from coding.archives import human_size
from coding.errors import ImportFileError
from coding.importing.encodings import BOMS, Decoded, decode_bytes
from coding.importing.options import SUPPORTED_SUFFIXES, ImportOptions, raise_hint
from coding.importing.sources import PageSpan, reader_for
from coding.i18n import translate

# Control characters that do not occur in text (tab, line feed, VT, FF and CR do).
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_CONTROL_SHARE = 0.10
BINARY_SAMPLE_CHARS = 1 << 20


@dataclass(frozen=True)
class SourceText:
    """A file's text as read (not yet normalised) and what we know about its bytes."""

    path: Path
    format: str  # docx | txt | md
    text: str
    encoding: str  # "" for .docx
    sha256: str
    size: int
    times: tuple[tuple[int, int], ...] = ()  # (start, end) ms per timed turn, when the source knows them exactly
    pages: tuple[PageSpan, ...] = ()  # a PDF's pages in the normalised text (sources.py)
    original: bytes = field(default=b"", repr=False)  # the file's bytes, kept as the document's original


def source_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or translate("importing", "without an extension")
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        raise ImportFileError(path, translate(
            "errors", "unsupported file type {shown} (Concord imports {kinds})").format(shown=shown, kinds=kinds))
    return SUPPORTED_SUFFIXES[suffix]


def read_source(path: Path, options: ImportOptions | None = None) -> SourceText:
    options = options or ImportOptions()
    file_format = source_format(path)
    data = read_bytes(path, options.max_bytes)
    return replace(_source(path, file_format, data, options), original=data)


def _source(path: Path, file_format: str, data: bytes, options: ImportOptions) -> SourceText:
    if file_format in ("srt", "vtt"):
        return subtitle_source(path, file_format, data, options)
    reader = reader_for(file_format)
    if reader is not None:  # PDF, ODT, RTF, HTML, Markdown (sources.py)
        read = reader(path, data, options)
        _refuse_too_long(path, read.text, options)
        return SourceText(path, file_format, read.text, read.encoding, hashlib.sha256(data).hexdigest(), len(data),
                          pages=read.pages)
    if file_format == "docx":
        text, encoding = docx_text(path, data, options), ""
    else:
        decoded = decode_text(path, data, options.encoding)
        text, encoding = decoded.text, decoded.encoding
        _refuse_too_long(path, text, options)
    return SourceText(path, file_format, text, encoding, hashlib.sha256(data).hexdigest(), len(data))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, at most ``max_bytes`` of them; only regular files (not devices, pipes or sockets)."""
    try:
        if path.is_dir():
            raise ImportFileError(path, translate("errors", "is a folder, not a file"))
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused just below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())  # of what was opened, not of what the name points to later
            if not stat.S_ISREG(info.st_mode):
                raise ImportFileError(path, translate(
                    "errors", "is not a regular file (a device, pipe or socket); refused"))
            if info.st_size > max_bytes:
                raise ImportFileError(path, _over_size(info.st_size, max_bytes))
            data = handle.read(max_bytes + 1)  # a file growing meanwhile stops here
    except FileNotFoundError:
        raise ImportFileError(path, translate("errors", "no such file")) from None
    except OSError as exc:
        raise ImportFileError(path, translate(
            "errors", "cannot read the file ({value})").format(value=exc.strerror or exc)) from exc
    if not data:
        raise ImportFileError(path, translate("errors", "empty file"))
    if len(data) > max_bytes:
        raise ImportFileError(path, _over_size(len(data), max_bytes))
    return data


def _refuse_too_long(path: Path, text: str, options: ImportOptions) -> None:
    if len(text) > options.max_chars:
        limit = translate("importing", "the limit of {max_chars:,} ({hint})").format(
            max_chars=options.max_chars, hint=raise_hint('max_chars'))
        raise ImportFileError(path, translate(
            "errors", "holds {value:,} characters, over {limit}").format(value=len(text), limit=limit))


def _over_size(size: int, max_bytes: int) -> str:
    return translate("errors", "file is {size}, over the import limit of {limit}").format(
        size=human_size(size), limit=human_size(max_bytes))


def subtitle_source(path: Path, file_format: str, data: bytes, options: ImportOptions) -> SourceText:
    """A subtitle file as a timed transcript, with its turns' exact times (coding/importing/subtitles.py)."""
    from coding.importing.subtitles import read_subtitles, timed_transcript

    decoded = decode_text(path, data, options.encoding)
    _refuse_too_long(path, decoded.text, options)
    turns = read_subtitles(path, decoded.text, file_format, options.turn_pattern)
    times = tuple((turn.start_ms, turn.end_ms) for turn in turns)
    digest = hashlib.sha256(data).hexdigest()
    return SourceText(path, file_format, timed_transcript(turns), decoded.encoding, digest, len(data), times)


# -- plain text ----------------------------------------------------------------------------------
def decode_text(path: Path, data: bytes, encoding: str | None = None) -> Decoded:
    """The decoded text and how its encoding was known (see :mod:`coding.importing.encodings`)."""
    if encoding is None and not data.startswith(tuple(bom for bom, _ in BOMS)):
        # UTF-16 without a BOM is refused here too: half its bytes are NUL for Latin text.
        _refuse_binary(path, data[:BINARY_SAMPLE_CHARS].decode("latin-1"), has_nul=b"\x00" in data)
    decoded = decode_bytes(path, data, encoding)
    _refuse_binary(path, decoded.text[:BINARY_SAMPLE_CHARS], has_nul="\x00" in decoded.text)
    return decoded


def _refuse_binary(path: Path, sample: str, *, has_nul: bool) -> None:
    if has_nul:
        raise ImportFileError(path, translate(
            "errors", "not a text file (it contains NUL bytes; binary data or UTF-16 without a BOM)"))
    if sample and len(_BINARY_CONTROL.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE:
        raise ImportFileError(path, translate("errors", "not a text file (too many control characters; binary data?)"))


# -- Word ----------------------------------------------------------------------------------------
def docx_text(path: Path, data: bytes, options: ImportOptions | None = None) -> str:
    """Body paragraphs, headings and table rows in document order, one block each, blank lines between."""
    options = options or ImportOptions()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(path, translate(
            "errors", "not a .docx file (not a ZIP package; an old .doc or a renamed file?)"))
    from coding.importing.docx_reader import read_docx_text  # loads lxml: not on the desktop app's start path

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return read_docx_text(path, package, options)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportFileError(path, translate(
            "errors", "damaged .docx file (broken ZIP package: {exc})").format(exc=exc)) from exc
    except (OSError, ValueError, RuntimeError, NotImplementedError) as exc:  # e.g. an unsupported compression
        raise ImportFileError(path, translate(
            "errors", "damaged .docx file ({name__}: {exc})").format(name__=exc.__class__.__name__, exc=exc)) from exc


__all__ = ["SourceText", "decode_text", "docx_text", "human_size", "read_bytes", "read_source", "source_format"]
