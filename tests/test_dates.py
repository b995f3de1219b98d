"""Date normaliser: table cases from the corpus and typical forms, plus property tests."""

from __future__ import annotations

import calendar
import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policygraph.extract import load_knowledge
from policygraph.extract.dates import (
    DateResolver,
    TimeExpr,
    find_dates,
    find_document_date,
    guess_document_date,
    parse_date,
)
from policygraph.extract.document_date import document_date

ROOT = Path(__file__).resolve().parents[1]

CORPUS = ROOT / "data" / "corpus"
CASES_FILE = Path(__file__).parent / "data" / "dates_cases.tsv"
ISO_BY_PRECISION = {
    "year": re.compile(r"\d{4}"),
    "month": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),
    "day": re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"),
}


def _none(value: str) -> str | None:
    return None if value == "-" else value


def _unescape(value: str) -> str:
    return value.replace("\\n", "\n")


def load_cases() -> list[dict[str, str]]:
    lines = [ln for ln in CASES_FILE.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = load_cases()


def _case_id(case: dict[str, str]) -> str:
    return f"{case['source']}:{_unescape(case['expr'])}:{case['sentence'][:12]}"


def test_case_file_is_large_and_mostly_real() -> None:
    real = [c for c in CASES if c["source"] != "typical"]
    assert len(CASES) >= 100
    assert len(real) >= 60
    assert {c["source"] for c in real} == {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize("case", [c for c in CASES if c["source"] != "typical"], ids=_case_id)
def test_real_case_sentence_is_in_its_document(case: dict[str, str]) -> None:
    # every "real" row must be traceable to its document (whitespace aside: PDF line breaks)
    doc = next(CORPUS.glob(f"{case['source']}_*.txt")).read_text(encoding="utf-8")
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", _unescape(case["sentence"])) in squeeze.sub("", doc)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_date_case(case: dict[str, str]) -> None:
    sentence, expr = _unescape(case["sentence"]), _unescape(case["expr"])
    assert expr in sentence, "broken case: expr must be a substring of the sentence"
    resolver = DateResolver(_none(case["doc_date"]))
    resolver.set_anchor(_none(case["anchor"]))
    found = resolver.find(sentence)
    expr_start = sentence.index(expr)
    expr_end = expr_start + len(expr)
    if case["date"] == "NONE":
        overlapping = [e for e in found if e.start < expr_end and expr_start < e.end]
        assert overlapping == [], f"{expr!r} must not be read as a date"
        return
    matches = [e for e in found if e.text == expr]
    assert matches, f"{expr!r} not found; got {[e.text for e in found]}"
    got = matches[0]
    assert got.date == _none(case["date"])
    assert got.date_end == _none(case["date_end"])
    assert got.precision == _none(case["precision"])
    assert got.qualifier == _none(case["qualifier"])
    assert got.relative is (case["relative"] == "1")
    assert got.is_target is (case["is_target"] == "1")


def test_relative_dates_follow_the_document_order() -> None:
    # 003: a season, then 同年 8 月 in the next sentence, then 此后 with no date of its own
    text = ("2019 年夏季，南美亚马孙雨林遭遇持续数月的严重火灾。"
            "同年 8 月，在法国主办的 G7 峰会上，马克龙呼吁。此后，两国领导人针锋相对。")
    resolver = DateResolver("2021")
    found = resolver.find(text)
    assert [(e.text, e.date) for e in found] == [
        ("2019 年夏季", "2019"), ("同年 8 月", "2019-08"), ("此后", None)]
    assert resolver.anchor == "2019-08"


def test_targets_do_not_move_the_anchor() -> None:
    resolver = DateResolver("2021-04")
    resolver.find("2020年9月，习近平宣布力争于2030年前达到峰值。")
    assert resolver.anchor == "2020-09"
    assert resolver.find("次年，中国发布方案。")[0].date == "2021"


def test_citation_dates_do_not_move_the_anchor() -> None:
    resolver = DateResolver("2021-08-01")
    resolver.find("2019 年 11 月，布鲁金斯学会发表报告。Retrieved on July 19, 2021.")
    assert resolver.anchor == "2019-11"


def test_offsets_are_shifted_and_point_into_the_document() -> None:
    doc = "前言。\n2016年9月，中美两国元首在杭州交存批准文书。"
    sentence_start = doc.index("2016")
    found = DateResolver("2020").find(doc[sentence_start:], offset=sentence_start)
    assert found[0].date == "2016-09"
    assert doc[found[0].start:found[0].end] == found[0].text


def test_parse_date_single_expression() -> None:
    got = parse_date("同年8月", doc_date="2021", anchor="2019-05-21")
    assert got is not None and (got.date, got.precision, got.relative) == ("2019-08", "month", True)
    assert parse_date("没有日期") is None


def test_unresolvable_relative_has_no_date() -> None:
    got = parse_date("同年8月")  # no anchor and no document date
    assert got is not None and got.date is None and got.relative


def test_guess_document_date_from_the_corpus_covers() -> None:
    catalog = json.loads((CORPUS / "catalog.json").read_text(encoding="utf-8"))
    guessed = {}
    for entry in catalog["documents"]:
        text = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        guessed[entry["file"][:3]] = (guess_document_date(text), entry["date"])
    # the three documents with a dated cover agree with the catalog; the other two have none
    assert guessed["000"] == ("2021-04", "2021-04")
    assert guessed["001"] == ("2021-08-01", "2021-08-01")
    assert guessed["002"] == ("2023-10", "2023-10")
    assert guessed["003"][0] is None
    assert guessed["004"][0] is None


def test_guess_document_date_ignores_dates_inside_sentences() -> None:
    text = "标题\n2014年11月12日，中美发表联合声明。\n发布日期：2022年3月\n正文"
    assert guess_document_date(text) == "2022-03"


# ---------------------------------------------------------------- properties

_DATEISH = st.sampled_from(list("0123456789０１２３年月日号旬初中底末至到—-~前后今去同次当天世纪代"
                                "〇零一二三四五六七八九十上下半季度 \n\t，。（）./"))
_TEXT = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=_DATEISH, max_size=120),
    st.lists(st.one_of(_DATEISH, st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)),
             max_size=120).map("".join),
)
_DOC_DATES = st.sampled_from([None, "2021", "2021-04", "2021-08-01", "1999-12-31", "0001"])


