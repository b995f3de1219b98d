"""Where the embedded database keeps its files."""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    """`POLICYGRAPH_DATA_DIR`, else `$XDG_DATA_HOME/policygraph`, else `~/.local/share/policygraph`."""
    explicit = os.environ.get("POLICYGRAPH_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "policygraph"


def resolve_data_dir(data_dir: Path | None) -> Path:
    path = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
    return path.resolve()
