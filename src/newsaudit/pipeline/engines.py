"""Where the analysis tasks run: this process, a bounded pool of local worker processes, or Dask.

Every engine maps a picklable function over an iterable of tasks and hands the results back in
input order, with a bounded number of tasks taken and not yet handed back (memory stays flat).
"""

from __future__ import annotations

import collections
import functools
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

from .chunk import warm_up
from .warm_pool import WarmPool

ENGINES = ("local", "dask")


def default_workers() -> int:
    return os.cpu_count() or 1


def start_pool(workers: int, initializer: Callable[[], None] | None = None):
    """Worker processes: on Linux a WarmPool (one warm-up, forked workers), elsewhere a
    ProcessPoolExecutor (each worker runs `initializer`)."""
    if sys.platform == "linux":
        return WarmPool(workers, initializer)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer)
    pool.submit(int)  # the processes start with the first task
    return pool


def _has_work(task) -> bool:
    return not (hasattr(task, "__len__") and len(task) == 0)


def map_local(func: Callable, tasks: Iterable, workers: int = 1, max_in_flight: int | None = None,
              initializer: Callable[[], None] | None = None, max_queued: int | None = None,
              eager: bool = False) -> Iterator:
    """`func` over `tasks` in `workers` processes, results in input order.

    At most `max_in_flight` tasks (default 2 x workers) are submitted and not yet handed back, and
    at most `max_queued` (default 8 x workers) taken from `tasks` and not yet handed back: empty
    tasks (len 0, a chunk wholly reused) run here at once, and reading on past them finds the next
    real work early. The pool (warm_pool.WarmPool: `initializer` runs once, in the process that
    then forks the workers) starts when a second task with work arrives, so a single one, or
    workers=1, runs in this process with no pool at all (a rerun that reuses every article starts
    no process and imports no analysis module); `eager` starts it at once, when the caller knows
    that work is coming."""
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

    if eager and workers > 1:  # the workers import and warm up while this process reads
        pool = start_pool(workers, initializer)
    try:
        for task in tasks:
            if not _has_work(task):
                queue.append(["done", func(task)])
            else:
                seen += 1
                if pool is None and workers > 1 and seen == 2:
                    pool = start_pool(workers, initializer)
                    for entry in queue:
                        if entry[0] == "todo":
                            entry[:] = ["future", pool.submit(func, entry[1])]
                queue.append(["future", pool.submit(func, task)] if pool is not None else ["todo", task])
                busy += 1
            while busy >= window or len(queue) >= limit:
                yield head()
        while queue:
            yield head()
        if pool is not None:  # every result handed back: the workers end as they would anyway
            pool.shutdown(wait=True)
            pool = None
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def mapper(engine: str, workers: int, scheduler: str | None) -> Callable[[Callable, Iterable], Iterator]:
    """The `map(func, tasks)` of an engine: "local" (map_local) or "dask" (dask_engine.map_chunks)."""
    if engine == "local":
        return functools.partial(map_local, workers=workers, initializer=warm_up)
    if engine == "dask":
        from .. import dask_engine

        return functools.partial(dask_engine.map_chunks, scheduler=scheduler, workers=workers)
    raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