def _check_expr(text: str, expr: TimeExpr) -> None:
    assert 0 <= expr.start < expr.end <= len(text)
    assert expr.text == text[expr.start:expr.end]
    if expr.date is None:
        assert expr.precision is None
    else:
        assert expr.precision is not None
        assert ISO_BY_PRECISION[expr.precision].fullmatch(expr.date)
    if expr.date_end is not None:
        assert expr.date is not None
        assert any(p.fullmatch(expr.date_end) for p in ISO_BY_PRECISION.values())
        assert expr.date_end >= expr.date


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, doc_date=_DOC_DATES)
def test_find_dates_never_raises_and_spans_are_exact(text: str, doc_date: str | None) -> None:
    found = find_dates(text, doc_date)
    for expr in found:
        _check_expr(text, expr)
    starts = [e.start for e in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(year=st.integers(1000, 2199), month=st.integers(1, 12), day=st.integers(1, 31),
       spaces=st.sampled_from(["", " ", "\n", " \n\n"]))
def test_generated_absolute_dates_round_trip(year: int, month: int, day: int, spaces: str) -> None:
    text = f"前文。{year}{spaces}年{spaces}{month}{spaces}月{spaces}{day}{spaces}日，双方会谈。"
    found = find_dates(text)
    assert len(found) == 1
    expr = found[0]
    _check_expr(text, expr)
    if day <= calendar.monthrange(year, month)[1]:
        assert expr.date == f"{year:04d}-{month:02d}-{day:02d}"
    else:  # an impossible day keeps only the month
        assert expr.date == f"{year:04d}-{month:02d}"


def test_base_and_scope_years_are_references_not_anchors() -> None:
    text = "2009年11月，中国宣布单位产值排放比2005年下降四成。同年12月，会议召开。"
    found = {t.text: t for t in find_dates(text, "2021")}
    assert found["2005年"].kind == "reference"
    assert found["同年12月"].date == "2009-12"  # from 2009, not the base year 2005
    scope = {t.text: t for t in find_dates("双方就2025年后的行动进行磋商。", "2021")}
    assert scope["2025年"].kind == "reference"
    # a year that is itself when something happened stays a date
    plain = {t.text: t for t in find_dates("2016年，双方交存批准文书。", "2021")}
    assert plain["2016年"].kind == "date"


def test_guess_document_date_from_a_journal_or_magazine_head() -> None:
    journal = "论文标题\n《某某研究》2019年第3期（二〇一九年五月）\n【摘要】 2014年11月两国发表声明。\n"
    assert guess_document_date(journal) == "2019-05"
    magazine = "专题报道\n《某某周刊》 2022年7月刊  文/记者 张三\n\n今年7月，代表团来访。"
    assert guess_document_date(magazine) == "2022-07"
    issue_only = "简报\n工作简报 2018年第7期\n正文从这里开始，2016年双方签署协议。"
    assert guess_document_date(issue_only) == "2018"
    # a line of body text naming a treaty and a date is not a head line
    body = "标题\n美国将于2020年11月4日退出《巴黎协定》\n（以下简称协定）"
    assert guess_document_date(body) is None


DOCUMENT_DATES = [
    # a news dateline, with and without its year
    ("标题\n\n新华社北京2023年10月26日电 记者报道", "2023-10-26", None, None),
    ("标题\n\n本报哥本哈根12月19日电（记者 某某）大会闭幕", None, (12, 19), None),
    # a dateline with the day only and an agency stamp at the end that gives the rest
    ("（中央社记者某某华盛顿22日专电）总统今天召开峰会。\n（编辑：某某）1100423", "2021-04-22", None, None),
    # head lines: a programme header, a title ending in a date, a speech's date and place
    ("# 新闻联播 2015-11-30\n\n## 1. 习近平出席大会", "2015-11-30", None, None),
    ("在大会开幕式上的讲话（2015年11月30日）\n\n尊敬的各位来宾", "2015-11-30", None, None),
    ("标题\n——在研讨会上的主旨演讲\n（2023年6月20日，北京）\n\n尊敬的", "2023-06-20", None, None),
    ("2023年11月15日外交部发言人主持例行记者会（节选）\n\n问：今天", "2023-11-15", None, None),
    ("明报　2017年6月7日（星期三）　中国版\n\n标题", "2017-06-07", None, None),
    ("标题\n\n发布日期：2019-11-08　　来源：某省生态环境厅\n\n本月4日", "2019-11-08", None, None),
    # the by-line at the end of a newspaper article
    ("标题\n\n今年是协定达成五周年。\n\n（《人民日报》2020年09月24日 第01版）\n", "2020-09-24", None, None),
    # a chronology's range and a body sentence are not the document's date
    ("中美气候合作大事记（2008—2016）\n\n2008年6月18日，双方签署框架。", None, None, "none"),
    ("2014年11月12日，中美两国元首在北京发表联合声明，宣布各自目标。", None, None, "none"),
]


@pytest.mark.parametrize(("text", "date", "month_day", "nothing"), DOCUMENT_DATES)
def test_find_document_date(text: str, date: str | None, month_day, nothing) -> None:
    found = find_document_date(text)
    if nothing:
        assert found is None
        return
    assert found is not None
    assert found.date == date
    assert found.month_day == month_day


def test_dateline_year_comes_from_what_the_text_names() -> None:
    knowledge = load_knowledge()
    # a dateline of 12 Dec without its year, in a report on the conference held then (COP15, 2009)
    text = "哥本哈根气候大会闭幕\n\n本报哥本哈根12月19日电 哥本哈根气候大会19日闭幕。"
    assert document_date(text, knowledge) == "2009-12-19"
    # nothing named fixes the year: no date rather than a guess
    assert document_date("标题\n\n本报北京3月2日电 会议在北京举行。", knowledge) is None
