"""The whole analysis: articles in, the contract tables out, streamed chunk by chunk.

    raw files --load.stream_articles--> chunks of articles --(engine: clean, segment, score,
    sourcing, stats)--> per-chunk tables --writer--> DIR/<table>.parquet (one row group a chunk)

`analyze_to_dir` is what `newsaudit analyze` runs: memory stays bounded whatever the corpus size
(a few chunks and tasks in flight), every table is written to a temporary name and renamed at the end (a
killed run leaves the previous tables untouched), and articles whose results are already in DIR
(same article_id, title, code, model and cleaning switch) are reused instead of analysed again;
the previous run's leading chunks whose files have not changed are copied without reading them.
`analyze_paths` is the same analysis kept in memory (notebooks, tests), and `analyze_articles`
analyses an `articles` table already loaded (evaluation).

The modules of this package, one job each: `chunk` (the analysis of some articles, in memory),
`engines` (where tasks run: this process, a process pool, Dask) with `warm_pool` (worker
processes that share one warm-up), `reuse` (the previous run's tables, for incremental runs) with
`prefix` (its chunks copied whole), `writer` (Parquet streamed under temporary names) and
`manifest` (run.json). This module runs the stream through them.
"""

from __future__ import annotations

import collections
import functools
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd
from tqdm import tqdm

from .. import clean, load, schema
from . import manifest, prefix
from .chunk import analyse_chunk, analyse_task, clean_chunk, concat_analysed, concat_table, warm_up
from .engines import ENGINES, default_workers, map_local, mapper
from .manifest import model_fingerprint
from .reuse import ANALYSED_ARTICLE_COLUMNS, Previous
from .writer import TableWriter, arrow_schema, remove_leftovers, write_run_json, write_tables

__all__ = [
    "ANALYSED_ARTICLE_COLUMNS", "CHUNK_SIZE", "ENGINES", "STAGES", "TABLE_NAMES", "analyse_chunk", "analyse_task",
    "analysis_fingerprint", "analyze_articles", "analyze_paths", "analyze_to_dir", "arrow_schema", "clean_chunk",
    "concat_analysed", "default_workers", "map_local", "model_fingerprint", "warm_up",
    "write_tables",
]

# segment, sentiment and sourcing (NLTK, the CRF model) are imported when first needed: a run
# starts reading sooner, a rerun that reuses every article never imports them, and a pool of
# workers has them imported once, by the process that forks the workers (warm_pool).
_LAZY_MODULES = ("segment", "sentiment", "sourcing")


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f"..{name}", __package__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TABLE_NAMES = schema.TABLE_NAMES
# Articles per chunk: read together, cleaned with one split-word vocabulary, written as one row group.
CHUNK_SIZE = 200
# Articles per task (a chunk's work is spread over the workers in tasks of this size; the tables
# do not depend on it).
MIN_TASK, MAX_TASK = 25, 100
ARTICLES_PER_TASK = 50  # analyze_articles
# Stages whose seconds run.json records under `timings` (worker stages are summed over workers).
STAGES = ("load", "clean", "segment_sentiment", "sourcing", "stats", "reuse", "write")


def analysis_fingerprint(clean_text: bool) -> str:
    """What the results of one article depend on besides its text and title (see manifest.fingerprint)."""
    return manifest.fingerprint(clean_text, model_fingerprint())


class _Run:
    """One pass over the stream: chunks out to the engine, results (and reused rows) back in order,
    handed to `sink(name, frame)` table by table; counts, skips and timings for run.json."""

    def __init__(self, stream, clean_text: bool, map_tasks, previous: Previous | None, progress: bool,
                 workers: int = 1):
        self.stream = stream
        self.workers = workers
        self.clean_text = clean_text
        self.map_tasks = map_tasks
        self.previous = previous
        self.progress = progress
        self.timings = {stage: 0.0 for stage in STAGES}
        self.counts = {"read_articles": 0, "analysed": 0, "reused": 0, "failed": 0, "duplicates": 0, "chunks": 0,
                       "tasks": 0, "copied": 0}
        self.failed: list[dict] = []
        self.chunk_rows: list[list[int]] = []  # per chunk: articles read, rows of each table

    def tasks(self, pending: collections.deque) -> Iterator[pd.DataFrame]:
        """The analysis tasks, chunk after chunk: the chunk's articles not reused, in pieces of
        `task_size` articles (one empty task for a chunk wholly reused or copied). Each chunk is
        recorded in `pending` with its number of tasks before they are handed out."""
        if self.previous is not None:  # here: after an eager pool has started its workers
            started = time.perf_counter()
            self.counts["copied"] = prefix.fast_forward(self.previous, self.stream)
            self.timings["reuse"] += time.perf_counter() - started
        for number in range(self.counts["copied"]):  # the previous run's, nothing to read or analyse
            pending.append({"copy": number, "tasks": 1, "results": []})
            self.counts["chunks"] += 1
            yield pd.DataFrame()
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
            for result in self.map_tasks(task, self.tasks(pending)):
                entry = pending[0]
                entry["results"].append(result)
                if len(entry["results"]) < entry["tasks"]:
                    continue
                pending.popleft()
                if "copy" in entry:
                    bar.update(self._copy_chunk(entry["copy"], sink))
                    continue
                self._finish_chunk(entry["chunk"], entry["reused"], entry["results"], sink)
                bar.update(len(entry["chunk"]))
        finally:
            bar.close()

    def _finish_chunk(self, chunk: pd.DataFrame, reused: np.ndarray, results: list[dict], sink) -> None:
        failed = [item for r in results for item in r["failed"]]
        for r in results:
            for stage, seconds in r["timings"].items():
                self.timings[stage] = self.timings.get(stage, 0.0) + seconds
        started = time.perf_counter()
        fresh = {name: concat_table(name, [r["tables"][name] for r in results]) if len(results) > 1
                 else results[0]["tables"][name] for name in TABLE_NAMES}
        self.timings["write"] += time.perf_counter() - started
        started = time.perf_counter()
        tables = self.previous.merge(chunk, reused, fresh) if self.previous is not None else fresh
        self.timings["reuse"] += time.perf_counter() - started
        self.failed += failed
        self.counts["read_articles"] += len(chunk)
        self.counts["failed"] += len(failed)
        self.counts["reused"] += int(reused.sum())
        self.counts["analysed"] += len(tables["articles"])
        self.counts["duplicates"] += int(tables["articles"]["duplicate_of"].notna().sum())
        self._write(len(chunk), tables, sink)

    def _copy_chunk(self, number: int, sink) -> int:
        """Chunk `number` of the previous run, copied whole; its number of articles."""
        started = time.perf_counter()
        tables = self.previous.chunk_tables(number)
        self.timings["reuse"] += time.perf_counter() - started
        articles = tables["articles"].num_rows
        for count in ("read_articles", "reused", "analysed"):
            self.counts[count] += articles
        self.counts["duplicates"] += articles - tables["articles"].column("duplicate_of").null_count
        self._write(articles, tables, sink)
        return articles

    def _write(self, read: int, tables: dict, sink) -> None:
        self.chunk_rows.append([read, *(len(tables[name]) for name in TABLE_NAMES)])
        started = time.perf_counter()
        for name in TABLE_NAMES:
            sink(name, tables[name])
        self.timings["write"] += time.perf_counter() - started

    def run_info(self, inputs, options: dict, started: float, fingerprint: str) -> dict:
        return manifest.run_info(self.stream, self.counts, self.failed, self.timings, inputs=inputs, options=options,
                                 started=started, analysis_fingerprint=fingerprint, model=model_fingerprint(),
                                 reuse_counted=self.previous is not None or "reuse" in options)


