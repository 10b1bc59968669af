"""Raw files in, the `articles` table out.

Reads folders (recursively) of `.txt` and `.html` files, and CSV / JSONL / Parquet tables. Every
input either becomes articles or a recorded skip with a one-line reason; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from . import schema
from .errors import one_line

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"}
METADATA_NAMES = ("metadata.csv", "metadata.tsv", "metadata.jsonl")
MAX_FILE_BYTES = 50 * 1024 * 1024

# Column names that tables in the wild use for each of our fields, most specific first.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article_text", "full_text", "article", "story", "maintext"),
    "title": ("title", "headline", "heading", "head", "name"),
    "outlet": ("outlet", "publisher", "source", "publication", "site", "domain", "source_domain"),
    "published": (
        "published", "publication_date", "published_at", "pub_date", "date", "datetime",
        "date_publish", "timestamp",
    ),
    "url": ("url", "link", "href", "source_url"),
    "id": ("article_id", "id", "doc_id", "uid"),
    "path": ("path", "filename", "file", "source_path"),
}

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


class InputError(ValueError):
    """An input that cannot be used at all (the reason is the message)."""


@dataclass
class LoadResult:
    articles: pd.DataFrame
    files_read: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # {"input": ..., "reason": ...}
    input_hashes: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------- decoding

def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode scraped bytes: BOMs first, then strict UTF-8, UTF-16 without BOM, cp1252, Latin-1.

    Returns the text and the encoding used. Raises InputError for empty or binary data.
    """
    if not data.strip():
        raise InputError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return data[3:].decode("cp1252", errors="replace"), "utf-8-sig, invalid bytes read as cp1252"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_or_binary(data, "utf-16")
    if b"\x00" in data[:4096]:
        even_nuls = data[0:4096:2].count(0)
        odd_nuls = data[1:4096:2].count(0)
        sample = min(len(data), 4096) // 2 or 1
        if odd_nuls > 0.3 * sample and even_nuls < 0.05 * sample:
            return _decode_or_binary(data, "utf-16-le")
        if even_nuls > 0.3 * sample and odd_nuls < 0.05 * sample:
            return _decode_or_binary(data, "utf-16-be")
        raise InputError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    if _looks_binary(text):
        raise InputError("binary file (mostly control characters), not text")
    return text, encoding


def _decode_or_binary(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"binary file (looks like {encoding} but does not decode)") from err
    if _looks_binary(text):
        raise InputError("binary file (mostly control characters), not text")
    return text, encoding


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > 0.05 * len(sample)


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)")
    return path.read_bytes()


# ------------------------------------------------------------------------------------ text helpers

def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


class _HTMLText(HTMLParser):
    """Visible text of an HTML page, one line per block element, plus its <title>."""

    BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "li", "article", "section", "tr", "blockquote"}
    HIDDEN = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self._hidden = 0
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._hidden:
            return
        if self._in_h1:
            self.h1 += data
        self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """(title, text) of an HTML page; the title leads the text, as in a scraped .txt file."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    body = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    body = re.sub(r" *\n *", "\n", body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    title = " ".join((parser.h1 or parser.title).split()) or first_line(body)
    if not body.startswith(title):
        body = f"{title}\n\n{body}"
    return title, body


def make_article_id(key: str, raw_text: str) -> str:
    """Stable across runs and machines: depends on the input-relative key and the content only."""
    digest = hashlib.sha1(f"{key}\n{raw_text}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


# -------------------------------------------------------------------------------------- metadata

def _normalise_columns(frame: pd.DataFrame, column_map: dict[str, str] | None) -> dict[str, str]:
    """Map our field names to the frame's column names (explicit map first, then aliases)."""
    lower = {str(c).strip().lower(): c for c in frame.columns}
    found: dict[str, str] = {}
    for ours, theirs in (column_map or {}).items():
        if theirs not in frame.columns:
            raise InputError(f"column {theirs!r} (mapped to {ours}) not in columns {list(frame.columns)}")
        found[ours] = theirs
    for ours, aliases in COLUMN_ALIASES.items():
        if ours in found:
            continue
        for alias in aliases:
            if alias in lower:
                found[ours] = lower[alias]
                break
    return found


