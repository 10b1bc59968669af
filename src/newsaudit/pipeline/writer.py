"""Writing the tables: Parquet files streamed chunk by chunk under hidden temporary names and
renamed into place only when the whole run has succeeded (a killed run changes nothing visible).

One row group per chunk and table. Column types come from schema.py (DTYPES); `published` is a
UTC timestamp; long text columns are stored plainly (dictionary encoding would only cost time).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd

from .. import atomic, schema
from .chunk import concat_table, with_utc_dates

_PLAIN_COLUMNS = frozenset({"text", "raw_text", "removed", "content_text"})


def arrow_schema(frame: pd.DataFrame, table: str):
    """The Parquet schema of `table`, from a chunk of it: the declared types of schema.py
    (DTYPES), UTC timestamps for `published`, text for columns that are all missing here."""
    import pyarrow as pa

    inferred = pa.Schema.from_pandas(frame, preserve_index=False)
    fields = []
    for field in inferred:
        kind = field.type
        if table == "articles" and field.name == "published":
            kind = pa.timestamp("us", tz="UTC")
        elif pa.types.is_null(kind) or pa.types.is_large_string(kind):
            kind = pa.string()
        fields.append(pa.field(field.name, kind))
    return pa.schema(fields, metadata=inferred.metadata)


class TableWriter:
    """One Parquet file written chunk by chunk (one row group each) under a temporary name in the
    target's folder, renamed over the target by `commit` (or removed by `abort`)."""

    def __init__(self, path: Path, table: str):
        self.path = Path(path)
        self.table = table
        self.temporary = self.path.with_name(f".{self.path.stem}.{os.getpid()}.{time.time_ns()}.tmp.parquet")
        self.writer = None
        self.schema = None
        self.template: pd.DataFrame | None = None

    def write(self, frame) -> None:
        """Append one chunk (a DataFrame, or an Arrow table of reused rows) as a row group."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if isinstance(frame, pa.Table):
            data = frame
            if self.template is None:
                self.template = data.schema.empty_table().to_pandas()
        else:
            frame = with_utc_dates(frame, self.table)
            if self.template is None:
                self.template = frame.iloc[:0]
            data = None
        if not len(frame):
            return
        if self.writer is None:
            self.schema = data.schema if data is not None else arrow_schema(frame, self.table)
            dictionary = [name for name in self.schema.names if name not in _PLAIN_COLUMNS]
            self.writer = pq.ParquetWriter(self.temporary, self.schema, use_dictionary=dictionary)
        if data is None:
            frame = frame.reindex(columns=self.schema.names)
            try:
                data = pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                data = pa.Table.from_pandas(frame, preserve_index=False).cast(self.schema)
        elif not data.schema.equals(self.schema, check_metadata=False):
            data = data.select(self.schema.names).cast(self.schema)
        self.writer.write_table(data.replace_schema_metadata(self.schema.metadata))

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        elif not self.temporary.exists():
            empty = self.template if self.template is not None else schema.empty(schema.TABLES[self.table])
            concat_table(self.table, [empty]).to_parquet(self.temporary, index=False)

    def commit(self) -> None:
        self.close()
        with open(self.temporary, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(self.temporary, 0o644)
        os.replace(self.temporary, self.path)

    def abort(self) -> None:
        try:
            if self.writer is not None:
                self.writer.close()
        except Exception:  # noqa: BLE001 - the file is removed anyway
            pass
        self.writer = None
        self.temporary.unlink(missing_ok=True)


def remove_leftovers(out_dir: Path) -> None:
    """Temporary tables of a run that was killed (never read: their names start with a dot)."""
    for name in schema.TABLE_NAMES:
        for leftover in out_dir.glob(f".{name}.*.tmp.parquet"):
            leftover.unlink(missing_ok=True)


def write_run_json(out_dir: Path, run_info: dict) -> None:
    atomic.write_text_atomic(Path(out_dir) / "run.json", json.dumps(run_info, indent=2, default=str) + "\n")


def write_tables(tables: dict[str, pd.DataFrame], run_info: dict, out_dir: Path) -> None:
    """`<name>.parquet` for each table and `run.json`, each written atomically.

    run.json goes first out and last in, so a folder with a run.json always holds one complete
    set of tables from that run.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "run.json").unlink(missing_ok=True)
    for name in schema.TABLE_NAMES:
        with atomic.replacing(out_dir / f"{name}.parquet") as temporary:
            tables[name].to_parquet(temporary, index=False)
    write_run_json(out_dir, run_info)
