"""Audit-trail benchmark: what the hash chain costs per edit, and how the trail behaves at a million events.

1. 1,000 coding edits (``apply_code``, one durable transaction each, as the GUI makes them), timed end to end
   with the chained ``record()``, and 1,000 with the old one (``session.add`` only, no link), alternating in blocks so
   machine noise hits both alike; plus the time spent inside the chained ``record()`` call itself.
2. A project with N events (default 1,000,000) at schema 0003, upgraded to 0004 (the migration chains them all),
   then ``verify_chain``, the viewer's first page, a page filtered on a rare actor, the filter menus (facets) and
   a count.

    python benchmarks/bench_audit.py [--edits 1000] [--events 1000000]

Prints the figures; nothing is written to docs (the lead copies them).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TEXT = " ".join(f"Sentence {n} says something about the alliance and its budget." for n in range(400))


def _legacy_record(session: Any, actor: str, action: str, entity: str, entity_uuid: str | None,
                   before: dict | None = None, after: dict | None = None) -> None:
    """``record()`` as it was before the chain: the event is only added, written by the commit's flush."""
    from models import AuditEvent

    session.add(AuditEvent(actor=actor, action=action, entity=entity, entity_uuid=entity_uuid, before=before,
                           after=after))


def _edit_project(folder: Path) -> tuple[Path, int, int, int]:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.importing import add_document_text
    from coding.project import Project

    path = folder / "edits.concord"
    with Project.create(path) as project, project.session() as session:
        document = add_document_text(session, name="Long", text=TEXT, source_name="l.txt", format="txt")
        coder = get_or_create_coder(session, "Lin", actor="Lin")
        return path, document.id, coder.id, find_code(session, "Owner functions").id


def measure_edits(edits: int) -> dict[str, float]:
    import coding.codings as codings_module
    from coding import audit
    from coding.project import Project

    chained_record = audit.record
    inside: list[float] = []

    def timed_record(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return chained_record(*args, **kwargs)
        finally:
            inside.append(time.perf_counter() - start)

    with tempfile.TemporaryDirectory() as folder:
        path, document_id, coder_id, code_id = _edit_project(Path(folder))
        timings: dict[str, list[float]] = {"chained": [], "legacy": []}
        with Project.open(path) as project:
            for block in range(2 * edits // 50):  # each variant makes ``edits`` edits
                kind = "chained" if block % 2 == 0 else "legacy"
                codings_module.record = timed_record if kind == "chained" else _legacy_record
                for number in range(50):
                    start = time.perf_counter()
                    with project.session() as session:
                        offset = (block * 50 + number) % 20_000
                        codings_module.apply_code(
                            session, document_id=document_id, coder_id=coder_id, code_id=code_id,
                            start=offset, end=offset + 10, actor="Lin")
                    timings[kind].append(time.perf_counter() - start)
        codings_module.record = chained_record
    return {
        "edit_chained_ms": statistics.median(timings["chained"]) * 1000,
        "edit_legacy_ms": statistics.median(timings["legacy"]) * 1000,
        "edit_chained_p90_ms": statistics.quantiles(timings["chained"], n=10)[-1] * 1000,
        "edit_legacy_p90_ms": statistics.quantiles(timings["legacy"], n=10)[-1] * 1000,
        "record_call_median_ms": statistics.median(inside) * 1000,
        "edits_each": len(timings["chained"]),
    }


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def measure_million(events: int) -> dict[str, float]:
    import sqlalchemy as sa

    from coding.audit import AuditFilter, audit_facets, count_events, list_events, verify_chain
    from coding.project import Project
    from models.store import make_engine, migrate, sqlite_url

    table = sa.table("audit_events", *(sa.column(n) for n in ("at", "actor", "action", "entity", "entity_uuid")),
                     sa.column("before", sa.JSON), sa.column("after", sa.JSON))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "million.concord"
        engine = make_engine(sqlite_url(path))
        migrate(engine, "0003")
        start_at = datetime(2024, 1, 1, tzinfo=UTC)
        with engine.begin() as connection:
            connection.execute(sa.text("insert into project_meta (key, value) values ('app', 'concord')"))
            for first in range(0, events, 50_000):
                connection.execute(table.insert(), [
                    {"at": (start_at + timedelta(seconds=n)).replace(tzinfo=None), "actor": "rare" if n == 7 else
                     ("Lin", "Wang", "Morgan")[n % 3], "action": "apply_code", "entity": "coding",
                     "entity_uuid": f"{n:036d}", "before": None,
                     "after": {"document_id": 1, "coder_id": 1, "code_id": n % 13, "start": n, "end": n + 40,
                               "memo": "" if n % 10 else "访谈备注"}}
                    for n in range(first, min(first + 50_000, events))
                ])
        engine.dispose()
        upgrade_s, project = _timed(lambda: Project.open(path))
        with project, project.session() as session:
            verify_s, result = _timed(lambda: verify_chain(session))
            page_s, _ = _timed(lambda: list_events(session, limit=500))
            rare_s, rare = _timed(lambda: list_events(session, AuditFilter(actor="rare"), limit=500))
            facets_s, _ = _timed(lambda: audit_facets(session))
            count_s, _ = _timed(lambda: count_events(session))
            assert result.ok and result.checked == events and len(rare) == 1
    return {"events": events, "upgrade_s": upgrade_s, "verify_s": verify_s, "first_page_ms": page_s * 1000,
            "rare_actor_page_ms": rare_s * 1000, "facets_ms": facets_s * 1000, "count_ms": count_s * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    for key, value in {**measure_edits(args.edits), **measure_million(args.events)}.items():
        print(f"{key:24} {value:,.3f}" if isinstance(value, float) else f"{key:24} {value:,}")


if __name__ == "__main__":
    main()
