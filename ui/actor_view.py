"""The detail of one actor: who it is, offices held by date, the events it took part in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from policygraph.ui.formatting import actor_name, date_label, event_title, markdown_escape, role_label
from policygraph.ui.i18n import lang, t


def render_actor_detail(
    detail: Mapping[str, Any], names: Mapping[str, str] | None = None, roles: Mapping[str, str] | None = None
) -> None:
    """`names` (actor id → name in the reader's language) names the bodies of offices; `roles`
    (office title → English title) gives the roles in English."""
    language = lang()
    st.subheader(actor_name(detail, language))
    facts = [f"{t('kind')}: {detail.get('kind', '?')}"]
    if detail.get("wikidata"):
        facts.append(f"Wikidata [{detail['wikidata']}](https://www.wikidata.org/wiki/{detail['wikidata']})")
    aliases = [a for a in detail.get("aliases") or [] if a not in (detail.get("name"), detail.get("name_en"))]
    if aliases:
        facts.append(t("also called") + " " + markdown_escape(", ".join(aliases)))
    st.markdown(" · ".join(facts))

    offices = sorted(detail.get("offices") or [], key=lambda o: str(o.get("start") or ""))
    if offices:
        st.markdown(f"**{t('Offices held')}**")
        st.markdown("\n".join(_office_line(office, language, names or {}) for office in offices))
    holders = sorted(detail.get("office_holders") or [], key=lambda o: str(o.get("start") or ""))
    if holders:
        st.markdown(f"**{t('Office holders')}**")
        st.markdown("\n".join(
            f"- {markdown_escape(actor_name(h, language))}, {h.get('title') or ''} "
            f"({h.get('start') or '?'} – {h.get('end') or t('now')})" for h in holders
        ))  # fmt: skip
    members = detail.get("member_of") or []
    if members:
        st.markdown(
            f"**{t('Member of')}** "
            + ", ".join(actor_name(m, language) if isinstance(m, Mapping) else str(m) for m in members)
        )

    events = sorted(detail.get("events") or [], key=lambda e: e.get("date_start") or e.get("date") or "")
    count = int(detail.get("event_count") or len(events))
    st.markdown(f"**{t('Events ({n})').format(n=count)}**")
    if count > len(events):
        st.caption(t("The newest {n} are listed; the timeline filtered on this actor shows them all.")
                   .format(n=len(events)))  # fmt: skip
    if events:
        st.dataframe(
            [
                {"date": date_label(e), "type": e.get("type"), "title": event_title(e, language),
                 "role": role_label(e.get("role"), language, roles), "id": e["id"]}
                for e in events
            ],
            hide_index=True, width="stretch",
            column_config={"date": t("date"), "type": t("type"), "title": t("title"), "role": t("role")},
        )  # fmt: skip


def _office_line(office: Mapping[str, Any], language: str, names: Mapping[str, str]) -> str:
    body = office.get("body")
    if isinstance(body, Mapping):
        body_name = actor_name(body, language)
    else:
        body_name = names.get(str(body)) or office.get("body_name") or body or ""
    title = (office.get("title_en") if language == "en" else None) or office.get("title") or "?"
    term = f"{office.get('start') or '?'} – {office.get('end') or t('now')}"
    return (
        f"- {markdown_escape(title)}"
        + (f", {markdown_escape(body_name)}" if body_name else "")
        + f" ({term})"
    )
