"""The whole analysis: articles in, the contract tables out, streamed chunk by chunk.

    raw files --load.stream_articles--> chunks of articles --(workers: clean, segment, score,
    sourcing, stats)--> per-chunk tables --ParquetWriter--> DIR/<table>.parquet (one row group a chunk)

`analyze_to_dir` is what `newsaudit analyze` runs: memory stays bounded whatever the corpus size
(a few chunks and tasks in flight), every table is written to a temporary name and renamed at the end (a
killed run leaves the previous tables untouched), and articles whose results are already in DIR
(same article_id, title, code, model and cleaning switch) are reused instead of analysed again.
`analyze_paths` is the same analysis kept in memory (notebooks, tests), and `analyze_articles`
analyses an `articles` table already loaded (evaluation).
"""

from __future__ import annotations

import collections
import functools
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import pandas as pd
from tqdm import tqdm

from . import __version__, atomic, clean, config, export, load, schema, stats
from .errors import one_line

# segment, sentiment and sourcing (NLTK, the CRF model) are imported when first needed: a run
# starts reading sooner, and a pool of workers has them imported just before it forks.
_LAZY_MODULES = ("segment", "sentiment", "sourcing")


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f".{name}", __package__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TABLE_NAMES = ("articles", "sentences", "attributions", "hedges", "article_stats")
# Articles per chunk: read together, cleaned with one split-word vocabulary, written as one row group.
CHUNK_SIZE = 200
# Articles per task (a chunk's work is spread over the workers in tasks of this size; the tables
# do not depend on it).
MIN_TASK, MAX_TASK = 25, 100
_CHUNK_SIZE = 50  # analyze_articles: articles per task
ENGINES = ("local", "dask")
# Per-article columns that the analysis itself produces; every other `articles` column is metadata
# that a rerun refreshes from the inputs (outlet, date, url, path, duplicate_of, ...).
ANALYSED_ARTICLE_COLUMNS = ("text", "removed")
# Stages whose seconds run.json records under `timings` (worker stages are summed over workers).
STAGES = ("load", "clean", "segment_sentiment", "sourcing", "stats", "reuse", "write")


def default_workers() -> int:
    return os.cpu_count() or 1


# ------------------------------------------------------------------------------ one chunk of work

