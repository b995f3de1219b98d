"""Chinese cue words of the extractor's rules, from ``data/cues_zh.toml``, compiled once.

The rules of each module read their cue words by name (``cue("events.talks")``), so that the
words, and the anchors that decide where they must stand, are edited in the data file.
Trigger words and their lists of cues live in ``triggers.toml`` (extract/rules.py).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from .knowledge import default_knowledge_dir

CUES_FILE = "cues_zh.toml"


@cache
def _cues() -> dict[str, Any]:
    with (default_knowledge_dir() / CUES_FILE).open("rb") as handle:
        return tomllib.load(handle)


def cue(name: str, flags: int = 0) -> re.Pattern[str]:
    """The compiled pattern of the entry ``module.key`` of the cues file."""
    entry: Any = _cues()
    for part in name.split("."):
        if not isinstance(entry, dict) or part not in entry:
            raise KeyError(f"{CUES_FILE} has no cue {name!r}")
        entry = entry[part]
    pattern = entry["pattern"]  # a string, or a list of pieces with comments between them
    return re.compile(pattern if isinstance(pattern, str) else "".join(pattern), flags)
