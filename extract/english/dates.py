"""English time expressions -> ``extract.dates.TimeExpr`` at the precision the text gives.

The grammar is a table of (pattern, builder) pairs, matched on one sentence; overlapping
matches are settled longest-first. Month names come from ``extract.dates`` (the same table the
Chinese resolver uses for English citation dates). Design choices callers depend on:

* Absolute forms: "April 13, 2013", "Apr. 13 2013", "13 April 2013", "the 13th of April 2013",
  "February 2014", "in early 2014" (year, qualifier early), "2015". Ranges: "June 7-8, 2013",
  "November 4 to 7, 2023", "from August 31 to September 3, 2021", "7-8 June 2013".
* A month and day without a year ("on February 15", "April 22-23") take the year of the
  anchor (the last absolute date of the text), else of the document date (a day later than the
  document's date then belongs to the year before: a news report looks back). Without either,
  ``date`` is None: no date rather than a wrong one.
* Relative to the document date: today, yesterday, this/last year, this/last month, earlier
  this year, a weekday ("on Tuesday": the last such day up to the document's date). Relative to
  the anchor: that day, the same day, the next/following day, the day before, that month, the
  following month, later that year, the following year, "two days later". Each needs an anchor
  of at least its own precision, else ``date`` is None.
* Coarse forms never date an action: year ranges ("2013-2016", "between 2013 and 2016") are
  ``kind="period"``, decades ("the 2020s") ``"decade"``, "days later" / "soon after"
  ``"vague"``; a year that is the base of a comparison ("below 2005 levels", "compared with
  2005") or qualifies a name ("the 2015 Paris Agreement", "its 2035 NDC") is ``"reference"``.
* ``is_target``: a date after a deadline cue ("by 2030", "before 2060", "around 2030"), before
  a target noun ("2035 NDC", "2030 targets"), or after a future modal in its clause ("would
  launch … in 2017", "would sign the agreement on April 22"): a horizon or a plan, not the date
  of an act. Targets and references never become the anchor.
* The cues are read from data/triggers_en.toml (``[cues]``), not written here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as _date
from datetime import timedelta

from ..dates import _EN_MONTHS, TimeExpr, Ymd, _iso, _precision, _shift_month, _valid, parse_iso
from ..document_date import infer_year
from ..knowledge import Knowledge

# month names are capitalised in English: "may" / "march" in lower case are verbs
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d%])"
_TO = r"\s*(?:-|–|—|to|through|until|till|and)\s*"
_QUAL = r"(?P<q>early|mid-?|late|the (?:beginning|start|end|middle|first half|second half) of)"
_SEASON = r"(?:the )?(?P<season>spring|summer|autumn|fall|winter)(?: of)?"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
}


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


def _month(value: str) -> int:
    return _EN_MONTHS[value[:3].lower()]


def _day(value: str) -> int:
    return int(re.match(r"\d+", value).group())  # type: ignore[union-attr]


@dataclass
class _Hit:
    start: int
    end: int
    kind: (
        str  # abs | range | md | md_range | month | period | decade | doc_rel | anchor_rel | vague | weekday
    )
    y: int | None = None
    m: int | None = None
    d: int | None = None
    end_y: int | None = None
    end_m: int | None = None
    end_d: int | None = None
    qualifier: str | None = None
    word: str = ""


def _abs(m: re.Match[str]) -> _Hit:
    d = m.groupdict()
    return _Hit(
        m.start(),
        m.end(),
        "abs",
        int(d["y"]),
        _month(d["m1"]) if d.get("m1") else None,
        _day(d["d1"]) if d.get("d1") else None,
        qualifier=_qualifier(d),
    )


def _range(m: re.Match[str]) -> _Hit:
    d = m.groupdict()
    y = int(d["y"])
    m1 = _month(d["m1"])
    m2 = _month(d["m2"]) if d.get("m2") else m1
    start_y = int(d["y1"]) if d.get("y1") else (y - 1 if m2 < m1 else y)
    return _Hit(m.start(), m.end(), "range", start_y, m1, _day(d["d1"]), y, m2, _day(d["d2"]))


def _md(m: re.Match[str]) -> _Hit:
    d = m.groupdict()
    hit = _Hit(m.start(), m.end(), "md", None, _month(d["m1"]), _day(d["d1"]) if d.get("d1") else None)
    if d.get("d2"):
        hit.kind = "md_range"
        hit.end_m = _month(d["m2"]) if d.get("m2") else hit.m
        hit.end_d = _day(d["d2"])
    if d.get("d1") is None:
        hit.kind = "month"
    return hit


def _period(m: re.Match[str]) -> _Hit:
    return _Hit(m.start(), m.end(), "period", int(m.group("y")), end_y=int(m.group("y2")))


def _decade(m: re.Match[str]) -> _Hit:
    return _Hit(m.start(), m.end(), "decade", int(m.group("y")))


def _word(kind: str) -> Callable[[re.Match[str]], _Hit]:
    def build(m: re.Match[str]) -> _Hit:
        return _Hit(m.start(), m.end(), kind, word=m.group("w").lower())

    return build


def _qualifier(d: dict[str, str | None]) -> str | None:
    q = d.get("q")
    if q:
        q = q.lower()
        for key, value in (
            ("early", "early"),
            ("beginning", "early"),
            ("start", "early"),
            ("mid", "mid"),
            ("middle", "mid"),
            ("late", "late"),
            ("end", "late"),
            ("first half", "first_half"),
            ("second half", "second_half"),
        ):
            if key in q:
                return value
    season = d.get("season")
    if season:
        return "autumn" if season.lower() == "fall" else season.lower()
    return None


_M1, _M2 = _g("m1", _MONTH), _g("m2", _MONTH)
_D1, _D2 = _g("d1", _DAY), _g("d2", _DAY)
_Y, _Y1, _Y2 = _g("y", _YEAR), _g("y1", _YEAR), _g("y2", _YEAR)
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)"

# (pattern, builder): the grammar. Longest match wins where two overlap.
_GRAMMAR: list[tuple[re.Pattern[str], Callable[[re.Match[str]], _Hit]]] = [
    # from August 31 to September 3, 2021 / August 31, 2021 - September 3, 2021
    (re.compile(rf"(?:from |between )?{_M1} {_D1}(?:,? {_Y1})?{_TO}{_M2} {_D2},? {_Y}"), _range),
    # June 7-8, 2013 / November 4 to 7, 2023
    (re.compile(rf"(?:from |between )?{_M1} {_D1}{_TO}{_D2},? {_Y}"), _range),
    # 7-8 June 2013 / 31 August to 3 September 2021
    (
        re.compile(rf"(?:from |between )?{_D1}(?: {_M2})?{_TO}{_D2} (?:of )?{_M1},? {_Y}"),
        lambda m: _range_dmy(m),
    ),
    # April 13, 2013 / Apr. 13 2013
    (re.compile(rf"{_M1} {_D1},? {_Y}"), _abs),
    # 13 April 2013 / the 13th of April, 2013
    (re.compile(rf"(?:the )?{_D1} (?:of )?{_M1},? {_Y}"), _abs),
    # February 2014 / early November 2014 / the end of March 2015
    (re.compile(rf"(?:{_QUAL} )?{_M1},? (?:of )?{_Y}"), _abs),
    # 2010-07-19 – 2010-07-20 (ISO range, in tables and metadata)
    (
        re.compile(
            r"(?<![\d/])(?P<y>(?:19|20)\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])"
            r"\s*(?:–|—|-|to)\s*(?P<y2>(?:19|20)\d\d)-(?P<mm2>0[1-9]|1[0-2])-(?P<dd2>0[1-9]|[12]\d|3[01])(?!\d)"
        ),
        lambda m: _Hit(
            m.start(),
            m.end(),
            "range",
            int(m["y"]),
            int(m["mm"]),
            int(m["dd"]),
            int(m["y2"]),
            int(m["mm2"]),
            int(m["dd2"]),
        ),
    ),
    # 2011-04 (ISO month, in tables); 2011-12 reads as the years 2011 to 2012
    (
        re.compile(r"(?<![\d/-])(?P<y>(?:19|20)(?P<yy>\d\d))-(?P<mm>0[1-9]|1[0-2])(?![\d-])"),
        lambda m: _iso_month(m),
    ),
    # 2014-11-12 (ISO, in headers and metadata)
    (
        re.compile(r"(?<![\d/])(?P<y>(?:19|20)\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])(?!\d)"),
        lambda m: _Hit(m.start(), m.end(), "abs", int(m["y"]), int(m["mm"]), int(m["dd"])),
    ),
    # between 2013 and 2016 / 2013-2016 / 2013–16
    (
        re.compile(rf"(?:(?i:between|from) )?(?<![\d$.,])(?P<y>{_YEAR}){_TO}(?P<y2>{_YEAR}|\d\d(?![\d%]))"),
        lambda m: _Hit(m.start(), m.end(), "period", int(m["y"]), end_y=_full_year(m["y"], m["y2"])),
    ),
    # early 2014 / mid-2014 / the spring of 2014 / 2015
    (re.compile(rf"(?:(?:{_QUAL}|{_SEASON}) )?(?<![\w$£€.,/-]){_Y}(?!,\d|\.\d|-\d|s\b)"), _abs),
    (re.compile(r"(?:the )?(?P<y>(?:19|20)\d0)s\b"), _decade),
    # December 12 of last year / March 3 of this year: a day in a year named from the document's
    (
        re.compile(rf"{_M1} {_D1} of (?P<w>last|this|the previous|the same) year\b", re.I),
        lambda m: _Hit(
            m.start(), m.end(), "md_year", m=_month(m["m1"]), d=_day(m["d1"]), word=m["w"].lower()
        ),
    ),
    # ranges and days without a year: April 22-23 / August 31 to September 3 / on February 15
    (re.compile(rf"{_M1} {_D1}{_TO}(?:{_M2} )?{_D2}(?!,? \d)"), _md),
    (re.compile(rf"{_M1} {_D1}(?![,\d]* ?(?:\d{{4}}|-\d))"), _md),
    (re.compile(rf"(?:the )?{_D1} (?:of )?{_M1}(?!,? \d)"), _md),
    # last August / this July: the month nearest the document's date on that side
    (
        re.compile(rf"\b(?P<w>[Ll]ast|[Tt]his|[Nn]ext) {_M1}(?!,? ?\d)"),
        lambda m: _Hit(m.start(), m.end(), "doc_month", m=_month(m["m1"]), word=m["w"].lower()),
    ),
    # in April / since March / early November (a month alone needs a preposition: "May" is a verb)
    (
        re.compile(rf"\b(?:in|In|since|Since|during|During|early|late|mid-|until|of) {_M1}(?!,? ?\d)"),
        lambda m: _month_only(m),
    ),
    (
        re.compile(
            r"(?P<w>today|tonight|this (?:morning|afternoon|evening)|yesterday|tomorrow"
            r"|(?:earlier |later )?this (?:week|month|year)|last (?:week|month|year)|next (?:week|month|year)"
            r"|the past year|the previous week)\b",
            re.I,
        ),
        _word("doc_rel"),
    ),
    (re.compile(rf"(?:on |last |this )?(?P<w>{'|'.join(_WEEKDAYS)})\b"), _word("weekday")),
    (re.compile(rf"(?P<w>{_NUM} (?:days?|months?|years?) ago)\b", re.I), _word("doc_rel")),
    (
        re.compile(
            rf"(?P<w>(?:later |earlier )?that (?:same )?(?:day|month|year|week)|the same (?:day|month|year)"
            rf"|the (?:next|following|previous|preceding) (?:day|week|month|year)|the day (?:before|after)"
            rf"|the year (?:before|after)"
            rf"|{_NUM} (?:days?|weeks?|months?|years?) (?:later|earlier|after|before)"
            rf"|(?:later|earlier) in the (?:month|year)"
            rf"|a few (?:days|weeks) (?:later|after|earlier|before))\b"
            # "ten years earlier than previously announced" compares, it does not date
            r"(?!\s+than\b)",
            re.I,
        ),
        _word("anchor_rel"),
    ),
    (
        re.compile(
            r"(?P<w>(?:days|weeks|months|years) (?:later|after|before|earlier)|soon (?:after|afterwards?)"
            r"|shortly (?:after|before|afterwards?)|(?:in )?recent (?:days|weeks|months)|recently)\b"
            r"(?!\s+than\b)",
            re.I,
        ),
        _word("vague"),
    ),
]


def _iso_month(m: re.Match[str]) -> _Hit:
    y, second = int(m["y"]), int(m["mm"])
    if second > int(m["yy"]):  # 2011-12: the years 2011 to 2012
        return _Hit(m.start(), m.end(), "period", y, end_y=y - int(m["yy"]) + second)
    return _Hit(m.start(), m.end(), "abs", y, second)


def _month_only(m: re.Match[str]) -> _Hit:
    hit = _md(m)
    hit.start = m.start("m1")
    return hit


def _range_dmy(m: re.Match[str]) -> _Hit:
    d = m.groupdict()
    y = int(d["y"])
    m2 = _month(d["m1"])  # the month written last closes the range
    m1 = _month(d["m2"]) if d.get("m2") else m2
    return _Hit(m.start(), m.end(), "range", y - 1 if m1 > m2 else y, m1, _day(d["d1"]), y, m2, _day(d["d2"]))


def _full_year(first: str, second: str) -> int:
    return int(second) if len(second) == 4 else int(first[:2] + second)


# a sentence without a digit or a time word holds no date: most sentences skip the grammar
_MAYBE = re.compile(
    r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day|week|month|year|ago|later|after|soon|shortly"
    r"|recent|tonight|morning|afternoon|evening|tomorrow",
    re.I,
)


_HAS_MONTH = re.compile(_MONTH)
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")


def _gate(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A cheap test a sentence must pass before the pattern is tried: a month name, a year."""
    if "January|February" in pattern.pattern:
        return _HAS_MONTH
    if "(?:1[89]" in pattern.pattern or "(?:19|20)" in pattern.pattern:
        return _HAS_YEAR
    return _MAYBE


