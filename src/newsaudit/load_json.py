"""JSON article files: one article object, a list of them (newspaper3k, news-please), an API
response holding the list ({"status": "ok", "articles": [...]}), and lists too large to read whole,
read item by item with a bounded buffer. Each yields `Row`s and `Skip`s like the other readers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Mapping

from .errors import one_line
from .load_decode import InputError, decode_with_confidence, size_text
from .load_fields import field_candidates, pick
from .load_formats import BLOCK, TEXT_FIELD_PROBE, Row, Skip, no_text, row_key, with_text

JSON_STREAM_BYTES = 16 * 1024 * 1024  # a .json list larger than this is read item by item
_NESTED_LISTS = ("articles", "items", "data", "results", "records", "docs", "documents", "news")


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
                yield Skip(str(path), no_text(value.keys(), column_map, "field"))
            elif not with_text(fields):
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
            if len(held) >= TEXT_FIELD_PROBE:
                yield Skip(str(path), f"{no_text(keys_seen, column_map, 'field')} in the first {len(held)} items; rest not read")
                return
            continue
        if not text_seen:
            text_seen = True
            yield from held
            held.clear()
        fields = pick(item, candidates)
        if not with_text(fields):
            yield Skip(source, "empty or missing text")
            continue
        yield Row(fields, row_key(key_base, fields, index), source, encoding, confidence)
    if held and not text_seen:
        yield Skip(str(path), no_text(keys_seen, column_map, "field"))


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

    def refill(self, amount: int = BLOCK) -> bool:
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
                    chars.refill(max(BLOCK, pending))
                    continue
                yield index, item
                index += 1
                chars.position = end
                if chars.position > BLOCK:
                    chars.buffer, chars.position = chars.buffer[chars.position:], 0
    except UnicodeDecodeError as err:
        yield index, Skip(str(path), f"not UTF-8 after item {index} ({one_line(err)}); rest of the file not read")
