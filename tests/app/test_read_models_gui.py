"""The window's item models hold the rows of coding/'s readers — the same rows the CLI prints."""

from __future__ import annotations

import json

from click.testing import CliRunner

from app.main import MainWindow
from coding.cli import cli
from coding.codebook import CodeNode, CodeTree
from coding.project import Project
from coding.readers import document_rows, segments_of_codes
from tests.app.conftest import Sample
from tests.app.helpers import code_id


def test_documents_panel_rows_are_the_readers_rows_and_the_clis(window: MainWindow, sample: Sample) -> None:
    assert window.bench is not None
    with Project.open_for_reading(sample.path) as project, project.session() as session:
        expected = document_rows(session, window.bench.coder_id)
    assert window.documents_model.rows == expected and len(expected) == 2
    result = CliRunner().invoke(cli, ["documents", str(sample.path), "--json"], catch_exceptions=False)
    listed = [{k: v for k, v in row.items() if k != "metadata"} for row in json.loads(result.output)]
    assert listed == [row.to_dict() for row in window.documents_model.rows]


def test_codebook_panel_holds_the_code_tree(window: MainWindow, sample: Sample) -> None:
    with Project.open_for_reading(sample.path) as project, project.session() as session:
        tree = CodeTree.load(session)
    assert window.codebook_model.infos == tree.codes
    assert window.code_infos == tree.codes
    assert all(isinstance(node, CodeNode) for node in window.code_nodes.values())
    assert {code: node.path for code, node in window.code_nodes.items()} == tree.paths()
    for code, node in window.code_nodes.items():
        assert [child.id for child in node.children] == tree.children.get(code, [])


def test_segments_panel_rows_are_the_readers_segments_of_the_code(window: MainWindow, sample: Sample, qtbot) -> None:
    assert window.bench is not None
    organizational = code_id(sample.path, "Organizational changes")
    window.segments_dock.show()
    window.segments_panel.scope.setCurrentIndex(window.segments_panel.scope.findData("code"))
    window.codebook_panel.select_code(organizational)
    with Project.open_for_reading(sample.path) as project, project.session() as session:
        expected = segments_of_codes(session, [organizational], window.bench.visible_coder_ids())
    qtbot.waitUntil(lambda: window.segments_model.rows == expected)
    assert window.segments_model.rows == expected