def _start(inputs, clean_text: bool, column_map, outlet_aliases, chunk_size: int, engine: str, workers: int,
           scheduler: str | None, previous: Previous | None, progress: bool) -> _Run:
    discovering = time.perf_counter()
    stream = load.stream_articles([Path(p) for p in inputs], column_map=column_map, outlet_aliases=outlet_aliases,
                                  chunk_size=chunk_size)
    run = _Run(stream, clean_text, mapper(engine, workers, scheduler), previous, progress, workers)
    run.timings["load"] += time.perf_counter() - discovering
    return run


def _much_to_analyse(files: list[Path], previous: Previous | None, workers: int) -> bool:
    """Whether enough input files are new or changed to keep every worker busy (so that worker
    processes are worth starting before the first article is read)."""
    enough = MIN_TASK * workers
    return len(files) >= enough if previous is None else previous.inputs_changed(files, enough)


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
        previous, why_not = Previous.open(out_dir, fingerprint)
        if why_not and on_previous is not None:
            on_previous(why_not)
    opening = time.perf_counter() - opening
    run = _start(inputs, clean, column_map, outlet_aliases, chunk_size, engine, workers, scheduler, previous, progress)
    if engine == "local" and _much_to_analyse([path for path, _ in run.stream.files], previous, workers):
        run.map_tasks = functools.partial(run.map_tasks, eager=True)  # workers start while this process reads
    run.timings["reuse"] += opening
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    writers = {name: TableWriter(out_dir / f"{name}.parquet", name) for name in TABLE_NAMES}
    committed = False
    try:
        run.run(lambda name, frame: writers[name].write(frame))
        options = {"clean": clean, "workers": workers, "engine": engine, "scheduler": scheduler,
                   "chunk_size": chunk_size, "reuse": reuse, "column_map": column_map or {},
                   "outlet_aliases": str(outlet_aliases) if isinstance(outlet_aliases, (str, Path)) else
                   None if outlet_aliases is None else "(mapping)"}
        info = run.run_info(inputs, options, started, fingerprint)
        info["reuse_index"] = prefix.reuse_index(run.stream, run.chunk_rows)  # for the next run
        if previous is not None:
            previous.close()
        (out_dir / "run.json").unlink(missing_ok=True)  # out first, in last: see write_tables
        for writer in writers.values():
            writer.commit()
        write_run_json(out_dir, info)
        committed = True
        return {**{key: value for key, value in info.items() if key != "reuse_index"}, "written": True}
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
    run = _start(inputs, clean, column_map, outlet_aliases, chunk_size, engine, workers, scheduler, None, progress)
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLE_NAMES}
    run.run(lambda name, frame: parts[name].append(frame))
    tables = {name: concat_table(name, frames) for name, frames in parts.items()}
    options = {"clean": clean, "workers": workers, "engine": engine, "chunk_size": chunk_size,
               "column_map": column_map or {}}
    return tables, run.run_info(inputs, options, started, analysis_fingerprint(clean))


def analyze_articles(
    articles: pd.DataFrame, clean_text: bool = True, workers: int = 1, progress: bool = False
) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """All tables for an `articles` table already in memory, and the articles that failed analysis
    (with reasons). Cleaning sees the whole table at once (one split-word vocabulary)."""
    if clean_text:
        articles = clean.clean_articles(articles)
    size = ARTICLES_PER_TASK
    chunks = [articles.iloc[i:i + size] for i in range(0, len(articles), size)]
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
    tables = {name: concat_table(name, frames) for name, frames in parts.items()}
    return tables, failed
