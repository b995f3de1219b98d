"""Events are matched against the graph when a document is loaded (graph/matching.py).

The corpus tests extract the bundled documents once and load them into fresh embedded stores
in different orders and groupings: the graphs must be equal.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from policygraph.extract import Extractor
from policygraph.extract.knowledge import bundled_corpus_dir, load_knowledge, reference_records
from policygraph.graph import open_store
from policygraph.graph.matching import Candidate, best_match, record_spans, score, split_actors

XI = {"id": "person:xi-jinping", "kind": "person"}
KERRY = {"id": "person:john-kerry", "kind": "person"}
XIE = {"id": "person:xie-zhenhua", "kind": "person"}
CHINA = {"id": "state:china", "kind": "state"}
USA = {"id": "state:united-states", "kind": "state"}
PARIS = {"id": "agreement:paris-agreement", "kind": "agreement"}
INDC = {"id": "plan:china-indc", "kind": "plan"}


def record(date: str, type_: str, actors=(), things=(), **extra) -> dict:
    return {"event_id": "ev-x", "date": date, "type": type_, "actors": list(actors), "things": list(things)}


def candidate(date: str, type_: str, actors=(), things=(), origin="extracted", id_="ev-c") -> Candidate:
    c = Candidate(id_, type_, origin, record_spans({"date": date}))
    c.specific, c.weak = split_actors(actors)
    c.things = {t["id"] for t in things}
    return c


@pytest.mark.parametrize(
    ("mine", "theirs", "same"),
    [
        # a month and a day of it, same agreement: one event
        (
            record("2016-09", "ratification", [CHINA], [PARIS]),
            candidate("2016-09-03", "ratification", [XI], [PARIS]),
            True,
        ),
        # two different days are two events
        (
            record("2016-09-04", "ratification", [], [PARIS]),
            candidate("2016-09-03", "ratification", [], [PARIS]),
            False,
        ),
        # a pledge restated as a policy (one type family), same plan
        (
            record("2015-06-30", "policy", [CHINA], [INDC]),
            candidate("2015-06-30", "pledge", [CHINA], [INDC]),
            True,
        ),
        # different families never match
        (
            record("2015-06-30", "meeting", [CHINA], [INDC]),
            candidate("2015-06-30", "pledge", [CHINA], [INDC]),
            False,
        ),
        # both name specific participants and none is shared: two events
        (record("2021-04", "meeting", [KERRY]), candidate("2021-04", "meeting", [XI]), False),
        # a shared specific participant in a compatible date
        (
            record("2021-04", "meeting", [KERRY, CHINA]),
            candidate("2021-04-15", "meeting", [KERRY, XIE]),
            True,
        ),
        # both name things, none shared
        (record("2015-12", "agreement", [], [PARIS]), candidate("2015-12", "agreement", [], [INDC]), False),
        # the same pair of states, the same type, the same month: one event
        (
            record("2014-11", "statement", [CHINA, USA]),
            candidate("2014-11-12", "statement", [CHINA, USA]),
            True,
        ),
        # ... but not at year precision
        (
            record("2014", "statement", [CHINA, USA]),
            candidate("2014-11-12", "statement", [CHINA, USA]),
            False,
        ),
        # a named agreement at year precision is not enough against a person-only month event
        (record("2023", "meeting", [KERRY], [PARIS]), candidate("2023-09", "meeting", [KERRY]), False),
    ],
)
def test_score_says_whether_two_mentions_are_one_event(mine, theirs, same):
    assert (score(mine, theirs) is not None) is same


def test_the_best_fit_wins_then_curated_then_the_smallest_id():
    mine = record("2016-09-03", "ratification", [XI, CHINA], [PARIS])
    weak = candidate("2016-09", "ratification", [XI], id_="ev-a")
    strong = candidate("2016-09", "ratification", [XI], [PARIS], id_="ev-z")
    assert best_match(mine, [weak, strong]) is strong
    curated = candidate("2016-09-03", "ratification", [XI], [PARIS], origin="curated", id_="ms-z")
    assert best_match(mine, [strong, curated]).id == "ms-z"
    twin = candidate("2016-09", "ratification", [XI], [PARIS], id_="ev-b")
    assert best_match(mine, [strong, twin]).id == "ev-b"


# -- on the bundled corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> list:
    extractor = Extractor()
    files = sorted(Path(bundled_corpus_dir()).glob("*.txt"))
    return [extractor.extract_file(path) for path in files]


def _load(folder: Path, documents: list) -> dict:
    """A fresh store loaded with the reference data and the documents in the given order."""
    with open_store(folder) as store:
        store.ensure_schema()
        store.load_reference(reference_records(load_knowledge()))
        for result in documents:
            store.load_document(result.doc, copy.deepcopy(result.records))
        return _snapshot(store)


def _snapshot(store) -> dict:
    counts = store.counts()
    events = store.read_trusted(
        "MATCH (e:Event) OPTIONAL MATCH (e)-[:MENTIONED_IN]->(m:Mention) "
        "OPTIONAL MATCH (a:Actor)-[:PARTICIPATED_IN]->(e) "
        "RETURN e.id AS id, e.date AS date, e.type AS type, e.title AS title, "
        "count(DISTINCT m) AS mentions, count(DISTINCT a) AS actors ORDER BY id"
    )
    return {"counts": counts, "events": events}


def test_every_document_of_the_corpus_extracts_alike_alone_and_in_a_run(corpus):
    alone = Extractor().extract_file(corpus[3].doc.path)
    assert alone.records == corpus[3].records


def test_order_of_ingest_does_not_change_the_graph(corpus, tmp_path):
    """`ingest d; ingest c` == `ingest c d`, and one at a time == all at once (issue 8)."""
    forward = _load(tmp_path / "forward", corpus)
    backward = _load(tmp_path / "backward", list(reversed(corpus)))
    c, d = corpus[2], corpus[3]
    c_then_d = _load(tmp_path / "cd", [c, d])
    d_then_c = _load(tmp_path / "dc", [d, c])
    for label in ("Event", "Actor", "Mention", "PARTICIPATED_IN", "CONCERNS", "MENTIONED_IN"):
        assert forward["counts"].get(label) == backward["counts"].get(label), label
        assert c_then_d["counts"].get(label) == d_then_c["counts"].get(label), label
    assert forward["events"] == backward["events"]
    assert c_then_d["events"] == d_then_c["events"]
    # a real event several documents state is one node with their mentions
    assert any(e["mentions"] >= 2 for e in forward["events"])


def test_a_changed_document_takes_back_only_its_own_links(corpus, tmp_path):
    with open_store(tmp_path / "changed") as store:
        store.ensure_schema()
        store.load_reference(reference_records(load_knowledge()))
        for result in corpus:
            store.load_document(result.doc, copy.deepcopy(result.records))
        before = _snapshot(store)
        changed = corpus[0]
        doc = copy.copy(changed.doc)
        doc.sha256 = "changed-" + doc.sha256
        store.load_document(doc, [])  # the document now states nothing
        emptied = store.counts()
        assert emptied["Mention"] == before["counts"]["Mention"] - len(
            {(r["evidence"]["start"], r["evidence"]["end"], r["event_id"]) for r in changed.records}
        )
        orphans = store.read_trusted(
            "MATCH (e:Event) WHERE e.origin = 'extracted' "
            "AND NOT EXISTS { MATCH (e)-[:MENTIONED_IN]->(:Mention) } RETURN count(e) AS n"
        )
        assert orphans == [{"n": 0}]
        unfounded = store.read_trusted(
            "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e:Event) WHERE e.origin = 'extracted' "
            "AND $doc IN coalesce(p.docs, []) RETURN count(p) AS n",
            {"doc": changed.doc.id},
        )
        assert unfounded == [{"n": 0}]
        doc.sha256 = changed.doc.sha256 + "-again"
        store.load_document(doc, copy.deepcopy(changed.records))
        assert _snapshot(store) == before


def test_the_same_content_under_another_path_is_a_duplicate(corpus, tmp_path):
    with open_store(tmp_path / "dup") as store:
        store.ensure_schema()
        first = corpus[4]
        store.load_document(first.doc, copy.deepcopy(first.records))
        twin = copy.copy(first.doc)
        twin.id = "copy-of-" + first.doc.id
        result = store.load_document(twin, copy.deepcopy(first.records))
        assert result.skipped and result.duplicate_of == first.doc.id
        docs = store.read_trusted("MATCH (d:Document) RETURN d.id AS id")
        assert docs == [{"id": first.doc.id}]


def test_documents_are_keyed_by_path_not_by_base_name(tmp_path):
    from policygraph.extract.pipeline import document_id

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt"
    first.write_text("2015年6月30日，中国提交国家自主贡献。", encoding="utf-8")
    second.write_text("2016年9月3日，中美交存《巴黎协定》批准文书。", encoding="utf-8")
    extractor = Extractor(use_ner=False)
    ids = {extractor.extract_file(p).doc.id for p in (first, second)}
    assert len(ids) == 2 and all(i.startswith("report.txt@") for i in ids)
    assert document_id(first, listed=False) == document_id(
        tmp_path / "a" / ".." / "a" / "report.txt", listed=False
    )
    bundled = sorted(Path(bundled_corpus_dir()).glob("*.txt"))[0]
    assert extractor.extract_file(bundled).doc.id == bundled.name  # listed in its folder's catalog


def test_ingest_keys_documents_by_path_and_skips_a_copy(tmp_path):
    from policygraph.ingest import ingest

    for folder, text in (("a", "2015年6月30日，中国向联合国提交国家自主贡献文件。"),
                         ("b", "2016年9月3日，中美两国元首在杭州交存《巴黎协定》批准文书。"),
                         ("c", "2015年6月30日，中国向联合国提交国家自主贡献文件。")):  # fmt: skip
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    with open_store(tmp_path / "db") as store:
        summary = ingest(store, [tmp_path / f / "report.txt" for f in "abc"])
        docs = store.read_trusted("MATCH (d:Document) RETURN d.id AS id, d.path AS path ORDER BY path")
    assert summary.documents == 2 and summary.duplicates == 1
    assert [Path(d["path"]).parent.name for d in docs] == ["a", "b"]
    assert any("same content" in p and "report.txt" in p for p in summary.problems)
