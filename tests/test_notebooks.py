"""Every notebook in notebooks/ runs top to bottom through papermill with small parameters."""

from pathlib import Path

import papermill
import pytest

from newsaudit import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
# Small parameters per notebook (defaults already use the 12-article sample).
FAST_PARAMETERS: dict[str, dict] = {"01_explore": {"max_rows": 5}, "02_sourcing": {"group_by": "period", "top_n": 3},
                                  "03_sentiment": {"n_boot": 100}}  # entities: each article's own


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_runs(notebook: Path, tmp_path):
    output = tmp_path / notebook.name
    papermill.execute_notebook(
        str(notebook), str(output), parameters=FAST_PARAMETERS.get(notebook.stem, {}),
        kernel_name="python3", cwd=str(config.NOTEBOOKS_DIR), progress_bar=False,
    )
    executed = output.read_text(encoding="utf-8")
    assert '"output_type": "error"' not in executed
    assert "image/png" in executed, "every notebook shows at least one figure"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_papermill_documents_every_parameter(notebook: Path):
    """`papermill --help-notebook` shows each parameter with its type and comment (it drops lines it
    cannot parse, e.g. a comment holding '=')."""
    import ast
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    cell = next(c for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    source = "".join(cell["source"])
    declared = [node.target.id for node in ast.parse(source).body if isinstance(node, ast.AnnAssign)]
    inferred = papermill.inspect_notebook(str(notebook))
    assert list(inferred) == declared
    for name, parameter in inferred.items():
        assert parameter["inferred_type_name"] not in ("None", "") and parameter["help"], name
