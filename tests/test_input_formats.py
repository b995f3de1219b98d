"""`policygraph extract` on a Big5 (Taiwan-style traditional), a GBK and a PDF file: events come
out with evidence offsets that point at the right characters of each file's original text.

The texts are written for these tests. The CLI runs in-process (typer's CliRunner), once for
the three files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdfmaker import make_pdf
from policygraph.extract.reader import read_source
from typer.testing import CliRunner

from policygraph.cli import app

BIG5 = """美中氣候合作回顧

【本報訊】2021年4月25日

2021年4月17日，美國總統氣候特使凱瑞與中國氣候變化事務特使解振華在上海會談，雙方隨後發表《美中應對氣候危機聯合聲明》。

4月22日，美國總統拜登以視訊方式召開領袖氣候峰會，中國國家主席習近平應邀出席並發表講話。
"""

GBK = (
    "新华社格拉斯哥2021年11月10日电　中美双方10日在格拉斯哥联合国气候变化大会期间发布"
    "《中美关于在21世纪20年代强化气候行动的格拉斯哥联合宣言》。\n\n"
    "2020年9月22日，国家主席习近平在第七十五届联合国大会一般性辩论上宣布，"
    "中国力争2030年前二氧化碳排放达到峰值。\n"
)

# a PDF text layer as reports have it: a sentence broken across lines, a page number footer
PDF_PAGES = [
    [
        "中美气候合作年度报告（2018年3月）",
        "2016年9月3日，中美两国元首在杭州向联合国秘书长潘基文",
        "交存两国参加《巴黎协定》的法律文书。",
        "- 1 -",
    ],
    ["2017年6月1日，美国总统特朗普宣布美国将退出《巴黎协定》。", "- 2 -"],
]


def _run(folder: str) -> dict[str, list[dict]]:
    tmp = Path(folder)
    (tmp / "taiwan.txt").write_bytes(BIG5.encode("big5"))
    (tmp / "xinhua.txt").write_bytes(GBK.encode("gbk"))
    (tmp / "report.pdf").write_bytes(make_pdf(PDF_PAGES, cjk=True))
    out = tmp / "events.jsonl"
    result = CliRunner().invoke(app, ["extract", "--no-ner", str(tmp), "--out", str(out)])
    assert result.exit_code == 0, result.output
    by_doc: dict[str, list[dict]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_doc.setdefault(record["doc"], []).append(record)
    return by_doc


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[dict]]]:
    folder = tmp_path_factory.mktemp("formats")
    return folder, _run(str(folder))


def _event(records: list[dict], date: str, type_: str) -> dict:
    found = [r for r in records if r["date"] == date and r["type"] == type_]
    assert found, [(r["date"], r["type"]) for r in records]
    return found[0]


def _check_offsets(path: Path, records: list[dict], encoding: str) -> str:
    original = read_source(path).text
    assert read_source(path).encoding == encoding
    for record in records:
        evidence = record["evidence"]
        assert original[evidence["start"] : evidence["end"]] == evidence["text"]
    return original


def test_big5_taiwan_text(records) -> None:
    folder, by_doc = records
    found = by_doc["taiwan.txt"]
    original = _check_offsets(folder / "taiwan.txt", found, "big5")
    assert original == BIG5
    meeting = _event(found, "2021-04-17", "meeting")
    assert meeting["evidence"]["text"].startswith("2021年4月17日，美國總統氣候特使凱瑞")
    assert {a["id"] for a in meeting["actors"]} >= {"person:john-kerry", "person:xie-zhenhua"}
    assert "凱瑞" in meeting["title"]  # titles stay in the script of the original
    statement = _event(found, "2021-04-17", "statement")
    assert "agreement:us-china-joint-statement-2021-04" in {t["id"] for t in statement["things"]}
    summit = _event(found, "2021-04-22", "conference")
    assert original[summit["evidence"]["start"] :].startswith("4月22日，美國總統拜登")
    assert "conference:leaders-summit-on-climate-2021" in {t["id"] for t in summit["things"]}


def test_gbk_text(records) -> None:
    folder, by_doc = records
    found = by_doc["xinhua.txt"]
    original = _check_offsets(folder / "xinhua.txt", found, "gb18030")
    assert original == GBK
    declaration = next(r for r in found if r["date"] == "2021-11-10")
    assert "agreement:glasgow-joint-declaration" in {t["id"] for t in declaration["things"]}
    pledge = _event(found, "2020-09-22", "pledge")
    assert original[pledge["evidence"]["start"] :].startswith("2020年9月22日，国家主席习近平")
    assert not any(r["date"] and r["date"].startswith("2030") for r in found)


def test_pdf_file(records) -> None:
    folder, by_doc = records
    found = by_doc["report.pdf"]
    original = _check_offsets(folder / "report.pdf", found, "pdf")
    deposit = _event(found, "2016-09-03", "ratification")
    # the sentence crosses a line break of the text layer: the evidence keeps it, as extracted
    assert deposit["evidence"]["text"] == "\n".join(PDF_PAGES[0][1:3])
    assert {"person:xi-jinping", "person:barack-obama"} <= {a["id"] for a in deposit["actors"]}
    withdrawal = _event(found, "2017-06-01", "withdrawal")
    start = withdrawal["evidence"]["start"]
    assert start > original.index("- 1 -")  # on the second page, after the first page's footer
    assert "- 2 -" not in withdrawal["evidence"]["text"]
