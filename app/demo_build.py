"""Open the demo project, building it first (in the user data folder) through the operation runner.

The build imports and codes 8 interviews (``coding.demo.build_demo``): a few seconds, in the background, with
the runner's progress dialog; it writes a new file, so it is a background write on that file's serial writer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app import dialogs
from app.operations import Operation
from coding.progress import Cancel, Progress
from coding.i18n import QT_TRANSLATE_NOOP  # lupdate reads the name; typed str -> str, unlike PySide's

TITLE = QT_TRANSLATE_NOOP("DemoBuild", "Concord demo")  # both shown through QCoreApplication.translate
LABEL = QT_TRANSLATE_NOOP("DemoBuild", "Building the demo project (importing and coding 8 interviews)…")


def open_demo(parent: QWidget, open_project: Callable[[Path], object]) -> Operation | None:
    """Call ``open_project(path)`` with the demo project, built first when missing; the build, if one started."""
    try:
        from coding.demo import build_demo, default_demo_path
    except ImportError:
        dialogs.show_error(parent, QCoreApplication.translate(
            "DemoBuild", "The demo project is not part of this installation."))
        return None
    path = default_demo_path()
    if path.exists():
        open_project(path)
        return None

    def work(progress: Progress, _cancelled: Cancel) -> Path:
        return build_demo(path, progress=progress)

    def built(result: object) -> None:
        open_project(Path(str(result)))

    def failed(message: str) -> None:
        dialogs.show_error(parent, QCoreApplication.translate(
            "DemoBuild", "The demo project could not be built: {problem}").format(problem=message))

    title, label = QCoreApplication.translate("DemoBuild", TITLE), QCoreApplication.translate("DemoBuild", LABEL)
    operation = Operation(parent, work, writes=path, title=title, label=label, cancellable=False,
                          on_success=built, on_failure=failed)
    return operation.start()


__all__ = ["open_demo"]
