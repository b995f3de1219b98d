"""Period presets (administrations, presidencies) read from `periods.toml` beside this module."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

PERIODS_FILE = Path(__file__).with_name("periods.toml")


@dataclass(frozen=True)
class Period:
    name: str
    name_zh: str
    kind: str
    start: date
    end: date
    source: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.start.isoformat()} – {self.end.isoformat()})"


@cache
def load_periods(path: Path = PERIODS_FILE) -> tuple[Period, ...]:
    with path.open("rb") as handle:
        rows = tomllib.load(handle)["period"]
    periods = tuple(
        Period(
            name=row["name"],
            name_zh=row.get("name_zh", ""),
            kind=row["kind"],
            start=date.fromisoformat(row["start"]),
            end=date.fromisoformat(row["end"]),
            source=row["source"],
        )
        for row in rows
    )
    for period in periods:
        if period.end < period.start:
            raise ValueError(f"{path.name}: period {period.name!r} ends before it starts.")
    return periods
