"""The PDF-text cleaner: what it removes, what it joins, and that offsets always map back."""

from hypothesis import given, settings
from hypothesis import strategies as st
from policygraph.extract.clean import clean


def _check_offsets(original: str) -> None:
    result = clean(original)
    assert len(result.offsets) == len(result.text)
    previous = -1
    for index, char in enumerate(result.text):
        position = result.offsets[index]
        assert 0 <= position < max(1, len(original))
        assert position >= previous
        previous = position
        if char not in "\n ":
            assert original[position] == char


def test_joins_lines_broken_inside_a_sentence():
    original = (
        "二〇二一年四月，两国在上海发表《中美应对气候危机联合声明》（以\n\n"
        "下简称“声明”），双方承诺继续合作并加强各自的气\n\n候行动。"
    )
    result = clean(original)
    assert "（以下简称“声明”）" in result.text
    assert "各自的气候行动" in result.text
    _check_offsets(original)


def test_spaces_inside_dates_are_removed_and_latin_words_keep_one():
    result = clean("2014 年 11 月中美两国政府曾共同宣布，Joe  Biden 表示。")
    assert "2014年11月中美两国政府" in result.text
    assert "Joe Biden" in result.text


def test_citation_blocks_are_removed_and_the_sentence_around_them_rejoined():
    original = (
        "第一，中美可以共建气候变化合作型领导框架。回顾奥巴马时期中美气候合作历史，两国元首多次围绕气候变化合作发表联合声明。2021年3月\n\n"
        "3. 人民网：习近平在中国共产党第十九次全国代表大会上作报告。<http://cpc.people.com.cn/n1/2017/1028/c64094-29613660.html>\n\n"
        "8. Xinhua Net. Xi speaks with Biden on phone. February 11, 2021. http://www.xinhuanet.com/world/2021-03/20/c.htm\n\n"
        "中美高层战略对话达成了建立中美气候变化联合工作组等成果。"
    )
    result = clean(original)
    assert "2021年3月中美高层战略对话" in result.text
    assert "Xinhua" not in result.text and "人民网" not in result.text
    _check_offsets(original)


def test_retrieved_on_footnotes_and_circled_markers_go():
    original = (
        "“气候变化”通常用于描述人类对自然特有的影响。1 \n\n"
        "1 “History of Climate Change Science,” Wikipedia. Retrieved on July 19, 2021, \n"
        "https://en.wikipedia.org/wiki/History_of_climate_change_science  \n\n"
        "与大自然所吸收的温室气体相平衡，① 从而达到零碳排放的状态。\n"
    )
    result = clean(original)
    assert "Retrieved" not in result.text
    assert "①" not in result.text
    assert "影响。1" not in result.text
    assert "相平衡，从而达到" in result.text


def test_a_month_after_sentence_end_is_not_a_footnote_marker():
    assert "。6月，" in clean("会议结束。6月，双方再次会谈。").text


def test_page_numbers_and_repeated_headers_are_dropped():
    page = "国际展望 2021年第3期\n{body}\n12\n"
    original = "".join(page.format(body=f"第{i}页的正文内容在这里继续。") for i in range(4))
    result = clean(original)
    assert "国际展望" not in result.text
    assert "\n12\n" not in result.text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("中美气候协定年月日。，；：“”《》（）①²¹ \n\t0123456789.-abcXY<>http:/")
        ),
        max_size=400,
    )
)
def test_cleaner_never_crashes_and_offsets_point_back(original):
    _check_offsets(original)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_cleaner_handles_any_unicode(original):
    _check_offsets(original)


def test_a_date_broken_across_lines_is_rejoined():
    original = "双方代表于 2019 年 6 月 \n\n20 日在东京举行会谈。\n\n会谈于 2018\n\n年开始筹备。\n"
    result = clean(original)
    assert "2019年6月20日在东京举行会谈" in result.text
    assert "2018年开始筹备" in result.text
    _check_offsets(original)


def test_a_latin_citation_does_not_swallow_the_body_text_after_it():
    original = (
        "这份报告讨论了能源转型的多个方面，并提出了一系列建\n\n"
        "4 “Energy Outlook,” Some Institute, March 3, 2020. Retrieved on May 1, 2021, "
        "https://example.org/energy-\n"
        "outlook-2020  \n"
        " 议。该机构随后于 2020 年宣布启动一个新的合作项目。\n"
    )
    result = clean(original)
    assert "Retrieved" not in result.text and "outlook-2020" not in result.text
    assert "提出了一系列建议。该机构随后于2020年宣布启动" in result.text
    _check_offsets(original)


def test_narrow_columns_join_and_headings_stay_apart():
    original = (
        "能源合作\n\n"
        "两国政府在过去十年中持续推进清洁能源领域的务实合作，并取得了多项成果，其中包括联合研究中心的建立。\n\n"
        "某研究机构在2020年\n\n"
        "发布了一份长达两百\n\n"
        "页的评估报告。\n"
    )
    result = clean(original)
    lines = result.text.split("\n")
    assert lines[0] == "能源合作"
    assert "某研究机构在2020年发布了一份长达两百页的评估报告。" in result.text


def test_a_footnote_number_after_a_full_stop_ends_the_line():
    result = clean("双方同意加强合作。12\n\n新的章节从这里开始，内容与上文无关。\n")
    assert "合作。\n新的章节" in result.text


def test_evidence_span_stops_at_a_dropped_block_and_is_capped():
    original = (
        "双方在会上讨论了多项议题，包括能\n\n"
        "5 “Climate Talks,” News Site, June 2, 2021. Retrieved on July 1, 2021, https://example.org/a\n\n"
        "源合作，随后宣布启动联合工作组。\n"
    )
    result = clean(original)
    anchor = result.text.index("宣布")
    start, end = result.evidence_span(0, len(result.text), anchor)
    assert "Retrieved" not in original[start:end]
    assert "宣布启动联合工作组" in original[start:end]
    long_sentence = "，".join(f"第{i}个分句的内容比较长一些" for i in range(40)) + "，最后宣布启动计划。"
    result = clean(long_sentence)
    anchor = result.text.index("宣布")
    start, end = result.evidence_span(0, len(result.text), anchor)
    assert end - start <= 200 and start <= anchor < end


def test_a_month_number_cut_after_a_full_stop_stays_with_its_month():
    text = "2012年5月，代表团抵达华盛顿。6\n月 3 日，双方签署协议，并发表共同声明。\n"
    cleaned = clean(text).text
    assert "。6月3日，双方签署协议" in cleaned
    # a real footnote number before a new line of text still goes
    assert "声明。" in clean("双方发表声明。4\n随后双方继续会谈，形成了纪要。\n").text
    assert "4" not in clean("双方发表声明。4\n随后双方继续会谈，形成了纪要。\n").text


def test_a_chronology_year_heading_is_not_joined_to_the_row_under_it():
    text = "大事記\n\n2021年\n\n1月20日 拜登就任美國總統。\n\n2022年\n\n8月5日 外交部宣布暫停對話。"
    cleaned = clean(text).text
    assert "2021年\n1月20日" in cleaned and "2022年\n8月5日" in cleaned
    # a date cut by a line break inside a sentence (PDF) is still one date
    assert "同年12月4日" in clean("双方于同年12\n月4日签署协议。").text
