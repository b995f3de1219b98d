"""Which language a document is written in: Chinese or English, by the script of its letters.

No model is needed for the two languages the extractor reads: a Chinese text is mostly Han
characters even when it quotes English titles and references, and an English text has at most
a few Chinese names. One Han character is about one word, an English word about five Latin
letters, so the Han characters are weighed five-fold against Latin letters.
"""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SAMPLE = 20_000  # characters read: enough to decide, cheap on a 20 MB file
_HAN_WEIGHT = 5  # Latin letters per Han character for the same amount of text
# A text is Chinese when its Han characters carry at least this share of the (weighted) letters.
_CHINESE_SHARE = 0.3


def script_shares(text: str) -> tuple[int, int]:
    """(Han characters, Latin letters) in the first characters of ``text``."""
    sample = text[:_SAMPLE]
    return len(_HAN.findall(sample)), len(_LATIN.findall(sample))


def detect_language(text: str) -> str:
    """``"zh"`` or ``"en"``; a text with no letters at all counts as Chinese (the default path)."""
    han, latin = script_shares(text)
    weighted = han * _HAN_WEIGHT
    if weighted + latin == 0:
        return "zh"
    return "zh" if weighted / (weighted + latin) >= _CHINESE_SHARE else "en"
