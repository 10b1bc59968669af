"""Speed of `newsaudit report --by article` on ~100 articles (PolNeAR dev text + data/sample).

Measures, each as the wall time of the real command in a fresh output folder:
  * analysis of the inputs into tables (once; every report run below reuses them),
  * HTML reports with warm kernels and 2 workers: reports/s (targets >= 2),
  * the same with --pdf: reports/s (target >= 1),
  * cold `papermill` CLI runs of the same article notebook on a few articles: seconds per report,
    and the ratio against the warm per-report time (target >= 5x). The cold runs make no HTML,
    so the ratio favours them.
Needs ../shared/data/polnear.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsaudit import config

COLD_RUNS = 3
NEWSAUDIT = [sys.executable, "-m", "newsaudit.cli"]
PAPERMILL = str(Path(sys.executable).parent / "papermill")


def timed_command(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def report_run(data_dir: Path, out: Path, *extra: str) -> tuple[float, int]:
    seconds = timed_command(NEWSAUDIT + ["report", str(data_dir), "--out", str(out), "--by", "article",
                                         "--workers", "2", "--quiet", *extra])
    manifest = json.loads((out / "manifest.json").read_text())
    failed = [r["report_id"] for r in manifest["reports"] if r["status"] != "ok"]
    if failed:
        raise SystemExit(f"reports failed: {failed[:5]}")
    return seconds, len(manifest["reports"])


def main() -> int:
    polnear_dev = config.POLNEAR_DIR / "dev" / "text"
    if not polnear_dev.exists():
        print(f"skipped: {polnear_dev} not present")
        return 0
    with tempfile.TemporaryDirectory(prefix="newsaudit-bench-") as scratch:
        scratch = Path(scratch)
        data_dir = scratch / "tables"
        analysis = timed_command(NEWSAUDIT + ["analyze", str(polnear_dev), str(config.SAMPLE_DIR),
                                              "--out", str(data_dir), "--quiet"])
        articles = json.loads((data_dir / "run.json").read_text())["counts"]["analysed"]
        print(f"analysis: {articles} articles in {analysis:.1f} s (once; the report runs reuse the tables)")

        html_seconds, reports = report_run(data_dir, scratch / "html")
        warm_per_report = html_seconds / reports
        print(f"HTML, warm kernels, 2 workers: {reports} reports in {html_seconds:.1f} s = "
              f"{reports / html_seconds:.2f} reports/s ({warm_per_report:.2f} s per report, start-up included)")

        pdf_seconds, _ = report_run(data_dir, scratch / "pdf", "--pdf")
        print(f"HTML + PDF, warm kernels and browser, 2 workers: {reports} reports in {pdf_seconds:.1f} s = "
              f"{reports / pdf_seconds:.2f} reports/s")

        article_ids = [r["parameters"]["article_id"] for r in
                       json.loads((scratch / "html" / "manifest.json").read_text())["reports"] if r["kind"] == "article"]
        cold = []
        for article_id in article_ids[:COLD_RUNS]:
            cold.append(timed_command([
                PAPERMILL, str(config.NOTEBOOKS_DIR / "10_article_report.ipynb"), str(scratch / "cold.ipynb"),
                "-k", "python3", "--cwd", str(config.NOTEBOOKS_DIR), "--no-progress-bar",
                "-r", "data_dir", str(data_dir), "-r", "article_id", article_id,
            ]))
        cold_per_report = sum(cold) / len(cold)
        print(f"cold papermill CLI, one process per report: {cold_per_report:.2f} s per report "
              f"(runs: {', '.join(f'{s:.2f}' for s in cold)})")
        print(f"warm vs cold per report: {cold_per_report / warm_per_report:.1f}x faster")

        checks = [("HTML reports/s >= 2", reports / html_seconds >= 2),
                  ("warm >= 5x faster per report than cold", cold_per_report / warm_per_report >= 5),
                  ("reports/s with PDF >= 1", reports / pdf_seconds >= 1)]
        for label, ok in checks:
            print(f"target {label}: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
