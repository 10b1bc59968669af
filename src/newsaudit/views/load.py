"""Loading analysed tables for the report pages, and choosing rows: one article, one outlet or
period, no duplicates.

A process that reports on one run many times (a warm report kernel renders article after article)
reads the run's tables once and keeps them (up to CACHE_LIMIT_BYTES of Parquet), handing each
report its rows; the tables are read again as soon as a file changes. Each call returns new
DataFrames (pandas copy-on-write), so a notebook that changes them cannot change the next one's.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import config, schema

CACHE_LIMIT_BYTES = 128 * 2**20  # Parquet bytes of one run kept in memory

_cached: dict = {}  # "signature", "tables" and "rows" (article_id -> row positions per table) of one run


def table_columns() -> dict[str, list[str]]:
    """Each table's contract columns, by table name (`schema.TABLES`)."""
    return schema.TABLES


def load_tables(data_dir: str | Path = "", article_id: str | None = None) -> dict[str, pd.DataFrame]:
    """The analysed tables in `data_dir` (`<name>.parquet`), only the rows of `article_id` when
    given. An empty `data_dir` analyses the embedded sample on the fly, so that the notebooks run
    with their default parameters in JupyterLab."""
    columns = table_columns()
    if not str(data_dir):
        from .. import pipeline

        tables, _ = pipeline.analyze_paths([config.SAMPLE_DIR])
        if article_id:
            tables = {name: frame[frame["article_id"] == article_id] for name, frame in tables.items()}
        return {name: _with_columns(tables.get(name), cols) for name, cols in columns.items()}
    folder = Path(data_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"data_dir {str(folder)!r} is not a folder of analysed tables")
    run = _run(folder)
    if run is not None:
        if not article_id:
            return {name: frame.copy(deep=False) for name, frame in run["tables"].items()}
        return {name: frame.iloc[run["rows"][name].get(article_id, slice(0, 0))].reset_index(drop=True)
                for name, frame in run["tables"].items()}
    filters = [("article_id", "==", article_id)] if article_id else None
    return {name: _read(folder / f"{name}.parquet", cols, filters) for name, cols in columns.items()}


def _read(path: Path, columns: list[str], filters=None) -> pd.DataFrame:
    return _with_columns(pd.read_parquet(path, filters=filters) if path.exists() else None, columns)


def _run(folder: Path) -> dict | None:
    """The whole run in `folder`, read once while its files stay the same; None when it is larger
    than CACHE_LIMIT_BYTES (then each call reads only the rows it needs)."""
    paths = {name: folder / f"{name}.parquet" for name in table_columns()}
    stats = {name: path.stat() for name, path in paths.items() if path.exists()}
    signature = (str(folder.resolve()), tuple((name, s.st_mtime_ns, s.st_size) for name, s in stats.items()))
    if _cached.get("signature") == signature:
        return _cached
    _cached.clear()
    if sum(s.st_size for s in stats.values()) > CACHE_LIMIT_BYTES:
        return None
    tables = {name: _read(paths[name], cols) for name, cols in table_columns().items()}
    rows = {name: frame.groupby("article_id", sort=False).indices for name, frame in tables.items()}
    _cached.update(signature=signature, tables=tables, rows=rows)
    return _cached


def _with_columns(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    if frame is None:
        return schema.empty(columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        frame = frame.assign(**{c: pd.Series(dtype="object", index=frame.index) for c in missing})
    return frame.reset_index(drop=True)


def first_article_id(data_dir: str | Path = "") -> str:
    if not str(data_dir):
        articles = load_tables(data_dir)["articles"]
    else:
        run = _run(Path(data_dir)) if Path(data_dir).is_dir() else None
        articles = run["tables"]["articles"] if run is not None else pd.read_parquet(
            Path(data_dir) / "articles.parquet", columns=["article_id"])
    if articles.empty:
        raise ValueError("there are no articles in the analysed tables")
    return str(articles["article_id"].iloc[0])


def load_article(data_dir: str | Path, article_id: str) -> dict[str, pd.DataFrame]:
    """The tables of one article; an empty `article_id` means the first article."""
    article_id = article_id or first_article_id(data_dir)
    tables = load_tables(data_dir, article_id)
    if tables["articles"].empty:
        raise KeyError(f"article_id {article_id!r} is not in the analysed tables")
    return tables


def filter_corpus(tables: dict[str, pd.DataFrame], outlet: str = "all", period: str = "all") -> dict[str, pd.DataFrame]:
    """Rows of the articles of one outlet (or "all") published in one period: "all", a year
    ("2016") or a month ("2016-09"). Articles without a date only belong to period "all"."""
    articles = tables["articles"]
    keep = pd.Series(True, index=articles.index)
    if outlet != "all":
        keep &= articles["outlet"].astype("string") == outlet
    if period != "all":
        published = pd.to_datetime(articles["published"], errors="coerce")
        stamp = published.dt.strftime("%Y-%m-%d").astype("string").fillna("")
        keep &= stamp.str.startswith(period)
    return _only(tables, set(articles.loc[keep, "article_id"]))


def without_duplicates(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables without articles that duplicate another: corpus figures count each text once."""
    articles = tables["articles"]
    return _only(tables, set(articles.loc[articles["duplicate_of"].isna(), "article_id"]))


def _only(tables: dict[str, pd.DataFrame], article_ids: set) -> dict[str, pd.DataFrame]:
    return {name: frame[frame["article_id"].isin(article_ids)].reset_index(drop=True) for name, frame in tables.items()}
