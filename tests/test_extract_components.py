"""The extractor's stages as spaCy components: nlp(text), nlp.pipe, config, spans (docs/extraction.md)."""

from pathlib import Path

import pytest
import spacy
from policygraph.extract import DocumentInfo, Extractor, build_pipeline
from policygraph.extract.components import DATES, MENTIONS, SENTENCES, shared_resources
from policygraph.extract.coref import date_from_milestones, merge_mentions

# Written for the test: a declared alias, 同年 and 次日 anchored on the sentence before, 双方.
TEXT = (
    "2014年11月12日，中美两国元首在北京发表《中美气候变化联合声明》（以下简称“声明”）。\n"
    "同年12月，双方在利马重申了声明的承诺。\n"
    "2015年9月25日，习近平与奥巴马在华盛顿会晤。次日，两国宣布将启动全国碳排放交易体系。\n"
)
OTHER = (
    "2016年9月3日，中美两国元首在杭州先后交存了《巴黎协定》批准文书。\n"
    "2017年6月1日，特朗普宣布美国退出《巴黎协定》。\n"
)
DATE = "2021-01-01"


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def _doc(nlp, text: str, date: str = DATE):
    doc = nlp.make_doc(text)
    doc._.doc_date = date
    return doc


def _summary(events) -> list[tuple]:
    return [(e.type, e.date, e.sentence, e.start, sorted(a["id"] for a in e.actors)) for e in events]


def test_nlp_call_gives_the_events_of_the_extractor():
    extractor = Extractor(use_ner=False)
    info = DocumentInfo(id="t.txt", path=Path("t.txt"), date=DATE)
    records, _ = extractor.extract_text(TEXT, info)
    events = extractor.nlp(_doc(extractor.nlp, TEXT))._.policygraph_events
    events = merge_mentions(date_from_milestones(events, extractor.knowledge, DATE))
    assert records, "the text holds events"
    assert [(r["type"], r["date"], r["evidence"]["start"]) for r in records] == [
        (e.type, e.date, e.sentence[0]) for e in events
    ]
    # 同年12月 after 2014年11月12日; 次日 after 2015年9月25日
    assert {r["date"] for r in records} >= {"2014-12", "2015-09-26"}


def test_pipe_in_two_processes_gives_the_same_events(nlp):
    texts = [TEXT, OTHER, TEXT + OTHER]
    alone = [_summary(nlp(_doc(nlp, t))._.policygraph_events) for t in texts]
    piped = [_summary(d._.policygraph_events) for d in nlp.pipe([_doc(nlp, t) for t in texts], n_process=2)]
    assert piped == alone
    assert all(alone)


def test_document_date_found_in_the_text_when_the_caller_gives_none(nlp):
    doc = nlp("新华社北京2015年11月30日电 中美两国元首昨天在巴黎会晤。")
    assert [e.date for e in doc._.policygraph_events] == ["2015-11-29"]


def test_mentions_and_dates_are_span_groups(nlp):
    doc = nlp(_doc(nlp, TEXT))
    mentions = {span.text: span for span in doc.spans[MENTIONS]}
    statement = mentions["中美气候变化联合声明"]
    assert statement.label_ == "thing" and statement.kb_id_ == statement._.policygraph_mention.ids[0]
    assert "声明" in mentions  # the declared alias, in the next sentence
    dates = {span.text: span._.policygraph_time.date for span in doc.spans[DATES]}
    assert dates["同年12月"] == "2014-12"
    assert len(doc.spans[SENTENCES]) == len(list(doc.sents)) == 4


def test_components_declare_what_they_assign(nlp):
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values())
    assigns = {name: set(meta["assigns"]) for name, meta in analysis["summary"].items()}
    assert "doc._.policygraph_events" in assigns["policygraph_events"]
    assert "doc._.policygraph_mentions" in assigns["policygraph_gazetteer"]
    assert "doc._.policygraph_times" in assigns["policygraph_dates"]


def test_config_round_trips(nlp, tmp_path):
    expected = _summary(nlp(_doc(nlp, TEXT))._.policygraph_events)
    rebuilt = spacy.blank("zh").from_config(nlp.config)
    assert rebuilt.pipe_names == nlp.pipe_names
    assert _summary(rebuilt(_doc(rebuilt, TEXT))._.policygraph_events) == expected
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert _summary(loaded(_doc(loaded, TEXT))._.policygraph_events) == expected


def test_components_and_extractor_share_one_knowledge(nlp):
    extractor = Extractor(use_ner=False)
    assert extractor.resources is shared_resources("")
    assert nlp.get_pipe("policygraph_events").resources is extractor.resources
    assert nlp.get_pipe("policygraph_gazetteer").gazetteer.knowledge is extractor.knowledge
