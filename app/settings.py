"""What the app remembers between runs, in QSettings: recent projects, coder per project, layout, zoom.

Tests pass their own ``QSettings(path, IniFormat)`` so they never touch the user's settings.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "Concord"
APPLICATION = "Concord"
MAX_RECENT = 10


def make_settings(source: QSettings | str | None = None) -> QSettings:
    """A QSettings object: the one given, an INI file path, or the user's settings."""
    if isinstance(source, QSettings):
        return source
    if isinstance(source, str) and source.endswith(".ini"):
        return QSettings(source, QSettings.Format.IniFormat)
    return QSettings(source or ORGANISATION, APPLICATION)


def _stable(path: str | Path) -> str:
    """A project file's resolved path; a server database's URL (kept without its password) as it is."""
    return path if isinstance(path, str) and "://" in path else str(Path(path).expanduser().resolve())


def _project_key(path: str | Path) -> str:
    """A stable settings group for one project file (paths hold characters QSettings keys cannot)."""
    resolved = _stable(path)
    return "projects/" + hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:16]


def _as_bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


class AppSettings:
    """Typed access to the few values Concord keeps."""

    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    # -- recent projects ----------------------------------------------------------------------------
    def recent_projects(self) -> list[str]:
        value = self.qsettings.value("recent/projects", [])
        if isinstance(value, str):  # QSettings hands back one string for a one-item list
            value = [value]
        return [str(v) for v in value if v] if isinstance(value, (list, tuple)) else []

    def add_recent(self, path: str | Path) -> None:
        resolved = _stable(path)
        recent = [p for p in self.recent_projects() if p != resolved]
        self.qsettings.setValue("recent/projects", [resolved, *recent][:MAX_RECENT])

    def remove_recent(self, path: str | Path) -> None:
        resolved = _stable(path)
        self.qsettings.setValue("recent/projects", [p for p in self.recent_projects() if p != resolved])

    def last_folder(self) -> str:
        return str(self.qsettings.value("recent/folder", str(Path.home())))

    def set_last_folder(self, folder: str | Path) -> None:
        self.qsettings.setValue("recent/folder", str(folder))

    # -- per project ----------------------------------------------------------------------------------
    def coder_for(self, project_path: str | Path) -> str | None:
        value = self.qsettings.value(f"{_project_key(project_path)}/coder")
        return str(value) if value else None

    def set_coder_for(self, project_path: str | Path, coder_name: str) -> None:
        self.qsettings.setValue(f"{_project_key(project_path)}/coder", coder_name)

    def blind_for(self, project_path: str | Path) -> bool | None:
        value = self.qsettings.value(f"{_project_key(project_path)}/blind")
        return None if value is None else _as_bool(value, True)

    def set_blind_for(self, project_path: str | Path, blind: bool) -> None:
        self.qsettings.setValue(f"{_project_key(project_path)}/blind", blind)

    def quick_slots_for(self, project_path: str | Path) -> dict[int, str]:
        """Quick slot (1–9) -> code uuid this machine remembered before slots were stored in the project.

        Read once, when a project without stored slots is opened, to freeze the keys its coder knew
        (see ``coding.quick_slots``); nothing writes these settings any more."""
        slots: dict[int, str] = {}
        for slot in range(1, 10):
            value = self.qsettings.value(f"{_project_key(project_path)}/slot{slot}")
            if value:
                slots[slot] = str(value)
        return slots

    def last_document_for(self, project_path: str | Path) -> str | None:
        value = self.qsettings.value(f"{_project_key(project_path)}/document")
        return str(value) if value else None

    def set_last_document_for(self, project_path: str | Path, document_uuid: str) -> None:
        self.qsettings.setValue(f"{_project_key(project_path)}/document", document_uuid)

    # -- window and view ------------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self.qsettings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)

    def zoom(self) -> int:
        try:
            return int(str(self.qsettings.value("view/zoom", 0)))
        except (TypeError, ValueError):
            return 0

    def set_zoom(self, steps: int) -> None:
        self.qsettings.setValue("view/zoom", steps)

    def snap_mode(self) -> str:
        value = str(self.qsettings.value("coding/snap", "word"))
        return value if value in {"word", "sentence", "none"} else "word"

    def set_snap_mode(self, mode: str) -> None:
        self.qsettings.setValue("coding/snap", mode)

    def sync(self) -> None:
        self.qsettings.sync()


__all__ = ["APPLICATION", "ORGANISATION", "AppSettings", "make_settings"]
