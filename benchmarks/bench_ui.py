"""UI benchmark: each page of the Streamlit UI on a synthetic 100k-event store, timed in chromium.

    .venv/bin/python benchmarks/bench_ui.py [--events 100000] [--runs 3] [--ui-url URL --data-dir DIR]

Builds the synthetic store of bench_graph.py (same generator and seed) in a temporary folder,
starts the UI on it the way `policygraph serve` does (policygraph.ui.launch), and opens every
page in headless Debian chromium. "Interactive" is when the page's script run has finished
and no element is still a skeleton (the page can be read and used). The first visit of a page
fills Streamlit's caches; the figures are the first visit and the median of the next runs.
Goal (issue 10): every page < 1 s at 100k events.

`--ui-url URL --data-dir DIR` times a UI that is already running on a store already loaded
(the figures of a second look at the same pages without loading 100k events again); the
report then says nothing of the load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from policygraph.extract import DocumentInfo
from policygraph.graph import open_store

sys.path.insert(0, str(Path(__file__).parent))
from bench_graph import synthetic_records  # noqa: E402 — the same synthetic corpus as the graph benchmark

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
NO_SKELETON = "() => !document.querySelector(\"[data-testid='stSkeleton']\")"
PAGES = {
    "timeline": "/",
    "timeline, one actor": "/?actors={actor}",
    "timeline, one month": "/?period=2016-09-01..2016-09-30",
    "timeline, page 300 of the list": "/?page=300",
    "network": "/network",
    "network, ego view": "/network?actor={actor}",
    "actor": "/actor?actor={actor}",
    "agreement": "/agreement?agreement={thing}",
    "console": "/console",
    "about": "/about",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the UI at {url} did not start within {timeout_s} s")


def time_to_interactive(browser, url: str, timeout_ms: int = 600_000) -> float:
    """`browser` is a browser (a new context per page: nothing cached, Streamlit's and plotly's
    scripts loaded again) or one context (its HTTP cache kept, as for a reader going on)."""
    fresh = hasattr(browser, "new_context")  # a Browser, not a BrowserContext
    page = browser.new_page(viewport={"width": 1440, "height": 1100}) if fresh else browser.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout_ms)
    page.wait_for_timeout(200)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms)
    page.wait_for_function(NO_SKELETON, timeout=timeout_ms)
    seconds = time.perf_counter() - started
    page.close()
    return seconds


PAGE_FILES = {
    "": "timeline_page.py", "network": "network_page.py", "actor": "actor_page.py",
    "agreement": "agreement_page.py", "console": "console_page.py", "about": "about_page.py",
}  # fmt: skip


def script_times(data_dir: str, actor_id: str, thing_id: str, report: dict) -> None:
    """Each page's script run in this process (Streamlit's AppTest, no browser): the time the
    server spends on the page, first with empty caches, then again with them filled."""
    import urllib.parse

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["POLICYGRAPH_DATA_DIR"] = data_dir
    app = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")
    for name, path in PAGES.items():
        address = urllib.parse.urlsplit(path.format(actor=actor_id, thing=thing_id))
        params = dict(urllib.parse.parse_qsl(address.query))
        times = []
        for empty in (True, False):
            at = AppTest.from_file(app, default_timeout=600)
            for key, value in params.items():
                at.query_params[key] = value
            at.run()  # the connection and Streamlit itself, not timed
            if empty:
                st.cache_data.clear()
            started = time.perf_counter()
            if address.path.strip("/"):
                at.switch_page(PAGE_FILES[address.path.strip("/")])
                for key, value in params.items():
                    at.query_params[key] = value
            at.run()
            times.append(time.perf_counter() - started)
            if at.exception:
                raise SystemExit(f"{name}: {at.exception[0].value}")
        report["script_s"][name] = {"empty_caches": round(times[0], 2), "filled": round(times[1], 2)}
        print("script", name, report["script_s"][name], f"load average {os.getloadavg()[0]:.1f}",
              file=sys.stderr, flush=True)  # fmt: skip


def busiest(store) -> tuple[dict, str]:
    """The actor in most events (the heaviest actor page) and the agreement or initiative with most."""
    actor = store.read_trusted(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) WITH a, count(e) AS n "
        "RETURN a.id AS id, n ORDER BY n DESC LIMIT 1"
    )[0]
    thing = store.read_trusted(
        "MATCH (e:Event)-[:CONCERNS]->(t) WITH t, count(e) AS n RETURN t.id AS id ORDER BY n DESC LIMIT 1"
    )
    return actor, (thing[0]["id"] if thing else "")


def time_pages(url: str, actor_id: str, thing_id: str, runs: int, report: dict) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # A reader's browser keeps Streamlit's scripts (about 3 s to fetch and parse on this
        # machine) after the first page: one context for every visit, warmed by one page.
        context = browser.new_context(viewport={"width": 1440, "height": 1100})
        report["cold_browser_console_s"] = round(time_to_interactive(browser, url + "/console"), 2)
        time_to_interactive(context, url + "/console")
        for name, path in PAGES.items():
            address = url + path.format(actor=actor_id, thing=thing_id)
            times = [time_to_interactive(context, address) for _ in range(runs + 1)]
            report["pages"][name] = {
                "first_s": round(times[0], 2),
                "then_median_s": round(statistics.median(times[1:]), 2),
            }
            print(name, report["pages"][name], f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr,
                  flush=True)  # fmt: skip
        context.close()
        browser.close()


def run_on_fresh_store(args, report: dict) -> None:
    """Load the synthetic store into a new embedded engine, start the UI on it, time the pages."""
    records = synthetic_records(args.events, random.Random(args.seed))
    by_doc: dict[str, list[dict]] = {}
    for record in records:
        by_doc.setdefault(record["doc"], []).append(record)
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-ui-") as folder:
        os.environ.pop("NEO4J_URI", None)
        with open_store(Path(folder)) as store:  # this process runs the engine; the UI connects to it
            store.ensure_schema()
            started = time.perf_counter()
            for doc_id, doc_records in by_doc.items():
                # distinct by construction, as in bench_graph.py: no store-side matching
                store.load_document(
                    DocumentInfo(id=doc_id, path=Path(doc_id), title=doc_id, sha256=doc_id), doc_records,
                    match_events=False,
                )  # fmt: skip
            report["load_s"] = round(time.perf_counter() - started, 1)
            actor, thing = busiest(store)
            report["busiest_actor_events"] = actor["n"]
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            app = Path(__file__).resolve().parents[1] / "ui" / "app.py"
            ui = subprocess.Popen(
                [sys.executable, "-m", "policygraph.ui.launch", "run", str(app), "--server.port", str(port),
                 "--server.address", "127.0.0.1", "--server.headless", "true",
                 "--browser.gatherUsageStats", "false"],
                env={**os.environ, "POLICYGRAPH_DATA_DIR": folder},
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                wait_healthy(url)
                time_pages(url, actor["id"], thing, args.runs, report)
            finally:
                ui.terminate()
                ui.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ui-url", help="time a UI already running (on the store of --data-dir)")
    parser.add_argument("--data-dir", help="the database folder of the running UI's store")
    parser.add_argument(
        "--script-only", action="store_true", help="time each page's script run here, no browser (--data-dir)"
    )
    args = parser.parse_args()
    if bool(args.ui_url) != bool(args.data_dir) and not args.script_only:
        parser.error("--ui-url and --data-dir go together")
    if args.script_only and not args.data_dir:
        parser.error("--script-only needs --data-dir")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped early: still stop the UI and the engine

    report: dict = {"events": args.events, "pages": {}, "script_s": {}}
    if args.data_dir:
        os.environ.pop("NEO4J_URI", None)
        with open_store(Path(args.data_dir), start_embedded=False) as store:
            actor, thing = busiest(store)
        report["busiest_actor_events"] = actor["n"]
        if args.script_only:
            script_times(args.data_dir, actor["id"], thing, report)
        else:
            time_pages(args.ui_url.rstrip("/"), actor["id"], thing, args.runs, report)
    else:
        run_on_fresh_store(args, report)
    report["goal_s"] = 1.0
    report["meets_goal"] = all(p["then_median_s"] < 1.0 for p in report["pages"].values())
    report["load_average_1min"] = round(os.getloadavg()[0], 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
