"""Readers for each input format. Each yields `Row`s (one article's raw fields) and `Skip`s.

Table files are read in pieces, never whole: JSONL line by line, CSV/TSV in pandas chunks,
Parquet by record batches, a large JSON list item by item. Saved HTML pages: see `load_html`.
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

JSON_STREAM_BYTES = 16 * 1024 * 1024  # a .json list larger than this is read item by item
_BLOCK = 1 << 20
_TEXT_FIELD_PROBE = 1000  # lines of a JSONL file that may lack a text field before it is refused
_NESTED_LISTS = ("articles", "items", "data", "results", "records", "docs", "documents", "news")


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


def _no_text(columns, column_map: Mapping[str, str] | None, noun: str = "column") -> str:
    shown = ", ".join(map(str, list(columns)[:30])) + (", ..." if len(list(columns)) > 30 else "")
    if column_map and "text" in column_map:
        return f"no text {noun} {column_map['text']!r} ({noun}s: {shown})"
    return f"no text {noun} ({noun}s: {shown}); map one with --column text=NAME"


def _with_text(fields: dict) -> bool:
    """Whether `fields` has an article text; a list of paragraphs becomes one text."""
    text = fields.get("text")
    if isinstance(text, (list, tuple)) and text and all(isinstance(part, str) for part in text):
        fields["text"] = text = "\n\n".join(part.strip() for part in text if part.strip())
    return isinstance(text, str)


def _row_key(key_base: str, fields: dict, number: int) -> str:
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
            while (more := handle.readline(_BLOCK)) and not more.endswith(b"\n"):
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
                while (more := handle.readline(_BLOCK)) and not more.endswith("\n"):
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
                if objects >= _TEXT_FIELD_PROBE:
                    yield Skip(str(path), f"{_no_text(keys_seen, column_map)} in the first {objects} lines; rest not read")
                    return
                held.append(Skip(source, "empty or missing text"))
                continue
            yield Skip(source, "empty or missing text")
            continue
        if not text_seen:
            text_seen = True
            yield from held
            held.clear()
        if not _with_text(fields):
            yield Skip(source, "empty or missing text")
            continue
        yield Row(fields, _row_key(key_base, fields, row_number), source, encoding, confidence)
    if not text_seen and held:
        yield Skip(str(path), _no_text(keys_seen, column_map))


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
                raise InputError(_no_text(columns, column_map))
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
    if not _with_text(fields):
        return Skip(source, "empty or missing text")
    return Row(fields, _row_key(key_base, fields, number), source, encoding, confidence)


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
            raise InputError(_no_text(columns, column_map))
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


# ------------------------------------------------------------------------------------------- JSON

def json_rows(path: Path, key_base: str, column_map: Mapping[str, str] | None, data: bytes
              ) -> Iterator[Row | Skip]:
    """A .json file read whole: one article object, or a list of them (news-please, newspaper3k)."""
    try:
        text, encoding, confidence = decode_with_confidence(data)
    except InputError as err:
        yield Skip(str(path), str(err))
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        yield Skip(str(path), f"not JSON: {err.msg} (line {err.lineno}, column {err.colno})")
        return
    if isinstance(value, dict):
        nested = _nested_list(value, column_map)
        if nested is None:
            candidates = field_candidates(value.keys(), column_map, strict=False)
            fields = pick(value, candidates)
            if not any(column in value for column in candidates.get("text", ())):
                yield Skip(str(path), _no_text(value.keys(), column_map, "field"))
            elif not _with_text(fields):
                yield Skip(str(path), "empty or missing text")
            else:
                fields.pop("id", None)
                yield Row(fields, key_base, str(path), encoding, confidence, single_file=True)
            return
        value = nested
    if not isinstance(value, list):
        yield Skip(str(path), f"not an article: a JSON {type(value).__name__}, not an object or a list")
        return
    yield from _list_rows(path, key_base, column_map, enumerate(value), encoding, confidence)


def _nested_list(value: dict, column_map) -> list | None:
    """The article list of an API response ({"status": "ok", "articles": [...]}), if that is what it is."""
    if any(column in value for column in field_candidates(value.keys(), column_map, strict=False).get("text", ())):
        return None
    for key in _NESTED_LISTS:
        inner = value.get(key)
        if isinstance(inner, list) and inner and isinstance(inner[0], dict):
            return inner
    return None


def _list_rows(path: Path, key_base: str, column_map, items, encoding: str, confidence: float
               ) -> Iterator[Row | Skip]:
    text_seen = False
    held: list[Skip] = []
    keys_seen: dict[str, None] = {}
    for index, item in items:
        if isinstance(item, Skip):
            yield item
            continue
        source = f"{path}#row{index}"
        if not isinstance(item, dict):
            yield Skip(source, f"item {index}: not a JSON object")
            continue
        candidates = field_candidates(item.keys(), column_map, strict=False)
        if not any(column in item for column in candidates.get("text", ())):
            if text_seen:
                yield Skip(source, "empty or missing text")
                continue
            for key in item:
                if len(keys_seen) < 40:
                    keys_seen.setdefault(str(key))
            held.append(Skip(source, "empty or missing text"))
            if len(held) >= _TEXT_FIELD_PROBE:
                yield Skip(str(path), f"{_no_text(keys_seen, column_map, 'field')} in the first {len(held)} items; rest not read")
                return
            continue
        if not text_seen:
            text_seen = True
            yield from held
            held.clear()
        fields = pick(item, candidates)
        if not _with_text(fields):
            yield Skip(source, "empty or missing text")
            continue
        yield Row(fields, _row_key(key_base, fields, index), source, encoding, confidence)
    if held and not text_seen:
        yield Skip(str(path), _no_text(keys_seen, column_map, "field"))


def iter_json_list(path: Path, key_base: str, column_map, max_bytes: int) -> Iterator[Row | Skip]:
    """A large .json file holding a list, read item by item (memory: one item and a block)."""
    yield from _list_rows(path, key_base, column_map, _json_items(path, max_bytes), "utf-8", 1.0)


def json_starts_list(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    head = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return head.lstrip()[:1] == b"["


class _Chars:
    """A text file read in blocks with a cursor; `refill` keeps what the cursor has not passed."""

    def __init__(self, handle):
        self.handle, self.buffer, self.position, self.eof = handle, "", 0, False

    def refill(self, amount: int = _BLOCK) -> bool:
        more = self.handle.read(amount)
        if not more:
            self.eof = True
            return False
        self.buffer = self.buffer[self.position:] + more
        self.position = 0
        return True

    def next_char(self, skip: str) -> str | None:
        """The next character that is not in `skip` (the cursor stays on it), None at the end."""
        while True:
            while self.position < len(self.buffer) and self.buffer[self.position] in skip:
                self.position += 1
            if self.position < len(self.buffer):
                return self.buffer[self.position]
            if not self.refill():
                return None


def _json_items(path: Path, max_bytes: int) -> Iterator[tuple[int, object]]:
    decoder = json.JSONDecoder()
    index = 0
    try:
        with open(path, encoding="utf-8-sig") as handle:
            chars = _Chars(handle)
            if chars.next_char(" \t\r\n") != "[":
                yield index, Skip(str(path), "not a JSON list")
                return
            chars.position += 1
            while True:
                char = chars.next_char(" \t\r\n,")
                if char is None:
                    yield index, Skip(str(path), f"JSON list not closed (file ends after item {index})")
                    return
                if char == "]":
                    return
                try:
                    item, end = decoder.raw_decode(chars.buffer, chars.position)
                    if end >= len(chars.buffer) and not chars.eof and not isinstance(item, (dict, list)):
                        raise json.JSONDecodeError("value may go on in the next block", chars.buffer, end)
                except json.JSONDecodeError as err:
                    pending = len(chars.buffer) - chars.position
                    if chars.eof or pending > max_bytes:
                        reason = (f"item {index}: not JSON ({err.msg})" if chars.eof
                                  else f"item {index}: not JSON or larger than {size_text(max_bytes)}")
                        yield index, Skip(f"{path}#row{index}", f"{reason}; rest of the file not read")
                        return
                    chars.refill(max(_BLOCK, pending))
                    continue
                yield index, item
                index += 1
                chars.position = end
                if chars.position > _BLOCK:
                    chars.buffer, chars.position = chars.buffer[chars.position:], 0
    except UnicodeDecodeError as err:
        yield index, Skip(str(path), f"not UTF-8 after item {index} ({one_line(err)}); rest of the file not read")
