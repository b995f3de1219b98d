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

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .actors import ACTOR, ROLE, THING, Mention, new_thing_record
from .knowledge import Knowledge, actor_record, iso_span, thing_record

_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_COARSE_KINDS = {"century", "decade", "duration", "era", "reference"}
_STATEMENT_NOUNS = re.compile(r"(?:声明|宣言|公告|公报|讲话|演讲)(?:（[^）]*）)?$")
_SETTING = re.compile(r"^(?:上|期间|之际|中|会上|会议上|大会上|峰会上)")
_CONTINUES = re.compile(
    r"^(?:具体而言|具体来说|其中|一是|首先|此后|随后|同时|此外|此行|此访|访问期间|在此期间|其间"
    # 两国发表联合声明。美方宣布…，中方宣布…: each side's part of the act just told
    r"|(?:中方|美方|双方)(?:则|也|还|随即|同时)?(?:宣布|承诺|表示|同意|提出))"
)
_RECENT = re.compile(r"^(?:不久前|近日|日前|最近|近期|前不久|此前不久)$")
_BILATERAL = re.compile(r"[与同和](?!其他)[^，；]{1,20}$")
# 在杭州共同交存 / 在纽约签署: the place of the action (also when the gazetteer lacks it)
_PLACE_BEFORE_VERB = re.compile(
    r"在([\u4e00-\u9fff]{2,4}?)(?<![上中下内外里面间前后])(?:共同|正式|先后|分别)?"
    r"(?:举行|召开|举办|签署|签订|会晤|会见|会谈|交存|出席|发表|发布|宣布|通过)"
)
_CONFERENCE_NOUN = re.compile(r"大会|峰会|会议|论坛|COP|缔约方")
# …峰会在杭州举行 / …大会于本月7日开幕: the conference named before the verb, as its subject
_HELD_AFTER_NOUN = re.compile(r"(?:大会|峰会|会议|论坛)(?:[于在][^，。；]{1,16})?$")
_OWN_FUTURE = re.compile(
    r"^[，,：:]?(?:了)?(?:该\w{1,3}|其|本国|我们|[\u4e00-\u9fff]{2,3}(?=将))?将(?!于|在\d|在今年|在明年)"
)
_PROMISE = re.compile(r"承诺|将|计划|誓言")
_PROMISING = re.compile(r"承诺|将|计划|誓言|宣布")
# a place after 在/于 is where the event happened, not a participant (在北京举行会谈)
_AT_PLACE = re.compile(r"(?:在|于|赴|访问|访)$")
_DONE = re.compile(r"^[^，。；]{0,4}(?:实现|达到|完成|达成)了")
# 奥巴马时期 / 特朗普政府时期 name an era, not a participant
_ERA = re.compile(r"^(?:政府)?(?:时期|时代|任内|执政时期|执政期间|年代)")


@dataclass
class Rules:
    triggers: dict[str, list[re.Pattern[str]]]
    precedence: list[str]
    pledge_objects: re.Pattern[str]
    non_event: re.Pattern[str]
    hypothetical: re.Pattern[str]
    target_before: re.Pattern[str]
    target_after: re.Pattern[str]
    took_office: re.Pattern[str]
    announcing: re.Pattern[str]
    generic_launch: re.Pattern[str]
    launch_objects: re.Pattern[str]
    enumeration: re.Pattern[str]
    negated: re.Pattern[str]
    mutual: re.Pattern[str] = re.compile(r"(?!)")
    before_agreement: re.Pattern[str] = re.compile(r"(?!)")
    metonyms: dict[str, str] = field(default_factory=dict)
    pair_words: re.Pattern[str] = re.compile(r"(?!)")
    pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # pair actor id -> member ids
    purpose: re.Pattern[str] = re.compile(r"(?!)")
    own_subject_lead: re.Pattern[str] = re.compile(r"^$")


