"""Plotly figures for the timeline and the actor network (offline: plotly.js ships with Streamlit)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import networkx as nx
import plotly.graph_objects as go
from policygraph.ui.formatting import (
    EVENT_TYPES,
    actor_name,
    conflict_label,
    date_label,
    event_span,
    event_title,
    short_name,
)
from policygraph.ui.periods import Period

PRECISION_SYMBOLS = {"day": "circle", "month": "square", "year": "diamond"}
PRECISION_WORDS = {"day": "exact day", "month": "month only", "year": "year only"}
ORIGIN_COLOURS = {"curated": "#1f4e79", "extracted": "#d9822b"}
KIND_COLOURS = {
    "person": "#d62728",
    "state": "#1f77b4",
    "government_body": "#2ca02c",
    "organization": "#9467bd",
    "subnational": "#ff7f0e",
    "company": "#8c564b",
    "coalition": "#17becf",
}
JITTER = (0.0, 0.14, -0.14, 0.28, -0.28)  # the n-th event of a type within ~2 months
TYPE_COLOURS = {
    "meeting": "#1f77b4", "statement": "#ff7f0e", "agreement": "#2ca02c", "ratification": "#17becf",
    "withdrawal": "#d62728", "pledge": "#9467bd", "launch": "#8c564b", "policy": "#e377c2",
    "conference": "#bcbd22", "funding": "#7f7f7f", "suspension": "#393b79",
}  # fmt: skip
BAND_COLOURS = ("rgba(31,119,180,0.07)", "rgba(214,39,40,0.07)")
CJK_FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


def _type_rows(events: Sequence[Mapping[str, Any]]) -> list[str]:
    present = {e.get("type") for e in events}
    known = [t for t in EVENT_TYPES if t in present]
    return known + sorted(t for t in present if t not in EVENT_TYPES and t)


def _same(text: str) -> str:
    return text


def timeline_figure(
    events: Sequence[Mapping[str, Any]],
    bands: Sequence[Period] = (),
    x_range: tuple[date, date] | None = None,
    lang: str = "zh",
    tr: Callable[[str], str] = _same,
) -> go.Figure:
    """Events by date (x) and type (rows). Marker shape tells the precision; a bar the span it covers.

    A month- or year-precise event is drawn at its first day with a line over the whole month or
    year, so that "2016-09" is never read as 1 September. `x_range` (the filtered period) sets
    the visible dates; `tr` translates the legend's words.
    """
    rows = _type_rows(events)
    row_of = {t: i for i, t in enumerate(rows)}
    # Events of one type on nearby days would hide each other: spread them a little vertically.
    offsets: dict[tuple[str, int], int] = {}
    fig = go.Figure()
    for origin, colour in ORIGIN_COLOURS.items():
        chosen = [e for e in events if e.get("origin", "extracted") == origin]
        if not chosen:
            continue
        xs, ys, symbols, custom, span_x, span_y = [], [], [], [], [], []
        for event in chosen:
            first, last = event_span(event)
            bucket = (event.get("type"), first.toordinal() // 60)
            offsets[bucket] = offsets.get(bucket, -1) + 1
            y = row_of[event.get("type")] + JITTER[offsets[bucket] % len(JITTER)]
            xs.append(first.isoformat())
            ys.append(y)
            symbols.append(PRECISION_SYMBOLS.get(event.get("precision"), "circle"))
            custom.append([
                event["id"], date_label(event), event_title(event, lang),
                (event.get("title") if lang == "en" else event.get("title_en")) or "",
                _names(event.get("actors", []), lang), event.get("n_mentions", 0), conflict_label(event),
            ])  # fmt: skip
            if last > first:
                span_x += [first.isoformat(), (last + timedelta(days=1)).isoformat(), None]
                span_y += [y, y, None]
        if span_x:
            fig.add_trace(go.Scatter(
                x=span_x, y=span_y, mode="lines", line={"color": colour, "width": 3},
                opacity=0.45, hoverinfo="skip", showlegend=False,
            ))  # fmt: skip
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", name=tr(origin), showlegend=False,
            marker={"symbol": symbols, "color": colour, "size": 11, "line": {"width": 1, "color": "white"}},
            customdata=custom,
            hovertemplate=(
                "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>%{customdata[1]}"
                "<br>%{customdata[4]}<br>" + tr("mentions") + ": %{customdata[5]}"
                "<br>%{customdata[6]}<extra></extra>"
            ),
        ))  # fmt: skip
    _legend(fig, tr)
    _shade_bands(fig, bands, x_range or _events_range(events), lang)
    xaxis: dict[str, Any] = {"type": "date", "showgrid": True}
    if x_range is not None:
        pad = max(timedelta(days=3), (x_range[1] - x_range[0]) / 40)
        xaxis["range"] = [(x_range[0] - pad).isoformat(), (x_range[1] + pad).isoformat()]
    fig.update_layout(
        height=max(360, 46 * len(rows) + 150), margin={"l": 10, "r": 10, "t": 44, "b": 10},
        font={"family": CJK_FONT}, clickmode="event+select", dragmode="zoom",
        legend={"orientation": "h", "x": 0, "y": -0.08, "yanchor": "top", "itemclick": False,
                "itemdoubleclick": False},
        yaxis={"tickvals": list(range(len(rows))), "ticktext": rows, "range": [-0.7, len(rows) - 0.3],
               "fixedrange": True},
        xaxis=xaxis,
    )  # fmt: skip
    return fig


def _events_range(events: Sequence[Mapping[str, Any]]) -> tuple[date, date] | None:
    spans = [event_span(e) for e in events]
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None


def band_labels(
    bands: Sequence[Period], x_range: tuple[date, date] | None, lang: str = "en"
) -> list[tuple[Period, date, str, int]]:
    """(period, label position, label, row) of each US administration shaded on a timeline.

    A label sits at the middle of the part of its band that is in view, in the reader's
    language, on one of two rows that alternate, so that two short bands side by side (Trump,
    Biden) never print their names over each other; a band too narrow to hold its label (less
    than a twelfth of the view) keeps its shade and loses the label.
    """
    out = []
    shown = [p for p in bands if p.kind == "us_president"]
    for i, period in enumerate(shown):
        first, last = period.start, period.end
        if x_range is not None:
            first, last = max(first, x_range[0]), min(last, x_range[1])
            if last <= first:
                continue
            if (last - first) < (x_range[1] - x_range[0]) / 12:
                continue
        name = period.name_zh if lang == "zh" and period.name_zh else period.name
        out.append((period, first + (last - first) / 2, name.split(" (")[0].split("（")[0], i % 2))
    return out


def _shade_bands(
    fig: go.Figure, bands: Sequence[Period], x_range: tuple[date, date] | None, lang: str
) -> None:
    for i, period in enumerate(p for p in bands if p.kind == "us_president"):
        fig.add_vrect(
            x0=period.start.isoformat(), x1=period.end.isoformat(), fillcolor=BAND_COLOURS[i % 2],
            line_width=0, layer="below",
        )  # fmt: skip
    for _, middle, label, row in band_labels(bands, x_range, lang):
        fig.add_annotation(
            x=middle.isoformat(), y=1.0 + 0.07 * (1 - row), xref="x", yref="paper", text=label,
            showarrow=False, yanchor="bottom", font={"size": 11, "color": "#555"},
        )  # fmt: skip


def timeline_overview_figure(
    histogram: Sequence[Mapping[str, Any]],
    bands: Sequence[Period] = (),
    x_range: tuple[date, date] | None = None,
    lang: str = "en",
    tr: Callable[[str], str] = _same,
) -> go.Figure:
    """The timeline at overview zoom: events per month (or year) and type as stacked bars.

    `histogram` holds rows {year, month (None for a year), type, n} counted by the database
    (`queries.timeline_histogram`). Each bar covers its month; clicking one gives its first day
    as the point's customdata, for the page to narrow the period to it.
    """
    by_type: dict[str, dict[date, int]] = {}
    for row in histogram:
        first = date(row["year"], row["month"] or 1, 1)
        by_type.setdefault(str(row["type"]), {})
        by_type[str(row["type"])][first] = by_type[str(row["type"])].get(first, 0) + int(row["n"])
    monthly = any(row["month"] for row in histogram)
    width_ms = (30.4 if monthly else 365.25) * 86_400_000 * 0.9
    fig = go.Figure()
    for kind in _type_rows([{"type": k} for k in by_type]):
        counts = sorted(by_type[kind].items())
        fig.add_trace(go.Bar(
            x=[(first + timedelta(days=14 if monthly else 182)).isoformat() for first, _ in counts],
            y=[n for _, n in counts], name=tr(kind), width=width_ms,
            marker={"color": TYPE_COLOURS.get(kind, "#7f7f7f"), "line": {"width": 0}},
            customdata=[[first.isoformat(), first.strftime("%Y-%m" if monthly else "%Y"), tr(kind)]
                        for first, _ in counts],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}: %{y}<extra></extra>",
        ))  # fmt: skip
    _shade_bands(fig, bands, x_range, lang)
    xaxis: dict[str, Any] = {"type": "date", "showgrid": True}
    if x_range is not None:
        pad = max(timedelta(days=3), (x_range[1] - x_range[0]) / 40)
        xaxis["range"] = [(x_range[0] - pad).isoformat(), (x_range[1] + pad).isoformat()]
    fig.update_layout(
        barmode="stack", bargap=0, height=420, margin={"l": 10, "r": 10, "t": 44, "b": 10},
        font={"family": CJK_FONT}, clickmode="event+select", dragmode="zoom",
        legend={"orientation": "h", "x": 0, "y": -0.1, "yanchor": "top", "title": tr("event type")},
        yaxis={"title": tr("events per month") if monthly else tr("events per year"), "fixedrange": True},
        xaxis=xaxis,
    )  # fmt: skip
    return fig


def _names(items: Sequence[Mapping[str, Any]], lang: str, limit: int = 5) -> str:
    names = [short_name(item, lang) for item in items]
    return "; ".join(names[:limit]) + (f"; … (+{len(names) - limit})" if len(names) > limit else "")


def _legend(fig: go.Figure, tr: Callable[[str], str]) -> None:
    """Legend entries that say what shape and colour mean (the points carry both at once)."""
    for origin, colour in ORIGIN_COLOURS.items():
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=tr(origin), legendgroup="origin",
            legendgrouptitle_text=tr("origin (colour)"), hoverinfo="skip",
            marker={"symbol": "circle", "color": colour, "size": 11},
        ))  # fmt: skip
    for precision, symbol in PRECISION_SYMBOLS.items():
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=tr(PRECISION_WORDS[precision]), legendgroup="precision",
            legendgrouptitle_text=tr("precision (shape)"), hoverinfo="skip",
            marker={"symbol": symbol, "color": "#555", "size": 11},
        ))  # fmt: skip


def network_layout(network: Mapping[str, Any], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Spring layout of the co-participation graph (edge weight shows as line width, not distance).

    Each connected component is laid out on its own and the components are packed in rows, the
    largest first: one spring layout of a disconnected graph pushes small components to the rim.
    """
    graph = nx.Graph()
    graph.add_nodes_from(node["id"] for node in network["nodes"])
    for edge in network["edges"]:
        graph.add_edge(edge["source"], edge["target"], weight=float(edge.get("weight", 1)))
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    if not components:
        return {}
    biggest = len(components[0])
    row_width, margin = 3.6, 0.25
    positions: dict[str, tuple[float, float]] = {}
    cursor_x = cursor_y = row_height = 0.0
    for component in components:
        half = max(0.15, math.sqrt(len(component) / biggest))  # half the side of the component's box
        side = 2 * half + margin
        if cursor_x > 0 and cursor_x + side > row_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y - row_height, 0.0
        local = _component_layout(graph.subgraph(component), seed)
        centre_x, centre_y = cursor_x + side / 2, cursor_y - side / 2
        for node, (x, y) in local.items():
            positions[node] = (centre_x + half * x, centre_y + half * y)
        cursor_x += side
        row_height = max(row_height, side)
    return positions


