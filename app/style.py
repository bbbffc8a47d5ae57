"""Fonts and a light style sheet derived from the system palette, so light and dark themes both look right."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from app.transcript_view import CJK_FAMILIES


def use_cjk_fallback(app: QApplication) -> None:
    """Let every widget show Chinese: add an installed CJK family (Noto Sans CJK SC first) behind the UI font."""
    available = set(QFontDatabase.families())
    cjk = [family for family in CJK_FAMILIES if family in available]
    if not cjk:
        return
    font = QFont(app.font())
    families = font.families() or [font.family()]
    font.setFamilies([*families, *[f for f in cjk if f not in families]])
    app.setFont(font)


def _mix(first: QColor, second: QColor, share: float) -> str:
    return QColor.fromRgbF(
        first.redF() * (1 - share) + second.redF() * share,
        first.greenF() * (1 - share) + second.greenF() * share,
        first.blueF() * (1 - share) + second.blueF() * share,
    ).name()


def style_sheet(palette: QPalette) -> str:
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    accent = palette.color(QPalette.ColorRole.Highlight)
    border = _mix(window, text, 0.16)
    muted = _mix(base, text, 0.6)
    card = _mix(window, base, 0.7)
    header_bg = _mix(window, text, 0.05)
    on_accent = palette.color(QPalette.ColorRole.HighlightedText).name()
    return f"""
QMainWindow::separator {{ background: {border}; width: 1px; height: 1px; }}
QDockWidget {{ font-weight: 600; }}
QDockWidget::title {{ background: {header_bg}; padding: 6px 8px; border-bottom: 1px solid {border}; text-align: left; }}
QDockWidget > QWidget {{ font-weight: normal; }}
QTreeView, QTableView, QListWidget, QTextBrowser, QPlainTextEdit {{ border: none; }}
QTreeView::item, QTableView::item {{ padding: 2px 0px; }}
QHeaderView::section {{ background: {header_bg}; border: none; border-bottom: 1px solid {border};
    padding: 4px 6px; font-weight: 600; }}
QLineEdit, QComboBox {{ padding: 4px 6px; border: 1px solid {border}; border-radius: 5px; background: {base.name()}; }}
QLineEdit:focus {{ border: 1px solid {accent.name()}; }}
QPushButton {{ padding: 5px 12px; border: 1px solid {border}; border-radius: 5px; background: {card}; }}
QPushButton:hover {{ border-color: {accent.name()}; }}
QPushButton#primaryButton {{ background: {accent.name()}; color: {on_accent}; border: 1px solid {accent.name()}; }}
QLabel#transcriptTitle {{ font-size: 15pt; font-weight: 600; }}
QLabel#transcriptSubtitle, QLabel#hint {{ color: {muted}; }}
QLabel#placeholder {{ color: {muted}; font-size: 12pt; }}
QTextBrowser#definitionPane {{ background: {card}; border-top: 1px solid {border}; padding: 6px; }}
QFrame#startCard {{ background: {base.name()}; border: 1px solid {border}; border-radius: 10px; }}
QLabel#startTitle {{ font-size: 26pt; font-weight: 700; }}
QLabel#startTagline {{ color: {muted}; font-size: 11.5pt; }}
QLabel#sectionLabel {{ font-weight: 600; color: {muted}; }}
QListWidget#recentList::item {{ padding: 6px 4px; border-bottom: 1px solid {border}; }}
QDialog#quickCodePalette {{ background: {base.name()}; border: 1px solid {accent.name()}; border-radius: 8px; }}
QStatusBar {{ border-top: 1px solid {border}; }}
QStatusBar QLabel {{ padding: 0px 8px; }}
QLabel#blindBadge {{ background: {_mix(base, accent, 0.18)}; border-radius: 4px; padding: 1px 8px; }}
"""


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(style_sheet(app.palette()))


__all__ = ["apply_style", "style_sheet", "use_cjk_fallback"]
