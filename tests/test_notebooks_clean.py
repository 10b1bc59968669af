"""Committed notebooks carry no outputs, execution counts or volatile metadata, and each documents
its parameters the way papermill reads them."""

from __future__ import annotations

import ast

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from newsaudit import config, notebooks_strip

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_notebook_is_stripped(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: run `make strip`"
    assert "papermill" not in notebook.metadata
    assert notebooks_strip.strip(notebook) == notebook, f"{path.name}: run `make strip`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_parameters_cell_has_typed_literal_defaults_with_comments(path):
    notebook = nbformat.read(path, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    if not tagged:
        pytest.skip(f"{path.name} takes no parameters")
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        statement = ast.parse(line).body[0]
        assert isinstance(statement, ast.AnnAssign), f"{path.name}: `{line}` needs a type annotation"
        ast.literal_eval(statement.value)  # a literal, not code
        assert "  # " in line, f"{path.name}: `{line}` needs a comment saying what it is"


def test_strip_removes_outputs_counts_and_papermill_traces():
    cell = new_code_cell("x = 1", execution_count=4, outputs=[new_output("stream", name="stdout", text="1\n")])
    cell.metadata.update({"tags": ["keep-me"], "papermill": {"duration": 0.1}, "execution": {"iopub.status.busy": "2026-01-01T00:00:00Z"}})
    injected = new_code_cell("x = 2")
    injected.metadata["tags"] = ["injected-parameters"]
    notebook = new_notebook(cells=[new_markdown_cell("# t"), cell, injected])
    notebook.metadata.update({"papermill": {"parameters": {}}, "widgets": {},
                              "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                              "language_info": {"name": "python", "version": "3.11.7"}})
    stripped = notebooks_strip.strip(notebook)
    assert len(stripped.cells) == 2
    code = stripped.cells[1]
    assert code.outputs == [] and code.execution_count is None and dict(code.metadata) == {"tags": ["keep-me"]}
    assert dict(stripped.metadata) == {"kernelspec": notebook.metadata.kernelspec, "language_info": {"name": "python"}}
    assert notebook.cells[1].outputs  # the input is left alone


def test_strip_in_place_and_check(tmp_path, capsys):
    path = tmp_path / "n.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("1", execution_count=1)]), path)
    assert notebooks_strip.main(["--check", str(path)]) == 1
    assert notebooks_strip.main([str(path)]) == 0
    assert notebooks_strip.main(["--check", str(path)]) == 0
    assert nbformat.read(path, as_version=4).cells[0].execution_count is None
