"""Chinese time expressions -> ISO dates at the precision the text gives.

Design choices (documented here because callers depend on them):

* Matching runs on a *folded* copy of the text (full-width digits and dashes
  mapped to ASCII one character for one character), so offsets are those of
  the text passed in and ``TimeExpr.text == text[start:end]``.
* Whitespace is allowed between the parts of a date ("2014 年 11 月 12 日", PDF
  line breaks inside a date, at most two line breaks since PDF text often has
  "2021\n\n年 4 月").
* English and numeric dates ("July 19, 2021", "2021/01/20") are returned but
  never become the anchor: in Chinese text they are nearly always citation or
  retrieval dates. Numeric dates inside URLs (after "/" or a letter) are skipped.
* Fuzzy parts keep the coarser precision plus a ``qualifier``: 2021年初 ->
  ("2021", "year", "early"); 2021年4月中旬 -> ("2021-04", "month", "mid").
  年中/月中 count as "mid" only when followed by punctuation or 期, so that
  "2014年11月中美两国" stays plain November 2014.
* A lone day ("22日", "10日至11日", Arabic digits only) takes the year and month
  of the anchor (the last date written); in a news report whose dateline gives
  the day, a day up to the dateline's takes the dateline's month while the
  anchor is only a few weeks older (上月25日 … 19日表示). Without an anchor it
  has no date. 今天/昨天/前天 count from the document's day, 上周/下周 give the
  month they fall in, 十五年前 counts back from the document's year.
* 此后 / 其后 / 随后 / 不久前 ... are returned with ``relative=True`` and
  ``date=None``: they order events but carry no date of their own, and
  copying the anchor would invent a precision the text does not give.
* 当天/当日/同日 take the anchor at whatever precision the anchor has (the
  same day as an event known only to the month is honestly that month);
  "当天（2017年6月1日）" takes the date in the parentheses. 次日/前一天 need a
  day-precision anchor, else date is None.
* Decades and centuries (1980年代, 21世纪20年代, 本世纪) are ranges at year
  precision; they are never used as the anchor.
* Numbers without 年 ("2030议程") are not dates at all; "2030年可持续发展议程"
  is matched and marked ``is_target`` (a programme named by its horizon).
* ``is_target``: a target or deadline cue (到/力争于/不迟于/截至 before, 前/
  目标/实现/碳中和/净零/左右 after) *and* a date later than the document date
  (or, for deadline cues, later than a date earlier in the same sentence).
  Without a document date the anchor is the reference; with neither, the cue
  alone decides. A whole century (进入到21世纪) is never a target.
* The anchor is the last non-target Chinese date (absolute, or resolved from
  context such as 同年8月); 今年/去年/明年/本月/上月 use the document date,
  同年/次年/当年/当天 and a month without a year (11月12日) use the anchor
  (falling back to the document year for a bare month) and are ``relative``.
* qualifier values: early, mid, late, early_mid, mid_late, first_half,
  second_half, q1..q4, spring, summer, autumn, winter.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as _date
from datetime import timedelta
from typing import Literal

from .first_char import guarded

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    date: str | None
    date_end: str | None
    precision: Precision | None
    relative: bool
    qualifier: str | None
    is_target: bool
    # what matched: "date", "range" (date_end set), "decade", "century" (coarse periods that
    # should not date an event), "vague" (此后, 随后: order only, no date), "reference" (a base
    # year of a comparison or the scope year of a programme: 比2005年, 2020年后的目标)
    kind: str = "date"


# --------------------------------------------------------------------------
# character folding and numerals

_FOLD = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "－": "-", "～": "~", "．": ".", "／": "/"}
)
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_number(s: str) -> int | None:
    """Small integers written in Arabic or Chinese numerals (一..九十九)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s:
        return None
    if "十" in s:
        tens, _, units = s.partition("十")
        t = _CN_DIGITS.get(tens) if tens else 1
        u = _CN_DIGITS.get(units) if units else 0
        if t is None or u is None:
            return None
        return t * 10 + u
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    return None


