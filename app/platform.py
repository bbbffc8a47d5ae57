"""Checks on the machine the desktop app runs on, made before Qt starts (Qt aborts the process instead of asking)."""

from __future__ import annotations

import ctypes.util
import os
import sys

XCB_PACKAGES = (
    "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
    "libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1 libdbus-1-3 "
    "fonts-noto-cjk"
)
# Qt's xcb plugin aborts the whole process when one of these is missing, so look before Qt does.
XCB_LIBRARIES = ("xcb-cursor", "xkbcommon-x11", "xcb-icccm", "xcb-image", "xcb-keysyms", "xcb-randr",
                 "xcb-render-util", "xcb-shape", "xcb-xkb", "EGL", "fontconfig")


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """Why a window cannot open here, in plain words with the fix, or None when it can (as far as we can tell)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc …: the user chose
    if not env.get("DISPLAY") and not (env.get("WAYLAND_DISPLAY") and not platform):
        return "Concord cannot open its window: no display: set DISPLAY or run with QT_QPA_PLATFORM=offscreen"
    if env.get("WAYLAND_DISPLAY") and not platform:
        return None
    missing = [name for name in XCB_LIBRARIES if ctypes.util.find_library(name) is None]
    if not missing:
        return None
    listed = ", ".join(f"lib{name}" for name in missing)
    return (
        f"Concord cannot open its window: Qt's X11 (xcb) platform plugin needs system libraries that are missing "
        f"({listed}).\nInstall them with:\n  sudo apt-get install -y {XCB_PACKAGES}\n"
        f"or run without a screen with QT_QPA_PLATFORM=offscreen."
    )


__all__ = ["XCB_LIBRARIES", "XCB_PACKAGES", "display_problem"]


# PySide6 replaces ``__import__`` to support ``from __feature__ import snake_case``: for every Python module
# imported after it, it reads the module's source to see whether it uses PySide (shibokensupport's
# ``_mod_uses_pyside``). Concord uses no such feature, and for numpy, scipy, matplotlib and spaCy — hundreds of
# modules, imported by the warm-up thread while the window runs — that reading took 0.2 s of GIL-holding work.
SCANNED_PACKAGES = frozenset({"app", "coding", "models", "resources", "benchmarks", "tests"})


def skip_pyside_source_scans() -> bool:
    """Let PySide's import hook read the source of Concord's own modules only (it then marks every other module
    "ignore this module", what it decides for any module that does not mention PySide); returns whether the hook
    was found. A PySide without the hook is left alone."""
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or scan is None or getattr(scan, "concord_limited", False):
        return scan is not None

    def uses_pyside(module: object) -> bool:
        name = getattr(module, "__name__", "") or ""
        return name.partition(".")[0] in SCANNED_PACKAGES and bool(scan(module))

    setattr(uses_pyside, "concord_limited", True)  # noqa: B010 (a mark on a function object, read back with getattr)
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a private name of PySide's, not a typo)
    return True
