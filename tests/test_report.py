"""`newsaudit report`: parameters, the batch, resume, failures, and the rendered pages as a
reader's browser sees them."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess

import nbformat
import pytest

from newsaudit import cli, config
from newsaudit.report import command, parameters, plan
from newsaudit.report.chromium import Chromium, find_chromium

from tests.report_fixture import write_tables

HAVE_CHROMIUM = find_chromium() is not None and shutil.which("pdftoppm") is not None


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    return parser.parse_args([str(a) for a in argv])


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return write_tables(tmp_path_factory.mktemp("tables"))


# --- parameters (no kernels) ----------------------------------------------------------------------

def test_notebook_parameters_are_read_with_types_and_defaults():
    declared = parameters.notebook_parameters(plan.CORPUS_NOTEBOOK)
    assert {name: (p.type_name, p.default) for name, p in declared.items()} == {
        "data_dir": ("str", ""), "outlet": ("str", "all"), "period": ("str", "all"), "top_n": ("int", 15),
        "top_outlets": ("int", 10), "trend_outlets": ("int", 6), "trend_period": ("str", "auto"),
        "trend_measures": ("any", ["share_anonymous", "share_official", "share_women", "sentiment_mean"]),
    }


@pytest.mark.parametrize("argv, message", [
    (["-p", "colour", "red"], "unknown parameter 'colour'"),
    (["-p", "top_n", "many"], "parameter top_n expects int"),
    (["-p", "data_dir", "/elsewhere"], "set by newsaudit report itself"),
    (["--workers", "0"], "--workers must be at least 1"),
])
def test_bad_usage_exits_2_with_one_line(data_dir, tmp_path, capsys, argv, message):
    assert cli.main(["report", *map(str, (data_dir, "--out", tmp_path / "out", *argv))]) == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1 and "Traceback" not in error
    assert not (tmp_path / "out" / "index.html").exists()


def test_output_inside_a_raw_input_folder_exits_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Title\n\nOfficials said it was fine.\n")
    assert cli.main(["report", *map(str, (tmp_path, "--out", tmp_path / "reports"))]) == 2
    assert "would be read as articles" in capsys.readouterr().err


def test_missing_input_exits_2(tmp_path, capsys):
    assert cli.main(["report", *map(str, (tmp_path / "nothing-here", "--out", tmp_path / "out"))]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_pdf_without_chromium_exits_2(data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NEWSAUDIT_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert cli.main(["report", *map(str, (data_dir, "--out", tmp_path / "out", "--pdf"))]) == 2
    assert "--pdf needs Chromium" in capsys.readouterr().err


def test_values_take_the_type_of_the_parameter(tmp_path):
    declared = parameters.notebook_parameters(plan.CORPUS_NOTEBOOK)
    params_file = tmp_path / "params.yaml"
    params_file.write_text("period: 2016-09-01\ntop_n: 3\n")
    chosen = parameters.user_parameters([["top_n", "5"]], params_file, declared)
    assert chosen == {"period": "2016-09-01", "top_n": 5}  # a YAML date stays text; -p wins over -f
    hostile = '"); import os; ("'
    assert parameters.user_parameters([["period", hostile]], None, declared) == {"period": hostile}
    assert parameters.user_parameters([["period", "[1, 2]"]], None, declared) == {"period": "[1, 2]"}


def test_slugs_are_safe_and_distinct():
    assert plan.slug("plain-id_1.txt") == "plain-id_1.txt"
    assert "/" not in plan.slug("../../etc/passwd") and plan.slug("a/b") != plan.slug("a-b")
    assert plan.slug("") != ""


# --- the batch ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(data_dir, tmp_path_factory):
    """One batch over the fixture corpus (with PDFs when Chromium is here)."""
    out = tmp_path_factory.mktemp("reports")
    argv = [data_dir, "--out", out, "--by", "article", "-p", "top_n", "5"] + (["--pdf"] if HAVE_CHROMIUM else [])
    status = command.run(parse(*argv))
    return out, status, argv


@pytest.mark.slow
def test_batch_renders_every_report_and_an_index(rendered):
    out, status, _ = rendered
    assert status == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert [r["report_id"] for r in manifest["reports"]] == ["corpus", "article/a1", "article/a2", "article/a3"]
    assert all(r["status"] == "ok" for r in manifest["reports"])
    for entry in manifest["reports"]:
        for relative in entry["outputs"].values():
            assert (out / relative).stat().st_size > 0
    assert manifest["reports"][0]["parameters"]["top_n"] == 5
    assert not list(out.rglob("*.tmp*"))  # no temporary files left behind
    index = (out / "index.html").read_text()
    assert "<script>alert" not in index and "&lt;script&gt;alert(&#34;title&#34;)" in index
    assert 'href="articles/a2.html"' in index


@pytest.mark.slow
def test_html_is_self_contained_and_escaped(rendered):
    out, _, _ = rendered
    page = (out / "articles" / "a2.html").read_text()
    assert not re.search(r"<script[^>]+src=", page) and not re.search(r"<link[^>]+href=\"?https?:", page)
    assert not re.search(r"""(?:src|href)=["']?https?://""", page)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("data:image/png;base64,") == 1 and "<th>source type</th>" in page  # figure; counts table
    assert "Provenance" in page and "article_id" in page and "newsaudit report" in page


