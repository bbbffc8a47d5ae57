"""Hostile and odd input files: memory bombs, huge counts, DTD entities, symbolic links, pipes.

Each is refused with one message naming the file and the problem (or the limit and how to raise it), in
bounded memory and time, and the project is left as it was.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.errors import ImportFileError
from coding.importing import ImportOptions, import_paths
from coding.importing.read import read_source
from models import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODY_START = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
BODY_END = b"</w:body></w:document>"
REPO_ROOT = Path(__file__).resolve().parents[2]


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>".encode()


def hostile_docx(real: Path, target: Path, document_xml: Iterable[bytes], *, level: int = 6,
                 replace: dict[str, bytes] | None = None) -> Path:
    """A real .docx (made by python-docx) with its word/document.xml, written chunk by chunk, swapped for
    ``document_xml``: small on disk, as large as wanted unpacked."""
    replace = replace or {}
    with zipfile.ZipFile(real) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level
                                                          ) as out:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with out.open("word/document.xml", "w", force_zip64=True) as stream:
                    for chunk in document_xml:
                        stream.write(chunk)
            else:
                out.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
    return target


@pytest.fixture
def real_docx(tmp_path: Path, import_make_docx) -> Path:
    return import_make_docx(tmp_path / "real.docx", [("p", "Interviewer: How did the alliance start?")])


def assert_refused(project, counts: Callable[[], dict[str, int]], path: Path, *problems: str,
                   options: ImportOptions | None = None) -> str:
    before = counts()
    [task] = import_paths(project, [path], options=options).items
    assert task.status == "failed", task.message
    assert task.message.startswith(f"{path}: "), task.message
    for problem in problems:
        assert problem in task.message, task.message
    assert counts() == before  # nothing written
    return task.message


def read_in_child(path: Path, **options: int) -> dict:
    """read_source in a fresh interpreter: its outcome and how much its peak memory grew while reading."""
    script = f"""
import json, resource, sys
from pathlib import Path
from coding.importing.options import ImportOptions
from coding.importing.read import read_source
from coding.errors import ImportFileError
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    outcome = {{"chars": len(read_source(Path({str(path)!r}), ImportOptions(**{options!r})).text)}}
except ImportFileError as exc:
    outcome = {{"refused": str(exc)}}
