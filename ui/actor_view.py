"""The detail of one actor: who it is, offices held, the events it took part in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from policygraph.ui.formatting import actor_name, date_label


def render_actor_detail(detail: Mapping[str, Any]) -> None:
    st.subheader(actor_name(detail))
    facts = [f"kind: {detail.get('kind', '?')}"]
    if detail.get("wikidata"):
        facts.append(f"Wikidata [{detail['wikidata']}](https://www.wikidata.org/wiki/{detail['wikidata']})")
    aliases = [a for a in detail.get("aliases") or [] if a not in (detail.get("name"), detail.get("name_en"))]
    if aliases:
        facts.append("also called " + ", ".join(aliases))
    st.markdown(" · ".join(facts))

    offices = detail.get("offices") or []
    if offices:
        st.markdown("**Offices held**")
        st.markdown("\n".join(_office_line(office) for office in offices))
    members = detail.get("member_of") or []
    if members:
        st.markdown(
            "**Member of** " + ", ".join(actor_name(m) if isinstance(m, Mapping) else str(m) for m in members)
        )

    events = sorted(detail.get("events") or [], key=lambda e: e.get("date_start") or e.get("date") or "")
    st.markdown(f"**Events ({len(events)})**")
    if events:
        st.dataframe(
            [
                {"date": date_label(e), "type": e.get("type"), "title": e.get("title"),
                 "title_en": e.get("title_en"), "role": e.get("role") or ""}
                for e in events
            ],
            hide_index=True, width="stretch",
        )  # fmt: skip


def _office_line(office: Mapping[str, Any]) -> str:
    body = office.get("body")
    body_name = actor_name(body) if isinstance(body, Mapping) else (office.get("body_name") or body or "")
    term = f"{office.get('start') or '?'} – {office.get('end') or 'now'}"
    return f"- {office.get('title', '?')}" + (f", {body_name}" if body_name else "") + f" ({term})"
