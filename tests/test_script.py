"""Traditional → simplified conversion for matching, and its map back into the original text."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policygraph.extract.clean import clean
from policygraph.extract.script import (
    Mapped,
    RegionalTerm,
    ScriptConverter,
    clean_converted,
    convert_mapped,
    is_traditional,
    load_terms,
    source_text,
    traditional_share,
)

DATA = Path(__file__).resolve().parents[1] / "data"

# written for these tests: a Taiwan-style news sentence and its simplified twin
TAIWAN = "美國國務卿與中國特使在臺北會談後發表聯合聲明，雙方同意加強合作。"
MAINLAND = "美国国务卿与中国特使在北京会谈后发表联合声明，双方同意加强合作。"


@pytest.fixture(scope="module")
def converter() -> ScriptConverter:
    return ScriptConverter.from_data(DATA)


def _check_map(mapped: Mapped) -> None:
    """Every converted character maps to a non-empty span inside the source, in order."""
    n = len(mapped.text)
    spans = [mapped.char_span(i) for i in range(n)]
    for start, end in spans:
        assert 0 <= start < end <= len(mapped.source)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    assert starts == sorted(starts) and ends == sorted(ends)
    if n:
        assert mapped.span(0, n) == (spans[0][0], spans[-1][1])


# ---------------------------------------------------------------- detection
def test_traditional_text_is_detected_and_simplified_is_not() -> None:
    assert is_traditional(TAIWAN)
    assert not is_traditional(MAINLAND)
    assert traditional_share(MAINLAND) == 0.0
    assert traditional_share(TAIWAN) > 0.2


def test_simplified_text_quoting_a_traditional_title_is_left_alone() -> None:
    quote = "（原載台灣《聯合報》：美國國務卿與中國特使會談）"
    text = MAINLAND * 20 + quote
    assert traditional_share(quote) > 0.5  # enough traditional characters to count …
    assert 0 < traditional_share(text) < 0.05  # … but a small share of the document
    assert not is_traditional(text)


def test_text_without_han_is_not_traditional() -> None:
    assert not is_traditional("The United States and China issued a joint statement.")


# ---------------------------------------------------------------- the conversion itself
def test_script_step_keeps_words_that_the_rules_need(converter: ScriptConverter) -> None:
    # tw2sp would give 布尔肯 / 运行 / 声明 / 创建 here (its vocabulary tables); the script step must not
    text = "川普與布林肯宣告將執行協議並建立機制。"
    assert converter.simplify(text) == "川普与布林肯宣告将执行协议并建立机制。"


def test_taiwan_and_hong_kong_variants_are_normalised(converter: ScriptConverter) -> None:
    assert converter.simplify("隨著衞生峯會") == "随着卫生峰会"


def test_regional_words_are_rewritten_for_matching(converter: ScriptConverter) -> None:
    mapped = converter.convert("美中兩國就氣候變遷發表聲明，美中不足之處仍多。")
    assert mapped.text == "中美两国就气候变化发表声明，美中不足之处仍多。"
    _check_map(mapped)


@pytest.mark.parametrize(
    ("taiwan", "matched"),
    [
        ("聯合國氣候變化綱要公約", "联合国气候变化框架公约"),
        ("雙方簽署合作瞭解備忘錄", "双方签署合作谅解备忘录"),
        ("隔天舉行視訊會議", "次日举行视频会议"),
        ("領袖氣候高峰會", "领袖气候峰会"),
        ("高峰會議", "高峰会议"),  # a mainland word as well: left alone
        ("北美中部各州", "北美中部各州"),
    ],
)
def test_regional_terms(converter: ScriptConverter, taiwan: str, matched: str) -> None:
    assert converter.convert(taiwan).text == matched


def test_the_regional_terms_file_loads() -> None:
    terms = load_terms(DATA)
    assert any(t.mainland == "气候变化" for t in terms)
    assert all(t.variants and t.source for t in terms)


# ---------------------------------------------------------------- offset maps
def test_same_length_conversion_is_the_identity_map(converter: ScriptConverter) -> None:
    mapped = converter.convert(TAIWAN)
    assert mapped.starts is None  # no character moved: no arrays at all
    assert mapped.text.startswith("美国国务卿")
    assert mapped.span(5, 8) == (5, 8)


def test_phrases_that_change_length_map_to_their_whole_source_span() -> None:
    # OpenCC's tw2sp rewrites Taiwan words, some into longer ones: 肯亞 → 肯尼亚, 計程車 → 出租车
    tw2sp = opencc.OpenCC("tw2sp").convert
    source = "他搭計程車去肯亞開會。"
    mapped = convert_mapped(source, tw2sp)
    assert mapped.text == "他搭出租车去肯尼亚开会。"
    _check_map(mapped)
    kenya = mapped.text.index("肯尼亚")
    assert mapped.span(kenya, kenya + 3) == (source.index("肯亞"), source.index("肯亞") + 2)
    assert source[slice(*mapped.span(0, 2))] == "他搭"  # untouched characters map one to one
    meet = mapped.text.index("开会")
    assert source[slice(*mapped.span(meet, meet + 2))] == "開會"


def test_regional_rewrite_of_another_length_is_composed_with_the_script_map() -> None:
    converter = ScriptConverter([RegionalTerm(variants=("再生能源",), mainland="可再生能源")])
    source = "臺灣發展再生能源。"
    mapped = converter.convert(source)
    assert mapped.text == "台湾发展可再生能源。"
    _check_map(mapped)
    start = mapped.text.index("可再生能源")
    assert source[slice(*mapped.span(start, start + 5))] == "再生能源"
    assert source[slice(*mapped.span(len(mapped.text) - 1, len(mapped.text)))] == "。"


_TRADITIONAL = "國會議員與總統簽署協議後發表聲明臺灣峯會衞生計程車肯亞視訊氣候變遷高美中隔天"
_SIMPLIFIED = "国会议员与总统签署协议后发表声明台湾峰会卫生出租车肯尼亚视频气候变化"
_OTHER = "abc XYZ 2030年12月，。、「」《》\n 　"
_MIX = st.text(alphabet=st.sampled_from(_TRADITIONAL + _SIMPLIFIED + _OTHER), max_size=80)


@settings(max_examples=150, deadline=None)
@given(_MIX)
def test_every_converted_character_maps_back_inside_the_original(text: str) -> None:
    converter = ScriptConverter(load_terms(DATA))
    mapped = converter.convert(text)
    _check_map(mapped)
    # characters OpenCC does not touch come back unchanged and in place
    for i, ch in enumerate(mapped.text):
        if ch in _OTHER:
            start, end = mapped.char_span(i)
            assert text[start:end] == ch


@settings(max_examples=100, deadline=None)
@given(_MIX)
def test_the_length_changing_path_keeps_the_map_monotone(text: str) -> None:
    mapped = convert_mapped(text, opencc.OpenCC("tw2sp").convert)
    _check_map(mapped)
    assert len(mapped.text) == len(mapped.starts or text)


# ---------------------------------------------------------------- cleaning on converted text
def test_cleaned_offsets_point_into_the_original_script(converter: ScriptConverter) -> None:
    chunk = "美國退出《巴黎協定》於2020年11月4日\n正式生效。\n- 3 -\n"
    cleaned = clean_converted(chunk, converter.convert(chunk))
    assert cleaned.text == clean(converter.simplify(chunk)).text
    sentence = cleaned.text.index("美国")
    end = cleaned.text.index("。") + 1
    start, stop = cleaned.span(sentence, end)
    assert chunk[start:stop] == "美國退出《巴黎協定》於2020年11月4日\n正式生效。"
    assert source_text(cleaned, range(sentence, end)) == "美國退出《巴黎協定》於2020年11月4日正式生效。"


def test_document_script_restores_a_title_in_the_original_script(converter: ScriptConverter) -> None:
    chunk = "美中雙方同意在氣候變遷議題上合作。"
    reading = converter.for_document(chunk)
    assert reading.converted
    cleaned = reading.clean(chunk)
    assert cleaned.text == "中美双方同意在气候变化议题上合作。"
    assert reading.restore(cleaned, "中美双方同意", (0, len(cleaned.text))) == "美中雙方同意"
    assert reading.restore(cleaned, "不在句中", (0, len(cleaned.text))) == "不在句中"


def test_simplified_document_is_cleaned_as_before(converter: ScriptConverter) -> None:
    reading = converter.for_document(MAINLAND)
    assert not reading.converted
    assert reading.clean(MAINLAND) == clean(MAINLAND)
    assert reading.cues(MAINLAND) == MAINLAND
    assert reading.plain(MAINLAND) is MAINLAND


def test_document_cues_keep_head_and_tail(converter: ScriptConverter) -> None:
    text = "【本報訊】2021年4月25日\n" + "會談。" * 3000 + "\n（編輯：王大明）2021年4月26日"
    cues = converter.for_document(text).cues(text)
    assert cues.startswith("【本报讯】2021年4月25日")
    assert cues.endswith("（编辑：王大明）2021年4月26日")
    assert len(cues) < len(text)
