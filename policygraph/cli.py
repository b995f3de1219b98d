"""The `policygraph` command line: it only wires the three stages.

`serve` is the default command, as in datasette: `policygraph` alone opens
the UI on the bundled corpus.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="policygraph",
    help=(
        "Policy-event timelines and actor networks from Chinese policy texts.\n\n"
        "Without a command, runs `serve`. The graph lives in an embedded engine "
        "(no server to install) unless NEO4J_URI points at a Neo4j server."
    ),
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
)

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Folder of the embedded database (default: $POLICYGRAPH_DATA_DIR or "
        "~/.local/share/policygraph). Ignored when NEO4J_URI is set.",
        file_okay=False,
    ),
]


# the embedded engine's ceiling for console queries (graph/embedded.py CONSOLE_CEILING_S)
MAX_TIMEOUT_S = 60.0


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(f"Error: {message}", fg="red", err=True)
    return typer.Exit(code)


@contextmanager
def opened_store(data_dir: Path | None):
    """The graph store, with every store problem turned into one clear sentence."""
    from policygraph.graph import StoreError, open_store

    if data_dir is not None:
        os.environ["POLICYGRAPH_DATA_DIR"] = str(data_dir)
    try:
        store = open_store(data_dir)
    except StoreError as err:
        raise fail(str(err)) from None
    try:
        yield store
    except StoreError as err:
        raise fail(str(err)) from None
    finally:
        store.close()


def progress_printer(label: str):
    """A progress bar on stderr for per-document work (documents done / total)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn(f"{label} [bold]{{task.fields[doc]}}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=_stderr_console(),
    )
    task = progress.add_task(label, total=None, doc="")

    def update(doc: str, done: int, total: int) -> None:
        progress.update(task, completed=done, total=total, doc=doc)

    return progress, update


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context) -> None:
    """Policy-event timelines and actor networks; `serve` when no command is given."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve)


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Text or PDF files or folders (default: the bundled corpus).", exists=True),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Extract events from documents and load them into the graph.

    Unchanged documents (same sha256) are skipped; a changed one replaces its own
    mentions. Each document is loaded in one transaction.
    """
    from policygraph.ingest import bundled_corpus_dir, corpus_files
    from policygraph.ingest import ingest as run_ingest

    sources = paths or [bundled_corpus_dir()]
    if not corpus_files(sources):
        raise fail(f"no text file (.txt) in {', '.join(str(p) for p in sources)}; nothing was loaded.")
    with writer_lock(data_dir), opened_store(data_dir) as store:
        progress, update = progress_printer("Ingesting")
        with progress:
            summary = run_ingest(store, sources, progress=update)
    _print_ingest_summary(summary)
    _exit_on_failed_files(summary)


@contextmanager
def writer_lock(data_dir: Path | None):
    """One writer per data folder: a second ingest waits for the first (embedded engine only)."""
    from policygraph.graph import StoreError, embedded
    from policygraph.graph.paths import resolve_db_dir

    if os.environ.get("NEO4J_URI"):
        yield
        return
    folder = resolve_db_dir(data_dir)

    def waiting() -> None:
        typer.echo(f"Another ingest is writing to {folder}: waiting for it to finish…", err=True)

    try:
        with embedded.writer_lock(folder, on_wait=waiting):
            yield
    except StoreError as err:
        raise fail(str(err)) from None


def _exit_on_failed_files(summary) -> None:
    """Some files unreadable: exit 1 after the summary; none readable: say so."""
    if not summary.failed:
        return
    loaded = summary.documents + summary.skipped_unchanged
    if loaded == 0:
        raise fail(f"none of the {len(summary.failed)} file(s) could be read; nothing was loaded.")
    total = len(summary.failed) + loaded
    raise fail(f"{len(summary.failed)} of {total} file(s) could not be read (listed above).")


def _print_ingest_summary(summary) -> None:
    for problem in summary.problems:
        typer.secho(f"warning: {problem}", fg="yellow", err=True)
    for failure in summary.failed:
        typer.secho(f"not loaded: {failure}", fg="red", err=True)
    typer.echo(
        f"Loaded {summary.documents} document(s) ({summary.skipped_unchanged} unchanged, skipped) "
        f"in {summary.seconds:.1f} s. The graph now holds {summary.events} events, "
        f"{summary.actors} actors, {summary.agreements} agreements and initiatives, "
        f"{summary.mentions} mentions."
    )


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Text or PDF files, or folders of them.", exists=True)],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="JSON Lines file to write (default: standard output)."),
    ] = None,
    no_ner: Annotated[
        bool, typer.Option("--no-ner", help="Gazetteer only: skip the statistical NER.")
    ] = False,
) -> None:
    """Write extracted events as JSON Lines, one event mention a line; no database."""
    from policygraph.extract import Extractor, Skipped
    from policygraph.ingest import corpus_files

    extractor = Extractor(use_ner=not no_ner)
    lines: list[str] = []
    failures = 0
    progress, update = progress_printer("Extracting")
    with progress:
        for item in extractor.extract_paths(corpus_files(paths), progress=update):
            if isinstance(item, Skipped):
                failures += 1
                typer.secho(f"skipped {item.path}: {item.reason}", fg="yellow", err=True)
                continue
            lines.extend(json.dumps(r, ensure_ascii=False) for r in item.records)
    if failures and not lines:
        raise fail("no document could be read; nothing was written.")
    text = "".join(line + "\n" for line in lines)
    if out is None:
        sys.stdout.write(text)
    else:
        _write_atomically(out, text.encode("utf-8"))
        typer.echo(f"Wrote {len(lines)} event records to {out}", err=True)


