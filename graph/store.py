"""GraphStore: one connection to the graph (embedded ArcadeDB or Neo4j) over Bolt."""

from __future__ import annotations

import atexit
import concurrent.futures
import contextlib
import logging
import math
import os
import threading
import urllib.parse
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    CypherSyntaxError,
    DatabaseError,
    Forbidden,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from policygraph.graph import embedded, loader
from policygraph.graph.errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreError
from policygraph.graph.guard import check_read_only
from policygraph.graph.model import SCHEMA_STATEMENTS
from policygraph.graph.paths import resolve_db_dir
from policygraph.graph.values import plain

_OPEN_STORES: weakref.WeakSet[GraphStore] = weakref.WeakSet()
# Neo4j (not the embedded engine) sends a warning notification for every property key, label or
# relationship type it does not hold yet, e.g. on the first load into an empty graph; the driver
# logs each one to stderr, where it buried the CLI's one-line output. Errors still raise.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


@dataclass
class ReadResult:
    columns: list[str]
    rows: list[dict]
    truncated: bool


@dataclass
class LoadResult:
    doc_id: str
    skipped: bool
    events: int
    actors: int
    things: int
    mentions: int
    duplicate_of: str | None = None  # skipped: another document has the same content


def _unreachable(uri: str, err: Exception, data_dir: Path | None = None) -> StoreError:
    embedded_engine = not os.environ.get("NEO4J_URI")
    if data_dir is not None and not embedded.owns_server(data_dir) and not embedded.serves(data_dir, uri):
        # the engine this process attached to is gone: whatever the socket said, its owner stopped
        return StoreError(
            f"The graph database at {uri} stopped: the process that ran it for {data_dir} has exited. "
            "Run the command again (it starts the database itself when none is running)."
        )
    if "dns resolve" in str(err).lower():
        return StoreError(f"Cannot reach the graph database at {uri}: the host name could not be resolved.")
    if isinstance(err, AuthError):
        reason = "the user name or password was rejected"
        hint = (
            "The embedded server's server.json is out of date: stop the process that runs it and retry."
            if embedded_engine
            else "Check NEO4J_USER and NEO4J_PASSWORD."
        )
    else:
        reason = "connection refused"
        hint = (
            "Is it running? The process that started the embedded engine may have stopped: retry."
            if embedded_engine
            else "Is it running? Start it, or unset NEO4J_URI to use the embedded engine."
        )
    return StoreError(f"Cannot reach the graph database at {uri}: {reason}. {hint}")


# Named queries (pages, exports, ingest's lookups) stop after this: a page's query answers in
# milliseconds to seconds even at 100k events, so one that runs for a minute is a fault.
NAMED_QUERY_TIMEOUT_S = 60.0
# How long past its limit the client waits for the server to report a stopped query.
_SERVER_STOP_GRACE_S = 2.0


def _time_limit_message(timeout: float) -> str:
    return (
        f"The query ran past its time limit of {timeout:g} s and was stopped. "
        "Narrow it (a LIMIT, a date range, fewer variable-length hops)."
    )


def _check_limits(limit: int, timeout: float) -> None:
    if not isinstance(limit, int) or limit < 0:
        raise QueryError(f"The row limit must be a whole number of 0 or more, not {limit!r}.")
    if not (isinstance(timeout, int | float) and math.isfinite(timeout) and timeout > 0):
        raise QueryError(f"The time limit must be a number of seconds above 0, not {timeout!r}.")


_READ_ONLY_CODES = ("Neo.ClientError.Security.Forbidden", "Neo.ClientError.Statement.AccessMode")


def _query_error(err: Neo4jError, cypher: str) -> StoreError:
    code = getattr(err, "code", "") or ""
    message = embedded.strip_time_limit((getattr(err, "message", None) or str(err)).strip())
    message = (message.splitlines() or [""])[0]
    if embedded.BUSY_REASON in message:
        return QueryError(
            f"The console is busy: {embedded.CONSOLE_SLOTS} queries are running already. "
            "Try again in a moment."
        )
    if embedded.TIME_LIMIT_REASON in message:
        return QueryTimeout("The query ran past its time limit and was stopped by the database.")
    if isinstance(err, Forbidden) or code in _READ_ONLY_CODES or "read access mode" in message.lower():
        return ReadOnlyViolation(
            f"Refused by the database: the read-only connection may not change the graph ({message}).",
            code=code,
        )
    if isinstance(err, CypherSyntaxError):
        return QueryError(f"Cypher syntax error: {message}", code=code)
    if "Timeout" in code or "timed out" in message.lower() or "timeout" in message.lower():
        return QueryTimeout(f"The query ran past its time limit and was stopped ({message}).", code=code)
    return QueryError(f"The query failed: {message}", code=code)


