"""Traditional script → simplified script for matching, with a map back into the original.

The gazetteer, the trigger words and the date cues are written in simplified characters. A
document in traditional script (Taiwan, Hong Kong, Macau) is converted before matching, and
every converted character remembers the span of the original characters it came from, so
evidence offsets and titles still come from the ORIGINAL file text.

Two steps, both only for documents detected as traditional (simplified text is not touched
and pays only for the detection, a regex count over the head of the text):

1. **Script** with OpenCC: the Taiwan and Hong Kong variant tables (``tw2t``, ``hk2t``: 裡→裏,
   衞→衛, 著→着 where Taiwan writes 著 for 着) and then ``t2s``, which converts characters and
   resolves one-to-many cases by phrase (乾旱→干旱 but 幹部→干部). Not ``tw2sp``/``hk2sp``:
   their vocabulary tables rewrite words that the extractor needs as they are (执行→运行,
   宣告→声明, 建立→创建, and 布林肯 (Blinken) → 布尔肯 through 布林 "Boolean").
2. **Regional words** from ``data/regional_terms.toml``: words whose Taiwan/Hong Kong form
   differs from the mainland word the rules are written in (气候变迁→气候变化, 纲要公约→框架公约).
   Names of people, places and bodies are not rewritten: their regional forms are aliases in
   the gazetteer files.

Either step may change the length of a phrase; each output character then maps to the whole
source span of the phrase it belongs to.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .clean import CleanText, clean
from .reader import _common_simplified, _common_traditional  # the sets that score GB/Big5 decodings

TERMS_FILE = "regional_terms.toml"
OPENCC_CHAIN = ("tw2t", "hk2t", "t2s")

# Han characters: the only ones OpenCC converts. Everything between runs of them must come
# out unchanged, which lets the converted text be lined up with the original run by run.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_SPLIT = re.compile(f"([{_HAN}]+)")

# Detection: share of the Han characters that are frequent characters of traditional script
# only (Big5 level 1 minus GB2312 level 1: 們 國 說 這 會 …). Simplified text scores ≤ 0.001
# (the corpus, dev2 d09), Taiwan and Hong Kong news ≈ 0.35 (dev2 d08, blind b05/b06); a
# simplified text quoting a traditional passage stays well below the threshold.
_SAMPLE = 100_000
_MIN_SHARE = 0.05
_MIN_CHARS = 5


@cache
def _traditional_only() -> re.Pattern[str]:
    chars = sorted(_common_traditional() - _common_simplified())
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def _han_count(sample: str) -> int:
    return sum(map(len, _HAN_RUN.findall(sample)))


def traditional_share(text: str) -> float:
    """Share of the Han characters in the head of ``text`` that only traditional script uses."""
    sample = text[:_SAMPLE]
    han = _han_count(sample)
    return len(_traditional_only().findall(sample)) / han if han else 0.0


def is_traditional(text: str) -> bool:
    sample = text[:_SAMPLE]
    hits = len(_traditional_only().findall(sample))
    if hits < _MIN_CHARS:  # simplified text stops here: one scan with few matches
        return False
    return hits >= _han_count(sample) * _MIN_SHARE


# --------------------------------------------------------------------------- offset maps
@dataclass
class Mapped:
    """``text`` with, for every character, the span [starts[i], ends[i]) of ``source`` it
    came from. ``starts is None`` means the identity map (no character moved)."""

    source: str
    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def char_span(self, i: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return i, i + 1
        return self.starts[i], self.ends[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the text span [start, end)."""
        if start >= end:
            pos = self.char_span(start)[0] if start < len(self.text) else len(self.source)
            return pos, pos
        return self.char_span(start)[0], self.char_span(end - 1)[1]

    def then(self, after: Mapped) -> Mapped:
        """The map of ``after`` (whose source is this text) back into this map's source."""
        if after.starts is None or after.ends is None:
            return Mapped(self.source, after.text, self.starts, self.ends)
        if self.starts is None or self.ends is None:
            return Mapped(self.source, after.text, after.starts, after.ends)
        starts = [self.starts[s] for s in after.starts]
        ends = [self.ends[e - 1] if e > 0 else self.starts[0] for e in after.ends]
        return Mapped(self.source, after.text, starts, ends)


def _identity(source: str) -> Mapped:
    return Mapped(source, source)


def _same(start: int, end: int, starts: list[int], ends: list[int]) -> None:
    """Characters [start, end) map one to one (extend(range) keeps long stretches cheap)."""
    starts.extend(range(start, end))
    ends.extend(range(start + 1, end + 1))


