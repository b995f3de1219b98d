"""The UI in a real browser: `policygraph serve` on a fresh data folder, opened in headless Debian chromium.

Needs /usr/bin/chromium (CI installs Debian's `chromium`); never downloads a browser. Saves the
screenshots used by docs/ui.md and the README (docs/img/timeline.png, docs/img/network.png).
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "img"
START_TIMEOUT_S = 600  # a fresh data folder means starting the engine and ingesting the corpus first
EVENT_TITLE, EVENT_DATE = "中美气候变化联合声明", "2014-11-12"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt install chromium)"
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pump(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)


def wait_for_url(server: subprocess.Popen, lines: queue.Queue, log: list[str]) -> str:
    """The URL `serve` prints once the UI is starting; the server's output is kept for failure messages."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"`policygraph serve` exited with {server.returncode}:\n" + "".join(log[-40:]))
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        log.append(line)
        if "http://" in line:
            return line[line.index("http://") :].split()[0]
    pytest.fail(f"`policygraph serve` printed no URL within {START_TIMEOUT_S} s:\n" + "".join(log[-40:]))


def wait_until_healthy(url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the Streamlit server at {url} did not answer its health check within {timeout_s} s")


def stop(server: subprocess.Popen) -> int:
    """Ctrl+C for `serve`, as a user would; it stops Streamlit and closes the embedded database."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return server.returncode


@pytest.fixture(scope="module")
def served_ui(new_graph) -> Iterator[str]:
    """`serve` on a new, empty graph of the session's backend (it ingests the corpus first)."""
    target = new_graph("served")
    data_dir = target.data_dir
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(target.env, PYTHONUNBUFFERED="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "policygraph", "serve", "--port", str(port), "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_pump, args=(server.stdout, lines), daemon=True).start()
    log: list[str] = []
    try:
        url = wait_for_url(server, lines, log).rstrip("/").replace("localhost", "127.0.0.1")
        wait_until_healthy(url)
        yield url
    finally:
        code = stop(server)
    assert code in (0, -signal.SIGINT), "`serve` did not stop cleanly:\n" + "".join(log[-40:])
    assert not (data_dir / "server.json").exists(), "the discovery file outlived the server"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


def open_page(browser, url: str, height: int = 1100):
    page = browser.new_page(viewport={"width": 1440, "height": height})
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=60_000)
    return page


def show_event(page, date_iso: str, title_part: str) -> None:
    """Choose an event in the detail picker by typing its date, as a reader would."""
    picker = page.get_by_label("Event detail")
    picker.click()
    page.keyboard.type(date_iso)
    page.get_by_role("option").filter(has_text=title_part).first.click()


def test_timeline_shows_the_2014_joint_announcement_with_its_sources(served_ui, browser):
    page = open_page(browser, served_ui, height=1700)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    assert page.locator(".js-plotly-plot .scatterlayer path.point").count() > 10  # one point per event

    # A reader searching for the announcement finds it in the list (the grid's cells are in the DOM).
    search = page.get_by_label("Search titles and names")
    search.fill(EVENT_TITLE)
    search.press("Enter")
    cells = page.locator("[role=gridcell]")
    cells.filter(has_text=EVENT_TITLE).first.wait_for(state="attached", timeout=30_000)
    assert cells.filter(has_text=EVENT_DATE).count() >= 1

    # Clicking a point of the chart opens that event's sources.
    page.locator(".js-plotly-plot .scatterlayer path.point").first.click(force=True)
    page.get_by_text("Source sentences (").first.wait_for(state="visible", timeout=30_000)

    show_event(page, EVENT_DATE, EVENT_TITLE)
    detail = page.get_by_role("heading").filter(has_text=EVENT_TITLE).first
    detail.wait_for(state="visible", timeout=30_000)
    page.get_by_text(f"Date {EVENT_DATE}").first.wait_for(state="visible")
    assert page.get_by_text("Source sentences").first.is_visible()
    assert page.locator("[data-testid='stException']").count() == 0

    # Back to the whole timeline: the chosen event stays open beside the list.
    search.fill("")
    search.press("Enter")
    search.blur()
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .scatterlayer path.point').length > n", arg=10
    )
    detail.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(1000)  # let plotly finish drawing before the picture
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "timeline.png"), full_page=True)
    page.close()


def test_network_page_draws_actors_and_offers_exports(served_ui, browser):
    page = open_page(browser, f"{served_ui}/network", height=1100)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    assert page.locator(".js-plotly-plot .scatterlayer path.point").count() >= 5
    for label in ("GEXF (Gephi)", "GraphML", "TimelineJS"):
        assert page.get_by_role("button", name=label).is_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    page.wait_for_timeout(1000)  # let plotly finish drawing before the picture
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "network.png"), full_page=True)

    # Clicking a node opens that actor: its events are listed below the exports.
    page.locator(".js-plotly-plot .scatterlayer path.point").first.click(force=True)
    page.get_by_text("Events (").first.wait_for(state="visible", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()
