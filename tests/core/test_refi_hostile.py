"""Hostile or broken archives: a clear error, and never a partial project left behind."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.errors import ImportFileError, ProjectFileError
from coding.project import Project
from coding.refi import ArchiveLimits, import_qdc, import_qdpx
from models import Code, Coding, Document

P = "urn:QDA-XML:project:1.0"
CODE = "c0de0000-0000-4000-8000-000000000001"
TEXT = "The bureau decides 😀 most things. 医联体。"


def g(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012d}"


def project_xml(sources: str = "", extra: str = "", codebook: bool = True, prolog: str = "") -> bytes:
    book = (
        f'<CodeBook><Codes><Code guid="{CODE}" name="Owner" isCodable="true"/></Codes></CodeBook>' if codebook else ""
    )
    body = f'<Project xmlns="{P}" name="x">{book}<Sources>{sources}</Sources>{extra}</Project>'
    return f'<?xml version="1.0" encoding="utf-8"?>{prolog}{body}'.encode()


def text_source(number: int, path: str, selections: str = "") -> str:
    return f'<TextSource guid="{g(number)}" name="Doc {number}" plainTextPath="{path}">{selections}</TextSource>'


def coded(start: int | str, end: int | str, code: str = CODE, number: int = 50) -> str:
    return (
        f'<PlainTextSelection guid="{g(number)}" startPosition="{start}" endPosition="{end}">'
        f'<Coding guid="{g(number + 1)}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
    )


def make_qdpx(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name) if name.startswith(("/", "..")) else name, data)
    return path


def assert_refused(folder: Path, qdpx: Path, match: str, **kwargs) -> None:
    with pytest.raises(ImportFileError, match=match) as raised:
        import_qdpx(qdpx, folder / "out.concord", **kwargs)
    assert str(raised.value).startswith(str(qdpx))
    assert sorted(p.name for p in folder.iterdir()) == [qdpx.name], "no project (or temporary file) may be left"


def valid_members() -> dict[str, bytes]:
    return {
        "project.qde": project_xml(text_source(1, "internal://a.txt", coded(4, 10))),
        "sources/a.txt": TEXT.encode(),
    }


@pytest.mark.parametrize(
    "name", ["../evil.txt", "sources/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", "sources\\..\\..\\evil.txt"]
)
def test_member_names_that_escape_the_archive_are_refused(tmp_path: Path, name: str) -> None:
    qdpx = make_qdpx(tmp_path / "slip.qdpx", {**valid_members(), name: b"owned"})
    assert_refused(tmp_path, qdpx, "refused as unsafe")


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "bomb.qdpx", {**valid_members(), "sources/zeros.txt": b"\0" * (20 << 20)})
    assert_refused(tmp_path, qdpx, "zip bomb")


def test_zip_bomb_by_total_size(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "big.qdpx", valid_members())
    assert_refused(tmp_path, qdpx, "zip bomb", limits=ArchiveLimits(max_total_bytes=200))


def test_too_many_members(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "many.qdpx", {**valid_members(), **{f"sources/{i}.txt": b"x" for i in range(20)}})
    assert_refused(tmp_path, qdpx, "more than the 10 allowed", limits=ArchiveLimits(max_members=10))


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "plain.qdpx"
    path.write_text("<Project/>")
    assert_refused(tmp_path, path, "not a REFI-QDA project archive")


def test_archive_without_project_xml(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "empty.qdpx", {"sources/a.txt": b"text"})
    assert_refused(tmp_path, qdpx, "no project.qde")


XXE = '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


@pytest.mark.parametrize("prolog", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_xml_entities_are_refused(tmp_path: Path, prolog: str) -> None:
    body = project_xml(text_source(1, "internal://a.txt"), extra="<Description>&b;</Description>", prolog=prolog)
    qdpx = make_qdpx(tmp_path / "xxe.qdpx", {"project.qde": body, "sources/a.txt": TEXT.encode()})
    assert_refused(tmp_path, qdpx, "entit")


def test_entities_hidden_beyond_the_prolog_scan_are_still_refused(tmp_path: Path) -> None:
    padding = "<!-- " + "x" * 70_000 + " -->"
    body = project_xml(text_source(1, "internal://a.txt"), prolog=f'<!DOCTYPE Project [{padding}<!ENTITY e "boom">]>')
    qdpx = make_qdpx(tmp_path / "late.qdpx", {"project.qde": body, "sources/a.txt": TEXT.encode()})
    assert_refused(tmp_path, qdpx, "entit")


def test_malformed_xml(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "bad.qdpx", {"project.qde": b"<Project><Sources></Project>"})
    assert_refused(tmp_path, qdpx, "not well-formed")


# -- files that contradict themselves -----------------------------------------------------------------
def broken_archives() -> dict[str, tuple[dict[str, bytes], str, str, int]]:
    """name -> (members, error text, skipped kind, documents imported when skipping)."""
    second = text_source(2, "internal://b.txt", coded(0, 3, number=60))
    return {
        "missing source": (
            {
                "project.qde": project_xml(second + text_source(1, "internal://gone.txt", coded(0, 3))),
                "sources/b.txt": b"Other text",
            },
            "its text is not in the archive",
            "sources without text",
            1,
        ),
        "position beyond the text": (
            {
                "project.qde": project_xml(second + text_source(1, "internal://a.txt", coded(5, 500))),
                "sources/b.txt": b"Other text",
                "sources/a.txt": TEXT.encode(),
            },
            "lies beyond the text",
            "selections beyond the text",
            2,
        ),
        "position of 10**30": (
            {
                "project.qde": project_xml(second + text_source(1, "internal://a.txt", coded(0, 10**30))),
                "sources/b.txt": b"Other text",
                "sources/a.txt": TEXT.encode(),
            },
            "at 0–1000000000000000000000000000000 lies beyond the text",
            "selections beyond the text",
            2,
        ),
        "position of -1e30": (
            {
                "project.qde": project_xml(second + text_source(1, "internal://a.txt", coded("-1e30", 4))),
                "sources/b.txt": b"Other text",
                "sources/a.txt": TEXT.encode(),
            },
            "lies beyond the text",
            "selections beyond the text",
            2,
        ),
        "unknown code": (
            {
                "project.qde": project_xml(second + text_source(1, "internal://a.txt", coded(0, 4, code=g(999)))),
                "sources/a.txt": TEXT.encode(),
                "sources/b.txt": b"Other text",
            },
            "which the codebook does not hold",
            "codings with unknown code",
            2,
        ),
        "unknown case member": (
            {
                "project.qde": project_xml(
                    second,
                    extra=f'<Cases><Case guid="{g(70)}" name="P"><SourceRef targetGUID="{g(71)}"/></Case></Cases>',
                ),
                "sources/b.txt": b"Other text",
            },
            "which the file does not hold",
            "case members with unknown source",
            1,
        ),
        "unknown note": (
            {
                "project.qde": project_xml(second).replace(
                    b"</Project>", f'<NoteRef targetGUID="{g(72)}"/></Project>'.encode()
                ),
                "sources/b.txt": b"Other text",
            },
            "refers to note",
            "references to unknown notes",
            1,
        ),
    }


@pytest.mark.parametrize("case", list(broken_archives()))
def test_broken_references_are_refused_by_default(tmp_path: Path, case: str) -> None:
    members, message, _kind, _documents = broken_archives()[case]
    qdpx = make_qdpx(tmp_path / "broken.qdpx", members)
    assert_refused(tmp_path, qdpx, message)


@pytest.mark.parametrize("case", list(broken_archives()))
def test_broken_references_can_be_skipped_and_are_counted(tmp_path: Path, case: str) -> None:
    members, _message, kind, documents = broken_archives()[case]
    qdpx = make_qdpx(tmp_path / "broken.qdpx", members)
    report = import_qdpx(qdpx, tmp_path / "out.concord", skip_broken=True)
    assert report.skipped[kind] == 1
    assert report.counts["sources"] == documents
    project = Project.open(tmp_path / "out.concord")
    try:
        with project.session() as session:
            assert session.scalar(select(func.count(Document.id))) == documents
    finally:
        project.close()


def test_failure_after_the_first_source_leaves_nothing(tmp_path: Path) -> None:
    sources = text_source(1, "internal://a.txt", coded(0, 4)) + text_source(
        2, "internal://b.txt", coded(0, 400, number=60)
    )
    qdpx = make_qdpx(
        tmp_path / "late.qdpx",
        {"project.qde": project_xml(sources), "sources/a.txt": TEXT.encode(), "sources/b.txt": b"short"},
    )
    assert_refused(tmp_path, qdpx, "Doc 2.*beyond the text")


def test_existing_project_is_never_overwritten(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "ok.qdpx", valid_members())
    (tmp_path / "out.concord").write_bytes(b"precious")
    with pytest.raises(ProjectFileError, match="already exists"):
        import_qdpx(qdpx, tmp_path / "out.concord")
    assert (tmp_path / "out.concord").read_bytes() == b"precious"


def test_a_valid_archive_imports(tmp_path: Path) -> None:
    qdpx = make_qdpx(tmp_path / "ok.qdpx", valid_members())
    report = import_qdpx(qdpx, tmp_path / "out.concord")
    assert report.counts["codings"] == 1
    project = Project.open(tmp_path / "out.concord")
    try:
        with project.session() as session:
            start, end = session.execute(select(Coding.start, Coding.end)).one()
            assert session.scalar(select(Document.text))[start:end] == "bureau"
    finally:
        project.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.qdpx", "out.concord"]


def test_hostile_codebook_changes_nothing(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "p.concord")
    try:
        with project.session() as session:
            before = session.scalar(select(func.count(Code.id)))
        qdc = tmp_path / "evil.qdc"
        qdc.write_text(
            f'{XXE}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
            f'<Code guid="{g(5)}" name="&xxe;" isCodable="true"/></Codes></CodeBook>'
        )
        with pytest.raises(ImportFileError, match="entit"), project.session() as session:
            import_qdc(session, qdc, actor="t")
        bomb = make_qdpx(tmp_path / "bomb.qdpx", {"project.qde": project_xml(), "x.txt": b"\0" * (20 << 20)})
        with pytest.raises(ImportFileError, match="zip bomb"), project.session() as session:
            import_qdc(session, bomb, actor="t")
        with project.session() as session:
            assert session.scalar(select(func.count(Code.id))) == before
    finally:
        project.close()


def test_cancelled_import_leaves_no_project(tmp_path: Path) -> None:
    from coding.errors import CancelledError

    sources = text_source(1, "internal://a.txt", coded(4, 10)) + text_source(2, "internal://b.txt")
    qdpx = make_qdpx(
        tmp_path / "ok.qdpx",
        {"project.qde": project_xml(sources), "sources/a.txt": TEXT.encode(), "sources/b.txt": b"Other"},
    )
    calls: list[tuple[int, int]] = []
    with pytest.raises(CancelledError):
        import_qdpx(
            qdpx,
            tmp_path / "out.concord",
            progress=lambda done, total: calls.append((done, total)),
            cancel=lambda: len(calls) >= 1,
        )
    assert calls == [(0, 2)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.qdpx"]


# -- interrupted imports leave nothing behind ---------------------------------------------------------
def _two_sources(folder: Path) -> Path:
    sources = text_source(1, "internal://a.txt", coded(4, 10)) + text_source(2, "internal://b.txt")
    return make_qdpx(
        folder / "ok.qdpx",
        {"project.qde": project_xml(sources), "sources/a.txt": TEXT.encode(), "sources/b.txt": b"Other words"},
    )


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, RuntimeError])
def test_an_exception_from_the_progress_callback_leaves_no_file(tmp_path: Path, interruption: type) -> None:
    qdpx = _two_sources(tmp_path)

    def interrupt(done: int, _total: int) -> None:
        if done == 1:  # the first source is in the new project by now
            raise interruption("stop")

    with pytest.raises(interruption):
        import_qdpx(qdpx, tmp_path / "out.concord", progress=interrupt)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.qdpx"]


CHILD_IMPORT = """
import sys, time
from pathlib import Path
from coding.refi import import_qdpx

