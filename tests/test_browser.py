"""The UI in a real browser: `policygraph serve` on a fresh data folder, opened in headless Debian chromium.

Needs /usr/bin/chromium (CI installs Debian's `chromium`); never downloads a browser. Saves the
screenshots used by docs/ui.md and the README (docs/img/timeline.png, docs/img/network.png).
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "img"
START_TIMEOUT_S = 600  # a fresh data folder means starting the engine and ingesting the corpus first
STATEMENT = "Joint Statement Addressing the Climate Crisis"  # the curated 2021-04-17 milestone

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


@contextlib.contextmanager
def serving(target, data_dir: Path) -> Iterator[str]:
    """`policygraph serve` of ``data_dir`` on the target's backend, stopped cleanly afterwards."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(target.env, PYTHONUNBUFFERED="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "policygraph", "serve", "--port", str(free_port()),
         "--data-dir", str(data_dir)],
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


@pytest.fixture(scope="module")
def served_ui(new_graph) -> Iterator[str]:
    """`serve` on a new, empty graph of the session's backend (it ingests the corpus first)."""
    if os.environ.get("POLICYGRAPH_TEST_UI_URL"):  # a UI already running (while working on the UI)
        SERVED["data_dir"] = Path(os.environ["POLICYGRAPH_DATA_DIR"])
        yield os.environ["POLICYGRAPH_TEST_UI_URL"].rstrip("/")
        return
    target = new_graph("served")
    data_dir = target.data_dir
    SERVED["data_dir"] = data_dir
    SERVED["target"] = target
    with serving(target, data_dir) as url:
        yield url
    assert not (data_dir / "server.json").exists(), "the discovery file outlived the server"


LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SERVED: dict = {}  # the data folder (and GraphTarget) of the served graph (the bundled corpus)


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


class Traffic:
    """Every request a page makes: none may leave the machine, none may fail (4xx/5xx)."""

    def __init__(self) -> None:
        self.remote: list[str] = []
        self.failed: list[str] = []

    def watch(self, page) -> None:
        page.on("request", self._request)
        page.on("response", self._response)

    def _request(self, request) -> None:
        host = urllib.parse.urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            self.remote.append(request.url)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def check(self) -> None:
        assert not self.remote, f"requests left the machine: {self.remote}"
        assert not self.failed, f"failed requests: {self.failed}"


@pytest.fixture
def traffic() -> Iterator[Traffic]:
    watched = Traffic()
    yield watched
    watched.check()


