"""Code names stored in English elsewhere (a run's figures, an analysis result, a memo's target) shown by the
codebook's current names (issue 16, item 3 beyond the codebook panel): with the interface in Chinese a code
recorded by its English path, or by its uuid, shows its Chinese name (``name_zh``) where the codebook has one,
falling back to the English as stored; with the interface in English every label is the stored text unchanged.

A view builds one :class:`CodeLabels` from the codebook it already loaded (one query per refresh) and asks it per
row, so showing a thousand rows costs dictionary look-ups, never a query each.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from app.code_names import chinese_interface, shown_name, shown_path
from coding.codebook import CodeInfo, CodeTree

STORED_SEPARATOR = "/"  # how a stored path joins its names (coding.codebook.tree.PATH_SEPARATOR)


class CodeLabels:
    """The codebook's codes by uuid and by English path, answering "what does the interface call this code"."""

    def __init__(self, codes: Mapping[int, CodeInfo] | None = None) -> None:
        self.codes: dict[int, CodeInfo] = dict(codes or {})
        self._by_uuid = {info.uuid: info for info in self.codes.values()}
        self._by_path = {info.path: info for info in self.codes.values()}

    @classmethod
    def load(cls, session: Session) -> CodeLabels:
        """The project's codebook as it is now (one query)."""
        return cls(CodeTree.load(session).codes)

    def find(self, path: str, uuid: str | None = None) -> CodeInfo | None:
        """The code a stored reference means: by uuid when there is one (it survives renames), else by path."""
        found = self._by_uuid.get(uuid) if uuid else None
        return found if found is not None else self._by_path.get(path)

    def path(self, path: str, uuid: str | None = None, separator: str = STORED_SEPARATOR) -> str:
        """A stored English path as the interface shows it, names joined by ``separator``."""
        info = self.find(path, uuid) if chinese_interface() else None
        if info is None:
            return path if separator == STORED_SEPARATOR else path.replace(STORED_SEPARATOR, separator)
        return shown_path(info, self.codes, separator)

    def name(self, path: str, uuid: str | None = None) -> str:
        """The shown name of the code at a stored English path (its last name when the codebook lacks it)."""
        info = self.find(path, uuid) if chinese_interface() else None
        return shown_name(info) if info is not None else path.rsplit(STORED_SEPARATOR, 1)[-1]

    def name_by_id(self, code_id: int | None, stored: str) -> str:
        """The shown name of the code with id ``code_id``; ``stored`` (as the result holds it) when unknown."""
        info = self.codes.get(code_id) if code_id is not None and chinese_interface() else None
        return shown_name(info) if info is not None else stored

    def path_by_id(self, code_id: int | None, stored: str, separator: str = STORED_SEPARATOR) -> str:
        """The shown path of the code with id ``code_id``; ``stored`` (its English path) when unknown."""
        info = self.codes.get(code_id) if code_id is not None and chinese_interface() else None
        if info is None:
            return stored if separator == STORED_SEPARATOR else stored.replace(STORED_SEPARATOR, separator)
        return shown_path(info, self.codes, separator)

    def parent_path(self, path: str, uuid: str | None = None, separator: str = STORED_SEPARATOR) -> str:
        """The shown path of the code's parent ("" for a top-level code): a breadcrumb above the code's name."""
        info = self.find(path, uuid) if chinese_interface() else None
        parent = self.codes.get(info.parent_id) if info is not None and info.parent_id is not None else None
        if info is None:
            return separator.join(path.split(STORED_SEPARATOR)[:-1])
        return shown_path(parent, self.codes, separator) if parent is not None else ""


__all__ = ["CodeLabels"]
