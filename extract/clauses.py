"""Clauses, list items and reported speech inside one sentence: where an action's words begin and end."""

from __future__ import annotations

import re

from .cues import cue
from .model import Event
from .rules import Rules

_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


# …大会上 / 期间 / 前夕 / 最后阶段: the occasion as the setting of an action told in the clause
SETTING = cue("clauses.setting")


def clause_bounds(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds or [(0, len(text))]


def clause_of(bounds: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(bounds):
        if s <= pos < e:
            return i
    return len(bounds) - 1


TIME_CLAUSE = cue("clauses.time_clause")


def reported_speech(text: str, triggers: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """“…” spans opened right after a saying or promising verb: the words said, not new acts."""
    spans = []
    for m in re.finditer(r"“[^“”]*”?", text):
        if any(kind in ("statement", "pledge") and 0 <= m.start() - end <= 2 for _, end, kind in triggers):
            spans.append((m.start(), m.end()))
    return spans


def list_item_start(text: str, bounds: list[tuple[int, int]], pos: int, rules: Rules) -> int:
    """Start of the list item (一是…；二是…) holding ``pos``: dates do not cross items."""
    floor = 0
    for start, _ in bounds:
        if start > pos:
            break
        if start > 0 and text[start - 1] in "；;" and rules.enumeration.match(text[start:]):
            floor = start
    return floor


def precision(date: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(date), "day")


def compatible(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def scope(bounds, triggers, event: Event) -> tuple[int, int]:
    """From the end of the previous action's clause to the end of this action's clause."""
    index = clause_of(bounds, event.start)
    first = 0
    for start, _, _ in triggers:
        other = clause_of(bounds, start)
        if other < index:
            first = max(first, other + 1)
    return bounds[first][0], bounds[index][1]
