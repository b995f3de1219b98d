"""Adding documents from the browser goes through `policygraph ingest`'s code and reports what changed."""

from __future__ import annotations

from policygraph.graph import queries
from policygraph.ui.upload import add_documents

# A made-up document in GBK: one event no other source states, and one curated milestone.
GBK_TEXT = (
    "2019年5月10日，美国加利福尼亚州州长纽森与中国江苏省省长吴政隆在南京签署清洁能源合作备忘录。"
    "2015年9月25日，习近平与奥巴马在华盛顿发表中美元首气候变化联合声明。"
)


def test_upload_of_a_gbk_file_reports_new_events_and_new_mentions(graph_store, graph_helpers):
    doc_id = "upload_test_gbk.txt"
    before = queries.event_ids(graph_store)
    steps = []
    try:
        report = add_documents(
            graph_store,
            [(f"folder/{doc_id}", GBK_TEXT.encode("gbk")), ("scan.pdf", b"%PDF-1.4 ..."), ("a.docx", b"PK")],
            progress=lambda name, number, total: steps.append((name, number, total)),
        )
        # an uploaded file is keyed by its name and a hash of where it was stored (two uploads
        # of different files with one name stay two documents)
        (loaded,) = report.documents
        assert loaded.split("@")[0] == doc_id
        assert steps == [(doc_id, 1, 2), ("scan.pdf", 2, 2)]
        assert len(report.refused) == 2 and any("PDF" in r for r in report.refused)
        assert report.new_events and all(e["id"] not in before for e in report.new_events)
        assert any(e["date"] == "2019-05-10" for e in report.new_events)
        assert "ms-2015-09-25-joint-presidential-statement" in {e["id"] for e in report.known_events}
        detail = queries.event_detail(graph_store, report.new_events[0]["id"])
        assert {m["doc"] for m in detail["mentions"]} == {loaded}
        assert "南京" in detail["mentions"][0]["text"]  # read as GBK, not as mojibake

        again = add_documents(graph_store, [(doc_id, GBK_TEXT.encode("gbk"))])
        assert again.documents == [] and again.unchanged == 1 and again.new_events == []
    finally:
        for document in queries.documents(graph_store):
            if document["id"].split("@")[0] == doc_id:
                graph_helpers.forget_document(graph_store, document["id"])
    assert queries.event_ids(graph_store) == before
