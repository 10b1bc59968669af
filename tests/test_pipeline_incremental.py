"""Incremental reruns (issue 9): a rerun gives the very tables of a `--force` run, whichever rows it
copies whole, filters or analyses; a changed file is noticed by its content whatever its size and
times say; a rerun that reuses everything starts no worker and imports no analysis module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd

from newsaudit import cli, pipeline
from newsaudit.pipeline.reuse import Previous

TABLES = pipeline.TABLE_NAMES


def write_article(path: Path, i: int, words: str = "reopen") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Harbour Story {i}\n\nThe harbour board met on day {i}, chair Lena Marsh said on Monday. "
        f"\"We will {words} pier {i},\" she said.\n\nAnalysts say the plan is reportedly costly.\n",
        encoding="utf-8")


def three_articles(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus folder of three stories, and the folder to analyse it into."""
    corpus = tmp_path / "in"
    for i in range(3):
        write_article(corpus / f"story-{i}.txt", i)
    return corpus, tmp_path / "out"


def analyze(corpus: Path, out: Path, *extra: str) -> dict:
    assert cli.main(["analyze", str(corpus), "--out", str(out), "--quiet", "--workers", "1", "--chunk-size", "4",
                     *extra]) == 0
    return json.loads((out / "run.json").read_text(encoding="utf-8"))


def read(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}


def test_a_rerun_writes_the_tables_of_a_forced_run(tmp_path):
    corpus = tmp_path / "in"
    for i in range(12):
        write_article(corpus / ("a" if i < 6 else "c") / f"story-{i:02d}.txt", i)
    out = tmp_path / "out"
    analyze(corpus, out)
    # new articles at the start, in the middle (chunks partly reused) and at the end; one edited
    write_article(corpus / "a" / "story-00a.txt", 100)
    write_article(corpus / "b" / "story-50.txt", 50)
    write_article(corpus / "c" / "story-99.txt", 99)
    write_article(corpus / "c" / "story-07.txt", 7, words="close")
    info = analyze(corpus, out)
    assert info["counts"]["reused"] == 11 and info["counts"]["analysed"] == 15
    rerun = read(out)
    forced = tmp_path / "forced"
    analyze(corpus, forced, "--force")
    for name, frame in read(forced).items():
        pd.testing.assert_frame_equal(rerun[name], frame, obj=name)
    assert "close pier 7" in " ".join(rerun["sentences"]["text"])


def test_a_same_size_edit_with_the_old_times_is_noticed(tmp_path):
    corpus, out = three_articles(tmp_path)
    analyze(corpus, out)
    edited = corpus / "story-1.txt"
    before = edited.stat()
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("reopen", "refill"), encoding="utf-8")  # same size
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # same modification time
    assert edited.stat().st_size == before.st_size and edited.stat().st_mtime_ns == before.st_mtime_ns
    info = analyze(corpus, out)
    assert info["counts"]["reused"] == 2
    assert "refill pier 1" in " ".join(read(out)["sentences"]["text"])


def test_the_worker_hint_sees_new_and_changed_files(tmp_path):
    corpus, out = three_articles(tmp_path)
    info = analyze(corpus, out)
    files = [Path(p) for p in info["files_read"]]
    previous = Previous(out, {**info, "seconds": 0})
    ran = time.time_ns() + 5 * 10 ** 9  # the previous run: after every change so far
    os.utime(out / "run.json", ns=(ran, ran))
    assert previous.inputs_changed(files) is False
    assert previous.inputs_changed([*files, corpus / "story-new.txt"]) is True
    # rewritten with the old times: the inode's change time still tells
    before = files[0].stat()
    files[0].write_bytes(files[0].read_bytes())
    os.utime(files[0], ns=(before.st_atime_ns, before.st_mtime_ns))
    ran = files[0].stat().st_ctime_ns - 10 ** 9
    os.utime(out / "run.json", ns=(ran, ran))
    assert previous.inputs_changed(files) is True
    previous.close()


ALL_REUSED = """
import sys
from newsaudit import pipeline
info = pipeline.analyze_to_dir([sys.argv[1]], sys.argv[2], workers=2)
stages = sorted(name for name in ("newsaudit.segment", "newsaudit.sourcing", "nltk", "pycrfsuite")
                if name in sys.modules)
import multiprocessing
print(info["counts"]["reused"], ",".join(stages) or "-", len(multiprocessing.active_children()))
"""


def test_a_rerun_that_reuses_everything_imports_no_analysis_module(tmp_path):
    corpus, out = three_articles(tmp_path)
    analyze(corpus, out)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(ALL_REUSED), str(corpus), str(out)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["3", "-", "0"]
