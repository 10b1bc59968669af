"""Incremental runs, the fast path: the leading chunks of the previous run whose input files are
all unchanged are copied whole (Arrow row groups), and those files are not read again.

A file is unchanged when its signature (size, mtime, ctime, inode and device:
load_discover.file_signature) is the one the previous run recorded, or else when its bytes hash
to the sha256 recorded then; its folder's metadata file must be the same file with the same
bytes. The previous run's run.json `reuse_index` says where its chunks ended with a file
(`marks`, see load.ArticleStream) and how many rows each chunk wrote to each table. The stream
resumes at the last mark before the first file that is new, changed, removed or in another
place, and before the first chunk with an article that failed, with the previous run's record of
what had been read, skipped and seen up to there: ids, `duplicate_of`, the chunks and run.json
are those of a run that reads every file.
"""

from __future__ import annotations

from .. import load


def reuse_index(stream, chunk_rows: list[list[int]]) -> dict:
    """run.json `reuse_index` of a run over `stream`: what a later run needs to skip its files."""
    return {"options": stream.options_key, "discovery_skipped": stream.discovery_skipped,
            "files": dict(stream.signatures), "metadata": dict(stream.metadata_used), "marks": list(stream.marks),
            "chunks": chunk_rows}


def fast_forward(previous, stream) -> int:
    """Set `stream` to resume after the previous run's leading chunks that can be copied whole;
    how many they are (0: read every file)."""
    index = previous.info.get("reuse_index")
    if not isinstance(index, dict) or index.get("options") != stream.options_key:
        return 0
    try:
        found = _last_mark(previous, stream, index)
        if found is None:
            return 0
        mark, signatures = found
        stream.resume(_state(previous, stream, index, mark, signatures))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, OSError):
        return 0  # an index of another shape, or tables that changed meanwhile: read every file
    return mark["chunks"]


def _last_mark(previous, stream, index: dict):
    """The last mark of the previous run that this run reaches with unchanged files, and the
    signatures of the files before it; None when there is none."""
    chunks = index["chunks"]
    if not previous.rows_match(chunks):
        return None
    failed = next((number for number, rows in enumerate(chunks) if rows[1] != rows[0]), len(chunks))
    marks = [mark for mark in index["marks"] if 0 < mark["chunks"] <= failed]
    if not marks:
        return None
    same, signatures = _unchanged_files(stream, index, previous.info.get("input_hashes", {}), marks[-1]["files"])
    marks = [mark for mark in marks if mark["files"] <= same]
    return (marks[-1], signatures) if marks else None


def _unchanged_files(stream, index: dict, hashes: dict, limit: int) -> tuple[int, list]:
    """How many of the stream's leading files (at most `limit`) are the previous run's, unchanged,
    with unchanged metadata; and their signatures now."""
    recorded = list(index["files"].items())
    metadata = index.get("metadata", {})
    folders: dict = {}
    signatures: list = []
    for number in range(min(limit, len(stream.files), len(recorded))):
        path, root = stream.files[number]
        name, signature = recorded[number]
        if str(path) != name:
            break
        now = load.file_signature(path)
        if (signature is None or now != signature) and not _same_bytes(path, hashes.get(name)):
            break
        if path.parent not in folders:
            folders[path.parent] = _same_metadata(path.parent, root, metadata.get(str(path.parent)), hashes)
        if not folders[path.parent]:
            break
        signatures.append(now)
    return len(signatures), signatures


def _same_bytes(path, digest: str | None) -> bool:
    try:
        return digest is not None and load.sha256_file(path) == digest
    except OSError:
        return False


def _same_metadata(folder, root, recorded: str | None, hashes: dict) -> bool:
    """Whether the articles in `folder` take their fields from the same metadata file, unchanged."""
    now = load.metadata_path(folder, root)
    if now is None or recorded is None:
        return now is None and recorded is None
    return str(now) == recorded and _same_bytes(now, hashes.get(recorded))


def _state(previous, stream, index: dict, mark: dict, signatures: list) -> dict:
    """What a stream that had read the files before `mark` would hold (see load.ArticleStream.resume)."""
    info = previous.info
    files_read = info["files_read"][:mark["files_read"]]
    hashes = info["input_hashes"]
    first = index["discovery_skipped"]
    folders = {str(path.parent) for path, _ in stream.files[:mark["files"]]}
    state = {
        **{key: mark[key] for key in ("files", "chunks", "articles", "duplicates")},
        "files_read": files_read,
        "input_hashes": {path: hashes[path] for path in files_read if path in hashes},
        "skipped": info["skipped"][first:first + mark["skipped"]],
        "signatures": {str(path): signature for (path, _), signature in
                       zip(stream.files[:mark["files"]], signatures)},
        "metadata": {folder: path for folder, path in index.get("metadata", {}).items() if folder in folders},
        "marks": [m for m in index["marks"] if m["chunks"] <= mark["chunks"]],
    }
    if mark["files"] < len(stream.files):  # later articles may repeat an id or a text of these
        ids, texts = previous.ids_and_texts(mark["chunks"])
        first_with_text: dict = {}
        for article_id, text in zip(ids, texts):
            first_with_text.setdefault(load.text_fingerprint(text), article_id)
        state.update(ids=ids, first_with_text=first_with_text)
    return state

