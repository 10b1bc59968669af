"""The package as a user gets it: the wheel is built, installed into a fresh virtual environment,
and run from a folder far from the checkout, so nothing can come from `src/` or the project's
`notebooks/` and `data/`. The environment borrows the test environment's installed dependencies
(read-only, through a path file) so that no network is needed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from newsaudit import config

pytestmark = pytest.mark.slow

CHECKOUT = config.PROJECT_ROOT
_NOT_SOURCE = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
needs_checkout = pytest.mark.skipif(not (CHECKOUT / "pyproject.toml").is_file(), reason="not a source checkout")


def run(command: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    # As if the new environment were activated; Jupyter's data (nbconvert's templates, which a
    # full install puts under its own prefix) comes with the borrowed dependencies.
    environment["PATH"] = f"{Path(command[0]).parent}{os.pathsep}{environment.get('PATH', '')}"
    environment["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtual environment holding the freshly built wheel; returns its bin folder."""
    scratch = tmp_path_factory.mktemp("wheel")
    # Built from a copy of what the package is made of, never in the checkout: setuptools keeps a
    # build/ folder there that still holds modules the source no longer has.
    source = scratch / "source"
    for part in ("pyproject.toml", "README.md", "src", "notebooks", "data/sample"):
        copy = shutil.copytree if (CHECKOUT / part).is_dir() else shutil.copy2
        (source / part).parent.mkdir(parents=True, exist_ok=True)
        copy(CHECKOUT / part, source / part, **({"symlinks": True, "ignore": _NOT_SOURCE} if copy is shutil.copytree else {}))
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(scratch / "dist"), str(source)], cwd=scratch)
    wheel = next((scratch / "dist").glob("newsaudit-*.whl"))
    modules = {name for name in zipfile.ZipFile(wheel).namelist() if name.endswith(".py")}
    sources = {str(path.relative_to(CHECKOUT / "src")) for path in (CHECKOUT / "src" / "newsaudit").rglob("*.py")}
    assert modules == sources, f"the wheel's modules differ from src/: {sorted(modules ^ sources)}"
    environment = scratch / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(environment)], cwd=scratch)
    python = environment / "bin" / "python"
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=scratch).stdout.strip()
    # A plain path line: the dependencies become importable, but the .pth files there (the
    # editable install of the checkout among them) are not run.
    Path(site, "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         str(wheel)], cwd=scratch)
    return environment / "bin"


@needs_checkout
def test_the_wheel_ships_its_data_and_runs_from_anywhere(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = run([str(installed / "python"), "-c", (
        "import json, newsaudit, newsaudit.config as c; print(json.dumps({'package': newsaudit.__file__, "
        "'sample': str(c.SAMPLE_DIR), 'notebooks': sorted(p.name for p in c.NOTEBOOKS_DIR.glob('*.ipynb')), "
        "'model': c.ATTRIBUTION_MODEL.is_file(), 'templates': sorted(p.name for p in c.TEMPLATES_DIR.rglob('*.*'))}))")],
        cwd=elsewhere)
    found = json.loads(probe.stdout)
    assert str(installed.parent) in found["package"], "newsaudit was imported from the checkout, not the wheel"
    assert {"10_article_report.ipynb", "11_corpus_report.ipynb"} <= set(found["notebooks"])
    assert found["model"] and "index.html.j2" in found["templates"]
    sample = Path(found["sample"])
    assert str(installed.parent) in str(sample) and len(list(sample.rglob("*.txt"))) == 12

    engines = run([str(installed / "python"), "-c", (
        "import sys, importlib.metadata as m; engine = next(e for e in m.entry_points(group='papermill.engine') "
        "if e.name == 'newsaudit-warm').load(); print(sys.modules[engine.__module__].__file__)")], cwd=elsewhere)
    assert str(installed.parent) in engines.stdout, "the papermill engine does not come from the wheel"

    run([str(installed / "newsaudit"), "report", str(sample), "--out", "out", "--quiet"], cwd=elsewhere, timeout=600)
    out = elsewhere / "out"
    index = (out / "index.html").read_text()
    reports = sorted(out.rglob("*.html"))
    assert len(reports) >= 13, [p.name for p in reports]  # the corpus overview, 12 articles and the index
    assert "Harbor Herald" in index or "harbor-herald" in index
    assert json.loads((out / "manifest.json").read_text())