def read_table(path: Path, data: bytes | None = None) -> pd.DataFrame:
    """A CSV, TSV, JSONL or Parquet table (from `data` when the file was already read)."""
    suffix = path.suffix.lower()
    data = read_bytes(path) if data is None else data
    try:
        if suffix == ".parquet":
            return pd.read_parquet(io.BytesIO(data))
        text, _ = decode_bytes(data)
        if suffix in {".jsonl", ".ndjson"}:
            rows = []
            for number, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as err:
                        raise InputError(f"line {number} is not JSON ({err.msg})") from err
                    if not isinstance(row, dict):
                        raise InputError(f"line {number} is not a JSON object")
                    rows.append(row)
            return pd.DataFrame(rows)
        sep = "\t" if suffix == ".tsv" else ","
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - any parser failure is a reason to skip this input
        raise InputError(f"cannot parse {suffix[1:]} table: {one_line(err)}") from err


def load_metadata(folder: Path, stop: Path) -> pd.DataFrame | None:
    """The nearest metadata file in `folder` or its parents, up to two levels above `stop`."""
    highest = list(stop.resolve().parents)[1] if len(stop.resolve().parents) > 1 else stop.resolve()
    current = folder.resolve()
    while True:
        for name in METADATA_NAMES:
            candidate = current / name
            if candidate.is_file():
                try:
                    table = read_table(candidate)
                except InputError as err:
                    err.path = candidate
                    raise
                table.attrs.update(folder=current, path=candidate)
                return table
        if current == highest or current.parent == current:
            return None
        current = current.parent


def _metadata_for(folder: Path, root: Path, files_read: list[str], hashes: dict[str, str],
                  skipped: list[dict]) -> tuple[dict, Path | None]:
    """The metadata index for files in `folder`, recording the metadata file as read (or skipped)."""
    try:
        meta = load_metadata(folder, root)
    except InputError as err:
        bad = getattr(err, "path", None) or folder
        if str(bad) not in {item["input"] for item in skipped}:
            skipped.append({"input": str(bad), "reason": f"metadata not used: {err}"})
        return {}, None
    if meta is None:
        return {}, None
    path = meta.attrs["path"]
    if str(path) not in hashes:
        files_read.append(str(path))
        hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _metadata_index(meta), meta.attrs["folder"]


def _metadata_index(meta: pd.DataFrame) -> dict[str, dict]:
    columns = _normalise_columns(meta, None)
    key_column = columns.get("path")
    if key_column is None:
        return {}
    index: dict[str, dict] = {}
    for record in meta.to_dict("records"):
        fields = {ours: record.get(theirs) for ours, theirs in columns.items() if ours != "path"}
        key = str(record[key_column]).replace("\\", "/")
        index[key] = fields
        index.setdefault(Path(key).stem, fields)
    return index


# ----------------------------------------------------------------------------------- discovery

SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
_NOT_ARTICLES = {"readme.md", "readme.txt", "expected.md", "license"}


def discover(inputs: list[Path]) -> tuple[list[tuple[Path, Path]], list[dict]]:
    """(file, input root) pairs for every readable file under the inputs, each file once, and skips.

    A folder holding a `run.json` is newsaudit's own output (analysed tables), not articles.
    """
    files: list[tuple[Path, Path]] = []
    skipped: list[dict] = []
    seen: set[Path] = set()

    def add(path: Path, root: Path) -> None:
        if path.resolve() in seen:
            return
        seen.add(path.resolve())
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append((path, root))
        else:
            skipped.append({"input": str(path), "reason": f"unsupported file type {path.suffix or '(none)'!r}"})

    for item in map(Path, inputs):
        if item.is_dir():
            outputs = {run.parent for run in item.rglob("run.json")}
            for folder in sorted(outputs):
                skipped.append({"input": str(folder), "reason": "folder of newsaudit output (has run.json), not articles"})
            for path in sorted(p for p in item.rglob("*") if p.is_file()):
                if (path.name in METADATA_NAMES or path.name.startswith(".") or path.name.lower() in _NOT_ARTICLES
                        or any(parent in outputs for parent in path.parents)):
                    continue
                add(path, item)
        elif item.is_file():
            add(item, item.parent)
        else:
            skipped.append({"input": str(item), "reason": "no such file or folder"})
    return files, skipped


# ------------------------------------------------------------------------------------- loading

