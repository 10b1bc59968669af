"""Readers for each input format. Each yields `Row`s (one article's raw fields) and `Skip`s.

Table files are read in pieces, never whole: JSONL line by line, CSV/TSV in pandas chunks,
Parquet by record batches. JSON files (one article, a list, a large list item by item): see
`load_json`; saved HTML pages: see `load_html`.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import one_line
from .load_decode import InputError, bom_encoding, decode_with_confidence, size_text
from .load_fields import field_candidates, pick

BLOCK = 1 << 20
TEXT_FIELD_PROBE = 1000  # lines of a JSONL file that may lack a text field before it is refused


@dataclass
class Row:
    fields: dict  # our field name -> raw value (text, title, outlet, published, url, id, author)
    key: str  # input-relative key that the article id hashes with the text
    source_path: str
    encoding: str
    confidence: float
    single_file: bool = False  # one file, one article: metadata, folder and file-name defaults apply


@dataclass
class Skip:
    input: str
    reason: str
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"input": self.input, "reason": self.reason, **self.extra}


def no_text(columns, column_map: Mapping[str, str] | None, noun: str = "column") -> str:
    """Why an input has no article text, naming the columns (or fields) it does have."""
    shown = ", ".join(map(str, list(columns)[:30])) + (", ..." if len(list(columns)) > 30 else "")
    if column_map and "text" in column_map:
        return f"no text {noun} {column_map['text']!r} ({noun}s: {shown})"
    return f"no text {noun} ({noun}s: {shown}); map one with --column text=NAME"


def with_text(fields: dict) -> bool:
    """Whether `fields` has an article text; a list of paragraphs becomes one text."""
    text = fields.get("text")
    if isinstance(text, (list, tuple)) and text and all(isinstance(part, str) for part in text):
        fields["text"] = text = "\n\n".join(part.strip() for part in text if part.strip())
    return isinstance(text, str)


def row_key(key_base: str, fields: dict, number: int) -> str:
    """The key an article's id hashes: the input's key and the row's own id (or its number)."""
    return f"{key_base}#{fields.get('id', number)}"


# ------------------------------------------------------------------------------------------ JSONL

def iter_jsonl(path: Path, key_base: str, column_map: Mapping[str, str] | None,
               max_bytes: int) -> Iterator[Row | Skip]:
    """One article per line; a broken line is a skip with its number and the good lines are kept."""
    with open(path, "rb") as handle:
        bom = bom_encoding(handle.read(4))
        handle.seek(0)
        if bom in ("utf-16", "utf-32"):
            lines = _text_lines(io.TextIOWrapper(handle, encoding=bom, newline=""), max_bytes, bom)
        else:
            lines = _byte_lines(handle, max_bytes)
        yield from _jsonl_records(path, key_base, column_map, lines)


