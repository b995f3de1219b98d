"""The cue words file (data/cues_zh.toml): every entry compiles, is used by a rule, and every
cue a rule asks for is in the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from policygraph.extract.cues import _cues, cue

EXTRACT = Path(__file__).resolve().parents[1] / "extract"
ASKED = re.compile(r"""\bcue\(\s*"([a-z_.]+)"\s*[,)]""")


def entries(table: dict, prefix: str = "") -> dict[str, dict]:
    found = {}
    for key, value in table.items():
        if isinstance(value, dict) and "pattern" in value:
            found[prefix + key] = value
        elif isinstance(value, dict):
            found |= entries(value, f"{prefix}{key}.")
    return found


def asked_in_code() -> set[str]:
    sources = (path.read_text(encoding="utf-8") for path in EXTRACT.rglob("*.py"))
    return {name for source in sources for name in ASKED.findall(source)}


def test_every_cue_a_rule_asks_for_is_in_the_file_and_every_entry_is_used() -> None:
    in_file = set(entries(_cues()))
    asked = asked_in_code()
    assert len(asked) >= 30
    assert asked - in_file == set()
    assert in_file - asked == set(), "entries no rule reads"


@pytest.mark.parametrize("name", sorted(entries(_cues())))
def test_each_entry_compiles_and_says_nothing_but_pattern_and_why(name: str) -> None:
    assert set(entries(_cues())[name]) <= {"pattern", "why"}
    assert cue(name).pattern


def test_an_unknown_cue_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="events.no_such_cue"):
        cue("events.no_such_cue")
