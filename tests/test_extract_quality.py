"""Extractor quality on the two documents with gold annotations (tests/eval/).

Runs the real extractor on data/corpus/000_*.txt and 004_*.txt, scores the records
with the project's scorer (tests/eval/score.py) and fails below F1 0.90 or strict
F1 0.80 on either document.
"""

import importlib.util
from functools import cache
from pathlib import Path

import pytest
from policygraph.extract import Extractor

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
CORPUS = ROOT / "data" / "corpus"


def _scorer():
    spec = importlib.util.spec_from_file_location("policygraph_eval_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _records() -> dict[str, list[dict]]:
    extractor = Extractor()
    out: dict[str, list[dict]] = {}
    for result in extractor.extract_paths(sorted(CORPUS.glob("00[04]_*.txt"))):
        out[result.doc.id] = result.records
    return out


@pytest.mark.parametrize("gold_name", ["gold_000.jsonl", "gold_004.jsonl"])
def test_scores_on_gold_documents(gold_name):
    scorer = _scorer()
    gold = scorer.load(EVAL / gold_name)
    doc = gold[0]["doc"]
    predicted = _records()[doc]
    result, _, _ = scorer.score(gold, predicted)
    assert result["f1"] >= 0.90, result
    assert result["strict_f1"] >= 0.80, result


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
