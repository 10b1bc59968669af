"""`newsaudit report` twice on the same input gives the same reports: the same tables, figures and
text in every page and executed notebook; only the provenance (when it was rendered, and the
command with its worker count) may differ."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from newsaudit import cli, config

# What may differ between two renderings: the time, the regenerate commands (which carry
# --workers), and the seconds each report took.
VOLATILE = [
    re.compile(r"<dt>Rendered</dt><dd>[^<]*</dd>"),
    re.compile(r'<code class="newsaudit-command">[^<]*</code>'),
    re.compile(r"<p>Written [^<]*</p>"),
    re.compile(r"<p>Regenerate: <code>[^<]*</code>"),
    re.compile(r"<td>\d+\.\d\d</td></tr>"),
]


def _masked(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    for pattern in VOLATILE:
        text = pattern.sub("<volatile/>", text)
    return text


def _outputs(notebook: Path) -> list:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [(cell.get("id"), cell["source"], cell.get("outputs")) for cell in cells]


@pytest.mark.slow
@pytest.mark.skipif(not config.SAMPLE_DIR.exists(), reason="data/sample not present")
def test_report_twice_gives_identical_tables_and_figures(tmp_path):
    out = tmp_path / "reports"
    assert cli.main(["report", str(config.SAMPLE_DIR), "--out", str(out), "--quiet", "--workers", "2"]) == 0
    first = tmp_path / "first"
    shutil.copytree(out, first)
    assert cli.main(["report", str(config.SAMPLE_DIR), "--out", str(out), "--quiet", "--force"]) == 0

    pages = sorted(p.relative_to(first) for p in first.rglob("*.html") if "data" not in p.parts)
    assert len(pages) == 14  # the index, the corpus overview and 12 articles
    assert pages == sorted(p.relative_to(out) for p in out.rglob("*.html") if "data" not in p.parts)
    for page in pages:
        assert _masked(first / page) == _masked(out / page), page
        if page.name != "index.html":
            assert (first / page).read_text(encoding="utf-8").count("data:image/png;base64,") >= 1, page
    notebooks = sorted(p.relative_to(first) for p in first.rglob("*.ipynb"))
    assert len(notebooks) == 13
    for notebook in notebooks:
        assert _outputs(first / notebook) == _outputs(out / notebook), notebook
    first_run, second_run = ([(r["report_id"], r["key"], r["status"]) for r in json.loads(
        (folder / "manifest.json").read_text())["reports"]] for folder in (first, out))
    assert first_run == second_run