def year_number(s: str) -> int | None:
    """A year in Arabic digits or digit-by-digit Chinese numerals (二〇一四)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    digits = [_CN_DIGITS.get(ch) for ch in s]
    if not digits or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


# --------------------------------------------------------------------------
# regular expressions (all compiled once)

# PDF text breaks lines inside dates, often as "\n\n" (one blank line): allow at most that
_SP = r"(?:[ \t\u3000\xa0]{0,3}(?:\r?\n[ \t\u3000\xa0]{0,3}){0,2})"
_CN = "〇零○一二三四五六七八九"
_YEAR = rf"(?:(?<![\d.,])[12]\d{{3}}(?!\d)|(?<![{_CN}十])[{_CN}]{{4}})"
_MONTH = r"(?:(?:1[0-2]|0?[1-9])(?!\d)|十[一二]?|[一二三四五六七八九])"
_DAY = (
    r"(?:(?:3[01]|[12]\d|0?[1-9])(?!\d)|三十一?|二十[一二三四五六七八九]?"
    r"|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
_CONN = r"(?:至|到|迄|—{1,2}|–|-{1,2}|~|〜|―|─)"
_PUNCT_AFTER = r"(?=[\s，,。；;：:、）)」”\"》]|$)"
_NOT_INITIAL = r"(?![步次心衷始见稿审创级赛探等具版])"  # 初步, 初次 ... are not "early"

_REL_YEAR_WORDS = {
    # word: (reference, delta); reference "doc" = the document date, "anchor" = preceding date
    "今年": ("doc", 0),
    "去年": ("doc", -1),
    "明年": ("doc", 1),
    "前年": ("doc", -2),
    "后年": ("doc", 2),
    "同年": ("anchor", 0),
    "当年": ("anchor", 0),
    "该年": ("anchor", 0),
    "是年": ("anchor", 0),
    "那年": ("anchor", 0),
    "那一年": ("anchor", 0),
    "这一年": ("anchor", 0),
    "同一年": ("anchor", 0),
    "次年": ("anchor", 1),
    "翌年": ("anchor", 1),
    "第二年": ("anchor", 1),
    "转年": ("anchor", 1),
    "前一年": ("anchor", -1),
    "上一年": ("anchor", -1),
}
_REL_YEAR_ALT = "|".join(sorted(_REL_YEAR_WORDS, key=len, reverse=True))

_RE_YEAR_ABS = re.compile(rf"({_YEAR}){_SP}年")
_RE_YEAR_REL = re.compile(
    # the lookbehind keeps words that merely contain the pair out: 不同年份, 相当年轻, 过去年均,
    # 说明年度, 目前年, 此后年
    rf"(?<![\d年不相共如适充担应正每目提以之此其史空事最然前落过说证表声阐发透聪鲜光文简清开协等])"
    rf"({_REL_YEAR_ALT})度?(?![龄级轻纪华少])"
)
_RE_BARE_YEAR_RANGE = re.compile(rf"({_YEAR}){_SP}{_CONN}{_SP}({_YEAR}){_SP}年")
_RE_MONTH_START = re.compile(rf"(?<![\d{_CN}十两几第每个数这那上下本半整满多同单统唯.]){_MONTH}{_SP}月")
_RE_MONTH = re.compile(rf"{_SP}({_MONTH}){_SP}月(?:份)?(?![球亮光饼薪])")
_RE_DAY = re.compile(rf"{_SP}({_DAY}){_SP}[日号]")
_RE_BARE_MONTH_RANGE = re.compile(rf"{_SP}({_MONTH}){_SP}{_CONN}{_SP}({_MONTH}){_SP}月")
_RE_BARE_DAY_RANGE = re.compile(
    rf"{_SP}({_DAY}){_SP}{_CONN}{_SP}(?:({_MONTH}){_SP}月{_SP})?({_DAY}){_SP}[日号]"
)
_RE_YEAR_QUAL = re.compile(
    rf"{_SP}(?:年{_SP})?(?:(?P<early>初{_NOT_INITIAL}期?)|(?P<mid>中期|中{_PUNCT_AFTER})"
    r"|(?P<late>底|末(?![端尾梢]))|(?P<half>[上下]半年)|(?:第?(?P<q>[一二三四1-4])季度)"
    r"|(?P<season>春季|夏季|秋季|冬季|春天|夏天|秋天|冬天))"
)
_RE_MONTH_QUAL = re.compile(
    rf"{_SP}(?:(?P<early_mid>上中旬)|(?P<mid_late>中下旬)|(?P<early>上旬|初{_NOT_INITIAL})"
    rf"|(?P<mid>中旬|中{_PUNCT_AFTER})|(?P<late>下旬|底|末(?![端尾梢])))"
)
_RE_TAIL_CONN = re.compile(rf"{_SP}{_CONN}{_SP}")
_RE_TAIL_NOW = re.compile(rf"{_SP}(?:至|到|迄)(?:今|现在|目前)")
_RE_TAIL = re.compile(
    rf"(?:(?P<y>{_YEAR}){_SP}年{_SP}|(?P<next>次年|翌年|第二年){_SP})?(?:(?P<m>{_MONTH}){_SP}月(?:份)?{_SP})?"
    rf"(?:(?P<d>{_DAY}){_SP}[日号])?"
)
# 4天后 / 两周后 / 一个月后 / 三天前: a span counted from the anchor. Years are left out: 10年后 is
# far more often a forecast than a step in a narrative.
_RE_OFFSET = re.compile(
    r"(?<![\d一二三四五六七八九十两])(?P<n>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*"
    r"(?P<unit>天|日|周|星期|个月)\s*(?P<dir>后|之后|以后|前|之前|以前)"
)
_OFFSET_BACK = {"前", "之前", "以前"}
_RE_MONTH_REL = re.compile(r"(?<![登踏送奔飞])(上个?月|本月|这个月|下个?月|当月|同月|次月)(?![球亮光])")
_RE_DAY_REL = re.compile(r"(当天|当日|同日|同一天|次日|翌日|第二天|前一天|前一日)(?![常然语本元])")
# 今天 / 昨天 / 前天 / 明天 count from the document's own day (a dateline or a header date);
# 今天的 / 今日的 are "nowadays" (今天的中国), not a day.
_RE_DOC_DAY = re.compile(r"(?<![至到迄])(今天|今日|昨天|昨日|前天|明天|明日)(?![的之起])")
_RE_DOC_DAY_UNTIL = re.compile(rf"{_CONN}(今天|今日|明天|明日)")
_DOC_DAY_DELTA = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
# 上周 / 本周 / 下周: a week is approximate, so only the month it falls in
_RE_WEEK_REL = re.compile(
    r"(?<![每])(上周|上个?星期|本周|这周|这个星期|下周|下个?星期)([一二三四五六日天](?![年月直些致起样道同般]))?"
)
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# 19日 / 10日至11日 / 4日至7日 with no month: a day of the month of the anchor (the last date
# written, or the dateline). Arabic digits only: Chinese numerals before 日 are too often
# words (一日千里, 十日谈).
_RE_BARE_DAY = re.compile(
    rf"(?<![\d{_CN}十月年第每数几—–\-~至到./:：])(3[01]|[12]\d|0?[1-9])[ \t]?[日号]"
    rf"(?:{_CONN}(3[01]|[12]\d|0?[1-9])[ \t]?[日号])?(?![元本语])"
)
# 十五年前 / 15年前的这个月: counted back from the document's date (a forecast, 10年后, is left out)
_RE_YEARS_AGO = re.compile(
    r"(?<![\d一二三四五六七八九十两])(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})\s*年前"
    r"(?P<same>的(?:这个月|今天|这一天|同一天|同月|这一时期))?"
)
_RE_VAGUE = re.compile(r"(此后|其后|随后|后来|不久前|不久后|此前|日前|近日)")
_RE_DECADE = re.compile(
    rf"((?<![\d.])[12]\d{{2}}0){_SP}年代(?![表理价替码言号办购管收孕写])|((?<![\d.])[12]\d{{2}}0)s\b"
)
_RE_CENTURY = re.compile(
    rf"(?:(?P<rel>本|上个?|下个?)|(?P<c>(?<!\d)\d{{1,2}}|二十一|二十|十[一二三四五六七八九]))"
    rf"{_SP}世纪(?:{_SP}(?P<dec>[1-9]0|[一二三四五六七八九]十){_SP}年代)?"
    rf"(?:{_SP}(?P<q>初叶|初期|初{_NOT_INITIAL}|上半叶|中叶|中期|中{_PUNCT_AFTER}|下半叶|末叶|末期|末))?"
)
_RE_DECADE_BARE = re.compile(
    rf"(?<![\d{_CN}十纪.])([1-9]0|[一二三四五六七八九]十){_SP}年代(?![表理价替码言号办购管收孕写])"
)
_EN_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_EN_MONTH = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_RE_EN_MDY = re.compile(
    rf"(?<![A-Za-z]){_EN_MONTH}\.?(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?,?)?\s+([12]\d{{3}})(?!\d)",
    re.IGNORECASE,
)
_RE_EN_DMY = re.compile(
    rf"(?<![\dA-Za-z])(\d{{1,2}})\s+{_EN_MONTH}\.?,?\s+([12]\d{{3}})(?!\d)", re.IGNORECASE
)
_RE_NUMERIC = re.compile(
    r"(?<![\d.])([12]\d{3})([./-])(1[0-2]|0[1-9]|(?<=[./])[1-9])"
    r"(?:\2(3[01]|[12]\d|0[1-9]|(?<=[./])[1-9]))?(?![\d])(?!\.\d)(?![ \t]*[年%亿万元])"
)
_RE_URL_BEFORE = re.compile(r"[/_A-Za-z=]$")
# a 4-digit number of years as a duration: 过去1000年来
_RE_DURATION_BEFORE = re.compile(r"(?:过去|近|长达|历时|最近)\s*$")
_RE_DURATION_AFTER = re.compile(r"(?:来|间|里)")

# target / deadline cues
_RE_TARGET_BEFORE = re.compile(
    r"(?P<cue>到|至|截至|截止(?:到|至)?|力争|争取|不迟于|最迟|最晚|有望|目标是)"
    r"(?:于|在|到)?\s*$"
)
_STRONG_BEFORE = {"力争", "争取", "不迟于", "最迟", "最晚", "目标是"}
# "by (a year)": a horizon when that year is later than the running anchor (the time written about)
_HORIZON_BEFORE = {"到", "有望"}
_RE_TARGET_AFTER = re.compile(
    r"[ \t\u3000\n]{0,3}(?:(?P<deadline>之前|以前|前(?![三两几一二四五六七八九半\d])|或更早)"
    r"|(?P<horizon>左右|前后|议程|可持续发展|愿景|(?:的)?承诺)"
    r"|(?P<goal>(?:的)?(?:远景)?目标|(?:力争|争取)?(?:基本|全面|率先|全部|完全)?"
    r"(?:碳达峰|达峰|碳中和|中和|净零|零排放|实现|达到|减半|消除|淘汰)))"
)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]\s*\n|[。！？!?]")


# --------------------------------------------------------------------------
# raw matches (no context needed) -> resolved TimeExpr (needs doc date / anchor)

Ymd = tuple[int, int | None, int | None]


@dataclass
class _Raw:
    start: int
    end: int
    kind: str  # abs | month_only | rel_month | rel_day | vague | decade | century | numeric
    y: int | None = None
    y_word: str | None = None
    m: int | None = None
    d: int | None = None
    qualifier: str | None = None
    end_y: int | None = None
    end_m: int | None = None
    end_d: int | None = None
    end_now: bool = False
    end_next_year: bool = False  # 2019年12月至次年1月
    word: str | None = None  # for rel_month / rel_day / century-relative / bare decade
    span_years: tuple[int, int] | None = None  # decades / centuries
    century_rel: int | None = None  # 本世纪 0, 上世纪 -1
    decade_in_century: int | None = None
    latin: bool = False  # English or numeric form (citations): never the anchor


def _qual_name(m: re.Match[str]) -> str | None:
    for name, value in m.groupdict().items():
        if value is None:
            continue
        if name == "half":
            return "first_half" if value.startswith("上") else "second_half"
        if name == "q":
            return f"q{cn_number(value)}"
        if name == "season":
            return {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}[value[0]]
        return name
    return None


def _extend_after_year(t: str, raw: _Raw, pos: int) -> int:
    """Consume month, day, qualifiers and bare ranges after a year; return the new end."""
    mq = _RE_YEAR_QUAL.match(t, pos)
    if mq:
        raw.qualifier = _qual_name(mq)
        return mq.end()
    br = _RE_BARE_MONTH_RANGE.match(t, pos)
    if br:
        raw.m, raw.end_m = cn_number(br.group(1)), cn_number(br.group(2))
        return br.end()
    mm = _RE_MONTH.match(t, pos)
    if not mm:
        return pos
    raw.m = cn_number(mm.group(1))
    return _extend_after_month(t, raw, mm.end())


def _extend_after_month(t: str, raw: _Raw, pos: int) -> int:
    br = _RE_BARE_DAY_RANGE.match(t, pos)
    if br:
        raw.d = cn_number(br.group(1))
        raw.end_m = cn_number(br.group(2)) if br.group(2) else None
        raw.end_d = cn_number(br.group(3))
        return br.end()
    md = _RE_DAY.match(t, pos)
    if md:
        raw.d = cn_number(md.group(1))
        return md.end()
    mq = _RE_MONTH_QUAL.match(t, pos)
    if mq:
        raw.qualifier = _qual_name(mq)
        return mq.end()
    return pos


def _extend_range(t: str, raw: _Raw, pos: int) -> int:
    """A second date after 至/到/— that shares the first one's finest unit."""
    if raw.end_y or raw.end_m or raw.end_d or raw.qualifier:
        return pos
    now = _RE_TAIL_NOW.match(t, pos)
    if now:
        raw.end_now = True
        return now.end()
    conn = _RE_TAIL_CONN.match(t, pos)
    if not conn:
        return pos
    tail = _RE_TAIL.match(t, conn.end())
    if not tail or tail.end() == conn.end():
        return pos
    y, m, d = tail.group("y"), tail.group("m"), tail.group("d")
    finest_first = "d" if raw.d else "m" if raw.m else "y"
    finest_tail = "d" if d else "m" if m else "y"
    if finest_first != finest_tail:
        return pos
    raw.end_y = year_number(y) if y else None
    raw.end_next_year = bool(tail.group("next"))
    raw.end_m = cn_number(m) if m else None
    raw.end_d = cn_number(d) if d else None
    return tail.end()