outcome["growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(outcome))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# -- item 10: memory bombs under the zip limits ---------------------------------------------------
def test_the_reported_bomb_is_refused_before_it_is_unpacked(import_project, import_counts, real_docx,
                                                           tmp_path: Path) -> None:
    """1.9 MB on disk, 246 MB of document.xml: python-docx took 3.7 GB and raised MemoryError."""
    turns = paragraph("Q: and what happened next?") * 20_000
    bomb = hostile_docx(real_docx, tmp_path / "interview.docx",
                        [BODY_START, *[turns] * (246 * 2**20 // len(turns)), BODY_END], level=1)
    assert bomb.stat().st_size < 2.5 * 2**20
    message = assert_refused(import_project, import_counts, bomb)
    assert re.fullmatch(
        rf"{re.escape(str(bomb))}: word/document.xml expands to 24\d\.\d MB, over the 64.0 MB limit "
        r"\(raise ImportOptions.max_xml_bytes or concord import --max-xml-mb\)",
        message,
    ), message
    outcome = read_in_child(bomb)
    assert outcome["refused"] == message and outcome["growth_mb"] < 32


def test_a_large_docx_within_the_limits_is_read_in_bounded_memory(real_docx, tmp_path: Path) -> None:
    """Word-style XML (run properties on every run) unpacking to 15 MB: python-docx's tree grew the process
    by ~220 MB; read as a stream it stays near the size of the text."""
    run = ('<w:r><w:rPr><w:rFonts w:ascii="Calibri"/><w:b/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr>'
           '<w:t xml:space="preserve">{} </w:t></w:r>')
    paragraphs = (
        ('<w:p><w:pPr><w:spacing w:after="120"/><w:ind w:left="0"/></w:pPr>'
         + "".join(run.format(word) for word in ("R:", "yes", str(number), "ok", "fine")) + "</w:p>").encode()
        for number in range(20_000)
    )
    large = hostile_docx(real_docx, tmp_path / "large.docx", [BODY_START, *paragraphs, BODY_END], level=1)
    assert zipfile.ZipFile(large).getinfo("word/document.xml").file_size > 15 * 10**6
    outcome = read_in_child(large)
    assert outcome["chars"] == sum(len(f"R: yes {number} ok fine") for number in range(20_000)) + 2 * 19_999
    assert outcome["growth_mb"] < 80


@pytest.mark.parametrize(
    ("name", "blocks", "options", "problem"),
    [
        ("paragraphs", 2_001, ImportOptions(max_paragraphs=2_000),
         "more than 2,000 paragraphs, over the limit (raise ImportOptions.max_paragraphs or concord import "
         "--max-paragraphs)"),
        ("elements", 2_001, ImportOptions(max_xml_elements=5_000),
         "word/document.xml holds more than 5,000 XML elements, over the limit (raise ImportOptions.max_xml_elements"),
        ("chars", 2_001, ImportOptions(max_chars=20_000),
         "more than 20,000 characters of text, over the limit (raise ImportOptions.max_chars"),
        ("turns", 2_001, ImportOptions(max_turns=2_000),
         "2,001 speaker turns, over the limit of 2,000 (raise ImportOptions.max_turns or concord import --max-turns)"),
        ("unpacked", 10, ImportOptions(max_unpacked_bytes=20_000),
         "the package expands to "),  # python-docx's template: styles, theme, fonts
        ("xml", 10, ImportOptions(max_xml_bytes=2_000), "word/styles.xml expands to"),
    ],
)
def test_counts_over_a_limit_are_refused_naming_it(import_project, import_counts, real_docx, tmp_path: Path,
                                                  name: str, blocks: int, options: ImportOptions, problem: str) -> None:
    path = hostile_docx(real_docx, tmp_path / f"{name}.docx",
                        [BODY_START, *(paragraph(f"R{n}: answer number {n}") for n in range(blocks)), BODY_END])
    message = assert_refused(import_project, import_counts, path, problem, options=options)
    assert name != "unpacked" or message.endswith("over the 19.5 KB limit (raise ImportOptions.max_unpacked_bytes "
                                                  "or concord import --max-unpacked-mb)")
    assert import_paths(import_project, [path]).items[0].status == "imported"  # the defaults pass it


def test_millions_of_turns_are_refused_before_segmenting(import_project, import_counts, real_docx,
                                                        tmp_path: Path) -> None:
    """A 33 MB .docx took 156 s and stored 2.8 million "turns"; the defaults now stop such files quickly."""
    docx = hostile_docx(real_docx, tmp_path / "many.docx",
                        [BODY_START, *(paragraph(f"S{n % 97}: ok {n}") for n in range(60_000)), BODY_END])
    assert_refused(import_project, import_counts, docx, "60,000 speaker turns, over the limit of 50,000")
    text = tmp_path / "many.txt"
    text.write_text("".join(f"S{n % 97}: ok\n" for n in range(80_000)), encoding="utf-8")
    assert_refused(import_project, import_counts, text, "80,000 speaker turns, over the limit of 50,000")
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 1_200_000, encoding="utf-8")
    assert_refused(import_project, import_counts, huge, "holds 6,000,000 characters, over the limit of 5,000,000")


def test_the_default_limits_pass_a_three_hour_interview(import_project, import_make_docx, tmp_path: Path) -> None:
    """Real transcripts pass by a wide margin: 3 hours, 600 turns, ~45,000 words, in a .docx and a .txt."""
    answer = ("The referral office sends the patient on within three days now, and the county hospital keeps "
              "a share of the outpatient quota for us, which is the biggest change since the alliance began. ")
    turns = [f"{'Interviewer' if n % 2 == 0 else 'Dr Li'}: {answer * (1 if n % 2 == 0 else 4)}" for n in range(600)]
    docx = import_make_docx(tmp_path / "three hours.docx", [("p", turn) for turn in turns])
    plain = tmp_path / "three hours.txt"
    plain.write_text("\n\n".join(turns).replace("Dr Li", "R"), encoding="utf-8")
    report = import_paths(import_project, [docx, plain])
    assert [task.status for task in report.items] == ["imported", "imported"], report.summary
    assert all(task.turns == 600 and task.words > 45_000 for task in report.items)


def declare_size(path: Path, member: str, size: int) -> None:
    """Overwrite the unpacked size the central directory declares for ``member`` (the data stays)."""
    data, name = bytearray(path.read_bytes()), member.encode()
    record = data.index(b"PK\x01\x02")
    while data[record + 46 : record + 46 + len(name)] != name:
        record = data.index(b"PK\x01\x02", record + 4)
    assert struct.unpack_from("<I", data, record + 24)[0] != 0xFFFFFFFF  # not a zip64 size
    struct.pack_into("<I", data, record + 24, size)
    path.write_bytes(bytes(data))


def test_a_lying_size_in_the_central_directory_is_caught(real_docx, tmp_path: Path) -> None:
    """A header that declares 1 KB for 3 MB: zipfile stops at the declared size and the CRC check fails."""
    path = hostile_docx(real_docx, tmp_path / "liar.docx",
                        [BODY_START, *(paragraph(f"R: {n}") for n in range(60_000)), BODY_END])
    declare_size(path, "word/document.xml", 1024)
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size == 1024
    with pytest.raises(ImportFileError) as caught:
        read_source(path)
    assert str(caught.value).startswith(f"{path}: damaged .docx file")


# -- item 12: DTDs and entities ------------------------------------------------------------------
ENTITY = f"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY e "the alliance pays for it">]>
<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>R: In the end &e; and nobody else.</w:t></w:r></w:p>
</w:body></w:document>"""
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ha">'
    + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>'
)
EXTERNAL = f"""<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "file:///etc/passwd">
<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>R: hello</w:t></w:r></w:p></w:body></w:document>"""
PARAMETER = f"""<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY % p SYSTEM "http://example.invalid/x">%p;]>
<w:document xmlns:w="{W_NS}"><w:body/></w:document>"""


@pytest.mark.parametrize("xml", [ENTITY, LAUGHS, EXTERNAL, PARAMETER], ids=["entity", "billion-laughs", "external",
                                                                         "parameter-entity"])
def test_a_dtd_in_the_document_is_refused(import_project, import_counts, real_docx, tmp_path: Path, xml: str) -> None:
    """python-docx kept the paragraph but silently dropped the entity's text ("R: In the end  and nobody else.")."""
    path = hostile_docx(real_docx, tmp_path / "dtd.docx", [xml.encode()])
    assert_refused(import_project, import_counts, path,
                   "word/document.xml declares a DTD (<!DOCTYPE …>), which Word never writes; refused as unsafe")


def test_a_dtd_in_the_package_relationships_is_refused(import_project, import_counts, real_docx,
                                                       tmp_path: Path) -> None:
    rels = zipfile.ZipFile(real_docx).read("_rels/.rels").decode()
    hostile = rels.replace("<Relationships", '<!DOCTYPE r [<!ENTITY x "y">]><Relationships', 1)
    document_xml = zipfile.ZipFile(real_docx).read("word/document.xml")
    path = hostile_docx(real_docx, tmp_path / "rels.docx", [document_xml], replace={"_rels/.rels": hostile.encode()})
    assert_refused(import_project, import_counts, path, "_rels/.rels declares a DTD")


def test_an_undeclared_entity_is_damage_not_silence(import_project, import_counts, real_docx, tmp_path: Path) -> None:
    xml = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>R: a&nbsp;b</w:t></w:r></w:p></w:body></w:document>'
    path = hostile_docx(real_docx, tmp_path / "nbsp.docx", [xml.encode()])
    assert_refused(import_project, import_counts, path, "damaged .docx file (word/document.xml is not well-formed XML",
                   "nbsp")


def test_predefined_and_character_references_are_text(real_docx, tmp_path: Path) -> None:
    body = paragraph("R: A &amp; B &lt;3 &#x597D;&#22909;")
    path = hostile_docx(real_docx, tmp_path / "refs.docx", [BODY_START, body, BODY_END])
    assert read_source(path).text == "R: A & B <3 好好"


def test_the_main_part_is_found_through_the_package_relationships(real_docx, tmp_path: Path) -> None:
    """Word writes word/document.xml, but the package's _rels/.rels is what names the main part."""
    with zipfile.ZipFile(real_docx) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    members["word/main.xml"] = members.pop("word/document.xml").replace(b"How did", b"Where did")
    members["word/_rels/main.xml.rels"] = members.pop("word/_rels/document.xml.rels")
    members["_rels/.rels"] = members["_rels/.rels"].replace(b"word/document.xml", b"/word/main.xml")
    path = tmp_path / "renamed.docx"
    with zipfile.ZipFile(path, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    assert read_source(path).text == "Interviewer: Where did the alliance start?"


# -- item 12: symbolic links and special files ----------------------------------------------------
def test_links_inside_folders_are_skipped_not_followed(import_project, tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Q: the password is swordfish", encoding="utf-8")
    folder = tmp_path / "interviews"
    (folder / "sub").mkdir(parents=True)
    (folder / "p01.txt").write_text("Q: hello\nA: hi", encoding="utf-8")
    (folder / "notes.txt").symlink_to(secret)
    (folder / "sub" / "p02.txt").write_text("Q: second\nA: yes", encoding="utf-8")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)  # would recurse forever
    (folder / "outside").symlink_to(secret.parent, target_is_directory=True)
    report = import_paths(import_project, [folder], options=ImportOptions(recursive=True))
    assert [(task.path.relative_to(folder).as_posix(), task.status) for task in report.items] == [
        ("notes.txt", "skipped"),
        ("outside", "skipped"),
        ("p01.txt", "imported"),
        ("sub/loop", "skipped"),
        ("sub/p02.txt", "imported"),
    ]
    assert report.items[0].message == (
        f"{folder / 'notes.txt'}: skipped: symbolic link (links inside folders are not followed)"
    )
    with import_project.session() as session:
        assert "swordfish" not in "".join(session.scalars(select(Document.text)))
    flat = import_paths(import_project, [folder])  # not recursive: links to folders are not mentioned
    assert [(task.path.name, task.status) for task in flat.items] == [("notes.txt", "skipped"), ("p01.txt", "skipped")]


def test_a_link_named_directly_is_imported_only_if_it_points_to_a_file(import_project, tmp_path: Path) -> None:
    real = tmp_path / "real interview.txt"
    real.write_text("Q: hello\nA: hi", encoding="utf-8")
    to_file, to_folder, dangling = tmp_path / "link.txt", tmp_path / "folder-link", tmp_path / "gone.txt"
    to_file.symlink_to(real)
    to_folder.symlink_to(tmp_path, target_is_directory=True)
    dangling.symlink_to(tmp_path / "nowhere.txt")
    report = import_paths(import_project, [to_file, to_folder, dangling])
    assert [task.status for task in report.items] == ["imported", "failed", "failed"]
    assert report.items[0].message.endswith(f"; symbolic link to {real.resolve()}")
    assert report.items[0].document_name == "link"
    assert report.items[1].message == (
        f"{to_folder}: symbolic link to a folder; not followed (name the folder itself: {tmp_path.resolve()})"
    )
    assert report.items[2].message == f"{dangling}: symbolic link to a file that does not exist"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(import_project, import_counts, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert_refused(import_project, import_counts, pipe, "is not a regular file (a device, pipe or socket)")
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    [task] = import_paths(import_project, [link]).items
    assert task.message == f"{link}: symbolic link to /dev/zero, which is not a regular file"


def test_an_unreadable_subfolder_is_reported_and_the_rest_imported(import_project, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    folder = tmp_path / "interviews"
    (folder / "locked").mkdir(parents=True)
    (folder / "p01.txt").write_text("Q: hello", encoding="utf-8")
    (folder / "locked").chmod(0)
    try:
        report = import_paths(import_project, [folder], options=ImportOptions(recursive=True))
    finally:
        (folder / "locked").chmod(0o700)
    assert [(task.path.name, task.status) for task in report.items] == [("locked", "failed"), ("p01.txt", "imported")]
    assert "cannot read the folder" in report.items[0].message