def stall(done, total):
    Path(sys.argv[3]).write_text("in the loader")
    time.sleep(120)

import_qdpx(sys.argv[1], sys.argv[2], progress=stall)
"""


def test_work_files_of_an_import_killed_outright_are_cleared_by_the_next_one(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    qdpx = _two_sources(tmp_path)
    marker = tmp_path / "marker"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_IMPORT, str(qdpx), str(tmp_path / "out.concord"), str(marker)],
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the child import never reached its loader"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    marker.unlink()
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out.importing-"))
    assert left and all(f"-{child.pid}-" in name for name in left), left  # what kill -9 leaves
    report = import_qdpx(qdpx, tmp_path / "out.concord")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.qdpx", "out.concord"]
    assert any("interrupted import" in warning for warning in report.warnings)


def test_only_work_files_of_dead_runs_are_cleared(tmp_path: Path) -> None:
    import os
    import subprocess
    import time

    from coding.refi.scratch import HOST_TAG, STALE_AFTER_SECONDS, clear_stale

    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        dead = subprocess.Popen(["true"])
        dead.wait()
        names = {
            "live": f".a.importing-{HOST_TAG}-{sleeper.pid}-0000000a.concord",
            "mine": f".b.importing-{HOST_TAG}-{os.getpid()}-0000000b.concord",  # another thread's import
            "dead": f".c.importing-{HOST_TAG}-{dead.pid}-0000000c.concord",
            "dead lock": f".c.importing-{HOST_TAG}-{dead.pid}-0000000c.concord.lock",
            "foreign, recent": ".d.importing-0badc0de-12-0000000d.concord",
            "foreign, old": ".e.exporting-0badc0de-12-0000000e.qdpx.tmp",
            "older version, old": ".f.importing-0000000f.concord",
            "user's file": ".notes.importing.txt",
        }
        for name in names.values():
            (tmp_path / name).write_text("x")
        old = time.time() - STALE_AFTER_SECONDS - 60
        for key in ("foreign, old", "older version, old", "user's file"):
            os.utime(tmp_path / names[key], (old, old))
        target = tmp_path / "elsewhere.txt"
        target.write_text("keep")
        (tmp_path / f".g.importing-{HOST_TAG}-{dead.pid}-0000000f.concord").symlink_to(target)
        removed = sorted(path.name for path in clear_stale(tmp_path))
    finally:
        sleeper.kill()
        sleeper.wait()
    expected = sorted(names[key] for key in ("dead", "dead lock", "foreign, old", "older version, old"))
    assert removed == expected
    assert target.read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [names[key] for key in ("live", "mine", "foreign, recent", "user's file")]
        + ["elsewhere.txt", f".g.importing-{HOST_TAG}-{dead.pid}-0000000f.concord"]
    )


@pytest.mark.parametrize(
    "stamp",
    ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+23:59", "2024-13-45T99:00:00Z", "99999-01-01T00:00:00"],
)
def test_dates_beyond_the_calendar_are_warned_about_not_fatal(tmp_path: Path, stamp: str) -> None:
    source = (
        f'<TextSource guid="{g(1)}" name="Doc 1" plainTextPath="internal://a.txt" creationDateTime="{stamp}">'
        f'<PlainTextSelection guid="{g(50)}" startPosition="4" endPosition="10" modifiedDateTime="{stamp}">'
        f'<Coding guid="{g(51)}" creationDateTime="{stamp}"><CodeRef targetGUID="{CODE}"/></Coding>'
        "</PlainTextSelection></TextSource>"
    )
    notes = f'<Notes><Note guid="{g(60)}" name="N" creationDateTime="{stamp}" modifiedDateTime="{stamp}"/></Notes>'
    qdpx = make_qdpx(
        tmp_path / "dates.qdpx", {"project.qde": project_xml(source, notes), "sources/a.txt": TEXT.encode()}
    )
    report = import_qdpx(qdpx, tmp_path / "out.concord")
    assert report.counts["codings"] == 1
    unreadable = [w for w in report.warnings if "is not a date Concord can read" in w]
    assert len(unreadable) == 5
    assert any(w.startswith("<TextSource> 'Doc 1': creationDateTime") for w in unreadable)
    assert any(w.startswith("<Note> 'N': modifiedDateTime") for w in unreadable)


def test_colour_channels_beyond_any_number_are_a_default_colour(tmp_path: Path) -> None:
    book = (
        f'<CodeBook><Codes><Code guid="{CODE}" name="Owner" isCodable="true" color="rgb(1e999, 0, 0)"/>'
        "</Codes></CodeBook>"
    )
    xml = f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{P}" name="x">{book}</Project>'.encode()
    report = import_qdpx(make_qdpx(tmp_path / "colour.qdpx", {"project.qde": xml}), tmp_path / "out.concord")
    assert report.counts["codes"] == 1
