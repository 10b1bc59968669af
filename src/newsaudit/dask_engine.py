"""The cluster engine: apply a chunk function on Dask, results back in input order.

`map_chunks(pipeline.analyse_chunk, chunks)` is the Dask counterpart of mapping the function over
the chunks in a process pool. With no scheduler address it starts a `LocalCluster` of worker
processes bound to the loopback interface and closes it at the end; with an address
(`tcp://host:8786`) it connects a `distributed.Client` to a cluster someone else started
(`dask scheduler`, then `dask worker tcp://host:8786` on each machine, every one with newsaudit
installed, since workers import the chunk function by name).

At most `max_in_flight` chunks are on the cluster (submitted and not yet handed back) at any
time, so a corpus of any size is streamed through with bounded memory on both sides.

Worker processes are spawned, not forked: a script that calls `map_chunks` without a scheduler
address must keep its work under `if __name__ == "__main__":`. Importing this module imports
distributed (~0.5 s): import it where the Dask engine is chosen, not at the top of the CLI.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pandas as pd
from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from .errors import UsageError, one_line

CONNECT_TIMEOUT = "20s"  # how long to try to reach a scheduler given by address
WORKER_WAIT_SECONDS = 60  # how long to wait for a reachable scheduler to have a worker
_QUIET_LOGGERS = ("distributed", "dask", "tornado", "asyncio")
_END = object()


class ChunkFailed(RuntimeError):
    """A chunk's task raised (or its worker died); the message names the chunk in one line."""


def map_chunks(
    func: Callable[[pd.DataFrame], Any],
    chunks: Iterable[pd.DataFrame],
    scheduler: str | None = None,
    workers: int | None = None,
    max_in_flight: int | None = None,
) -> Iterator[Any]:
    """Apply `func` (a picklable top-level function, e.g. pipeline.analyse_chunk) to each chunk on
    Dask and yield the results in input order.

    scheduler=None starts a LocalCluster (processes, `workers` of them, default os.cpu_count(),
    threads_per_worker=1, no dashboard, no network beyond loopback) and closes it at the end;
    scheduler="tcp://host:8786" connects a distributed.Client to an existing cluster (`workers`
    is then ignored: the cluster has the workers it has). At most `max_in_flight` chunks are
    submitted at a time (default 2 x workers, or 2 x the cluster's worker threads) so memory
    stays bounded.

    The cluster starts on the first `next()`. A chunk whose task raises stops the run: the
    cluster is closed, then `ChunkFailed` is raised with a one-line message naming the chunk
    (the worker's exception is its `__cause__`). An unreachable scheduler, or one with no
    workers, raises `UsageError`. Closing the iterator early cancels what is still queued.
    """
    if workers is not None and workers < 1:
        raise UsageError(f"workers must be at least 1, got {workers}")
    if max_in_flight is not None and max_in_flight < 1:
        raise UsageError(f"max_in_flight must be at least 1, got {max_in_flight}")
    if scheduler is not None and not str(scheduler).strip():
        raise UsageError("the scheduler address is empty (expected e.g. tcp://HOST:8786)")
    return _run(func, iter(chunks), scheduler, workers, max_in_flight)


def _run(func, chunks: Iterator[pd.DataFrame], scheduler, workers, max_in_flight) -> Iterator[Any]:
    with _quiet_logs(), contextlib.ExitStack() as stack:
        client, slots = _connect(scheduler, workers, stack)
        window = max_in_flight or 2 * slots
        run_id = uuid.uuid4().hex[:12]  # task keys of concurrent runs on a shared cluster never clash
        futures: dict[int, Any] = {}  # chunk index -> future, for every chunk not yet handed back
        labels: dict[int, str] = {}
        index_of: dict[str, int] = {}  # task key -> chunk index
        finished: set[int] = set()
        pending = as_completed(loop=client.loop)
        submitted = 0

        def submit_next() -> bool:
            nonlocal submitted
            chunk = next(chunks, _END)
            if chunk is _END:
                return False
            index = submitted
            submitted += 1
            future = client.submit(func, chunk, key=f"newsaudit-chunk-{run_id}-{index}", pure=False)
            futures[index], labels[index], index_of[future.key] = future, _label(index, chunk), index
            pending.add(future)
            return True

        def cancel_rest() -> None:
            if futures:
                with contextlib.suppress(Exception):
                    client.cancel(list(futures.values()))
                futures.clear()

        stack.callback(cancel_rest)  # runs before the client and cluster close (LIFO)

        while len(futures) < window and submit_next():
            pass
        head = 0
        while futures:
            while head not in finished:
                future = next(pending)
                index = index_of.pop(future.key)
                if future.status != "finished":
                    _fail(future, index, labels[index], stack)
                finished.add(index)
            while head in finished:
                future = futures.pop(head)
                finished.discard(head)
                try:
                    result = future.result()
                except Exception:  # noqa: BLE001 - lost between finishing and fetching
                    futures[head] = future
                    _fail(future, head, labels[head], stack)
                future.release()
                del labels[head]
                head += 1
                submit_next()  # keep the cluster busy while the caller works on `result`
                yield result


