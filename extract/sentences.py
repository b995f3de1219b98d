"""Sentences of a paragraph, none longer than a cap.

A sentence ends at 。！？ (or the paragraph's end). A run without them is cut into pieces of at
most ``MAX_SENTENCE_CHARS`` characters, at the last clause mark or space before the cap: the
per-sentence steps are quadratic in a sentence's length (a 260 KB line without a full stop took
52 s). Real sentences of the corpus stay under 400 characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_SENTENCE_CHARS = 600
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
_SOFT_BREAK = re.compile(r"[，,；;：:、\s]")


def split_sentences(
    text: str, cap: int = MAX_SENTENCE_CHARS, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs of ``text[start:end]`` (offsets into ``text``); no piece is longer
    than ``cap``."""
    for sentence in _SENTENCE.finditer(text, start, len(text) if end is None else end):
        first, last = sentence.span()
        while last - first > cap:
            window = text[first : first + cap]
            breaks = [m.end() for m in _SOFT_BREAK.finditer(window, cap // 2)]
            cut = first + (breaks[-1] if breaks else cap)
            yield first, text[first:cut]
            first = cut
        yield first, text[first:last]
