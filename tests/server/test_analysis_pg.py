"""Every analysis on a PostgreSQL project gives what it gives on the same project in an SQLite file.

The analysis world (tests/core/test_analysis_world.py: English and Chinese transcripts, cases with attributes, a
group, three coders with a consensus) is built by the same operations on both engines; each analysis runs with
the same options on both and its whole output (``to_dict``, tables, segments, hits) must be equal — ids included,
since both engines number rows in insertion order; uuids (random on each build) are compared by position. The CLI
runs the analyses on a URL, and a segment export is written from a server project.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from coding.analysis.cooccurrence import cooccurrence
from coding.analysis.crosstab import crosstab
from coding.analysis.filters import SegmentFilter, resolve_filter
from coding.analysis.frequencies import code_frequencies
from coding.analysis.matrix import cell_segments, framework_matrix
from coding.analysis.retrieval import count_segments, iter_segments, retrieve_segments, segment_ids
from coding.analysis.search import search_text
from coding.analysis.sql import postgres_sql
from coding.analysis.words import word_frequencies
from coding.cli import cli
from coding.export.segments import export_segments
from sqlalchemy.orm import Session
from tests.core.engines import server_world_template, world_on
from tests.core.test_analysis_world import World
from tests.pg import RunningServer

Analysis = Callable[[Session, World], Any]


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def comparable(output: object) -> str:
    """The output as JSON with each uuid named by the order it first appears in: the two worlds were built
    separately, so their uuids differ, but the same rows must come in the same places."""
    text = json.dumps(output, sort_keys=True, default=str, ensure_ascii=False)
    seen: dict[str, str] = {}
    return _UUID.sub(lambda match: seen.setdefault(match.group(0), f"uuid-{len(seen)}"), text)


def _segments(found: list[Any]) -> list[dict[str, object]]:
    return [segment.to_dict() for segment in found]


def _filters(session: Session) -> dict[str, SegmentFilter]:
    return {
        "all": SegmentFilter(),
        "pooled": resolve_filter(session, coders=["Lin", "Wang"], pooled=True),
        "lin, doctors": resolve_filter(session, coders=["Lin"], where=["role=Doctor"]),
        "group, descendants": resolve_filter(session, codes=["Decision rights"], descendants=True,
                                             groups=["Luohu transcripts"]),
        "not luohu, consensus": resolve_filter(session, where=["alliance_mode!=Luohu"], consensus=False),
        "cases": resolve_filter(session, cases=["P1", "P3"], documents=["D1", "D3", "Z1"]),
    }


ANALYSES: dict[str, Analysis] = {
    "words by case": lambda s, w: word_frequencies(s, by="case", top=None).to_rows(),
    "words by group, stop words": lambda s, w: word_frequencies(s, by="group", include_stop_words=True).to_rows(),
    "words by document in scope": lambda s, w: word_frequencies(
        s, by="document", scope=_filters(s)["cases"]).to_rows(),
    "frequencies by role": lambda s, w: code_frequencies(s, by="attribute:role").records(),
    "frequencies by case, pooled": lambda s, w: code_frequencies(s, by="case", flt=_filters(s)["pooled"]).records(),
    "frequencies by document, no roll-up": lambda s, w: code_frequencies(s, by="document", rollup=False,
                                                                         words=False).records(),
    "co-occurrence overlap": lambda s, w: cooccurrence(s).to_dict(),
    "co-occurrence sentence, pooled": lambda s, w: cooccurrence(s, unit="sentence",
                                                                flt=_filters(s)["pooled"]).to_dict(),
    "co-occurrence turn": lambda s, w: cooccurrence(s, unit="turn").to_dict(),
    "matrix level3 x mode": lambda s, w: framework_matrix(s, columns="attribute:alliance_mode").to_dict(),
    "matrix level2 x cases": lambda s, w: framework_matrix(s, rows="level2").to_dict(),
    "cell quotes": lambda s, w: _segments(
        cell_segments(s, framework_matrix(s, columns="attribute:alliance_mode"), 0, 0)),
    "crosstab role": lambda s, w: crosstab(s, code_id=w.codes["OF"], attribute="role").to_dict(),
    "crosstab mode, Lin": lambda s, w: crosstab(s, code_id=w.codes["DR"], attribute="alliance_mode",
                                                flt=resolve_filter(s, coders=["Lin"])).to_dict(),
    "search word": lambda s, w: [h.to_dict() for h in search_text(s, "decides")],
    "search phrase in scope": lambda s, w: [h.to_dict() for h in search_text(
        s, "the budget", mode="phrase", unit="words", context=3, scope=_filters(s)["cases"])],
    "search regex": lambda s, w: [h.to_dict() for h in search_text(s, r"appoint\w*", mode="regex")],
    "search lemma": lambda s, w: [h.to_dict() for h in search_text(s, "decide", mode="lemma")],
    "search chinese": lambda s, w: [h.to_dict() for h in search_text(s, "预算", context=2, unit="words")],
}
for _name in ("all", "pooled", "lin, doctors", "group, descendants", "not luohu, consensus", "cases"):
    ANALYSES[f"segments {_name}"] = lambda s, w, n=_name: _segments(retrieve_segments(s, _filters(s)[n]))
    ANALYSES[f"count {_name}"] = lambda s, w, n=_name: count_segments(s, _filters(s)[n])
    ANALYSES[f"page {_name}"] = lambda s, w, n=_name: segment_ids(s, _filters(s)[n], limit=3, offset=2)
    ANALYSES[f"iterated {_name}"] = lambda s, w, n=_name: _segments(list(iter_segments(s, _filters(s)[n])))
ANALYSES["page of one frequent code"] = lambda s, w: segment_ids(
    s, resolve_filter(s, codes=["Decision rights/Owner functions"]), limit=2)


@pytest.fixture
def both(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         tmp_path: Path) -> Iterator[dict[str, World]]:
    """The world on an SQLite file and on a PostgreSQL database, both open."""
    for folder in ("sqlite", "postgres"):
        (tmp_path / folder).mkdir()
    sqlite = world_on("sqlite", request, tmp_path_factory, tmp_path / "sqlite")
    postgres = world_on("postgres", request, tmp_path_factory, tmp_path / "postgres")
    worlds = {"sqlite": next(sqlite), "postgres": next(postgres)}
    yield worlds
    for opened in (sqlite, postgres):
        next(opened, None)


def test_every_analysis_gives_the_same_output_on_both_engines(both: dict[str, World]) -> None:
    assert both["postgres"].project.on_server and not both["sqlite"].project.on_server
    outputs: dict[str, dict[str, Any]] = {}
    for engine, world in both.items():
        with world.session() as session:
            outputs[engine] = {name: analysis(session, world) for name, analysis in ANALYSES.items()}
    for name in ANALYSES:
        assert comparable(outputs["postgres"][name]) == comparable(outputs["sqlite"][name]), name
    assert outputs["sqlite"]["count all"] == 16 and len(outputs["sqlite"]["search word"]) == 3  # not trivially empty


def test_the_analyses_see_the_sessions_own_unsaved_changes_on_postgres(both: dict[str, World]) -> None:
    """Like SQLite's, the server's analysis queries run on the session's own connection, inside its transaction."""
    from coding.codings import apply_code

    world = both["postgres"]
    with world.session() as session:
        before = count_segments(session, SegmentFilter())
        apply_code(session, document_id=world.documents["D5"], coder_id=world.coders["Wang"],
                   code_id=world.codes["OC"], start=0, end=11, actor="tester")
        assert count_segments(session, SegmentFilter()) == before + 1
        session.rollback()
    with world.session() as session:
        assert count_segments(session, SegmentFilter()) == before


