"""Files shaped like other programs' exports, read by Concord. The real files could not be vendored (no snapshot
or no licence: docs/refi.md, "Which export for which program"), so their documented shape is built here.

ATLAS.ti 26.1.2 (macOS), as documented for two exports in Ornio-app/qdpx-toolkit
(conformance/fixtures/atlasti/README.md and conformance/findings/ATLAS-ti-26-Conformance-Findings.md, MIT): the XML
is named after the ATLAS.ti project (``Trial.qde``), the video is an external ``relative:///`` source, selection
comments are bare ``<Description>``s, one selection has ``begin == end``, two selections carry two codings each,
codes have no colour, GUIDs are upper case.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker
from sqlalchemy import select

from coding.project import Project
from coding.refi import import_qdpx
from models import Code, Coder

NS = "urn:QDA-XML:project:1.0"
Q = ElementMaker(namespace=NS, nsmap={None: NS})
RESEARCHER = "088B08AC-D5CD-4ADB-8B71-B4F3459C177F"
ATLAS_USER = "C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B"
HELLO = "A182CD3A-D83C-4D8C-BC80-26D9103EC6D6"
TEST = "2D2466F0-D77F-4F8C-BDF9-628966B6B74D"


def _video_selection(number: int, begin: int, end: int, codes: list[str], comment: str = "") -> etree._Element:
    children: list[etree._Element] = [Q.Description(comment)] if comment else []
    children += [
        Q.Coding(Q.CodeRef(targetGUID=code), guid=f"5E1EC7ED-0000-4000-8000-{number:04d}{index:08d}",
                 creatingUser=RESEARCHER, creationDateTime="2026-09-13T10:00:00Z")
        for index, code in enumerate(codes)
    ]
    return Q.VideoSelection(*children, guid=f"5E1EC7ED-0000-4000-8000-{number:012d}", name=f"{begin // 1000}s",
                            begin=str(begin), end=str(end), creatingUser=RESEARCHER,
                            creationDateTime="2026-09-13T10:00:00Z")


def atlasti_26_video_project(path: Path) -> Path:
    selections = [
        _video_selection(1, 2274, 9000, [HELLO, TEST]),
        _video_selection(2, 15100, 18000, [HELLO, TEST]),
        _video_selection(3, 21477, 21477, [], "Hello Trying this out"),
        _video_selection(4, 29000, 31000, [], "Afdadfa Asdasd Yes Hi Claude"),
        _video_selection(5, 29500, 33000, [], "Hello Yes Assay Asda Asd Eww"),
        _video_selection(6, 40000, 41000, []),
    ]
    project = Q.Project(
        Q.Users(Q.User(guid=RESEARCHER, name="Researcher"), Q.User(guid=ATLAS_USER, name="ATLAS.ti")),
        Q.CodeBook(Q.Codes(Q.Code(guid=HELLO, name="hello", isCodable="true"),
                           Q.Code(guid=TEST, name="test", isCodable="true"))),
        Q.Sources(Q.VideoSource(*selections, guid="241BA0AA-0000-4000-8000-000000000001", name="Interview-2.MP4",
                                path="relative:///DD148A4A-B28B-4BC0-90D8-3D1FB587C8E5.mov",
                                creatingUser=RESEARCHER, creationDateTime="2026-09-13T09:00:00Z")),
        name="Trial", origin="ATLAS.ti 26.1.2 (34883) macOS", creatingUserGUID=RESEARCHER,
        creationDateTime="2026-09-13T09:00:00Z", basePath="/Users/someone/Desktop/Trial Media/Project Media",
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Trial.qde", etree.tostring(project, xml_declaration=True, encoding="utf-8"))
    return path


def test_an_atlasti_26_video_export_opens_with_its_codebook_and_reports_the_media(tmp_path: Path) -> None:
    source = atlasti_26_video_project(tmp_path / "Project.qdpx")
    report = import_qdpx(source, tmp_path / "trial.concord")
    assert any("Trial.qde" in warning for warning in report.warnings)
    assert report.skipped.get("video sources") == 1
    assert report.skipped.get("video selections") == 6  # the three comments ride on them, so are counted there
    assert report.skipped.get("codings on video sources") == 4
    with Project.open(tmp_path / "trial.concord") as project, project.session() as session:
        codes = {code.uuid: code.name for code in session.scalars(select(Code)) if code.name in {"hello", "test"}}
        coders = set(session.scalars(select(Coder.name)))
    assert codes == {HELLO.lower(): "hello", TEST.lower(): "test"}
    assert {"Researcher", "ATLAS.ti"} <= coders
