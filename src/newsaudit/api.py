"""The Python API for notebook users: `analyze` articles (files, folders or a DataFrame) into the
tables, and `open_run` a folder that `analyze(..., out=DIR)` or `newsaudit analyze` wrote.

    import newsaudit
    run = newsaudit.analyze("data/sample")          # or a list of paths, or a DataFrame
    run.attributions.head()                         # run["attributions"] works too
    run.info["counts"]                              # read = analysed + skipped
    newsaudit.plots.source_types(run.attributions)  # figures take the tables

Both return a `Run`: the five tables by name, and what was read, analysed and skipped (`info`,
the content of run.json).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import pipeline
from .errors import UsageError
from .load_fields import is_missing

# A DataFrame is analysed as a Parquet table of that name would be: its article ids depend on
# this name, so they are the same on every call with the same rows.
DATAFRAME_NAME = "dataframe.parquet"


class Run(dict):
    """The tables of one analysis by name (`run["attributions"]` or `run.attributions`), and
    `info`: the files read, the articles analysed, each input skipped and why (run.json)."""

    def __init__(self, tables: dict[str, pd.DataFrame], info: dict):
        super().__init__(tables)
        self.info = info

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"a Run has the tables {', '.join(self)}, not {name!r}") from None

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}: {len(frame)} rows" for name, frame in self.items())
        return f"<Run {sizes}>"


def analyze(
    source: str | Path | Iterable[str | Path] | pd.DataFrame,
    *,
    out: str | Path | None = None,
    clean: bool = True,
    workers: int = 1,
    columns: dict[str, str] | None = None,
    outlets: str | Path | dict[str, str] | None = None,
    progress: bool = False,
) -> Run:
    """Analyse articles and return their tables.

    `source` is a file or folder (read as `newsaudit analyze` reads it), a list of them, or a
    DataFrame with a text column (`text`, `maintext`, `body`, ... or named in `columns`, as
    `{"text": "story_body"}`) and optional title, outlet, date and URL columns. `out` writes the
    tables and run.json to that folder as `newsaudit analyze --out` does (for files and folders,
    reusing what an earlier run there analysed; a DataFrame is analysed whole) and reads them back. `outlets` merges outlet labels (a CSV of alias,outlet
    or a dict). `clean=False` keeps the text byte for byte.
    """
    if workers < 1:
        raise UsageError("workers must be at least 1")
    if isinstance(source, pd.DataFrame):
        run = _analyze_dataframe(source, clean=clean, workers=workers, column_map=columns, outlet_aliases=outlets,
                                 progress=progress)
        if out is not None:
            pipeline.write_tables(dict(run), run.info, Path(out))
        return run
    inputs = [source] if isinstance(source, (str, Path)) else list(source)
    if not inputs:
        raise UsageError("nothing to analyse: give a file, a folder, a list of them or a DataFrame")
    options = {"clean": clean, "workers": workers, "column_map": columns, "outlet_aliases": outlets,
               "progress": progress}
    if out is not None:
        pipeline.analyze_to_dir(inputs, out, **options)
        return open_run(out)
    tables, info = pipeline.analyze_paths(inputs, **options)
    return Run(tables, info)


def _analyze_dataframe(frame: pd.DataFrame, **options) -> Run:
    """The DataFrame analysed as the Parquet table `DATAFRAME_NAME` would be; where the table's
    path would show (source_path, skipped rows, files read) the DataFrame is named instead."""
    with tempfile.TemporaryDirectory(prefix="newsaudit-") as scratch:
        path = Path(scratch) / DATAFRAME_NAME
        _as_table(frame).to_parquet(path, index=False)
        tables, info = pipeline.analyze_paths([path], **options)
    info = json.loads(json.dumps(info, default=str).replace(json.dumps(str(path))[1:-1], "DataFrame"))
    articles = tables["articles"]
    if "source_path" in articles:
        tables["articles"] = articles.assign(source_path=articles["source_path"].str.replace(str(path), "DataFrame", regex=False))
    return Run(tables, info)


def open_run(folder: str | Path) -> Run:
    """The tables and run.json of a folder written by `analyze(..., out=folder)` or
    `newsaudit analyze --out folder`."""
    folder = Path(folder)
    run_file = folder / "run.json"
    if not run_file.is_file():
        raise UsageError(f"{folder} is not an analysed folder (it has no run.json); "
                         "write one with newsaudit.analyze(..., out=FOLDER) or `newsaudit analyze --out FOLDER`")
    missing = [name for name in pipeline.TABLE_NAMES if not (folder / f"{name}.parquet").is_file()]
    if missing:
        raise UsageError(f"{folder} is incomplete: {', '.join(m + '.parquet' for m in missing)} missing")
    info = json.loads(run_file.read_text(encoding="utf-8"))
    return Run({name: pd.read_parquet(folder / f"{name}.parquet") for name in pipeline.TABLE_NAMES}, info)


def _as_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The DataFrame as Parquet can store it: column names as text, mixed-type columns as text."""
    table = frame.reset_index(drop=True).copy()
    table.columns = [str(column) for column in table.columns]
    if len(set(table.columns)) < len(table.columns):
        raise UsageError(f"the DataFrame has repeated column names: {list(table.columns)}")
    for column in table.columns:
        if table[column].dtype == object:
            kinds = {type(value) for value in table[column] if not is_missing(value)}
            if len(kinds) > 1:
                table[column] = table[column].map(lambda value: None if is_missing(value) else str(value))
    return table
