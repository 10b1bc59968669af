"""The worker processes of the local engine (pipeline.warm_pool): one warm-up shared by every
worker, results handed back whatever the order they finish in, errors raised where the result is
asked for, a killed worker noticed instead of waited for, and no process left behind."""

from __future__ import annotations

import os
import signal
import sys
import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from newsaudit.pipeline.warm_pool import WarmPool

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the warm pool forks (Linux)")

WARM: dict = {}


def warm_up() -> None:
    WARM["by"] = os.getpid()


def whoami(seconds: float) -> tuple[int, int | None]:
    time.sleep(seconds)
    return os.getpid(), WARM.get("by")


def fails(_) -> None:
    raise ValueError("no such article")


def dies(_) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def gone(pids, seconds: float = 5.0) -> bool:
    """Whether none of these processes exists (zombies count as gone) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    alive += [pid] if stat.read().rsplit(")", 1)[1].split()[0] != "Z" else []
            except OSError:
                pass
        if not alive:
            return True
        time.sleep(0.05)
    return False


def test_one_warm_up_serves_every_worker_and_results_keep_their_order():
    pool = WarmPool(2, warm_up)
    futures = [pool.submit(whoami, 0.3 if i == 0 else 0.01) for i in range(6)]
    results = [future.result() for future in futures]
    pool.shutdown()
    workers = {pid for pid, _ in results}
    warmed_by = {by for _, by in results}
    assert len(workers) == 2 and len(warmed_by) == 1  # both workers, warmed once, by their parent
    assert warmed_by.isdisjoint(workers) and warmed_by != {os.getpid()}
    assert gone(workers | warmed_by) and not pool.process.is_alive()


def test_an_error_is_raised_where_the_result_is_asked_for():
    pool = WarmPool(2)
    bad, good = pool.submit(fails, None), pool.submit(whoami, 0)
    with pytest.raises(ValueError, match="no such article"):
        bad.result()
    assert good.result()[0] != os.getpid()
    pool.shutdown()


def test_a_killed_worker_breaks_the_pool_and_the_others_stop():
    pool = WarmPool(2)
    other = pool.submit(whoami, 0).result()[0]
    started = time.monotonic()
    with pytest.raises(BrokenProcessPool):
        pool.submit(dies, None).result()
    assert time.monotonic() - started < 10
    pool.shutdown(cancel_futures=True)
    assert gone([other, pool.process.pid])


def test_cancelling_stops_workers_busy_with_a_task():
    pool = WarmPool(2)
    pids = {pool.submit(whoami, 0).result()[0] for _ in range(4)}
    pool.submit(whoami, 30)
    pool.submit(whoami, 30)
    time.sleep(0.2)
    pool.shutdown(cancel_futures=True)
    assert gone(pids | {pool.process.pid})