@pytest.mark.slow
def test_executed_notebook_keeps_papermill_metadata_and_parameters(rendered):
    out, _, _ = rendered
    executed = nbformat.read(out / "articles" / "a1.ipynb", as_version=4)
    assert executed.metadata.papermill["parameters"]["article_id"] == "a1"
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in executed.cells)
    assert not any(o.get("output_type") == "error" for c in executed.cells for o in c.get("outputs", []))


@pytest.mark.slow
def test_rerun_skips_unchanged_reports(rendered):
    out, _, argv = rendered
    assert command.run(parse(*argv)) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert all(r["reused"] for r in manifest["reports"])
    changed = [a if a != "5" else "6" for a in argv]  # a new parameter value renders everything again
    assert command.run(parse(*changed, "--by", "corpus")) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert [(r["report_id"], r["reused"]) for r in manifest["reports"]] == [("corpus", False)]


@pytest.mark.slow
def test_a_failing_report_does_not_stop_the_batch(data_dir, tmp_path, monkeypatch):
    broken = tmp_path / "10_article_report.ipynb"
    notebook = nbformat.read(plan.ARTICLE_NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell('assert article_id != "a2", "a2 is <broken> & bad"'))
    nbformat.write(notebook, broken)
    monkeypatch.setattr(plan, "ARTICLE_NOTEBOOK", broken)
    out = tmp_path / "out"
    assert command.run(parse(data_dir, "--out", out)) == 1
    manifest = json.loads((out / "manifest.json").read_text())
    by_id = {r["report_id"]: r for r in manifest["reports"]}
    assert by_id["article/a2"]["status"] == "failed"
    assert "AssertionError: a2 is <broken> & bad" in by_id["article/a2"]["error"]
    assert [by_id[k]["status"] for k in ("corpus", "article/a1", "article/a3")] == ["ok"] * 3
    kept = nbformat.read(out / "articles" / "a2.ipynb", as_version=4)
    assert any(o.get("ename") == "AssertionError" for c in kept.cells for o in c.get("outputs", []))
    index = (out / "index.html").read_text()
    assert "FAILED" in index and "a2 is &lt;broken&gt; &amp; bad" in index


@pytest.mark.slow
def test_two_workers_render_outlet_reports(data_dir, tmp_path):
    out = tmp_path / "out"
    assert command.run(parse(data_dir, "--out", out, "--by", "outlet", "--workers", "2")) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert [r["report_id"] for r in manifest["reports"]] == ["corpus", "outlet/daily", "outlet/weekly"]
    assert "outlet: weekly" in (out / "outlets" / "weekly.html").read_text()


@pytest.mark.slow
@pytest.mark.skipif(not config.SAMPLE_DIR.exists(), reason="data/sample not present")
def test_raw_inputs_are_analysed_once_and_reused(tmp_path):
    out = tmp_path / "out"
    argv = [config.SAMPLE_DIR, "--out", out, "--by", "corpus", "--quiet"]
    assert command.run(parse(*argv)) == 0
    analysed = (out / "data" / "run.json").stat().st_mtime_ns
    assert command.run(parse(*argv)) == 0
    assert (out / "data" / "run.json").stat().st_mtime_ns == analysed
    assert json.loads((out / "manifest.json").read_text())["reports"][0]["reused"] is True


# --- as a reader sees it --------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not HAVE_CHROMIUM, reason="chromium and pdftoppm are not installed")
def test_pages_open_cleanly_in_chromium_and_pdf_renders(rendered, tmp_path):
    out, _, _ = rendered
    with Chromium() as browser:
        for page in (out / "index.html", out / "corpus.html", out / "articles" / "a1.html"):
            check = browser.check_page(page)
            assert check.console_errors == [], page
            assert check.external_requests == [], page
            assert check.broken_images == [], page
        assert len(browser.check_page(out / "corpus.html").images) >= 3
    pdf = out / "articles" / "a1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    assert png.stat().st_size > 5000
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "A4" in info
