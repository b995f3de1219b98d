"""English text: cleaning with an offset map, paragraphs and sentences.

``clean_english`` returns the same ``CleanText`` as the Chinese cleaner (every cleaned
character keeps the index of its original character), so evidence offsets point into the
original file. It
* drops reference lists and citation lines (a "References" / "Notes" heading and the
  citation-like lines after it; a numbered line with a citation hint: Retrieved, Accessed, a
  URL, pp., Vol., doi);
* drops markdown emphasis and heading marks (``**``, ``#``) and list bullets;
* joins hard-wrapped lines of one paragraph with a space (a line not ending a sentence,
  followed by a line that is not a heading or a list item); a word hyphenated across a line
  break is rejoined.
Paragraphs are separated by one newline in the cleaned text.

``sentences`` cuts a paragraph at . ! ? followed by a space and a capital letter, a digit or
a quotation mark, except after an abbreviation (data/triggers_en.toml ``[text]``) or an
initial ("John F. Kerry", "U.S. officials").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..clean import CleanText

_CITATION_HINT = re.compile(
    r"\bRetrieved\b|\bAccessed\b|https?://|www\.|\bpp?\.\s*\d|\bVol\.|\bdoi\b|\bISBN\b", re.I
)
_NUMBERED = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\^\d+)\s+")
_BULLET = re.compile(r"^\s*(?:[-*•·▪]|\d{1,2}[.)])\s+")
_MARKUP = re.compile(r"\*\*|__|^\s{0,3}#{1,6}\s+|^\s*>\s?", re.M)
_TERMINAL = re.compile(r"[.!?:;\"”’)]\s*$")
_HEADING_MAX = 80


def clean_english(original: str, reference_headings: tuple[str, ...] = ()) -> CleanText:
    headings = {h.casefold() for h in reference_headings}
    pieces: list[tuple[str, list[int]]] = []  # one (text, offsets) per kept line
    paragraph_break: list[bool] = []
    in_references = False
    blank_before = True
    pos = 0
    for raw in original.splitlines(keepends=True):
        line_start, pos = pos, pos + len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip():
            blank_before = True
            continue
        if line.strip(" #*:").casefold() in headings:
            in_references = True
            continue
        if in_references and (_CITATION_HINT.search(line) or _NUMBERED.match(line) or not blank_before):
            continue
        in_references = False
        if _NUMBERED.match(line) and _CITATION_HINT.search(line) or line.lstrip().startswith("Retrieved"):
            continue
        text, offs = _strip_markup(line, line_start)
        if not text.strip():
            continue
        pieces.append((text, offs))
        paragraph_break.append(blank_before)
        blank_before = False
    return _join(original, pieces, paragraph_break)


def _strip_markup(line: str, base: int) -> tuple[str, list[int]]:
    keep = [True] * len(line)
    for m in _MARKUP.finditer(line):
        for i in range(m.start(), m.end()):
            keep[i] = False
    bullet = _BULLET.match(line)
    if bullet:
        for i in range(bullet.start(), bullet.end()):
            keep[i] = False
    chars = [(ch, base + i) for i, ch in enumerate(line) if keep[i]]
    # trim leading / trailing spaces
    while chars and chars[0][0].isspace():
        chars.pop(0)
    while chars and chars[-1][0].isspace():
        chars.pop()
    return "".join(c for c, _ in chars), [o for _, o in chars]


def _is_heading(text: str, next_text: str | None) -> bool:
    return (
        len(text) <= _HEADING_MAX
        and not _TERMINAL.search(text)
        and (next_text is None or len(next_text) > len(text) or next_text[:1].isupper())
    )


def _join(original: str, pieces: list[tuple[str, list[int]]], breaks: list[bool]) -> CleanText:
    out: list[str] = []
    offsets: list[int] = []
    for i, (text, offs) in enumerate(pieces):
        if i:
            prev_text = pieces[i - 1][0]
            new_paragraph = breaks[i] or _is_heading(prev_text, text) or _BULLET.match(text) is not None
            if new_paragraph or _TERMINAL.search(prev_text) and text[:1].isupper() and len(prev_text) < 60:
                out.append("\n")
                offsets.append(pieces[i - 1][1][-1] + 1)
            elif prev_text.endswith("-") and text[:1].islower() and out:
                # coopera-⏎tion: drop the hyphen
                out[-1] = out[-1][:-1]
                offsets.pop()
            else:
                out.append(" ")
                offsets.append(pieces[i - 1][1][-1] + 1)
        out.append(text)
        offsets.extend(offs)
    return CleanText(original, "".join(out), offsets)


_INITIALS = re.compile(r"(?:\b[A-Z]\.)+$|\b[A-Z]$")


def sentences(paragraph: str, abbreviations: frozenset[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph."""
    start = 0
    for m in re.finditer(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(]?[A-Z0-9])", paragraph):
        before = paragraph[start : m.start()]
        word = re.search(r"([\w.]+)$", before)
        token = word.group(1) if word else ""
        if paragraph[m.start()] == "." and (token in abbreviations or _INITIALS.search(before)):
            continue
        yield _trim(paragraph, start, m.end())
        start = m.end()
    if paragraph[start:].strip():
        yield _trim(paragraph, start, len(paragraph))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