def _write_atomically(target: Path, data: bytes) -> None:
    """Write a whole file or nothing: a crash or an error never leaves half a file or a temp file."""
    if target.is_dir():
        raise fail(f"--out {target} is a folder; give a file name.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as tmp:
            tmp_path = Path(tmp.name)
            try:
                tmp.write(data)
            except BaseException:
                tmp_path.unlink(missing_ok=True)
                raise
        try:
            tmp_path.replace(target)
        except BaseException:
            tmp_path.unlink(missing_ok=True)
            raise
    except OSError as err:
        raise fail(f"Cannot write {target}: {err.strerror or err}.") from None


def _parse_param(raw: str) -> tuple[str, object]:
    if "=" not in raw:
        raise fail(f"--param takes key=value, got {raw!r}.")
    key, value = raw.split("=", 1)
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


@app.command()
def query(
    cypher: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Query parameter key=value (value read as JSON if it parses)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json (one array of objects) or csv.")
    ] = "table",
    limit: Annotated[int, typer.Option(help="Row limit (0 or more).")] = 1000,
    timeout: Annotated[
        float, typer.Option(help=f"Time limit in seconds (above 0, at most {MAX_TIMEOUT_S:g}).")
    ] = 10.0,
    data_dir: DataDirOption = None,
) -> None:
    """Run a read-only Cypher query; writes are refused by the database itself."""
    if fmt not in ("table", "json", "csv"):
        raise fail(f"--format must be table, json or csv, not {fmt!r}.")
    if limit < 0:
        raise fail(f"--limit must be 0 or more, not {limit}.")
    if not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT_S):
        raise fail(
            f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}, not {timeout:g}."
        )
    params = dict(_parse_param(p) for p in param or [])
    with opened_store(data_dir) as store:
        result = store.read(cypher, params, limit=limit, timeout=timeout)
    sys.stdout.write(format_rows(result.columns, result.rows, fmt))
    if result.truncated:
        typer.secho(f"(stopped at the row limit of {limit})", fg="yellow", err=True)


def _plain(value: object) -> object:
    """JSON-able form of a value returned by the driver."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    iso = getattr(value, "iso_format", None)
    return iso() if callable(iso) else str(value)


def format_rows(columns: list[str], rows: list[dict], fmt: str) -> str:
    plain_rows = [{c: _plain(row.get(c)) for c in columns} for row in rows]
    if fmt == "json":
        return json.dumps(plain_rows, ensure_ascii=False, indent=2) + "\n"
    cells = [
        [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in r.values()]
        for r in plain_rows
    ]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows(cells)
        return buffer.getvalue()
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv, json, graphml, gexf or timelinejs.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")
    ] = None,
    start: Annotated[str | None, typer.Option(help="First day of the period (YYYY[-MM[-DD]]).")] = None,
    end: Annotated[str | None, typer.Option(help="Last day of the period (YYYY[-MM[-DD]]).")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Export events (CSV, JSON, TimelineJS) or the actor network (GraphML, GEXF for Gephi)."""
    from policygraph.graph import exports

    if fmt not in exports.FORMATS:
        raise fail(f"--format must be one of {', '.join(exports.FORMATS)}, not {fmt!r}.")
    _check_period(start, end)
    if out is not None and out.is_dir():
        raise fail(f"--out {out} is a folder; give a file name.")
    with opened_store(data_dir) as store:
        data = exports.render(store, fmt, start=start, end=end)
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        _write_atomically(out, data)
        typer.echo(f"Wrote {fmt} export to {out} ({len(data):,} bytes)", err=True)


def _check_period(start: str | None, end: str | None) -> None:
    from policygraph.graph.dates import parse_span

    spans = {}
    for name, value in (("--start", start), ("--end", end)):
        if value is None:
            continue
        try:
            spans[name] = parse_span(value)
        except ValueError:
            raise fail(f"{name} must be a real date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}.") from None
    if len(spans) == 2 and spans["--start"][0] > spans["--end"][1]:
        raise fail(f"--start {start} is after --end {end}.")


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port of the web UI.")] = 8501,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    data_dir: DataDirOption = None,
) -> None:
    """Start the Streamlit UI (ingesting the bundled corpus first when the graph is empty).

    The embedded database runs inside this process while the UI is up; `policygraph
    query` and `ingest` in another terminal connect to it.
    """
    from policygraph.ingest import bundled_corpus_dir, store_is_empty
    from policygraph.ingest import ingest as run_ingest

    with opened_store(data_dir) as store:
        with writer_lock(data_dir):
            if store_is_empty(store):
                typer.echo("The graph is empty: ingesting the bundled corpus first.", err=True)
                progress, update = progress_printer("Ingesting")
                with progress:
                    summary = run_ingest(store, [bundled_corpus_dir()], progress=update)
                _print_ingest_summary(summary)
        _run_streamlit(host, port, data_dir)


def _run_streamlit(host: str, port: int, data_dir: Path | None) -> None:
    import policygraph.ui

    app_path = Path(policygraph.ui.__file__).with_name("app.py")
    env = dict(os.environ)
    if data_dir is not None:
        env["POLICYGRAPH_DATA_DIR"] = str(data_dir)
    command = [
        sys.executable, "-m", "policygraph.ui.launch", "run", str(app_path),
        "--server.port", str(port), "--server.address", host,
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",
    ]  # fmt: skip
    child = subprocess.Popen(command, env=env)
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    typer.echo(f"policygraph UI: http://{shown_host}:{port}  (Ctrl+C stops it)")

    def stop(signum, frame):  # SIGTERM ends the UI like Ctrl+C does
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        while child.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    if child.returncode not in (0, None, -signal.SIGTERM):
        raise fail(f"the Streamlit UI stopped with exit code {child.returncode}.")


if __name__ == "__main__":
    app()
