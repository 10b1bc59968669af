"""The `newsaudit report` command: its arguments and what running it does.

    newsaudit report INPUT... --out DIR [--by article|outlet|corpus] [-p NAME VALUE]... [-f params.yaml]
                     [--pdf] [--workers N] [--timeout SECONDS] [--no-clean] [--force]

Building the arguments imports nothing heavy (the CLI's `--help` stays fast); `run` plans the
batch (plan.py), renders it (runner.py) and says how it went.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_TIMEOUT = 600.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                        help="raw article files or folders, or one folder of analysed tables (with run.json)")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write the reports into")
    parser.add_argument("--by", choices=("article", "outlet", "corpus"), default="article",
                        help="one report per article (default) or per outlet, besides the corpus overview; "
                             "'corpus': the overview only")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (repeatable); the value is read as the parameter's type")
    parser.add_argument("-f", "--parameters-file", type=Path, metavar="YAML",
                        help="notebook parameters from a YAML mapping (-p wins over it)")
    parser.add_argument("--pdf", action="store_true", help="also print each report to PDF with headless Chromium")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes, each with its own warm kernel (default: the machine's cores)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help="longest a notebook cell may run before its kernel is replaced (default 600)")
    parser.add_argument("--no-clean", action="store_true", help="analyse raw inputs without scrape-noise cleaning")
    parser.add_argument("--force", action="store_true", help="render every report again, even if unchanged")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")


def run(args: argparse.Namespace) -> int:
    """Exit status: 0 all reports rendered, 1 some failed, 2 bad usage or unusable input."""
    from .plan import early_workers, prepare_batch
    from .runner import run_batch, start_pool
    from .worker import skip_unused_validators

    skip_unused_validators()
    workers = early_workers(args)  # a UsageError here reaches the CLI: exit 2, one line
    pool = start_pool(workers) if workers else None
    try:
        batch = prepare_batch(args)
        results = run_batch(batch, pool)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    failed = [r for r in results if r.status != "ok"]
    print(f"{len(results) - len(failed)} of {len(results)} reports ok"
          + (f", {len(failed)} failed (see {batch.out_dir / 'index.html'})" if failed else "")
          + f"; {sum(r.reused for r in results)} unchanged and skipped", file=sys.stderr)
    return 1 if failed else 0
