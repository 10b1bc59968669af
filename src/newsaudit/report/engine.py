"""The papermill engine `newsaudit-warm`: runs each notebook in this process's warm kernel
(kernels.py) instead of starting a new one.

Installed as a papermill entry point (group `papermill.engine` in pyproject.toml), so that
`papermill --engine newsaudit-warm IN.ipynb OUT.ipynb ...` and
`papermill.execute_notebook(..., engine_name="newsaudit-warm")` find it.

papermill loads its entry points while `papermill.engines` is still being imported. Importing
papermill at the top of this module would therefore be a cycle whenever this module is imported
first (papermill would load it again, half-initialised, and find no engine in it): the class is
built on first use instead (`WarmKernelEngine`, through the module's `__getattr__`), by which time
the papermill names it needs exist.
"""

from __future__ import annotations

import os

from .kernels import ENGINE_NAME, KernelReplaced, warm_kernel

_built: list[type] = []  # the one engine class of this process


def engine_class() -> type:
    if _built:
        return _built[0]
    # The first import of papermill loads its entry points, which come back here: that inner call
    # builds the class papermill registers, and this one returns the same.
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    if _built:
        return _built[0]

    class WarmKernelEngine(NBClientEngine):
        """papermill engine running each notebook in this process's warm kernel."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            kernel = warm_kernel(kernel_name)
            kernel.startup_timeout = start_timeout
            # papermill has already moved into the notebook's working directory (its `cwd` argument).
            kernel.reset(os.getcwd())
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            final_kwargs = merge_kwargs(
                kwargs, timeout=execution_timeout, startup_timeout=start_timeout, kernel_name=kernel_name,
                log=logger, log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file,
            )
            # papermill gives the cell it injects a random id: a fixed one keeps reruns identical.
            for cell in nb_man.nb.cells:
                if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                    cell["id"] = "injected-parameters"
            client = PapermillNotebookClient(nb_man, km=kernel.km, **final_kwargs)
            client.kc = kernel.kc  # reuse the open channels; nbclient leaves a kernel it does not own running
            try:
                return client.execute()
            except Exception as error:
                # Anything but an error inside a cell (which papermill records in the notebook) means
                # the kernel died or timed out: never hand it to the next notebook.
                log = kernel.log_tail()
                kernel.shutdown()  # the next reset starts a new one
                detail = f"{type(error).__name__}: {error}".strip()
                message = f"kernel dropped after {detail}" + (f"\n{log}" if log else "")
                raise KernelReplaced(message, nb_man.nb) from error

    WarmKernelEngine.__qualname__ = "WarmKernelEngine"
    _built.append(WarmKernelEngine)
    return WarmKernelEngine


def __getattr__(name: str):
    if name == "WarmKernelEngine":
        return engine_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def register() -> None:
    """Make the engine known to papermill in this process, also where the package's entry points
    are not installed (a source checkout on PYTHONPATH)."""
    from papermill.engines import papermill_engines
    from papermill.exceptions import PapermillException

    try:
        papermill_engines.get_engine(ENGINE_NAME)
    except PapermillException:
        papermill_engines.register(ENGINE_NAME, engine_class())
