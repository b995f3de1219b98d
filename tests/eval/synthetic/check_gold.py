"""Validate a gold file against the texts it annotates (format of tests/eval/GUIDE.md).

usage: check_gold.py [GOLD.jsonl]   (default: gold_synthetic.jsonl next to this file)

Checks that every row parses, has the required keys, names a text that exists,
uses one of the guide's event types, gives ISO 8601 dates (YYYY, YYYY-MM or
YYYY-MM-DD) with date_end not before date, lists actors/things as alias lists,
and that its evidence is an exact substring (at most 40 characters) of the text.
Exits 1 and prints every problem when any check fails.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

EVENT_TYPES = {
    "meeting", "statement", "agreement", "ratification", "withdrawal", "pledge",
    "launch", "policy", "conference", "funding", "suspension",
}
REQUIRED_KEYS = {"id", "doc", "date", "alt_dates", "type", "actors", "things", "evidence", "optional"}
ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MAX_EVIDENCE_CHARS = 40


def is_alias_lists(value: object) -> bool:
    """True for a list of non-empty lists of non-empty strings."""
    return isinstance(value, list) and all(
        isinstance(aliases, list) and aliases and all(isinstance(a, str) and a for a in aliases)
        for aliases in value
    )


def row_problems(row: dict, texts_dir: Path, text_cache: dict[str, str]) -> list[str]:
    problems = [f"missing key {k}" for k in sorted(REQUIRED_KEYS - row.keys())]
    if problems:
        return problems
    doc_path = texts_dir / row["doc"]
    if not doc_path.is_file():
        return [f"no text {row['doc']}"]
    text = text_cache.setdefault(row["doc"], doc_path.read_text(encoding="utf-8"))
    if row["type"] not in EVENT_TYPES:
        problems.append(f"unknown type {row['type']!r}")
    dates = [row["date"], *row["alt_dates"], *([row["date_end"]] if "date_end" in row else [])]
    problems += [f"not an ISO date: {d!r}" for d in dates if not ISO_DATE.match(str(d))]
    # Compare on the common prefix so that 2015-12 vs 2015-12-12 is not "before".
    if "date_end" in row and str(row["date_end"]) < str(row["date"])[: len(str(row["date_end"]))]:
        problems.append(f"date_end {row['date_end']} before date {row['date']}")
    for key in ("actors", "things"):
        if not is_alias_lists(row[key]):
            problems.append(f"{key} is not a list of alias lists")
    evidence = row["evidence"]
    if not isinstance(evidence, str) or not evidence or len(evidence) > MAX_EVIDENCE_CHARS:
        problems.append(f"evidence empty or longer than {MAX_EVIDENCE_CHARS} chars")
    elif evidence not in text:
        problems.append(f"evidence not in text: {evidence!r}")
    if not isinstance(row["optional"], bool):
        problems.append("optional is not a boolean")
    return problems


def main(argv: list[str]) -> int:
    gold_path = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("gold_synthetic.jsonl")
    texts_dir = gold_path.parent
    text_cache: dict[str, str] = {}
    seen_ids: set[str] = set()
    failures = 0
    rows = 0
    for line_no, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rows += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            print(f"{gold_path.name}:{line_no}: not JSON: {err}")
            failures += 1
            continue
        problems = row_problems(row, texts_dir, text_cache)
        if row.get("id") in seen_ids:
            problems.append(f"duplicate id {row.get('id')}")
        seen_ids.add(row.get("id"))
        for problem in problems:
            print(f"{gold_path.name}:{line_no} ({row.get('id')}): {problem}")
        failures += bool(problems)
    print(f"{rows} rows, {failures} with problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