def _component_layout(component: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for one connected component."""
    nodes = list(component.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    # Unweighted springs: with weights, the China and US hubs pull nearly every actor into one knot.
    k = 2.5 / math.sqrt(len(nodes))
    raw = nx.spring_layout(component, k=k, weight=None, seed=seed, iterations=150)
    return _spread_core(raw)


def _spread_core(positions: Mapping[str, Any], power: float = 0.45) -> dict[str, tuple[float, float]]:
    """Radial fish-eye: distance r from the centre becomes r**power (in units of the largest r).

    Hubs (China, the United States) pull most actors into a dense core while a few chains stretch
    far out; this widens the core and shortens the chains, so the core's labels can be read.
    """
    cx = sum(float(p[0]) for p in positions.values()) / len(positions)
    cy = sum(float(p[1]) for p in positions.values()) / len(positions)
    radius = {n: math.hypot(float(p[0]) - cx, float(p[1]) - cy) for n, p in positions.items()}
    largest = max(radius.values()) or 1.0
    spread = {}
    for node, (x, y) in positions.items():
        r = radius[node]
        factor = (r / largest) ** power / (r / largest) if r > 0 else 0.0
        spread[node] = ((float(x) - cx) * factor, (float(y) - cy) * factor)
    return {node: (float(x), float(y)) for node, (x, y) in nx.rescale_layout_dict(spread, scale=1).items()}


def _edge_width(weight: float, heaviest: float) -> float:
    return 0.8 + 5.0 * math.sqrt(weight / heaviest)


def network_figure(
    network: Mapping[str, Any],
    label_top: int = 12,
    lang: str = "zh",
    tr: Callable[[str], str] = _same,
    event_names: Mapping[str, str] | None = None,
    centre: str | None = None,
) -> go.Figure:
    """Actors as nodes (size: events, colour: kind), co-participation as edges (width: shared events).

    Only the `label_top` busiest actors are labelled; every node shows its name on hover. The
    middle of each link shows, on hover, the events its two actors shared (`event_names`: id →
    label). Actors without any link are left out of the picture (the page counts them) unless
    no actor has a link at all; the `centre` of an ego view is ringed.
    """
    linked = {e["source"] for e in network["edges"]} | {e["target"] for e in network["edges"]}
    if linked:
        network = {**network, "nodes": [n for n in network["nodes"] if n["id"] in linked]}
    positions = network_layout(network)
    fig = go.Figure()
    edges = [e for e in network["edges"] if e["source"] in positions and e["target"] in positions]
    heaviest = max((float(e.get("weight", 1)) for e in edges), default=1.0)
    # One trace per width band: plotly draws a trace's lines with a single width.
    bands: dict[int, list[Mapping[str, Any]]] = {}
    for edge in edges:
        bands.setdefault(round(_edge_width(float(edge.get("weight", 1)), heaviest)), []).append(edge)
    for width, band in sorted(bands.items()):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for edge in band:
            (x0, y0), (x1, y1) = positions[edge["source"]], positions[edge["target"]]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", line={"width": width, "color": "rgba(120,120,120,0.45)"},
            hoverinfo="skip", showlegend=False,
        ))  # fmt: skip
    names = {n["id"]: short_name(n, lang) for n in network["nodes"]}
    if edges and event_names is not None:
        fig.add_trace(go.Scatter(
            x=[(positions[e["source"]][0] + positions[e["target"]][0]) / 2 for e in edges],
            y=[(positions[e["source"]][1] + positions[e["target"]][1]) / 2 for e in edges],
            mode="markers", marker={"size": 9, "color": "rgba(0,0,0,0)"}, showlegend=False,
            customdata=[[f"link:{e['source']}|{e['target']}", _link_text(e, names, event_names, tr)]
                        for e in edges],
            hovertemplate="%{customdata[1]}<extra></extra>",
        ))  # fmt: skip
    most = max((int(n.get("events", 1)) for n in network["nodes"]), default=1)
    ranked = sorted(network["nodes"], key=lambda n: (n["id"] != centre, -int(n.get("events", 0))))
    labelled = {n["id"] for n in ranked[:label_top]}
    for kind in [*KIND_COLOURS, *sorted({n.get("kind") for n in network["nodes"]} - set(KIND_COLOURS))]:
        nodes = [n for n in network["nodes"] if n.get("kind") == kind and n["id"] in positions]
        if not nodes:
            continue
        fig.add_trace(go.Scatter(
            x=[positions[n["id"]][0] for n in nodes], y=[positions[n["id"]][1] for n in nodes],
            mode="markers+text", name=tr(kind),
            text=[names[n["id"]] if n["id"] in labelled else "" for n in nodes],
            textposition="top center", textfont={"size": 12, "color": "#222"},
            marker={"size": [10 + 30 * math.sqrt(int(n.get("events", 1)) / most) for n in nodes],
                    "color": KIND_COLOURS.get(kind, "#7f7f7f"),
                    "line": {"width": [4 if n["id"] == centre else 1 for n in nodes],
                             "color": ["#111" if n["id"] == centre else "white" for n in nodes]}},
            customdata=[[n["id"], actor_name(n, lang), tr(kind), n.get("events", 0)] for n in nodes],
            hovertemplate=(
                "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>" + tr("events") + ": %{customdata[3]}"
                "<extra></extra>"
            ),
        ))  # fmt: skip
    fig.update_layout(
        height=640, margin={"l": 10, "r": 10, "t": 10, "b": 10}, font={"family": CJK_FONT},
        clickmode="event+select", showlegend=True, legend={"title": tr("actor kind")},
        xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
    )  # fmt: skip
    return fig


def _link_text(
    edge: Mapping[str, Any],
    names: Mapping[str, str],
    event_names: Mapping[str, str],
    tr: Callable[[str], str],
) -> str:
    shown = [event_names.get(i, i) for i in edge.get("event_ids", [])[:8]]
    more = len(edge.get("event_ids", [])) - len(shown)
    lines = [f"<b>{names[edge['source']]} — {names[edge['target']]}</b>",
             f"{edge.get('weight', len(edge.get('event_ids', [])))} {tr('shared events')}",
             *shown]  # fmt: skip
    if more > 0:
        lines.append(f"… (+{more})")
    return "<br>".join(lines)


LABEL_COLOURS = {
    "Event": "#d9822b", "Person": "#d62728", "State": "#1f77b4", "GovernmentBody": "#2ca02c",
    "Organization": "#9467bd", "Subnational": "#ff7f0e", "Company": "#8c564b", "Coalition": "#17becf",
    "Agreement": "#1f4e79", "Initiative": "#4c9f70", "Mention": "#999999", "Document": "#555555",
}  # fmt: skip


def result_figure(graph: Mapping[str, Any], label_all: int = 15) -> go.Figure:
    """Nodes and relationships of console results (see formatting.result_graph): colour = label.

    Up to `label_all` nodes, every node is labelled; beyond, events and mentions (long titles and
    sentences) show their text on hover only.
    """
    positions = network_layout(graph)
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for edge in graph["edges"]:
        (x0, y0), (x1, y1) = positions[edge["source"]], positions[edge["target"]]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"width": 1.2, "color": "rgba(120,120,120,0.6)"},
                             hoverinfo="skip", showlegend=False))  # fmt: skip
    if graph["edges"]:
        fig.add_trace(go.Scatter(
            x=[(positions[e["source"]][0] + positions[e["target"]][0]) / 2 for e in graph["edges"]],
            y=[(positions[e["source"]][1] + positions[e["target"]][1]) / 2 for e in graph["edges"]],
            mode="markers", marker={"size": 8, "color": "rgba(0,0,0,0)"}, showlegend=False,
            text=[str(e.get("type") or "") for e in graph["edges"]], hovertemplate="%{text}<extra></extra>",
        ))  # fmt: skip
    for kind in sorted({n["kind"] for n in graph["nodes"]}):
        nodes = [n for n in graph["nodes"] if n["kind"] == kind]
        labelled = len(graph["nodes"]) <= label_all or kind not in ("Event", "Mention")
        fig.add_trace(go.Scatter(
            x=[positions[n["id"]][0] for n in nodes], y=[positions[n["id"]][1] for n in nodes],
            mode="markers+text" if labelled else "markers", name=kind or "?",
            text=[n["name"][:16] for n in nodes], textposition="top center", textfont={"size": 11},
            marker={"size": 14, "color": LABEL_COLOURS.get(kind, "#7f7f7f"),
                    "line": {"width": 1, "color": "white"}},
            customdata=[[n["id"], n["name"], kind] for n in nodes],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[0]}<extra></extra>",
        ))  # fmt: skip
    fig.update_layout(
        height=460, margin={"l": 5, "r": 5, "t": 5, "b": 5}, font={"family": CJK_FONT}, showlegend=True,
        xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
    )  # fmt: skip
    return fig


def selected_ids(selection_state: Any) -> list[str]:
    """Ids (customdata[0]) of the points a plotly selection event names, in order."""
    if not selection_state:
        return []
    selection = selection_state.get("selection") if isinstance(selection_state, Mapping) else None
    if selection is None:
        selection = getattr(selection_state, "selection", None)
    points = (selection or {}).get("points", []) if isinstance(selection, Mapping) else []
    ids = []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and data:
            ids.append(str(data[0]))
        elif isinstance(data, str):
            ids.append(data)
    return ids
