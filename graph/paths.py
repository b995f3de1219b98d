"""Where the embedded database keeps its files."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_dir() -> Path:
    """`POLICYGRAPH_DATA_DIR`, else `$XDG_DATA_HOME/policygraph`, else `~/.local/share/policygraph`."""
    explicit = os.environ.get("POLICYGRAPH_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "policygraph"


def resolve_db_dir(db_dir: Path | None) -> Path:
    path = Path(db_dir).expanduser() if db_dir is not None else default_db_dir()
    return path.resolve()
