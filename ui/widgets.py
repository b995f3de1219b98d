"""Filter widgets shared by the pages; their values live in the address (policygraph.ui.state)."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st
from policygraph.ui import data, state
from policygraph.ui.i18n import lang, t
from policygraph.ui.periods import Period, load_periods

ALL_DATES = "all"
CUSTOM = "custom"
FALLBACK_BOUNDS = (date(2008, 1, 1), date(2023, 11, 15))


def event_date_bounds(store: Any) -> tuple[date, date]:
    """First and last day covered by an event of the graph (the fallback when it is empty)."""
    bounds = data.read(store, "date_bounds")
    first, last = bounds.get("first_date"), bounds.get("last_date")
    if not first or not last:
        return FALLBACK_BOUNDS
    return date.fromisoformat(str(first)[:10]), date.fromisoformat(str(last)[:10])


def period_name(period: Period) -> str:
    name = period.name_zh if lang() == "zh" and period.name_zh else period.name
    return f"{name} ({period.start.isoformat()} – {period.end.isoformat()})"


def default_period() -> tuple[date, date]:
    subject = next((p for p in load_periods() if p.kind == "subject"), None)
    return (subject.start, subject.end) if subject else state.DEFAULT_PERIOD


def _preset_of(value: Any, presets: dict[str, Period]) -> str:
    if value == state.ALL:
        return ALL_DATES
    return next((key for key, p in presets.items() if (p.start, p.end) == tuple(value)), CUSTOM)


def period_filter(store: Any, key: str) -> tuple[str | None, str | None, str, Any]:
    """A preset (the default period, administrations, presidencies) and an editable date range.

    Returns (start, end, label, value) with ISO days; (None, None, …, "all") for all dates.
    `value` is what goes to the address (`state.PERIOD`).
    """
    bounds = event_date_bounds(store)
    # The subject period first: it is the default view.
    presets = {p.name: p for p in sorted(load_periods(), key=lambda p: p.kind != "subject")}
    choice_key, range_key = f"{key}_preset", f"{key}_range"
    lowest = min(bounds[0], *(p.start for p in presets.values()))
    highest = max(bounds[1], *(p.end for p in presets.values()))

    if choice_key not in st.session_state or range_key not in st.session_state:
        value = state.initial(state.PERIOD)
        if value != state.ALL:  # a range outside the calendar is narrowed to it, with a word
            start, end = max(value[0], lowest), min(value[1], highest)
            if (start, end) != tuple(value):
                state.warn(f"The period of the address reaches outside {lowest} – {highest}: narrowed to it.")
            value = (start, min(max(end, start), highest))
        st.session_state[choice_key] = _preset_of(value, presets)
        st.session_state[range_key] = bounds if value == state.ALL else value

    def apply_preset() -> None:
        chosen = st.session_state[choice_key]
        if chosen in presets:
            st.session_state[range_key] = (presets[chosen].start, presets[chosen].end)
        elif chosen == ALL_DATES:
            st.session_state[range_key] = bounds

    labels = {ALL_DATES: t("All dates"), CUSTOM: t("Custom range")} | {
        k: period_name(p) for k, p in presets.items()
    }
    first_preset = next(iter(presets))
    choice = st.selectbox(
        t("Period"), [first_preset, ALL_DATES, *list(presets)[1:], CUSTOM], key=choice_key,
        on_change=apply_preset, format_func=labels.get,
        help=t("Presets from ui/periods.toml (each with its source). Pick one, or edit the dates below."),
    )  # fmt: skip

    def mark_custom() -> None:
        picked = st.session_state[range_key]
        if isinstance(picked, tuple | list) and len(picked) == 2:
            st.session_state[choice_key] = _preset_of(tuple(picked), presets)
        else:
            st.session_state[choice_key] = CUSTOM

    picked = st.date_input(
        t("From – to"), min_value=lowest, max_value=highest, key=range_key, format="YYYY-MM-DD",
        on_change=mark_custom,
    )  # fmt: skip
    if choice == ALL_DATES:
        return None, None, t("All dates"), state.ALL
    if not isinstance(picked, tuple | list) or len(picked) != 2:  # the user has clicked only the first day
        st.caption(t("Pick the last day of the range too."))
        start, end = picked[0], picked[0]
    else:
        start, end = picked
    return start.isoformat(), end.isoformat(), f"{start.isoformat()} – {end.isoformat()}", (start, end)