_GATED = [(_gate(pattern), pattern, build) for pattern, build in _GRAMMAR]


def _candidates(text: str) -> list[_Hit]:
    if not _MAYBE.search(text):
        return []
    open_gates = {gate for gate in {g for g, _, _ in _GATED} if gate.search(text)}
    found = [
        build(m) for gate, pattern, build in _GATED if gate in open_gates for m in pattern.finditer(text)
    ]
    kept: list[_Hit] = []
    for hit in sorted(found, key=lambda h: (-(h.end - h.start), h.start)):
        if any(k.start < hit.end and hit.start < k.end for k in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


@dataclass
class Cues:
    """Context cues of data/triggers_en.toml ``[cues]``, compiled once."""

    target_before: re.Pattern[str]
    target_after: re.Pattern[str]
    reference_before: re.Pattern[str]
    future: re.Pattern[str]

    @classmethod
    def from_data(cls, cues: dict[str, list[str]]) -> Cues:
        def ends(words: list[str]) -> re.Pattern[str]:
            return re.compile(r"\b(?:" + "|".join(words) + r")\s*$", re.I)

        return cls(
            target_before=ends(cues["target_before"]),
            target_after=re.compile(r"^[\s-]*(?:" + "|".join(cues["target_after"]) + r")\b", re.I),
            reference_before=ends(cues["reference_before"]),
            future=re.compile(r"\b(?:" + "|".join(cues["future"]) + r")\b", re.I),
        )


_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that|[A-Z][\w.]*'s)\s*$", re.I)
_WORD_AFTER = re.compile(r"^\s+[A-Za-z]")
_CLAUSE_START = re.compile(r"[;:.!?]|,\s+(?:and|but|while|whereas|which|where)\b")


class EnglishDates:
    """Stateful over one document: the anchor is the last absolute date written so far."""

    def __init__(self, doc_date: str | None, cues: Cues):
        self.doc = parse_iso(doc_date)
        self.cues = cues
        self.anchor: Ymd | None = None

    def set_anchor(self, value: str | None) -> None:
        parsed = parse_iso(value)
        if parsed is not None:
            self.anchor = parsed

    def find(self, text: str) -> list[TimeExpr]:
        out = []
        for hit in _candidates(text):
            expr = self._resolve(text, hit)
            out.append(expr)
            # every date of an act moves the anchor, also one resolved from it (the next day)
            # "… worked toward it since November 2014": a since-date looks back, the story stays
            since = re.search(r"\bsince\b", self._clause_before(text, hit.start)[-60:], re.I)
            if expr.kind in ("date", "range") and expr.date and not expr.is_target and not since:
                self.anchor = parse_iso(expr.date)
        return out

    # ------------------------------------------------------------------ resolution
    def _resolve(self, text: str, hit: _Hit) -> TimeExpr:
        kind, start, end, relative = "date", None, None, False
        if hit.kind == "abs":
            start = _valid(hit.y, hit.m, hit.d)
        elif hit.kind == "range":
            kind, start, end = "range", _valid(hit.y, hit.m, hit.d), _valid(hit.end_y, hit.end_m, hit.end_d)
        elif hit.kind in ("md", "md_range", "month"):
            start, end, relative = self._month_day(hit), None, True
            if hit.kind == "md_range" and start is not None:
                end_y = start[0] + (1 if (hit.end_m or 0) < (hit.m or 0) else 0)
                kind, end = "range", _valid(end_y, hit.end_m, hit.end_d)
        elif hit.kind == "md_year":
            start, relative = self._md_year(hit), True
        elif hit.kind == "doc_rel":
            start, relative = self._doc_relative(hit.word), True
        elif hit.kind == "doc_month":
            start, relative = self._doc_month(hit.word, hit.m), True
        elif hit.kind == "weekday":
            start, relative = self._weekday(hit.word), True
        elif hit.kind == "anchor_rel":
            start, relative = self._anchor_relative(hit.word), True
        elif hit.kind in ("period", "decade", "vague"):
            kind = hit.kind
            if hit.kind == "period":
                start, end = _valid(hit.y, None, None), _valid(hit.end_y, None, None)
            elif hit.kind == "decade":
                start, end = _valid(hit.y, None, None), _valid((hit.y or 0) + 9, None, None)
        if (
            kind == "date"
            and hit.kind == "abs"
            and hit.d is None
            and hit.m is None
            and self._reference(text, hit)
        ):
            kind = "reference"
        target = kind in ("date", "range") and start is not None and self._target(text, hit, start)
        return TimeExpr(
            hit.start,
            hit.end,
            text[hit.start : hit.end],
            _iso(start) if start else None,
            _iso(end) if end else None,
            _precision(start) if start else None,
            relative,
            hit.qualifier,
            target,
            kind,
        )

    def _md_year(self, hit: _Hit) -> Ymd | None:
        base = self.anchor if hit.word in ("the previous", "the same") else self.doc
        if base is None:
            return None
        step = -1 if hit.word in ("last", "the previous") else 0
        return _valid(base[0] + step, hit.m, hit.d)

    def _month_day(self, hit: _Hit) -> Ymd | None:
        # a text looking back over earlier years dates a bare day in the year it is telling of; a
        # statement about the recent past (anchor in the document's year or the one before) means
        # the latest such day before its own date ("on April 22" in a text of November 2016)
        recent = self.doc is not None and (self.anchor is None or self.anchor[0] >= self.doc[0] - 1)
        if self.anchor is not None and not recent:
            return _valid(self.anchor[0], hit.m, hit.d)
        if self.doc is None:
            return None
        found = _valid(self.doc[0], hit.m, hit.d)
        # a news report looks back: a day later than its own date is of the year before
        if found is not None and (found[1] or 0) > (self.doc[1] or 12) + 1:
            found = _valid(self.doc[0] - 1, hit.m, hit.d)
        return found

    def _doc_relative(self, word: str) -> Ymd | None:
        doc = self.doc
        if doc is None:
            return None
        y, m, d = doc
        if (
            word in ("today", "tonight")
            or word.startswith("this ")
            and word.split()[-1] in ("morning", "afternoon", "evening")
        ):
            return doc if d is not None else None
        if word == "yesterday":
            return _day_shift(doc, -1)
        if word.endswith("year") and "this" in word:
            return (y, None, None) if "later" not in word else None
        if word == "last year":
            return (y - 1, None, None)
        if word.endswith("month") and "this" in word and "later" not in word:
            return (y, m, None) if m is not None else None
        if word == "last month" and m is not None:
            return (*_shift_month(y, m, -1), None)
        ago = re.match(r"(\w+) (day|month|year)s? ago", word)
        if ago and (ago.group(1).isdigit() or ago.group(1) in _NUMBERS):
            n = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS[ago.group(1)]
            return _shift(doc, ago.group(2), -n)
        if word in ("last week", "this week", "the previous week"):
            return _week_month(doc, -7 if word != "this week" else 0)
        return None  # anything ahead of the document: no date

    def _doc_month(self, word: str, month: int | None) -> Ymd | None:
        """last August in a text of July 2023 → 2022-08; this July → 2023-07; next May: a plan."""
        if self.doc is None or self.doc[1] is None or month is None or word == "next":
            return None
        year = self.doc[0]
        if word == "last" and month >= self.doc[1]:
            year -= 1
        return (year, month, None)

    def _weekday(self, word: str) -> Ymd | None:
        doc = self.doc
        if doc is None or doc[2] is None or doc[1] is None:
            return None
        day = _date(doc[0], doc[1], doc[2])
        back = (day.weekday() - _WEEKDAYS.index(word.capitalize())) % 7
        found = day - timedelta(days=back)
        return (found.year, found.month, found.day)

    def _anchor_relative(self, word: str) -> Ymd | None:
        a = self.anchor
        if a is None:
            return None
        if word.startswith("a few"):
            # a few days / weeks on: the anchor's month when the shift stays inside it (near enough)
            days = (4 if "day" in word else 14) * (-1 if word.endswith(("earlier", "before")) else 1)
            if a[2] is not None:
                shifted = _day_shift(a, days)
                return (shifted[0], shifted[1], None) if shifted else None
            return (a[0], a[1], None) if a[1] is not None and "day" in word else None
        number = re.match(r"(\w+) (day|week|month|year)s?", word)
        if number and number.group(2) == "week":
            n = int(number.group(1)) if number.group(1).isdigit() else _NUMBERS.get(number.group(1), 0)
            sign = -1 if word.endswith(("earlier", "before")) else 1
            return _day_shift(a, 7 * sign * n) if n and a[2] is not None else _week_month(a, 7 * sign * n)
        if number and number.group(1) in _NUMBERS or (number and number.group(1).isdigit()):
            n = int(number.group(1)) if number.group(1).isdigit() else _NUMBERS[number.group(1)]
            sign = -1 if word.endswith(("earlier", "before")) else 1
            return _shift(a, number.group(2), sign * n)
        unit = next(u for u in ("day", "month", "year", "week") if u in word)
        if unit == "week":
            step = (
                1 if any(w in word for w in ("next", "following", "after")) else -1 if "before" in word else 0
            )
            return _week_month(a, 7 * step)
        step = (
            1
            if any(w in word for w in ("next", "following", "after"))
            else -1
            if any(w in word for w in ("previous", "preceding", "before"))
            else 0
        )
        return _shift(a, unit, step)

    # ------------------------------------------------------------------ context
    def _clause_before(self, text: str, pos: int) -> str:
        cuts = [m.end() for m in _CLAUSE_START.finditer(text, 0, pos)]
        return text[cuts[-1] if cuts else 0 : pos]

    def _target(self, text: str, hit: _Hit, start: Ymd) -> bool:
        before = text[max(0, hit.start - 30) : hit.start]
        if self.cues.target_before.search(before):
            return True
        if (
            hit.kind == "abs"
            and hit.m is None
            and self.cues.target_after.search(text[hit.end : hit.end + 30])
        ):
            return True
        # would launch … in 2017 / will meet on May 5: a plan, not the date of an act
        return bool(self.cues.future.search(self._clause_before(text, hit.start)))

    def _reference(self, text: str, hit: _Hit) -> bool:
        before = text[max(0, hit.start - 30) : hit.start]
        if self.cues.reference_before.search(before) and not re.search(r"\bsince\s*$", before, re.I):
            return True
        # the 2015 Paris Agreement / its 2035 NDC: the year qualifies a name
        return bool(_ATTRIBUTIVE_BEFORE.search(before) and _WORD_AFTER.match(text[hit.end : hit.end + 3]))


def _week_month(ymd: Ymd, days: int) -> Ymd | None:
    """The month of the calendar week (Monday to Sunday) ``days`` away from a day, when the whole
    week lies in one month ("last week" in a text of Wednesday 21 April 2021 → 2021-04)."""
    shifted = _day_shift(ymd, days)
    if shifted is None:
        return None
    day = _date(*shifted)  # type: ignore[arg-type]
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) != (sunday.year, sunday.month):
        return None
    return (monday.year, monday.month, None)


