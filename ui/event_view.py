"""The detail of one event: what a historian needs to check it against its sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from policygraph.ui.formatting import (
    actor_name,
    clean_sentence,
    date_label,
    event_title,
    markdown_escape,
    role_label,
)
from policygraph.ui.i18n import lang, t

PRECISION_WORDS = {"day": "exact day", "month": "month only", "year": "year only"}
ACTOR_PAGE, AGREEMENT_PAGE = "actor_page.py", "agreement_page.py"


def render_event_detail(
    detail: Mapping[str, Any], links: bool = True, roles: Mapping[str, str] | None = None
) -> None:
    """Titles, date, participants (links to their pages), agreements, every source sentence.

    `roles` (office title → English title, `queries.office_titles`) gives the roles in English."""
    language = lang()
    st.subheader(event_title(detail, language))
    other = detail.get("title") if language == "en" else detail.get("title_en")
    if other and other != event_title(detail, language):
        st.markdown(f"*{markdown_escape(other)}*")
    precision = t(PRECISION_WORDS.get(detail.get("precision"), "")) or detail.get("precision") or "?"
    mentions = detail.get("n_mentions", len(detail.get("mentions") or []))
    st.markdown(
        f"**{t('Date')}** {date_label(detail)} ({precision}) · **{t('Type')}** {detail.get('type') or '?'} · "
        f"**{t('Origin')}** {t(detail.get('origin') or '?')} · **{t('Mentions')}** {mentions}"
    )
    st.caption(f"{t('event id')} `{detail['id']}`")
    if detail.get("date_conflict"):
        reported = ", ".join(detail.get("dates_reported") or [])
        sentence = t(
            "the sources give different dates for this event: {dates}. The timeline places it at {date}."
        )
        st.warning(f"**{t('Date conflict')}** — " + sentence.format(dates=reported, date=date_label(detail)),
                   icon=":material/warning:")  # fmt: skip

    people, things = detail.get("actors") or [], detail.get("things") or []
    st.markdown(f"**{t('Participants')}**")
    if not people:
        st.caption(t("No participant recorded."))
    for actor in people:
        role = f" — {role_label(actor['role'], language, roles)}" if actor.get("role") else ""
        label = f"{actor_name(actor, language)} · {actor.get('kind', '')}{role}"
        name_link(ACTOR_PAGE, "actor", actor["id"], label, links)
    if things:
        st.markdown(f"**{t('Agreements and initiatives')}**")
        for thing in things:
            label = f"{actor_name(thing, language)} · {thing.get('kind', '')}"
            name_link(AGREEMENT_PAGE, "agreement", thing["id"], label, links)

    render_evidence(detail.get("mentions") or [])
    render_sources(detail.get("sources") or [])


def name_link(page: str, param: str, value: str, label: str, links: bool = True) -> None:
    """A name that opens its own page (the page reads `param` from the address)."""
    if links:
        st.page_link(page, label=label, query_params={param: value})
    else:
        st.markdown(f"- {markdown_escape(label)}")


def render_evidence(mentions: list[Mapping[str, Any]]) -> None:
    st.markdown(f"**{t('Source sentences ({n})').format(n=len(mentions))}**")
    if not mentions:
        st.caption(
            t("No sentence of the bundled documents states this event: it comes from the curated list.")
        )
        return
    for mention in mentions:
        doc = mention.get("doc_title") or mention.get("doc") or "?"
        where = t("characters {start}–{end} of {doc}").format(
            start=mention.get("start"), end=mention.get("end"), doc=mention.get("doc", "?")
        )
        dated = f" · {t('dated there {date}').format(date=mention['date'])}" if mention.get("date") else ""
        with st.container(border=True):
            # One paragraph: the PDF's line breaks would otherwise split the quotation.
            st.markdown(markdown_escape(clean_sentence(mention.get("text") or "")))
            st.caption(f"《{markdown_escape(doc)}》 · {where}{dated}")


def render_sources(sources: list[Any]) -> None:
    urls = []
    for source in sources:
        if isinstance(source, Mapping):
            urls.append(source.get("url") or source.get("source") or "")
        else:
            urls.append(str(source))
    urls = [u for u in urls if u]
    if urls:
        st.markdown(f"**{t('Curated sources')}**")
        st.markdown("\n".join(f"- <{u}>" if u.startswith("http") else f"- {u}" for u in urls))
