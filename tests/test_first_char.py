"""The first-character guard (extract/first_char.py) finds exactly what the bare pattern finds."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policygraph.extract import dates
from policygraph.extract.first_char import guarded
from policygraph.extract.knowledge import default_knowledge_dir

PIECES = [
    "2015", "年", "9", "月", "25", "日", "号", "二〇一五", "十一", "同年", "当天", "上周", "四", "去年",
    "本月", "三年前", "90年代", "世纪", "Sept.", "November", "15 Nov", "2023-11-15", "2021/4/17",
    "签署", "发表", "宣布", "会晤", "联合声明", "《巴黎协定》", "，", "。", " ", "\n", "a", "A", ".", ",",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join)


def _trigger_patterns() -> list[re.Pattern[str]]:
    with (default_knowledge_dir() / "triggers.toml").open("rb") as handle:
        types = tomllib.load(handle)["types"]
    return [re.compile(p) for spec in types.values() for p in spec["triggers"]]


TRIGGERS = _trigger_patterns()


def matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def test_a_leading_lookbehind_gets_a_guard_on_the_characters_a_match_can_start_with() -> None:
    pattern = guarded(re.compile(r"(?<![\d.])(?:[12]\d{3}|[〇零一二三四五六七八九]{4})年"))
    assert pattern.pattern.startswith("(?=[")
    assert set(re.search(r"\(\?=\[(.*?)\]\)", pattern.pattern).group(1)) >= {"1", "2", "〇", "九"}
    assert [m.group() for m in pattern.finditer("1999年，二〇一五年和3000年")] == ["1999年", "二〇一五年"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [(r"\d*年", r"(?=[\d年])(?:\d*年)"), (r"\b(?:今|去)年", r"(?=[今去])(?:\b(?:今|去)年)")],
)
def test_optional_and_zero_width_openings_are_looked_through(source: str, expected: str) -> None:
    assert guarded(re.compile(source)).pattern == expected


@pytest.mark.parametrize(
    "source",
    [r"(当天|当日)", r"abc", r"[ab]c", r"(?:x)?", r".年", r"[^年]年", r"(?<!a)[^x]年"],
)
def test_patterns_that_re_skips_itself_or_whose_start_is_unknown_stay_as_they_are(source: str) -> None:
    pattern = re.compile(source)
    assert guarded(pattern) is pattern


def test_flags_survive_the_guard() -> None:
    ignore_case = guarded(re.compile(r"(?<![A-Za-z])(Nov(?:ember)?)\s+\d{1,2}", re.IGNORECASE))
    assert ignore_case is not None and ignore_case.flags & re.IGNORECASE
    assert [m.group(1) for m in ignore_case.finditer("on november 15 and NOV 16")] == ["november", "NOV"]
    inline = guarded(re.compile(r"(?i)(?<![a-z])nov\s+\d"))
    assert inline.pattern.startswith("(?i)(?=[") and inline.search("x NOV 1")


@settings(max_examples=300, derandomize=True, deadline=None)
@given(texts)
def test_guarded_date_patterns_find_the_same_matches(text: str) -> None:
    pairs = zip(dates._CANDIDATES, dates._UNGUARDED_CANDIDATES, strict=True)
    assert sum(g is not u for (g, _), (u, _) in pairs) >= 10  # most of them are guarded
    for (guarded_pattern, _), (bare, _) in zip(dates._CANDIDATES, dates._UNGUARDED_CANDIDATES, strict=True):
        assert matches(guarded_pattern, text) == matches(bare, text)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(texts)
def test_guarded_trigger_patterns_find_the_same_matches(text: str) -> None:
    for pattern in TRIGGERS:
        assert matches(guarded(pattern), text) == matches(pattern, text)
