"""The graph stage: the store (embedded ArcadeDB or Neo4j over Bolt), loading, named queries, exports.

Public entry: `open_store`, `GraphStore`, `queries`, `exports`; the model is
documented in docs/schema.md.
"""

from policygraph.graph.errors import QueryError, ReadOnlyViolation, StoreError
from policygraph.graph.store import GraphStore, LoadResult, ReadResult, open_store

__all__ = [
    "GraphStore",
    "LoadResult",
    "QueryError",
    "ReadOnlyViolation",
    "ReadResult",
    "StoreError",
    "open_store",
]
