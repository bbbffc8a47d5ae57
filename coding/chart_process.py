"""Draw charts in one long-lived child process, so the process that asks (the desktop app) keeps its GIL.

matplotlib's Agg drawing and text layout hold the GIL in long C calls: a worker *thread* drawing a chart froze the
window for 116-135 ms at a time, and the first chart paid for importing matplotlib and registering the CJK fonts
as well (250 ms). Here one child, shared by the whole app, imports matplotlib and the chart modules and adds the
fonts when it starts (:func:`warm`), then builds, draws and saves every chart it is sent; callers (worker threads)
wait for its answer, releasing the GIL, and their requests queue for the one child.

A chart is sent as a :class:`ChartRecipe`: a module-level builder (pickled by reference) and its small arguments.
Two kinds of builder exist:

* ``size`` None: ``builder(*args, **kwargs) -> Figure | None`` makes its own figure (coding.analysis.charts);
* ``size`` (inches) given: ``builder(figure, *args, **kwargs) -> int`` draws into a blank white figure of that
  size with constrained layout, and its return value is kept as the chart's ``cells`` (the agreement charts).

The child starts with ``forkserver`` (``spawn`` where there is none), as the machine coder's training does: a
forked copy of a process running threads may deadlock. Each request carries the caller's interface language (a
started child speaks English). A builder's ``ConcordError`` comes back as itself; a crashed child is replaced by
the next request, and the request it was drawing fails with one clear error.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.machinery import ModuleSpec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coding.autocode.machine_process import _context, _refusal
from coding.errors import ConcordError, ValidationError
from coding.i18n import TRANSLATIONS_ENV, catalogue, current_language, set_language, translate

if TYPE_CHECKING:  # multiprocessing loads with the first chart, not with the window (cold start)
    from concurrent.futures import ProcessPoolExecutor

    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

FORMATS = (".png", ".svg")
SHUTDOWN_WAIT_S = 5.0  # at exit, the longest the child is given to finish a chart before it is ended
CHILD_NICENESS = 10  # added to the child's niceness: the GUI thread goes first when both want the CPU


@dataclass(frozen=True)
class ChartRecipe:
    """What the child needs to build one chart: a module-level ``builder`` and its (picklable) arguments; with a
    ``size`` (width, height in inches) the builder draws into a blank figure of that size (see the module)."""

    builder: Callable[..., Any]
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    size: tuple[float, float] | None = None


@dataclass(frozen=True)
class DrawnChart:
    """A chart drawn by the child: ``pixels`` are ``width`` × ``height`` RGBA bytes, row by row; ``cells`` is what a
    drawing builder returned (None for a builder that makes its own figure)."""

    width: int
    height: int
    pixels: bytes
    cells: Any = None


@dataclass(frozen=True)
class _Request:
    action: str  # "draw", "save" or "pid"
    recipe: ChartRecipe | None
    dpi: int
    path: str
    language: str
    catalogues: str | None  # $CONCORD_TRANSLATIONS of the caller (a translator's preview catalogue)


# -- in the child ---------------------------------------------------------------------------------------------
def _prepare_child() -> None:
    """Run once when the child starts: step behind the window's process, then load what every chart needs, so
    that the first chart does not wait for it."""
    _behind_the_window()
    import matplotlib

    matplotlib.use("Agg")
    import coding.analysis.charts  # noqa: F401  (matplotlib's figure, axes and text modules with it)
    import coding.agreement.chart_drawing  # noqa: F401
    from coding.fonts import font_families

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = blank_figure(2, 1)  # a first text drawn: matplotlib loads its fonts' glyphs on first use
    figure.add_subplot().set_title("Aa 汉字", fontfamily=font_families())  # registers the installed CJK fonts
    FigureCanvasAgg(figure).draw()  # type: ignore[no-untyped-call]  # matplotlib's Agg backend has no annotations


def _behind_the_window() -> None:
    """Lower this process's CPU priority: on a two-core machine the child loading matplotlib (a second of CPU)
    beside the window showing its first chart took the CPU from the GUI thread, a 130-140 ms freeze. Behind the
    window the child still has every core the window does not use."""
    try:
        os.nice(CHILD_NICENESS)
    except (AttributeError, OSError):  # no os.nice on Windows; a limit on the niceness: the default is kept
        log.debug("the chart process keeps its priority", exc_info=True)


def _built(recipe: ChartRecipe) -> tuple[Figure | None, Any]:
    """The recipe's figure (None when its builder made none) and what a drawing builder returned."""
    if recipe.size is None:
        figure: Figure | None = recipe.builder(*recipe.args, **recipe.kwargs)
        return figure, None
    figure = blank_figure(*recipe.size)
    return figure, recipe.builder(figure, *recipe.args, **recipe.kwargs)