def _is_duration(t: str, start: int, end: int) -> bool:
    return bool(_RE_DURATION_BEFORE.search(t, max(0, start - 4), start) and _RE_DURATION_AFTER.match(t, end))


def _from_bare_year_range(t: str, m: re.Match[str]) -> _Raw | None:
    raw = _Raw(m.start(), m.end(), "abs", y=year_number(m.group(1)), end_y=year_number(m.group(2)))
    return raw


def _from_year_abs(t: str, m: re.Match[str]) -> _Raw | None:
    if _is_duration(t, m.start(), m.end()):
        return None
    raw = _Raw(m.start(), m.end(), "abs", y=year_number(m.group(1)))
    raw.end = _extend_range(t, raw, _extend_after_year(t, raw, m.end()))
    return raw


def _from_year_rel(t: str, m: re.Match[str]) -> _Raw | None:
    raw = _Raw(m.start(), m.end(), "abs", y_word=m.group(1))
    raw.end = _extend_range(t, raw, _extend_after_year(t, raw, m.end()))
    return raw


def _from_month_start(t: str, m: re.Match[str]) -> _Raw | None:
    raw = _Raw(m.start(), m.end(), "month_only")
    mm = _RE_MONTH.match(t, m.start())
    if mm is None:  # pragma: no cover - same pattern
        return None
    raw.m = cn_number(mm.group(1))
    raw.end = _extend_range(t, raw, _extend_after_month(t, raw, mm.end()))
    return raw


