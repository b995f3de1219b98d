"""Clean text extracted from PDFs while keeping a map back to the original offsets.

PDF text arrives with lines broken inside sentences, page headers/footers,
footnote and citation blocks interleaved with the body (sometimes in the middle
of a sentence), inline footnote markers (``声明。6``, ``①``, ``¹``) and spaces
inside dates (``2014 年 11 月``).  Downstream stages work on the cleaned text;
every cleaned character remembers the index of the original character it came
from, so evidence offsets can always be given in the ORIGINAL text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
# Full-width punctuation counts as "CJK side" when deciding whether a space is noise.
_WIDE = f"{_CJK}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
_WIDE_RE = re.compile(f"[{_WIDE}]")
_TERMINAL = "。！？；…!?"
_CIRCLED = "\u2460-\u2473"  # ① .. ⑳
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"

# A line that opens a footnote: ①, ¹, "12. ", "3 “Title…"
_NOTE_START = re.compile(
    rf"^\s*(?:[{_CIRCLED}]|[{_SUPERSCRIPTS}]+|\d{{1,3}}(?:\.\s*|\s+)(?=[“\"'A-Za-z{_CJK}]))"
)
_NOTE_ALWAYS = re.compile(rf"^\s*(?:[{_CIRCLED}]|[{_SUPERSCRIPTS}])")
# Evidence that a numbered line is a citation, not a numbered list item.
_CITATION_HINT = re.compile(
    r"https?://|www\.|Retrieved|\bVol\.|\bpp?\.\s*\d|\bNo\.\s*\d|年第\s*\d+\s*期|第\s*[\d\-–]+\s*页|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}|网[:：]|\bet al\.",
    re.IGNORECASE,
)
_URL_END = re.compile(r"(?:https?://\S+|>|\.htm\S*|\.html\S*|\.pdf\S*)\s*$")
_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*$")
_MARKDOWN = re.compile(r"\*\*")
_INLINE_MARKER = re.compile(
    rf"[{_CIRCLED}{_SUPERSCRIPTS}∗]"
    # a footnote number glued after sentence punctuation: 声明。6 / 影响。1 (not 。6月)
    rf"|(?<=[。，；：！？”）\)])\d{{1,2}}(?![\d年月日号%．.万亿])(?=\s|$|[{_CJK}“])"
)


@dataclass
class CleanText:
    """Cleaned text plus, for every cleaned character, its index in the original."""

    original: str
    text: str
    offsets: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the cleaned span [start, end)."""
        if not self.offsets or start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def _has_cjk(line: str) -> bool:
    return bool(_CJK_RE.search(line))


def _ends_terminal(line: str) -> bool:
    stripped = line.rstrip()
    if not stripped:
        return True
    return stripped[-1] in _TERMINAL + ".。）)>" or bool(_URL_END.search(stripped))


def _note_lines(lines: list[str]) -> set[int]:
    """Indices of lines that belong to footnote / citation blocks."""
    dropped: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        starts = _NOTE_START.match(line)
        if not starts:
            if line.strip() and not _has_cjk(line) and _CITATION_HINT.search(line):
                dropped.add(i)
            i += 1
            continue
        # Collect the block: continuation lines until one ends a sentence and the
        # next looks like body text again.
        block = [i]
        j = i + 1
        prev = line
        while j < n:
            nxt = lines[j]
            if not nxt.strip():
                j += 1
                continue
            if (
                _NOTE_START.match(nxt)
                and (_NOTE_ALWAYS.match(nxt) or _CITATION_HINT.search(nxt) or not _has_cjk(nxt))
                or not _has_cjk(nxt)
                or not _ends_terminal(prev)
            ):
                block.append(j)
            else:
                break
            prev = nxt
            j += 1
        text = "\n".join(lines[k] for k in block)
        if _NOTE_ALWAYS.match(line) or _CITATION_HINT.search(text) or not _has_cjk(text):
            dropped.update(block)
            i = block[-1] + 1
        else:
            i += 1
    return dropped


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip()
    return not stripped or stripped[-1] in _TERMINAL or bool(_URL_END.search(stripped))


def _width(line: str) -> float:
    return sum(1.0 if _WIDE_RE.match(ch) else 0.5 for ch in line.strip())


def clean(original: str) -> CleanText:
    """Return the cleaned text with an offset map into ``original``."""
    lines = original.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1

    dropped = _note_lines(lines)
    counts = Counter(line.strip() for line in lines if line.strip())
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if _PAGE_NUMBER.match(s) or (counts[s] >= 3 and len(s) < 60 and not _ends_terminal(s)):
            dropped.add(i)

    widths = sorted(_width(line) for i, line in enumerate(lines) if line.strip() and i not in dropped)
    full = max(12.0, widths[int(len(widths) * 0.75)] * 0.8) if widths else 0.0

    chars: list[str] = []
    offs: list[int] = []
    prev_line: str | None = None
    for i, line in enumerate(lines):
        if i in dropped or not line.strip():
            continue
        if prev_line is not None:
            wide = _width(prev_line)
            joined = not _ends_sentence(prev_line) and (wide >= min(full, 15.0) or wide >= 40)
            if joined:
                # Latin words broken across lines keep one space between them.
                if chars and re.match(r"[A-Za-z0-9,]", chars[-1]) and re.match(r"\s*[A-Za-z0-9]", line):
                    chars.append(" ")
                    offs.append(starts[i] - 1)
            else:
                chars.append("\n")
                offs.append(starts[i] - 1)
        base = starts[i]
        stripped_start = len(line) - len(line.lstrip())
        body = line.rstrip()
        for k in range(stripped_start, len(body)):
            chars.append(body[k])
            offs.append(base + k)
        prev_line = line
    text = "".join(chars)
    text, offs = _drop(text, offs, _MARKDOWN)
    text, offs = _drop(text, offs, _INLINE_MARKER)
    text, offs = _squeeze_spaces(text, offs)
    return CleanText(original=original, text=text, offsets=offs)


def _drop(text: str, offs: list[int], pattern: re.Pattern[str]) -> tuple[str, list[int]]:
    keep = [True] * len(text)
    for m in pattern.finditer(text):
        for k in range(m.start(), m.end()):
            keep[k] = False
    return (
        "".join(c for c, k in zip(text, keep, strict=True) if k),
        [o for o, k in zip(offs, keep, strict=True) if k],
    )


_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")


def _squeeze_spaces(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Drop spaces next to CJK text or between a digit and CJK; keep one between Latin words."""
    keep = [True] * len(text)
    for m in _SPACE_RUN.finditer(text):
        left = text[m.start() - 1] if m.start() > 0 else "\n"
        right = text[m.end()] if m.end() < len(text) else "\n"
        if left == "\n" or right == "\n" or _WIDE_RE.match(left) or _WIDE_RE.match(right):
            for k in range(m.start(), m.end()):
                keep[k] = False
        else:
            for k in range(m.start() + 1, m.end()):
                keep[k] = False
    return (
        "".join(c for c, k in zip(text, keep, strict=True) if k),
        [o for o, k in zip(offs, keep, strict=True) if k],
    )
