"""The Dask engine gives the local engine's tables: PolNeAR dev (84 articles), with timings.

Runs the analysis of ../shared/data/polnear/dev (the .txt files; the .ann annotations are skipped
by the loader) with the local engine (one process, then a process pool) and on Dask (a local
cluster that map_chunks starts and closes itself, then a cluster started beforehand and reached by
its address, cold and warm), and prints whether every table is identical and the time of each.
Needs ../shared/data; prints a message and exits 0 without it. Exit status 1 if tables differ.

    .venv/bin/python benchmarks/dask_equivalence.py [--workers N] [--chunk-size N]
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import time

import pandas as pd

from newsaudit import clean, config, load, pipeline, stats

KEYS = {
    "articles": ["article_id"],
    "sentences": ["article_id", "sentence_id"],
    "attributions": ["article_id", "attribution_id"],
    "hedges": ["article_id", "sentence_id", "start", "end"],
    "article_stats": ["article_id"],
}


def analyze_on_dask(articles: pd.DataFrame, chunk_size: int, **engine) -> dict[str, pd.DataFrame]:
    """analyze_articles with its chunk loop on Dask: clean, chunk, map_chunks, assemble."""
    from newsaudit.dask_engine import map_chunks

    articles = clean.clean_articles(articles)
    chunks = [articles.iloc[i:i + chunk_size] for i in range(0, len(articles), chunk_size)]
    results = list(map_chunks(pipeline.analyse_chunk, chunks, **engine))
    tables = pipeline.concat_analysed([r for r, _ in results])
    failed = {item["article_id"] for _, skipped in results for item in skipped}
    articles = articles[~articles["article_id"].isin(failed)].reset_index(drop=True)
    tables["articles"] = articles
    tables["article_stats"] = stats.article_stats(
        articles, tables["sentences"], tables["attributions"], tables["hedges"]
    )
    return {name: tables[name] for name in pipeline.TABLE_NAMES}


def differences(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> list[str]:
    """'' for identical tables; else one line per table that differs (and whether sorting fixes it)."""
    out = []
    for name in pipeline.TABLE_NAMES:
        try:
            pd.testing.assert_frame_equal(got[name], want[name])
            continue
        except AssertionError as err:
            first = str(err).strip().splitlines()[0]
        try:
            keys = KEYS[name]
            pd.testing.assert_frame_equal(
                got[name].sort_values(keys).reset_index(drop=True),
                want[name].sort_values(keys).reset_index(drop=True),
            )
            out.append(f"{name}: same rows in another order")
        except AssertionError:
            out.append(f"{name}: {first}")
    return out


def timed(label: str, func, n: int, reference=None):
    started = time.perf_counter()
    tables = func()
    seconds = time.perf_counter() - started
    if reference is None:
        verdict = "reference"
    else:
        diff = differences(tables, reference)
        verdict = "identical tables" if not diff else "DIFFERENT: " + "; ".join(diff)
    print(f"{label:<60} {seconds:6.2f} s {n / seconds:7.1f} articles/s  {verdict}", flush=True)
    return tables, verdict


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes / Dask workers")
    parser.add_argument("--chunk-size", type=int, default=pipeline.ARTICLES_PER_TASK, help="articles per Dask task")
    args = parser.parse_args()
    dev = config.POLNEAR_DIR / "dev"
    if not dev.exists():
        print(f"skipped: {dev} not present")
        return 0
    from distributed import LocalCluster

    loaded = load.load_articles([dev])
    articles = loaded.articles
    n = len(articles)
    print(f"machine: {os.cpu_count()} cores; corpus: {dev}: {n} articles "
          f"({len(loaded.skipped)} inputs skipped, e.g. the .ann files); "
          f"workers {args.workers}, {args.chunk_size} articles per Dask task")
    verdicts = []
    reference, _ = timed("local, 1 process", lambda: pipeline.analyze_articles(articles)[0], n)
    _, v = timed(f"local, {args.workers} processes",
                 lambda: pipeline.analyze_articles(articles, workers=args.workers)[0], n, reference)
    verdicts.append(v)
    _, v = timed(f"dask, own LocalCluster ({args.workers} workers; start+stop)",
                 lambda: analyze_on_dask(articles, args.chunk_size, workers=args.workers), n, reference)
    verdicts.append(v)
    started = time.perf_counter()
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        print(f"{'(starting a cluster to reach by address)':<60} {time.perf_counter() - started:6.2f} s")
        address = cluster.scheduler_address
        for run in ("first run", "second run, warm workers"):
            _, v = timed(f"dask, existing cluster by address, {run}",
                         lambda: analyze_on_dask(articles, args.chunk_size, scheduler=address), n, reference)
            verdicts.append(v)
    if "engine" in inspect.signature(pipeline.analyze_paths).parameters:
        # the wiring behind `newsaudit analyze --engine dask`: streamed chunks, cleaned chunk by chunk
        def paths(engine: str):
            return pipeline.analyze_paths([dev], workers=args.workers, engine=engine)[0]

        local, _ = timed(f"analyze_paths(engine='local', workers={args.workers}): reference 2", lambda: paths("local"), n)
        _, v = timed(f"analyze_paths(engine='dask', workers={args.workers})", lambda: paths("dask"), n, local)
        verdicts.append(v)
    same = all(v == "identical tables" for v in verdicts)
    print("RESULT:", "every engine gives identical tables" if same else "tables DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
