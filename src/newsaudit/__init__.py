"""newsaudit: who a news article cites, how, and in what tone.

    import newsaudit
    run = newsaudit.analyze("articles/")       # files, folders or a DataFrame -> a Run of tables
    run = newsaudit.open_run("analysed/")      # a folder `analyze --out` wrote
    newsaudit.plots                            # the figures, from the tables

Importing the package loads nothing heavy: `analyze`, `open_run`, `Run` and the stage modules are
imported on first use.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"
__all__ = ["analyze", "open_run", "Run", "plots", "stats", "tone", "sentiment", "sourcing", "pipeline"]

_FROM_API = {"analyze", "open_run", "Run"}


def __getattr__(name: str):
    if name in _FROM_API:
        return getattr(importlib.import_module(".api", __name__), name)
    if name in __all__:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
