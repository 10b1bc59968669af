"""Provenance of what the pipeline and the reports write: file hashes, package versions, the git
commit, a hash of the package's own code, and the key that says whether analysed tables can be
reused (`analysis_key`). Used by analyze (run.json) and by the reports (footers, manifest)."""

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


def analysis_key(inputs: list[Path], clean: bool, model: str | None) -> str:
    """sha256 over every input file's path and content, the cleaning switch, the package's code and
    the attribution model: tables analysed by other code or another model are not reused."""
    digest = hashlib.sha256(f"clean={clean}\ncode={code_hash()}\nmodel={model}\n".encode())
    for root in sorted(Path(p).resolve() for p in inputs):
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            digest.update(f"{path}\0{file_sha256(path)}\n".encode())
    return digest.hexdigest()
