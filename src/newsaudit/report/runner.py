"""Running a batch: keep the reports that are unchanged since the last run, hand the rest to a pool
of worker processes (each with its own warm kernel, worker.py), show progress, and save the
manifest as results come in (a killed batch resumes from it) and the index at the end."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import sys
import time

from . import manifest, worker
from .plan import Batch, Job, Result


def can_reuse(job: Job, batch: Batch) -> bool:
    entry = batch.previous.get(job.report_id)
    if batch.force or not entry or entry.get("key") != job.key or entry.get("status") != "ok":
        return False
    needed = ["html", "ipynb"] + (["pdf"] if batch.pdf else [])
    outputs = entry.get("outputs", {})
    return all(kind in outputs and (batch.out_dir / outputs[kind]).exists() for kind in needed)


def start_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    """`workers` worker processes, started now: each launches its kernel and imports what reports
    need while the caller goes on planning the batch."""
    # spawn, not fork: kernels and browsers hold sockets and threads that a fork would copy.
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                                  initializer=worker.start)
    for _ in range(workers):  # the pool starts a process per task waiting while none is idle
        pool.submit(worker.ready)
    return pool


def run_batch(batch: Batch, pool: concurrent.futures.ProcessPoolExecutor | None = None) -> list[Result]:
    """Render the batch's reports (in `pool` when given, else in a pool of batch.workers started
    here, or in this process for one worker or one report)."""
    from tqdm import tqdm

    batch.out_dir.mkdir(parents=True, exist_ok=True)
    for leftover in batch.out_dir.glob("**/.*.tmp.*"):  # temporary files of a run that was killed
        leftover.unlink(missing_ok=True)
    results: dict[str, Result] = {}
    todo = []
    for job in batch.jobs:
        entry = batch.previous.get(job.report_id)
        if can_reuse(job, batch):
            fields = {name: value for name, value in entry.items() if name in Result.__dataclass_fields__}
            results[job.report_id] = Result(**{**fields, "title": job.title, "reused": True})
        else:
            todo.append(job)
    settings = {"out_dir": str(batch.out_dir), "pdf": batch.pdf, "timeout": batch.timeout, "command": batch.command,
                "inputs": batch.inputs}
    progress = tqdm(total=len(batch.jobs), initial=len(batch.jobs) - len(todo), desc="reports", unit="report",
                    file=sys.stderr, dynamic_ncols=True, disable=batch.quiet)
    last_save = time.monotonic()
    try:
        for result in _execute_all(todo, settings, batch.workers, pool):
            results[result.report_id] = result
            progress.update(1)
            if time.monotonic() - last_save > 2.0:  # a killed run can still resume from here
                manifest.write_manifest(batch, _in_plan_order(batch, results), finished=False)
                last_save = time.monotonic()
    finally:
        progress.close()
        ordered = _in_plan_order(batch, results)
        manifest.write_manifest(batch, ordered, finished=True)
        manifest.write_index(batch, ordered)
    return ordered


def _in_plan_order(batch: Batch, results: dict[str, Result]) -> list[Result]:
    return [results[job.report_id] for job in batch.jobs if job.report_id in results]


def _execute_all(jobs: list[Job], settings: dict, workers: int, pool=None):
    if not jobs:
        return
    if pool is None and (workers == 1 or len(jobs) == 1):
        try:
            for job in jobs:
                yield worker.render_report(job, settings)
        finally:
            worker.close()
        return
    with pool or start_pool(min(workers, len(jobs))) as pool:
        futures = {pool.submit(worker.render_report, job, settings): job for job in jobs}
        try:
            for future in concurrent.futures.as_completed(futures):
                job = futures[future]
                try:
                    yield future.result()
                except Exception as error:  # the worker process itself died
                    yield worker.failure(job, f"worker process failed: {type(error).__name__}: {error}", {}, 0.0)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
