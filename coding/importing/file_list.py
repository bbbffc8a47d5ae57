"""The files of a folder as an import offers them: name, size, kind, and whether it starts chosen.

A folder of transcripts often holds other things: a README, a licence, hidden files, Word's ``~$`` lock
files, images. Those start unchosen with the reason, so the user (import dialog) or the command line
(``--exclude``) decides, and a README does not become a transcript.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from coding.i18n import translate
from coding.importing.options import SUPPORTED_SUFFIXES

# Names that describe a folder rather than hold an interview (matched ignoring case, without extension).
NOT_TRANSCRIPTS = ("readme", "license", "licence", "copying", "changelog", "contributing")


@dataclass(frozen=True)
class FileChoice:
    path: Path
    name: str  # relative to the folder
    size: int
    kind: str  # docx | txt | md, or "" when Concord cannot import it
    chosen: bool
    reason: str = ""  # why it starts unchosen, in English (the --json output; the import matches its words)
    shown_reason: str = ""  # the same in the interface language ("": as ``reason``)

    @property
    def why(self) -> str:
        """Why it starts unchosen, as the dialog and the command line show it."""
        return self.shown_reason or self.reason

    def to_dict(self) -> dict[str, object]:
        return {"file": str(self.path), "size": self.size, "kind": self.kind, "chosen": self.chosen,
                "reason": self.reason}


def _matches(name: str, patterns: Sequence[str]) -> str | None:
    """The first pattern matching the relative name or the bare file name (ignoring case)."""
    folded = name.casefold()
    base = folded.rsplit("/", 1)[-1]
    for pattern in patterns:
        wanted = pattern.casefold()
        if fnmatchcase(folded, wanted) or fnmatchcase(base, wanted):
            return pattern
    return None


Reason = tuple[str, str]  # (English, in the interface language)


def _excluded(pattern: str) -> Reason:
    return (f"excluded by --exclude {pattern}",
            translate("importing", "excluded by --exclude {pattern}").format(pattern=pattern))


def _why_not(path: Path, name: str, kind: str, exclude: Sequence[str]) -> Reason:
    if any(part.startswith(".") for part in Path(name).parts):
        return "hidden file", translate("importing", "hidden file")
    if path.is_symlink():
        return ("symbolic link (links inside folders are not followed)",
                translate("importing", "symbolic link (links inside folders are not followed)"))
    if not kind:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        return f"not a {kinds} file", translate("importing", "not a {kinds} file").format(kinds=kinds)
    if path.name.startswith("~$"):
        return "Word lock file", translate("importing", "Word lock file")
    if path.stem.casefold().split(".")[0] in NOT_TRANSCRIPTS:
        return "README or licence file, not a transcript", translate("importing", "README or licence file, not a transcript")
    pattern = _matches(name, exclude)
    if pattern is not None:
        return _excluded(pattern)
    return "", ""


def _entries(folder: Path, recursive: bool) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return  # the import itself reports an unreadable folder
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if recursive and not entry.name.startswith("."):
                yield from _entries(Path(entry.path), recursive)
        elif entry.is_file(follow_symlinks=False) or entry.is_symlink():
            yield Path(entry.path)


def folder_files(folder: str | Path, *, recursive: bool = False, exclude: Sequence[str] = ()) -> list[FileChoice]:
    """Every file of ``folder`` (and its sub-folders if ``recursive``), transcripts chosen, the rest not."""
    folder = Path(folder)
    choices = []
    for path in _entries(folder, recursive):
        name = path.relative_to(folder).as_posix()
        kind = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "")
        try:
            size = path.lstat().st_size
        except OSError:
            size = 0
        reason, shown = _why_not(path, name, kind, exclude)
        choices.append(FileChoice(path, name, size, kind, not reason, reason, shown))
    return choices


# Left out by the import itself too (see ``pipeline.collect_tasks``): no need to list a folder's files for them.
_PIPELINE_SKIPS = ("hidden file", "symbolic link")


def choose_paths(
    paths: Sequence[str | Path], *, recursive: bool = False, exclude: Sequence[str] = ()
) -> tuple[list[Path], list[FileChoice]]:
    """What to hand the import, and what was left out (README, licence, ``exclude`` matches, other kinds).

    A folder with nothing left out by these rules is handed on as it is; otherwise its chosen files are.
    """
    chosen: list[Path] = []
    left_out: list[FileChoice] = []
    for given in map(Path, paths):
        if not given.is_dir() or given.is_symlink():
            pattern = _matches(given.name, exclude)
            if pattern is None:
                chosen.append(given)
            else:
                left_out.append(FileChoice(given, given.name, 0, "", False, *_excluded(pattern)))
            continue
        choices = folder_files(given, recursive=recursive, exclude=exclude)
        unchosen = [c for c in choices if not c.chosen and not c.reason.startswith(_PIPELINE_SKIPS)]
        left_out.extend(unchosen)
        if any(c.kind for c in unchosen):
            chosen.extend(c.path for c in choices if c.chosen)
        else:
            chosen.append(given)
    return chosen, left_out


__all__ = ["NOT_TRANSCRIPTS", "FileChoice", "choose_paths", "folder_files"]
