"""The reviewed domain data (knowledge TOML files, the bundled corpus and its catalog).

Not code: this file only makes `data/` the package `policygraph.data`, so that the files
ship inside the wheel and are read with `importlib.resources` (see pyproject.toml).
"""