def load_rules(knowledge_dir: Path) -> Rules:
    with (knowledge_dir / "triggers.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    cues = raw["cues"]

    def alternation(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{w})" for w in words))

    return Rules(
        triggers={kind: [re.compile(p) for p in spec["triggers"]] for kind, spec in raw["types"].items()},
        precedence=list(raw["precedence"]),
        pledge_objects=alternation(raw["types"]["pledge"].get("objects", [])),
        non_event=alternation(cues["non_event"]),
        hypothetical=alternation(cues["hypothetical"]),
        target_before=re.compile("(?:" + "|".join(cues["target_before"]) + r")$"),
        target_after=re.compile("^(?:" + "|".join(cues["target_after"]) + ")"),
        took_office=alternation(cues["took_office"]),
        announcing=re.compile("^(?:" + "|".join(raw["types"]["pledge"]["announcing"]) + ")"),
        generic_launch=re.compile("^(?:" + "|".join(raw["types"]["launch"]["generic"]) + ")$"),
        launch_objects=alternation(raw["types"]["launch"]["objects"]),
        enumeration=re.compile("^(?:" + "|".join(cues["enumeration"]) + ")"),
        negated=alternation(cues["negated"]),
        before_agreement=alternation(raw["types"]["agreement"].get("before_agreement", ["(?!)"])),
        mutual=re.compile("^(?:" + "|".join(raw["types"]["agreement"].get("mutual", ["(?!)"])) + ")$"),
        metonyms=dict(raw.get("metonyms", {}).get("capitals", {})),
        pair_words=alternation(raw.get("pairs", {}).get("words", ["(?!)"])),
        pairs={k: tuple(v) for k, v in raw.get("pairs", {}).items() if k != "words"},
        purpose=re.compile("^(?:" + "|".join(cues.get("purpose", ["(?!)"])) + ")$"),
        own_subject_lead=re.compile("^(?:" + "|".join(cues.get("subject_lead", [])) + ")?$"),
    )


@dataclass
class Event:
    type: str
    start: int  # trigger (or dated mention) in sentence coordinates
    end: int
    date: str | None = None
    date_end: str | None = None
    precision: str | None = None
    alt_dates: list[str] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    things: list[dict[str, Any]] = field(default_factory=list)
    location: str | None = None
    title: str = ""
    sentence: tuple[int, int] = (0, 0)  # cleaned-text offsets of the sentence
    evidence: tuple[int, int] = (0, 0)  # the same sentence in the original text
    milestone: str | None = None
    roles: list[str] = field(default_factory=list)  # role phrases left unresolved (no date yet)
    text: str = ""  # the sentence, for matching a milestone's place
    recent: bool = False  # dated only as 不久前 / 近日: shortly before the document
    own_clause: bool = False  # the action's clause names its own subject: participants from it only
    scope_text: str = ""  # the clauses the action's participants come from
    attributive: bool = False  # 中国提出的目标: the verb qualifies a noun (a reference when undated)


@dataclass
class Time:
    start: int
    end: int
    date: str
    date_end: str | None
    precision: str
    inferred: bool = False  # from a person's taking office, not written in the text


@dataclass
class SentenceContext:
    knowledge: Knowledge
    rules: Rules
    doc_date: str | None
    previous_date: Time | None = None  # last date of the sentence before, same paragraph
    latest_seen: str | None = None  # latest date written so far: bounds 上任 when the doc date is unknown
    # the last thing of each kind named so far in the document: 该计划 / 该机制 / 重新加入了 refer to it
    last_things: dict[str, dict[str, Any]] = field(default_factory=dict)
    things_seen: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (sentence number, thing)
    sentence_number: int = 0
    # the subject (first actor) of the last sentence that named one: 他 / 其 / 该国 refer to it
    last_subject: list[dict[str, Any]] = field(default_factory=list)
    pair: str | None = None  # the pair actor that 双方 / 两国 name in this document (rules.pairs)


_BOOK_TITLE = re.compile(r"《[^《》]{1,60}》")


def _inside_thing(time: Any, mentions: list[Mention], text: str) -> bool:
    if any(m.category == THING and m.start <= time.start and time.end <= m.end for m in mentions):
        return True
    return any(b.start() < time.start and time.end < b.end() for b in _BOOK_TITLE.finditer(text))


_APPROVING = re.compile(r"批准|核准")
_TREATY_WORDS = re.compile(r"[^，。；]{0,16}(?:文书|协定|公约|议定书|修正案|条约)")


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


def usable_times(text: str, times: list[Any], rules: Rules, doc_date: str | None) -> list[Time]:
    """Dates that can date an action: no target years, no centuries, nothing after the document."""
    out = []
    limit = iso_span(doc_date)[1] if doc_date else None
    for t in times:
        if getattr(t, "kind", "date") in _COARSE_KINDS or not t.date:
            continue
        # 仍在2018年初实现了… : a completed action, whatever the resolver thought of 实现
        if t.is_target and not _DONE.match(text[t.end : t.end + 8]):
            continue
        if rules.target_before.search(text[max(0, t.start - 4) : t.start]):
            continue
        if rules.target_after.search(text[t.end : t.end + 4]):
            continue
        try:
            first = iso_span(t.date)[0]
        except ValueError:
            continue
        if limit is not None and first > limit:
            continue
        out.append(Time(t.start, t.end, t.date, t.date_end, t.precision))
    return out


def clause_bounds(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds or [(0, len(text))]


def _clause_of(bounds: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(bounds):
        if s <= pos < e:
            return i
    return len(bounds) - 1


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


def _took_office_times(text: str, mentions: list[Mention], ctx: SentenceContext) -> list[Time]:
    """奥巴马就任不到一个月 → the month Obama took office; 特朗普入主白宫后 → that year."""
    out = []
    for m in ctx.rules.took_office.finditer(text):
        person = next(
            (
                k
                for k in mentions
                if k.category == ACTOR and k.kind == "person" and 0 <= m.start() - k.end <= 1
            ),
            None,
        )
        if person is None:
            continue
        start = _term_start(ctx, person.ids[0])
        if not start:
            continue
        after = text[m.end() : m.end() + 8]
        within = re.match(
            r"^(?:后)?(?:的)?(?:一个多月|一个月|数周|几周|头\d+天|百日)?(?:内|初期|伊始|之初)", after
        )
        date = start[:7] if within else start[:4]
        out.append(Time(m.start(), m.end(), date, None, "month" if within else "year", inferred=True))
    return out


def _term_start(ctx: SentenceContext, person_id: str) -> str | None:
    """Start of the person's latest term that began before the document (or, when the
    document's date is unknown, before the latest date the text has given so far)."""
    bound = ctx.doc_date or ctx.latest_seen
    best = None
    for office in ctx.knowledge.offices.values():
        for term in office.terms:
            if term.holder != person_id:
                continue
            if bound and term.start[:4] > bound[:4]:
                continue
            if best is None or term.start > best:
                best = term.start
    return best


def _overlaps(date: str, occasion: Time) -> bool:
    first, last = iso_span(date)
    start = iso_span(occasion.date)[0]
    stop = iso_span(occasion.date_end)[1] if occasion.date_end else iso_span(occasion.date)[1]
    return first <= stop and last >= start


def _occasion_time(text: str, mentions: list[Mention], clause, ctx: SentenceContext) -> Time | None:
    for m in mentions:
        if m.category != THING or m.kind != "conference" or not clause[0] <= m.start < clause[1]:
            continue
        thing = ctx.knowledge.things.get(m.ids[0]) if len(m.ids) == 1 else None
        if thing is not None and thing.date and _SETTING.match(text[m.end : m.end + 4]):
            limit = iso_span(ctx.doc_date)[1] if ctx.doc_date else None
            if limit is None or iso_span(thing.date)[0] <= limit:
                return Time(m.start, m.end, thing.date, thing.date_end or None, _precision(thing.date))
    return None


# 巴厘岛会晤中 / 旧金山会晤期间: a meeting named by its place, as the setting of what follows
_NAMED_MEETING = re.compile(
    r"([\u4e00-\u9fff]{2,6}?)(会晤|会谈|会面|峰会)(?=中|期间|上|时|之际|前后|后)"
)


def _named_meeting_time(text: str, clause, ctx: SentenceContext) -> Time | None:
    """The date of a meeting named only by its place, from the one curated milestone of that
    kind held there (no later than the document)."""
    m = _NAMED_MEETING.search(text, clause[0], clause[1])
    if m is None:
        return None
    kind = "conference" if m.group(2) == "峰会" else "meeting"
    limit = iso_span(ctx.doc_date)[1] if ctx.doc_date else None
    named = m.group(1)
    found = [
        ms
        for ms in ctx.knowledge.milestones
        if ms.place
        and named.endswith(ms.place)
        and ms.type == kind
        and (limit is None or iso_span(ms.date)[0] <= limit)
    ]
    if len(found) != 1:
        return None  # several meetings there: the name alone does not say which
    ms = found[0]
    return Time(m.start(), m.end(), ms.date, ms.date_end or None, ms.precision)


_HOSTING = re.compile(r"(?:共同)?主办|召集")
# 大会最终通过… / 本届会议决定…: the conference the text was just speaking of
_CONFERENCE_ANAPHOR = re.compile(r"^(?:该|本届|这次|此次|这届)?(?:大会|会议|峰会)")


def _last_conference_time(ctx: SentenceContext) -> Time | None:
    record = _referred_thing("大会", ctx)  # named within the last few sentences only
    thing = ctx.knowledge.things.get(record["id"]) if record else None
    if thing is None or not thing.date:
        return None
    return Time(0, 0, thing.date, thing.date_end or None, _precision(thing.date))


def _pick_time(
    times: list[Time],
    bounds: list[tuple[int, int]],
    pos: int,
    floor: int = 0,
    attributive: frozenset[int] = frozenset(),
) -> Time | None:
    """The date of an action at ``pos``: the last before it in its clause, else the last
    before it in the sentence (not across list items), else the first after it in its
    clause unless that date qualifies a name (取代2005年京都议定书)."""
    clause = bounds[_clause_of(bounds, pos)]
    before_in_clause = [t for t in times if clause[0] <= t.start < pos]
    if before_in_clause:
        return before_in_clause[-1]
    before = [t for t in times if floor <= t.start < pos]
    after_in_clause = [t for t in times if pos <= t.start < clause[1] and t.start not in attributive]
    if after_in_clause and after_in_clause[0].date_end:
        return after_in_clause[0]  # 随后启动了2018—2022年的二期计划: the period of what the action brings
    if before and not (before[-1].inferred and after_in_clause):
        return before[-1]
    if after_in_clause:
        return after_in_clause[0]
    return before[-1] if before else None


def sentence_events(
    text: str, times_raw: list[Any], mentions: list[Mention], ctx: SentenceContext, offset: int
) -> tuple[list[Event], Time | None]:
    """Events of one sentence (cleaned text starting at ``offset``) and its last usable date."""
    rules = ctx.rules
    times = usable_times(text, times_raw, rules, ctx.doc_date)
    for t in times:
        if ctx.latest_seen is None or t.date > ctx.latest_seen:
            ctx.latest_seen = t.date
    # a year inside a name (《国家应对气候变化规划（2014—2020年）》) is part of the name, not a date
    times = [t for t in times if not _inside_thing(t, mentions, text)]
    times = sorted(times + _took_office_times(text, mentions, ctx), key=lambda t: t.start)
    bounds = clause_bounds(text)
    found = find_triggers(text, mentions, rules)
    # 联合国通过京都议定书: a verb that adopts what it names is an agreement only before a named one
    agreements = [k.start for k in mentions if k.category == THING and k.kind == "agreement"]
    for m in rules.before_agreement.finditer(text):
        named_next = any(0 <= k - m.end() <= 1 for k in agreements)
        if named_next and not any(f[0] < m.end() and m.start() < f[1] for f in found):
            found.append((m.start(), m.end(), "agreement"))
    found.sort()
    quoted = _reported_speech(text, found)
    triggers = []
    for start, end, kind in found:
        clause = bounds[_clause_of(bounds, start)]
        clause_text = text[clause[0] : clause[1]]
        if rules.non_event.search(clause_text):
            continue
        if any(q0 < start < q1 for q0, q1 in quoted):
            continue  # inside reported words (承诺“到2030年…投入10亿美元”): part of that act
        # a modal or negation governs the rest of its sentence or list item
        item = _list_item_start(text, bounds, start, rules)
        if rules.hypothetical.search(text[max(item, text.rfind("；", 0, start) + 1) : start]):
            continue
        if rules.negated.search(clause_text):
            continue
        if kind == "agreement" and rules.mutual.match(text[start:end]) and not _two_parties(
            text, mentions, clause, start
        ):
            continue  # 同意 is an agreement only between parties (A和B同意 / 双方同意)
        triggers.append((start, end, kind))
    attributive = frozenset(
        t.start for t in times if any(m.category == THING and 0 <= m.start - t.end <= 2 for m in mentions)
    )
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
    triggers = _drop_generic_preambles(text, triggers, bounds, things_at)
    events: list[Event] = []
    for start, end, kind in triggers:
        floor = _list_item_start(text, bounds, start, rules)
        time = _pick_time(times, bounds, start, floor, attributive)
        clause = bounds[_clause_of(bounds, start)]
        subject = _own_subject(text, mentions, clause, start, rules)
        # 克里访华，两国发表…: 双方 / 两国 take up the parties of the clause before, and its date
        pair_subject = subject is not None and bool(set(subject.ids) & rules.pairs.keys())
        elsewhere = time is not None and not clause[0] <= time.start < clause[1]
        if subject is not None and not pair_subject and time is not None and elsewhere:
            # 2018年A承诺…，B承诺…: B's action does not take the date of A's clause
            other = bounds[_clause_of(bounds, time.start)]
            others = {
                i
                for m in mentions
                if m.category in (ACTOR, ROLE) and other[0] <= m.start < other[1]
                for i in m.ids
            }
            # …退出的当天（2017年6月1日），B宣布…: a clause that only sets the time is no other action
            setting_time = _TIME_CLAUSE.search(text[other[0] : other[1]])
            if others and not others & set(subject.ids) and not setting_time:
                time = None
        if time is None or not clause[0] <= time.start < clause[1]:
            # 在COP26上发起…: an action set at a known occasion happened on its dates
            occasion = _occasion_time(text, mentions, clause, ctx) or _named_meeting_time(
                text, bounds[0] if time is None else clause, ctx
            )
            if occasion is None and time is None and bounds[0] != clause:
                # 格拉斯哥大会期间，A…，B…: an occasion that opens the sentence sets every action in it
                opening = bounds[0]
                if _TIME_CLAUSE.search(text[opening[0] : opening[1]]):
                    occasion = _occasion_time(text, mentions, opening, ctx)
            if occasion is not None and (time is None or not _overlaps(time.date, occasion)):
                time = occasion
        # 此外，在…下建立的…: a verb qualifying a noun reports no act of its own to date
        qualifies_noun = text[end : end + 1] == "的"
        if time is None and ctx.previous_date is not None and _CONTINUES.match(text) and not qualifies_noun:
            time = ctx.previous_date
        if time is None and _CONFERENCE_ANAPHOR.match(text):
            time = _last_conference_time(ctx)
        event = _make_event(kind, start, end, time)
        event.own_clause = subject is not None
        event.attributive = text[end : end + 1] == "的"
        events.append(event)
    events.extend(_dated_mentions(text, times, mentions, bounds, ctx))
    events.extend(_conference_settings(text, times, mentions, bounds, ctx))

    for event in events:
        _attach_participants(event, text, mentions, bounds, triggers, ctx)
        event.sentence = (offset, offset + len(text))
        event.title = _title(text, bounds, event)
    recent = any(getattr(t, "kind", "") == "vague" and _RECENT.match(t.text or "") for t in times_raw)
    for event in events:
        event.text = text
        event.recent = recent and not event.date
    events = [e for e in events if e.actors or e.things or e.roles]
    for event in events:
        if event.type == "launch" and event.things and all(t["kind"] == "conference" for t in event.things):
            event.type = "conference"  # 发起“某某峰会”: convening a summit is holding it
    events = _merge_in_sentence(events)
    remember(text, mentions, ctx)
    last = times[-1] if times else None
    return events, last


_ORG_AFTER = re.compile(
    r"^[\u4e00-\u9fff]{0,8}?(?:交易所|大学|学院|研究院|研究所|公司|集团|银行|协会|基金会|研究中心)"
)
_TIME_CLAUSE = re.compile(
    r"(?:当天|当日|同日|之际|时|期间|之后|以后|以来)\s*(?:[（(][^）)]*[）)])?\s*[，,]?$"
)
_GENERIC_REFERENCE = re.compile(
    r"(?:该|这一|此|这项|这个|上述)(计划|机制|项目|协定|协议|公约|倡议|基金|市场|体系|方案|战略|法案)"
    # 3月5日公布的计划 / 发布了计划: the plan just spoken of
    r"|(?<=公布|发布|出台|提出|通过)了?的?(计划|规划|方案|战略)"
)
_PRONOUN_SUBJECT = re.compile(
    r"^(?:而|但|并|且|同时|随后)?(?:他|她|其|该国|该公司|该组织|该机构|该政府)(?=[^们])"
)
# a ratification or withdrawal verb closing its clause has the agreement named before as object
_NO_OBJECT = re.compile(r"^了?\s*(?:[。；，,;！]|$)")


# what a generic head noun can refer back to
_REFERABLE = {
    "agreement": ("agreement",),
    "fund": ("fund",),
    "conference": ("conference",),
}
_SCHEMES = ("plan", "mechanism", "initiative", "fund")
_REFERENCE_WINDOW = 3  # sentences: a scheme named longer ago is not what 该计划 means


def _referred_thing(noun: str, ctx: SentenceContext) -> dict[str, Any] | None:
    """The scheme or agreement named last (within a few sentences) that ``noun`` can refer to."""
    from .components.names import kind_of_name

    kinds = _REFERABLE.get(kind_of_name(noun) or "", _SCHEMES)
    for number, record in reversed(ctx.things_seen):
        if ctx.sentence_number - number > _REFERENCE_WINDOW:
            break
        if record["kind"] in kinds:
            return record
    return None


def remember(text: str, mentions: list[Mention], ctx: SentenceContext) -> None:
    """Keep the last named thing of each kind, and the sentence's subject, for later references."""
    ctx.sentence_number += 1
    for m in mentions:
        if m.category != THING:
            continue
        for record in _things_of(m, ctx.knowledge, None):
            ctx.last_things[record["kind"]] = record
            ctx.things_seen.append((ctx.sentence_number, record))
    del ctx.things_seen[:-20]
    first = next((m for m in mentions if m.category == ACTOR and m.ids), None)
    if first is not None:
        actor = ctx.knowledge.actors.get(first.ids[0])
        if actor is not None:
            ctx.last_subject = [actor_record(actor)]


def _two_parties(text: str, mentions: list[Mention], clause, pos: int) -> bool:
    parties = {
        i for m in mentions if m.category in (ACTOR, ROLE) and clause[0] <= m.start < pos for i in m.ids
    }
    collective = re.search(r"双方|两国|各方|三方|[与和同].{1,8}$", text[clause[0] : pos])
    return len(parties) >= 2 or (bool(parties) and collective is not None) or bool(
        re.search(r"双方|两国|各方", text[clause[0] : pos])
    ) or any(m.kind == "coalition" for m in mentions if m.category == ACTOR and clause[0] <= m.start < pos)


def _own_subject(text: str, mentions: list[Mention], clause, pos: int, rules: Rules) -> Mention | None:
    """The actor that opens the action's clause (日本承诺… / 而欧盟宣布…), if any."""
    for m in mentions:
        if m.category not in (ACTOR, ROLE) or not clause[0] <= m.start < pos or m.end > pos:
            continue
        if rules.own_subject_lead.match(text[clause[0] : m.start]):
            return m
        return None
    return None


def _merge_purpose_clauses(
    text: str, triggers: list[tuple[int, int, str]], bounds, rules: Rules
) -> list[tuple[int, int, str]]:
    """发布一项命令（…），以加入《某公约》: an act and its stated purpose are one event,
    of the more specific type."""
    out: list[tuple[int, int, str]] = []
    for trig in triggers:
        clause = bounds[_clause_of(bounds, trig[0])]
        if out and rules.purpose.match(text[clause[0] : trig[0]]):
            previous = out[-1]
            if _clause_of(bounds, previous[0]) < _clause_of(bounds, trig[0]):
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


def _reported_speech(text: str, triggers: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """“…” spans opened right after a saying or promising verb: the words said, not new acts."""
    spans = []
    for m in re.finditer(r"“[^“”]*”?", text):
        if any(kind in ("statement", "pledge") and 0 <= m.start() - end <= 2 for _, end, kind in triggers):
            spans.append((m.start(), m.end()))
    return spans


def _list_item_start(text: str, bounds: list[tuple[int, int]], pos: int, rules: Rules) -> int:
    """Start of the list item (一是…；二是…) holding ``pos``: dates do not cross items."""
    floor = 0
    for start, _ in bounds:
        if start > pos:
            break
        if start > 0 and text[start - 1] in "；;" and rules.enumeration.match(text[start:]):
            floor = start
    return floor


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
        by_clause.setdefault(_clause_of(bounds, trig[0]), []).append(trig)
    settled = []
    for index, trigs in sorted(by_clause.items()):
        kinds = {k for _, _, k in trigs}
        sentence_rest = text[bounds[index][0] :]
        out: list[tuple[int, int, str]] = []
        for start, end, kind in trigs:
            if kind == "statement" and kinds - {"statement", "conference"}:
                continue
            if kind == "funding" and "pledge" in kinds:
                continue
            # what is stopped is not itself an action (停止向绿色气候基金注资)
            if kind != "suspension" and any(k == "suspension" and s < start for s, _, k in trigs):
                continue
            word = text[start:end]
            rest = sentence_rest[start - bounds[index][0] :]
            rest = re.split(r"[；;]", rest, maxsplit=1)[0]
            opening = text[bounds[index][0] : start]
            held = _CONFERENCE_NOUN.search(rest[:20]) or _HELD_AFTER_NOUN.search(opening)
            if kind == "conference" and ("meeting" in kinds or not held):
                continue  # 举行会谈 is a meeting; 召开 needs a conference after it (or 峰会在杭州举行)
            hosting = bool(_HOSTING.match(word))  # A与B共同主办…峰会: they hold it for others
            if kind == "conference" and not hosting and _BILATERAL.search(text[bounds[index][0] : start]):
                kind = "meeting"  # A与B举行视频会议: two parties meet, no conference is held
            # the words since the previous action in the clause (…声明计划退出…即宣布捐款)
            since = max([e for s, e, _ in trigs if e <= start], default=bounds[index][0])
            before = text[since:start]
            if kind == "funding" and _PROMISE.search(before):
                kind = "pledge"  # 宣布出资… / 承诺将投资…: money promised
            if (
                kind == "launch"
                and _PROMISING.search(text[bounds[index][0] : start])
                and any(k in ("funding", "pledge") and s < start for s, _, k in trigs)
            ):
                continue  # 宣布出资建立…基金: one promise, not a second action
            named_object = any(end <= n < end + 40 for n in named)
            if (
                kind == "launch"
                and rules.generic_launch.match(word)
                and not (rules.launch_objects.search(rest[:40]) or named_object)
            ):
                continue
            if (
                kind in ("statement", "policy")
                and rules.announcing.match(text[start:])
                and (rules.pledge_objects.search(rest) or _OWN_FUTURE.match(text[end : end + 8]))
            ):
                kind = "pledge"  # announcing a target, or what one will do, is a commitment
            if (
                kind == "pledge"
                and not rules.pledge_objects.search(rest)
                and text[bounds[index][0] : start].strip() in _JOINING
                and (_VAGUE_PROMISE.search(rest) or _PROMISED_DATE.match(text, start))
                and any(_carries(text, bounds, named, s, k) for s, _, k in settled + out)
            ):
                # 发表联合声明，宣布成立…，并表示将加强合作: a promise to cooperate (or to act on a
                # later day) without a target is what the document or launch before it says
                continue
            if any(k == kind for _, _, k in out):
                continue
            # two actions a few characters apart are one (启动…退出…程序, 停止…注资)
            near = [o for o in out if abs(o[0] - start) <= 6 and o[2] not in ("statement", "conference")]
            if near and kind not in ("statement", "conference"):
                rank = rules.precedence.index
                if rank(kind) < rank(near[0][2]):
                    out.remove(near[0])
                else:
                    continue
            out.append((start, end, kind))
        settled.extend(out)
    return settled


def _drop_generic_preambles(
    text: str, triggers: list[tuple[int, int, str]], bounds, named: list[int]
) -> list[tuple[int, int, str]]:
    """签署文件，宣布重新加入《…》 / 达成多项共识，发表《…声明》: an agreement on nothing named,
    followed in the sentence by an act on a named document, is that act told in two steps."""
    out = []
    for trig in triggers:
        start, end, kind = trig
        clause = bounds[_clause_of(bounds, start)]
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
_SIGNED_ORDER = re.compile(r"签署了?[^，。；]{0,4}(?:行政令|行政命令|总统令|文件)\s*[，,；;]")
# a clause opening with one of these continues the action before it (并表示将…)
_JOINING = {"", "并", "并且", "同时", "还", "并还"}
# actions whose content a following vague promise spells out
_CARRIERS = {"statement", "launch", "agreement"}
_VAGUE_PROMISE = re.compile(r"^[^；;。]{0,40}?(?:合作|协调|对话|沟通|交流|携手|共同(?:努力|推动|应对))")
_PROMISED_DATE = re.compile(r"承诺(?:于|在)")
_ISSUED_DOCUMENT = re.compile(r"(?:发表|发布|签署|通过)了?[^，。；]{0,8}(?:声明|宣言|公报|备忘录)")


def _carries(text: str, bounds, named: list[int], start: int, kind: str) -> bool:
    """A launch or agreement, or a statement that names its document (发表《…声明》)."""
    if kind not in _CARRIERS:
        return False
    if kind != "statement":
        return True
    clause = bounds[_clause_of(bounds, start)]
    return any(start < n < clause[1] for n in named) or bool(_ISSUED_DOCUMENT.match(text, start))


def _make_event(kind: str, start: int, end: int, time: Time | None) -> Event:
    event = Event(type=kind, start=start, end=end)
    if time is not None:
        event.date, event.date_end, event.precision = time.date, time.date_end, time.precision
    return event


def _dated_mentions(
    text: str, times: list[Time], mentions: list[Mention], bounds, ctx: SentenceContext
) -> list[Event]:
    """2016年3月中美元首联合声明 / 2019年马德里气候大会: a document or occasion named with its date."""
    out = []
    for mention in mentions:
        if mention.category != THING or mention.kind not in ("agreement", "plan", "conference"):
            continue
        time = next((t for t in times if 0 <= mention.start - t.end <= 2), None)
        if time is None:
            continue
        clause = bounds[_clause_of(bounds, mention.start)]
        if ctx.rules.hypothetical.search(text[clause[0] : mention.start]):
            continue
        if ctx.rules.non_event.search(text[clause[0] : clause[1]]):
            continue
        if mention.kind == "conference":
            continue  # handled with the data's dates in _conference_settings
        known = ctx.knowledge.things.get(mention.ids[0]) if len(mention.ids) == 1 else None
        if known is not None and known.date and not _compatible(known.date, time.date):
            continue  # 取代2005年京都议定书: the year of something else (entry into force)
        if mention.kind == "plan":
            kind = "policy"
        elif _STATEMENT_NOUNS.search(mention.text):
            kind = "statement"
        else:
            kind = "agreement"
        out.append(_make_event(kind, mention.start, mention.end, time))
    return out


def _conference_settings(
    text: str, times: list[Time], mentions: list[Mention], bounds, ctx: SentenceContext
) -> list[Event]:
    """A known conference named with its year or as the setting of an action (在…上/期间)."""
    out = []
    for mention in mentions:
        if mention.category != THING or mention.kind != "conference":
            continue
        dated = next((t for t in times if 0 <= mention.start - t.end <= 2), None)
        setting = _SETTING.match(text[mention.end : mention.end + 4]) or re.search(
            r"(?:召开|举行|举办|召集|主办)的?$|(?:出席|参加|主持|参与)(?:了)?$",
            text[max(0, mention.start - 4) : mention.start],
        )
        if not dated and not setting:
            continue
        clause = bounds[_clause_of(bounds, mention.start)]
        if ctx.rules.hypothetical.search(text[clause[0] : mention.start]):
            continue
        thing = ctx.knowledge.things.get(mention.ids[0]) if mention.ids else None
        event = Event(type="conference", start=mention.start, end=mention.end)
        told = _pick_time(times, bounds, mention.start) if dated is None else None
        if thing is not None and thing.date and told is not None and told.date[:4] != thing.date[:4]:
            # 2023年…召开气候雄心峰会 while the data's summit of that name is of 2020: another edition,
            # dated by the text
            event.date, event.precision = told.date, told.precision
        elif thing is not None and thing.date and dated is None:
            # named without a date: the occasion's own dates from the data
            event.date, event.precision = thing.date, _precision(thing.date)
            event.date_end = thing.date_end or None
            event.location = thing.place or None
        elif thing is not None and thing.date and _within(dated.date, thing):
            # the text's date, at its precision; the exact first day beside it
            event.date, event.precision = dated.date, dated.precision
            if dated.date != thing.date:
                event.alt_dates = [thing.date]
            event.location = thing.place or None
        elif dated is not None:
            event.date, event.precision = dated.date, dated.precision
        elif setting:
            time = _pick_time(times, bounds, mention.start)
            if time is None:
                continue
            event.date, event.precision = time.date, time.precision
        limit = iso_span(ctx.doc_date)[1] if ctx.doc_date else None
        if event.date and limit is not None and iso_span(event.date)[0] > limit:
            continue
        out.append(event)
    return out


def _within(date: str, thing: Any) -> bool:
    """The text's date names the occasion's days (a COP that closed in the next month too)."""
    if _compatible(date, thing.date):
        return True
    first, last = iso_span(date)
    start = iso_span(thing.date)[0]
    stop = iso_span(thing.date_end)[1] if thing.date_end else start
    return first <= stop and last >= start


def _precision(date: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(date), "day")


def _compatible(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _scope(bounds, triggers, event: Event) -> tuple[int, int]:
    """From the end of the previous action's clause to the end of this action's clause."""
    index = _clause_of(bounds, event.start)
    first = 0
    for start, _, _ in triggers:
        other = _clause_of(bounds, start)
        if other < index:
            first = max(first, other + 1)
    return bounds[first][0], bounds[index][1]


def _attach_participants(
    event: Event, text: str, mentions: list[Mention], bounds, triggers, ctx: SentenceContext
) -> None:
    lo, hi = _scope(bounds, triggers, event)
    inside = [m for m in mentions if lo <= m.start < hi]
    if event.own_clause:
        # the clause names who acts: actors of the clauses before belong to other actions,
        # the setting and the things named there still hold (在…上，习近平宣布…)
        own = bounds[_clause_of(bounds, event.start)][0]
        inside = [m for m in inside if m.category == THING or m.start >= own]
    # nothing named in the action's own clauses: take the subject from the clauses
    # before it, within the same list item (…；2008年，…启动 does not borrow from 2005)
    floor = _list_item_start(text, bounds, event.start, ctx.rules)
    item_floor = max(floor, text.rfind("；", 0, lo) + 1)
    if not any(m.category in (ACTOR, ROLE) for m in inside):
        inside += [m for m in mentions if m.category in (ACTOR, ROLE) and item_floor <= m.start < lo]
    if not any(m.category == THING for m in inside):
        inside += [m for m in mentions if m.category == THING and item_floor <= m.start < lo]
    if event.type == "conference":
        # a conference event is about that conference, not the other things named around it
        own = [m for m in mentions if (m.start, m.end) == (event.start, event.end)]
        inside = [m for m in inside if m.category != THING] + own
    knowledge = ctx.knowledge
    on = event.date
    actors: dict[str, dict[str, Any]] = {}
    things: dict[str, dict[str, Any]] = {}
    office_words = [(o.start(), o.end()) for o in ctx.rules.took_office.finditer(text)]
    for m in sorted(inside, key=lambda k: k.start):
        if m.category in (ACTOR, ROLE) and _ERA.match(text[m.end : m.end + 6]):
            continue
        if any(s <= m.start and m.end <= e for s, e in office_words):
            continue  # 入主白宫: the White House is where he moved in, not a participant
        if m.category == ACTOR and m.kind == "subnational" and _ORG_AFTER.match(text[m.end : m.end + 12]):
            continue  # 上海环境能源交易所 / 北京大学: the place opens an organisation's name
        at_place = _AT_PLACE.search(text[max(0, m.start - 2) : m.start])
        if m.category == ACTOR and (m.kind == "subnational" or m.text in ctx.rules.metonyms) and at_place:
            event.location = event.location or m.text
            continue
        if m.category == ACTOR and at_place and _SETTING.match(text[m.end : m.end + 4]) and m.kind != "state":
            continue  # 在二十国集团峰会上指出: the assembly is the occasion, not a participant
        if m.category == ACTOR:
            target = ctx.rules.metonyms.get(m.text)
            if target in knowledge.actors:
                # 北京 / 华盛顿 as the one who acts stands for its government
                actors.setdefault(target, actor_record(knowledge.actors[target]))
                continue
            actor = knowledge.actors.get(m.ids[0]) if m.ids else None
            if actor is None:
                record = m.extra.get("record")
                if record:
                    actors.setdefault(record["id"], record)
                continue
            role = ""
            if on and actor.kind == "person":
                held = knowledge.offices_held(actor.id, on)
                role = held[0].title if held else ""
            actors.setdefault(actor.id, actor_record(actor, role))
        elif m.category == ROLE:
            if re.search(r"[前原]$", text[max(0, m.start - 1) : m.start]):
                continue
            if not on:
                event.roles.append(m.text)  # resolved once a milestone gives the date
                continue
            for actor, title in knowledge.resolve_role(m.text, on):
                actors.setdefault(actor.id, actor_record(actor, title))
        elif m.category == THING:
            for record in _things_of(m, knowledge, on):
                things.setdefault(record["id"], record)
    scope_text = text[lo:hi]
    event.scope_text = scope_text
    if not things:
        reference = _GENERIC_REFERENCE.search(scope_text)
        if reference is not None:
            # 该计划于2005年实施: the plan or scheme named last before
            record = _referred_thing(reference.group(1) or reference.group(2), ctx)
            if record is not None:
                things[record["id"]] = record
        elif event.type in ("ratification", "withdrawal") and _NO_OBJECT.match(
            text[event.end : event.end + 3]
        ):
            record = ctx.last_things.get("agreement")  # 美国…正式重新加入了。
            if record is not None:
                things[record["id"]] = record
    if not actors and ctx.last_subject:
        clause = bounds[_clause_of(bounds, event.start)]
        if _PRONOUN_SUBJECT.match(text[clause[0] : event.start]) or _PRONOUN_SUBJECT.match(text[lo:hi]):
            for record in ctx.last_subject:  # 他承诺… / 该国宣布…: the subject named before
                actors.setdefault(record["id"], dict(record))
    event.actors = list(actors.values())
    event.things = list(things.values())
    if event.location is None:
        place = _PLACE_BEFORE_VERB.search(text[lo:hi])
        if place and not any(place.group(1) in (a["name"], *a["aliases"]) for a in event.actors):
            event.location = place.group(1)
    if event.location is None:
        for record in event.things:
            thing = knowledge.things.get(record["id"])
            if thing is not None and thing.place and thing.kind == "conference":
                event.location = thing.place
                break


def _things_of(m: Mention, knowledge: Knowledge, on: str | None) -> list[dict[str, Any]]:
    """The thing(s) a mention names; an alias shared by several is settled by the date."""
    if not m.ids:
        return [m.extra.get("record") or new_thing_record(m.text, m.kind)]
    candidates = [knowledge.things[i] for i in m.ids if i in knowledge.things]
    if len(candidates) > 1:
        dated = [t for t in candidates if on and t.date and _compatible(on, t.date)]
        if len(dated) == 1:
            candidates = dated
        else:
            # ambiguous: keep the words of the text as the thing's name
            record = new_thing_record(m.text, candidates[0].kind)
            record["aliases"] = sorted({m.text, *[a for t in candidates for a in t.aliases if a == m.text]})
            return [record]
    return [thing_record(t) for t in candidates]


def _title(text: str, bounds, event: Event) -> str:
    index = _clause_of(bounds, event.start)
    lo = bounds[index - 1][0] if index > 0 and bounds[index][1] - bounds[index][0] < 12 else bounds[index][0]
    title = text[lo : bounds[index][1]].strip("，,；;：: 。")
    return title[:80]


def _merge_in_sentence(events: list[Event]) -> list[Event]:
    """Same type and date → one event; a statement dated like another action is part of it."""
    out: list[Event] = []
    for event in events:
        twin = next(
            (
                o
                for o in out
                if o.type == event.type
                and _same_or_unknown(o.date, event.date)
                and not _distinct_documents(o, event)
                and (
                    _share_participants(o, event, occasion=False)
                    or (o.date == event.date and o.precision == "day" and not _two_subjects(o, event))
                    # A访华，同B举行会谈: talks held during the visit, with no subject of their own
                    or (o.type == "meeting" and o.date == event.date and not event.own_clause)
                    # 首位访华的官员…与B会谈: a verb qualifying a noun is the same act as the one told
                    or (o.date == event.date and (o.attributive or event.attributive))
                )
            ),
            None,
        )
        if twin is not None:
            _absorb(twin, event)
            continue
        out.append(event)
    specific = [e for e in out if e.type not in ("statement", "conference")]
    return [
        e
        for e in out
        if not (
            e.type == "statement"
            and not any(_STATEMENT_NOUNS.search(t["name"]) for t in e.things)
            and any(
                s.date and e.date and _compatible(s.date, e.date) and _share_participants(s, e)
                for s in specific
            )
        )
    ]


_DOCUMENT_KINDS = frozenset({"agreement", "plan", "initiative", "mechanism", "fund"})


def _distinct_documents(a: Event, b: Event) -> bool:
    """Each names its own documents or schemes and none in common: two acts (A印发《甲》；B印发《乙》)."""
    docs_a = {t["id"] for t in a.things if t.get("kind") in _DOCUMENT_KINDS}
    docs_b = {t["id"] for t in b.things if t.get("kind") in _DOCUMENT_KINDS}
    return bool(docs_a) and bool(docs_b) and not docs_a & docs_b


def _two_subjects(a: Event, b: Event) -> bool:
    """Each names its own subject in its own clause, and they are different actors
    (…习近平宣布中国将…；拜登则宣布…)."""
    ids_a, ids_b = {r["id"] for r in a.actors}, {r["id"] for r in b.actors}
    return a.own_clause and b.own_clause and bool(ids_a) and bool(ids_b) and not ids_a & ids_b


def _share_participants(a: Event, b: Event, occasion: bool = True) -> bool:
    """Any actor or thing in common (or one side names none). With ``occasion=False`` the
    conference both are set at does not count: two leaders' pledges at one summit are two."""

    def ids(event: Event) -> set[str]:
        things = [t for t in event.things if occasion or t.get("kind") != "conference"]
        return {r["id"] for r in event.actors + things}

    ids_a, ids_b = ids(a), ids(b)
    return bool(ids_a & ids_b) or not ids_a or not ids_b


def _same_or_unknown(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and _compatible(a, b)


def merge_participants(into: Event, other: Event) -> None:
    """Add what ``other`` names (actors, things, place) to ``into``, without repeats."""
    for record in other.actors:
        if all(record["id"] != a["id"] for a in into.actors):
            into.actors.append(record)
    for record in other.things:
        if all(record["id"] != t["id"] for t in into.things):
            into.things.append(record)
    into.location = into.location or other.location


def _absorb(into: Event, other: Event) -> None:
    if other.date and (not into.date or len(other.date) > len(into.date)):
        into.date, into.date_end, into.precision = other.date, other.date_end, other.precision
    merge_participants(into, other)