def blank_figure(width: float, height: float) -> Figure:
    """A white figure of ``width`` × ``height`` inches with constrained layout, as the drawing builders expect."""
    from coding.analysis.charts import blank_figure as made

    return made(width, height)


def _draw(recipe: ChartRecipe, dpi: int) -> DrawnChart | None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure, cells = _built(recipe)
    if figure is None:
        return None
    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]  # matplotlib's Agg backend has no annotations
    width, height = canvas.get_width_height()
    pixels = bytes(canvas.buffer_rgba())  # type: ignore[no-untyped-call]  # matplotlib's Agg backend, untyped
    return DrawnChart(int(width), int(height), pixels, cells)


def _save(recipe: ChartRecipe, target: Path, dpi: int) -> str:
    figure, _cells = _built(recipe)
    if figure is None:
        raise ValidationError(translate("AgreementCharts", "Nothing to show"))
    from coding.analysis.charts import save_figure

    try:
        save_figure(figure, target, dpi)
    except OSError as exc:
        raise ValidationError(translate("AgreementCharts", "{file}: cannot write the chart ({reason})").format(
            file=target, reason=exc.strerror or exc)) from exc
    return str(target)


def _use_catalogues(folder: str | None) -> None:
    """The caller's choice of catalogue folder: a change clears the catalogues read so far."""
    if os.environ.get(TRANSLATIONS_ENV) != folder:
        if folder is None:
            os.environ.pop(TRANSLATIONS_ENV, None)
        else:
            os.environ[TRANSLATIONS_ENV] = folder
        catalogue.cache_clear()


def _serve(request: _Request) -> tuple[Any, ...]:
    """One request, in the child: ("done", result), or ("refused" | "failed", kind, message)."""
    _use_catalogues(request.catalogues)
    set_language(request.language)
    try:
        if request.action == "pid":
            return ("done", os.getpid())
        assert request.recipe is not None
        if request.action == "save":
            return ("done", _save(request.recipe, Path(request.path), request.dpi))
        return ("done", _draw(request.recipe, request.dpi))
    except ConcordError as exc:
        return ("refused", type(exc).__name__, str(exc))
    except Exception as exc:  # a bug: its kind and text, for the caller's one-line message and log
        log.exception("drawing a chart failed")
        return ("failed", type(exc).__name__, str(exc))


# -- in the caller --------------------------------------------------------------------------------------------
@contextmanager
def _main_module_kept_out() -> Iterator[None]:
    """While a child starts: multiprocessing runs the caller's main *script* again in a started child (unless the
    main module is a package's ``__main__``), so a script without an ``if __name__ == "__main__"`` guard (a
    benchmark, a user's own) would start over in the chart process. Nothing a chart needs lives there: marked as a
    package's ``__main__`` for that moment, the script is left out."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        yield
        return
    main.__spec__ = ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = None


class _Child:
    """The one pool of one process, made on first use and made again when its process has died."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pool: ProcessPoolExecutor | None = None
        self.exit_hook = False

    def executor(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        with self.lock:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=_prepare_child)
                with _main_module_kept_out():
                    self.pool.submit(os.getpid)  # starts the child now (the pool starts it on the first request)
                if not self.exit_hook:
                    atexit.register(shutdown)
                    self.exit_hook = True
            return self.pool

    def forget(self, pool: ProcessPoolExecutor) -> None:
        """Drop a broken pool (another caller may have replaced it already)."""
        with self.lock:
            if self.pool is pool:
                self.pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def ask(self, request: _Request) -> Any:
        from concurrent.futures.process import BrokenProcessPool

        pool = self.executor()
        try:
            future = pool.submit(_serve, request)
        except BrokenProcessPool:  # the child died between requests: nothing was lost, start another
            self.forget(pool)
            pool = self.executor()
            future = pool.submit(_serve, request)
        try:
            reply = future.result()
        except BrokenProcessPool as exc:
            self.forget(pool)
            raise ConcordError(translate(
                "errors", "the chart process ended unexpectedly: the chart was not drawn")) from exc
        return _answer(reply)


