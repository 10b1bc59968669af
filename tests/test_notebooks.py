"""Every notebook in notebooks/ runs top to bottom through papermill with small parameters."""

from pathlib import Path

import papermill
import pytest

from newsaudit import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
# Small parameters per notebook (defaults already use the 12-article sample).
FAST_PARAMETERS: dict[str, dict] = {"01_explore": {"max_rows": 5}, "02_sourcing": {"group_by": "period", "top_n": 3},
                                  "03_sentiment": {"n_boot": 100, "entities": {"Reyes": ["Reyes", "Tomas Reyes"]}}}


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
