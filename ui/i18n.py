# ruff: noqa: E501 — translation strings are kept whole, one per line, so that each can be found and reviewed
"""The UI's labels in English and Chinese.

Every label is written in English in the pages as `t("…")`; `ZH` gives its Chinese. Names of
actors, agreements and event titles come from the graph (`name`/`name_en`, `title`/`title_en`)
and are chosen by `formatting.actor_name(…, lang)` and friends, not here.
tests/test_ui_apptest.py checks that every `t("…")` of ui/ has its Chinese here.
"""

from __future__ import annotations

import streamlit as st

LANGUAGES = {"en": "English", "zh": "中文"}


def lang() -> str:
    """The reader's language for this run ("en" or "zh")."""
    from policygraph.ui.state import LANG, SHARED

    value = st.session_state.get(SHARED, {}).get(LANG.name, LANG.default)
    return value if value in LANGUAGES else LANG.default


def t(text: str) -> str:
    """The label in the reader's language."""
    if lang() == "zh":
        return ZH.get(text, text)
    return text


ZH: dict[str, str] = {
    # app and navigation
    "Timeline": "时间线",
    "Actor network": "行为体网络",
    "Actor": "行为体",
    "Agreement": "协定",
    "Cypher console": "Cypher 查询",
    "About the data": "关于数据",
    "Language": "语言",
    "This page could not read the graph.": "本页无法读取图数据库。",
    # filters
    "Filters": "筛选",
    "Period": "时期",
    "All dates": "全部日期",
    "Custom range": "自定义范围",
    "From – to": "起止日期",
    "Pick the last day of the range too.": "请同时选择结束日期。",
    "Presets from ui/periods.toml (each with its source). Pick one, or edit the dates below.": "预设时期来自 ui/periods.toml（均注明来源）。可选择预设，或在下方修改日期。",
    "Event type": "事件类型",
    "all types": "全部类型",
    "any actor": "任意行为体",
    "Events in which at least one of these actors took part.": "至少有一个所选行为体参与的事件。",
    "Origin": "来源",
    "curated and extracted": "人工整理与自动抽取",
    "curated milestones only": "仅人工整理的里程碑",
    "extracted only": "仅自动抽取",
    "Document": "文献",
    "any document": "任意文献",
    "Events that a sentence of one of these documents states.": "所选文献中有句子陈述的事件。",
    "Search titles and names": "搜索标题和名称",
    "e.g. 巴黎协定, Kerry, 杭州": "例如 巴黎协定、Kerry、杭州",
    # timeline
    "Timeline of US–China climate diplomacy": "中美气候外交时间线",
    "Each event appears once, however many documents mention it. Dates keep the precision of the "
    "sources: a month (2016-09) or a year stays a month or a year.": "每个事件只出现一次，无论有多少文献提到它。日期保留来源的精度：只知月份（2016-09）或年份的事件仍按月或年显示。",
    "**{n} events** · {period} · from {docs} document(s) and the curated list": "**{n} 个事件** · {period} · 来自 {docs} 篇文献及人工整理的列表",
    " · ⚠ {n} with a date conflict": " · ⚠ {n} 个日期有冲突",
    "No event matches these filters. Widen the period or clear a filter in the sidebar.": "没有符合这些条件的事件。请扩大时期或清除侧栏中的筛选条件。",
    "Event detail": "事件详情",
    "**{n} events** · {period}": "**{n} 个事件** · {period}",
    "More than {limit} events: the chart shows how many fall in each month, by type. Click a bar, or narrow the period or the filters, to see the events one by one.": "事件超过 {limit} 个：图中按类型显示每月的事件数。点击一根柱子，或缩小时期或筛选范围，即可逐个查看事件。",
    "Page of the list ({pages} pages of {size})": "列表页码（共 {pages} 页，每页 {size} 个）",
    "Events {first}–{last} of {n}, in date order.": "按日期排列的第 {first}–{last} 个事件，共 {n} 个。",
    "is past the last page of this view": "超出了此视图的最后一页",
    "event type": "事件类型",
    "events per month": "每月事件数",
    "events per year": "每年事件数",
    "Click a point or a row, or choose here": "点击图中的点或表格中的行，或在此选择",
    "Click a point of the chart or a row of the list for its sources.": "点击图中的点或列表中的行，查看其来源。",
    "This event is no longer in the graph (it may have been re-ingested). Pick it again.": "该事件已不在图中（可能已重新导入）。请重新选择。",
    "date": "日期",
    "type": "类型",
    "title": "标题",
    "title (other language)": "标题（另一语言）",
    "actors": "行为体",
    "mentions": "提及",
    "origin": "来源",
    "date conflict": "日期冲突",
    "At the precision of the sources": "按来源的精度",
    "Sentences that state this event": "陈述该事件的句子数",
    # chart
    "precision (shape)": "日期精度（形状）",
    "precision": "精度",
    "origin (colour)": "来源（颜色）",
    "exact day": "具体日期",
    "month only": "仅月份",
    "year only": "仅年份",
    "curated": "人工整理",
    "extracted": "自动抽取",
    "actor kind": "行为体类别",
    "events": "事件",
    # event detail
    "Date": "日期",
    "Type": "类型",
    "Mentions": "提及",
    "event id": "事件编号",
    "Date conflict": "日期冲突",
    "the sources give different dates for this event: {dates}. The timeline places it at {date}.": "各来源给出的日期不同：{dates}。时间线将其置于 {date}。",
    "Participants": "参与者",
    "No participant recorded.": "没有记录参与者。",
    "Agreements and initiatives": "协定与倡议",
    "Source sentences ({n})": "来源句子（{n}）",
    "No sentence of the bundled documents states this event: it comes from the curated list.": "附带的文献中没有句子陈述该事件：它来自人工整理的列表。",
    "characters {start}–{end} of {doc}": "{doc} 第 {start}–{end} 个字符",
    "dated there {date}": "该句所给日期 {date}",
    "Curated sources": "人工整理的来源",
    # actor
    "kind": "类别",
    "also called": "又称",
    "Offices held": "担任职务",
    "Office holders": "任职者",
    "Member of": "所属",
    "Events ({n})": "事件（{n}）",
    "role": "角色",
    "Co-actors": "共同参与者",
    "shared events": "共同事件",
    "Actors who took part in the same events, most shared events first.": "参与同一事件的行为体，按共同事件数排序。",
    "Ego network": "个体网络",
    "Open the actor page": "打开行为体页面",
    "Choose an actor": "选择行为体",
    "Type a name (Chinese or English)": "输入名称（中文或英文）",
    "This actor is not in the graph.": "图中没有这个行为体。",
    "is not an actor of the graph": "不是图中的行为体",
    "is not an event of this view": "不是当前视图中的事件",
    "Show this actor on the timeline": "在时间线上显示该行为体",
    "Show this actor's ego network": "显示该行为体的个体网络",
    "now": "至今",
    # agreement
    "Agreements and initiatives of US–China climate cooperation": "中美气候合作的协定与倡议",
    "Choose an agreement or initiative": "选择协定或倡议",
    "is not an agreement or initiative of the graph": "不是图中的协定或倡议",
    "Timeline of this agreement: every event that concerns it, oldest first, with its sources.": "该协定的时间线：所有涉及它的事件，按时间先后排列，并附来源。",
    "No event concerns it in the graph yet.": "图中还没有涉及它的事件。",
    # network
    "Two actors are linked when they took part in the same event; the thicker the line, the more events.": "两个行为体参与了同一事件即相连；线越粗，共同事件越多。",
    "Actor kind": "行为体类别",
    "all kinds": "全部类别",
    "Minimum shared events per link": "每条连线的最少共同事件数",
    "Centre on an actor (ego view)": "以某行为体为中心（个体网络）",
    "whole network": "整个网络",
    "The actor and its neighbours within the chosen number of links.": "该行为体及其在所选步数内的邻居。",
    "Links from the centre": "距中心的步数",
    "**{n} actors**, {m} links · {period}": "**{n} 个行为体**，{m} 条连线 · {period}",
    " · {n} without a link at this threshold (not drawn)": " · {n} 个在此阈值下没有连线（未绘出）",
    " · centred on {name}, {hops} link(s)": " · 以{name}为中心，{hops} 步",
    "Actor shown below": "下方显示的行为体",
    "Click a node, or choose here": "点击节点，或在此选择",
    "No actor took part in an event in this period with these filters.": "在此时期和筛选条件下，没有行为体参与事件。",
    "Export this view": "导出当前视图",
    "GEXF and GraphML hold the actor network of this view with link weights (open them in Gephi); CSV and "
    "JSON the events of this view with participants and sources; TimelineJS a timeline file where month "
    "and year dates stay as such.": "GEXF 和 GraphML 为当前视图的行为体网络及连线权重（可用 Gephi 打开）；CSV 和 JSON 为当前视图的事件及参与者和来源；"
    "TimelineJS 为时间线文件，只知月份或年份的日期保持原样。",
    "Links and their shared events": "连线及其共同事件",
    "from": "从",
    "to": "到",
    "Only the {n} busiest actors are labelled; hover over a node for its name.": "只标注最活跃的 {n} 个行为体；将鼠标悬停在节点上可看名称。",
    # upload
    "Add documents": "添加文献",
    "Text files in UTF-8, GBK or Big5 (the encoding is detected) and PDF files with a text layer. Each file "
    "is extracted and loaded like `policygraph ingest` does, in one transaction: a file that cannot be read "
    "adds nothing. A file already loaded with the same content is left as it is.":
        "UTF-8、GBK 或 Big5 编码的文本文件（自动识别编码）及带文本层的 PDF 文件。每个文件像 `policygraph ingest` 一样在一个事务中"
        "抽取并导入：无法读取的文件不会留下任何内容；内容相同的已导入文件保持不变。",
    "Files": "文件",
    "Add to the graph": "导入图数据库",
    "Reading the files…": "正在读取文件…",
    "Extracting {name} ({number} of {total})…": "正在抽取 {name}（第 {number} 个，共 {total} 个）…",
    "Done.": "完成。",
    "Added {n} document(s): {names}.": "已添加 {n} 篇文献：{names}。",
    "Show their events on the timeline": "在时间线上显示其事件",
    "{n} file(s) were already in the graph with the same content.": "{n} 个文件已在图中且内容相同。",
    "New events ({n})": "新事件（{n}）",
    "New mentions of known events ({n})": "已知事件的新提及（{n}）",
    # about
    "Documents": "文献",
    # bounded views
    "The chart shows all {n} events; the first {m} are listed with their sources.": "图中显示全部 {n} 个事件；列出前 {m} 个及其来源。",
    "The newest {n} are listed; the timeline filtered on this actor shows them all.": "列出最近的 {n} 个；按此行为体筛选的时间线显示全部。",
    "A bounded view: at most {actors} actors (the busiest, or the closest to the centre) and the {links} heaviest links between them are drawn and exported. Narrow the period, the kinds or the centre to see the others.": "有界视图：最多绘制并导出 {actors} 个行为体（最活跃的，或与中心联系最紧密的）及其间最重的 {links} 条联系。缩小时期、类别或更换中心可查看其他行为体。",
}
