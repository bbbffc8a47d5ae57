"""A code as the interface names it (issue 16, item 3): with the interface in Chinese, a code shows its Chinese
name (``name_zh``) and definition (``definition_zh``), each falling back to the English one when the codebook has
none; the English name stays one hover away. With the interface in English nothing changes.

The English name remains the code's identity for editing: renaming a code edits its English name.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from app.i18n import CHINESE, TRANSLATORS
from coding.codebook import CodeInfo


def chinese_interface() -> bool:
    """Is the interface Chinese just now (the language whose catalogues are installed)?"""
    return TRANSLATORS.language == CHINESE


def shown_name(info: CodeInfo) -> str:
    """The name the interface shows: the Chinese name in a Chinese interface when there is one, else the English."""
    return info.name_zh if chinese_interface() and info.name_zh.strip() else info.name


def shown_definition(info: CodeInfo) -> str:
    """The definition the interface shows: the Chinese one in a Chinese interface when there is one."""
    return info.definition_zh if chinese_interface() and info.definition_zh.strip() else info.definition


def shown_path(info: CodeInfo, infos: Mapping[int, CodeInfo], separator: str = "/") -> str:
    """``info``'s path from its top-level code down, each code by its shown name (``info.path`` in English)."""
    if not chinese_interface():
        return info.path if separator == "/" else info.path.replace("/", separator)
    names: list[str] = []
    current: CodeInfo | None = info
    while current is not None and len(names) <= len(infos):  # the bound guards a corrupted parent chain
        names.append(shown_name(current))
        current = infos.get(current.parent_id) if current.parent_id is not None else None
    return separator.join(reversed(names))


def english_line(info: CodeInfo) -> str:
    """The tooltip line (HTML) holding the English name, in a Chinese interface whose shown name differs (else
    "")."""
    if not chinese_interface() or shown_name(info) == info.name:
        return ""
    return QCoreApplication.translate("CodeNames", "English: {name}").format(name=html.escape(info.name))


__all__ = ["chinese_interface", "english_line", "shown_definition", "shown_name", "shown_path"]