def _day_shift(ymd: Ymd, days: int) -> Ymd | None:
    if ymd[1] is None or ymd[2] is None:
        return None
    found = _date(ymd[0], ymd[1], ymd[2]) + timedelta(days=days)
    return (found.year, found.month, found.day)


def _shift(anchor: Ymd, unit: str, step: int) -> Ymd | None:
    y, m, d = anchor
    if unit == "day":
        return _day_shift(anchor, step) if d is not None else None
    if unit == "month":
        return (*_shift_month(y, m, step), None) if m is not None else None
    return (y + step, None, None)


# --------------------------------------------------------------------------- document date

_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*)(?:, [A-Z][A-Za-z. ]+)?(?: \([^)]{{1,30}}\))?,? "
    rf"(?P<date>{_MONTH} {_DAY}(?:, {_YEAR})?|{_DAY} {_MONTH}(?: {_YEAR})?)"
)
_HEAD_LINES = 12
_HEAD_LINE_CHARS = 90


def english_document_date(text: str, knowledge: Knowledge | None = None) -> str | None:
    """The date a document states for itself: a head line with a full date ("November 15, 2023",
    "Press Statement · 2023-11-15"), else a dateline ("WASHINGTON, November 15, 2023 —"). A
    dateline without a year takes the year of a head date, else the one year in which something
    the text names happened on that day (``document_date.infer_year``), else gives none."""
    lines = [line.strip(" #*\t") for line in text[:3000].splitlines() if line.strip()]
    head_date: str | None = None
    head_month_day = None  # a head line of month and day alone ("June 8", as wire copy gives it)
    for line in lines[:_HEAD_LINES]:
        if len(line) > _HEAD_LINE_CHARS or line.endswith("."):
            continue
        hits = _candidates(line)
        full = [h for h in hits if h.kind == "abs" and h.d is not None]
        if full:
            head_date = _iso(_valid(full[0].y, full[0].m, full[0].d) or (full[0].y or 0, None, None))
            break
        if head_month_day is None and hits and hits[0].kind == "md" and hits[0].m and hits[0].d:
            head_month_day = hits[0]
    for line in lines[: _HEAD_LINES + 5]:
        match = _DATELINE.match(line)
        if not match:
            continue
        hits = [h for h in _candidates(match.group("date"))]
        if hits and hits[0].kind == "abs" and hits[0].d is not None:
            return _iso(_valid(hits[0].y, hits[0].m, hits[0].d) or (hits[0].y or 0, None, None))
        if hits and hits[0].kind == "md" and head_date:
            year = int(head_date[:4])
            found = _valid(year, hits[0].m, hits[0].d)
            return _iso(found) if found else head_date
        if hits and hits[0].kind == "md" and knowledge is not None and hits[0].m and hits[0].d:
            inferred = infer_year(hits[0].m, hits[0].d, text[:3000], knowledge)
            found = _valid(inferred, hits[0].m, hits[0].d) if inferred else None
            return _iso(found) if found else None
    if head_date is None and head_month_day is not None and knowledge is not None:
        inferred = infer_year(head_month_day.m, head_month_day.d, text[:3000], knowledge)
        found = _valid(inferred, head_month_day.m, head_month_day.d) if inferred else None
        return _iso(found) if found else None
    return head_date


def has_dateline(text: str) -> bool:
    """A news report opens a paragraph with a dateline (WASHINGTON, Nov. 15 (Reuters) —)."""
    lines = [line.strip(" #*\t") for line in text[:3000].splitlines() if line.strip()]
    return any(_DATELINE.match(line) for line in lines[: _HEAD_LINES + 5])