class GraphStore:
    """The graph: `read()` for untrusted read-only Cypher, loaders and `counts()` for the pipeline."""

    def __init__(
        self,
        *,
        kind: str,
        uri: str,
        driver: neo4j.Driver,
        read_driver: neo4j.Driver,
        database: str | None,
        db_dir: Path | None = None,
        read_driver_factory=None,
    ):
        self.kind = kind
        self.uri = uri
        self.database = database
        self.db_dir = db_dir
        self._driver = driver
        self._read_driver = read_driver
        self._read_driver_factory = read_driver_factory or (lambda: read_driver)
        self._closed = False
        _OPEN_STORES.add(self)

    # -- life cycle -------------------------------------------------------------------
    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self._driver.close()
        if self._read_driver is not self._driver:
            with contextlib.suppress(Exception):
                self._read_driver.close()
        if self.kind == "embedded" and self.db_dir is not None:
            embedded.release(self.db_dir)

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _session(self, *, read_only: bool = False, trusted_read: bool = False) -> neo4j.Session:
        driver = self._read_driver if read_only else self._driver
        mode = neo4j.READ_ACCESS if (read_only or trusted_read) else neo4j.WRITE_ACCESS
        return driver.session(database=self.database, default_access_mode=mode)

    # -- schema and loading -----------------------------------------------------------
    def ensure_schema(self) -> None:
        """Uniqueness constraints on every id and the indexes of docs/schema.md (idempotent)."""
        with self._session() as session:
            for statement in SCHEMA_STATEMENTS:
                self._run_write(session, statement)

    def _run_write(self, session: neo4j.Session, cypher: str, **params: Any) -> None:
        try:
            session.run(cypher, params).consume()
        except (ServiceUnavailable, SessionExpired) as err:
            raise _unreachable(self.uri, err, self.db_dir) from None
        except Neo4jError as err:
            raise _query_error(err, cypher) from None

    def _write(self, work, *args: Any) -> Any:
        """Run `work(tx, *args)` in one write transaction: all of it or nothing."""
        try:
            with self._session() as session:
                return session.execute_write(work, *args)
        except (ServiceUnavailable, SessionExpired) as err:
            raise _unreachable(self.uri, err, self.db_dir) from None
        except Neo4jError as err:
            raise _query_error(err, "") from None

    def load_reference(self, reference: dict[str, list[dict]]) -> dict:
        """Actors, things, offices, memberships and curated milestones, as reference records
        (`graph.reference.reference_rows`; the CLI passes `policygraph.extract.reference_records`)."""
        from policygraph.graph.reference import reference_rows, write_reference

        try:
            rows = reference_rows(reference)
        except ValueError as err:
            raise StoreError(
                f"The reference data is outside the record contract, nothing loaded: {err}"
            ) from None

        def work(tx):
            return write_reference(tx, rows)

        return self._write(work)

    def load_document(
        self, doc, records: list[dict], *, batch_records: int = 2000, match_events: bool = True
    ) -> LoadResult:
        """Load one document's records in one transaction.

        Documents are keyed by `doc.id` (the extractor makes it from the file's name and path)
        and recognised by content: another document with the same sha256 -> skipped as its
        duplicate (`duplicate_of`). Unchanged sha256 and extractor version -> skipped with no
        work; changed -> its old mentions, the links only it had stated and the extracted events
        left without any mention are removed, then it is loaded again. With `match_events`, each
        record is matched against the events already in the graph (graph.matching), so that a
        real event stays one node whatever the order documents arrive in. A record outside the
        contract anywhere in the document rolls the whole document back.
        """
        doc_props = loader.document_props(doc)
        stored = self.read_trusted(
            "MATCH (d:Document {id: $id}) RETURN d.sha256 AS sha, d.extractor_version AS version",
            {"id": doc.id},
        )
        if (
            stored
            and doc_props["sha256"]
            and stored[0]["sha"] == doc_props["sha256"]
            and (stored[0]["version"] or "") == doc_props["extractor_version"]
        ):
            return LoadResult(doc.id, True, 0, 0, 0, 0)
        if doc_props["sha256"]:
            twins = self.read_trusted(
                "MATCH (d:Document) WHERE d.sha256 = $sha AND d.id <> $id RETURN d.id AS id ORDER BY id",
                {"sha": doc_props["sha256"], "id": doc.id},
            )
            if twins:
                return LoadResult(doc.id, True, 0, 0, 0, 0, duplicate_of=twins[0]["id"])

        def work(tx) -> LoadResult:
            tx.run("MERGE (d:Document {id: $id}) SET d += $props", id=doc.id, props=doc_props).consume()
            touched = set(loader.remove_document_mentions(tx, doc.id))
            matched = loader.matched_records(tx, records) if match_events else records
            events, actors, things, mentions = set(), set(), set(), set()
            for start in range(0, len(matched), batch_records):
                rows = loader.rows_for(matched[start : start + batch_records], doc.id)
                touched |= loader.write_document_rows(tx, rows, doc.id, mentions)
                events.update(r["id"] for r in rows.events)
                actors.update(r["id"] for items in rows.actors.values() for r in items)
                things.update(r["id"] for items in rows.things.values() for r in items)
            if match_events:  # several keys may now name one event: its props follow the smallest
                renamed = loader.canonicalize_events(tx, touched | events)
                touched = {renamed.get(e, e) for e in touched | events}
            loader.refresh_event_dates(tx, touched)
            return LoadResult(doc.id, False, len(events), len(actors), len(things), len(mentions))

        try:
            return self._write(work)
        except ValueError as err:
            raise StoreError(
                f"{doc.id}: a record is outside the record contract, nothing loaded: {err}"
            ) from None

    # -- reading ----------------------------------------------------------------------
    def read(
        self, cypher: str, params: dict | None = None, *, limit: int = 1000, timeout: float = 10.0
    ) -> ReadResult:
        """Run untrusted Cypher read-only: the server refuses writes (reader user / READ mode)."""
        check_read_only(cypher)
        return self._read_unguarded(cypher, params, limit=limit, timeout=timeout)

    def _read_unguarded(
        self, cypher: str, params: dict | None = None, *, limit: int = 1000, timeout: float = 10.0
    ) -> ReadResult:
        """The server-side guard alone (tests use it to show what the server itself refuses).

        Neo4j honours the transaction timeout itself. The embedded engine ignores it
        over Bolt, so there the limit goes with the query to the owning process's
        watchdog (graph/embedded.py), which stops the query in the engine. The client
        waits a little longer for that answer; if none comes it drops the reader's
        connections.
        """
        _check_limits(limit, timeout)
        if self.kind != "embedded":
            return self._collect(cypher, params, limit, timeout)
        tagged = embedded.tag_time_limit(cypher, min(timeout, embedded.CONSOLE_CEILING_S))
        worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="policygraph-read")
        future = worker.submit(self._collect, tagged, params, limit, timeout)
        try:
            return future.result(timeout=timeout + _SERVER_STOP_GRACE_S)
        except QueryTimeout:
            raise QueryTimeout(_time_limit_message(timeout)) from None
        except concurrent.futures.TimeoutError:
            self._reset_read_driver()
            raise QueryTimeout(_time_limit_message(timeout)) from None
        finally:
            worker.shutdown(wait=False)

    def _reset_read_driver(self) -> None:
        stale, self._read_driver = self._read_driver, self._read_driver_factory()
        threading.Thread(target=stale.close, daemon=True).start()

    def _collect(self, cypher: str, params: dict | None, limit: int, timeout: float) -> ReadResult:
        rows: list[dict] = []
        truncated = False
        try:
            # Auto-commit, not an explicit transaction: the embedded engine checks a
            # reader's write permission when a statement runs in auto-commit, but only
            # at commit time inside an explicit transaction (which we would roll back
            # silently instead of refusing).
            with self._session(read_only=True) as session:
                result = session.run(neo4j.Query(cypher, timeout=timeout), params or {})
                columns = list(result.keys())
                for record in result:
                    if len(rows) >= limit:
                        truncated = True
                        break
                    rows.append({key: plain(value) for key, value in record.items()})
        except (ServiceUnavailable, SessionExpired, AuthError) as err:
            raise _unreachable(self.uri, err, self.db_dir) from None
        except Neo4jError as err:
            raise _query_error(err, cypher) from None
        return ReadResult(columns, rows, truncated)

    def read_trusted(
        self, cypher: str, params: dict | None = None, *, timeout: float = NAMED_QUERY_TIMEOUT_S
    ) -> list[dict]:
        """Fixed queries of this package (named queries, exports): admin connection, READ mode,
        no row cap, and a time limit of their own that the server enforces (Neo4j: the
        transaction timeout; the embedded engine: the watchdog reads it from the query)."""
        _check_limits(0, timeout)
        query = embedded.tag_time_limit(cypher, timeout) if self.kind == "embedded" else cypher
        try:
            with self._session(trusted_read=True) as session:
                result = session.run(neo4j.Query(query, timeout=timeout), params or {})
                return [{key: plain(value) for key, value in record.items()} for record in result]
        except (ServiceUnavailable, SessionExpired, AuthError) as err:
            raise _unreachable(self.uri, err, self.db_dir) from None
        except Neo4jError as err:
            error = _query_error(err, cypher)
            if isinstance(error, QueryTimeout):
                raise QueryTimeout(_time_limit_message(timeout), code=error.code) from None
            raise error from None

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type."""
        counts: dict[str, int] = {}
        for row in self.read_trusted("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"):
            counts[row["label"]] = row["n"]
        for row in self.read_trusted("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"):
            counts[row["type"]] = row["n"]
        return counts


def _connect(uri: str, auth: tuple[str, str]) -> neo4j.Driver:
    driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=5.0, max_connection_pool_size=20)
    try:
        driver.verify_connectivity()
    except (ServiceUnavailable, SessionExpired, AuthError, OSError) as err:
        driver.close()
        raise _unreachable(uri, err) from None
    except (ClientError, DatabaseError) as err:
        driver.close()
        raise StoreError(f"Cannot reach the graph database at {uri}: {err.message}.") from None
    return driver


_BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _check_uri(uri: str) -> None:
    """NEO4J_URI must name a Bolt server: the driver's own errors for others are tracebacks."""
    parts = urllib.parse.urlsplit(uri)
    if parts.scheme not in _BOLT_SCHEMES or not parts.hostname:
        raise StoreError(
            f"NEO4J_URI must be a bolt:// or neo4j:// address such as bolt://localhost:7687, not {uri!r}."
        )