def _spans_of_edit(i1: int, i2: int, j1: int, j2: int, base: int, starts: list[int], ends: list[int]) -> None:
    """Output characters [j1, j2) replace source characters [i1, i2) (offsets from ``base``)."""
    if i1 == i2:  # an insertion belongs to the character before it (or after, at the start)
        lo, hi = (i1 - 1, i1) if i1 > 0 else (0, 1)
    else:
        lo, hi = i1, i2
    for _ in range(j1, j2):
        starts.append(base + lo)
        ends.append(base + hi)


def _align_run(
    run: str, converted: str, per_char: str, base: int, starts: list[int], ends: list[int]
) -> None:
    """Spans for a converted run whose length changed: the character-by-character conversion
    (same length as the run) is lined up with the phrase conversion; unchanged stretches map
    one to one, a rewritten phrase maps to its whole source span."""
    if len(per_char) != len(run):  # a character turned into several: one span for the run
        _spans_of_edit(0, len(run), 0, len(converted), base, starts, ends)
        return
    matcher = difflib.SequenceMatcher(None, per_char, converted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _same(base + i1, base + i2, starts, ends)
        else:
            _spans_of_edit(i1, i2, j1, j2, base, starts, ends)


def _same_frame(source: str, converted: str) -> bool:
    """Same length, Han runs of the same lengths at the same places, and everything between
    them unchanged: then every character sits where its source character was."""
    if len(source) != len(converted):
        return False
    before, after = _HAN_SPLIT.split(source), _HAN_SPLIT.split(converted)
    # split with a group alternates: text between runs, a run, text between runs, …
    return (
        len(before) == len(after)
        and before[0::2] == after[0::2]
        and list(map(len, before[1::2])) == list(map(len, after[1::2]))
    )


def convert_mapped(source: str, convert: Callable[[str], str]) -> Mapped:
    """``convert`` applied to ``source`` with a map back into it.

    The whole text is converted at once; when that changes no length (the usual case for the
    script step) the map is the identity. Otherwise each Han run is converted on its own and
    lined up with ``source`` (``convert`` must leave non-Han characters alone)."""
    whole = convert(source)
    if _same_frame(source, whole):
        return Mapped(source, whole)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in _HAN_RUN.finditer(source):
        _same(pos, match.start(), starts, ends)
        pieces.append(source[pos : match.start()])
        run = match.group()
        converted = convert(run)
        pieces.append(converted)
        if len(converted) == len(run):
            _same(match.start(), match.end(), starts, ends)
        else:
            per_char = "".join(convert(ch) for ch in run)
            _align_run(run, converted, per_char, match.start(), starts, ends)
        pos = match.end()
    _same(pos, len(source), starts, ends)
    pieces.append(source[pos:])
    return Mapped(source, "".join(pieces), starts, ends)


# --------------------------------------------------------------------------- regional words
@dataclass(frozen=True)
class RegionalTerm:
    variants: tuple[str, ...]
    mainland: str
    not_before: tuple[str, ...] = ()  # the variant is another word when one of these follows
    not_after: tuple[str, ...] = ()  # … or when one of these precedes it
    source: str = ""


def load_terms(data_dir: Path) -> list[RegionalTerm]:
    path = Path(data_dir) / TERMS_FILE
    if not path.exists():
        return []
    with path.open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    terms = []
    for row in data.get("term", []):
        if not row.get("variants") or not row.get("mainland"):
            raise ValueError(f"{TERMS_FILE}: every [[term]] needs variants and mainland ({row!r})")
        terms.append(
            RegionalTerm(
                variants=tuple(row["variants"]),
                mainland=row["mainland"],
                not_before=tuple(row.get("not_before", ())),
                not_after=tuple(row.get("not_after", ())),
                source=row.get("source", ""),
            )
        )
    return terms


def _term_pattern(term: RegionalTerm) -> str:
    body = "|".join(re.escape(v) for v in sorted(term.variants, key=len, reverse=True))
    guard = "".join(f"(?<!{re.escape(w)})" for w in term.not_after)
    ahead = f"(?!{'|'.join(re.escape(w) for w in term.not_before)})" if term.not_before else ""
    return f"{guard}(?:{body}){ahead}"


def _replace_mapped(source: str, pattern: re.Pattern[str], replacements: list[str]) -> Mapped:
    """Each match of group k becomes replacements[k]. A word of the same length maps character
    to character; the characters of a word of another length map to the whole matched span.
    While no length changes, the map stays the identity (no arrays are built)."""
    matches = [(m.start(), m.end(), replacements[m.lastindex - 1]) for m in pattern.finditer(source)]
    if not matches:
        return _identity(source)
    pieces: list[str] = []
    pos = 0
    for start, end, word in matches:
        pieces += (source[pos:start], word)
        pos = end
    pieces.append(source[pos:])
    text = "".join(pieces)
    if len(text) == len(source) and all(len(word) == end - start for start, end, word in matches):
        return Mapped(source, text)
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for start, end, word in matches:
        _same(pos, start, starts, ends)
        if len(word) == end - start:
            _same(start, end, starts, ends)
        else:
            _spans_of_edit(start, end, 0, len(word), 0, starts, ends)
        pos = end
    _same(pos, len(source), starts, ends)
    return Mapped(source, text, starts, ends)


# --------------------------------------------------------------------------- the converter
@dataclass
class ScriptConverter:
    """Converts traditional documents for matching; built once per Extractor."""

    terms: list[RegionalTerm] = field(default_factory=list)
    _opencc: list[Any] | None = field(default=None, repr=False)
    _terms_re: re.Pattern[str] | None = field(default=None, repr=False)

    @classmethod
    def from_data(cls, data_dir: Path) -> ScriptConverter:
        return cls(load_terms(data_dir))

    def _converters(self) -> list[Any]:
        if self._opencc is None:
            import opencc  # loaded on the first traditional document only

            self._opencc = [opencc.OpenCC(config) for config in OPENCC_CHAIN]
        return self._opencc

    def simplify(self, text: str) -> str:
        """The script step alone, without a map (for short texts such as a document head)."""
        for converter in self._converters():
            text = converter.convert(text)
        return text

    def convert(self, text: str) -> Mapped:
        """Script and regional words, with the map back into ``text``."""
        mapped = convert_mapped(text, self.simplify)
        if not self.terms:
            return mapped
        if self._terms_re is None:
            # the lookahead on first characters lets the engine skip most positions at once
            firsts = "".join(sorted({variant[0] for term in self.terms for variant in term.variants}))
            alternatives = "|".join(f"({_term_pattern(t)})" for t in self.terms)
            self._terms_re = re.compile(f"(?=[{re.escape(firsts)}])(?:{alternatives})")
        words = _replace_mapped(mapped.text, self._terms_re, [t.mainland for t in self.terms])
        return mapped.then(words)

    def for_document(self, text: str) -> DocumentScript:
        """How to read one document: converted when it is in traditional script."""
        return DocumentScript(self if is_traditional(text) else None)


@dataclass
class DocumentScript:
    """The reading of one document's chunks; ``converter is None`` for simplified text."""

    converter: ScriptConverter | None

    @property
    def converted(self) -> bool:
        return self.converter is not None

    def plain(self, text: str) -> str:
        """The whole text in simplified script, without a map (for document-wide cues such as
        the dateline or the pair of states a text is about); ``text`` itself when not converted."""
        return self.converter.simplify(text) if self.converter is not None else text

    def cues(self, text: str, head: int = 5000, tail: int = 1000) -> str:
        """Text for document-level cues (dateline, header date, closing stamp) in simplified
        script: ``text`` itself when not converted, else its head and tail converted."""
        if self.converter is None:
            return text
        if len(text) <= head + tail:
            return self.converter.simplify(text)
        return self.converter.simplify(text[:head]) + "\n" + self.converter.simplify(text[-tail:])

    def clean(self, chunk: str) -> CleanText:
        """Cleaned text for matching, with offsets into ``chunk`` as it is in the file."""
        if self.converter is None:
            return clean(chunk)
        return clean_converted(chunk, self.converter.convert(chunk))

    def restore(self, cleaned: CleanText, fragment: str, within: tuple[int, int]) -> str:
        """``fragment`` (a piece of the cleaned text inside ``within``, e.g. an event title)
        in the script of the original; unchanged when not found or not converted."""
        if self.converter is None or not fragment:
            return fragment
        at = cleaned.text.find(fragment, within[0], within[1])
        if at < 0:
            return fragment
        return source_text(cleaned, range(at, at + len(fragment)))


def clean_converted(chunk: str, mapped: Mapped) -> CleanText:
    """clean() on the converted text, its offsets composed with the conversion map."""
    cleaned = clean(mapped.text)
    if mapped.starts is None or mapped.ends is None:
        return CleanText(original=chunk, text=cleaned.text, offsets=cleaned.offsets)
    return CleanText(
        original=chunk,
        text=cleaned.text,
        offsets=[mapped.starts[o] for o in cleaned.offsets],
        ends=[mapped.ends[o] for o in cleaned.offsets],
    )


def source_text(cleaned: CleanText, positions: Iterable[int]) -> str:
    """The original characters behind cleaned positions, each source span taken once."""
    out: list[str] = []
    last: tuple[int, int] | None = None
    for k in positions:
        span = cleaned.span(k, k + 1)
        if span != last:
            out.append(cleaned.original[span[0] : span[1]])
            last = span
    return "".join(out)
