"""Events from one sentence: triggers, dates, participants and things.

A sentence is cut into clauses at ，；： . Every trigger word (data/triggers.toml) that
is not inside a name, not in a clause of statistics/disasters and not hypothetical
becomes a candidate action; in one clause a statement verb is absorbed by any more
specific action (宣布退出 is a withdrawal), a promise absorbs the spending it promises.
A dated mention of a document or a conference (2016年3月中美元首联合声明, 2019年马德里气候大会)
is an event too. Dates come from the DateResolver's expressions in the sentence (target
years excluded), else from a person's taking office (奥巴马就任半年后), else from the
sentence before when the sentence only elaborates it (具体而言，一是……).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from .actors import ACTOR, ROLE, THING, Mention
from .clauses import TIME_CLAUSE, clause_bounds, clause_of, list_item_start, reported_speech
from .cues import cue
from .merging import merge_in_sentence, merge_participants
from .model import Event, SentenceContext, Time
from .participants import attach_participants, own_subject, title, two_parties
from .references import remember
from .rules import Rules, load_rules
from .timing import (
    CONFERENCE_ANAPHOR,
    CONTINUES,
    RECENT,
    conference_settings,
    dated_mentions,
    inside_thing,
    last_conference_time,
    make_event,
    named_meeting_time,
    occasion_time,
    overlaps,
    pick_time,
    took_office_times,
    usable_times,
)

_BILATERAL = cue("events.bilateral")


_CONFERENCE_NOUN = cue("events.conference_noun")


# …峰会在杭州举行 / …大会于本月7日开幕: the conference named before the verb, as its subject
_HELD_AFTER_NOUN = cue("events.held_after_noun")


_OWN_FUTURE = cue("events.own_future")


_PROMISE = cue("events.promise")


_PROMISING = cue("events.promising")


_APPROVING = cue("events.approving")


_TREATY_WORDS = cue("events.treaty_words")


def _approved_kind(text: str, start: int, end: int, kind: str, mentions: list[Mention]) -> str:
    """批准 a plan (全国人大批准《…规划纲要》) is a domestic policy act; only a treaty is ratified."""
    if kind != "ratification" or not _APPROVING.fullmatch(text[start:end]):
        return kind
    following = [m for m in mentions if m.category == THING and 0 <= m.start - end <= 16]
    if following and following[0].kind == "agreement":
        return kind
    if _TREATY_WORDS.match(text, end):
        return kind
    return "policy"


def find_triggers(text: str, mentions: list[Mention], rules: Rules) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for kind, patterns in rules.triggers.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                # a trigger inside a name (美国承诺行动计划, 中美联合声明) is not an action,
                # except a talk named as such (中美高层战略对话 is itself a meeting)
                inside = [k for k in mentions if k.start <= m.start() and m.end() <= k.end]
                if inside and not (kind == "meeting" and any(k.end == m.end() for k in inside)):
                    continue
                found.append((m.start(), m.end(), kind))
    kept: list[tuple[int, int, str]] = []
    for trig in sorted(found, key=lambda t: (-(t[1] - t[0]), t[0])):
        if any(k[0] < trig[1] and trig[0] < k[1] for k in kept):
            continue
        kept.append(trig)
    return sorted(kept)


_HOSTING = cue("events.hosting")


def sentence_events(
    text: str, times_raw: list[Any], mentions: list[Mention], ctx: SentenceContext, offset: int
) -> tuple[list[Event], Time | None]:
    """Events of one sentence (cleaned text starting at ``offset``) and its last usable date."""
    times = _sentence_times(text, times_raw, mentions, ctx)
    bounds = clause_bounds(text)
    triggers = _action_triggers(text, mentions, bounds, ctx.rules)
    attributive = frozenset(
        t.start for t in times if any(m.category == THING and 0 <= m.start - t.end <= 2 for m in mentions)
    )
    events = [
        _dated_action(text, (start, end, kind), times, mentions, bounds, attributive, ctx)
        for start, end, kind in triggers
    ]
    events = _one_per_coordinated_date(text, events, times)
    events.extend(dated_mentions(text, times, mentions, bounds, ctx))
    events.extend(conference_settings(text, times, mentions, bounds, ctx))
    recent = any(getattr(t, "kind", "") == "vague" and RECENT.match(t.text or "") for t in times_raw)
    for event in events:
        attach_participants(event, text, mentions, bounds, triggers, ctx)
        event.sentence = (offset, offset + len(text))
        event.title = title(text, bounds, event)
        event.text = text
        event.recent = recent and not event.date
    events = [e for e in events if e.actors or e.things or e.roles]
    for event in events:
        if event.type == "conference" and any(_TALKS.search(t["name"]) for t in event.things):
            event.type = "meeting"  # 第五次中美战略经济对话在北京举行: talks between parties are a meeting
    for event in events:
        if event.type == "launch" and event.things and all(t["kind"] == "conference" for t in event.things):
            event.type = "conference"  # 发起“某某峰会”: convening a summit is holding it
    events = merge_in_sentence(events)
    remember(text, mentions, ctx)
    return events, (times[-1] if times else None)


_DATE_CONJUNCTION = cue("events.date_conjunction")


def _one_per_coordinated_date(text: str, events: list[Event], times: list[Time]) -> list[Event]:
    """2014年11月和去年9月，两国元首两次发表联合声明: an act told once for dates joined by 和 / 、
    happened on each of them. The act takes the last date; each earlier one of the run gets a copy."""
    out: list[Event] = []
    for event in events:
        out.append(event)
        before = [t for t in times if t.end <= event.start]
        if not event.date or len(before) < 2 or before[-1].date != event.date:
            continue
        run = [before[-1]]
        for earlier in reversed(before[:-1]):
            if not _DATE_CONJUNCTION.match(text[earlier.end : run[-1].start]):
                break
            run.append(earlier)
        for time in run[1:]:
            twin = copy.deepcopy(event)
            twin.date, twin.date_end, twin.precision = time.date, time.date_end, time.precision
            out.append(twin)
    return out


def _sentence_times(
    text: str, times_raw: list[Any], mentions: list[Mention], ctx: SentenceContext
) -> list[Time]:
    times = usable_times(text, times_raw, ctx.rules, ctx.doc_date)
    for t in times:
        if ctx.latest_seen is None or t.date > ctx.latest_seen:
            ctx.latest_seen = t.date
    # a year inside a name (《国家应对气候变化规划（2014—2020年）》) is part of the name, not a date
    times = [t for t in times if not inside_thing(t, mentions, text)]
    return sorted(times + took_office_times(text, mentions, ctx), key=lambda t: t.start)


def _action_triggers(text: str, mentions: list[Mention], bounds, rules: Rules) -> list[tuple[int, int, str]]:
    """The trigger words that stand for actions, each with its settled type."""
    found = find_triggers(text, mentions, rules)
    # 联合国通过京都议定书: a verb that adopts what it names is an agreement only before a named one
    agreements = [k.start for k in mentions if k.category == THING and k.kind == "agreement"]
    for m in rules.before_agreement.finditer(text):
        named_next = any(0 <= k - m.end() <= 1 for k in agreements)
        if named_next and not any(f[0] < m.end() and m.start() < f[1] for f in found):
            found.append((m.start(), m.end(), "agreement"))
    found.sort()
    quoted = reported_speech(text, found)
    triggers = [t for t in found if _is_action(text, t, mentions, bounds, quoted, rules)]
    named = [m.start for m in mentions if m.category == THING or m.kind == "coalition"]
    triggers = _settle_clause_types(text, triggers, bounds, rules, named)
    # 提出《欧洲绿色新政》 / 发布《…计划》: issuing a plan is a policy, not a statement
    # 提出“战略矿产倡议” / 宣布“…伙伴关系”: announcing a scheme of one's own is launching it
    plans = [m.start for m in mentions if m.category == THING and m.kind == "plan"]
    schemes = [
        m.start for m in mentions if m.category == THING and m.kind in ("initiative", "mechanism", "fund")
    ]
    triggers = [
        (s, e, _announced_kind(text, s, e, plans, schemes, rules)) if k == "statement" else (s, e, k)
        for s, e, k in triggers
    ]
    triggers = [(s, e, _approved_kind(text, s, e, k, mentions)) for s, e, k in triggers]
    triggers = _merge_purpose_clauses(text, triggers, bounds, rules)
    things_at = [m.start for m in mentions if m.category == THING]
    return _drop_generic_preambles(text, triggers, bounds, things_at)


_TALKS = cue("events.talks")
_LISTED_BEFORE = frozenset("、的")
_LISTED_AFTER = frozenset("、和与及")


def _is_action(
    text: str,
    trigger: tuple[int, int, str],
    mentions: list[Mention],
    bounds,
    quoted: list[tuple[int, int]],
    rules: Rules,
) -> bool:
    """Not statistics, not reported words, not hypothetical or negated, 同意 only between parties."""
    start, end, kind = trigger
    clause = bounds[clause_of(bounds, start)]
    clause_text = text[clause[0] : clause[1]]
    if rules.non_event.search(clause_text) or rules.negated.search(clause_text):
        return False
    if any(q0 < start < q1 for q0, q1 in quoted):
        return False  # inside reported words (承诺“到2030年…投入10亿美元”): part of that act
    if text[start - 1 : start] in _LISTED_BEFORE and text[end : end + 1] in _LISTED_AFTER:
        return False  # 协定的达成、签署、生效和实施: verbs listed as nouns, no action told
    # a modal governs the rest of its sentence or list item
    item = list_item_start(text, bounds, start, rules)
    if rules.hypothetical.search(text[max(item, text.rfind("；", 0, start) + 1) : start]):
        return False
    # 同意 is an agreement only between parties (A和B同意 / 双方同意)
    return not (
        kind == "agreement"
        and rules.mutual.match(text[start:end])
        and not two_parties(text, mentions, clause, start)
    )


def _dated_action(
    text: str,
    trigger: tuple[int, int, str],
    times: list[Time],
    mentions: list[Mention],
    bounds,
    attributive: frozenset[int],
    ctx: SentenceContext,
) -> Event:
    start, end, kind = trigger
    rules = ctx.rules
    time = pick_time(times, bounds, start, list_item_start(text, bounds, start, rules), attributive)
    clause = bounds[clause_of(bounds, start)]
    subject = own_subject(text, mentions, clause, start, rules)
    if _date_of_another_subject(text, mentions, bounds, clause, subject, time, rules):
        time = None
    if time is None or not clause[0] <= time.start < clause[1]:
        time = _occasion_date(text, mentions, bounds, clause, time, ctx)
    # 此外，在…下建立的…: a verb qualifying a noun reports no act of its own to date
    qualifies_noun = text[end : end + 1] == "的"
    if time is None and ctx.previous_date is not None and CONTINUES.match(text) and not qualifies_noun:
        time = ctx.previous_date
    if time is None and CONFERENCE_ANAPHOR.search(text):
        time = last_conference_time(ctx)
    event = make_event(kind, start, end, time)
    event.own_clause = subject is not None
    event.attributive = qualifies_noun
    return event


def _date_of_another_subject(
    text: str,
    mentions: list[Mention],
    bounds,
    clause,
    subject: Mention | None,
    time: Time | None,
    rules: Rules,
) -> bool:
    """2018年A承诺…，B承诺…: B's action does not take the date of A's clause."""
    if subject is None or time is None or clause[0] <= time.start < clause[1]:
        return False
    # 克里访华，两国发表…: 双方 / 两国 take up the parties of the clause before, and its date
    if set(subject.ids) & rules.pairs.keys():
        return False
    other = bounds[clause_of(bounds, time.start)]
    others = {
        i for m in mentions if m.category in (ACTOR, ROLE) and other[0] <= m.start < other[1] for i in m.ids
    }
    # …退出的当天（2017年6月1日），B宣布…: a clause that only sets the time is no other action
    setting_time = TIME_CLAUSE.search(text[other[0] : other[1]])
    return bool(others) and not others & set(subject.ids) and not setting_time


def _occasion_date(
    text: str, mentions: list[Mention], bounds, clause, time: Time | None, ctx: SentenceContext
) -> Time | None:
    """在COP26上发起…: an action set at a known occasion happened on its dates."""
    occasion = occasion_time(text, mentions, clause, ctx) or named_meeting_time(
        text, bounds[0] if time is None else clause, ctx
    )
    if occasion is None and time is None and bounds[0] != clause:
        # 格拉斯哥大会期间，A…，B…: an occasion that opens the sentence sets every action in it
        opening = bounds[0]
        if TIME_CLAUSE.search(text[opening[0] : opening[1]]):
            occasion = occasion_time(text, mentions, opening, ctx)
    if occasion is not None and (time is None or not overlaps(time.date, occasion)):
        return occasion
    return time


def _merge_purpose_clauses(
    text: str, triggers: list[tuple[int, int, str]], bounds, rules: Rules
) -> list[tuple[int, int, str]]:
    """发布一项命令（…），以加入《某公约》: an act and its stated purpose are one event,
    of the more specific type."""
    out: list[tuple[int, int, str]] = []
    for trig in triggers:
        clause = bounds[clause_of(bounds, trig[0])]
        if out and rules.purpose.match(text[clause[0] : trig[0]]):
            previous = out[-1]
            if clause_of(bounds, previous[0]) < clause_of(bounds, trig[0]):
                rank = rules.precedence.index
                if rank(trig[2]) <= rank(previous[2]):
                    out[-1] = trig
                continue
        out.append(trig)
    return out


def _announced_kind(text: str, s: int, e: int, plans: list[int], schemes: list[int], rules: Rules) -> str:
    """The type of an announcing verb by what it announces right after it (a plan, a scheme)."""
    if not rules.announcing.match(text[s:]) or rules.pledge_objects.search(text[e : e + 30]):
        return "statement"
    if any(0 <= p - e <= 3 for p in plans):
        return "policy"
    if any(0 <= p - e <= 3 for p in schemes) and text[e : e + 1] != "的":
        return "launch"
    return "statement"


@dataclass(frozen=True)
class _ClauseActions:
    """The triggers of one clause, with what deciding their types needs to see."""

    text: str
    start: int  # the clause's first character in the sentence
    triggers: list[tuple[int, int, str]]
    kinds: frozenset[str]


def _settle_clause_types(
    text: str,
    triggers: list[tuple[int, int, str]],
    bounds: list[tuple[int, int]],
    rules: Rules,
    named: list[int],
) -> list[tuple[int, int, str]]:
    """One action per type per clause; statement verbs give way to specific actions."""
    by_clause: dict[int, list[tuple[int, int, str]]] = {}
    for trig in triggers:
        by_clause.setdefault(clause_of(bounds, trig[0]), []).append(trig)
    settled: list[tuple[int, int, str]] = []
    for index, trigs in sorted(by_clause.items()):
        clause = _ClauseActions(text, bounds[index][0], trigs, frozenset(k for _, _, k in trigs))
        out: list[tuple[int, int, str]] = []
        for start, end, kind in trigs:
            settled_kind = _settled_kind(clause, (start, end, kind), rules, named)
            if settled_kind is None or _carried_promise(
                clause, (start, settled_kind), bounds, rules, named, settled + out
            ):
                continue
            _add_action(out, (start, end, settled_kind), rules)
        settled.extend(out)
    return settled


def _settled_kind(
    clause: _ClauseActions, trigger: tuple[int, int, str], rules: Rules, named: list[int]
) -> str | None:
    """The type of one trigger among those of its clause, or None when it is no action of its own."""
    start, end, kind = trigger
    text, kinds, trigs = clause.text, clause.kinds, clause.triggers
    if kind == "statement" and kinds - {"statement", "conference"}:
        return None
    if kind == "funding" and "pledge" in kinds:
        return None
    # what is stopped is not itself an action (停止向绿色气候基金注资)
    if kind != "suspension" and any(k == "suspension" and s < start for s, _, k in trigs):
        return None
    if kind == "agreement" and "withdrawal" in kinds and text[start:end] == "生效":
        return None  # 退出…正式生效: the withdrawal takes effect, nothing is ratified
    word = text[start:end]
    rest = re.split(r"[；;]", text[start:], maxsplit=1)[0]
    opening = text[clause.start : start]
    if kind == "conference":
        held = _CONFERENCE_NOUN.search(rest[:20]) or _HELD_AFTER_NOUN.search(opening)
        if "meeting" in kinds or not held:
            return None  # 举行会谈 is a meeting; 召开 needs a conference after it (or 峰会在杭州举行)
        if not _HOSTING.match(word) and _BILATERAL.search(opening):
            return "meeting"  # A与B举行视频会议: two parties meet (共同主办…峰会 holds it for others)
    # the words since the previous action in the clause (…声明计划退出…即宣布捐款)
    since = max([e for s, e, _ in trigs if e <= start], default=clause.start)
    if kind == "funding" and _PROMISE.search(text[since:start]):
        return "pledge"  # 宣布出资… / 承诺将投资…: money promised
    if kind == "launch":
        if _PROMISING.search(opening) and any(k in ("funding", "pledge") and s < start for s, _, k in trigs):
            return None  # 宣布出资建立…基金: one promise, not a second action
        named_object = any(end <= n < end + 40 for n in named)
        if rules.generic_launch.match(word) and not (rules.launch_objects.search(rest[:40]) or named_object):
            return None
    if (
        kind in ("statement", "policy")
        and rules.announcing.match(text[start:])
        and (rules.pledge_objects.search(rest) or _OWN_FUTURE.match(text[end : end + 8]))
    ):
        return "pledge"  # announcing a target, or what one will do, is a commitment
    return kind


def _carried_promise(
    clause: _ClauseActions,
    action: tuple[int, str],
    bounds,
    rules: Rules,
    named: list[int],
    before: list[tuple[int, int, str]],
) -> bool:
    """发表联合声明，宣布成立…，并表示将加强合作: a promise to cooperate (or to act on a later day)
    without a target is what the document or launch before it says."""
    start, kind = action
    text = clause.text
    rest = re.split(r"[；;]", text[start:], maxsplit=1)[0]
    return (
        kind == "pledge"
        and not rules.pledge_objects.search(rest)
        and text[clause.start : start].strip() in _JOINING
        and bool(_VAGUE_PROMISE.search(rest) or _PROMISED_DATE.match(text, start))
        and any(_carries(text, bounds, named, s, k) for s, _, k in before)
    )


def _add_action(out: list[tuple[int, int, str]], action: tuple[int, int, str], rules: Rules) -> None:
    """One action per type per clause; two actions a few characters apart are one (启动…退出…程序)."""
    start, _, kind = action
    if any(k == kind for _, _, k in out):
        return
    near = [o for o in out if abs(o[0] - start) <= 6 and o[2] not in ("statement", "conference")]
    if near and kind not in ("statement", "conference"):
        rank = rules.precedence.index
        if rank(kind) >= rank(near[0][2]):
            return
        out.remove(near[0])
    out.append(action)


def _drop_generic_preambles(
    text: str, triggers: list[tuple[int, int, str]], bounds, named: list[int]
) -> list[tuple[int, int, str]]:
    """签署文件，宣布重新加入《…》 / 达成多项共识，发表《…声明》: an agreement on nothing named,
    followed in the sentence by an act on a named document, is that act told in two steps."""
    out = []
    for trig in triggers:
        start, end, kind = trig
        clause = bounds[clause_of(bounds, start)]
        names_own_thing = any(clause[0] <= n < clause[1] for n in named)
        if kind in ("agreement", "policy") and not names_own_thing:
            # a policy only when it is the signed order that does the treaty act
            acts = _NAMED_ACTS if kind == "agreement" else _TREATY_ACTS
            later = [
                (s, k)
                for s, _, k in triggers
                if s > start and k in acts and any(n > s and n - s <= 20 for n in named)
            ]
            if later and (kind == "agreement" or _SIGNED_ORDER.search(text, clause[0], clause[1])):
                continue
        out.append(trig)
    return out


# acts on a named document that a generic agreement before them only introduces
_NAMED_ACTS = {"ratification", "withdrawal", "statement", "policy"}


_TREATY_ACTS = {"ratification", "withdrawal"}


# 签署行政令，宣布重新加入《…》: the order is how the treaty act is done
_SIGNED_ORDER = cue("events.signed_order")


# a clause opening with one of these continues the action before it (并表示将…)
_JOINING = {"", "并", "并且", "同时", "还", "并还"}


# actions whose content a following vague promise spells out
_CARRIERS = {"statement", "launch", "agreement"}


_VAGUE_PROMISE = cue("events.vague_promise")


_PROMISED_DATE = cue("events.promised_date")


_ISSUED_DOCUMENT = cue("events.issued_document")


def _carries(text: str, bounds, named: list[int], start: int, kind: str) -> bool:
    """A launch or agreement, or a statement that names its document (发表《…声明》)."""
    if kind not in _CARRIERS:
        return False
    if kind != "statement":
        return True
    clause = bounds[clause_of(bounds, start)]
    return any(start < n < clause[1] for n in named) or bool(_ISSUED_DOCUMENT.match(text, start))


# The event stage's public names, wherever their concern now lives.
__all__ = [
    "Event",
    "Rules",
    "SentenceContext",
    "Time",
    "clause_bounds",
    "find_triggers",
    "load_rules",
    "merge_participants",
    "remember",
    "sentence_events",
    "usable_times",
]
