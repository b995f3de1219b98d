# Two commands do everything on a fresh machine:
#   make run   — create .venv, install, ingest the bundled corpus, open the UI
#   make test  — install what the tests need (Debian chromium for the browser test), lint, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run install install-dev browser ingest serve test lint bench clean

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

ingest: install
	$(BIN)/policygraph ingest

serve: install
	$(BIN)/policygraph serve --port $(PORT)

test: install-dev browser
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: install-dev
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_graph.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
