"""Filter widgets shared by the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st
from policygraph.graph import queries
from policygraph.ui.periods import load_periods

ALL_DATES = "All dates"
CUSTOM = "Custom range"
FALLBACK_BOUNDS = (date(2008, 1, 1), date(2023, 11, 15))


@st.cache_data(ttl=60, show_spinner=False)
def event_date_bounds(_store: Any) -> tuple[date, date]:
    """First and last day covered by an event of the graph (the fallback when it is empty)."""
    summary = queries.summary(_store)
    first, last = summary.get("first_date"), summary.get("last_date")
    if not first or not last:
        return FALLBACK_BOUNDS
    return date.fromisoformat(str(first)[:10]), date.fromisoformat(str(last)[:10])


def period_filter(store: Any, key: str) -> tuple[str | None, str | None, str]:
    """A preset (administration, presidency) and an editable date range.

    Returns (start, end, label) as ISO days; (None, None, …) for the whole timeline.
    """
    bounds = event_date_bounds(store)
    presets = {p.label: p for p in load_periods()}
    choice_key, range_key = f"{key}_preset", f"{key}_range"

    def apply_preset() -> None:
        chosen = st.session_state[choice_key]
        if chosen in presets:
            st.session_state[range_key] = (presets[chosen].start, presets[chosen].end)
        elif chosen == ALL_DATES:
            st.session_state[range_key] = bounds

    choice = st.selectbox(
        "Period", [ALL_DATES, *presets, CUSTOM], key=choice_key, on_change=apply_preset,
        help="Presets from ui/periods.toml (each with its source). Pick one, or edit the dates below.",
    )  # fmt: skip
    lowest = min(bounds[0], *(p.start for p in presets.values()))
    highest = max(bounds[1], *(p.end for p in presets.values()))

    def mark_custom() -> None:
        st.session_state[choice_key] = CUSTOM

    if range_key not in st.session_state:
        st.session_state[range_key] = bounds
    picked = st.date_input(
        "From – to", min_value=lowest, max_value=highest, key=range_key, format="YYYY-MM-DD",
        on_change=mark_custom,
    )  # fmt: skip
    if choice == ALL_DATES and tuple(picked) == tuple(bounds):
        return None, None, ALL_DATES
    if not isinstance(picked, tuple | list) or len(picked) != 2:  # the user has clicked only the first day
        st.caption("Pick the last day of the range too.")
        return None, None, ALL_DATES
    start, end = picked
    return start.isoformat(), end.isoformat(), f"{start.isoformat()} – {end.isoformat()}"
