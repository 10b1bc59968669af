"""Speed of `newsaudit report` on ~100 articles (PolNeAR dev text + data/sample), in one run.

Every ratio compares like with like:
  * HTML reports/s with the default options (workers = the machine's cores), target >= 4;
  * the same with --pdf, target >= 2;
  * the parallel speed-up: the default run against the same run with --workers 1;
  * per report, one warm worker against one cold `papermill` CLI run of the same notebook with the
    same parameters (both write the executed notebook, neither makes HTML), target >= 8x;
  * CPU seconds per report and peak memory (PSS, summed) over the whole process tree: the
    command, its workers, their kernels and browsers.
The load average is printed with the figures: other work on the machine slows every number here.
Needs ../shared/data/polnear.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from newsaudit import config

COLD_RUNS = 3
WARM_RUNS = 12
NEWSAUDIT = [sys.executable, "-m", "newsaudit.cli"]
PAPERMILL = str(Path(sys.executable).parent / "papermill")
ARTICLE_NOTEBOOK = config.NOTEBOOKS_DIR / "10_article_report.ipynb"


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree_memory(root: psutil.Process) -> int:
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            info = process.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def measured(argv: list[str]) -> dict:
    """Wall seconds, CPU seconds of the whole process tree (every descendant is waited for, so
    its time reaches ours) and the peak of the tree's summed PSS while it ran."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                peak = max(peak, _tree_memory(root))
            except psutil.NoSuchProcess:
                return
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, argv))} failed:\n{stderr.decode()[-2000:]}")
    return {"seconds": seconds, "cpu": _children_cpu() - cpu_before, "peak_mb": peak / 2**20}


def report_run(data_dir: Path, out: Path, *extra: str) -> dict:
    run = measured(NEWSAUDIT + ["report", str(data_dir), "--out", str(out), "--by", "article", "--quiet", *extra])
    reports = json.loads((out / "manifest.json").read_text())["reports"]
    failed = [r["report_id"] for r in reports if r["status"] != "ok"]
    if failed:
        raise SystemExit(f"reports failed: {failed[:5]}")
    articles = [r for r in reports if r["kind"] == "article"]
    stages = {stage: statistics.mean(r["stages"].get(stage, 0.0) for r in articles)
              for stage in ("execute", "html", "pdf")}
    return {**run, "reports": len(reports), "stages": stages, "article_ids": [r["parameters"]["article_id"]
                                                                              for r in articles]}


def show(label: str, run: dict) -> None:
    rate = run["reports"] / run["seconds"]
    stages = ", ".join(f"{k} {v:.3f}" for k, v in run["stages"].items() if v)
    print(f"{label}: {run['reports']} reports in {run['seconds']:.1f} s = {rate:.2f} reports/s; "
          f"CPU {run['cpu'] / run['reports']:.2f} s per report over the process tree; peak memory "
          f"{run['peak_mb']:.0f} MB (PSS, all processes); per article report in its worker: {stages} s; {load()}")


def warm_per_report(data_dir: Path, article_ids: list[str], scratch: Path) -> float:
    """Seconds per report in one warm worker (this process), after one report to warm it up:
    the same papermill run as the cold CLI's, through the newsaudit-warm engine."""
    from newsaudit.report import kernels

    def one(article_id: str) -> None:
        kernels.execute(ARTICLE_NOTEBOOK, scratch / "warm.ipynb", {"data_dir": str(data_dir), "article_id": article_id},
                        cwd=config.NOTEBOOKS_DIR)

    one(article_ids[0])
    started = time.perf_counter()
    for article_id in article_ids[1:WARM_RUNS + 1]:
        one(article_id)
    seconds = (time.perf_counter() - started) / len(article_ids[1:WARM_RUNS + 1])
    kernels.shutdown_all()
    return seconds


def cold_per_report(data_dir: Path, article_ids: list[str], scratch: Path) -> list[float]:
    return [measured([
        PAPERMILL, str(ARTICLE_NOTEBOOK), str(scratch / "cold.ipynb"), "-k", "python3", "--cwd", str(config.NOTEBOOKS_DIR),
        "--no-progress-bar", "-r", "data_dir", str(data_dir), "-r", "article_id", article_id,
    ])["seconds"] for article_id in article_ids[1:COLD_RUNS + 1]]


def main() -> int:
    polnear_dev = config.POLNEAR_DIR / "dev" / "text"
    if not polnear_dev.exists():
        print(f"skipped: {polnear_dev} not present")
        return 0
    print(f"{psutil.cpu_count()} cores; {load()}")
    with tempfile.TemporaryDirectory(prefix="newsaudit-bench-") as scratch:
        scratch = Path(scratch)
        data_dir = scratch / "tables"
        analysis = measured(NEWSAUDIT + ["analyze", str(polnear_dev), str(config.SAMPLE_DIR), "--out", str(data_dir),
                                         "--quiet"])
        articles = json.loads((data_dir / "run.json").read_text())["counts"]["analysed"]
        print(f"analysis: {articles} articles in {analysis['seconds']:.1f} s (once; the report runs below reuse "
              "the tables)")

        html = report_run(data_dir, scratch / "html")
        show("HTML, default options", html)
        pdf = report_run(data_dir, scratch / "pdf", "--pdf")
        show("HTML + PDF, default options", pdf)
        serial = report_run(data_dir, scratch / "serial", "--workers", "1")
        show("HTML, --workers 1", serial)
        speedup = serial["seconds"] / html["seconds"]
        print(f"parallel speed-up, default workers ({psutil.cpu_count()}) over 1: {speedup:.2f}x")

        warm = warm_per_report(data_dir, html["article_ids"], scratch)
        cold = cold_per_report(data_dir, html["article_ids"], scratch)
        ratio = statistics.mean(cold) / warm
        print(f"per report, same notebook and parameters: one warm worker {warm:.2f} s (mean of {WARM_RUNS}), "
              f"cold papermill CLI {statistics.mean(cold):.2f} s (runs: {', '.join(f'{s:.2f}' for s in cold)}): "
              f"{ratio:.1f}x; {load()}")

        checks = [("HTML reports/s >= 4", html["reports"] / html["seconds"] >= 4),
                  ("reports/s with PDF >= 2", pdf["reports"] / pdf["seconds"] >= 2),
                  ("warm worker >= 8x faster per report than cold papermill", ratio >= 8)]
        for label, ok in checks:
            print(f"target {label}: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
