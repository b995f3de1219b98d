"""The store's errors: each carries one sentence a user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """The graph database cannot be reached or refused the work.

    `code` is the database's own status code when it gave one
    (e.g. ``Neo.ClientError.Statement.AccessMode``), else "".
    """

    def __init__(self, message: str, *, code: str = ""):
        super().__init__(message)
        self.code = code


class ReadOnlyViolation(StoreError):
    """A query sent through the read-only path tried to change the graph."""


class QueryError(StoreError):
    """A query is malformed, timed out or failed inside the database."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and the database stopped it."""
