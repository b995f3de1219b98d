"""A check of procedure calls in read-only queries, made BEFORE sending.

The guard is the server: the `reader` user of the embedded engine (its group
grants only `readRecord`; CREATE, MERGE, SET, REMOVE, DELETE, LOAD CSV, FOREACH,
IN TRANSACTIONS and schema changes are all refused by the database) and READ
access mode on Neo4j. Write clauses are therefore sent and refused there, so a
user sees the database's own refusal. Checked here: schema commands (the engine
accepts a DROP … IF EXISTS that finds nothing) and procedure calls:
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


# Schema and administration commands. The server refuses those that would change
# something, but answers `DROP CONSTRAINT foo IF EXISTS` (nothing to drop) with success:
# the read-only path refuses every one of them alike.
_SCHEMA_COMMAND = re.compile(
    r"(?<![.$\w])(?:CREATE|DROP|ALTER)\s+(?:OR\s+REPLACE\s+)?"
    r"(?:(?:RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR|BTREE)\s+)?"
    r"(CONSTRAINT|INDEX|DATABASE|COMPOSITE\s+DATABASE|ALIAS|USER|ROLE)\b"
    r"|(?:^|;)\s*(GRANT|DENY|REVOKE)\s",
    re.IGNORECASE | re.MULTILINE,
)


def check_read_only(cypher: str) -> None:
    """Raise ReadOnlyViolation for a schema command, or a call of a procedure whose name says it writes."""
    code = _STRINGS_AND_COMMENTS.sub(" ", cypher)
    schema = _SCHEMA_COMMAND.search(code)
    if schema:
        command = " ".join(schema.group(0).split()).upper()
        raise ReadOnlyViolation(
            f"Refused: this console is read-only and schema commands ({command}) may change the graph."
        )
    for procedure in _CALL.findall(code):
        if _WRITING_PROCEDURE.search(procedure):
            raise ReadOnlyViolation(
                f"Refused: this console is read-only and the procedure {procedure} may change the graph."
            )
