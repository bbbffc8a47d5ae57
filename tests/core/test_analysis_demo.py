"""The analyses on the demo project (8 interviews in seed 003's four alliance modes, two coders)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import docx
import pytest
from sqlalchemy import func, select

from coding.codebook import CodeTree
from coding.analysis.crosstab import crosstab
from coding.analysis.filters import SegmentFilter
from coding.analysis.matrix import framework_matrix
from coding.analysis.retrieval import count_segments
from coding.export.matrix import export_matrix_docx
from coding.export.summary import export_summary_docx
from coding.project import Project
from models import Attribute, AttributeValue, Coding, Document


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coding.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.concord")


def test_table_3_from_the_demo_matches_a_plain_count(demo: Path, tmp_path: Path) -> None:
    with Project.open(demo) as project, project.session() as session:
        tree = CodeTree.load(session)
        matrix = framework_matrix(session, rows="level3", columns="attribute:alliance_mode", tree=tree)
        mode = session.scalar(select(Attribute.id).where(Attribute.name == "alliance_mode"))
        plain = Counter(
            session.execute(
                select(Coding.code_id, AttributeValue.value)
                .join(Document, Document.id == Coding.document_id)
                .join(AttributeValue, (AttributeValue.case_id == Document.case_id) & (AttributeValue.attribute_id == mode))
            ).all()
        )
        modes = sorted({value for _, value in plain})
    assert [c.label for c in matrix.columns] == modes and len(modes) == 4
    for i, row in enumerate(matrix.rows):
        assert matrix.codings[i].tolist() == [plain.get((row.code_id, value), 0) for value in modes]
    assert matrix.codings.sum() > 0
    result = export_matrix_docx(matrix, tmp_path / "table3.docx", title="Table 3")
    table = docx.Document(str(result.path)).tables[0]
    assert len(table.rows) == 9 and len(table.columns) == 2 + 4


def test_demo_summary_quotes_every_coding(demo: Path, tmp_path: Path) -> None:
    with Project.open(demo) as project, project.session() as session:
        codings = session.scalar(select(func.count(Coding.id)))
        result = export_summary_docx(session, tmp_path / "summary.docx")
        consensus = count_segments(session, SegmentFilter(consensus=True))
    quotes = [p for p in docx.Document(str(result.path)).paragraphs if p.style.name == "Quote"]
    assert result.items == len(quotes) == codings and consensus == 0


def test_demo_crosstab_runs_the_tests(demo: Path) -> None:
    with Project.open(demo) as project, project.session() as session:
        code = CodeTree.load(session).at_level(3)[0]
        table = crosstab(session, code_id=code, attribute="alliance_mode")
    assert table.n == 8 and table.counts.shape == (2, 4)
