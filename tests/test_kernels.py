"""The warm-kernel papermill engine: reports share a kernel but not its state; dead and hung
kernels are replaced; parameters never become code."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from newsaudit.report import kernels, parameters

pytestmark = pytest.mark.slow

POLLUTE = """
import os, random, sys, warnings
import matplotlib, numpy as np, pandas as pd
leaked = "yes"
matplotlib.rcParams["lines.linewidth"] = 7.0
pd.set_option("display.max_rows", 3)
os.chdir("/")
random.seed(42)
np.random.seed(42)
sys.path.append("/nowhere")
os.environ["NEWSAUDIT_LEAK"] = "1"
warnings.simplefilter("error")
get_ipython().run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}")
"""

OBSERVE = """
import json, os, random, sys, warnings
import matplotlib, numpy as np, pandas as pd
print(json.dumps({
    "leaked": "leaked" in globals(),
    "linewidth": matplotlib.rcParams["lines.linewidth"],
    "max_rows": pd.get_option("display.max_rows"),
    "cwd": os.getcwd(),
    "random": random.random(),
    "numpy_random": float(np.random.rand()),
    "path_leaked": "/nowhere" in sys.path,
    "env_leaked": "NEWSAUDIT_LEAK" in os.environ,
    "warnings_are_errors": any(f[0] == "error" and f[2] is Warning for f in warnings.filters),
    "pid": os.getpid(),
    "figure_kwargs": __import__("matplotlib_inline.config").config.InlineBackend.instance().print_figure_kwargs,
}))
"""


def _notebook(path, *sources: str, parameters: str | None = None):
    cells = []
    if parameters is not None:
        cell = new_code_cell(parameters)
        cell.metadata["tags"] = ["parameters"]
        cells.append(cell)
    cells += [new_code_cell(source) for source in sources]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def _stdout(executed) -> str:
    return "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []) if o.get("name") == "stdout")


def test_no_state_leaks_between_reports_in_one_kernel(tmp_path):
    polluter = _notebook(tmp_path / "pollute.ipynb", POLLUTE)
    observer = _notebook(tmp_path / "observe.ipynb", OBSERVE)
    kernels.execute(polluter, tmp_path / "out1.ipynb", {}, cwd=tmp_path)
    executed = kernels.execute(observer, tmp_path / "out2.ipynb", {}, cwd=tmp_path)
    seen = json.loads(_stdout(executed))
    assert seen["pid"] == kernels.warm_kernel().pid  # the same, warm kernel ran both
    assert seen["leaked"] is False
    assert seen["linewidth"] == 1.5
    assert seen["max_rows"] == 60
    assert seen["cwd"] == str(tmp_path)
    assert seen["random"] != 0.6394267984578837  # random.random() right after random.seed(42)
    assert seen["numpy_random"] != 0.3745401188473625  # np.random.rand() right after np.random.seed(42)
    assert not seen["path_leaked"] and not seen["env_leaked"] and not seen["warnings_are_errors"]
    assert seen["figure_kwargs"]["bbox_inches"] == "tight"  # the inline backend's default again
    assert executed.cells[0].execution_count == 1  # counts restart as in a fresh kernel
    assert "papermill" in executed.metadata


def test_dead_kernel_is_replaced(tmp_path):
    observer = _notebook(tmp_path / "observe.ipynb", OBSERVE)
    killer = _notebook(tmp_path / "kill.ipynb", "import os\nos._exit(1)")
    kernels.warm_kernel().ensure_started()
    first_pid = kernels.warm_kernel().pid
    with pytest.raises(kernels.KernelReplaced):
        kernels.execute(killer, tmp_path / "out1.ipynb", {}, cwd=tmp_path)
    executed = kernels.execute(observer, tmp_path / "out2.ipynb", {}, cwd=tmp_path)
    assert json.loads(_stdout(executed))["pid"] not in (first_pid, None)


def test_hung_kernel_is_replaced(tmp_path):
    observer = _notebook(tmp_path / "observe.ipynb", OBSERVE)
    sleeper = _notebook(tmp_path / "sleep.ipynb", "print('started')", "import time\ntime.sleep(60)")
    kernels.warm_kernel().ensure_started()
    first_pid = kernels.warm_kernel().pid
    with pytest.raises(kernels.KernelReplaced) as raised:
        kernels.execute(sleeper, tmp_path / "out1.ipynb", {}, cwd=tmp_path, timeout=2)
    assert "started" in _stdout(raised.value.notebook)  # the cells run before the hang are kept
    executed = kernels.execute(observer, tmp_path / "out2.ipynb", {}, cwd=tmp_path)
    assert json.loads(_stdout(executed))["pid"] != first_pid


def test_hostile_string_parameter_stays_a_string(tmp_path):
    marker = tmp_path / "pwned"
    hostile = f'"); open({str(marker)!r}, "w"); ("'
    notebook = _notebook(tmp_path / "echo.ipynb", "print(repr(value))", parameters='value: str = ""  # any text')
    parameters.check_injection_safe({"value": hostile})
    executed = kernels.execute(notebook, tmp_path / "out.ipynb", {"value": hostile}, cwd=tmp_path)
    assert _stdout(executed).strip() == repr(hostile)
    assert not marker.exists()
    injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "value = " in injected.source


@pytest.mark.parametrize("first", ["import papermill", "from newsaudit.report.engine import WarmKernelEngine",
                                   "from newsaudit.report import kernels"])
def test_papermill_finds_the_engine_through_its_entry_point(first):
    """papermill loads entry points while `papermill.engines` is still being imported: whichever is
    imported first, papermill or our engine's module, there is no import cycle and papermill
    registers the one engine class."""
    import subprocess
    import sys

    script = (f"{first}\nimport papermill.engines as e\nfrom newsaudit.report import engine\n"
              "found = e.papermill_engines.get_engine('newsaudit-warm')\n"
              "print(found is engine.WarmKernelEngine, found.__module__, found.__name__)")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == ["True", "newsaudit.report.engine", "WarmKernelEngine"]


def test_papermill_cli_runs_a_report_in_the_warm_engine(tmp_path):
    """`papermill --engine newsaudit-warm`, as a papermill user would type it, on the article report."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from newsaudit import config
    from tests.report_fixture import write_tables

    data = write_tables(tmp_path / "tables")
    papermill_cli = shutil.which("papermill", path=str(Path(sys.executable).parent)) or "papermill"
    output = tmp_path / "a2.ipynb"
    run = subprocess.run([papermill_cli, "--engine", "newsaudit-warm", str(config.NOTEBOOKS_DIR / "10_article_report.ipynb"),
                          str(output), "-k", "python3", "--cwd", str(config.NOTEBOOKS_DIR), "--no-progress-bar",
                          "-r", "data_dir", str(data), "-r", "article_id", "a2"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    executed = nbformat.read(output, as_version=4)
    assert executed.metadata.papermill["parameters"] == {"data_dir": str(data), "article_id": "a2"}
    injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert injected.id == "injected-parameters"  # the warm engine's fixed id; papermill's own is random
    outputs = [o for c in executed.cells for o in c.get("outputs", [])]
    assert not any(o.get("output_type") == "error" for o in outputs)
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 1
