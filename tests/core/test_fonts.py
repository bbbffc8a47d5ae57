"""Charts find a CJK font when one is installed, even if matplotlib's cache predates it."""

from __future__ import annotations

from matplotlib import font_manager

from coding.fonts import CJK_FILE_HINTS, font_families


def test_font_families_start_with_a_latin_font_and_add_installed_cjk_fonts() -> None:
    families = font_families()
    assert families[0] == "DejaVu Sans"
    system_cjk = [
        path for path in font_manager.findSystemFonts()
        if any(hint in path.lower() for hint in CJK_FILE_HINTS) and "mono" not in path.lower()
    ]
    if system_cjk:
        assert len(families) > 1, f"CJK fonts on the system ({system_cjk[0]}) but none offered to matplotlib"