def _analyse_chunk(articles: pd.DataFrame, timings: dict | None = None) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Sentences, scores, attributions and hedges for some articles; a failing article is skipped."""
    try:
        return _analyse(articles, timings), []
    except Exception:  # noqa: BLE001 - isolate the bad article below
        pass
    parts, skipped = [], []
    for index in range(len(articles)):
        one = articles.iloc[index:index + 1]
        try:
            parts.append(_analyse(one, timings))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop a batch
            skipped.append({
                "input": str(one["source_path"].iat[0]),
                "article_id": one["article_id"].iat[0],
                "reason": f"analysis failed: {one_line(err)}",
            })
    return _concat(parts), skipped


def _analyse(articles: pd.DataFrame, timings: dict | None = None) -> dict[str, pd.DataFrame]:
    from . import segment, sentiment, sourcing

    clock = _Clock(timings)
    sentences = sentiment.score_sentences(segment.split_sentences(articles))
    clock.lap("segment_sentiment")
    attributions = sourcing.extract_attributions(articles, sentences)
    hedges = sourcing.find_hedges(articles, sentences)
    clock.lap("sourcing")
    if len(attributions):
        attributions["content_compound"] = sentiment.score_texts(
            attributions["content_text"].fillna("").tolist()
        )["compound"].values
    clock.lap("segment_sentiment")
    return {"sentences": sentences, "attributions": attributions, "hedges": hedges}


class _Clock:
    """Adds the seconds since the last lap to `timings[stage]` (does nothing without `timings`)."""

    def __init__(self, timings: dict | None):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def _concat(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    columns = {"sentences": schema.SENTENCES, "attributions": schema.ATTRIBUTIONS, "hedges": schema.HEDGES}
    out = {}
    for name, cols in columns.items():
        frames = [p[name] for p in parts if len(p[name])]
        out[name] = schema.typed(pd.concat(frames, ignore_index=True) if frames else schema.empty(cols), name)
    return out


def clean_chunk(articles: pd.DataFrame, vocabulary: clean.Vocabulary | None = None) -> pd.DataFrame:
    """Scrape-noise cleaning of some articles, with the split-word `vocabulary` of the chunk they
    come from (default: their own)."""
    if vocabulary is None:
        return clean.clean_articles(articles) if len(articles) else articles.copy()
    articles = articles.copy()
    cleaned = [clean.clean_text(raw, title if isinstance(title, str) else "", vocabulary)
               for raw, title in zip(articles["raw_text"], articles["title"])]
    articles["text"] = [text for text, _ in cleaned]
    articles["removed"] = ["\n".join(gone) for _, gone in cleaned]
    return articles


@functools.lru_cache(maxsize=1)
def _empty_tables() -> dict[str, pd.DataFrame]:
    """Typed empty tables (read only: shared by every empty result of this process)."""
    return {**_concat([]), "article_stats": schema.empty(schema.ARTICLE_STATS)}


def analyse_task(articles: pd.DataFrame, clean_text: bool = True) -> dict:
    """Everything for some loaded articles, in a worker: the five tables, the articles that failed
    (with reasons) and the seconds each stage took. Cleaning uses the split-word vocabulary in
    `articles.attrs["vocabulary"]` (the whole chunk's) when there is one. Top-level so that
    process pools and Dask can pickle it (with functools.partial for `clean_text`)."""
    timings: dict[str, float] = {}
    if not len(articles):  # a chunk whose articles are all reused
        return {"tables": {**_empty_tables(), "articles": articles}, "failed": [], "timings": timings}
    vocabulary = articles.attrs.get("vocabulary")
    articles = articles.copy()
    articles.attrs = {}
    clock = _Clock(timings)
    if clean_text:
        articles = clean_chunk(articles, vocabulary)
    clock.lap("clean")
    tables, failed = _analyse_chunk(articles, timings)
    clock = _Clock(timings)
    failed_ids = {item["article_id"] for item in failed}
    articles = articles[~articles["article_id"].isin(failed_ids)].reset_index(drop=True)
    tables["articles"] = articles
    tables["article_stats"] = stats.article_stats(articles, tables["sentences"], tables["attributions"], tables["hedges"])
    clock.lap("stats")
    return {"tables": {name: schema.typed(tables[name], name) for name in TABLE_NAMES}, "failed": failed,
            "timings": timings}


# ----------------------------------------------------------------------------------- engines

def map_local(func: Callable, tasks: Iterable, workers: int = 1, max_in_flight: int | None = None,
              initializer: Callable[[], None] | None = None, max_queued: int | None = None,
              before_pool: Callable[[], None] | None = None) -> Iterator:
    """`func` over `tasks` in `workers` processes, results in input order.

    At most `max_in_flight` tasks (default 2 x workers) are submitted and not yet handed back, and
    at most `max_queued` (default 8 x workers) taken from `tasks` and not yet handed back: empty
    tasks (len 0, a chunk wholly reused) run here at once, and reading on past them finds the next
    real work early. The pool (each process runs `initializer` first) starts when a second task
    arrives, so a single task, or workers=1, runs in this process with no pool at all."""
    window = max(2, max_in_flight or 2 * workers)
    limit = max(window, max_queued or 8 * workers)
    queue: collections.deque = collections.deque()  # [kind, item]: "done" result, "future", "todo" task
    pool = None
    seen = busy = 0

    def head():
        nonlocal busy
        kind, item = queue.popleft()
        if kind == "done":
            return item
        busy -= 1
        return item.result() if kind == "future" else func(item)

    try:
        for task in tasks:
            seen += 1
            if pool is None and workers > 1 and seen == 2:
                if before_pool is not None:
                    before_pool()
                pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer)
                for entry in queue:
                    if entry[0] == "todo":
                        entry[:] = ["future", pool.submit(func, entry[1])]
            if hasattr(task, "__len__") and len(task) == 0:
                queue.append(["done", func(task)])
            else:
                queue.append(["future", pool.submit(func, task)] if pool is not None else ["todo", task])
                busy += 1
            while busy >= window or len(queue) >= limit:
                yield head()
        while queue:
            yield head()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_WARM_UP_TEXT = ("Harbour Reopens\n\nThe harbour will reopen on Monday, Mayor Ana Ruiz said. "
                 "\"It is good news,\" she said. Analysts say costs reportedly rose.\n")


def import_stages() -> None:
    """Import the analysis modules here, so that forked workers inherit them instead of each
    importing NLTK and the rest on its own."""
    from . import segment, sentiment, sourcing  # noqa: F401


def warm_up() -> None:
    """Load what the first article would (the CRF model, name tables, lexicons) as soon as a
    worker process starts, while the main process is still reading."""
    article = {column: None for column in schema.ARTICLES}
    article.update(article_id="warm-up", title="Harbour Reopens", text=_WARM_UP_TEXT, raw_text=_WARM_UP_TEXT,
                   source_path="warm-up", removed="")
    try:
        analyse_task(pd.DataFrame([article]))
    except Exception:  # noqa: BLE001 - warming up is only ever an optimisation
        pass


def _mapper(engine: str, workers: int, scheduler: str | None) -> Callable[[Callable, Iterable], Iterator]:
    if engine == "local":
        return functools.partial(map_local, workers=workers, initializer=warm_up, before_pool=import_stages)
    if engine == "dask":
        from . import dask_engine

        return functools.partial(dask_engine.map_chunks, scheduler=scheduler, workers=workers)
    raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")


# -------------------------------------------------------------------------------- reading input

def _stream(inputs, column_map, outlet_aliases, chunk_size):
    return load.stream_articles([Path(p) for p in inputs], column_map=column_map, outlet_aliases=outlet_aliases,
                                chunk_size=chunk_size)


# ---------------------------------------------------------------------------- fingerprints

def model_fingerprint() -> str | None:
    path = config.ATTRIBUTION_MODEL
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else None


def analysis_fingerprint(clean_text: bool) -> str:
    """What the results of one article depend on besides its text and title: the package code,
    the attribution model and the cleaning switch (export.analysis_key with no inputs)."""
    from .export import analysis_key

    return analysis_key([], clean=clean_text, model=model_fingerprint())


# --------------------------------------------------------------------------- the streamed run

class _Run:
    """One pass over the stream: chunks out to the engine, results (and reused rows) back in order,
    handed to `sink(name, frame)` table by table; counts, skips and timings for run.json."""

    def __init__(self, stream, clean_text: bool, mapper, previous: "_Previous | None", progress: bool,
                 workers: int = 1):
        self.stream = stream
        self.workers = workers
        self.clean_text = clean_text
        self.mapper = mapper
        self.previous = previous
        self.progress = progress
        self.timings = {stage: 0.0 for stage in STAGES}
        self.counts = {"read_articles": 0, "analysed": 0, "reused": 0, "failed": 0, "duplicates": 0, "chunks": 0,
                       "tasks": 0}
        self.failed: list[dict] = []

    def tasks(self, pending: collections.deque) -> Iterator[pd.DataFrame]:
        """The analysis tasks, chunk after chunk: the chunk's articles not reused, in pieces of
        `task_size` articles (one empty task for a chunk wholly reused). Each chunk is recorded in
        `pending` with its number of tasks before they are handed out."""
        chunks = iter(self.stream.chunks())
        while True:
            started = time.perf_counter()
            chunk = next(chunks, None)
            self.timings["load"] += time.perf_counter() - started
            if chunk is None:
                return
            chunk = chunk.reset_index(drop=True)
            chunk.attrs = {}
            reused = self.previous.reusable(chunk) if self.previous is not None else np.zeros(len(chunk), bool)
            todo = chunk[~reused].reset_index(drop=True)
            vocabulary = None
            if self.clean_text and len(todo):
                started = time.perf_counter()
                vocabulary = clean.vocabulary(chunk["raw_text"])  # the chunk's, however it is cut into tasks
                self.timings["clean"] += time.perf_counter() - started
            size = self.task_size(len(todo))
            pieces = [todo.iloc[i:i + size] for i in range(0, len(todo), size)] or [todo]
            for piece in pieces:
                piece.attrs = {"vocabulary": vocabulary} if vocabulary is not None else {}
            pending.append({"chunk": chunk, "reused": reused, "tasks": len(pieces), "results": []})
            self.counts["chunks"] += 1
            self.counts["tasks"] += len(pieces) if len(todo) else 0
            yield from pieces

    def task_size(self, n: int) -> int:
        """Articles per task: the work of a chunk spread over the workers, in tasks of
        MIN_TASK..MAX_TASK articles (the tables do not depend on it)."""
        return max(MIN_TASK, min(MAX_TASK, -(-n // max(1, self.workers))))

    def run(self, sink: Callable[[str, pd.DataFrame], None]) -> None:
        pending: collections.deque = collections.deque()
        task = functools.partial(analyse_task, clean_text=self.clean_text)
        bar = tqdm(desc="analysing", unit="article", disable=not self.progress, file=sys.stderr, dynamic_ncols=True)
        try:
            for result in self.mapper(task, self.tasks(pending)):
                entry = pending[0]
                entry["results"].append(result)
                if len(entry["results"]) < entry["tasks"]:
                    continue
                pending.popleft()
                chunk, reused, results = entry["chunk"], entry["reused"], entry["results"]
                failed = [item for r in results for item in r["failed"]]
                for r in results:
                    for stage, seconds in r["timings"].items():
                        self.timings[stage] = self.timings.get(stage, 0.0) + seconds
                started = time.perf_counter()
                fresh = {name: _concat_table(name, [r["tables"][name] for r in results]) if len(results) > 1
                         else results[0]["tables"][name] for name in TABLE_NAMES}
                self.timings["write"] += time.perf_counter() - started
                started = time.perf_counter()
                tables = self._merge(chunk, reused, fresh)
                self.timings["reuse"] += time.perf_counter() - started
                self.failed += failed
                self.counts["read_articles"] += len(chunk)
                self.counts["failed"] += len(failed)
                self.counts["reused"] += int(reused.sum())
                self.counts["analysed"] += len(tables["articles"])
                self.counts["duplicates"] += int(tables["articles"]["duplicate_of"].notna().sum())
                started = time.perf_counter()
                for name in TABLE_NAMES:
                    sink(name, tables[name])
                self.timings["write"] += time.perf_counter() - started
                bar.update(len(chunk))
        finally:
            bar.close()

    def _merge(self, chunk: pd.DataFrame, reused: np.ndarray, fresh: dict[str, pd.DataFrame]) -> dict:
        """The chunk's tables: rows analysed now and rows reused from the previous run, in the
        chunk's article order (each article's rows in their own order). Reused rows stay Arrow
        tables as read from the previous files; `articles` takes its metadata from the inputs as
        they are now and only the cleaned text and removals from the previous run."""
        if not reused.any():
            return fresh
        import pyarrow as pa

        ids = chunk["article_id"][reused].tolist()
        position = pd.Series(np.arange(len(chunk)), index=chunk["article_id"].values)
        previous = self.previous.rows("articles", ids, list(ANALYSED_ARTICLE_COLUMNS))
        kept = chunk[reused].copy()
        by_id = pd.Series(np.arange(previous.num_rows), index=previous.column("article_id").to_pandas().values)
        rows = pa.array(kept["article_id"].map(by_id).to_numpy())
        for column in ANALYSED_ARTICLE_COLUMNS:
            kept[column] = previous.column(column).take(rows).to_pandas().values
        if len(fresh["articles"]):
            articles = pd.concat([kept, fresh["articles"]], ignore_index=True)
            order = np.argsort(articles["article_id"].map(position).to_numpy(), kind="stable")
            articles = articles.iloc[order]
        merged: dict = {"articles": (articles if len(fresh["articles"]) else kept).reset_index(drop=True)}
        for name in TABLE_NAMES[1:]:
            old = self.previous.rows(name, ids)
            if not old.num_rows:
                merged[name] = fresh[name]
                continue
            if not len(fresh[name]):
                table = old
            else:
                new = pa.Table.from_pandas(_with_utc_dates(fresh[name], name), preserve_index=False)
                table = pa.concat_tables([old, new.select(old.schema.names).cast(old.schema)])
            keys = pd.Series(table.column("article_id").to_numpy(zero_copy_only=False)).map(position).to_numpy()
            merged[name] = table.take(pa.array(np.argsort(keys, kind="stable")))
        return merged

    def run_info(self, inputs, options: dict, started: float, fingerprint: str) -> dict:
        skipped = list(self.stream.skipped) + self.failed
        return {
            "newsaudit_version": __version__,
            "command_inputs": [str(p) for p in inputs],
            "options": options,
            "files_read": list(self.stream.files_read),
            "counts": {
                "read": self.counts["read_articles"] + len(self.stream.skipped),
                "analysed": self.counts["analysed"],
                "skipped": len(skipped),
                "duplicates": self.counts["duplicates"],
                **({"reused": self.counts["reused"]} if self.previous is not None or "reuse" in options else {}),
            },
            "skipped": skipped,
            "ignored": list(getattr(self.stream, "ignored", [])),  # found in folders, not articles
            "input_hashes": dict(self.stream.input_hashes),
            "versions": export.versions(),
            "attribution_model": model_fingerprint(),
            "analysis_fingerprint": fingerprint,
            "chunks": self.counts["chunks"],
            "tasks": self.counts["tasks"],
            "timings": {stage: round(seconds, 3) for stage, seconds in self.timings.items()},
            "seconds": round(time.time() - started, 3),
        }


def analyze_to_dir(
    inputs: list[Path | str],
    out_dir: Path | str,
    clean: bool = True,
    workers: int | None = None,
    column_map: dict[str, str] | None = None,
    progress: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    reuse: bool = True,
    outlet_aliases=None,
    on_previous: Callable[[str], None] | None = None,
) -> dict:
    """Analyse every input into `out_dir`, streaming; returns run_info (also written as run.json).

    Nothing in `out_dir` changes when the run fails or is killed: the tables are renamed into place
    only at the end. A run that analyses nothing still writes run.json (what was read and why each
    input was skipped) beside empty tables, so the folder always describes its last run.
    With `reuse`, articles analysed by the previous run in `out_dir` with the same fingerprint
    are copied from its tables, not analysed again; `on_previous` is told why a previous run could
    not be used.
    """
    started = time.time()
    out_dir = Path(out_dir)
    workers = workers or default_workers()
    fingerprint = analysis_fingerprint(clean)
    previous = None
    opening = time.perf_counter()
    if reuse:
        previous, why_not = _Previous.open(out_dir, fingerprint)
        if why_not and on_previous is not None:
            on_previous(why_not)
    opening = time.perf_counter() - opening
    discovering = time.perf_counter()
    stream = _stream(inputs, column_map, outlet_aliases, chunk_size)
    run = _Run(stream, clean, _mapper(engine, workers, scheduler), previous, progress, workers)
    run.timings["reuse"] += opening
    run.timings["load"] += time.perf_counter() - discovering
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out_dir)
    writers = {name: _TableWriter(out_dir / f"{name}.parquet", name) for name in TABLE_NAMES}
    committed = False
    try:
        run.run(lambda name, frame: writers[name].write(frame))
        options = {"clean": clean, "workers": workers, "engine": engine, "scheduler": scheduler,
                   "chunk_size": chunk_size, "reuse": reuse, "column_map": column_map or {},
                   "outlet_aliases": str(outlet_aliases) if isinstance(outlet_aliases, (str, Path)) else
                   None if outlet_aliases is None else "(mapping)"}
        info = run.run_info(inputs, options, started, fingerprint)
        if previous is not None:
            previous.close()
        (out_dir / "run.json").unlink(missing_ok=True)  # out first, in last: see write_tables
        for writer in writers.values():
            writer.commit()
        atomic.write_text_atomic(out_dir / "run.json", json.dumps(info, indent=2, default=str) + "\n")
        committed = True
        return {**info, "written": True}
    finally:
        if not committed:
            for writer in writers.values():
                writer.abort()
        if previous is not None:
            previous.close()


def analyze_paths(
    inputs: list[Path | str],
    clean: bool = True,
    workers: int = 1,
    column_map: dict[str, str] | None = None,
    progress: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    outlet_aliases=None,
) -> tuple[dict[str, pd.DataFrame], dict]:
    """Load every input and analyse it in memory (the same chunks as `analyze_to_dir`); run_info
    says what was read, analysed and skipped, and why."""
    started = time.time()
    discovering = time.perf_counter()
    stream = _stream(inputs, column_map, outlet_aliases, chunk_size)
    run = _Run(stream, clean, _mapper(engine, workers, scheduler), None, progress, workers)
    run.timings["load"] += time.perf_counter() - discovering
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLE_NAMES}
    run.run(lambda name, frame: parts[name].append(frame))
    tables = {name: _concat_table(name, frames) for name, frames in parts.items()}
    options = {"clean": clean, "workers": workers, "engine": engine, "chunk_size": chunk_size,
               "column_map": column_map or {}}
    return tables, run.run_info(inputs, options, started, analysis_fingerprint(clean))


def _concat_table(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    full = [f for f in frames if len(f)]
    if full:
        frame = pd.concat(full, ignore_index=True) if len(full) > 1 else full[0].reset_index(drop=True)
    elif frames:
        frame = frames[0].iloc[:0]
    else:
        frame = schema.empty(_COLUMNS[name])
    if name == "articles":
        frame = frame.assign(published=_as_utc(frame["published"]))
    return schema.typed(frame, name)


_COLUMNS = {"articles": schema.ARTICLES, "sentences": schema.SENTENCES, "attributions": schema.ATTRIBUTIONS,
            "hedges": schema.HEDGES, "article_stats": schema.ARTICLE_STATS}


def _with_utc_dates(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    if table == "articles" and "published" in frame.columns:
        return frame.assign(published=_as_utc(frame["published"]))
    return frame


def _as_utc(published: pd.Series) -> pd.Series:
    dates = pd.to_datetime(published, errors="coerce", utc=True, format="mixed")
    return dates.dt.as_unit("us")


def analyze_articles(
    articles: pd.DataFrame, clean_text: bool = True, workers: int = 1, progress: bool = False
) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """All tables for an `articles` table already in memory, and the articles that failed analysis
    (with reasons). Cleaning sees the whole table at once (one split-word vocabulary)."""
    if clean_text:
        articles = clean.clean_articles(articles)
    chunks = [articles.iloc[i:i + _CHUNK_SIZE] for i in range(0, len(articles), _CHUNK_SIZE)]
    bar = tqdm(total=len(articles), desc="analysing", unit="article", disable=not progress, file=sys.stderr)
    task = functools.partial(analyse_task, clean_text=False)
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLE_NAMES}
    failed: list[dict] = []
    for chunk, result in zip(chunks, map_local(task, chunks, workers=workers)):
        for name in TABLE_NAMES:
            parts[name].append(result["tables"][name])
        failed += result["failed"]
        bar.update(len(chunk))
    bar.close()
    if not chunks:
        parts["articles"].append(articles)
        parts["article_stats"].append(analyse_task(articles, clean_text=False)["tables"]["article_stats"])
    tables = {name: _concat_table(name, frames) for name, frames in parts.items()}
    return tables, failed


# ----------------------------------------------------------------------- writing, incrementally

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
        elif pa.types.is_null(kind):
            kind = pa.string()
        elif pa.types.is_large_string(kind):
            kind = pa.string()
        fields.append(pa.field(field.name, kind))
    return pa.schema(fields, metadata=inferred.metadata)


# Long, mostly unique text: dictionary encoding would only cost time.
_PLAIN_COLUMNS = frozenset({"text", "raw_text", "removed", "content_text"})


class _TableWriter:
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
            frame = _with_utc_dates(frame, self.table)
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
            empty = self.template if self.template is not None else schema.empty(_COLUMNS[self.table])
            _concat_table(self.table, [empty]).to_parquet(self.temporary, index=False)

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


def _remove_leftovers(out_dir: Path) -> None:
    """Temporary tables of a run that was killed (never read: their names start with a dot)."""
    for name in TABLE_NAMES:
        for leftover in out_dir.glob(f".{name}.*.tmp.parquet"):
            leftover.unlink(missing_ok=True)


# ------------------------------------------------------------------ reuse of the previous run

class _Previous:
    """The tables of the previous run in DIR, opened for reuse: which articles they hold, and their
    rows fetched by row group (one row group per chunk), so memory stays bounded."""

    CACHED_GROUPS = 4

    def __init__(self, out_dir: Path):
        import pyarrow.parquet as pq

        self.files = {name: pq.ParquetFile(out_dir / f"{name}.parquet") for name in TABLE_NAMES}
        self.groups: dict[str, dict[str, list[int]]] = {}
        for name, handle in self.files.items():
            index: dict[str, list[int]] = {}
            for group in range(handle.num_row_groups):
                column = handle.read_row_group(group, columns=["article_id"]).column(0)
                for article_id in column.unique().to_pylist():
                    index.setdefault(article_id, []).append(group)
            self.groups[name] = index
        titles = self.files["articles"].read(columns=["article_id", "title"])
        self.titles = dict(zip(titles.column(0).to_pylist(), titles.column(1).to_pylist()))
        self.cache: collections.OrderedDict = collections.OrderedDict()

    @classmethod
    def open(cls, out_dir: Path, fingerprint: str) -> tuple["_Previous | None", str | None]:
        """The previous run, or None and why it cannot be reused (None when there is none)."""
        try:
            info = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None, None
        if info.get("analysis_fingerprint") != fingerprint:
            return None, "the previous tables were made with other code, model or cleaning: analysing every article"
        try:
            return cls(out_dir), None
        except Exception as err:  # noqa: BLE001 - unreadable tables are simply not reused
            return None, f"the previous tables cannot be read ({one_line(err)}): analysing every article"

    def reusable(self, chunk: pd.DataFrame) -> np.ndarray:
        """True for the chunk's articles already analysed: same id (path and text) and title."""
        missing = object()
        return np.array([
            self.titles.get(article_id, missing) == (title if isinstance(title, str) else None)
            for article_id, title in zip(chunk["article_id"], chunk["title"])
        ], dtype=bool)

    def _group(self, name: str, group: int):
        key = (name, group)
        if key in self.cache:
            self.cache.move_to_end(key)
            return self.cache[key]
        data = self.files[name].read_row_group(group)
        self.cache[key] = data
        if len(self.cache) > self.CACHED_GROUPS * len(TABLE_NAMES):
            self.cache.popitem(last=False)
        return data

    def rows(self, name: str, ids: list[str], columns: list[str] | None = None):
        """The previous run's rows of `name` for these articles, as an Arrow table (file order)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        wanted = pa.array(ids, type=pa.string())
        groups = sorted({g for article_id in ids for g in self.groups[name].get(article_id, ())})
        pieces = []
        for group in groups:
            data = self._group(name, group)
            if columns is not None:
                data = data.select(["article_id", *columns])
            pieces.append(data.filter(pc.is_in(data.column("article_id").cast(pa.string()), value_set=wanted)))
        if not pieces:
            empty = self.files[name].schema_arrow.empty_table()
            return empty.select(["article_id", *columns]) if columns is not None else empty
        return pa.concat_tables(pieces)

    def close(self) -> None:
        self.cache.clear()
        for handle in self.files.values():
            try:
                handle.close()
            except Exception:  # noqa: BLE001
                pass
        self.files = {}


# ------------------------------------------------------------------------------------------ I/O

def write_tables(tables: dict[str, pd.DataFrame], run_info: dict, out_dir: Path) -> None:
    """`<name>.parquet` for each table and `run.json`, each written atomically.

    run.json goes first out and last in, so a folder with a run.json always holds one complete
    set of tables from that run.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "run.json").unlink(missing_ok=True)
    for name in TABLE_NAMES:
        with atomic.replacing(out_dir / f"{name}.parquet") as temporary:
            tables[name].to_parquet(temporary, index=False)
    atomic.write_text_atomic(out_dir / "run.json", json.dumps(run_info, indent=2, default=str) + "\n")


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    out_dir = Path(out_dir)
    missing = [n for n in TABLE_NAMES if not (out_dir / f"{n}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"{out_dir} has no {', '.join(m + '.parquet' for m in missing)}")
    return {name: pd.read_parquet(out_dir / f"{name}.parquet") for name in TABLE_NAMES}
