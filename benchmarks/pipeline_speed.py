"""Throughput of loading, cleaning and the whole analysis on the BBC corpus (2,225 articles).

Prints articles/s for each stage in one process, and the full analysis with 2 workers, with the
ratio against the one-process run measured here. Needs ../shared/data/bbc.
"""

from __future__ import annotations

import os
import resource
import sys
import time

from newsaudit import clean, config, load, pipeline


def timed(label: str, func, n: int, baseline: float | None = None):
    started = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - started
    ratio = f"  ({baseline / seconds:.2f}x the 1-process run)" if baseline else ""
    print(f"{label:<38} {seconds:7.2f} s  {n / seconds:8.0f} articles/s{ratio}")
    return result, seconds


def main() -> int:
    if not config.BBC_DIR.exists():
        print(f"skipped: {config.BBC_DIR} not present")
        return 0
    print(f"machine: {os.cpu_count()} cores; corpus: {config.BBC_DIR}")
    loaded, _ = timed("load (decode, metadata, duplicates)", lambda: load.load_articles([config.BBC_DIR]), 2225)
    n = len(loaded.articles)
    timed("clean", lambda: clean.clean_articles(loaded.articles), n)
    (tables, _), one = timed("analyze, 1 process", lambda: pipeline.analyze_articles(loaded.articles), n)
    timed("analyze, 2 workers", lambda: pipeline.analyze_articles(loaded.articles, workers=2), n, baseline=one)
    print(f"sentences {len(tables['sentences'])}, attributions {len(tables['attributions'])}, "
          f"hedges {len(tables['hedges'])}")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
