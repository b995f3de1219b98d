"""Extractor quality on the documents with gold annotations (tests/eval/).

Runs the real extractor on the corpus, scores the records with the project's scorer
(tests/eval/score.py) and fails below F1 0.90 or strict F1 0.80 on the dev documents
(000, 004: the rules were tuned on them), and below a floor just under the scores
reached on the held-out documents annotated blind (tests/eval/ours/: 001, 002, 003),
on the shared dev2 set (tests/eval/dev2/: twelve styles, Big5, GBK and English among them)
and on the blind set (tests/eval/blind/: fourteen texts in further genres, scored once before
any tuning; see docs/extraction.md), so that a change that loses generality shows up.
"""

from functools import cache
from pathlib import Path

import pytest
from policygraph.extract import Extractor
from scoring import eval_scorer

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
CORPUS = ROOT / "data" / "corpus"




@cache
def _records() -> dict[str, list[dict]]:
    extractor = Extractor()
    out: dict[str, list[dict]] = {}
    for result in extractor.extract_paths(sorted(CORPUS.glob("*.txt"))):
        out[result.doc.id] = result.records
    return out


@pytest.mark.parametrize("gold_name", ["gold_000.jsonl", "gold_004.jsonl"])
def test_scores_on_gold_documents(gold_name):
    scorer = eval_scorer()
    gold = scorer.load(EVAL / gold_name)
    doc = gold[0]["doc"]
    predicted = _records()[doc]
    result, _, _ = scorer.score(gold, predicted)
    assert result["f1"] >= 0.90, result
    assert result["strict_f1"] >= 0.80, result


# held-out gold: (F1 floor, strict F1 floor), just under what the extractor reaches
HELD_OUT_FLOORS = {
    "gold_001.jsonl": (0.92, 0.86),
    "gold_002.jsonl": (0.84, 0.64),
    "gold_003.jsonl": (0.87, 0.66),
}


@pytest.mark.parametrize("gold_name", sorted(HELD_OUT_FLOORS))
def test_scores_on_held_out_gold(gold_name):
    path = EVAL / "ours" / gold_name
    if not path.exists():
        pytest.skip(f"{gold_name} not annotated yet")
    scorer = eval_scorer()
    gold = scorer.load(path)
    doc = gold[0]["doc"]
    result, _, _ = scorer.score(gold, _records()[doc])
    print(f"{gold_name}: F1 {result['f1']} strict {result['strict_f1']} "
          f"P {result['precision']} R {result['recall']} missed {result['missed_ids']}")
    f1_floor, strict_floor = HELD_OUT_FLOORS[gold_name]
    assert result["f1"] >= f1_floor, result
    assert result["strict_f1"] >= strict_floor, result


SYNTHETIC = EVAL / "synthetic"
# synthetic held-out texts written blind (tests/eval/synthetic/): (F1 floor, strict F1 floor) per
# text, just under what the extractor reaches. Their catalog is not read: the document date must
# come from the text's own head matter, as for any new document.
SYNTHETIC_FLOORS = {
    "text_A.txt": (0.96, 0.74),
    "text_B.txt": (0.90, 0.85),
    "text_C.txt": (0.82, 0.79),
    "text_D.txt": (0.92, 0.74),
}


@cache
def _synthetic_records() -> list[dict]:
    extractor = Extractor()
    records: list[dict] = []
    for result in extractor.extract_paths(sorted(SYNTHETIC.glob("text_*.txt"))):
        records.extend(result.records)
    return records


@pytest.mark.parametrize("text_name", sorted(SYNTHETIC_FLOORS))
def test_scores_on_synthetic_held_out_texts(text_name):
    scorer = eval_scorer()
    gold = scorer.load(SYNTHETIC / "gold_synthetic.jsonl")
    result, _, _ = scorer.score(gold, _synthetic_records(), {text_name})
    print(f"{text_name}: F1 {result['f1']} strict {result['strict_f1']} missed {result['missed_ids']}")
    f1_floor, strict_floor = SYNTHETIC_FLOORS[text_name]
    assert result["f1"] >= f1_floor, result
    assert result["strict_f1"] >= strict_floor, result


def test_evidence_is_one_sentence_of_sensible_length():
    # a sentence rejoined across a footnote block must not carry the footnote as evidence
    for records in _records().values():
        for record in records:
            text = record["evidence"]["text"]
            assert len("".join(text.split())) <= 200, text
            assert "Retrieved" not in text and "http" not in text, text


def test_every_record_points_to_its_sentence():
    for doc, records in _records().items():
        original = (CORPUS / doc).read_text(encoding="utf-8")
        for record in records:
            evidence = record["evidence"]
            assert original[evidence["start"] : evidence["end"]] == evidence["text"]
            assert record["date"] and record["type"]