def _byte_lines(handle, max_bytes: int) -> Iterator[tuple[int, object]]:
    """(line number, (text, encoding, confidence) or an error reason) for each non-blank line."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (more := handle.readline(BLOCK)) and not more.endswith(b"\n"):
                pass
            yield number, f"line {number}: too large (> {size_text(max_bytes)} limit for one article)"
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            yield number, (line.decode("utf-8"), "utf-8", 1.0)
        except UnicodeDecodeError:
            try:
                yield number, decode_with_confidence(line)
            except InputError as err:
                yield number, f"line {number}: {err}"


def _text_lines(handle, max_bytes: int, encoding: str) -> Iterator[tuple[int, object]]:
    number = 0
    try:
        while True:
            line = handle.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > max_bytes and not line.endswith("\n"):
                while (more := handle.readline(BLOCK)) and not more.endswith("\n"):
                    pass
                yield number, f"line {number}: too large (> {size_text(max_bytes)} limit for one article)"
                continue
            if line.strip():
                yield number, (line, encoding, 1.0)
    except UnicodeDecodeError as err:
        yield number + 1, f"line {number + 1}: not {encoding} ({one_line(err)}); rest of the file not read"


def _jsonl_records(path: Path, key_base: str, column_map, lines) -> Iterator[Row | Skip]:
    objects = 0
    text_seen = False
    held: list[Skip] = []  # rows without a text field, until we know the file has one at all
    keys_seen: dict[str, None] = {}
    candidates_cache: dict[tuple, dict] = {}
    for number, item in lines:
        if isinstance(item, str):
            yield Skip(f"{path}#line{number}", item)
            continue
        text, encoding, confidence = item
        try:
            record = json.loads(text)
        except json.JSONDecodeError as err:
            yield Skip(f"{path}#line{number}", f"line {number}: not JSON: {err.msg} (column {err.colno})")
            continue
        if not isinstance(record, dict):
            yield Skip(f"{path}#line{number}", f"line {number}: not a JSON object")
            continue
        row_number = objects
        objects += 1
        keys = tuple(record)
        candidates = candidates_cache.get(keys)
        if candidates is None:
            candidates = field_candidates(keys, column_map, strict=False)
            if len(candidates_cache) < 256:
                candidates_cache[keys] = candidates
        fields = pick(record, candidates)
        source = f"{path}#row{row_number}"
        if not any(column in record for column in candidates.get("text", ())):
            if not text_seen:
                for key in keys:
                    if len(keys_seen) < 40:
                        keys_seen.setdefault(str(key))
                if objects >= TEXT_FIELD_PROBE:
                    yield Skip(str(path), f"{no_text(keys_seen, column_map)} in the first {objects} lines; rest not read")
                    return
                held.append(Skip(source, "empty or missing text"))
                continue
            yield Skip(source, "empty or missing text")
            continue
        if not text_seen:
            text_seen = True
            yield from held
            held.clear()
        if not with_text(fields):
            yield Skip(source, "empty or missing text")
            continue
        yield Row(fields, row_key(key_base, fields, row_number), source, encoding, confidence)
    if not text_seen and held:
        yield Skip(str(path), no_text(keys_seen, column_map))


# -------------------------------------------------------------------------------------- CSV / TSV

_BAD_LINE = re.compile(r"Skipping line (\d+): ([^\n]+)")


def iter_csv(path: Path, key_base: str, column_map: Mapping[str, str] | None, chunk_size: int,
             encoding: str, confidence: float) -> Iterator[Row | Skip]:
    """Rows in pandas chunks; a malformed row is a skip with its line number."""
    suffix = path.suffix.lower()
    sep = "\t" if suffix == ".tsv" else ","
    rows_done = 0
    try:
        with open(path, encoding=encoding, newline="") as handle:
            header = pd.read_csv(handle, sep=sep, nrows=0, dtype=str)
            columns = list(header.columns)
            candidates = field_candidates(columns, column_map)
            if "text" not in candidates:
                raise InputError(no_text(columns, column_map))
            handle.seek(0)
            # all columns: with `usecols`, pandas would let a row with too many fields pass unnoticed
            reader = pd.read_csv(handle, sep=sep, dtype=str, keep_default_na=False, chunksize=chunk_size,
                                 on_bad_lines="warn")
            with reader:
                while True:
                    with warnings.catch_warnings(record=True) as caught:
                        warnings.simplefilter("always")
                        chunk = next(reader, None)
                    for warning in caught:
                        for number, reason in _BAD_LINE.findall(str(warning.message)):
                            yield Skip(f"{path}#line{number}", f"line {number}: {reason.strip()}")
                    if chunk is None:
                        break
                    for number, record in zip(chunk.index, chunk.to_dict("records")):
                        rows_done += 1
                        yield _table_row(path, key_base, candidates, record, int(number), encoding, confidence)
    except InputError as err:
        yield Skip(str(path), str(err))
    except Exception as err:  # noqa: BLE001 - any parser failure is a reason to skip (the rest of) this input
        after = f" (after {rows_done} rows)" if rows_done else ""
        yield Skip(str(path), f"cannot parse {suffix[1:]} table: {one_line(err)}{after}")


def _table_row(path: Path, key_base: str, candidates: dict, record: Mapping, number: int,
               encoding: str, confidence: float) -> Row | Skip:
    fields = pick(record, candidates)
    source = f"{path}#row{number}"
    text = fields.get("text")
    if isinstance(text, bytes):
        try:
            text, encoding, confidence = decode_with_confidence(text)
        except InputError as err:
            return Skip(source, str(err))
        fields["text"] = text
    if not with_text(fields):
        return Skip(source, "empty or missing text")
    return Row(fields, row_key(key_base, fields, number), source, encoding, confidence)


# ---------------------------------------------------------------------------------------- Parquet

def iter_parquet(path: Path, key_base: str, column_map: Mapping[str, str] | None,
                 chunk_size: int) -> Iterator[Row | Skip]:
    """Rows by record batches, reading only the columns that map to our fields."""
    import pyarrow.parquet as pq

    rows_done = 0
    try:
        parquet = pq.ParquetFile(path)
        columns = list(parquet.schema_arrow.names)
        candidates = field_candidates(columns, column_map)
        if "text" not in candidates:
            raise InputError(no_text(columns, column_map))
        wanted = [c for c in columns if any(c in cols for cols in candidates.values())]
        for batch in parquet.iter_batches(batch_size=chunk_size, columns=wanted):
            for record in batch.to_pylist():
                yield _table_row(path, key_base, candidates, record, rows_done, "utf-8", 1.0)
                rows_done += 1
    except InputError as err:
        yield Skip(str(path), str(err))
    except Exception as err:  # noqa: BLE001
        after = f" (after {rows_done} rows)" if rows_done else ""
        yield Skip(str(path), f"cannot parse parquet table: {one_line(err)}{after}")
