"""The evaluation scorer (tests/eval/score.py, the copy of ../shared/eval's) for the quality tests."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

EVAL = Path(__file__).resolve().parent / "eval"


@cache
def eval_scorer() -> ModuleType:
    """score.py loaded as a module: its `load` and `score` functions."""
    spec = importlib.util.spec_from_file_location("policygraph_eval_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
