"""Warm kernels: start a Jupyter kernel once per process and run notebook after notebook in it,
putting the kernel back to a fresh state (kernel_state.py, run inside the kernel) before each one.

A cold papermill run spends seconds starting a kernel and importing pandas and matplotlib; a warm
kernel pays that once. The papermill engine that uses it is in engine.py (`papermill --engine
newsaudit-warm`); `execute(...)` below runs one notebook through it. A kernel that dies, or does
not finish a notebook or a reset within its time limit, is shut down and replaced by a new one
before the next notebook.
"""

from __future__ import annotations

import atexit
import math
import os
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from .. import config

ENGINE_NAME = "newsaudit-warm"
KERNEL_NAME = "python3"
# Imported once when a kernel starts: the modules every report notebook needs.
WARM_IMPORTS = ("pandas", "numpy", "matplotlib.pyplot", "pyarrow.parquet", "IPython.display",
                "newsaudit.views", "newsaudit.plots")
RESET_TIMEOUT = 30.0


class KernelReplaced(RuntimeError):
    """The kernel died or hung while running a notebook and has been dropped; `notebook` holds
    the cells executed until then."""

    def __init__(self, message: str, notebook=None):
        super().__init__(message)
        self.notebook = notebook


class WarmKernel:
    """One kernel kept running across notebooks."""

    def __init__(self, kernel_name: str = KERNEL_NAME, startup_timeout: float = 60.0,
                 warm_imports: tuple[str, ...] = WARM_IMPORTS):
        self.kernel_name = kernel_name
        self.startup_timeout = startup_timeout
        self.warm_imports = warm_imports
        self.km: AsyncKernelManager | None = None
        self.kc = None
        self.starts = 0
        self._launched = False  # started by `launch`, not yet ready and warm
        self._log = None

    @property
    def pid(self) -> int | None:
        provisioner = self.km.provisioner if self.km is not None else None
        process = getattr(provisioner, "process", None)
        return process.pid if process is not None else None

    def is_alive(self) -> bool:
        return self.km is not None and run_sync(self.km.is_alive)()

    def ensure_started(self) -> None:
        """A started, warmed-up kernel: the one launched by `launch` once it is ready, else the
        running one, else a new one."""
        if self.is_alive():
            if not self._launched:
                return
            try:
                run_sync(self._warm_up)()
                return
            except (TimeoutError, RuntimeError):
                pass  # a kernel that never became ready is replaced
        self.replace()

    def launch(self) -> None:
        """Start the kernel process without waiting for it: the caller can do its own start-up
        meanwhile, and `ensure_started` waits for the kernel and warms it up."""
        self.shutdown()
        run_sync(self._launch)()
        self._launched = True
        self.starts += 1

    def replace(self) -> None:
        """Shut down the current kernel, if any, and start and warm up a new one."""
        self.launch()
        run_sync(self._warm_up)()

    async def _launch(self) -> None:
        # The kernel's own stderr (start-up warnings, crash messages) goes to a log file rather than
        # over the batch's progress bar; `log_tail` reads it when the kernel dies.
        self._log = tempfile.TemporaryFile()
        self.km = AsyncKernelManager(kernel_name=self.kernel_name)
        await self.km.start_kernel(
            extra_arguments=["--HistoryManager.hist_file=:memory:"],
            stdout=self._log, stderr=self._log, cwd=os.getcwd(), env=_kernel_environment(),
        )
        self.kc = self.km.client()
        self.kc.start_channels()

    async def _warm_up(self) -> None:
        self._launched = False
        await self.kc.wait_for_ready(timeout=self.startup_timeout)
        self.kc.allow_stdin = False
        imports = "".join(f"import {name}\n" for name in self.warm_imports)
        await self._run(imports + "import newsaudit.report.kernel_state\nnewsaudit.report.kernel_state.snapshot()\n",
                        timeout=self.startup_timeout)

    async def _run(self, code: str, timeout: float) -> None:
        reply = await self.kc.execute_interactive(
            code, silent=True, store_history=False, allow_stdin=False, timeout=timeout,
            output_hook=lambda msg: None,
        )
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"kernel set-up code failed: {content.get('ename')}: {content.get('evalue')}")

    def reset(self, cwd: str | Path) -> None:
        """Give the next notebook a fresh namespace and state, working in `cwd`; a kernel that is
        dead or does not answer within RESET_TIMEOUT is replaced first."""
        self.ensure_started()
        code = f"import newsaudit.report.kernel_state\nnewsaudit.report.kernel_state.restore({str(cwd)!r})\n"
        try:
            run_sync(self._run)(code, RESET_TIMEOUT)
        except (TimeoutError, RuntimeError):
            self.replace()
            run_sync(self._run)(code, RESET_TIMEOUT)

    def log_tail(self, limit: int = 2000) -> str:
        if self._log is None:
            return ""
        self._log.seek(0, os.SEEK_END)
        size = self._log.tell()
        self._log.seek(max(0, size - limit))
        return self._log.read().decode("utf-8", "replace")

    def shutdown(self) -> None:
        if self.km is None:
            return
        km, kc, self.km, self.kc = self.km, self.kc, None, None
        try:
            if kc is not None:
                kc.stop_channels()
            if run_sync(km.is_alive)():
                run_sync(km.shutdown_kernel)(now=True)
            run_sync(km.cleanup_resources)()
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None


def _kernel_environment() -> dict[str, str]:
    """This process's environment, with the folder this newsaudit was imported from first on the
    kernel's PYTHONPATH: notebooks then import the same code as the runner, whatever the kernel's
    working directory (a relative PYTHONPATH would break once papermill changes it)."""
    source_root = str(config.PACKAGE_DIR.parent)
    paths = [source_root] + [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}


_kernels: dict[str, WarmKernel] = {}


def warm_kernel(kernel_name: str = KERNEL_NAME) -> WarmKernel:
    """This process's warm kernel for `kernel_name`, created (not yet started) on first use; every
    kernel is shut down when the process exits."""
    if not _kernels:
        atexit.register(shutdown_all)
    if kernel_name not in _kernels:
        _kernels[kernel_name] = WarmKernel(kernel_name)
    return _kernels[kernel_name]


def shutdown_all() -> None:
    for kernel in list(_kernels.values()):
        kernel.shutdown()
    _kernels.clear()
    atexit.unregister(shutdown_all)


def execute(notebook: str | Path, output: str | Path, parameters: dict, cwd: str | Path,
            timeout: float | None = None):
    """Run `notebook` with `parameters` in the warm kernel and write the executed notebook to
    `output` (also when a cell fails: papermill then raises PapermillExecutionError after writing
    it, with its error banner at the top). Returns the executed notebook."""
    import papermill

    from .engine import register

    register()
    return papermill.execute_notebook(
        str(notebook), str(output), parameters=parameters, engine_name=ENGINE_NAME,
        kernel_name=KERNEL_NAME, progress_bar=False, request_save_on_cell_execute=False,
        cwd=str(cwd), execution_timeout=math.ceil(timeout) if timeout else None,  # nbclient wants whole seconds
    )
