"""Killing a report batch half way and rerunning it finishes the rest without redoing the done ones."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from newsaudit import config


@pytest.mark.slow
def test_killed_batch_resumes_without_half_files(tmp_path):
    out = tmp_path / "reports"
    # One worker: the batch is still running when the manifest is first saved (every 2 s).
    command = [sys.executable, "-m", "newsaudit.cli", "report", str(config.SAMPLE_DIR), "--out", str(out), "--quiet",
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
    assert 3 <= len(done_before_kill) < 13, "the batch was killed half way"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    reports = json.loads((out / "manifest.json").read_text())["reports"]
    assert len(reports) == 13 and all(r["status"] == "ok" for r in reports)
    reused = {r["report_id"] for r in reports if r["reused"]}
    assert done_before_kill <= reused, "finished reports were not redone"
    leftovers = [p for p in out.rglob("*") if ".tmp" in p.name]
    assert leftovers == []
    for report in reports:
        html_file = out / report["outputs"]["html"]
        assert html_file.read_text(encoding="utf-8").rstrip().endswith("</html>")
