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
from functools import lru_cache

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
# Full-width punctuation counts as "CJK side" when deciding whether a space is noise.
_WIDE = f"{_CJK}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
_WIDE_RE = re.compile(f"[{_WIDE}]")
_TERMINAL = "。！？；…!?"
_CIRCLED = "\u2460-\u2473"  # ① .. ⑳
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"

# A line that opens a footnote: ①, ¹, "12. ", "3 “Title…" — never the day or month of a
# date broken across lines ("2021 年 5 月" / "18 日，…")
_NOTE_START = re.compile(
    rf"^\s*(?:[{_CIRCLED}]|[{_SUPERSCRIPTS}]+|\d{{1,3}}(?:\.\s*|\s+)(?=[“\"'A-Za-z{_CJK}])(?![年月日号时]))"
)
_NOTE_ALWAYS = re.compile(rf"^\s*(?:[{_CIRCLED}]|[{_SUPERSCRIPTS}])")
# Evidence that a numbered line is a citation, not a numbered list item.
_CITATION_HINT = re.compile(
    r"https?://|www\.|Retrieved|\bVol\.|\bpp?\.\s*\d|\bNo\.\s*\d|年第\s*\d+\s*期|第\s*[\d\-–]+\s*页|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}|网[:：]|\bet al\.|^[\w.\-]+(?:/[\w.\-]+){2,}",
    re.IGNORECASE,
)
_URL_END = re.compile(r"(?:https?://\S+|>|\.htm\S*|\.html\S*|\.pdf\S*)\s*$")
_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*$")
_MARKDOWN = re.compile(r"\*\*")
_INLINE_MARKER = re.compile(
    rf"[{_CIRCLED}{_SUPERSCRIPTS}∗]"
    # a footnote number glued after sentence punctuation: 声明。6 / 影响。1 (not 。6月, nor a
    # month broken from its 月 by a PDF line break: 。11\n月 17 日)
    rf"|(?<=[。，；：！？”）\)])\d{{1,2}}(?![\d年月日号%．.万亿])(?!\s{{1,3}}[年月日号])(?=\s|$|[{_CJK}“])"
)


EVIDENCE_LIMIT = 200  # characters: a sentence longer than this is cut to its clauses
_GAP_NOISE = re.compile(rf"[\s\d{_CIRCLED}{_SUPERSCRIPTS}∗*]+")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")


