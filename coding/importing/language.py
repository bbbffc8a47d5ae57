"""Which pipeline a document needs: Chinese when CJK characters make up enough of its letters."""

from __future__ import annotations

import re

# Han ideographs (unified, extension A, compatibility, extensions B and later).
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
DEFAULT_ZH_THRESHOLD = 0.3
# A share needs no more than this many characters; longer texts are sampled evenly (every k-th character).
SAMPLE_CHARS = 20_000


def cjk_share(text: str) -> float:
    """Han characters as a share of all letters (0.0 for a text without letters)."""
    sample = text[:: max(1, len(text) // SAMPLE_CHARS)]
    letters = sum(map(str.isalpha, sample))
    return len(_CJK.findall(sample)) / letters if letters else 0.0


def detect_language(text: str, threshold: float = DEFAULT_ZH_THRESHOLD) -> str:
    """``"zh"`` when at least ``threshold`` of the letters are Han characters, else ``"en"``."""
    return "zh" if cjk_share(text) >= threshold else "en"


__all__ = ["DEFAULT_ZH_THRESHOLD", "cjk_share", "detect_language"]
