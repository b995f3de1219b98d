"""The detail of one event: what a historian needs to check it against its sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from policygraph.ui.formatting import actor_name, date_label

PRECISION_WORDS = {"day": "exact day", "month": "month only", "year": "year only"}


def render_event_detail(detail: Mapping[str, Any]) -> None:
    st.subheader(detail.get("title") or detail.get("title_en") or detail["id"])
    if detail.get("title_en"):
        st.markdown(f"*{detail['title_en']}*")
    precision = PRECISION_WORDS.get(detail.get("precision"), detail.get("precision") or "?")
    mentions = detail.get("n_mentions", len(detail.get("mentions") or []))
    st.markdown(
        f"**Date** {date_label(detail)} ({precision}) · **Type** {detail.get('type') or '?'} · "
        f"**Origin** {detail.get('origin') or '?'} · **Mentions** {mentions}"
    )
    st.caption(f"event id `{detail['id']}`")
    if detail.get("date_conflict"):
        reported = ", ".join(detail.get("dates_reported") or [])
        st.warning(f"**Date conflict** — the sources give different dates for this event: {reported}. "
                   f"The timeline places it at {date_label(detail)}.", icon=":material/warning:")  # fmt: skip

    people, things = detail.get("actors") or [], detail.get("things") or []
    st.markdown("**Participants**")
    if people:
        st.markdown("\n".join(_actor_line(actor) for actor in people))
    else:
        st.caption("No participant recorded.")
    if things:
        st.markdown("**Agreements and initiatives**")
        st.markdown("\n".join(f"- {actor_name(t)} · {t.get('kind', '')}" for t in things))

    _render_evidence(detail.get("mentions") or [])
    _render_sources(detail.get("sources") or [])


def _actor_line(actor: Mapping[str, Any]) -> str:
    role = f" — {actor['role']}" if actor.get("role") else ""
    return f"- {actor_name(actor)} · {actor.get('kind', '')}{role}"


def _render_evidence(mentions: list[Mapping[str, Any]]) -> None:
    st.markdown(f"**Source sentences ({len(mentions)})**")
    if not mentions:
        st.caption("No sentence of the bundled documents states this event: it comes from the curated list.")
        return
    for mention in mentions:
        doc = mention.get("doc_title") or mention.get("doc") or "?"
        where = f"characters {mention.get('start')}–{mention.get('end')} of {mention.get('doc', '?')}"
        dated = f" · dated there {mention['date']}" if mention.get("date") else ""
        with st.container(border=True):
            st.markdown(f"> {mention.get('text', '')}")
            st.caption(f"《{doc}》 · {where}{dated}")


def _render_sources(sources: list[Any]) -> None:
    urls = []
    for source in sources:
        if isinstance(source, Mapping):
            urls.append(source.get("url") or source.get("source") or "")
        else:
            urls.append(str(source))
    urls = [u for u in urls if u]
    if urls:
        st.markdown("**Curated sources**")
        st.markdown("\n".join(f"- <{u}>" if u.startswith("http") else f"- {u}" for u in urls))
