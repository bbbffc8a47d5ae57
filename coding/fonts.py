"""Fonts for charts and Word exports: Chinese code names and words must draw as glyphs, not boxes.

Word exports name one family for Latin text and its East Asian companion for Chinese (``w:rFonts``
``w:eastAsia``): Times New Roman with SimSun (宋体), the pairing Chinese and English journals both expect and
that Word ships on Windows and macOS. LibreOffice substitutes the metric-compatible Liberation Serif and an
installed CJK serif (Noto Serif CJK).

matplotlib caches the system's fonts the first time it runs; a CJK font installed later (fonts-noto-cjk
is often installed after Python) stays unknown to it until added, which ``font_families`` does once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
                "SimHei", "PingFang SC")
DOCX_LATIN_FONT = "Times New Roman"
DOCX_EAST_ASIA_FONT = "SimSun"
DOCX_EAST_ASIA_LANGUAGE = "zh-CN"
CJK_FILE_HINTS = ("cjk", "sourcehan", "wqy", "wenquanyi", "msyh", "simhei", "pingfang")


def font_families() -> list[str]:
    """DejaVu Sans, then the installed CJK families: matplotlib falls back glyph by glyph."""
    return list(_families())


@cache
def _families() -> tuple[str, ...]:
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    if not installed.intersection(CJK_FAMILIES):
        # "ttf" finds .otf and .ttc files too (matplotlib's font extension synonyms)
        for path in font_manager.findSystemFonts(fontext="ttf"):
            name = Path(path).name.lower()
            if any(hint in name for hint in CJK_FILE_HINTS) and "mono" not in name:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # an unreadable font file is skipped
                    continue
        installed = {font.name for font in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *[name for name in CJK_FAMILIES if name in installed])
