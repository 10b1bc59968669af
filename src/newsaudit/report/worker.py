"""Rendering one report, in a worker process: execute the notebook in the worker's warm kernel,
export it to HTML (and PDF), write each file atomically, and time each stage. A report that fails
never raises: it comes back as a failed Result saying why, with what could be kept."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .. import atomic, config
from . import html, pdf
from .plan import Job, Result


class _NothingToKeep(Exception):
    pass


def skip_unused_validators() -> None:
    """jsonschema (imported by nbformat, hence papermill and nbconvert) imports rfc3987_syntax when
    it is installed, and that module builds a parser at import: 1.4 s of every report process's
    start-up, for IRI format checks that notebook validation never makes. Marked absent, jsonschema
    simply does not register those checks in this process."""
    sys.modules.setdefault("rfc3987_syntax", None)


def start() -> None:
    """Worker start-up: the kernel, the exporter and the imports every report needs, before the
    first report is handed out (and the clean-up when the worker ends)."""
    from multiprocessing.util import Finalize

    from . import kernels

    Finalize(None, close, exitpriority=10)
    kernel = kernels.warm_kernel()
    try:
        kernel.launch()  # the kernel boots while this process imports what it needs
        skip_unused_validators()
        html.html_exporter()
        import papermill  # noqa: F401
        kernel.ensure_started()
    except Exception:  # noqa: BLE001 - the first report tries again and reports why it cannot
        pass


def ready() -> int:
    """A task that only waits for a worker to start (see runner.start_pool)."""
    return os.getpid()


def close() -> None:
    from . import kernels

    pdf.close()
    kernels.shutdown_all()


def failure(job: Job, error: str, outputs: dict, seconds: float, stages: dict | None = None) -> Result:
    return Result(job.report_id, job.kind, job.title, job.notebook.name, job.parameters, job.key, "failed",
                  error=error, outputs=outputs, seconds=round(seconds, 3), stages=stages or {})


def _execute(job: Job, output: Path, timeout: float):
    """(executed notebook or None, error message or None); the notebook is written to `output`."""
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    from . import kernels

    try:
        return kernels.execute(job.notebook, output, job.parameters, cwd=config.NOTEBOOKS_DIR, timeout=timeout), None
    except PapermillExecutionError as error:
        message = f"{error.ename}: {error.evalue} (cell {error.exec_count})".splitlines()[0]
        return nbformat.read(output, as_version=4), message  # papermill wrote it, error banner included
    except kernels.KernelReplaced as error:
        if error.notebook is not None:
            nbformat.write(error.notebook, output)
        return error.notebook, str(error).splitlines()[0]
    except Exception as error:  # a broken notebook file, a kernel that cannot start, ...
        return None, f"{type(error).__name__}: {error}".splitlines()[0]


def render_report(job: Job, settings: dict) -> Result:
    """Execute one notebook in this process's warm kernel and export it to HTML (and PDF)."""
    started = time.perf_counter()
    stages: dict[str, float] = {}
    out_dir = Path(settings["out_dir"])
    paths = {kind: out_dir / f"{job.stem}.{kind}" for kind in ("ipynb", "html", "pdf")}
    outputs: dict[str, str] = {}
    error = None

    def lap(stage: str, since: float) -> float:
        now = time.perf_counter()
        stages[stage] = round(now - since, 4)
        return now

    try:
        with atomic.replacing(paths["ipynb"]) as temporary:
            notebook, error = _execute(job, temporary, settings["timeout"])
            if notebook is None:
                raise _NothingToKeep(error)
    except _NothingToKeep:
        return failure(job, error or "no notebook was produced", outputs, time.perf_counter() - started)
    mark = lap("execute", started)
    outputs["ipynb"] = paths["ipynb"].relative_to(out_dir).as_posix()
    try:
        page = html.notebook_html(notebook, html.provenance(job, settings), title=job.title)
        atomic.write_text_atomic(paths["html"], page)
        outputs["html"] = paths["html"].relative_to(out_dir).as_posix()
        mark = lap("html", mark)
        if settings["pdf"] and error is None:
            pdf.print_pdf(paths["html"], paths["pdf"])
            outputs["pdf"] = paths["pdf"].relative_to(out_dir).as_posix()
            lap("pdf", mark)
    except Exception as export_error:
        error = error or f"export failed: {type(export_error).__name__}: {export_error}".splitlines()[0]
    seconds = time.perf_counter() - started
    if error:
        paths["pdf"].unlink(missing_ok=True)  # never leave a PDF of an earlier, successful run beside it
        return failure(job, error, outputs, seconds, stages)
    return Result(job.report_id, job.kind, job.title, job.notebook.name, job.parameters, job.key, "ok",
                  outputs=outputs, seconds=round(seconds, 3), stages=stages)