def _clauses_around(text: str, lo: int, hi: int, anchor: int, limit: int) -> tuple[int, int]:
    """The clauses of text[lo:hi] around ``anchor``, grown while they fit in ``limit``."""
    cuts = [lo] + [m.end() for m in _CLAUSE_END.finditer(text, lo, hi)] + [hi]
    cuts = sorted(set(cuts))
    first = max(c for c in cuts if c <= anchor)
    last = min((c for c in cuts if c > anchor), default=hi)
    while True:
        grown = False
        before = [c for c in cuts if c < first]
        if before and last - before[-1] <= limit:
            first, grown = before[-1], True
        after = [c for c in cuts if c > last]
        if after and after[0] - first <= limit:
            last, grown = after[0], True
        if not grown:
            break
    if last - first > limit:  # one clause longer than the limit: a window on the anchor
        first = max(first, anchor - limit // 2)
        last = min(last, first + limit)
    return first, last


@dataclass
class CleanText:
    """Cleaned text plus, for every cleaned character, its index in the original.

    ``ends`` is set when a cleaned character may stand for several original ones (a phrase
    converted from traditional script, extract/script.py): its original span is
    [offsets[i], ends[i]). Without it every character stands for one."""

    original: str
    text: str
    offsets: list[int]
    ends: list[int] | None = None

    def _end(self, i: int) -> int:
        return self.ends[i] if self.ends is not None else self.offsets[i] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the cleaned span [start, end)."""
        if not self.offsets or start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self._end(end - 1)

    def evidence_span(
        self, start: int, end: int, anchor: int, limit: int = EVIDENCE_LIMIT
    ) -> tuple[int, int]:
        """Original span of the sentence [start, end) around the cleaned position ``anchor``.

        A sentence rejoined across a dropped footnote block or page footer would carry
        that block in its original span: the evidence is the piece of the sentence on the
        anchor's side of the block. A piece longer than ``limit`` characters is narrowed
        to the clauses around the anchor."""
        if start >= end or end > len(self.offsets):
            return self.span(start, end)
        anchor = min(max(anchor, start), end - 1)
        lo, hi = start, end
        offsets = self.offsets
        # one stretch of the original (offsets rise by one): no gap to look for
        contiguous = self.ends is None and offsets[end - 1] - offsets[start] == end - 1 - start
        for k in range(start + 1, start + 1 if contiguous else end):
            gap_start = self._end(k - 1)
            if gap_start >= offsets[k]:  # adjacent in the original: no gap to look at
                continue
            gap = self.original[gap_start : offsets[k]]
            if len(_GAP_NOISE.sub("", gap)) > 4:  # more than spaces, a page number or a marker
                if k <= anchor:
                    lo = k
                else:
                    hi = k
                    break
        if hi - lo > limit:
            lo, hi = _clauses_around(self.text, lo, hi, anchor, limit)
        return self.span(lo, hi)


def _has_cjk(line: str) -> bool:
    return bool(_CJK_RE.search(line))


# a footnote number glued after the sentence end (…新项目。40) does not reopen the sentence
_TRAILING_MARKER = re.compile(r"(?<=[。！？；…!?”）)])\s*\d{1,3}\s*$")


def _ends_terminal(line: str) -> bool:
    stripped = _TRAILING_MARKER.sub("", line.rstrip())
    if not stripped:
        return True
    return stripped[-1] in _TERMINAL + ".。）)>" or bool(_URL_END.search(stripped))


def _latin_end(line: str) -> bool:
    """The line ends in Latin text (a citation's title, publisher or URL)."""
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1].isascii()


def _body_line(line: str) -> bool:
    """Mostly Chinese and not opening with punctuation that continues a citation."""
    stripped = line.strip()
    return bool(stripped) and stripped[0] not in "，。、；：）》”" and _cjk_share(stripped) >= 0.5


def _cjk_share(text: str) -> float:
    """Share of CJK characters among the visible ones (citations are mostly Latin)."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(1 for ch in visible if _CJK_RE.match(ch)) / len(visible)


def _note_lines(lines: list[str]) -> set[int]:
    """Indices of lines that belong to footnote / citation blocks."""
    dropped: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        starts = _NOTE_START.match(line)
        if not starts:
            latin = bool(line.strip()) and not _has_cjk(line)
            # a Latin line right after a dropped citation line continues it (a broken URL)
            if latin and (_CITATION_HINT.search(line) or (i - 1) in dropped):
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
            if _PAGE_NUMBER.match(nxt):
                # a page footer (— 7 —) inside the block: dropped with it, but it is the note
                # before it, not the footer, that tells whether the body resumes after it
                block.append(j)
                j += 1
                continue
            # a Latin citation followed by a Chinese line: the body text resumes there
            # (the citation's last line often ends in a broken URL, not in a full stop)
            if _latin_end(prev) and not _NOTE_START.match(nxt) and _body_line(nxt):
                break
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
    stripped = _TRAILING_MARKER.sub("", line.rstrip())
    if re.search(r"[。！？!?…][”’」』]$", stripped):
        return True  # a quotation closed after its full stop
    return not stripped or stripped[-1] in _TERMINAL or bool(_URL_END.search(stripped))


# a line ending inside a phrase: a comma, an opening bracket or quote, a dash
_OPEN_END = re.compile(r"[，、：（(“《—]\s*$")
# a bullet or list marker opens a new item: it never continues the line before
_ITEM_START = re.compile(
    r"^\s*(?:[\uf0b7\uf0a7\uf06c•●▪■◆◇○\-–]\s*|[（(]?[一二三四五六七八九十]+[、)）]|（[一二三四五六七八九十]+）)"
)


@lru_cache(maxsize=8192)
def _width(line: str) -> float:
    """Display width: CJK and full-width characters count 1, others 0.5 (cached: asked twice)."""
    stripped = line.strip()
    wide = len(_WIDE_RE.findall(stripped))
    return wide + 0.5 * (len(stripped) - wide)


def _date_cut(prev: str, line: str) -> bool:
    tail, head = prev.rstrip(), line.lstrip()
    if not tail or not head:
        return False
    return (tail[-1].isdigit() and head[0] in "年月日号") or (tail[-1] in "年月" and head[0].isdigit())


_YEAR_HEADING = re.compile(r"^\s*(?:[12]\d{3}|[〇零一二三四五六七八九]{4})\s*年?\s*$")


def _joins(prev: str, line: str, full: float, interrupted: bool, paragraph_start: bool) -> bool:
    """Does ``line`` continue the sentence of ``prev``?

    A date cut in two is always continued; otherwise a line that ends a sentence never is. A
    line ending inside a phrase, or cut by a footnote block, or as wide as the body
    text, is continued. A short line that opens a paragraph and is followed by a longer
    one is a heading; another short line is continued only in narrow-column text (the
    next line is about as short)."""
    # first: "…访问。11" + "月 17 日，…" is a date cut after a full stop, not a footnote mark
    if _date_cut(prev, line):
        return True
    if _ends_sentence(prev):
        return False
    if _ITEM_START.match(line):
        return False
    if _OPEN_END.search(prev) or interrupted:
        return True
    wide, nxt = _width(prev), _width(line)
    if wide >= full or wide >= 40:
        return True
    heading_like = not re.search(r"[，,；;。]", prev)  # a heading has no clause punctuation
    if paragraph_start and heading_like and (_ITEM_START.match(prev) or nxt > wide + 2):
        return False
    return wide >= 6 and nxt <= max(wide * 1.5, wide + 6)


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
    interrupted = False  # a dropped footnote block lies between prev_line and this line
    paragraph_start = True  # prev_line opened a paragraph (it did not continue the line before)
    blank_between = False  # an empty line lies between prev_line and this line
    for i, line in enumerate(lines):
        if i in dropped:
            interrupted = interrupted or bool(line.strip())
            continue
        if not line.strip():
            blank_between = prev_line is not None
            continue
        if prev_line is not None:
            # a chronology's year heading (2021年) over its rows (1月20日 …), an empty line
            # between: not one date cut in two
            heading = blank_between and _YEAR_HEADING.match(prev_line) is not None
            joined = not heading and _joins(prev_line, line, full, interrupted, paragraph_start)
            paragraph_start = not joined
            if joined:
                # Latin words broken across lines keep one space between them.
                if chars and re.match(r"[A-Za-z0-9,]", chars[-1][-1:]) and re.match(r"\s*[A-Za-z0-9]", line):
                    chars.append(" ")
                    offs.append(starts[i] - 1)
            else:
                chars.append("\n")
                offs.append(starts[i] - 1)
        base = starts[i]
        stripped_start = len(line) - len(line.lstrip())
        body = line.rstrip()
        chars.append(body[stripped_start:])  # pieces, not characters: one append per line
        offs.extend(range(base + stripped_start, base + len(body)))
        prev_line = line
        interrupted = False
        blank_between = False
    text = "".join(chars)
    text, offs = _drop(text, offs, _MARKDOWN)
    text, offs = _drop(text, offs, _INLINE_MARKER)
    text, offs = _squeeze_spaces(text, offs)
    return CleanText(original=original, text=text, offsets=offs)


def _drop(text: str, offs: list[int], pattern: re.Pattern[str]) -> tuple[str, list[int]]:
    return _without(text, offs, [m.span() for m in pattern.finditer(text)])


def _without(text: str, offs: list[int], cuts: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """``text`` and its offsets without the ascending, disjoint spans ``cuts``, by slices
    (a pass over every character in Python took seconds on a megabyte)."""
    if not cuts:  # the usual case: nothing to drop
        return text, offs
    pieces: list[str] = []
    kept: list[int] = []
    pos = 0
    for start, end in cuts:
        pieces.append(text[pos:start])
        kept.extend(offs[pos:start])
        pos = max(pos, end)
    pieces.append(text[pos:])
    kept.extend(offs[pos:])
    return "".join(pieces), kept


_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")


def _squeeze_spaces(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Drop spaces next to CJK text or between a digit and CJK; keep one between Latin words."""
    cuts: list[tuple[int, int]] = []
    for m in _SPACE_RUN.finditer(text):
        left = text[m.start() - 1] if m.start() > 0 else "\n"
        right = text[m.end()] if m.end() < len(text) else "\n"
        if left == "\n" or right == "\n" or _WIDE_RE.match(left) or _WIDE_RE.match(right):
            cuts.append((m.start(), m.end()))
        elif m.end() - m.start() > 1:
            cuts.append((m.start() + 1, m.end()))
    return _without(text, offs, cuts)