def _from_month_rel(t: str, m: re.Match[str]) -> _Raw | None:
    raw = _Raw(m.start(), m.end(), "rel_month", word=m.group(1))
    end = m.end()
    md = _RE_DAY.match(t, end)
    if md:
        raw.d = cn_number(md.group(1))
        end = md.end()
    else:
        mq = _RE_MONTH_QUAL.match(t, end)
        if mq:
            raw.qualifier = _qual_name(mq)
            end = mq.end()
    raw.end = end
    return raw


def _from_day_rel(t: str, m: re.Match[str]) -> _Raw | None:
    return _Raw(m.start(), m.end(), "rel_day", word=m.group(1))


def _from_doc_day(t: str, m: re.Match[str]) -> _Raw | None:
    raw = _Raw(m.start(), m.end(), "doc_day", d=_DOC_DAY_DELTA[m.group(1)], word=m.group(1))
    # 昨天至今天: a range of the document's days
    second = _RE_DOC_DAY_UNTIL.match(t, m.end())
    if second:
        raw.end_d, raw.end = _DOC_DAY_DELTA[second.group(1)], second.end()
    return raw


def _from_week_rel(t: str, m: re.Match[str]) -> _Raw | None:
    delta = -7 if m.group(1).startswith("上") else 7 if m.group(1).startswith("下") else 0
    raw = _Raw(m.start(), m.end(), "doc_week", d=delta, word=m.group(1))
    if m.group(2):  # 上周四: that weekday of the week before the document's
        raw.end_d = _WEEKDAY[m.group(2)]
    return raw


def _from_bare_day(t: str, m: re.Match[str]) -> _Raw | None:
    end_d = int(m.group(2)) if m.group(2) else None
    return _Raw(m.start(), m.end(), "bare_day", d=int(m.group(1)), end_d=end_d)


def _from_years_ago(t: str, m: re.Match[str]) -> _Raw | None:
    count = cn_number(m.group("n"))
    if count:
        return _Raw(m.start(), m.end(), "years_ago", d=count, word=m.group("same") or "")
    return None


def _from_offset(t: str, m: re.Match[str]) -> _Raw | None:
    count = cn_number(m.group("n"))
    if count:
        sign = -1 if m.group("dir") in _OFFSET_BACK else 1
        return _Raw(m.start(), m.end(), "rel_offset", d=sign * count, word=m.group("unit"))
    return None


def _from_vague(t: str, m: re.Match[str]) -> _Raw | None:
    return _Raw(m.start(), m.end(), "vague", word=m.group(1))


def _from_decade(t: str, m: re.Match[str]) -> _Raw | None:
    first = int(m.group(1) or m.group(2))
    return _Raw(m.start(), m.end(), "decade", span_years=(first, first + 9))


def _from_decade_bare(t: str, m: re.Match[str]) -> _Raw | None:
    return _Raw(m.start(), m.end(), "decade", decade_in_century=cn_number(m.group(1)))


def _from_century(t: str, m: re.Match[str]) -> _Raw | None:
    raw = _Raw(m.start(), m.end(), "century")
    if m.group("rel"):
        raw.century_rel = (
            -1 if m.group("rel").startswith("上") else (1 if m.group("rel").startswith("下") else 0)
        )
    else:
        c = cn_number(m.group("c"))
        if not c or c > 30:
            return None
        raw.span_years = ((c - 1) * 100 + 1, c * 100)
    if m.group("dec"):
        raw.decade_in_century = cn_number(m.group("dec"))
    q = m.group("q")
    if q:
        raw.qualifier = (
            "early"
            if q.startswith("初")
            else "first_half"
            if q == "上半叶"
            else "second_half"
            if q == "下半叶"
            else "late"
            if q.startswith("末")
            else "mid"
        )
    return raw


def _from_en_mdy(t: str, m: re.Match[str]) -> _Raw | None:
    return _Raw(
        m.start(),
        m.end(),
        "abs",
        y=int(m.group(3)),
        m=_EN_MONTHS[m.group(1)[:3].lower()],
        d=int(m.group(2)) if m.group(2) else None,
        latin=True,
    )
    return None


def _from_en_dmy(t: str, m: re.Match[str]) -> _Raw | None:
    return _Raw(
        m.start(),
        m.end(),
        "abs",
        y=int(m.group(3)),
        m=_EN_MONTHS[m.group(2)[:3].lower()],
        d=int(m.group(1)),
        latin=True,
    )
    return None


def _from_numeric(t: str, m: re.Match[str]) -> _Raw | None:
    if _RE_URL_BEFORE.search(t, max(0, m.start() - 1), m.start()):
        return None
    return _Raw(
        m.start(),
        m.end(),
        "abs",
        y=int(m.group(1)),
        m=int(m.group(3)),
        d=int(m.group(4)) if m.group(4) else None,
        latin=True,
    )
    return None


# Each pattern with the function that reads its match (None: not a time after all).
_UNGUARDED_CANDIDATES: tuple[tuple[re.Pattern[str], Callable[[str, re.Match[str]], _Raw | None]], ...] = (
    (_RE_BARE_YEAR_RANGE, _from_bare_year_range),
    (_RE_YEAR_ABS, _from_year_abs),
    (_RE_YEAR_REL, _from_year_rel),
    (_RE_MONTH_START, _from_month_start),
    (_RE_MONTH_REL, _from_month_rel),
    (_RE_DAY_REL, _from_day_rel),
    (_RE_DOC_DAY, _from_doc_day),
    (_RE_WEEK_REL, _from_week_rel),
    (_RE_BARE_DAY, _from_bare_day),
    (_RE_YEARS_AGO, _from_years_ago),
    (_RE_OFFSET, _from_offset),
    (_RE_VAGUE, _from_vague),
    (_RE_DECADE, _from_decade),
    (_RE_DECADE_BARE, _from_decade_bare),
    (_RE_CENTURY, _from_century),
    (_RE_EN_MDY, _from_en_mdy),
    (_RE_EN_DMY, _from_en_dmy),
    (_RE_NUMERIC, _from_numeric),
)
# Scanned over every sentence: each pattern gets the guard on its first characters.
_CANDIDATES = tuple((guarded(pattern), build) for pattern, build in _UNGUARDED_CANDIDATES)


