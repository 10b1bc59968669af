"""Raw files in, the `articles` table out, in chunks of bounded size.

Reads folders (recursively) of `.txt`, `.html` and `.json` files (one article each, or a list of
articles: the newspaper3k / news-please layouts), and CSV / TSV / JSONL / Parquet tables of any
size, streamed. Every input either becomes articles or a recorded skip with a one-line reason;
nothing is dropped silently. The size limit (`max_bytes`) applies to one article, never to a table.

`stream_articles(...)` gives an `ArticleStream` whose `chunks()` yields `articles` tables of at most
`chunk_size` rows; `load_articles(...)` is the same, concatenated. Helpers live in `load_decode`
(bytes to text), `load_fields` (field names, dates, outlets), `load_formats` (one reader per
table format) and `load_html` (saved pages).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema
from .load_decode import (  # noqa: F401 - the loader's public names
    MAX_FILE_BYTES, InputError, decode_bytes, decode_with_confidence, read_bytes, scan_file, sha256_file,
    size_text,
)
from .load_fields import (  # noqa: F401
    COLUMN_ALIASES, OutletAliases, as_text, dates_column, domain_of, field_candidates, normalise_outlet,
    parse_date, read_outlet_aliases,
)
from .load_formats import Row, Skip, iter_csv, iter_jsonl, iter_parquet  # noqa: F401
from .load_json import JSON_STREAM_BYTES, iter_json_list, json_rows, json_starts_list  # noqa: F401
from .load_discover import (  # noqa: F401
    HTML_SUFFIXES, JSON_SUFFIXES, METADATA_NAMES, SUPPORTED_SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES, discover,
    file_signature, load_metadata, metadata_index, metadata_path, read_table,
)
from .load_html import first_line, html_article, html_to_text  # noqa: F401

# The articles table as the loader writes it: the contract columns, then the loader's own.
ARTICLE_COLUMNS = [*schema.ARTICLES, "encoding_confidence", "author"]
_TEXT_COLUMNS = [c for c in ARTICLE_COLUMNS if c not in ("published", "encoding_confidence")]
_CHUNK_TEXT_CHARS = 64 * 1024 * 1024  # a chunk also ends when its texts reach this many characters

# A saved page whose text besides its title has no sentence end holds menus and footers, no article.
_SENTENCE_END = re.compile(r"\w[\"'\u201d\u2019)]*[.!?\u2026]")
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


@dataclass
class LoadResult:
    articles: pd.DataFrame
    files_read: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # {"input": ..., "reason": ...}
    input_hashes: dict[str, str] = field(default_factory=dict)
    ignored: list[dict] = field(default_factory=list)  # files found in folders that are not articles


def make_article_id(key: str, raw_text: str) -> str:
    """Stable across runs and machines: depends on the input-relative key and the content only."""
    digest = hashlib.sha1(f"{key}\n{raw_text}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


def text_fingerprint(text: str) -> bytes:
    """Whitespace-insensitive identity of an article text (for `duplicate_of`)."""
    return hashlib.sha1(" ".join(str(text).split()).encode("utf-8", "surrogatepass")).digest()


# ------------------------------------------------------------------------------------- streaming

def articles_frame(records: list[dict]) -> pd.DataFrame:
    """An `articles` table with the same column types whatever the rows (so chunks concatenate and
    Parquet partitions share one schema): text columns `str`, `published` datetime64[us, UTC]."""
    frame = pd.DataFrame(records, columns=ARTICLE_COLUMNS)
    frame = frame.astype({c: "str" for c in _TEXT_COLUMNS})
    frame["published"] = dates_column(frame["published"].tolist()) if records else dates_column([])
    frame["encoding_confidence"] = frame["encoding_confidence"].astype("float64")
    return frame


class ArticleStream:
    """Articles of some inputs, chunk by chunk, with what was read and skipped so far.

    `files_read`, `skipped` and `input_hashes` fill up as `chunks()` is consumed (and start over if
    it is called again). Articles keep the order of the inputs (files sorted within folders, rows
    in file order); `article_id` is unique across the stream and `duplicate_of` points to the first
    article with the same text (whitespace-insensitive) in any earlier chunk.

    For incremental runs it also records each file's signature as read (`signatures`, see
    load_discover.file_signature), the folders' metadata files (`metadata_used`) and `marks`: the
    points where a chunk ends with a file (what had been read, skipped and counted there). A later
    stream over the same files can `resume` at such a mark without reading the files before it.
    """

    def __init__(self, inputs, column_map: Mapping[str, str] | None = None,
                 outlet_aliases: Mapping[str, str] | OutletAliases | Path | str | None = None,
                 chunk_size: int = 500, max_bytes: int = MAX_FILE_BYTES):
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        self.inputs = [Path(p) for p in inputs]
        self.column_map = dict(column_map or {})
        if isinstance(outlet_aliases, (str, Path)):
            outlet_aliases = read_outlet_aliases(outlet_aliases)
        self.outlet_aliases = (outlet_aliases if isinstance(outlet_aliases, OutletAliases)
                               else OutletAliases(outlet_aliases))
        self.chunk_size = chunk_size
        self.max_bytes = max_bytes
        self.files, self._discovery_skips, self.ignored = discover(self.inputs)
        self._resume: dict = {}
        self._reset()

    @property
    def discovery_skipped(self) -> int:
        """How many of `skipped` come from finding the files (the rest from reading them)."""
        return len(self._discovery_skips)

    @property
    def options_key(self) -> str:
        """What the articles of a file depend on besides its content, its path and its folder's
        metadata: the inputs given, the options and the chunking (a stream may resume at the mark
        of another only when their keys are equal)."""
        settings = [[str(p) for p in self.inputs], sorted(self.column_map.items()),
                    sorted(self.outlet_aliases.table.items()), self.chunk_size, self.max_bytes, _CHUNK_TEXT_CHARS]
        return hashlib.sha256(json.dumps(settings).encode()).hexdigest()[:16]

    def resume(self, state: dict) -> None:
        """Start the next `chunks()` at file number `state["files"]`, with what had been read there
        (a mark of a previous stream over the same files, and its `files_read`, `input_hashes`,
        read-time `skipped`, `signatures`, `metadata`, `marks`, article `ids` and `first_with_text`)."""
        self._resume = state

    def _reset(self) -> None:
        state = self._resume
        self.files_read: list[str] = list(state.get("files_read", ()))
        self.skipped: list[dict] = [dict(item) for item in self._discovery_skips] + list(state.get("skipped", ()))
        self.input_hashes: dict[str, str] = dict(state.get("input_hashes", {}))
        self.signatures: dict[str, str | None] = dict(state.get("signatures", {}))
        self.metadata_used: dict[str, str] = dict(state.get("metadata", {}))
        self.marks: list[dict] = list(state.get("marks", ()))
        self.articles_read = state.get("articles", 0)
        self.duplicates = state.get("duplicates", 0)
        self._ids: set[str] = set(state.get("ids", ()))
        self._first_with_text: dict[bytes, str] = dict(state.get("first_with_text", {}))
        self._metadata: dict[Path, tuple[dict, Path | None]] = {}
        self._start = state.get("files", 0)
        self._chunks = state.get("chunks", 0)  # chunks yielded, and the articles in them
        self._chunked = self.articles_read

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return self.chunks()

    def chunks(self) -> Iterator[pd.DataFrame]:
        self._reset()
        batch: list[dict] = []
        characters = 0
        for record in self._records():
            batch.append(record)
            characters += len(record["raw_text"])
            if len(batch) >= self.chunk_size or characters >= _CHUNK_TEXT_CHARS:
                self._chunks, self._chunked = self._chunks + 1, self._chunked + len(batch)
                yield articles_frame(batch)
                batch, characters = [], 0
        if batch:
            self._chunks, self._chunked = self._chunks + 1, self._chunked + len(batch)
            yield articles_frame(batch)
        self._mark(len(self.files))

    def _mark(self, files: int) -> None:
        """Note a point where every article read so far is in a chunk yielded and `files` files
        have been read whole."""
        if self._chunked == self.articles_read and self._chunks and (
                not self.marks or self.marks[-1]["chunks"] < self._chunks):
            self.marks.append({"chunks": self._chunks, "files": files, "files_read": len(self.files_read),
                               "skipped": len(self.skipped) - len(self._discovery_skips),
                               "articles": self.articles_read, "duplicates": self.duplicates})

    # --------------------------------------------------------------------------------- internals

    def _records(self) -> Iterator[dict]:
        for number in range(self._start, len(self.files)):
            path, root = self.files[number]
            self._mark(number)
            self.signatures[str(path)] = file_signature(path)  # before reading: a later change shows
            self.files_read.append(str(path))
            try:
                parts = path.relative_to(root).parts
            except ValueError:
                parts = ()
            key_base = "/".join(parts) or path.name
            try:
                for item in self._items(path, root, key_base):
                    if isinstance(item, Skip):
                        self.skipped.append(item.as_dict())
                        continue
                    record = self._finish(item, path, root, parts)
                    if record is not None:
                        yield record
            except InputError as err:
                self.skipped.append({"input": str(path), "reason": str(err)})
            except OSError as err:
                self.skipped.append({"input": str(path), "reason": f"cannot read: {err.strerror or err}"})

    def _items(self, path: Path, root: Path, key_base: str) -> Iterator[Row | Skip]:
        suffix = path.suffix.lower()
        if suffix in {".jsonl", ".ndjson"}:
            self.input_hashes[str(path)] = sha256_file(path)
            yield from iter_jsonl(path, key_base, self.column_map, self.max_bytes)
        elif suffix in {".csv", ".tsv"}:
            scan = scan_file(path)
            self.input_hashes[str(path)] = scan.sha256
            yield from iter_csv(path, key_base, self.column_map, self.chunk_size, scan.encoding, scan.confidence)
        elif suffix == ".parquet":
            self.input_hashes[str(path)] = sha256_file(path)
            yield from iter_parquet(path, key_base, self.column_map, self.chunk_size)
        elif (suffix in JSON_SUFFIXES and path.stat().st_size > min(self.max_bytes, JSON_STREAM_BYTES)
              and json_starts_list(path)):
            self.input_hashes[str(path)] = sha256_file(path)
            yield from iter_json_list(path, key_base, self.column_map, self.max_bytes)
        else:
            data = read_bytes(path, self.max_bytes)
            self.input_hashes[str(path)] = hashlib.sha256(data).hexdigest()
            if suffix in JSON_SUFFIXES:
                yield from json_rows(path, key_base, self.column_map, data)
                return
            raw, encoding, confidence = decode_with_confidence(data)
            fields = html_article(raw) if suffix in HTML_SUFFIXES else {"text": raw}
            fields.pop("extractor", None)
            if not fields["text"].strip():
                raise InputError("no text after decoding")
            if suffix in HTML_SUFFIXES:
                body = " ".join(fields["text"].split()[len((fields.get("title") or "").split()):])
                if not _SENTENCE_END.search(body):
                    raise InputError(f"no article text in the page (no sentence besides the title: {body[:60]!r})")
            yield Row(fields, key_base, str(path), encoding, confidence, single_file=True)

    def _finish(self, row: Row, path: Path, root: Path, parts: tuple[str, ...]) -> dict | None:
        """The articles row for one article's raw fields, or None (and a recorded skip)."""
        text = row.fields.get("text")
        if not isinstance(text, str) or not text.strip():
            self.skipped.append({"input": row.source_path, "reason": "empty or missing text"})
            return None
        if len(text) > self.max_bytes // 4:
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > self.max_bytes:
                self.skipped.append({"input": row.source_path, "reason":
                                     f"article too large ({size_text(size)} > {size_text(self.max_bytes)} limit)"})
                return None
        fields = row.fields
        if row.single_file:
            fields = {**fields, **self._file_metadata(path, root)}
        title = as_text(fields.get("title"))
        title = " ".join(title.split()) if title else ""
        url = as_text(fields.get("url"))
        url = url.strip() if url else None
        outlet = normalise_outlet(fields.get("outlet")) or domain_of(url)
        published = fields.get("published")
        if row.single_file:
            if outlet is None:
                outlet = parts[0] if len(parts) > 1 else root.name or None
            if as_text(published) is None:
                match = _DATE_IN_NAME.search(path.name)
                published = match.group(1) if match else None
        article_id = make_article_id(row.key, text)
        if article_id in self._ids:
            repeat = 1
            while f"{article_id}-{repeat}" in self._ids:
                repeat += 1
            article_id = f"{article_id}-{repeat}"
        self._ids.add(article_id)
        fingerprint = text_fingerprint(text)
        duplicate_of = self._first_with_text.setdefault(fingerprint, article_id)
        if duplicate_of == article_id:
            duplicate_of = None
        else:
            self.duplicates += 1
        self.articles_read += 1
        author = as_text(fields.get("author"))
        return {
            "article_id": article_id,
            "title": title or first_line(text),
            "text": text,
            "raw_text": text,
            "outlet": self.outlet_aliases.resolve(outlet, url),
            "published": published,
            "url": url or None,
            "source_path": row.source_path,
            "removed": "",
            "duplicate_of": duplicate_of,
            "encoding": row.encoding,
            "encoding_confidence": float(row.confidence),
            "author": " ".join(author.split()) if author else None,
        }

    def _file_metadata(self, path: Path, root: Path) -> dict:
        """Fields for one article file from the nearest metadata file (recorded as read, or skipped)."""
        folder = path.parent
        if folder not in self._metadata:
            self._metadata[folder] = self._load_metadata(folder, root)
        index, meta_folder = self._metadata[folder]
        if meta_folder is None:
            return {}
        resolved = path.resolve()
        relative = resolved.relative_to(meta_folder).as_posix() if resolved.is_relative_to(meta_folder) else path.name
        fields = dict(index.get(relative) or index.get(path.stem) or {})
        return {k: v for k, v in fields.items() if as_text(v) is not None}

    def _load_metadata(self, folder: Path, root: Path) -> tuple[dict, Path | None]:
        try:
            meta = load_metadata(folder, root)
        except InputError as err:
            bad = getattr(err, "path", None) or folder
            if str(bad) not in {item["input"] for item in self.skipped}:
                self.skipped.append({"input": str(bad), "reason": f"metadata not used: {err}"})
            return {}, None
        if meta is None:
            return {}, None
        meta_path = meta.attrs["path"]
        self.metadata_used[str(folder)] = str(meta_path)
        if str(meta_path) not in self.input_hashes:
            self.files_read.append(str(meta_path))
            self.input_hashes[str(meta_path)] = sha256_file(meta_path)
        return metadata_index(meta), meta.attrs["folder"]


