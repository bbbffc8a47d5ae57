"""The dictionary plain-text format (docs/autocode.md, "Dictionaries"): an indented tree of categories and entries.

    # Comment lines at the top are the dictionary's description; other comments are skipped.
    ACCESS = Access/Waiting          a category, linked to the code at that path
        waiting list                 an entry (a phrase)
        referr*
        NOT "care home"              an exclusion
        REFERRALS:                   an empty child category ends with ":"

A line is a category when it is not indented, when the lines below it are indented deeper, when it links a code
(``NAME = Code/Path``) or when it ends with ``:``; any other indented line is an entry of the category above it.
Indent with spaces (a tab counts as four). :func:`write_text` writes the canonical form (four spaces a level,
entries before child categories), which :func:`read_text` reads back to the same tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from coding.autocode.patterns import PatternError, check_pattern, split_exclusion
from coding.errors import ValidationError
from coding.i18n import translate

INDENT = "    "
LINK = " = "
LINK_MARK = "="
EMPTY_MARK = ":"
COMMENT = "#"


class DictionaryFormatError(ValidationError):
    """A dictionary text that cannot be read; the message names the line and the problem."""


@dataclass
class TextCategory:
    """A category as written: its name, the code path it links (or ""), its entries and child categories."""

    name: str
    code_path: str = ""
    entries: list[str] = field(default_factory=list)
    children: list[TextCategory] = field(default_factory=list)
    line: int = 0


@dataclass
class TextDictionary:
    description: str
    categories: list[TextCategory]


@dataclass
class _Line:
    number: int
    indent: int
    content: str


def check_category_name(name: str) -> str:
    """A category name the text format can write back; raises ``ValidationError`` otherwise."""
    cleaned = name.strip()
    if not cleaned:
        raise ValidationError(translate("errors", "a category name is empty"))
    if LINK_MARK in cleaned or cleaned.startswith(COMMENT) or cleaned.endswith(EMPTY_MARK) or '"' in cleaned:
        raise ValidationError(translate(
            "errors", "category name {cleaned!r}: a name may not hold '=' or '\"', start with '#' or end with ':'").format(
            cleaned=cleaned))
    return cleaned


def read_text(text: str) -> TextDictionary:
    """The tree a dictionary text describes; :class:`DictionaryFormatError` names the first bad line."""
    description, lines = _lines(text)
    roots: list[TextCategory] = []
    stack: list[tuple[int, TextCategory]] = []  # (indent, category) of the open categories
    child_indent: dict[int, int] = {}  # id(category) -> the indent of its content
    for at, line in enumerate(lines):
        while stack and stack[-1][0] >= line.indent:
            stack.pop()
        if not stack:
            if line.indent:
                raise _error(line, "indented, but there is no category above it")
            roots.append(_category(line, roots))
            stack.append((0, roots[-1]))
            continue
        parent = stack[-1][1]
        expected = child_indent.setdefault(id(parent), line.indent)
        if line.indent != expected:
            raise _error(line, f"indented {line.indent} spaces where the lines above in {parent.name!r} "
                               f"use {expected}")
        following = lines[at + 1] if at + 1 < len(lines) else None
        if _is_category(line, following):
            parent.children.append(_category(line, parent.children))
            stack.append((line.indent, parent.children[-1]))
        else:
            _add_entry(parent, line)
    return TextDictionary(description, roots)


def _lines(text: str) -> tuple[str, list[_Line]]:
    description: list[str] = []
    lines: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        expanded = raw.replace("\t", INDENT).rstrip()
        content = expanded.lstrip(" ")
        if not content:
            continue
        if content.startswith(COMMENT):
            if not lines:
                description.append(content[1:].strip())
            continue
        lines.append(_Line(number, len(expanded) - len(content), content))
    return "\n".join(description).strip(), lines


def _is_category(line: _Line, following: _Line | None) -> bool:
    if following is not None and following.indent > line.indent:
        return True
    return LINK_MARK in line.content or line.content.endswith(EMPTY_MARK)


def _category(line: _Line, siblings: Sequence[TextCategory]) -> TextCategory:
    name, _, code_path = line.content.partition(LINK_MARK)
    name = name.strip()
    if name.endswith(EMPTY_MARK):
        name = name[:-1].rstrip()
    try:
        name = check_category_name(name)
    except ValidationError as exc:
        raise _error(line, str(exc)) from None
    for sibling in siblings:
        if sibling.name.casefold() == name.casefold():
            raise _error(line, f"category {name!r} is already at line {sibling.line} at this level")
    code_path = code_path.strip()
    if LINK_MARK in line.content and not code_path:
        raise _error(line, f"'{name} =' names no code path")
    return TextCategory(name, code_path, line=line.number)


def _add_entry(category: TextCategory, line: _Line) -> None:
    try:
        entry = normalise_entry(line.content)
    except PatternError as exc:
        raise _error(line, str(exc)) from None
    if entry in category.entries:
        raise _error(line, f"{entry!r} is already an entry of {category.name!r}")
    category.entries.append(entry)


def _error(line: _Line, problem: str) -> DictionaryFormatError:
    return DictionaryFormatError(f"line {line.number}: {problem}")


def write_text(dictionary: TextDictionary) -> str:
    """The canonical text of a dictionary tree (what :func:`read_text` reads back to the same tree)."""
    out = [f"{COMMENT} {line}".rstrip() for line in dictionary.description.splitlines()]
    if out:
        out.append("")
    for category in dictionary.categories:
        _write_category(category, 0, out)
    return "\n".join(out) + "\n"


def _write_category(category: TextCategory, depth: int, out: list[str]) -> None:
    head = category.name + (f"{LINK}{category.code_path}" if category.code_path else "")
    if not category.code_path and not category.entries and not category.children:
        head += EMPTY_MARK
    out.append(INDENT * depth + head)
    out.extend(INDENT * (depth + 1) + entry for entry in category.entries)
    for child in category.children:
        _write_category(child, depth + 1, out)


def normalise_entry(entry: str) -> str:
    """An entry as stored: trimmed, ``NOT`` followed by one space."""
    pattern, exclusion = split_exclusion(check_pattern(entry))
    return f"NOT {pattern}" if exclusion else pattern


__all__ = ["DictionaryFormatError", "TextCategory", "TextDictionary", "check_category_name", "normalise_entry",
           "read_text", "write_text"]