def _raw_candidates(t: str) -> list[_Raw]:
    out: list[_Raw] = []
    for pattern, build in _CANDIDATES:
        for m in pattern.finditer(t):
            raw = build(t, m)
            if raw is not None:
                out.append(raw)
    # leftmost, then longest, non-overlapping
    out.sort(key=lambda r: (r.start, -r.end))
    chosen: list[_Raw] = []
    last_end = -1
    for raw in out:
        if raw.start >= last_end:
            chosen.append(raw)
            last_end = raw.end
    return chosen


# --------------------------------------------------------------------------
# ISO helpers


def _valid(y: int | None, m: int | None, d: int | None) -> Ymd | None:
    """Drop parts that make no calendar sense (2月30日 keeps only the month)."""
    if y is None or not 1 <= y <= 9999:
        return None
    if m is None or not 1 <= m <= 12:
        return (y, None, None)
    if d is None or not 1 <= d <= calendar.monthrange(y, m)[1]:
        return (y, m, None)
    return (y, m, d)


def _iso(ymd: Ymd) -> str:
    y, m, d = ymd
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _precision(ymd: Ymd) -> Precision:
    return "day" if ymd[2] is not None else "month" if ymd[1] is not None else "year"


def parse_iso(value: str | None) -> Ymd | None:
    """ "2021", "2021-04", "2021-08-01" -> (2021, 8, 1); anything else -> None."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not m:
        return None
    return _valid(
        int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None
    )


def _later(a: Ymd, b: Ymd) -> bool:
    """a strictly after b, compared at the precision both have."""
    ka: list[int] = [a[0]]
    kb: list[int] = [b[0]]
    for i in (1, 2):
        ai, bi = a[i], b[i]
        if ai is None or bi is None:
            break
        ka.append(ai)
        kb.append(bi)
    return ka > kb


def _recent_before(anchor: Ymd, doc: Ymd) -> bool:
    """The anchor lies within about six weeks before (or on) the document's day."""
    if anchor[1] is None:
        return False
    first = _date(anchor[0], anchor[1], anchor[2] or 1)
    last = _date(doc[0], doc[1] or 12, doc[2] or 28)
    return timedelta(0) <= last - first <= timedelta(days=45)


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + delta
    return index // 12, index % 12 + 1


# --------------------------------------------------------------------------


