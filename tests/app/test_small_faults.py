"""Issue 11 item 10: small display faults — counts in the singular, no "-0.00"."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app import dialogs
from app.analysis.common import format_number
from app.itemmodels.documents_model import DocumentsModel
from app.main import MainWindow
from coding.readers import DocumentRow
from tests.app.conftest import Sample
from tests.app.helpers import code_id, rows


def test_table_figures_show_no_negative_zero() -> None:
    assert format_number(-0.0, 2) == "0.00"
    assert format_number(-0.001, 2) == "0.00"
    assert format_number(-1234.56, 1) == "-1,234.6"


def test_document_tooltip_counts_one_coding_in_the_singular(qtbot) -> None:
    model = DocumentsModel()
    row = DocumentRow(id=1, uuid="u1", name="Interview 1", language="en", format="txt", words=10, turns=1, sentences=1,
                      case_name=None, groups=())
    model.reload([row], [])
    model.update_counts({1: 1}, {1: 1})
    tip = model.data(model.index_of_document(1), Qt.ItemDataRole.ToolTipRole)
    assert "coded by you: 1 coding" in tip and "1 codings" not in tip
    model.update_counts({1: 2}, {1: 2})
    assert "coded by you: 2 codings" in model.data(model.index_of_document(1), Qt.ItemDataRole.ToolTipRole)


def test_delete_code_refuses_before_asking_for_confirmation(window: MainWindow, sample: Sample, messages: list[str],
                                                           monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question, *args, **kwargs: asked.append(question) or True)
    window.codebook_panel.select_code(code_id(sample.path, "Organizational changes"))
    window.delete_code_action.trigger()
    assert asked == []  # never "Delete the code …?" followed by "cannot delete"
    assert len(messages) == 1 and messages[0].startswith("Cannot delete '") and "has 1 coding;" in messages[0]
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE name = 'Organizational changes'") == [(1,)]


def test_heatmap_rows_sharing_a_leaf_name_show_their_parents() -> None:
    from app.agreement.charts import row_labels
    from app.agreement.results_model import Row

    rows = [Row(None, "All codes", None), Row("a", "Roles/Owner functions/Social functions", 2),
            Row("b", "Roles/Funder functions/Social functions", 2), Row("c", "Roles/Trust", 1)]
    assert row_labels(rows) == ["All codes", "Owner functions/Social functions", "Funder functions/Social functions",
                                "Trust"]



def test_the_consensus_coder_is_named_as_soon_as_accepting_creates_it(qtbot, settings, messages,
                                                                     tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.agreement import install
    from tests.app.test_review_accept_agreed import project as agreed_project

    path = agreed_project.__wrapped__(tmp_path)  # the fixture's body: Ann and Ben agree on two passages
    window = MainWindow(path, settings, coder="Ann")
    qtbot.addWidget(window)
    install(window)
    window.show()
    review = window.agreement_tools.show_review(["Ann", "Ben"])  # type: ignore[attr-defined]
    assert review is not None and "Consensus" not in window.coders.values()
    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    consensus = rows(path, "SELECT id, name FROM coders WHERE is_consensus = 1")
    assert len(consensus) == 1 and window.coders.get(consensus[0][0]) == consensus[0][1]  # not "?"
    review.bench.undo_stack.undo()
    assert messages == []
    window.close()