def idle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the script run that the last action started has finished."""
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms)
    # Elements not yet drawn show as skeletons for a moment after the run.
    no_skeleton = "() => !document.querySelector(\"[data-testid='stSkeleton']\")"
    page.wait_for_function(no_skeleton, timeout=timeout_ms)


def open_page(browser, url: str, traffic: Traffic | None = None, height: int = 1100):
    page = browser.new_page(viewport={"width": 1440, "height": height}, accept_downloads=True)
    if traffic is not None:
        traffic.watch(page)
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=60_000)
    idle(page)
    return page


def choose(page, label: str, typed: str, option_text: str) -> None:
    """Pick in a selectbox or multiselect by typing, as a reader would."""
    page.get_by_label(label, exact=True).first.click()
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=option_text).first.click()
    idle(page)


def show_event(page, date_iso: str, title_part: str) -> None:
    """Choose an event in the detail picker by typing its date."""
    choose(page, "Event detail", date_iso, title_part)


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0


def screenshot(page, name: str) -> None:
    page.wait_for_timeout(800)  # let plotly finish drawing before the picture
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def summary_line(page, words: str) -> str:
    return page.locator("[data-testid='stMarkdownContainer']").filter(has_text=words).first.inner_text()


def test_historian_filters_kerry_in_2021_opens_the_joint_statement_and_shares_the_view(
    served_ui, browser, traffic
):
    page = open_page(browser, served_ui, traffic, height=1500)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    assert page.locator(".js-plotly-plot .scatterlayer path.point").count() > 10
    assert "2008-06-01 – 2023-11-15" in summary_line(page, "events")  # the default period

    choose(page, "Actor", "Kerry", "John Kerry")
    for end, typed in (("start", "20210101"), ("end", "20211231")):  # year, month, day segments
        page.get_by_label(f"year, From – to {end} date").click()
        page.keyboard.type(typed)
    page.keyboard.press("Escape")  # the range is sent when the calendar closes and the field loses focus
    page.get_by_role("heading").first.click()
    idle(page)
    assert "2021-01-01 – 2021-12-31" in summary_line(page, "events")

    show_event(page, "2021-04-17", STATEMENT)
    page.get_by_role("heading").filter(has_text=STATEMENT).first.wait_for()
    page.get_by_text("Source sentences (").first.wait_for(state="visible")
    no_exception(page)
    shared = page.url
    for part in ("actors=person%3Ajohn-kerry", "period=2021-01-01..2021-12-31", "event="):
        assert part in shared or part.replace("%3A", ":") in shared, shared
    screenshot(page, "timeline.png")
    count = summary_line(page, "events")

    # The copied address opens the same view in a new page.
    again = open_page(browser, shared, traffic, height=1500)
    again.get_by_role("heading").filter(has_text=STATEMENT).first.wait_for()
    assert summary_line(again, "events") == count
    assert again.locator("[data-testid='stSidebar']").get_by_text("John Kerry").first.is_visible()
    no_exception(again)
    again.close()

    # A point of the chart opens its event beside the chart.
    page.locator(".js-plotly-plot .scatterlayer path.point").first.click(force=True)
    idle(page)
    page.get_by_text("Source sentences (").first.wait_for(state="visible")
    page.close()


def test_journalist_explores_an_ego_network_in_english_and_exports_it(served_ui, browser, traffic, tmp_path):
    import networkx as nx

    page = open_page(browser, f"{served_ui}/network?lang=zh", traffic, height=1400)  # opened directly
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    assert page.get_by_role("heading", name="行为体网络").is_visible()
    choose(page, "以某行为体为中心（个体网络）", "Kerry", "John Kerry")
    page.get_by_text("English", exact=True).click()
    idle(page)
    summary = summary_line(page, "centred on")
    assert "John Kerry" in summary and "lang=zh" not in page.url and "actor=person" in page.url
    actors = int(summary.split(" actors")[0].strip("* "))
    screenshot(page, "network.png")

    with page.expect_download() as download:
        page.get_by_role("button", name="GEXF (Gephi)").click()
    path = tmp_path / "ego.gexf"
    download.value.save_as(path)
    graph = nx.read_gexf(path)
    assert "person:john-kerry" in graph.nodes and graph.number_of_nodes() == actors
    assert "person-john-kerry" in download.value.suggested_filename

    # Clicking a node re-centres the view on that actor.
    page.locator(".js-plotly-plot .scatterlayer path.point").last.click(force=True)
    idle(page)
    page.get_by_text("Events (").first.wait_for(state="visible")
    no_exception(page)
    page.close()


def test_actor_and_agreement_pages_open_from_names(served_ui, browser, traffic):
    page = open_page(browser, f"{served_ui}/?event=ms-2014-11-12-joint-announcement", traffic, height=1400)
    page.get_by_role("link", name="Barack Obama").first.click()
    idle(page)
    assert "/actor" in page.url and "actor=person" in page.url
    page.get_by_text("Offices held").first.wait_for(state="visible")
    page.get_by_role("heading", name="Co-actors").wait_for()
    no_exception(page)
    screenshot(page, "actor.png")

    page.goto(f"{served_ui}/agreement?agreement=agreement:paris-agreement")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    idle(page)
    page.get_by_role("heading", name="Paris Agreement").first.wait_for()
    no_exception(page)
    screenshot(page, "agreement.png")

    page.goto(f"{served_ui}/?actor=person:nobody&event=nothing")
    idle(page)
    assert page.locator("[data-testid='stAlertContentWarning']").filter(has_text="event=nothing").count() == 1
    page.close()


def test_cypher_user_runs_an_example_and_downloads_csv(served_ui, browser, traffic, tmp_path):
    page = open_page(browser, f"{served_ui}/console", traffic)
    choose(page, "Example queries", "as a graph", "as a graph")
    page.get_by_role("button", name="Run").click()
    idle(page)
    page.locator("[role=gridcell]").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)  # the rows' paths drawn beside the table
    assert page.locator(".js-plotly-plot .scatterlayer path.point").count() >= 3
    assert page.get_by_text("relationship(s) in these rows").is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these rows (CSV)").click()
    path = tmp_path / "rows.csv"
    download.value.save_as(path)
    assert len(path.read_text(encoding="utf-8").splitlines()) >= 2
    no_exception(page)
    screenshot(page, "console.png")
    page.goto(f"{served_ui}/about")
    idle(page)
    no_exception(page)
    screenshot(page, "about.png")
    page.close()


def test_every_example_query_returns_rows_on_the_bundled_corpus(served_ui, monkeypatch):
    from policygraph.graph import open_store, queries

    target = SERVED.get("target")
    if target is not None:
        target.apply(monkeypatch)  # the graph `serve` shows: its Neo4j, or its embedded engine
    else:
        monkeypatch.delenv("NEO4J_URI", raising=False)
    store = open_store(SERVED["data_dir"], start_embedded=False)  # the server `serve` runs
    try:
        examples = queries.example_queries()
        empty = [e.title for e in examples if not store.read(e.cypher, e.params, limit=5, timeout=30).rows]
    finally:
        store.close()
    assert len(examples) >= 15 and not empty, f"examples without rows on the bundled corpus: {empty}"


def test_reader_uploads_a_gbk_file_and_finds_its_new_events(served_ui, browser, traffic, tmp_path):
    """Last in this module: it adds a document to the served graph."""
    text = "2019年5月10日，美国加利福尼亚州州长纽森与中国江苏省省长吴政隆在南京签署清洁能源合作备忘录。"
    upload = tmp_path / "browser_upload_gbk.txt"
    upload.write_bytes(text.encode("gbk"))
    page = open_page(browser, f"{served_ui}/add", traffic)
    page.locator("input[type=file]").first.set_input_files(str(upload))
    idle(page)
    page.get_by_role("button", name="Add to the graph").click()
    page.get_by_text("New events (").first.wait_for(state="visible", timeout=300_000)
    idle(page)
    assert page.get_by_text("Added 1 document(s): browser_upload_gbk.txt.").is_visible()
    no_exception(page)
    screenshot(page, "add.png")
    page.get_by_role("link").filter(has_text="2019-05-10").first.click()
    idle(page)
    assert "event=" in page.url
    page.get_by_text("Date 2019-05-10").first.wait_for()
    # its Chinese title, read as GBK
    assert page.get_by_text("在南京签署清洁能源合作备忘录").first.is_visible()
    page.close()


LARGE_EVENTS = 1200  # synthetic events: more than the timeline draws one by one (DETAIL_LIMIT)


@pytest.fixture(scope="module")
def served_large_ui(new_graph) -> Iterator[str]:
    """`serve` on a graph of LARGE_EVENTS synthetic events (the generator of the benchmarks)."""
    import random

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_graph import synthetic_records
    from policygraph.extract import DocumentInfo

    target = new_graph("large")
    records = synthetic_records(LARGE_EVENTS, random.Random(11))
    store = target.open()
    try:
        store.ensure_schema()
        doc = DocumentInfo(id="synthetic.txt", path=Path("synthetic.txt"), title="synthetic", sha256="x")
        store.load_document(doc, [dict(r, doc="synthetic.txt") for r in records], match_events=False)
    finally:
        store.close()  # serve runs the engine of this folder (embedded) or reaches the same Neo4j
    with serving(target, target.data_dir) as url:
        yield url


def test_a_large_graph_is_drawn_as_counts_per_month_and_listed_by_page(served_large_ui, browser, traffic):
    page = open_page(browser, f"{served_large_ui}/?period=all", traffic, height=1500)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    assert f"{LARGE_EVENTS:,} events" in summary_line(page, "events")
    # the overview: bars counted by the database, no point per event
    assert page.locator(".js-plotly-plot .barlayer .point").count() > 50
    assert page.locator(".js-plotly-plot .scatterlayer path.point").count() == 0
    assert page.get_by_text("the chart shows how many fall in each month").is_visible()
    assert page.get_by_text(f"Events 1–100 of {LARGE_EVENTS:,}, in date order.").is_visible()
    no_exception(page)
    screenshot(page, "timeline_overview.png")

    # The page of the list is in the address: page 3 opens on rows 201–300.
    again = open_page(browser, f"{served_large_ui}/?period=all&page=3", traffic)
    again.get_by_text(f"Events 201–300 of {LARGE_EVENTS:,}, in date order.").wait_for()
    assert again.locator("[data-testid='stDataFrame']").count() == 1
    no_exception(again)
    again.close()

    # A bar narrows the period to its month, whose few events are drawn one by one.
    page.locator(".js-plotly-plot .barlayer .point path").first.click(force=True)
    idle(page)
    assert "period=" in page.url and "period=all" not in page.url
    page.wait_for_selector(".js-plotly-plot .scatterlayer path.point", timeout=60_000)
    assert page.locator(".js-plotly-plot .barlayer .point").count() == 0
    no_exception(page)
    page.close()
