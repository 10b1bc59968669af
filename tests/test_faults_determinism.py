"""`newsaudit analyze` killed mid-run, and run twice: issue 10, items 4 and 5 (the analysis half).

- A run killed with SIGKILL (workers and all) leaves nothing in --out that a reader could take for
  output (no table or run.json under a contract name; its temporary files are hidden, named
  `.<table>.*.tmp.parquet`, and skipped by Parquet dataset readers), and a rerun finishes with
  complete tables, the same bytes as an uninterrupted run.
- Two runs on the same input give byte-identical Parquet files, with 1 or 2 workers (and with
  one another); run.json differs only in times (of the run, and of the files in `reuse_index`).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from newsaudit import cli

TABLES = ("articles", "sentences", "attributions", "hedges", "article_stats")
SPEAKERS = ("Mayor Ana Ruiz", "Police chief Tom Okafor", "Analysts", "The ministry", "Senator Lea Brandt")
TOPICS = ("the harbour", "the new bridge", "the school budget", "the water supply", "the rail strike")


def write_corpus(folder: Path, n: int) -> Path:
    """`n` small invented articles in three outlet folders, with dates in their names."""
    for i in range(n):
        outlet = ("herald", "courier", "gazette")[i % 3]
        speaker, topic = SPEAKERS[i % len(SPEAKERS)], TOPICS[(i // 5) % len(TOPICS)]
        text = (f"Update {i} On {topic.title()}\n\n{speaker} said on day {i} that {topic} would reopen soon. "
                f"\"We are not there yet,\" {speaker.split()[-1]} said. Residents reportedly complained "
                f"about delays, and officials say costs rose by {i % 17} percent.\n\nLeave a Reply\n")
        path = folder / outlet / f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}-story-{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def digests(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir()) if p.is_file()}


def parquet_digests(out: Path) -> dict[str, str]:
    return {name: digest for name, digest in digests(out).items() if name.endswith(".parquet")}


def analyze(corpus: Path, out: Path, *extra: str) -> int:
    return cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", *extra])


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "in", 60)


# ---------------------------------------------------------------------------------- determinism

def test_two_runs_give_byte_identical_parquet_with_1_and_2_workers(small_corpus, tmp_path):
    runs = {}
    for workers in ("1", "2"):
        for attempt in ("a", "b"):
            out = tmp_path / f"w{workers}{attempt}"
            assert analyze(small_corpus, out, "--workers", workers, "--chunk-size", "25", "--force") == 0
            runs[(workers, attempt)] = out
    first = parquet_digests(runs[("1", "a")])
    assert set(first) == {f"{name}.parquet" for name in TABLES}
    for key, out in runs.items():
        assert parquet_digests(out) == first, f"run {key} differs from a run with 1 worker"

    infos = [json.loads((out / "run.json").read_text()) for out in runs.values()]
    volatile = {"timings", "seconds", "options", "reuse_index"}  # options: the --workers given; reuse_index: file times
    for info in infos[1:]:
        assert {k: v for k, v in info.items() if k not in volatile} == \
               {k: v for k, v in infos[0].items() if k not in volatile}


def test_parquet_files_carry_no_volatile_metadata(small_corpus, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    assert analyze(small_corpus, out, "--workers", "1") == 0
    for name in TABLES:
        metadata = pq.ParquetFile(out / f"{name}.parquet").metadata
        keys = metadata.metadata or {}
        text = b" ".join(keys.values()).decode("utf-8", "replace").lower()
        assert "time" not in set(json.loads(keys.get(b"pandas", b"{}")) or {}) and str(tmp_path) not in text


def test_a_rerun_that_reuses_every_article_writes_the_same_bytes(small_corpus, tmp_path):
    out = tmp_path / "out"
    assert analyze(small_corpus, out, "--workers", "1", "--chunk-size", "25") == 0
    before = parquet_digests(out)
    assert analyze(small_corpus, out, "--workers", "1", "--chunk-size", "25") == 0
    assert json.loads((out / "run.json").read_text())["counts"]["reused"] == 60
    assert parquet_digests(out) == before


# --------------------------------------------------------------------------------------- faults

def _visible_outputs(out: Path) -> list[str]:
    """What a reader would take for output: files not hidden (shell globs and Parquet dataset
    readers skip names that start with a dot)."""
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def test_killed_analyze_leaves_no_output_a_reader_could_mistake_and_a_rerun_completes(tmp_path):
    corpus = write_corpus(tmp_path / "in", 300)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "newsaudit.cli", "analyze", str(corpus), "--out", str(out), "--quiet",
               "--workers", "2", "--chunk-size", "20", "--force"]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            if out.exists() and list(out.glob(".articles.*.tmp.parquet")):
                break  # a chunk is written: the run is in the middle
            time.sleep(0.02)
        assert child.poll() is None, "the run ended before it could be killed"
        assert not (out / "run.json").exists()
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)  # the CLI and its worker processes
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert _visible_outputs(out) == [], "a killed first run leaves no table or run.json under a contract name"
    leftovers = [p.name for p in out.iterdir()]
    assert leftovers and all(name.startswith(".") and ".tmp." in name for name in leftovers)
    with pytest.raises(Exception):  # the half table is not a readable dataset of the folder either
        pd.read_parquet(out / "articles.parquet")

    assert analyze(corpus, out, "--workers", "2", "--chunk-size", "20") == 0
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], "leftovers removed by the rerun"
    info = json.loads((out / "run.json").read_text())
    assert info["counts"]["read"] == info["counts"]["analysed"] == 300
    articles = pd.read_parquet(out / "articles.parquet")
    assert len(articles) == 300 and articles["article_id"].is_unique
    stats = pd.read_parquet(out / "article_stats.parquet")
    assert set(stats["article_id"]) == set(articles["article_id"])
    sentences = pd.read_parquet(out / "sentences.parquet")
    assert set(sentences["article_id"]) == set(articles["article_id"])

    fresh = tmp_path / "fresh"
    assert analyze(corpus, fresh, "--workers", "2", "--chunk-size", "20") == 0
    assert parquet_digests(out) == parquet_digests(fresh), "the rerun's tables equal an uninterrupted run's"