def _as_text(value) -> str | None:
    """Scraped tables mix types in a column (a numeric URL, a title object): keep text only."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value if isinstance(value, str) else json.dumps(value, default=str) if isinstance(value, (dict, list)) else str(value)


def _record(key: str, raw_text: str, **fields) -> dict:
    return {
        "article_id": make_article_id(key, raw_text),
        "title": _as_text(fields.get("title")) or first_line(raw_text),
        "text": raw_text,
        "raw_text": raw_text,
        "outlet": _as_text(fields.get("outlet")),
        "published": _as_text(fields.get("published")),
        "url": _as_text(fields.get("url")),
        "source_path": fields.get("source_path"),
        "removed": "",
        "duplicate_of": None,
        "encoding": fields.get("encoding"),
    }


def _file_fields(path: Path, root: Path, meta_index: dict[str, dict], meta_folder: Path | None) -> dict:
    fields: dict = {}
    if meta_folder is not None:
        resolved = path.resolve()
        relative = resolved.relative_to(meta_folder).as_posix() if resolved.is_relative_to(meta_folder) else path.name
        fields = dict(meta_index.get(relative) or meta_index.get(path.stem) or {})
    if not fields.get("outlet"):
        relative_parts = path.relative_to(root).parts if path.is_relative_to(root) else ()
        fields["outlet"] = relative_parts[0] if len(relative_parts) > 1 else root.name or None
    if not fields.get("published"):
        match = _DATE_IN_NAME.search(path.name)
        fields["published"] = match.group(1) if match else None
    return {k: v for k, v in fields.items() if v not in ("", None) and not (isinstance(v, float) and pd.isna(v))}


def _rows_from_table(path: Path, data: bytes, root: Path, column_map: dict[str, str] | None,
                     skipped: list[dict]) -> list[dict]:
    table = read_table(path, data)
    columns = _normalise_columns(table, column_map)
    if "text" not in columns:
        raise InputError(
            f"no text column (columns: {', '.join(map(str, table.columns))}); "
            f"map one with --column text=NAME"
        )
    rows = []
    key_base = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    for number, record in enumerate(table.to_dict("records")):
        text = record.get(columns["text"])
        if not isinstance(text, str) or not text.strip():
            skipped.append({"input": f"{path}#row{number}", "reason": "empty or missing text"})
            continue
        fields = {ours: record.get(theirs) for ours, theirs in columns.items() if ours != "text"}
        fields = {k: v for k, v in fields.items() if v is not None and not (isinstance(v, float) and pd.isna(v)) and v != ""}
        key = f"{key_base}#{fields.get('id', number)}"
        if not fields.get("title"):
            fields.pop("title", None)
        rows.append(_record(key, text, source_path=f"{path}#row{number}", encoding="table", **fields))
    return rows


def load_articles(
    inputs: list[Path | str],
    column_map: dict[str, str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> LoadResult:
    """Read every input into one `articles` table (uncleaned: text == raw_text)."""
    files, skipped = discover([Path(p) for p in inputs])
    rows: list[dict] = []
    files_read: list[str] = []
    hashes: dict[str, str] = {}
    meta_cache: dict[Path, tuple[dict, Path | None]] = {}
    for path, root in files:
        files_read.append(str(path))
        try:
            suffix = path.suffix.lower()
            data = read_bytes(path, max_bytes)
            hashes[str(path)] = hashlib.sha256(data).hexdigest()
            if suffix in TABLE_SUFFIXES:
                rows.extend(_rows_from_table(path, data, root, column_map, skipped))
                continue
            raw, encoding = decode_bytes(data)
            if path.parent not in meta_cache:
                meta_cache[path.parent] = _metadata_for(path.parent, root, files_read, hashes, skipped)
            meta_index, meta_folder = meta_cache[path.parent]
            fields = _file_fields(path, root, meta_index, meta_folder)
            if suffix in HTML_SUFFIXES:
                title, raw = html_to_text(raw)
                fields.setdefault("title", title)
            if not raw.strip():
                raise InputError("no text after decoding")
            key = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
            fields.pop("id", None)
            rows.append(_record(key, raw, source_path=str(path), encoding=encoding, **fields))
        except InputError as err:
            skipped.append({"input": str(path), "reason": str(err)})
        except OSError as err:
            skipped.append({"input": str(path), "reason": f"cannot read: {err.strerror or err}"})
    articles = pd.DataFrame(rows, columns=schema.ARTICLES) if rows else schema.empty(schema.ARTICLES)
    articles = mark_duplicates(_deduplicate_ids(articles))
    articles["published"] = pd.to_datetime(articles["published"], errors="coerce", utc=True, format="mixed")
    return LoadResult(articles, files_read, skipped, hashes)


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
    fingerprint = articles["raw_text"].map(lambda t: hashlib.sha1(" ".join(str(t).split()).encode()).hexdigest())
    first_id = articles.groupby(fingerprint)["article_id"].transform("first")
    articles["duplicate_of"] = first_id.where(first_id != articles["article_id"])
    return articles