class DateResolver:
    """Stateful over one document: resolves relative expressions from the document date and the
    preceding dates."""

    def __init__(self, doc_date: str | None):
        self.doc_date = doc_date
        self._doc: Ymd | None = parse_iso(doc_date)
        self._anchor: Ymd | None = None
        self._sentence_anchor: Ymd | None = None

    @property
    def anchor(self) -> str | None:
        return _iso(self._anchor) if self._anchor else None

    def set_anchor(self, value: str | None) -> None:
        self._anchor = parse_iso(value)

    def checkpoint(self) -> Ymd | None:
        """All the state carried to the next sentence (restore() returns to it)."""
        return self._anchor

    def restore(self, checkpoint: Ymd | None) -> None:
        self._anchor = checkpoint

    # ---- public

    def find(self, text: str, offset: int = 0) -> list[TimeExpr]:
        t = text.translate(_FOLD)
        result: list[TimeExpr] = []
        self._sentence_anchor = None
        last_end = 0
        for raw in _raw_candidates(t):
            if _SENTENCE_END.search(t, last_end, raw.start):
                self._sentence_anchor = None
            last_end = raw.end
            expr = self._resolve(t, text, raw, offset)
            result.append(expr)
            if (
                expr.date
                and not expr.is_target
                and not raw.latin
                and expr.kind in ("date", "range")
                and not self._after_document(expr.date)
            ):
                ymd = parse_iso(expr.date)
                self._anchor = ymd
                self._sentence_anchor = ymd
        return result

    def _after_document(self, value: str) -> bool:
        """A date after the document's own (a plan, a horizon: 2020年后的行动) is not what the
        narrative's 同年 / 11月12日 refer to."""
        ymd = parse_iso(value)
        return bool(self._doc and ymd and _later(ymd, self._doc))

    # ---- resolution

    def _year_of(self, raw: _Raw) -> int | None:
        if raw.y is not None:
            return raw.y
        if raw.y_word:
            ref, delta = _REL_YEAR_WORDS[raw.y_word]
            base = self._doc if ref == "doc" else self._anchor
            return base[0] + delta if base else None
        # a month without a year: the anchor's year, else the document's
        base = self._anchor or self._doc
        return base[0] if base else None

    def _resolve(self, t: str, text: str, raw: _Raw, offset: int) -> TimeExpr:
        kind = "date"
        relative = raw.kind != "abs" or raw.y_word is not None
        start_ymd: Ymd | None = None
        end_ymd: Ymd | None = None
        if raw.kind in ("abs", "month_only"):
            y = self._year_of(raw)
            start_ymd = _valid(y, raw.m, raw.d) if y is not None else None
            if start_ymd and (raw.end_y or raw.end_m or raw.end_d or raw.end_next_year):
                ey = raw.end_y or start_ymd[0] + raw.end_next_year
                em = raw.end_m or (start_ymd[1] if raw.end_d else None)
                end_ymd = _valid(ey, em, raw.end_d)
            elif start_ymd and raw.end_now and self._doc:
                end_ymd = self._doc
        elif raw.kind == "rel_month":
            start_ymd = self._rel_month(raw)
        elif raw.kind == "rel_day":
            start_ymd = self._rel_day(t, raw)
        elif raw.kind == "rel_offset":
            start_ymd = self._offset(raw)
        elif raw.kind in ("doc_day", "doc_week", "years_ago"):
            start_ymd = self._from_document(raw)
            if raw.kind == "doc_day" and raw.end_d is not None:
                end_ymd = self._from_document(_Raw(raw.start, raw.end, "doc_day", d=raw.end_d))
        elif raw.kind == "bare_day":
            start_ymd, end_ymd = self._bare_day(raw)
        elif raw.kind in ("decade", "century"):
            start_ymd, end_ymd, relative = self._period(raw)
            kind = "decade" if raw.decade_in_century is not None else raw.kind
        elif raw.kind == "vague":
            kind = "vague"
        if end_ymd is not None and (start_ymd is None or not _later(end_ymd, start_ymd)):
            end_ymd = None
        if kind == "date" and end_ymd is not None:
            kind = "range"
        target = self._is_target(t, raw, start_ymd, end_ymd) if start_ymd else False
        if kind in ("date", "range") and start_ymd and not target and _is_reference_year(t, raw):
            kind = "reference"
        return TimeExpr(
            start=raw.start + offset,
            end=raw.end + offset,
            text=text[raw.start : raw.end],
            date=_iso(start_ymd) if start_ymd else None,
            date_end=_iso(end_ymd) if end_ymd else None,
            precision=_precision(start_ymd) if start_ymd else None,
            relative=relative,
            qualifier=raw.qualifier,
            is_target=target,
            kind=kind,
        )

    def _rel_month(self, raw: _Raw) -> Ymd | None:
        word = raw.word or ""
        base = self._anchor if word in ("当月", "同月", "次月") else self._doc
        if not base or base[1] is None:
            return None
        delta = -1 if word.startswith("上") else 1 if word.startswith(("下", "次")) else 0
        y, m = _shift_month(base[0], base[1], delta)
        return _valid(y, m, raw.d)

    def _rel_day(self, t: str, raw: _Raw) -> Ymd | None:
        word = raw.word or ""
        if word in ("当天", "当日", "同日", "同一天"):
            # "当天（2017年6月1日）": the date in the parentheses wins
            paren = re.compile(r"\s*[（(]").match(t, raw.end)
            if paren:
                for cand in _raw_candidates(t[paren.end() : paren.end() + 30]):
                    if cand.start == 0 and cand.kind == "abs" and cand.y is not None:
                        return _valid(cand.y, cand.m, cand.d)
            return self._anchor
        if not self._anchor or self._anchor[2] is None:
            return None
        y, m, d = self._anchor
        delta = -1 if word.startswith("前") else 1
        assert m is not None and d is not None
        try:
            shifted = _date(y, m, d) + timedelta(days=delta)
        except (ValueError, OverflowError):
            return None
        return (shifted.year, shifted.month, shifted.day)

    def _from_document(self, raw: _Raw) -> Ymd | None:
        """今天/昨天 need the document's day; 上周 gives the month it falls in; 十五年前 the year
        (十五年前的这个月: that month). Without a document date of that precision: no date."""
        doc = self._doc
        if doc is None or raw.d is None:
            return None
        if raw.kind == "years_ago":
            if raw.word and doc[1] is not None:
                return (doc[0] - raw.d, doc[1], doc[2] if "天" in raw.word else None)
            return (doc[0] - raw.d, None, None)
        if doc[1] is None or doc[2] is None:
            return None
        shifted = _date(doc[0], doc[1], doc[2]) + timedelta(days=raw.d)
        if raw.kind == "doc_week" and raw.end_d is not None:
            day = shifted - timedelta(days=shifted.weekday() - raw.end_d)
            return (day.year, day.month, day.day)
        if raw.kind == "doc_week":
            return (shifted.year, shifted.month, None)
        return (shifted.year, shifted.month, shifted.day)

    def _bare_day(self, raw: _Raw) -> tuple[Ymd | None, Ymd | None]:
        """A day without its month takes the month of the anchor. In a news report whose dateline
        gives the day, a day up to the dateline's, written while the anchor is a date shortly
        before the dateline (上月25日 … 潘基文19日表示), is a day of the dateline's month."""
        base = self._anchor if self._anchor and self._anchor[1] is not None else None
        doc = self._doc if self._doc and self._doc[2] is not None else None
        in_dateline_month = doc is not None and raw.d is not None and raw.d <= doc[2]  # type: ignore[operator]
        if in_dateline_month and (base is None or _recent_before(base, doc)):  # type: ignore[arg-type]
            base = doc
        if base is None or raw.d is None:
            return None, None
        start = _valid(base[0], base[1], raw.d)
        if start is None or start[2] is None:
            return None, None
        end = _valid(base[0], base[1], raw.end_d) if raw.end_d else None
        return start, end

    def _offset(self, raw: _Raw) -> Ymd | None:
        """4天后 from a day anchor is a day; 两周后 only the month it falls in (a week is
        approximate); 一个月后 from a month anchor is a month. A coarser anchor gives no date,
        except that days and weeks back (三天前) then count from the document's day."""
        if raw.d is None:
            return None
        anchor = self._anchor
        no_day = not anchor or anchor[2] is None
        if raw.d < 0 and raw.word != "个月" and no_day and self._doc and self._doc[2]:
            # 三周前 with no day to count from (the last date was 去年9月): counted from the
            # document's own day, as a speaker or reporter counts back from today
            anchor = self._doc
        if not anchor or anchor[1] is None:
            return None
        y, m, d = anchor
        if raw.word == "个月":
            index = y * 12 + (m - 1) + raw.d
            return (index // 12, index % 12 + 1, None)
        if d is None:
            return None
        days = raw.d * (7 if raw.word in ("周", "星期") else 1)
        try:
            shifted = _date(y, m, d) + timedelta(days=days)
        except (ValueError, OverflowError):
            return None
        if raw.word in ("周", "星期"):
            return (shifted.year, shifted.month, None)
        return (shifted.year, shifted.month, shifted.day)

    def _period(self, raw: _Raw) -> tuple[Ymd | None, Ymd | None, bool]:
        relative = False
        span = raw.span_years
        ref = self._doc or self._anchor
        if raw.century_rel is not None:
            relative = True
            if not ref:
                return None, None, True
            c = (ref[0] - 1) // 100 + 1 + raw.century_rel
            span = ((c - 1) * 100 + 1, c * 100)
        if raw.decade_in_century is not None:
            if span is not None:
                first = span[0] - 1 + raw.decade_in_century
            else:  # 90年代 alone: the latest such decade not after the reference year
                relative = True
                if not ref:
                    return None, None, True
                first = (ref[0] // 100) * 100 + raw.decade_in_century
                if first > ref[0]:
                    first -= 100
            span = (first, first + 9)
        if span is None:
            return None, None, relative
        start, end = _valid(span[0], None, None), _valid(span[1], None, None)
        return start, end, relative

    def _is_target(self, t: str, raw: _Raw, start: Ymd, end: Ymd | None) -> bool:
        window_start = max(0, raw.start - 8)
        before = _RE_TARGET_BEFORE.search(t, window_start, raw.start)
        after = _RE_TARGET_AFTER.match(t, raw.end)
        if not before and not after:
            return False
        if raw.kind == "century" and raw.qualifier is None and raw.decade_in_century is None:
            return False  # 进入到21世纪: a whole century is no deadline
        # a period (century, decade) is in the future when its end is
        probe = end if raw.kind in ("decade", "century") and end else start
        if self._doc is None and self._anchor is None:
            return True
        if self._doc is not None and _later(probe, self._doc):
            return True
        deadline = bool(
            (before and before.group("cue") in _STRONG_BEFORE)
            or (after and (after.group("deadline") or after.group("goal")))
        )
        if self._doc is None and self._anchor is not None:
            return _later(probe, self._anchor)
        # 到2020年… written after 2009年: a target of that time even if the document is later
        if before and before.group("cue") in _HORIZON_BEFORE and self._anchor and _later(probe, self._anchor):
            return True
        return bool(deadline and self._sentence_anchor and _later(probe, self._sentence_anchor))


# A year named as the base of a comparison (比2005年下降, 在2005年基础上, 较2005年水平) or as the
# scope of a programme (2020年后的行动目标) is not when anything happened: it never dates an
# event and never becomes the anchor of 同年 / 次年.
_RE_REFERENCE_BEFORE = re.compile(r"(?:比|较|相比|相较于?|对比|与|同|和|以|在|从|由)\s*$")
_RE_REFERENCE_AFTER = re.compile(
    r"[ \t\u3000\n]{0,3}(?:的?(?:水平|基准|基础上|基数|排放量)|为基(?:准|数|年)|(?:相比|相较|比较)"
    r"|(?:以后|之后|后)的(?!\d))"
)
_RE_COMPARATIVE_BEFORE = re.compile(r"(?:比|较|相比|相较于?|对比)\s*$")


def _is_reference_year(t: str, raw: _Raw) -> bool:
    """A base year of a comparison or the scope year of a programme (see above)."""
    if raw.kind != "abs" or raw.m is not None or raw.end_y is not None:
        return False  # only plain years: 比2005年; a month or a range is a real time
    before = t[max(0, raw.start - 4) : raw.start]
    if _RE_COMPARATIVE_BEFORE.search(before):
        return True
    after = _RE_REFERENCE_AFTER.match(t, raw.end)
    if after is None:
        return False
    # 与2005年相比 / 在2005年基础上 need their opening word; 2020年后的目标 does not
    word = after.group(0).strip()
    if word.endswith("的") or "后的" in word:
        return True
    return bool(_RE_REFERENCE_BEFORE.search(before))


def find_dates(text: str, doc_date: str | None = None) -> list[TimeExpr]:
    return DateResolver(doc_date).find(text)


def parse_date(expr: str, doc_date: str | None = None, anchor: str | None = None) -> TimeExpr | None:
    resolver = DateResolver(doc_date)
    resolver.set_anchor(anchor)
    found = resolver.find(expr)
    return found[0] if found else None


_RE_HEAD_LABEL = re.compile(r"^(?:(?:发布|出版|印发|成文)?(?:日期|时间)\s*[:：]\s*)?")


# Head-matter lines that state a publication: an issue (2021年第5期, 12月刊, Vol./No.), a
# journal title in book-title marks, a byline (文/…) or a publishing label.
_RE_HEAD_ISSUE = re.compile(
    r"第\s*[\d一二三四五六七八九十〇零]+\s*[期卷]|[\d一二三四五六七八九十]\s*月?刊|^《[^》]{1,20}》|文\s*[/／]"
    r"|^(?:出版|发布|发表|刊发|印发)(?:日期|时间)?|[Vv]ol\.|No\."
)
_RE_HEAD_ISSUE_YEAR = re.compile(r"(\d{4})\s*年\s*第\s*[\d一二三四五六七八九十]+\s*期")
_HEAD_LINES = 15
_HEAD_CHARS = 600


@dataclass(frozen=True)
class DocumentDate:
    """When a document was written, as its head matter states it.

    ``date`` is ISO at the precision given; ``month_day`` is set instead when a dateline gives
    month and day without the year (本报北京11月12日电): the caller may find the year from what
    the text reports (see ``extract.document_date``)."""

    date: str | None
    month_day: tuple[int, int] | None = None
    day: int | None = None  # a dateline with the day only (华盛顿22日专电)
    source: str = ""  # dateline | header | by-line | head matter


# 本报哥本哈根12月19日电 / 新华社北京2023年10月26日电 / 中新网华盛顿11月15日消息: a place (a few
# characters, maybe after an agency or a reporter's name) and a date, closed by 电/讯/消息.
_NEWS_FILED = r"(?:专|專)?(?:电|電)|讯|訊|消息|报道|報導"
_RE_DATELINE = re.compile(
    rf"(?:^|[（(【\[\s])[^\s，。；：:（）()]{{0,16}}?(?:(?P<y>{_YEAR}){_SP}年)?{_SP}"
    rf"(?:(?P<m>{_MONTH}){_SP}月{_SP})?(?P<d>{_DAY}){_SP}日{_SP}(?:{_NEWS_FILED})"
)
# the by-line at the end of a newspaper article: （《人民日报》2020年09月24日 第01版）
_RE_TAIL_BYLINE = re.compile(
    r"^[（(]\s*《[^》]{1,20}》\s{0,2}(?P<date>[^）)]{6,16}?)\s*(?:第\s*\d+\s*版)?\s*[）)]$"
)
# a Central News Agency stamp: （编辑：某某）1100423 — year 110 of the Republic (2021), 04-23
_RE_ROC_STAMP = re.compile(
    r"[（(](?:编辑|編輯)[:：][^）)]{1,12}[）)]\s*(?P<y>1[0-2]\d)(?P<m>[01]\d)(?P<d>[0-3]\d)\s*$"
)
_ROC_YEAR_ONE = 1911
_HEAD_LINE_CHARS = 60
# a date that opens a head line, closes it, or stands in its parentheses: "# 新闻联播 2015-11-30",
# "……（2009年11月18日）", "（2023年11月22日，北京）", "2023年11月15日外交部发言人主持例行记者会"
_RE_HEAD_PAREN = re.compile(r"[（(]([^（）()]{4,24})[）)]")
_RE_HEAD_LABELLED = re.compile(r"(?:发布|发表|更新|出版|印发|成文)?(?:日期|时间)\s*[:：]\s*(\S{6,16})")
_RE_WEEKDAY = re.compile(r"[（(](?:星期|周|礼拜)[一二三四五六日天][）)]")


def find_document_date(text: str) -> DocumentDate | None:
    """The date a text gives for itself: a news dateline, a date on a head line, the by-line or
    agency stamp at its end, or the head matter of a report or journal (see
    ``guess_document_date``). Dates inside body sentences never count: they are what the document
    reports."""
    head = text[:4000].translate(_FOLD)
    lines = head.splitlines()[:80]
    stamp = _tail_date(text[-600:].translate(_FOLD))
    dateline = _dateline(lines[:8])
    if dateline is not None and dateline.date:
        return dateline
    if dateline is not None:
        return _complete_dateline(dateline, stamp)
    found = _header_line_date(lines)
    if found:
        return DocumentDate(found, source="header")
    if stamp:
        return DocumentDate(stamp, source="by-line")
    guessed = guess_document_date(text)
    return DocumentDate(guessed, source="head matter") if guessed else None


def _dateline(lines: list[str]) -> DocumentDate | None:
    for line in lines:
        match = _RE_DATELINE.search(line[:80])
        if match is None:
            continue
        month = cn_number(match.group("m")) if match.group("m") else None
        day = cn_number(match.group("d"))
        if day is None:
            continue
        if match.group("y") and month is not None:
            ymd = _valid(year_number(match.group("y")), month, day)
            if ymd is not None and ymd[2] is not None:
                return DocumentDate(_iso(ymd), source="dateline")
            continue
        if month is None:
            return DocumentDate(None, day=day, source="dateline")
        if _valid(2000, month, day) is not None:
            return DocumentDate(None, month_day=(month, day), source="dateline")
    return None


def _complete_dateline(dateline: DocumentDate, stamp: str | None) -> DocumentDate:
    """A dateline without its year (or month) takes them from a stamp at the article's end that is
    at most a few days later (an agency files on the day, the stamp records the edition)."""
    ymd = parse_iso(stamp)
    if ymd is None or ymd[2] is None:
        return dateline
    stamped = _date(ymd[0], ymd[1] or 1, ymd[2])
    for back in range(0, 8):
        day = stamped - timedelta(days=back)
        same_month_day = dateline.month_day in (None, (day.month, day.day))
        if same_month_day and (dateline.day is None or dateline.day == day.day):
            return DocumentDate(day.isoformat(), source="dateline")
    return dateline


def _tail_date(tail: str) -> str | None:
    """The date of a by-line or agency stamp on the last lines of a text."""
    lines = [line.strip() for line in tail.splitlines() if line.strip()][-3:]
    for line in reversed(lines):
        stamp = _RE_ROC_STAMP.search(line)
        if stamp:
            year = int(stamp.group("y")) + _ROC_YEAR_ONE
            ymd = _valid(year, int(stamp.group("m")), int(stamp.group("d")))
            return _iso(ymd) if ymd and ymd[2] else None
        byline = _RE_TAIL_BYLINE.match(line)
        if byline:
            return _edge_date(byline.group("date").strip())
    return None


def _header_line_date(lines: list[str]) -> str | None:
    """A day or month date on one of the head lines before the body starts."""
    seen = 0
    for line in lines:
        stripped = line.strip().lstrip("#").strip()
        if not stripped:
            continue
        seen += 1
        if seen > 4 or "。" in stripped or len(stripped) > _HEAD_LINE_CHARS:
            return None  # the body has begun
        stripped = _RE_WEEKDAY.sub("", stripped)
        labelled = _RE_HEAD_LABELLED.search(stripped)
        pieces = [labelled.group(1)] if labelled else []
        pieces += [m.group(1) for m in _RE_HEAD_PAREN.finditer(stripped)] + [stripped]
        for piece in pieces:
            found = _edge_date(piece) or _day_on_short_line(piece)
            if found:
                return found
    return None


def _day_on_short_line(line: str) -> str | None:
    """明报 2017年6月7日 中国版: a whole date on a short head line without clause punctuation."""
    if len(line) > 30 or any(p in line for p in "，,；;"):
        return None
    days = [
        t for t in find_dates(line) if t.date and not t.relative and t.kind == "date" and t.precision == "day"
    ]
    return days[0].date if len(days) == 1 else None


def _edge_date(piece: str) -> str | None:
    dates = [
        t
        for t in find_dates(piece)
        if t.date and not t.relative and t.kind == "date" and t.precision in ("day", "month")
    ]
    if len(dates) != 1:
        return None
    t = dates[0]
    rest_before = piece[: t.start].strip(" \t#|-—:：")
    rest_after = piece[t.end :].strip(" \t|-—")
    if not rest_before or not rest_after or rest_after[0] in "，,":
        return t.date
    return None


def guess_document_date(text: str) -> str | None:
    """The publication date stated in the head matter (cover, title page, journal head).

    First a line that is just a date (a cover: "2021年4月"); failing that, the latest date on a
    short head line that states an issue or a publication ("《某刊》2021年第5期（二〇二一年九月）",
    "2023年12月刊 文/…"), or the year of such an issue. Dates inside body sentences never count:
    they are what the document reports, not when it was published.
    """
    head = text[:4000]
    for line in head.splitlines()[:80]:
        stripped = _RE_HEAD_LABEL.sub("", line.strip())
        if not stripped or len(stripped) > 24:
            continue
        found = find_dates(stripped)
        if (
            len(found) == 1
            and found[0].start == 0
            and found[0].end == len(stripped)
            and not found[0].relative
            and found[0].precision in ("month", "day")
        ):
            return found[0].date
    return _issue_date(text[:_HEAD_CHARS])


def _issue_date(head: str) -> str | None:
    """The latest date on an issue / publication line of the first head lines (see above)."""
    best: str | None = None
    lines = [line.strip() for line in head.splitlines() if line.strip()][:_HEAD_LINES]
    for line in lines:
        # a comma or full stop makes it a sentence of the body, whatever it names
        if len(line) > 80 or any(p in line for p in "。，；") or not _RE_HEAD_ISSUE.search(line):
            continue
        candidates = [
            t.date
            for t in find_dates(line)
            if t.date and not t.relative and not t.is_target and t.kind == "date" and t.precision != "year"
        ]
        candidates += [m.group(1) for m in _RE_HEAD_ISSUE_YEAR.finditer(line)]
        for found in candidates:
            # the latest wins; at equal start the more precise one (2021-09 over 2021)
            if best is None or found > best:
                best = found
    return best