def _answer(reply: tuple[Any, ...]) -> Any:
    kind = reply[0]
    if kind == "done":
        return reply[1]
    if kind == "refused":
        raise _refusal(reply[1], reply[2])
    raise ConcordError(translate("errors", "the chart could not be drawn ({value}: {value2})").format(
        value=reply[1], value2=reply[2]))


_child = _Child()


def _request(action: str, recipe: ChartRecipe | None = None, dpi: int = 96, path: str = "") -> _Request:
    return _Request(action, recipe, dpi, path, current_language(), os.environ.get(TRANSLATIONS_ENV))


def draw(recipe: ChartRecipe, dpi: int = 96) -> DrawnChart | None:
    """The chart drawn by the child at ``dpi`` (None when its builder made no figure). Blocks until drawn: call it
    from a worker thread. Raises the builder's ConcordError, or a ConcordError when the child failed."""
    drawn: DrawnChart | None = _child.ask(_request("draw", recipe, dpi))
    return drawn


def checked_target(path: str | Path) -> Path:
    """``path`` if a chart can be saved there: a .png or .svg in a folder that exists (else a ValidationError)."""
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise ValidationError(translate(
            "errors", "{target}: charts are written as .png or .svg").format(target=target))
    if not target.parent.exists():
        raise ValidationError(translate(
            "errors", "{target}: folder {parent} does not exist").format(target=target, parent=target.parent))
    return target


def save(recipe: ChartRecipe, path: str | Path, dpi: int = 150) -> Path:
    """Write the chart as PNG or SVG (by ``path``'s suffix), built and written in the child; a wrong suffix, a
    missing folder or an unwritable file raises a ValidationError naming it, and nothing is written."""
    target = checked_target(path)
    _child.ask(_request("save", recipe, dpi, str(target)))
    return target


def build_here(recipe: ChartRecipe) -> Figure | None:
    """The recipe's Figure built in this process (scripts and tests inspecting a chart's artists)."""
    return _built(recipe)[0]


def warm() -> None:
    """Start the child and let it load matplotlib and the fonts now, so that the first chart finds it ready (blocks
    until it is: call it from a worker thread). A failure is logged; the first chart will report it."""
    try:
        _child.ask(_request("pid"))
    except Exception:  # noqa: BLE001 (warming up is an optimisation: the chart that needs the child says why)
        log.info("could not start the chart process", exc_info=True)


def start() -> None:
    """Start the child in the background, if it is not running yet (returns at once): a view about to show a chart
    calls it, so that the child is ready, or nearly, when the chart is asked for."""
    if _child.pool is None:
        threading.Thread(target=warm, name="concord-chart-process-start", daemon=True).start()


def child_pid() -> int:
    """The process id of the chart process (starting it if need be)."""
    pid: int = _child.ask(_request("pid"))
    return pid


def shutdown() -> None:
    """End the child (at exit: a chart still being drawn is not waited for beyond ``SHUTDOWN_WAIT_S``)."""
    with _child.lock:
        pool, _child.pool = _child.pool, None
    if pool is None:
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())  # the pool does not expose its process
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(SHUTDOWN_WAIT_S)
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=True)  # its threads and queues closed now, not by the interpreter tearing itself down


__all__ = ["ChartRecipe", "DrawnChart", "blank_figure", "build_here", "checked_target", "child_pid", "draw", "save",
           "shutdown", "start", "warm"]