def _fail(future, index: int, label: str, stack: contextlib.ExitStack) -> None:
    """Close the cluster, then raise one line naming the chunk."""
    try:
        error = future.exception(timeout=5)
    except Exception as err:  # noqa: BLE001 - cancelled or lost: report that instead
        error = err
    if error is None:
        error = RuntimeError(f"task ended with status {future.status!r}")
    stack.close()
    raise ChunkFailed(f"{label} failed on Dask: {one_line(error)}") from error


class _DropComputeFailed(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Compute Failed")


class QuietTaskErrors(WorkerPlugin):
    """Worker plugin for the clusters map_chunks starts itself: the
    worker's "Compute Failed" log block is dropped, since ChunkFailed reports the error with the
    worker's traceback as its cause. Clusters given by address keep their own logging."""

    def setup(self, worker) -> None:
        log = logging.getLogger("distributed.worker")
        if not any(isinstance(f, _DropComputeFailed) for f in log.filters):
            log.addFilter(_DropComputeFailed())


def _label(index: int, chunk: Any) -> str:
    """'chunk 3 (50 articles, bbc/001.txt .. bbc/050.txt)'."""
    try:
        size = len(chunk)
        ids = chunk["article_id"] if isinstance(chunk, pd.DataFrame) and "article_id" in chunk else None
    except Exception:  # noqa: BLE001 - any iterable item can be a chunk
        return f"chunk {index}"
    if ids is None or size == 0:
        return f"chunk {index} ({size} rows)"
    first, last = str(ids.iat[0]), str(ids.iat[-1])
    span = first if size == 1 else f"{first} .. {last}"
    return f"chunk {index} ({size} article{'s' if size != 1 else ''}, {span})"


def _connect(scheduler: str | None, workers: int | None, stack: contextlib.ExitStack):
    """A client (and, without an address, its local cluster) registered on `stack` for closing;
    returns the client and the number of task slots (worker threads)."""
    if scheduler is None:
        n_workers = workers or os.cpu_count() or 1
        cluster = LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # scheduler, workers and their comms stay on loopback
            scheduler_port=0,
            dashboard_address=None,
            worker_dashboard_address=None,
            # no dashboard; the scheduler's bare HTTP endpoint (health, metrics) takes a free
            # loopback port instead of 8787, which another cluster may hold
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.WARNING,
        )
        stack.callback(cluster.close)
        client = Client(cluster, set_as_default=False)
        stack.callback(client.close)
        # our workers: a failing task is reported once, by ChunkFailed, not also as a log block
        client.register_plugin(QuietTaskErrors(), name="newsaudit-quiet-task-errors")
        return client, n_workers

    address = str(scheduler).strip()
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError, TypeError) as err:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {one_line(err)}") from err
    stack.callback(client.close)
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except (TimeoutError, OSError) as err:
        raise UsageError(
            f"the Dask scheduler at {address} has no workers after {WORKER_WAIT_SECONDS} s "
            f"(start some with 'dask worker {address}')"
        ) from err
    threads = client.nthreads()
    return client, max(1, sum(threads.values()))


@contextlib.contextmanager
def _quiet_logs():
    """Dask's loggers at WARNING for the run (the client side; LocalCluster quiets its workers)."""
    loggers = [logging.getLogger(name) for name in _QUIET_LOGGERS]
    old = [lg.level for lg in loggers]
    for lg in loggers:
        if lg.getEffectiveLevel() < logging.WARNING:
            lg.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for lg, level in zip(loggers, old):
            lg.setLevel(level)
