"""Incremental runs: the tables of the previous run in the output folder, reused article by article.

An article is reused when the previous run (made with the same code, model and cleaning switch:
run.json `analysis_fingerprint`) holds an article with the same id (which hashes its input key
and text) and title. Its rows are copied from the previous tables as Arrow data, never analysed
again; row groups whose articles are all reused, in the same order, are copied whole. The
`articles` table takes its metadata (outlet, date, url, path, duplicate_of, ...) from the inputs
as they are now and only the cleaned text and the removals from the previous run.
"""

from __future__ import annotations

import collections
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from ..errors import one_line
from .chunk import with_utc_dates

# Per-article columns that the analysis itself produces; every other `articles` column is metadata
# that a rerun refreshes from the inputs.
ANALYSED_ARTICLE_COLUMNS = ("text", "removed")


class Previous:
    """The tables of the previous run in DIR, opened for reuse: which articles they hold, and their
    rows fetched by row group (one row group per chunk), so memory stays bounded."""

    CACHED_GROUPS = 4

    def __init__(self, out_dir: Path, info: dict | None = None):
        import pyarrow.parquet as pq

        self.info = info or {}
        self.run_json = Path(out_dir) / "run.json"
        self.files = {name: pq.ParquetFile(out_dir / f"{name}.parquet") for name in schema.TABLE_NAMES}
        self.groups: dict[str, dict[str, list[int]]] = {}
        self.group_ids: dict[str, list[np.ndarray]] = {}  # each row group's article_id, row by row
        for name, handle in self.files.items():
            column = handle.read(columns=["article_id"]).column(0).to_numpy().astype(object)
            starts = np.cumsum([0] + [handle.metadata.row_group(g).num_rows for g in range(handle.num_row_groups)])
            index: dict[str, list[int]] = {}
            per_group = []
            for group in range(handle.num_row_groups):
                ids = column[starts[group]:starts[group + 1]]
                per_group.append(ids)
                for article_id in dict.fromkeys(ids.tolist()):
                    index.setdefault(article_id, []).append(group)
            self.groups[name] = index
            self.group_ids[name] = per_group
        titles = self.files["articles"].read(columns=["article_id", "title"])
        self.titles = dict(zip(titles.column(0).to_pylist(), titles.column(1).to_pylist()))
        self.cache: collections.OrderedDict = collections.OrderedDict()

    @classmethod
    def open(cls, out_dir: Path, fingerprint: str) -> tuple["Previous | None", str | None]:
        """The previous run, or None and why it cannot be reused (None when there is none)."""
        try:
            info = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None, None
        if info.get("analysis_fingerprint") != fingerprint:
            return None, "the previous tables were made with other code, model or cleaning: analysing every article"
        try:
            return cls(out_dir, info), None
        except Exception as err:  # noqa: BLE001 - unreadable tables are simply not reused
            return None, f"the previous tables cannot be read ({one_line(err)}): analysing every article"

    def inputs_changed(self, paths, enough: int = 1) -> bool:
        """Whether at least `enough` input files are new, or changed (their inode's ctime) since
        the previous run started. Only a hint, for starting worker processes early: what is reused
        is decided by content (`reusable`), so a change this misses is still analysed."""
        known = set(self.info.get("files_read", ()))
        try:
            since = self.run_json.stat().st_mtime_ns - int(float(self.info.get("seconds", 0)) * 1e9)
        except (OSError, TypeError, ValueError):
            return True
        changed = 0
        for path in paths:
            try:
                changed += str(path) not in known or os.stat(path).st_ctime_ns >= since
            except OSError:
                changed += 1
            if changed >= enough:
                return True
        return False

    def rows_match(self, chunk_rows: list[list[int]]) -> bool:
        """Whether each table holds one row group for each chunk that wrote rows to it, of the
        sizes recorded in `chunk_rows` ([articles read, rows of each table] per chunk)."""
        for column, name in enumerate(schema.TABLE_NAMES, 1):
            sizes = [rows[column] for rows in chunk_rows if rows[column]]
            groups = [self.files[name].metadata.row_group(g).num_rows for g in range(self.files[name].num_row_groups)]
            if sizes != [size for size in groups if size]:  # a table with no rows at all: one empty group
                return False
        return True

    def _chunk_groups(self, name: str, chunks: int) -> int:
        """How many row groups of `name` the first `chunks` chunks wrote."""
        column = schema.TABLE_NAMES.index(name) + 1
        return sum(1 for rows in self.info["reuse_index"]["chunks"][:chunks] if rows[column])

    def chunk_tables(self, number: int) -> dict:
        """The tables of chunk `number` as the previous run wrote them (Arrow, whole row groups)."""
        rows = self.info["reuse_index"]["chunks"][number]
        tables = {}
        for column, name in enumerate(schema.TABLE_NAMES, 1):
            handle = self.files[name]
            tables[name] = (handle.read_row_group(self._chunk_groups(name, number)) if rows[column]
                            else handle.schema_arrow.empty_table())
        return tables

    def ids_and_texts(self, chunks: int) -> tuple[list[str], list[str]]:
        """`article_id` and `raw_text` of the articles of the first `chunks` chunks, in order."""
        groups = list(range(self._chunk_groups("articles", chunks)))
        if not groups:
            return [], []
        data = self.files["articles"].read_row_groups(groups, columns=["article_id", "raw_text"])
        return data.column(0).to_pylist(), data.column(1).to_pylist()

    def reusable(self, chunk: pd.DataFrame) -> np.ndarray:
        """True for the chunk's articles already analysed: same id (path and text) and title."""
        missing = object()
        return np.array([
            self.titles.get(article_id, missing) == (title if isinstance(title, str) else None)
            for article_id, title in zip(chunk["article_id"], chunk["title"])
        ], dtype=bool)

    def _group(self, name: str, group: int, columns: tuple[str, ...] | None = None):
        key = (name, group, columns)
        if key in self.cache:
            self.cache.move_to_end(key)
            return self.cache[key]
        data = self.files[name].read_row_group(group, columns=None if columns is None else list(columns))
        self.cache[key] = data
        if len(self.cache) > self.CACHED_GROUPS * len(schema.TABLE_NAMES):
            self.cache.popitem(last=False)
        return data

    def rows(self, name: str, ids: list[str], position: dict[str, int], columns: tuple[str, ...] | None = None):
        """The previous run's rows of `name` for these articles, as an Arrow table, in the order
        of `position` (article_id -> place in the chunk; each article's rows in file order)."""
        import pyarrow as pa

        columns = None if columns is None else ("article_id", *columns)
        wanted = set(ids)
        groups = sorted({g for article_id in ids for g in self.groups[name].get(article_id, ())})
        if not groups:
            empty = self.files[name].schema_arrow.empty_table()
            return empty.select(list(columns)) if columns is not None else empty
        sequence = np.concatenate([self.group_ids[name][g] for g in groups])
        whole = wanted.issuperset(sequence.tolist())
        pieces = []
        for group in groups:
            data = self._group(name, group, columns)
            if not whole:  # pyarrow.compute only here: importing it takes 0.1 s
                import pyarrow.compute as pc

                data = data.filter(pc.is_in(data.column("article_id").cast(pa.string()),
                                            value_set=pa.array(ids, type=pa.string())))
            pieces.append(data)
        table = pieces[0] if len(pieces) == 1 else pa.concat_tables(pieces)
        keys = np.array([position[article_id] for article_id in
                         (sequence if whole else table.column("article_id").to_numpy(zero_copy_only=False))])
        if len(keys) > 1 and (np.diff(keys) < 0).any():
            table = table.take(pa.array(np.argsort(keys, kind="stable")))
        return table

    def merge(self, chunk: pd.DataFrame, reused: np.ndarray, fresh: dict[str, pd.DataFrame]) -> dict:
        """The chunk's tables: rows analysed now and rows reused from the previous run, in the
        chunk's article order (each article's rows in their own order). Reused rows stay Arrow
        tables as read from the previous files."""
        if not reused.any():
            return fresh
        import pyarrow as pa

        ids = chunk["article_id"][reused].tolist()
        position = dict(zip(chunk["article_id"].tolist(), range(len(chunk))))
        merged: dict = {"articles": self._articles(chunk, reused, ids, position, fresh["articles"])}
        for name in schema.TABLE_NAMES[1:]:
            old = self.rows(name, ids, position)
            if not old.num_rows or not len(fresh[name]):
                merged[name] = old if old.num_rows else fresh[name]
                continue
            new = pa.Table.from_pandas(with_utc_dates(fresh[name], name), preserve_index=False)
            table = pa.concat_tables([old, new.select(old.schema.names).cast(old.schema)])
            keys = pd.Series(table.column("article_id").to_numpy(zero_copy_only=False)).map(position).to_numpy()
            merged[name] = table.take(pa.array(np.argsort(keys, kind="stable")))
        return merged

    def _articles(self, chunk: pd.DataFrame, reused: np.ndarray, ids: list[str], position: dict[str, int],
                  fresh: pd.DataFrame) -> pd.DataFrame:
        """The chunk's `articles` rows: the inputs' metadata, the previous run's cleaned text."""
        previous = self.rows("articles", ids, position, ANALYSED_ARTICLE_COLUMNS)
        kept = chunk[reused].copy()
        for column in ANALYSED_ARTICLE_COLUMNS:
            kept[column] = previous.column(column).to_pandas().values
        if not len(fresh):
            return kept.reset_index(drop=True)
        articles = pd.concat([kept, fresh], ignore_index=True)
        order = np.argsort(articles["article_id"].map(position).to_numpy(), kind="stable")
        return articles.iloc[order].reset_index(drop=True)

    def close(self) -> None:
        self.cache.clear()
        for handle in self.files.values():
            try:
                handle.close()
            except Exception:  # noqa: BLE001
                pass
        self.files = {}
