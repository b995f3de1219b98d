"""The view's state in the address bar: every filter, the open event, the chosen actor, the language.

A page declares its parameters (`Param`); for each widget, `initial()` gives the value to start
from, in this order: the address (a shared or bookmarked link), then what this browser session
chose on another page (so filters survive a page switch), then the default. After the widgets,
`publish()` writes the page's values back to the address, leaving defaults out so that links
stay short. A value in the address that cannot be used is reported with `warnings()` (one
sentence each) and replaced by the default, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

SHARED = "_pg_view"  # session key: the values chosen so far, by parameter name
WARNINGS = "_pg_url_warnings"  # session key: sentences about unusable values, for this run


@dataclass(frozen=True, eq=False)  # hashed by identity: a page's values are keyed by their Param
class Param:
    """One value of the view. `parse` turns the address text into a value or raises ValueError
    with a sentence; `dump` turns a value into address text."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    dump: Callable[[Any], str] = str


# -- parsers ----------------------------------------------------------------------------------


def choice(options: Sequence[str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(f"it must be one of {', '.join(options)}")
        return text

    return parse


def choices(options: Sequence[str]) -> Callable[[str], list[str]]:
    """A comma-separated list of known values (unknown ones are refused, not skipped)."""

    def parse(text: str) -> list[str]:
        values = [v for v in (part.strip() for part in text.split(",")) if v]
        unknown = [v for v in values if v not in options]
        if unknown:
            raise ValueError(f"{', '.join(unknown)} is not known here")
        return values

    return parse


def id_list(text: str) -> list[str]:
    return [v for v in (part.strip() for part in text.split(",")) if v]


def dump_list(values: Iterable[str]) -> str:
    return ",".join(values)


def integer(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise ValueError("it must be a whole number") from None
        if not low <= value <= high:
            raise ValueError(f"it must be between {low} and {high}")
        return value

    return parse


ALL = "all"


def period(text: str) -> str | tuple[date, date]:
    """`all`, or `YYYY-MM-DD..YYYY-MM-DD` (first and last day, inclusive)."""
    if text == ALL:
        return ALL
    first, sep, last = text.partition("..")
    try:
        if not sep:
            raise ValueError
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        raise ValueError("it must be `all` or two days such as 2021-01-20..2025-01-20") from None
    if end < start:
        raise ValueError("its last day comes before its first")
    return start, end


def dump_period(value: str | tuple[date, date]) -> str:
    if value == ALL:
        return ALL
    start, end = value
    return f"{start.isoformat()}..{end.isoformat()}"


def text(value: str) -> str:
    if len(value) > 200:
        raise ValueError("it is longer than 200 characters")
    return value


# -- reading and writing ----------------------------------------------------------------------


def _shared() -> dict[str, Any]:
    return st.session_state.setdefault(SHARED, {})


def warn(sentence: str) -> None:
    messages = st.session_state.setdefault(WARNINGS, [])
    if sentence not in messages:
        messages.append(sentence)


def from_address(param: Param) -> tuple[bool, Any]:
    """(True, value) when the address gives a usable value; a warning when it gives a bad one."""
    raw = st.query_params.get(param.name)
    if raw is None or raw == "":
        return False, None
    try:
        return True, param.parse(raw)
    except ValueError as err:
        warn(
            f"The address gives `{param.name}={raw}`, which cannot be used: {err}. "
            "Showing the default instead."
        )
        return False, None


def initial(param: Param) -> Any:
    """The value a widget starts from: the address, else this session's choice, else the default."""
    found, value = from_address(param)
    if found:
        return value
    shared = _shared()
    return shared.get(param.name, param.default)


def seed(param: Param, widget_key: str, convert: Callable[[Any], Any] | None = None) -> None:
    """Give a widget its starting value once; afterwards the widget's own state is the truth."""
    if widget_key not in st.session_state:
        value = initial(param)
        st.session_state[widget_key] = convert(value) if convert else value


def reject(param: Param, raw: str, reason: str) -> None:
    """A value that parsed but names nothing in the graph (an unknown event or actor id)."""
    warn(f"The address gives `{param.name}={raw}`, which {reason}. Showing the default instead.")


def publish(values: dict[Param, Any]) -> None:
    """Remember the page's values for other pages and make them the address.

    The address then holds exactly this page's parameters (and the language) that differ from
    their defaults; the values of other pages stay remembered for when the reader goes back.
    """
    shared = _shared()
    wanted: dict[str, str] = {}
    values = {LANG: shared.get(LANG.name, LANG.default), **values}
    for param, value in values.items():
        shared[param.name] = value
        if value != param.default and value not in (None, "", []):
            wanted[param.name] = param.dump(value)
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


def warnings() -> list[str]:
    """The sentences gathered this run (and forgets them)."""
    return st.session_state.pop(WARNINGS, [])


def show_warnings() -> None:
    for sentence in warnings():
        st.warning(sentence, icon="⚠️")


def link_params(names: Iterable[str]) -> dict[str, str]:
    """The address parameters (as text) this session has chosen, for links to another page."""
    shared = _shared()
    out = {}
    for param in PARAMS:
        if param.name in names and param.name in shared:
            value = shared[param.name]
            if value != param.default and value not in (None, "", []):
                out[param.name] = param.dump(value)
    return out


# -- the parameters of every page ------------------------------------------------------------
# Defined here (not in the pages) so that links between pages can carry them.

LANG = Param("lang", "en", choice(("en", "zh")))
DEFAULT_PERIOD = (date(2008, 6, 1), date(2023, 11, 15))
PERIOD = Param("period", DEFAULT_PERIOD, period, dump_period)
TYPES = Param("type", [], id_list, dump_list)  # checked against the event types by the page
ACTORS = Param("actors", [], id_list, dump_list)
ORIGIN = Param("origin", "all", choice(("all", "curated", "extracted")))
SEARCH = Param("q", "", text)
DOCS = Param("doc", [], id_list, dump_list)
EVENT = Param("event", None, text)
ACTOR = Param("actor", None, text)
THING = Param("agreement", None, text)
KINDS = Param("kind", [], id_list, dump_list)
MIN_WEIGHT = Param("min", 1, integer(1, 10))
HOPS = Param("hops", 1, integer(1, 2))
PAGE = Param("page", 1, integer(1, 1_000_000))  # the page of the timeline's table, from 1
PARAMS = (
    LANG, PERIOD, TYPES, ACTORS, ORIGIN, SEARCH, DOCS, EVENT, ACTOR, THING, KINDS, MIN_WEIGHT, HOPS, PAGE,
)  # fmt: skip
