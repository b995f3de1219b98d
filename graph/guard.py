"""A check of procedure calls in read-only queries, made BEFORE sending.

The guard is the server: the `reader` user of the embedded engine (its group
grants only `readRecord`; CREATE, MERGE, SET, REMOVE, DELETE, LOAD CSV, FOREACH,
IN TRANSACTIONS and schema changes are all refused by the database) and READ
access mode on Neo4j. Write clauses are therefore sent and refused there, so a
user sees the database's own refusal. Only procedure calls are checked here:
the embedded engine answers a writing procedure (``apoc.create.node``) with
"unknown procedure", which says nothing about why it cannot run.
"""

from __future__ import annotations

import re

from policygraph.graph.errors import ReadOnlyViolation

_STRINGS_AND_COMMENTS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.DOTALL
)
_CALL = re.compile(r"(?<![.$\w])CALL\s+([\w.]+)", re.IGNORECASE)
_WRITING_PROCEDURE = re.compile(
    r"create|merge|delete|remove|set|refactor|periodic|load|import|export|drop|kill|terminate|"
    r"clear|rebuild|upgrade|trigger|cypher\.(?:do)?it|cypher\.run",
    re.IGNORECASE,
)


def check_read_only(cypher: str) -> None:
    """Raise ReadOnlyViolation when the query's code calls a procedure whose name says it writes."""
    code = _STRINGS_AND_COMMENTS.sub(" ", cypher)
    for procedure in _CALL.findall(code):
        if _WRITING_PROCEDURE.search(procedure):
            raise ReadOnlyViolation(
                f"Refused: this console is read-only and the procedure {procedure} may change the graph."
            )
