"""A traditional-script text gives the same events as its simplified twin.

Each pair was written for this test: a Taiwan-style and a Hong Kong-style news text, and the
same text as a mainland paper would print it (mainland names and words: 克里 for 凱瑞,
视频 for 視訊, 框架公约 for 綱要公约, 中美 for 美中, 领导人气候峰会 for 領袖氣候高峰會).
Only the evidence and titles differ: they stay in each text's own script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from policygraph.extract import DocumentInfo, Extractor

TAIWAN = """美中氣候特使會談　同意強化合作

（本報華盛頓2021年9月3日電）

美國總統氣候特使凱瑞1日在天津與中國氣候變化事務特使解振華舉行視訊會談，雙方就氣候變遷議題交換意見。

2021年4月22日，美國總統拜登召開領袖氣候高峰會，宣布美國將在2030年前將溫室氣體排放量較2005年減少50%至52%。

同年11月10日，美中兩國在第26屆聯合國氣候變化綱要公約締約方大會期間發表《美中關於在21世紀20年代強化氣候行動的格拉斯哥聯合宣言》。

2016年9月3日，美國前總統歐巴馬在杭州與習近平共同向聯合國秘書長潘基文交存批准《巴黎協定》的文書。
"""
TAIWAN_TWIN = """中美气候特使会谈　同意强化合作

（本报华盛顿2021年9月3日电）

美国总统气候特使克里1日在天津与中国气候变化事务特使解振华举行视频会谈，双方就气候变化议题交换意见。

2021年4月22日，美国总统拜登召开领导人气候峰会，宣布美国将在2030年前将温室气体排放量较2005年减少50%至52%。

同年11月10日，中美两国在第26届联合国气候变化框架公约缔约方大会期间发表《中美关于在21世纪20年代强化气候行动的格拉斯哥联合宣言》。

2016年9月3日，美国前总统奥巴马在杭州与习近平共同向联合国秘书长潘基文交存批准《巴黎协定》的文书。
"""
HONG_KONG = """（2019年11月5日）美國國務卿蓬佩奧4日宣布，
美國已正式通知聯合國退出《巴黎協定》，退出將於一年後生效。

2017年6月1日，特朗普在白宮宣布美國退出《巴黎協定》，法國總統馬克龍隨即發表聲明表示遺憾。

2014年11月12日，國家主席習近平與美國總統奧巴馬在北京發表《中美氣候變化聯合聲明》。

聯合國秘書長古特雷斯2019年9月23日在紐約主持氣候行動峰會，呼籲各國提高減排目標。
"""
HONG_KONG_TWIN = """（2019年11月5日）美国国务卿蓬佩奥4日宣布，
美国已正式通知联合国退出《巴黎协定》，退出将于一年后生效。

2017年6月1日，特朗普在白宫宣布美国退出《巴黎协定》，法国总统马克龙随即发表声明表示遗憾。

2014年11月12日，国家主席习近平与美国总统奥巴马在北京发表《中美气候变化联合声明》。

联合国秘书长古特雷斯2019年9月23日在纽约主持气候行动峰会，呼吁各国提高减排目标。
"""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_ner=False)


def _events(extractor: Extractor, text: str) -> tuple[list[tuple], list[dict]]:
    records, _ = extractor.extract_text(text, DocumentInfo(id="twin.txt", path=Path("twin.txt")))
    for record in records:
        evidence = record["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    keys = sorted(
        (
            r["date"],
            r["type"],
            tuple(sorted(a["id"] for a in r["actors"])),
            tuple(sorted(t["id"] for t in r["things"])),
        )
        for r in records
    )
    return keys, records


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [(TAIWAN, TAIWAN_TWIN), (HONG_KONG, HONG_KONG_TWIN)],
    ids=["taiwan", "hong-kong"],
)
def test_same_events_as_the_simplified_twin(extractor: Extractor, traditional: str, simplified: str) -> None:
    keys, records = _events(extractor, traditional)
    twin_keys, _ = _events(extractor, simplified)
    assert len(keys) >= 4
    assert keys == twin_keys
    for record in records:
        assert re.sub(r"\s", "", record["title"]) in re.sub(r"\s", "", record["evidence"]["text"])


def test_taiwan_names_and_words_are_found(extractor: Extractor) -> None:
    keys, _ = _events(extractor, TAIWAN)
    assert ("2021-09-01", "meeting", ("person:john-kerry", "person:xie-zhenhua"), ()) in keys
    declaration = [k for k in keys if k[0] == "2021-11-10"]
    assert declaration
    assert {"agreement:glasgow-joint-declaration", "conference:cop26"} <= set(declaration[0][3])
    assert "coalition:us-china" in declaration[0][2]  # 美中兩國
    assert any("person:barack-obama" in k[2] for k in keys)  # 歐巴馬
