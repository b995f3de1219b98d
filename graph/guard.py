"""A conservative second guard for read-only queries, checked BEFORE sending.

The main guard is the server: the `reader` user of the embedded engine (its
group grants only `readRecord`) and READ access mode on Neo4j. This check only
exists because the embedded engine lets a reader run `DROP INDEX` and `DROP
CONSTRAINT`; it refuses any query whose code (outside strings and comments)
uses a write clause or calls a procedure whose name says it writes.
"""

from __future__ import annotations

import re

from policygraph.graph.errors import ReadOnlyViolation

_STRINGS_AND_COMMENTS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.DOTALL
)
# A keyword preceded by `.` or `$` is a property or parameter name, not a clause.
_WRITE_CLAUSES = re.compile(
    r"(?<![.$\w])(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH|ALTER|RENAME|GRANT|DENY|REVOKE"
    r"|LOAD\s+CSV|IN\s+TRANSACTIONS|(?:START|STOP)\s+DATABASE)(?!\w)",
    re.IGNORECASE,
)
_CALL = re.compile(r"(?<![.$\w])CALL\s+([\w.]+)", re.IGNORECASE)
_WRITING_PROCEDURE = re.compile(
    r"create|merge|delete|remove|set|refactor|periodic|load|import|export|drop|kill|terminate|"
    r"clear|rebuild|upgrade|trigger|cypher\.(?:do)?it|cypher\.run",
    re.IGNORECASE,
)


def check_read_only(cypher: str) -> None:
    """Raise ReadOnlyViolation when the query's code contains a write clause or a writing procedure."""
    code = _STRINGS_AND_COMMENTS.sub(" ", cypher)
    clause = _WRITE_CLAUSES.search(code)
    if clause:
        word = " ".join(clause.group(1).upper().split())
        raise ReadOnlyViolation(
            f"Refused: this console is read-only and the query uses {word}. "
            "Only reading queries (MATCH … RETURN) are allowed."
        )
    for procedure in _CALL.findall(code):
        if _WRITING_PROCEDURE.search(procedure):
            raise ReadOnlyViolation(
                f"Refused: this console is read-only and the procedure {procedure} may change the graph."
            )
