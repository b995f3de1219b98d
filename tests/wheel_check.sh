#!/usr/bin/env bash
# The installed package works without the checkout: build the wheel, install it (not editable)
# into a fresh venv in a temporary folder, and run extract, ingest, query and a short serve from
# there. Called by .ci/run after `make test`; the pip cache is warm by then.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout_dir=$(pwd)
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "wheel check: building the wheel"
# from a copy of the tracked files: the build leaves nothing in the checkout, and a file the
# package needs but git does not track fails here rather than on a user's machine
mkdir "$work/src"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work/src"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$work/src" >/dev/null
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$work"/dist/policygraph-*.whl
cd "$work"  # nothing of the checkout is reachable from here
export POLICYGRAPH_DATA_DIR="$work/db"
unset POLICYGRAPH_RESOURCES
pg="$work/venv/bin/policygraph"

bundled=$("$work/venv/bin/python" -c \
    "from policygraph.extract.knowledge import bundled_corpus_dir; print(bundled_corpus_dir())")
case "$bundled" in "$work"/*) ;; *) echo "wheel check: the corpus is read from $bundled"; exit 1 ;; esac

echo "wheel check: extract, ingest, query"
"$pg" extract --no-ner "$bundled/004_df5491b8e29ad4b0.txt" --out "$work/events.jsonl"
test -s "$work/events.jsonl"
"$pg" ingest
n=$("$pg" query "MATCH (e:Event) RETURN count(e) AS n" --format csv | tail -n 1 | tr -d "\r")
[ "$n" -gt 100 ] || { echo "wheel check: only $n events after ingest"; exit 1; }
examples=$("$work/venv/bin/python" -c \
    "from policygraph.graph.queries import example_queries; print(len(example_queries()))")
[ "$examples" -ge 15 ] || { echo "wheel check: $examples console examples"; exit 1; }

# the installed extractor fingerprints itself as the checkout does: a graph loaded from one
# is not re-extracted by the other for nothing
fingerprint='from policygraph.extract.knowledge import default_knowledge_dir as d
from policygraph.extract.pipeline import pipeline_fingerprint as f
print(f(d()))'
installed=$("$work/venv/bin/python" -c "$fingerprint")
if [ -x "$checkout_dir/.venv/bin/python" ]; then
    checkout=$(cd "$checkout_dir" && .venv/bin/python -c "$fingerprint")
    [ "$installed" = "$checkout" ] || { echo "wheel check: fingerprint $installed != checkout $checkout"; exit 1; }
fi

echo "wheel check: serve"
port=$("$work/venv/bin/python" -c \
    "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$pg" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
healthy=""
for _ in $(seq 1 120); do
    if "$work/venv/bin/python" -c "import sys, urllib.request
sys.exit(urllib.request.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=2).status != 200)" \
        2>/dev/null; then healthy=yes; break; fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
done
[ -n "$healthy" ] || { cat "$work/serve.log"; echo "wheel check: serve did not answer"; exit 1; }
echo "wheel check: passed ($n events, $examples console examples, UI answered on port $port)"