def stream_articles(inputs, column_map: Mapping[str, str] | None = None,
                    outlet_aliases: Mapping[str, str] | OutletAliases | Path | str | None = None,
                    chunk_size: int = 500, max_bytes: int = MAX_FILE_BYTES) -> ArticleStream:
    """An `ArticleStream` over the inputs (files or folders, read recursively); nothing is read yet."""
    return ArticleStream(inputs, column_map=column_map, outlet_aliases=outlet_aliases,
                         chunk_size=chunk_size, max_bytes=max_bytes)


def load_articles(
    inputs: list[Path | str],
    column_map: dict[str, str] | None = None,
    outlet_aliases: Mapping[str, str] | OutletAliases | Path | str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> LoadResult:
    """Read every input into one `articles` table (uncleaned: text == raw_text)."""
    stream = stream_articles(inputs, column_map=column_map, outlet_aliases=outlet_aliases,
                             chunk_size=5000, max_bytes=max_bytes)
    frames = list(stream.chunks())
    articles = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0] if frames else articles_frame([])
    return LoadResult(articles, stream.files_read, stream.skipped, stream.input_hashes, list(stream.ignored))


# ------------------------------------------------------------------------ whole-table helpers

def _deduplicate_ids(articles: pd.DataFrame) -> pd.DataFrame:
    """The same file given twice gets the same id: keep ids unique by suffixing repeats."""
    if articles["article_id"].is_unique:
        return articles
    articles = articles.copy()
    counts = articles.groupby("article_id").cumcount()
    articles.loc[counts > 0, "article_id"] = articles["article_id"] + "-" + counts.astype(str)
    return articles


def mark_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """`duplicate_of` = id of the first article with the same text (whitespace-insensitive)."""
    articles = articles.copy()
    fingerprint = articles["raw_text"].map(text_fingerprint)
    first_id = articles.groupby(fingerprint)["article_id"].transform("first")
    articles["duplicate_of"] = first_id.where(first_id != articles["article_id"])
    return articles