def test_one_record_per_event_in_a_document():
    for records in _records().values():
        ids = [record["event_id"] for record in records]
        assert len(ids) == len(set(ids))


# dev2 (tests/eval/dev2/) and the blind set (tests/eval/blind/): (F1 floor, strict F1 floor) per
# text and pooled, just under what the extractor reaches
DEV2 = EVAL / "dev2"
BLIND = EVAL / "blind"
BLIND2 = EVAL / "blind2"
DEV2_FLOORS = {
    "d01.txt": (0.83, 0.83),
    "d02.txt": (0.90, 0.69),
    "d03.txt": (0.95, 0.92),
    "d04.txt": (0.85, 0.81),
    "d05.txt": (0.82, 0.82),
    "d06.txt": (0.95, 0.87),
    "d07.txt": (0.76, 0.76),
    "d08.txt": (0.82, 0.74),
    "d09.txt": (0.89, 0.75),
    "d10.txt": (0.83, 0.83),
    "d11.txt": (0.97, 0.97),
    "d12.txt": (0.95, 0.95),
}
DEV2_POOLED_FLOOR = (0.90, 0.85)
BLIND_FLOORS = {
    "b01.txt": (0.80, 0.72),
    "b02.txt": (0.84, 0.70),
    "b03.txt": (0.67, 0.67),
    "b04.txt": (0.78, 0.58),
    "b05.txt": (0.76, 0.70),
    "b06.txt": (0.72, 0.64),
    "b07.txt": (0.86, 0.75),
    "b08.txt": (0.71, 0.64),
    "b09.txt": (0.80, 0.70),
    "b10.txt": (0.61, 0.61),
    "b11.txt": (0.66, 0.46),
    "b12.txt": (0.88, 0.85),
    "b13.txt": (0.73, 0.73),
    "b14.txt": (0.62, 0.44),
}
BLIND_POOLED_FLOOR = (0.74, 0.66)
# The second blind set (tests/eval/blind2/README.md). Its first score, before any rule was
# changed for it, was F1 0.803 / strict 0.740 (docs/extraction.md); floors under today's.
BLIND2_FLOORS = {
    "bb01.txt": (0.80, 0.80),
    "bb02.txt": (0.75, 0.70),
    "bb03.txt": (0.80, 0.66),
    "bb04.txt": (0.58, 0.43),
    "bb05.txt": (0.85, 0.85),
    "bb06.txt": (0.84, 0.75),
    "bb07.txt": (0.70, 0.60),
    "bb08.txt": (0.85, 0.62),
    "bb09.txt": (0.84, 0.84),
    "bb10.txt": (0.77, 0.77),
}
BLIND2_POOLED_FLOOR = (0.80, 0.73)


@cache
def _set_records(folder: Path) -> list[dict]:
    records: list[dict] = []
    for result in Extractor().extract_paths(sorted(folder.glob("*.txt"))):
        records.extend(result.records)
    return records


def _check_set(folder: Path, gold_name: str, docs: set[str] | None, floors: tuple[float, float]) -> None:
    scorer = eval_scorer()
    gold = scorer.load(folder / gold_name)
    result, _, _ = scorer.score(gold, _set_records(folder), docs)
    print(f"{folder.name} {docs or 'pooled'}: F1 {result['f1']} strict {result['strict_f1']}")
    assert result["f1"] >= floors[0], result
    assert result["strict_f1"] >= floors[1], result


@pytest.mark.parametrize("text_name", sorted(DEV2_FLOORS))
def test_scores_on_dev2(text_name):
    _check_set(DEV2, "gold_dev2.jsonl", {text_name}, DEV2_FLOORS[text_name])


@pytest.mark.parametrize("text_name", sorted(BLIND_FLOORS))
def test_scores_on_the_blind_set(text_name):
    _check_set(BLIND, "gold_blind.jsonl", {text_name}, BLIND_FLOORS[text_name])


@pytest.mark.parametrize("text_name", sorted(BLIND2_FLOORS))
def test_scores_on_the_second_blind_set(text_name):
    _check_set(BLIND2, "gold_blind2.jsonl", {text_name}, BLIND2_FLOORS[text_name])


def test_pooled_scores_on_dev2_and_the_blind_sets():
    _check_set(DEV2, "gold_dev2.jsonl", None, DEV2_POOLED_FLOOR)
    _check_set(BLIND, "gold_blind.jsonl", None, BLIND_POOLED_FLOOR)
    _check_set(BLIND2, "gold_blind2.jsonl", None, BLIND2_POOLED_FLOOR)
