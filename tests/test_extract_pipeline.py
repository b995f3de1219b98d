"""Behaviour of the extractor on small texts written for the purpose (not corpus sentences)."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policygraph.extract import DocumentInfo, Extractor, Skipped, build_pipeline

TYPES = {
    "meeting",
    "statement",
    "agreement",
    "ratification",
    "withdrawal",
    "pledge",
    "launch",
    "policy",
    "conference",
    "funding",
    "suspension",
}
RECORD_KEYS = {
    "doc",
    "event_id",
    "origin",
    "date",
    "date_end",
    "precision",
    "alt_dates",
    "type",
    "title",
    "title_en",
    "actors",
    "things",
    "location",
    "evidence",
}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_ner=False)


def _extract(extractor: Extractor, text: str, date: str = "2021") -> list[dict]:
    info = DocumentInfo(id="test.txt", path=Path("test.txt"), date=date)
    records, _ = extractor.extract_text(text, info)
    return records


def _actor_ids(record: dict) -> set[str]:
    return {actor["id"] for actor in record["actors"]}


def test_pipeline_is_blank_zh_with_named_components():
    nlp = build_pipeline()
    assert nlp.lang == "zh"
    assert nlp.pipe_names[:3] == ["policygraph_sentences", "policygraph_dates", "policygraph_gazetteer"]
    assert nlp.pipe_names[-1] == "policygraph_events"


def test_record_shape_and_evidence_offsets(extractor):
    text = "前言\n\n2019 年 11 月，美国国务卿正式通知联合国，\n\n启动美国退出《巴黎协定》的程序。"
    records = _extract(extractor, text)
    assert len(records) == 1
    record = records[0]
    assert set(record) == RECORD_KEYS
    assert record["origin"] == "extracted"
    evidence = record["evidence"]
    assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    json.dumps(record, ensure_ascii=False)


def test_office_resolved_to_the_holder_on_the_event_date(extractor):
    records = _extract(extractor, "2019年11月，美国国务卿正式通知联合国，启动美国退出《巴黎协定》的程序。")
    (record,) = records
    assert record["type"] == "withdrawal"
    assert record["date"] == "2019-11"
    assert "person:mike-pompeo" in _actor_ids(record)
    assert "agreement:paris-agreement" in {t["id"] for t in record["things"]}


def test_heads_of_state_phrase_resolved_by_date(extractor):
    records = _extract(extractor, "2016年9月，中美两国元首在杭州先后交存了《巴黎协定》批准文书。")
    ratification = [r for r in records if r["type"] == "ratification"]
    assert ratification and {"person:xi-jinping", "person:barack-obama"} <= _actor_ids(ratification[0])


def test_target_year_never_dates_the_pledge(extractor):
    records = _extract(extractor, "2020年9月22日，习近平宣布中国二氧化碳排放力争于2030年前达到峰值。")
    assert records, "the pledge is an event"
    assert all(not r["date"].startswith("2030") for r in records)
    assert any(r["type"] == "pledge" and r["date"] == "2020-09-22" for r in records)


def test_two_actions_on_one_day_are_two_events(extractor):
    text = (
        "特朗普宣布退出《巴黎协定》的当天（2017年6月1日），布隆伯格即宣布向联合国环境规划署捐款1500万美元。"
    )
    types = {r["type"]: r for r in _extract(extractor, text)}
    assert {"withdrawal", "funding"} <= set(types)
    assert types["withdrawal"]["date"] == types["funding"]["date"] == "2017-06-01"
    assert "person:michael-bloomberg" in _actor_ids(types["funding"])


def test_statistics_and_disasters_are_not_events(extractor):
    text = "据统计，2018年美国各基金会捐款总额为127亿美元。2021年7月，洪水造成至少57人死亡。"
    assert _extract(extractor, text) == []


def test_declared_alias_links_to_the_agreement(extractor):
    text = "《巴黎协定》（以下简称“协定”）是全球气候治理的里程碑。2019年11月，美国正式启动退出协定的程序。"
    (record,) = [r for r in _extract(extractor, text) if r["type"] == "withdrawal"]
    assert {t["id"] for t in record["things"]} == {"agreement:paris-agreement"}


def test_recommendations_are_not_events(extractor):
    text = "中国可考虑邀请美国总统在2021年10月出席会议并签署新的谅解备忘录。"
    assert _extract(extractor, text, date="2021-04") == []


def test_same_event_in_two_documents_shares_its_id(tmp_path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text(
        "2019年11月，美国国务卿蓬佩奥正式通知联合国，启动美国退出《巴黎协定》的程序。", encoding="utf-8"
    )
    second.write_text("美国于2019年11月4日通知联合国退出《巴黎协定》，一年后生效。", encoding="utf-8")
    extractor = Extractor(use_ner=False)
    results = list(extractor.extract_paths([first, second]))
    withdrawals = [r for result in results for r in result.records if r["type"] == "withdrawal"]
    assert len(withdrawals) == 2
    assert withdrawals[0]["event_id"] == withdrawals[1]["event_id"]


def test_empty_or_binary_files_are_skipped(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    results = list(Extractor(use_ner=False).extract_paths([empty, binary]))
    assert all(isinstance(result, Skipped) for result in results)


def test_talks_are_a_meeting_and_the_city_is_the_location(extractor):
    text = "2023年7月17日，中国气候变化事务特使与美国总统气候问题特使在北京举行会谈。"
    (record,) = _extract(extractor, text, date="2023-12")
    assert record["type"] == "meeting"
    assert record["location"] == "北京"
    assert {"person:xie-zhenhua", "person:john-kerry"} <= _actor_ids(record)
    assert "subnational:beijing" not in _actor_ids(record)


def test_time_relative_to_taking_office(extractor):
    (record,) = _extract(extractor, "奥巴马上任一个多月内签署了三项关于清洁能源的行政命令。", date="2010")
    assert record["type"] == "policy"
    assert record["date"] == "2009-01"


def test_a_date_after_the_document_is_a_plan_not_an_event(extractor):
    text = "双方将于2022年11月在沙姆沙伊赫举行会谈并签署合作协议。"
    assert _extract(extractor, text, date="2021-08") == []


_FRAGMENTS = [
    "2019年11月",
    "同年8月",
    "当天",
    "今年",
    "2021年1月20日",
    "1751-2017年",
    "到2030年",
    "2060年前",
    "，",
    "。",
    "；",
    "“",
    "”",
    "《巴黎协定》",
    "（以下简称“协定”）",
    "协定",
    "美国",
    "中美两国元首",
    "美国国务卿",
    "拜登上任后",
    "宣布",
    "退出",
    "签署",
    "承诺",
    "捐款",
    "召开",
    "峰会",
    "会谈",
    "启动",
    "成立",
    "据统计",
    "可考虑",
    "\n",
    " ",
    "Paris Agreement",
    "①",
    "3. ",
    "http://x.cn",
    "特朗普政府",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40))
def test_extractor_never_crashes_and_evidence_is_exact(extractor, fragments):
    text = "".join(fragments)
    for record in _extract(extractor, text, date="2021"):
        evidence = record["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        assert record["type"] in TYPES
        assert record["date"][:1].isdigit()


# ---- clause-level rules (sentences written for these tests) -------------------------


def test_a_clause_with_its_own_subject_does_not_take_another_actors_date(extractor):
    text = "2019年德国宣布了新的减排路线，日本承诺到2050年实现碳中和。"
    records = _extract(extractor, text)
    japan = [r for r in records if "state:japan" in _actor_ids(r)]
    # Japan's pledge has no date of its own: it must not be dated 2019 with Germany's act
    assert not any(r["date"] == "2019" for r in japan)
    germany = [r for r in records if "state:germany" in _actor_ids(r)]
    assert germany and all("state:japan" not in _actor_ids(r) for r in germany)


def test_a_clause_that_only_sets_the_time_still_dates_the_next_action(extractor):
    text = "欧盟宣布新目标的当天（2019年12月11日），加拿大即宣布向绿色气候基金捐款1亿美元。"
    records = _extract(extractor, text)
    assert any(r["date"] == "2019-12-11" and "state:canada" in _actor_ids(r) for r in records)


def test_a_capital_acting_stands_for_its_state_but_stays_a_place_after_zai(extractor):
    records = _extract(extractor, "2019年5月，北京宣布启动新的碳排放权交易试点。")
    assert any("state:china" in _actor_ids(r) for r in records)
    records = _extract(extractor, "2019年5月，中美两国代表在北京举行会谈。")
    meeting = next(r for r in records if r["type"] == "meeting")
    assert meeting["location"] == "北京"
    assert "state:china" not in _actor_ids(meeting) or "coalition:us-china" in _actor_ids(meeting)


def test_a_generic_reference_takes_the_scheme_named_just_before(extractor):
    text = "加州碳市场是北美规模较大的排放交易体系之一。该机制于2013年正式启动，覆盖数百家排放实体。"
    records = _extract(extractor, text)
    launch = next(r for r in records if r["type"] == "launch")
    assert launch["date"] == "2013"
    assert any(t["id"] == "mechanism:california-cap-and-trade" for t in launch["things"])


def test_an_act_and_its_stated_purpose_are_one_event(extractor):
    text = "特朗普于2017年3月28日签署一项行政命令，以退出《巴黎协定》的相关承诺。"
    records = _extract(extractor, text)
    dated = [r for r in records if r["date"] == "2017-03-28"]
    assert len(dated) == 1 and dated[0]["type"] == "withdrawal"


def test_a_rejoin_without_object_refers_to_the_agreement_named_before(extractor):
    text = "拜登曾多次批评美国退出《巴黎协定》的决定。2021年2月19日，美国正式重新加入了。"
    records = _extract(extractor, text)
    rejoin = next(r for r in records if r["type"] == "ratification")
    assert any(t["id"] == "agreement:paris-agreement" for t in rejoin["things"])


def test_consent_is_an_agreement_only_between_parties(extractor):
    records = _extract(extractor, "2016年，中国和法国同意共同推进气候变化南南合作。")
    assert any(r["type"] == "agreement" and r["date"] == "2016" for r in records)
    records = _extract(extractor, "2016年，法国同意了这一观点。")
    assert not any(r["type"] == "agreement" for r in records)


def test_money_a_company_says_it_will_invest_is_a_pledge(extractor):
    text = "2022年3月，埃克森美孚表示将在未来十年内投资150亿美元用于低碳项目。"
    records = _extract(extractor, text, date="2023")
    assert any(r["type"] == "pledge" and r["date"] == "2022-03" for r in records)


def test_saying_with_a_quotation_is_a_statement(extractor):
    text = "2022年8月16日，拜登在白宫说：“这是美国历史上最重要的气候立法。”"
    records = _extract(extractor, text, date="2023")
    assert any(r["type"] == "statement" and "person:joe-biden" in _actor_ids(r) for r in records)


def test_a_year_range_after_the_verb_dates_what_it_brings(extractor):
    text = "2015年，欧盟和中国同意加强碳市场合作，并带出了2016-2019年的一个新项目。"
    records = _extract(extractor, text)
    launch = next(r for r in records if r["type"] == "launch")
    assert (launch["date"], launch["date_end"]) == ("2016", "2019")


def test_an_undated_reference_phrased_as_a_qualifier_is_not_an_event(extractor):
    text = "中国政府提出的碳达峰和碳中和目标需要各部门协同推进。"
    assert _extract(extractor, text) == []


def test_a_place_opening_an_organisation_name_is_not_a_participant(extractor):
    text = "2022年，北京绿色交易所宣布启动新的碳普惠平台。"
    for record in _extract(extractor, text):
        assert "subnational:beijing" not in _actor_ids(record)


def test_an_administration_stands_for_its_leader_when_matching_milestones():
    from policygraph.extract.coref import _with_leaders
    from policygraph.extract.knowledge import load_knowledge

    knowledge = load_knowledge()
    expanded = _with_leaders({"government_body:trump-administration", "state:china"}, knowledge)
    assert expanded == {"government_body:trump-administration", "person:donald-trump", "state:china"}


# ---------------------------------------------------------------- round 2: dates and actions


def test_a_base_year_is_neither_an_event_date_nor_the_anchor(extractor):
    text = "2013年4月，中国宣布单位产值排放将比2005年下降两成。同年6月，习近平与奥巴马在加州举行会晤。"
    records = _extract(extractor, text, "2022")
    assert all(not r["date"].startswith("2005") for r in records)
    meetings = [r for r in records if r["type"] == "meeting"]
    assert [m["date"] for m in meetings] == ["2013-06"]


def test_a_cancelled_call_is_not_a_meeting(extractor):
    assert _extract(extractor, "2019年5月，中方宣布取消与美方的通话。", "2022") == []


def test_a_promise_to_sign_later_is_part_of_the_statement_not_a_signing(extractor):
    text = "2016年3月，两国元首发表联合声明，承诺于6月1日签署《巴黎协定》。"
    records = _extract(extractor, text, "2022")
    assert [(r["date"], r["type"]) for r in records] == [("2016-03", "statement")]


def test_convening_a_summit_is_holding_a_conference(extractor):
    records = _extract(extractor, "2019年9月，联合国秘书长古特雷斯召集气候行动峰会。", "2022")
    assert [r["type"] for r in records] == ["conference"]
    assert records[0]["date"].startswith("2019-09")  # the summit's own day from the data is finer


def test_a_vague_promise_after_a_launch_is_no_second_event(extractor):
    text = "2018年7月，中美两国宣布成立“清洁能源工作组”，并表示将加强合作。"
    records = _extract(extractor, text, "2022")
    assert [r["type"] for r in records] == ["launch"]


def test_a_condition_for_starting_is_not_a_launch(extractor):
    text = "2017年8月，双方商定，只有中美两国签署协定，该工作组才能正式启动。"
    assert "launch" not in {r["type"] for r in _extract(extractor, text, "2022")}


def test_accepting_an_amendment_is_a_ratification(extractor):
    records = _extract(extractor, "2021年4月，中国决定接受《基加利修正案》。", "2022")
    assert [(r["date"], r["type"]) for r in records] == [("2021-04", "ratification")]


def test_an_occasion_opening_a_sentence_dates_it_and_anchors_the_next(extractor):
    text = "哥本哈根大会期间，中美两国领导人举行会谈。同月下旬，中国与美国签署《中美能源合作谅解备忘录》。"
    records = _extract(extractor, text, "2022")
    by_type = {r["type"]: r["date"] for r in records}
    assert by_type["meeting"].startswith("2009-12")
    assert by_type["agreement"] == "2009-12"  # 同月 = the month of the conference


def test_a_journal_head_gives_the_document_date_for_relative_dates(extractor, tmp_path):
    text = (
        "中美气候关系述评\n《某某评论》2019年第4期（二〇一九年七月）\n\n"
        "今年6月，中国与美国签署《中美能源合作谅解备忘录》。\n"
    )
    path = tmp_path / "journal.txt"
    path.write_text(text, encoding="utf-8")
    result = extractor.extract_file(path)
    assert result.doc.date == "2019-07"
    assert [(r["date"], r["type"]) for r in result.records] == [("2019-06", "agreement")]


def test_signing_papers_to_rejoin_is_one_rejoining(extractor):
    text = "2021年1月20日，拜登就职当天即签署文件，宣布美国重新加入《巴黎协定》。"
    records = _extract(extractor, text, "2022")
    assert [(r["date"], r["type"]) for r in records] == [("2021-01-20", "ratification")]


def test_reaching_consensus_then_issuing_a_named_statement_is_one_statement(extractor):
    text = "2019年5月，中美两国达成多项共识，发表《中美联合声明》。"
    assert [r["type"] for r in _extract(extractor, text, "2022")] == ["statement"]


def test_another_edition_of_a_named_summit_keeps_the_text_date(extractor):
    # the data knows the 2020 summit of this name; a later one is dated by the text
    text = "2022年9月，联合国秘书长古特雷斯在纽约召开气候雄心峰会。"
    records = _extract(extractor, text, "2023")
    assert {r["date"] for r in records} == {"2022-09"}


def test_a_titled_speech_is_a_statement_a_titled_article_is_not(extractor):
    text = "2015年11月，习近平主席出席巴黎大会并发表题为《携手构建合作共赢的全球气候治理机制》的讲话。"
    records = _extract(extractor, text, "2022")
    assert "statement" in {r["type"] for r in records}
    cited = "2015年11月，某学者发表了题为《气候政策评述》的文章。"
    assert "statement" not in {r["type"] for r in _extract(extractor, cited, "2022")}


def test_an_act_during_the_trip_just_told_takes_its_date(extractor):
    text = "2013年2月，美国国务卿克里访问北京。此行中，克里与中国外交部签署了合作协议。"
    records = _extract(extractor, text, "2022")
    assert {(r["type"], r["date"]) for r in records} == {("meeting", "2013-02"), ("agreement", "2013-02")}


def test_a_meeting_named_by_its_place_is_dated_from_the_curated_milestone(extractor):
    text = "旧金山会晤期间，两国元首同意加强沟通。"
    records = _extract(extractor, text, "2024")
    assert [(r["date"], _actor_ids(r) >= {"person:xi-jinping", "person:joe-biden"}) for r in records] == [
        ("2023-11-15", True)
    ]
    # a document written before that meeting cannot report it
    assert _extract(extractor, text, "2020") == []


def test_a_writers_discourse_marker_is_not_a_modal_on_the_action(extractor):
    told = _extract(extractor, "应当看到，2019年5月在北京举行的中美高层战略对话中双方分歧明显。", "2022")
    assert [(r["date"], r["type"]) for r in told] == [("2019-05", "meeting")]
    assert _extract(extractor, "两国应当在2019年5月举行中美高层战略对话。", "2022") == []


def test_the_conference_just_named_dates_what_it_adopts(extractor):
    # no curated milestone reports this decision: only the conference named before dates it
    text = "迪拜大会开幕后，各国代表展开了艰苦谈判。大会最终通过“阿联酋共识”，呼吁能源转型。"
    records = _extract(extractor, text, "2024")
    assert [(r["date"], r["type"]) for r in records if r["type"] != "conference"] == [
        ("2023-12-13", "agreement")
    ]
    # the opening itself is the conference held, on the dates the data gives it
    assert [(r["date"], r["date_end"]) for r in records if r["type"] == "conference"] == [
        ("2023-11-30", "2023-12-13")
    ]
    # with no conference named just before, 大会 refers to nothing known: no date, no record
    assert _extract(extractor, "大会最终通过“阿联酋共识”，呼吁能源转型。", "2024") == []


def test_co_hosting_a_summit_is_a_conference_not_a_bilateral_meeting(extractor):
    records = _extract(extractor, "2019年6月，中美与法国共同主办气候融资峰会。", "2022")
    assert [(r["date"], r["type"]) for r in records] == [("2019-06", "conference")]


def test_an_order_signed_to_rejoin_is_the_rejoining(extractor):
    text = "2021年1月20日，美国总统拜登签署行政令，宣布美国将重新加入《巴黎协定》。"
    assert [r["type"] for r in _extract(extractor, text, "2022")] == ["ratification"]
    # an order on something else stays a policy beside the treaty act
    text = "2021年1月20日，拜登签署行政令撤销输油管道许可，并宣布美国重新加入《巴黎协定》。"
    assert {r["type"] for r in _extract(extractor, text, "2022")} == {"policy", "ratification"}


def test_a_verb_qualifying_a_noun_is_the_act_the_sentence_tells(extractor):
    text = "2014年2月，克里作为首位访华的美国高官来到北京，与杨洁篪举行会谈。"
    meetings = [r for r in _extract(extractor, text, "2022") if r["type"] == "meeting"]
    assert len(meetings) == 1
    assert "person:john-kerry" in _actor_ids(meetings[0])


def test_an_act_told_once_for_two_joined_dates_is_two_events(extractor):
    joined = "2014年11月和去年9月，中美两国元首两次发表气候变化联合声明。"
    records = _extract(extractor, joined, date="2016-04-22")
    assert sorted((r["date"], r["type"]) for r in records) == [
        ("2014-11", "statement"),
        ("2015-09", "statement"),
    ]
    # one date: one event
    single = _extract(extractor, "2014年11月12日，两国元首在北京发表联合声明。", date="2016-04-22")
    assert [(r["date"], r["type"]) for r in single] == [("2014-11-12", "statement")]


def test_the_first_day_in_office_dates_an_act_on_that_day(extractor):
    text = "拜登就任美国总统，上任首日即签署文件重返《巴黎协定》。"
    assert [(r["date"], r["type"]) for r in _extract(extractor, text, date="2023-11-15")] == [
        ("2021-01-20", "ratification")
    ]
