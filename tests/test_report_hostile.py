"""Hostile content: markup and script in article text, titles, outlet names, file names and
report parameters is shown as text in every report, the index and the PDF, never run; names
derived from the inputs never lead outside the output folder.

The pages are opened in headless Chromium: every payload would set `window.__pwned` and the
page title if it ran, so the test reads both back from the browser."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from newsaudit import cli
from newsaudit.report import parameters, plan
from newsaudit.report.chromium import Chromium, find_chromium

from tests.report_fixture import make_tables

HAVE_CHROMIUM = find_chromium() is not None
NO_CHROMIUM = "chromium is not installed (Debian: apt-get install chromium): the pages cannot be opened in a browser"


def _payload(tag: str) -> str:
    """Script that would mark the page as attacked, by where it came from."""
    return f"window.__pwned='{tag}';document.title='PWNED {tag}'"


# Each field carries payloads of several kinds: a script element, an event handler, a javascript:
# link, markup closing a tag or an attribute, and template syntax.
TITLE = f"<script>{_payload('title')}</script> Port <b>strike</b> ends \" onmouseover=\"{_payload('attr')}"
TEXT = (
    f"Officials said <img src=x onerror=\"{_payload('text')}\"> was fine on Monday.\n\n"
    f"<a href=\"javascript:{_payload('link')}\">Read the report</a>, analysts say.\n\n"
    f"\"</textarea></pre><script>{_payload('close')}</script>\", Mayor Jane Roe said. {{{{ 7 * 7 }}}} ${{x}}\n\n"
    f"The port reopened, the harbour master said.\n"
)
OUTLET = f"<svg onload=\"{_payload('outlet')}\">Harbour & Co $\\undefined$"
FILE_NAME = f"<img src=x onerror=\"{_payload('file')}\">.txt"  # a file name may hold anything but /
FOLDER = f"<svg onload=\"{_payload('folder')}\">news"  # the outlet of the .txt file
JSON_TITLE = f"<iframe srcdoc=\"<script>{_payload('iframe')}</script>\"></iframe> Ferry news"
ENTITY = f"<script>{_payload('param')}</script>\"); import os; os.system('touch PWNED'); (\""
MARKERS = ("<script>window", "<img src=x", "<svg onload", "<iframe", "<a href=\"javascript", "<b>strike</b>")


def _corpus(root: Path) -> Path:
    corpus = root / "in"
    (corpus / FOLDER).mkdir(parents=True)
    (corpus / FOLDER / FILE_NAME).write_text(f"{TITLE}\n\n{TEXT}", encoding="utf-8")
    (corpus / "wire").mkdir()
    (corpus / "wire" / "ferry.json").write_text(json.dumps({
        "title": JSON_TITLE, "text": TEXT.replace("Monday", "Tuesday"), "outlet": OUTLET,
        "url": f"javascript:{_payload('url')}", "date_publish": "2026-03-03",
    }), encoding="utf-8")
    return corpus


PAGE_STATE = """JSON.stringify({
  pwned: window.__pwned || null,
  title: document.title,
  handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 80)),
  javascriptLinks: Array.from(document.querySelectorAll('[href],[src]')).filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length,
  frames: document.querySelectorAll('iframe, embed, object').length,
  payloadScripts: Array.from(document.scripts).filter(s => s.text.includes('__pwned')).length,
  shown: document.body.innerText.includes("<script>window.__pwned='title'")
    || document.body.innerText.includes('<img src=x onerror'),
})"""


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    before = set(root.parent.iterdir())
    corpus = _corpus(root)
    out = root / "out"
    parameter = json.dumps({ENTITY: ["Officials", "Jane Roe"]})
    pdf = ["--pdf"] if HAVE_CHROMIUM else []
    cwd = os.getcwd()
    os.chdir(root)  # a payload that ran "touch PWNED" would leave the file here
    try:
        status = cli.main(["report", str(corpus), "--out", str(out), "--quiet", "-p", "entities", parameter, *pdf])
        outlets = cli.main(["report", str(out / "data"), "--out", str(root / "by-outlet"), "--by", "outlet",
                            "--quiet", *pdf])
    finally:
        os.chdir(cwd)
    written_beside = set(root.parent.iterdir()) - before  # anything a name like "../x" put outside
    return root, out, status, outlets, written_beside


@pytest.mark.slow
def test_hostile_corpus_renders_every_report(hostile_batch):
    root, out, status, outlets, written_beside = hostile_batch
    assert status == 0 and outlets == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in manifest["reports"]] == ["ok"] * 3
    assert not (root / "PWNED").exists() and not Path("PWNED").exists()
    assert written_beside == set()  # nothing was written beside the test's folder


@pytest.mark.slow
def test_every_page_shows_the_payloads_as_text(hostile_batch):
    root, out, _, _, _ = hostile_batch
    pages = sorted(out.rglob("*.html")) + sorted((root / "by-outlet").rglob("*.html"))
    assert len(pages) == 8  # index, corpus and two articles; index, corpus and two outlets
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        for marker in MARKERS:
            assert marker not in markup, (page, marker)
    article_pages = "".join(p.read_text(encoding="utf-8") for p in (out / "articles").glob("*.html"))
    # Quote marks may stay as they are in text (only attributes need them escaped, and no value
    # from the data is ever put in an attribute).
    assert "&lt;script&gt;window.__pwned='title'" in article_pages.replace("&#x27;", "'").replace("&#39;", "'")
    assert "&lt;img src=x onerror=" in article_pages
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in index  # the titles, shown


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_CHROMIUM, reason=NO_CHROMIUM)
def test_no_payload_runs_in_a_browser(hostile_batch):
    root, out, _, _, _ = hostile_batch
    pages = [out / "index.html", out / "corpus.html", *sorted((out / "articles").glob("*.html")),
             root / "by-outlet" / "index.html", *sorted((root / "by-outlet" / "outlets").glob("*.html"))]
    shown = 0
    control = root / "control.html"  # the same payloads unescaped: proof that the check sees them run
    control.write_text(f"<html><body>{TEXT}<h1>{TITLE}</h1></body></html>", encoding="utf-8")
    with Chromium() as browser:
        browser.check_page(control)
        state = json.loads(browser.evaluate(PAGE_STATE))
        assert state["pwned"] and state["title"].startswith("PWNED") and state["handlers"] and state["javascriptLinks"]
        for page in pages:
            check = browser.check_page(page)
            state = json.loads(browser.evaluate(PAGE_STATE))
            assert state["pwned"] is None and not state["title"].startswith("PWNED"), (page, state)
            assert state["handlers"] == [] and state["javascriptLinks"] == 0 and state["frames"] == 0, (page, state)
            assert state["payloadScripts"] == 0, page
            assert check.external_requests == [], page
            shown += state["shown"]
    assert shown >= 3  # the article pages and the index show the payloads as text


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_CHROMIUM or shutil.which("pdftotext") is None, reason=NO_CHROMIUM + " (or pdftotext)")
def test_pdf_shows_the_payloads_as_text(hostile_batch):
    _, out, _, _, _ = hostile_batch
    texts = [subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout for pdf in sorted((out / "articles").glob("*.pdf"))]
    assert len(texts) == 2
    assert any("<script>window.__pwned='title'" in " ".join(t.split()) for t in texts)
    assert all("PWNED" not in t or "__pwned" in t for t in texts)


@pytest.mark.slow
def test_parameter_values_reach_the_notebook_as_literals(hostile_batch):
    _, out, _, _, _ = hostile_batch
    for executed in (out / "articles").glob("*.ipynb"):
        notebook = nbformat.read(executed, as_version=4)
        (injected,) = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
        statements = ast.parse(injected.source).body
        assert all(isinstance(s, ast.Assign) for s in statements)
        values = {s.targets[0].id: ast.literal_eval(s.value) for s in statements}
        assert values["entities"] == {ENTITY: ["Officials", "Jane Roe"]}
    page = next((out / "articles").glob("*.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=" in page and "os.system('touch PWNED')" in page.replace("&#x27;", "'")


@pytest.mark.parametrize("value", [
    'x"; import os; os.system("touch PWNED"); "', "x'''\nimport os\n'''", "a\\\nb", "line\u2028sep\u0085next",
    "\x00nul", "end\\", "{{ 7 * 7 }} ${x} %(name)s",
])
def test_string_parameters_are_injected_as_one_literal(value):
    from papermill.translators import PythonTranslator

    parameters.check_injection_safe({"period": value})
    (statement,) = ast.parse(PythonTranslator.codify({"period": value})).body
    assert isinstance(statement, ast.Assign) and ast.literal_eval(statement.value) == value


def test_names_from_the_inputs_never_leave_the_output_folder(tmp_path):
    tables = make_tables()
    hostile_ids = {"a1": "../../escape", "a2": "/etc/passwd", "a3": ".."}
    for name, frame in tables.items():
        frame["article_id"] = frame["article_id"].map(lambda a: hostile_ids.get(a, a))
    tables["articles"]["outlet"] = ["../../outlet", "..", "/abs/outlet"]
    data = tmp_path / "deep" / "data"
    data.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(data / f"{name}.parquet", index=False)
    (data / "run.json").write_text("{}")
    jobs = plan.plan_jobs(data, "article", {}, {nb: parameters.notebook_parameters(nb)
                                                  for nb in (plan.CORPUS_NOTEBOOK, plan.ARTICLE_NOTEBOOK)})
    jobs += plan.plan_jobs(data, "outlet", {}, {plan.CORPUS_NOTEBOOK: parameters.notebook_parameters(
        plan.CORPUS_NOTEBOOK)})
    out = (tmp_path / "deep" / "out").resolve()
    stems = [job.stem for job in jobs if job.kind != "corpus"]
    assert len(set(stems)) == len(stems) == 6
    for stem in stems:
        for suffix in (".html", ".ipynb", ".pdf"):
            target = (out / f"{stem}{suffix}").resolve()
            assert target.is_relative_to(out) and target.parent in (out, out / "articles", out / "outlets"), stem
    for value in ("..", ".", "", "../x", "a/../../b", "\\..\\x", "x" * 300, "con", "~", "a\x00b"):
        name = plan.slug(value)
        assert name and "/" not in name and "\\" not in name and name not in (".", "..") and len(name) <= 100, value
