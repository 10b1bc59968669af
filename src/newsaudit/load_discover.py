"""Finding the inputs: every file under the folders given (each file once, in a stable order), the
files that are not articles (with the reason), and the metadata tables (`metadata.csv` ...) that
give fields to the article files beside them.
"""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pandas as pd

from .errors import one_line
from .load_decode import InputError, decode_bytes, read_bytes
from .load_fields import field_candidates

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | TABLE_SUFFIXES
METADATA_NAMES = ("metadata.csv", "metadata.tsv", "metadata.jsonl")
_NOT_ARTICLES = {"readme", "readme.md", "readme.txt", "readme.rst", "expected.md", "license", "license.txt",
                 "license.md", "copying", "notice", "changelog.md", "thumbs.db", "desktop.ini"}


def _not_article(name: str) -> str | None:
    """Why a file found in a folder is not an article (None: it may be one)."""
    if name in METADATA_NAMES:
        return "metadata table: read for the article files beside it, not as articles"
    if name.startswith("."):
        return "hidden file (name starts with a dot)"
    if name.lower() in _NOT_ARTICLES:
        return "not an article (README, LICENSE or expected results)"
    return None


def _walk(folder: Path, ignored: list[dict], skipped: list[dict]) -> list[tuple[str, str, bool]]:
    """(path, real folder, is a link) of every file under `folder`, following folder links once (a
    link back to a folder already read is a loop: ignored with a word); hidden folders are ignored
    whole, unreadable ones skipped."""
    found: list[tuple[str, str, bool]] = []
    visited: set[str] = set()

    def visit(current: str) -> None:
        real = os.path.realpath(current)
        if real in visited:
            ignored.append({"input": current, "reason": "symbolic link loop: folder already read"})
            return
        visited.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as err:
            skipped.append({"input": current, "reason": f"cannot read folder: {err.strerror or err}"})
            return
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # follows links
                is_file = not is_dir and entry.is_file()
            except OSError:
                is_dir = is_file = False
            if is_dir:
                if entry.name.startswith("."):
                    ignored.append({"input": entry.path, "reason": "hidden folder (name starts with a dot)"})
                else:
                    visit(entry.path)
            elif is_file or entry.is_symlink():  # a broken or looping link: reading it gives the reason
                found.append((entry.path, real, entry.is_symlink()))
            else:
                ignored.append({"input": entry.path, "reason": "not a regular file (device, socket or pipe)"})

    visit(str(folder))
    return found


def discover(inputs: list[Path]) -> tuple[list[tuple[Path, Path]], list[dict], list[dict]]:
    """(file, input root) pairs for every file under the inputs, each file once; the inputs
    skipped (with reasons); and the files ignored as not articles (with reasons).

    A folder holding a `run.json` is newsaudit's own output (analysed tables), not articles.
    """
    files: list[tuple[Path, Path]] = []
    skipped: list[dict] = []
    ignored: list[dict] = []
    seen: set[str] = set()

    def add(path: str, root: Path, real: str | None = None) -> None:
        key = real or os.path.realpath(path)
        if key in seen:
            return
        seen.add(key)
        file = Path(path)
        if file.suffix.lower() in SUPPORTED_SUFFIXES or (os.path.islink(path) and not os.path.exists(path)):
            files.append((file, root))
        else:
            skipped.append({"input": path, "reason": f"unsupported file type {file.suffix or '(none)'!r}"})

    for item in map(Path, inputs):
        if item.is_dir():
            found = sorted(_walk(item, ignored, skipped), key=lambda entry: entry[0].split(os.sep))
            outputs = {os.path.dirname(path) for path, _, _ in found if os.path.basename(path) == "run.json"}
            for folder in sorted(outputs):
                skipped.append({"input": folder, "reason": "folder of newsaudit output (has run.json), not articles"})
            for path, real_folder, is_link in found:
                if outputs and any(path.startswith(folder + os.sep) for folder in outputs):
                    continue
                name = os.path.basename(path)
                reason = _not_article(name)
                if reason is not None:
                    ignored.append({"input": path, "reason": reason})
                    continue
                add(path, item, None if is_link else os.path.join(real_folder, name))
        elif item.is_file() or item.is_symlink():
            add(str(item), item.parent)
        else:
            skipped.append({"input": str(item), "reason": "no such file or folder"})
    return files, skipped, ignored


# A file whose inode changed less than this long before it was looked at gets no signature: a
# change within the same timestamp tick (1 s on some file systems) would keep the signature.
RACY_NS = 2 * 10 ** 9


def file_signature(path: Path | str) -> str | None:
    """"size:mtime_ns:ctime_ns:inode:device" of a file, or None (cannot be read, or changed in the
    last RACY_NS). Any write changes the inode's change time (ctime), which no program can set
    back, so an equal signature means an unchanged file even when its size and mtime were kept."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if stat.st_ctime_ns > time.time_ns() - RACY_NS:
        return None
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}:{stat.st_dev}"


# -------------------------------------------------------------------------------------- metadata

def read_table(path: Path, data: bytes | None = None) -> pd.DataFrame:
    """A small CSV, TSV, JSONL or Parquet table read whole (metadata files), strictly."""
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


def metadata_path(folder: Path, stop: Path) -> Path | None:
    """The nearest metadata file in `folder` or its parents, up to two levels above `stop` (the
    file that `load_metadata` reads), or None."""
    highest = list(stop.resolve().parents)[1] if len(stop.resolve().parents) > 1 else stop.resolve()
    current = folder.resolve()
    while True:
        for name in METADATA_NAMES:
            candidate = current / name
            if candidate.is_file():
                return candidate
        if current == highest or current.parent == current:
            return None
        current = current.parent


def load_metadata(folder: Path, stop: Path) -> pd.DataFrame | None:
    """The nearest metadata file in `folder` or its parents, up to two levels above `stop`."""
    candidate = metadata_path(folder, stop)
    if candidate is None:
        return None
    try:
        table = read_table(candidate)
    except InputError as err:
        err.path = candidate
        raise
    table.attrs.update(folder=candidate.parent, path=candidate)
    return table


def metadata_index(meta: pd.DataFrame) -> dict[str, dict]:
    """Fields of each article file a metadata table describes, by relative path and by file stem."""
    columns = {ours: names[0] for ours, names in field_candidates(meta.columns, None).items()}
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
