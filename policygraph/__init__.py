"""policygraph: policy-event timelines and actor networks from policy texts.

Stages: `policygraph.extract` (text → event records), `policygraph.graph`
(records → Neo4j or the embedded engine, named queries, exports) and
`policygraph.ui` (Streamlit pages). The CLI in `policygraph.cli` wires them.
"""

__version__ = "0.1.0"
