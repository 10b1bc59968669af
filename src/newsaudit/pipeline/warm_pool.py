"""A pool of worker processes that share one warm-up: one process is forked, runs the initializer
(imports NLTK, loads the attribution model and the lexicons) and then forks the workers, which
start warm (copy-on-write pages) instead of each importing and loading everything again.

That process stays as the workers' parent and only watches them: when one dies (killed, out of
memory), it stops the others and exits, and the pool's `result` raises BrokenProcessPool instead
of waiting for ever. On Linux each process also dies with its parent (PR_SET_PDEATHSIG): no worker
outlives a killed run. Tasks and results travel pickled through multiprocessing queues (a feeder
thread each: handing out a task never blocks the caller; pickled at once, so that what cannot be
pickled fails where it is sent).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import queue
import signal
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

_POLL_SECONDS = 0.2
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int, sig: int) -> None:
    """Have the kernel send `sig` to this process when its parent ends (Linux); exit now if the
    parent has already gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: nothing to ask for
        pass
    if os.getppid() != parent:
        os._exit(1)


def _serve(tasks, results) -> None:
    """Run tasks until told to stop (None); each result (or the error) goes back with its number."""
    while True:
        item = tasks.get()
        if item is None:
            break
        number, func, task = pickle.loads(item)
        try:
            outcome = pickle.dumps((number, True, func(task)), pickle.HIGHEST_PROTOCOL)
        except BaseException as err:  # noqa: BLE001 - handed back, raised in the caller
            try:
                outcome = pickle.dumps((number, False, err), pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an error that cannot be pickled
                outcome = pickle.dumps((number, False, RuntimeError(f"{type(err).__name__}: {err}")))
        results.put(outcome)
    results.close()
    results.join_thread()


def _parent(caller: int, workers: int, initializer: Callable[[], None] | None, tasks, results) -> None:
    """The forked process: warm up once, fork the workers, watch them; exits 1 if one dies, and
    on SIGTERM (the pool shut down, or the caller gone) stops them first."""
    children: list[int] = []

    def stop(*_) -> None:
        for child in children:
            try:
                os.kill(child, signal.SIGKILL)
            except OSError:
                pass
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)
    _die_with_parent(caller, signal.SIGTERM)
    if initializer is not None:
        initializer()
    gc.freeze()  # what the warm-up made stays shared: the collector of a worker no longer touches it
    me = os.getpid()
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                _die_with_parent(me, signal.SIGKILL)
                _serve(tasks, results)
            except BaseException:  # noqa: BLE001
                code = 1
            os._exit(code)
        children.append(pid)
    while children:
        pid, status = os.wait()
        children.remove(pid)
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            stop()


class _Future:
    def __init__(self, pool: "WarmPool", number: int):
        self.pool, self.number = pool, number

    def result(self):
        return self.pool.result(self.number)


class WarmPool:
    """`submit(func, task)` -> an object whose `result()` waits for func(task) in a worker."""

    def __init__(self, workers: int, initializer: Callable[[], None] | None = None):
        context = multiprocessing.get_context("fork")
        self.workers = workers
        self.tasks = context.Queue()
        self.results = context.Queue()
        self.process = context.Process(target=_parent, args=(os.getpid(), workers, initializer, self.tasks,
                                                             self.results), daemon=True, name="newsaudit-workers")
        self.process.start()
        self.submitted = 0
        self.done: dict[int, tuple[bool, object]] = {}

    def submit(self, func: Callable, task) -> _Future:
        number = self.submitted
        self.submitted += 1
        self.tasks.put(pickle.dumps((number, func, task), pickle.HIGHEST_PROTOCOL))
        return _Future(self, number)

    def result(self, number: int):
        while number not in self.done:
            try:
                got, ok, value = pickle.loads(self.results.get(timeout=_POLL_SECONDS))
            except queue.Empty:  # still working, or gone?
                if not self.process.is_alive():
                    raise BrokenProcessPool("a worker process ended abruptly (killed, or out of memory?)") from None
                continue
            self.done[got] = (ok, value)
        ok, value = self.done.pop(number)
        if not ok:
            raise value
        return value

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """Stop the workers: at once (`cancel_futures`: tasks not finished are dropped), or after
        the tasks handed out so far."""
        if cancel_futures or not self.process.is_alive():
            self.process.terminate()
        else:
            for _ in range(self.workers):
                self.tasks.put(None)
        if wait:
            self.process.join()
        self.tasks.close()
        self.results.close()
        self.tasks.cancel_join_thread()
