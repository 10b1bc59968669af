"""Killing a report batch half way and rerunning it finishes the rest without redoing the done ones."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from newsaudit import config


COPIES = 4


def sample_copies(folder):
    """The sample's articles, COPIES times over (each copy a distinct article), so that a batch on
    one worker is still running when its manifest is first saved (every 2 s), with or without PDFs."""
    for copy in range(COPIES):
        for article in sorted(config.SAMPLE_DIR.glob("*/*.txt")):
            target = folder / f"{article.parent.name}-{copy}" / article.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(article.read_bytes() + f"\n\nEdition {copy + 1}.\n".encode())  # some are not UTF-8
    return folder


@pytest.mark.slow
def test_killed_batch_resumes_without_half_files(tmp_path):
    out = tmp_path / "reports"
    corpus = sample_copies(tmp_path / "corpus")
    n_articles = len(list(corpus.glob("*/*.txt")))
    command = [sys.executable, "-m", "newsaudit.cli", "report", str(corpus), "--out", str(out), "--quiet",
               "--workers", "1"]
    batch = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    done_before_kill: set[str] = set()
    while time.time() < deadline and len(done_before_kill) < 3:
        time.sleep(0.2)
        manifest = out / "manifest.json"
        if manifest.exists():
            reports = json.loads(manifest.read_text())["reports"]
            done_before_kill = {r["report_id"] for r in reports if r["status"] == "ok"}
    os.killpg(batch.pid, signal.SIGKILL)
    batch.wait()
    assert 3 <= len(done_before_kill) < n_articles, "the batch was killed half way"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    reports = json.loads((out / "manifest.json").read_text())["reports"]
    assert len(reports) == n_articles + 1 and all(r["status"] == "ok" for r in reports)  # and the corpus report
    reused = {r["report_id"] for r in reports if r["reused"]}
    assert done_before_kill <= reused, "finished reports were not redone"
    leftovers = [p for p in out.rglob("*") if ".tmp" in p.name]
    assert leftovers == []
    for report in reports:
        html_file = out / report["outputs"]["html"]
        assert html_file.read_text(encoding="utf-8").rstrip().endswith("</html>")
