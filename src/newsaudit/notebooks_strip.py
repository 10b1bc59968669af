"""Strip notebooks for committing: outputs, execution counts, papermill's injected cells and
volatile metadata go; cell ids, tags and the kernel spec stay.

    python -m newsaudit.notebooks_strip notebooks/*.ipynb          # rewrite in place
    python -m newsaudit.notebooks_strip --check notebooks/*.ipynb  # exit 1 if any needs stripping
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from .atomic import write_text_atomic

KEPT_CELL_METADATA = ("tags", "jupyter", "editable", "deletable", "slideshow")
DROPPED_CELL_TAGS = ("injected-parameters", "papermill-error-cell-tag")


def strip(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `notebook` as it should be committed."""
    stripped = nbformat.from_dict(notebook)
    stripped.cells = [c for c in stripped.cells if not set(c.get("metadata", {}).get("tags", [])) & set(DROPPED_CELL_TAGS)]
    for cell in stripped.cells:
        cell.metadata = nbformat.from_dict(
            {k: v for k, v in cell.get("metadata", {}).items() if k in KEPT_CELL_METADATA and v not in ([], {})}
        )
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    metadata = {}
    if "kernelspec" in stripped.metadata:
        metadata["kernelspec"] = stripped.metadata["kernelspec"]
    language = stripped.metadata.get("language_info", {}).get("name")
    if language:
        metadata["language_info"] = {"name": language}
    stripped.metadata = nbformat.from_dict(metadata)
    return stripped


def render(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsaudit.notebooks_strip", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook needs stripping")
    args = parser.parse_args(argv)
    dirty = []
    for path in args.notebooks:
        notebook = nbformat.read(path, as_version=4)
        cleaned = strip(notebook)
        if cleaned != notebook:  # compared as data: a clean notebook is never just reformatted
            dirty.append(path)
            if not args.check:
                write_text_atomic(path, render(cleaned))
    for path in dirty:
        print(f"{'needs stripping' if args.check else 'stripped'}: {path}", file=sys.stderr)
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    sys.exit(main())
