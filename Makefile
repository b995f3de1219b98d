# Two commands do everything on a fresh machine:
#   make run   — create .venv, install, ingest the bundled corpus, open the UI
#   make test  — install what the tests need (Debian chromium for the browser test, a JDK 17 and
#                Maven for the real Neo4j), lint, run the tests on both graph engines
#   make test-neo4j — the graph, CLI, export and UI tests on a real Neo4j 5.26 only
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run install install-dev browser java neo4j-jars ingest serve test test-neo4j lint bench clean

run: install ingest serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

# Debian's chromium (and CJK fonts for readable screenshots) for the browser test;
# the test skips with a reason where it cannot be installed (no root).
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

# A JDK 17 and Maven for the real Neo4j 5.26 of the tests (tests/neo4j/), from Debian when
# missing and run as root; then Maven fetches Neo4j's jars once (into ~/.m2) and javac compiles
# the starter. Where this cannot be done, the Neo4j half of `make test` skips with the reason.
java:
	@if { ! command -v javac >/dev/null || ! command -v mvn >/dev/null; } && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null \
			|| echo "Could not install openjdk-17-jdk-headless and maven."; \
	fi

neo4j-jars: install-dev java
	@$(BIN)/python tests/neo4j_server.py --prepare || echo "Neo4j tests will be SKIPPED: see the line above."

ingest: install
	$(BIN)/policygraph ingest

serve: install
	$(BIN)/policygraph serve --port $(PORT)

test: install-dev browser neo4j-jars
	$(BIN)/ruff check .
	$(BIN)/pytest -q

test-neo4j: install-dev java
	$(BIN)/python tests/neo4j_server.py --prepare
	$(BIN)/pytest -q --backend neo4j

bench: install-dev
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_graph.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
