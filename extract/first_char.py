"""A first-character guard for regexes scanned over long text.

Python's ``re`` tries a pattern at every position; one that opens with a lookbehind or an
alternation (``(?<![\\d.])[12]\\d{3}|…``) pays for that set-up at each character, and the date
and trigger patterns together made a 10 MB line take seconds per pattern. Prefixing a
lookahead on the set of characters a match can start with, ``(?=[…])(?:pattern)``, fails
fast at the other positions and matches exactly the same spans (the lookahead consumes
nothing, adds no group). The set is read from the parsed pattern; when it cannot be known
(a leading ``.``, a negated class, a pattern that can match the empty string) the pattern is
returned unchanged.
"""

from __future__ import annotations

import re

try:  # the parser is internal to ``re``; without it the patterns simply stay unguarded
    from re import _parser
except ImportError:  # pragma: no cover - other Pythons
    _parser = None  # type: ignore[assignment]

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}
_ZERO_WIDTH = {"ASSERT", "ASSERT_NOT", "AT"}


class _Unknown(Exception):
    """The first characters of a match cannot be listed as a class."""


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a first-character lookahead when its first characters are known."""
    if _parser is None:
        return pattern
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        items, nullable = _first(parsed)
    except (_Unknown, re.error, TypeError, ValueError):
        return pattern
    if nullable or not items or _starts_plainly(parsed):
        return pattern
    body, flags = _split_global_flags(pattern.pattern)
    return re.compile(f"{flags}(?=[{''.join(sorted(items))}])(?:{body})", pattern.flags)


def _starts_plainly(sequence) -> bool:
    """A pattern opening with a character, a class or a branch of them: ``re`` already skips
    ahead on its first characters itself, faster than a lookahead would."""
    if not len(sequence):
        return False
    op, av = sequence[0]
    if str(op) == "SUBPATTERN":
        return _starts_plainly(av[-1])
    if str(op) == "BRANCH":
        return all(_starts_plainly(branch) for branch in av[1])
    return str(op) in {"LITERAL", "IN"}


def _split_global_flags(source: str) -> tuple[str, str]:
    """Leading inline flags such as ``(?i)`` must stay at the very start."""
    m = re.match(r"\(\?[aiLmsux]+\)", source)
    return (source[m.end():], m.group()) if m else (source, "")


def _first(sequence) -> tuple[set[str], bool]:
    """Class items a match of ``sequence`` can start with, and whether it can be empty."""
    items: set[str] = set()
    for op, av in sequence:
        found, nullable = _first_of(str(op), av)
        items |= found
        if not nullable:
            return items, False
    return items, True


def _first_of(op: str, av) -> tuple[set[str], bool]:
    if op in _ZERO_WIDTH:
        return set(), True
    if op == "LITERAL":
        return {_char(av)}, False
    if op == "IN":
        return _class_items(av), False
    if op == "SUBPATTERN":
        return _first(av[-1])
    if op == "BRANCH":
        items: set[str] = set()
        nullable = False
        for branch in av[1]:
            found, empty = _first(branch)
            items |= found
            nullable = nullable or empty
        return items, nullable
    if op in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
        low, _high, sub = av
        found, empty = _first(sub)
        return found, empty or low == 0
    if op == "ATOMIC_GROUP":
        return _first(av)
    raise _Unknown(op)


def _class_items(members) -> set[str]:
    items: set[str] = set()
    for op, av in members:
        name = str(op)
        if name == "LITERAL":
            items.add(_char(av))
        elif name == "RANGE":
            items.add(f"{_char(av[0])}-{_char(av[1])}")
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            items.add(_CATEGORIES[str(av)])
        else:  # NEGATE, other categories
            raise _Unknown(name)
    return items


def _char(code: int) -> str:
    return re.escape(chr(code))
