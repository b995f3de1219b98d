"""The documentation folder, installed as `policygraph.docs` for one file: `schema.md`.

The Cypher console and `tests/test_schema_queries.py` read the example queries of
`schema.md` (one source of truth for the doc and the UI), so the installed package ships it.
"""
