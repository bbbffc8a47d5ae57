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


def coded(start: int, end: int, code: str = CODE, number: int = 50) -> str:
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
