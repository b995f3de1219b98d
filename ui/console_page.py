"""Cypher console: read-only queries, refused by the database itself when they try to write."""

from __future__ import annotations

import json

import streamlit as st
from policygraph.graph import QueryError, ReadOnlyViolation, StoreError, queries
from policygraph.ui import state
from policygraph.ui.charts import result_figure
from policygraph.ui.connection import UNREACHABLE, forget_store, get_store
from policygraph.ui.formatting import parse_params, result_graph, rows_as_csv, table_cell

QUERY_KEY, PARAMS_KEY = "console_cypher", "console_params"
STARTER = """MATCH (e:Event)
RETURN e.date AS date, e.type AS type, e.title AS title
ORDER BY e.date_start
LIMIT 25"""

store = get_store()
state.publish({})  # the address keeps the language only
st.title("Cypher console")
st.caption(
    "Read-only: the database account used here may only read, so CREATE, MERGE, SET, DELETE and the like are "
    "refused by the server. The graph model is documented in docs/schema.md."
)

examples = {example.title: example for example in queries.example_queries()}


def load_example() -> None:
    example = examples.get(st.session_state["console_example"])
    if example is not None:
        st.session_state[QUERY_KEY] = example.cypher.strip()
        st.session_state[PARAMS_KEY] = json.dumps(example.params or {}, ensure_ascii=False)


st.selectbox(
    "Example queries", list(examples), index=None, key="console_example", on_change=load_example,
    placeholder=f"{len(examples)} examples from docs/schema.md — pick one to load it",
)  # fmt: skip
st.session_state.setdefault(QUERY_KEY, STARTER)
st.session_state.setdefault(PARAMS_KEY, "{}")
cypher = st.text_area("Cypher", key=QUERY_KEY, height=180)
params_text = st.text_input("Parameters (JSON object)", key=PARAMS_KEY, help='For example {"name": "解振华"}')
limit_col, timeout_col, _ = st.columns([1, 1, 2])
row_limit = limit_col.number_input("Row limit", min_value=1, max_value=10000, value=1000, step=100)
time_limit = timeout_col.number_input("Time limit (s)", min_value=1.0, max_value=60.0, value=10.0, step=1.0)

GRAPH_NODES = 300  # nodes drawn at most (the first ones of the rows)
RESULT_KEY = "console_result"  # the last outcome, kept so that other widgets' reruns do not erase it


def run_query() -> dict:
    """Run the console's query; the outcome is an error sentence or the rows to show."""
    try:
        params = parse_params(params_text)
        result = store.read(cypher, params, limit=int(row_limit), timeout=float(time_limit))
    except ValueError as err:
        return {"error": str(err)}
    except ReadOnlyViolation as err:
        return {"error": f"This console is read-only. {err}"}
    except QueryError as err:
        return {"error": str(err)}
    except StoreError as err:
        forget_store()
        return {"error": UNREACHABLE.format(reason=str(err))}
    rows = [{column: table_cell(row.get(column)) for column in result.columns} for row in result.rows]
    graph = result_graph(result.rows)
    if len(graph["nodes"]) > GRAPH_NODES:  # a small graph beside the table, not a layout of thousands
        nodes = graph["nodes"][:GRAPH_NODES]
        kept = {n["id"] for n in nodes}
        edges = [e for e in graph["edges"] if e["source"] in kept and e["target"] in kept]
        graph = {"nodes": nodes, "edges": edges, "shown_of": len(graph["nodes"])}
    return {"columns": result.columns, "rows": rows, "truncated": result.truncated, "limit": int(row_limit),
            "graph": graph if graph["nodes"] else None}  # fmt: skip


if st.button("Run", type="primary"):
    st.session_state[RESULT_KEY] = run_query()

outcome = st.session_state.get(RESULT_KEY)
if outcome and "error" in outcome:
    st.error(outcome["error"])
elif outcome:
    stopped = f" — stopped at the row limit of {outcome['limit']}" if outcome["truncated"] else ""
    st.caption(f"{len(outcome['rows'])} row(s){stopped}")
    if outcome["rows"] and outcome.get("graph"):
        table_column, graph_column = st.columns([3, 2], gap="medium")
        table_column.dataframe(outcome["rows"], hide_index=True, width="stretch")
        with graph_column:
            graph = outcome["graph"]
            counted = f"{len(graph['nodes'])} node(s), {len(graph['edges'])} relationship(s) in these rows"
            if "shown_of" in graph:
                counted += f" (the first {GRAPH_NODES} of {graph['shown_of']} nodes drawn)"
            st.caption(counted)
            st.plotly_chart(result_figure(graph), key="console_graph", config={"displaylogo": False})
    elif outcome["rows"]:
        st.dataframe(outcome["rows"], hide_index=True, width="stretch")
    if outcome["rows"]:
        st.download_button(
            "Download these rows (CSV)", data=rows_as_csv(outcome["columns"], outcome["rows"]),
            file_name="policygraph_query.csv", mime="text/csv", on_click="ignore",
        )  # fmt: skip
    else:
        st.info("The query returned no rows.")
