"""Executed notebooks to self-contained HTML (nbconvert in-process, with the `newsaudit` template
in templates/) and the provenance that goes in each report's footer."""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
import subprocess
from functools import lru_cache
from pathlib import Path

from . import config

VERSIONED_PACKAGES = ("newsaudit", "pandas", "numpy", "nltk", "vaderSentiment", "matplotlib", "pyarrow",
                      "papermill", "nbconvert", "ipykernel")


@lru_cache(maxsize=1)
def html_exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="newsaudit", extra_template_basedirs=[str(config.TEMPLATES_DIR)],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True, embed_images=True,
    )
    return exporter


def notebook_html(notebook, provenance: dict | None = None, title: str | None = None) -> str:
    """The executed notebook as one HTML page with no external scripts, styles or images."""
    resources = {"newsaudit": provenance or {}, "metadata": {"name": title or "newsaudit report"}}
    body, _ = html_exporter().from_notebook_node(notebook, resources=resources)
    return body


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in VERSIONED_PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


@lru_cache(maxsize=1)
def git_commit() -> str | None:
    """HEAD of the project's git checkout, with "+changes" when files differ from it; None outside
    a checkout or without git."""
    try:
        head = subprocess.run(["git", "-C", str(config.PROJECT_ROOT), "rev-parse", "HEAD"],
                              capture_output=True, text=True, timeout=10)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "-C", str(config.PROJECT_ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


@lru_cache(maxsize=1)
def code_hash() -> str:
    """sha256 over the package's Python sources and templates: a report made by other code is
    not the same report."""
    digest = hashlib.sha256()
    files = sorted(config.PACKAGE_DIR.rglob("*.py")) + sorted(config.TEMPLATES_DIR.rglob("*.*"))
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(config.PACKAGE_DIR)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