def test_a_cancelled_count_leaves_the_server_session_usable(both: dict[str, World]) -> None:
    """Word shares stream the transcripts through a server-side cursor; cancelling mid-way closes it."""
    from coding.errors import CancelledError

    with both["postgres"].session() as session:
        with pytest.raises(CancelledError):
            code_frequencies(session, by="document", cancel=lambda: True)
        assert count_segments(session, SegmentFilter()) == 16
        assert code_frequencies(session, by="document").coded_words is not None  # the cursor's name is free again


def test_the_cli_analyses_take_a_url(pg_server: RunningServer, tmp_path: Path) -> None:
    database = "cli_world"
    url = pg_server.clone(server_world_template(pg_server), database)
    try:
        runner = CliRunner()
        search = runner.invoke(cli, ["search", url, "decides", "--json"], catch_exceptions=False)
        assert search.exit_code == 0, search.output
        assert len(json.loads(search.output)["hits"]) == 3 and pg_server.password not in search.output
        listed = runner.invoke(cli, ["segments", url, "--code", "Decision rights/Owner functions", "--json"],
                               catch_exceptions=False)
        assert listed.exit_code == 0, listed.output
        assert json.loads(listed.output)["total"] >= 1
        out = tmp_path / "segments.csv"
        exported = runner.invoke(cli, ["export", "segments", url, "--code", "Decision rights/Owner functions",
                                       "--out", str(out)], catch_exceptions=False)
        assert exported.exit_code == 0, exported.output
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) - 1 == json.loads(listed.output)["total"]
    finally:
        pg_server.drop(database)


def test_a_segment_export_from_a_server_project_equals_the_files(both: dict[str, World], tmp_path: Path) -> None:
    written = {}
    for engine, world in both.items():
        with world.session() as session:
            target = tmp_path / f"{engine}.csv"
            export_segments(session, target, flt=resolve_filter(session, coders=["Lin"]))
            written[engine] = target.read_text(encoding="utf-8-sig")
    assert comparable(written["postgres"]) == comparable(written["sqlite"]) and "The board decides" in written["sqlite"]


@pytest.mark.parametrize(("sqlite", "postgres"), [
    ("SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))",
     "SELECT id FROM documents WHERE id IN "
     "(SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(%s AS json)))"),
    ('SELECT group_concat(c."end") FROM codings c WHERE +c.code_id IN (1,2)',
     "SELECT string_agg(CAST(c.\"end\" AS text), ',') FROM codings c WHERE c.code_id IN (1,2)"),
    ("SELECT id FROM documents ORDER BY name", 'SELECT id FROM documents ORDER BY name COLLATE "C"'),
    ("SELECT id FROM documents d WHERE d.name LIKE '10%' ORDER BY d.name LIMIT ? OFFSET ?",
     "SELECT id FROM documents d WHERE d.name LIKE '10%%' ORDER BY d.name COLLATE \"C\" LIMIT %s OFFSET %s"),
])
def test_sqlite_spelling_becomes_postgres_spelling(sqlite: str, postgres: str) -> None:
    assert postgres_sql(sqlite) == postgres