def open_store(db_dir: Path | None = None, *, start_embedded: bool = True) -> GraphStore:
    """Neo4j when NEO4J_URI is set; else the embedded engine of `db_dir` (the database folder:
    started here, or the one another process runs, found through DB_DIR/server.json)."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        _check_uri(uri)
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
        driver = _connect(uri, auth)
        read_user = os.environ.get("NEO4J_READ_USER")
        read_driver = driver
        if read_user:
            read_driver = _connect(uri, (read_user, os.environ.get("NEO4J_READ_PASSWORD", "")))
        return GraphStore(
            kind="neo4j",
            uri=uri,
            driver=driver,
            read_driver=read_driver,
            database=os.environ.get("NEO4J_DATABASE") or None,
        )
    folder = resolve_db_dir(db_dir)
    info = embedded.acquire(folder, start=start_embedded)
    try:
        driver = _connect(info.uri, (info.admin_user, info.admin_password))
        read_driver = _connect(info.uri, (info.reader_user, info.reader_password))
    except StoreError:
        embedded.release(folder)
        raise
    return GraphStore(
        kind="embedded",
        uri=info.uri,
        driver=driver,
        read_driver=read_driver,
        database=info.database,
        db_dir=folder,
        read_driver_factory=lambda: _connect(info.uri, (info.reader_user, info.reader_password)),
    )


@embedded.before_stop
@atexit.register
def _close_open_stores() -> None:
    """Close drivers before the embedded server stops (registered after it, so run before it)."""
    for store in list(_OPEN_STORES):
        with contextlib.suppress(Exception):
            store.close()
