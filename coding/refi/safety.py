"""Reading archives and XML that may have been made to hurt: zip slip names, zip bombs, entities.

Concord never extracts a ``.qdpx`` to disk: members are read into memory, through limits checked
against the central directory before anything is decompressed (zipfile then stops each member at
its declared size, so a lying header cannot blow past the limits either). Member names that climb
out of the archive or are absolute are refused anyway — a program that wrote them is not to be
trusted with the rest. XML is parsed by lxml with entity resolution, DTD loading and network access
off and libxml2's size limits on; a document that declares entities is refused outright, because
REFI-QDA files never need them and they are how XXE and billion-laughs attacks start.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO, Self
from urllib.parse import unquote

from lxml import etree

from coding.archives import DEFAULT_LIMITS, DRIVE_RE, ArchiveLimits, check_members, member_problem
from coding.errors import ImportFileError
from coding.refi.common import PROJECT_XML_NAME
from coding.i18n import translate

PROLOG_SCAN_BYTES = 1 << 16


class SafeArchive:
    """A ``.qdpx`` opened for reading, checked against ``limits`` before any member is read."""

    def __init__(self, path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise ImportFileError(self.path, translate("errors", "no such file")) from None
        except IsADirectoryError:
            raise ImportFileError(self.path, translate("errors", "is a folder, not a .qdpx file")) from None
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportFileError(
                self.path, translate(
                    "errors", "not a REFI-QDA project archive (not a readable zip file: {exc})").format(exc=exc)
            ) from None
        try:
            self._index = self._check_members()
        except BaseException:
            self._zip.close()
            raise

    def _check_members(self) -> dict[str, zipfile.ZipInfo]:
        return check_members(self.path, self._zip.infolist(), self.limits)

    # -- access ------------------------------------------------------------------------------
    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def names(self) -> list[str]:
        return [info.filename for info in self._index.values()]

    def find(self, name: str) -> str | None:
        """The member called ``name``, matched without regard to case or slash direction."""
        info = self._index.get(name.replace("\\", "/").lower().lstrip("/"))
        return info.filename if info else None

    def info(self, name: str) -> zipfile.ZipInfo:
        return self._zip.getinfo(name)

    def open(self, name: str) -> IO[bytes]:
        try:
            return self._zip.open(name)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
            raise ImportFileError(self.path, translate(
                "errors", "cannot read archive member {name!r}: {exc}").format(name=name, exc=exc)) from None

    def read(self, name: str) -> bytes:
        try:
            with self._zip.open(name) as handle:
                return handle.read()
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
            raise ImportFileError(self.path, translate(
                "errors", "cannot read archive member {name!r}: {exc}").format(name=name, exc=exc)) from None

    def read_prefix(self, name: str, size: int = PROLOG_SCAN_BYTES) -> bytes:
        try:
            with self._zip.open(name) as handle:
                return handle.read(size)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
            raise ImportFileError(self.path, translate(
                "errors", "cannot read archive member {name!r}: {exc}").format(name=name, exc=exc)) from None


def find_project_xml(archive: SafeArchive) -> str:
    """The archive member holding the project XML: ``project.qde``, else the one ``*.qde`` there is."""
    exact = archive.find(PROJECT_XML_NAME)
    if exact:
        return exact
    candidates = sorted(name for name in archive.names() if name.lower().endswith(".qde"))
    if not candidates:
        raise ImportFileError(archive.path, translate(
            "errors", "not a REFI-QDA project archive (no project.qde inside)"))
    top_level = [name for name in candidates if "/" not in name.replace("\\", "/")]
    return (top_level or candidates)[0]


def source_member_candidates(reference: str) -> list[str]:
    """Archive paths where a source named by ``reference`` may live, most likely first.

    Real files write ``internal://x.txt``, ``internal:/x.txt``, ``internal:x.txt``, a bare
    ``x.txt``, or ``relative://sub/x.txt``; the folder is ``sources/`` or ``Sources/`` (the
    archive lookup ignores case). URL escapes (``%20``) are undone.
    """
    text = unquote(reference.strip()).replace("\\", "/")
    scheme_match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):/*", text)
    scheme = ""
    if scheme_match and not DRIVE_RE.match(text):
        scheme = scheme_match.group(1).lower()
        text = text[scheme_match.end() :]
    text = text.lstrip("/")
    base = PurePosixPath(text).name
    if not base or base in (".", ".."):
        return []
    # A path outside the archive (absolute, or climbing out) may still name a file shipped inside.
    candidates = [] if member_problem(text) else [f"sources/{text}", text]
    if scheme != "internal" or "/" in text or not candidates:
        candidates += [f"sources/{base}", base]
    first_spelling: dict[str, str] = {}  # case-folded name -> the first candidate so spelled
    for candidate in candidates:
        first_spelling.setdefault(candidate.lower(), candidate)
    return list(first_spelling.values())


# -- XML -----------------------------------------------------------------------------------------
def safe_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD, never touches the network, and keeps
    libxml2's limits on tree depth and text size (``huge_tree=False``)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _decode_prefix(prefix: bytes) -> str:
    if prefix.startswith((b"\xff\xfe", b"\xfe\xff")):
        return prefix.decode("utf-16", errors="ignore")
    if prefix[:1] == b"\x00":
        return prefix.decode("utf-16-be", errors="ignore")
    if prefix[1:2] == b"\x00":
        return prefix.decode("utf-16-le", errors="ignore")
    return prefix.decode("utf-8", errors="ignore")


def check_prolog(path: Path, prefix: bytes, what: str) -> None:
    """Refuse a document whose prolog declares entities, before the parser sees the rest."""
    text = _decode_prefix(prefix)
    root = re.search(r"<[A-Za-z_]", text)  # the root element; prolog items start with <? or <!
    head = text[: root.start()] if root else text
    if "<!ENTITY" in head:
        raise ImportFileError(path, translate(
            "errors", "{what} declares XML entities (<!ENTITY …>); refused as unsafe").format(what=what))


def parse_xml(path: Path, source: IO[bytes] | bytes, what: str) -> etree._ElementTree:
    """Parse ``source`` safely; any failure becomes an :class:`ImportFileError` naming ``what``."""
    parser = safe_parser()
    try:
        if isinstance(source, bytes):
            tree = etree.ElementTree(etree.fromstring(source, parser))
        else:
            tree = etree.parse(source, parser)
    except etree.XMLSyntaxError as exc:
        message = str(exc)
        if "amplification" in message or "entity" in message.lower():
            raise ImportFileError(path, translate(
                "errors", "{what}: refused, entity expansion ({message})").format(what=what, message=message)) from None
        raise ImportFileError(path, translate(
            "errors", "{what} is not well-formed XML ({message})").format(what=what, message=message)) from None
    except (OSError, ValueError) as exc:
        raise ImportFileError(path, translate("errors", "{what} cannot be read ({exc})").format(what=what, exc=exc)) from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ImportFileError(path, translate(
            "errors", "{what} declares XML entities (<!ENTITY …>); refused as unsafe").format(what=what))
    if tree.docinfo.system_url:
        raise ImportFileError(path, translate(
            "errors", "{what} refers to an external DTD; refused as unsafe").format(what=what))
    return tree


def read_xml_file(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> etree._ElementTree:
    """A stand-alone XML file (a ``.qdc`` codebook), size-checked and parsed safely."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(path, translate("errors", "no such file"))
    if path.is_dir():
        raise ImportFileError(path, translate("errors", "is a folder, not a file"))
    size = path.stat().st_size
    if size > limits.max_xml_bytes:
        raise ImportFileError(path, translate(
            "errors", "is {size} bytes, more than the {max_xml_bytes} allowed").format(
            size=size, max_xml_bytes=limits.max_xml_bytes))
    data = path.read_bytes()
    check_prolog(path, data[:PROLOG_SCAN_BYTES], "the codebook")
    return parse_xml(path, data, "the codebook")


__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveLimits",
    "SafeArchive",
    "check_prolog",
    "find_project_xml",
    "parse_xml",
    "read_xml_file",
    "safe_parser",
    "source_member_candidates",
]
