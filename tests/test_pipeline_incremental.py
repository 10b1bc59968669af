"""Incremental reruns (issue 9): a rerun gives the very tables of a `--force` run, whichever rows it
copies whole, filters or analyses; a changed file is noticed whatever its size and times say; a
rerun that reuses everything starts no worker and imports no analysis module. The fast path: the
chunks before the first new or changed file are copied without reading their files (trusted by
their signature, else checked by their bytes), and the rerun's run.json is a forced run's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

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
info = pipeline.analyze_to_dir([sys.argv[1]], sys.argv[2], workers=2, on_previous=lambda why: print(why, file=sys.stderr))
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
    assert done.stdout.split() == ["3", "-", "0"], done.stderr  # "other code": the package was edited meanwhile


# ------------------------------------------------- the fast path: unchanged files are not read

RUN_FIELDS = ("files_read", "input_hashes", "skipped", "ignored", "chunks")


def assert_same_as_forced(corpus: Path, out: Path, tmp_path: Path) -> None:
    """The tables and run.json of `out` are those of a --force run (but for the reuse counts)."""
    forced = tmp_path / "forced"
    forced_info = analyze(corpus, forced, "--force")
    for name, frame in read(forced).items():
        pd.testing.assert_frame_equal(read(out)[name], frame, obj=name)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    for field in RUN_FIELDS:
        assert info[field] == forced_info[field], field
    assert {k: v for k, v in info["counts"].items() if k != "reused"} == \
           {k: v for k, v in forced_info["counts"].items() if k != "reused"}


@pytest.fixture
def files_opened(monkeypatch) -> list[str]:
    """The names of the input files read or hashed (the files a rerun looked into)."""
    from newsaudit import load

    opened: list[str] = []
    for name in ("read_bytes", "sha256_file"):
        def counting(path, *args, real=getattr(load, name)):
            opened.append(Path(path).name)
            return real(path, *args)

        monkeypatch.setattr(load, name, counting)
    return opened


@pytest.fixture
def settled(monkeypatch):
    """Files count as settled (not changed too recently to trust their signature) at once."""
    from newsaudit import load_discover

    monkeypatch.setattr(load_discover, "RACY_NS", -10 ** 12)


def twelve_articles(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "in"
    for i in range(12):
        write_article(corpus / f"story-{i:02d}.txt", i)
    return corpus, tmp_path / "out"


def test_a_rerun_reads_only_the_files_after_the_last_unchanged_chunk(tmp_path, files_opened, settled):
    corpus, out = twelve_articles(tmp_path)
    analyze(corpus, out)
    write_article(corpus / "story-12.txt", 12)  # 13 articles: chunks of 4, 4, 4 unchanged, then 1 new
    files_opened.clear()
    info = analyze(corpus, out)
    assert info["chunks_copied"] == 3 and info["counts"]["reused"] == 12
    assert files_opened == ["story-12.txt"]
    assert_same_as_forced(corpus, out, tmp_path)
    files_opened.clear()
    assert analyze(corpus, out)["chunks_copied"] == 4 and files_opened == []  # and again, nothing new


def test_a_file_changed_recently_is_checked_by_its_bytes(tmp_path, files_opened):
    corpus, out = twelve_articles(tmp_path)
    analyze(corpus, out)  # every file changed less than 2 s before: no signature is trusted
    files_opened.clear()
    info = analyze(corpus, out)
    assert info["chunks_copied"] == 3 and sorted(files_opened) == sorted(p.name for p in corpus.iterdir())


def test_a_touched_but_unchanged_file_is_hashed_not_analysed(tmp_path, files_opened, settled):
    corpus, out = twelve_articles(tmp_path)
    analyze(corpus, out)
    touched = corpus / "story-05.txt"
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 10 ** 9))
    files_opened.clear()
    info = analyze(corpus, out)
    assert info["chunks_copied"] == 3 and info["counts"]["reused"] == 12 and files_opened == ["story-05.txt"]


def test_a_file_replaced_by_another_of_the_same_size_and_times_is_noticed(tmp_path, settled):
    corpus, out = twelve_articles(tmp_path)
    analyze(corpus, out)
    original = corpus / "story-05.txt"
    before = original.stat()
    time.sleep(0.05)  # past the file system's timestamp tick
    replacement = tmp_path / "replacement.txt"
    replacement.write_text(original.read_text(encoding="utf-8").replace("reopen", "refill"), encoding="utf-8")
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, original)  # another inode, same size and modification time
    assert (original.stat().st_size, original.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    info = analyze(corpus, out)
    assert info["chunks_copied"] == 1 and info["counts"]["reused"] == 11
    assert "refill pier 5" in " ".join(read(out)["sentences"]["text"])
    assert_same_as_forced(corpus, out, tmp_path)


def test_a_same_size_edit_of_a_settled_file_is_noticed(tmp_path, settled):
    corpus, out = twelve_articles(tmp_path)
    analyze(corpus, out)
    edited = corpus / "story-09.txt"
    before = edited.stat()
    time.sleep(0.05)
    edited.write_text(edited.read_text(encoding="utf-8").replace("reopen", "refill"), encoding="utf-8")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    info = analyze(corpus, out)
    assert info["chunks_copied"] == 2 and info["counts"]["reused"] == 11
    assert "refill pier 9" in " ".join(read(out)["sentences"]["text"])


def test_deleted_and_skipped_files_and_new_metadata(tmp_path, settled):
    corpus, out = twelve_articles(tmp_path)
    (corpus / "story-02b.txt").write_bytes(b"")  # skipped: empty file
    analyze(corpus, out)
    (corpus / "story-10.txt").unlink()
    info = analyze(corpus, out)
    assert info["chunks_copied"] == 2 and info["counts"]["read"] == 12 and info["counts"]["skipped"] == 1
    assert_same_as_forced(corpus, out, tmp_path)
    (corpus / "metadata.csv").write_text("path,outlet\nstory-00.txt,Morning Courier\n", encoding="utf-8")
    info = analyze(corpus, out)
    assert info["chunks_copied"] == 0 and info["counts"]["reused"] == 11
    assert read(out)["articles"]["outlet"].iat[0] == "Morning Courier"
    assert_same_as_forced(corpus, out, tmp_path / "again")


def test_options_or_an_older_run_json_mean_reading_every_file(tmp_path, settled):
    corpus, out = twelve_articles(tmp_path)
    analyze(corpus, out)
    assert analyze(corpus, out, "--chunk-size", "5")["chunks_copied"] == 0  # other chunks
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    del info["reuse_index"]
    (out / "run.json").write_text(json.dumps(info), encoding="utf-8")
    info = analyze(corpus, out, "--chunk-size", "5")
    assert info["chunks_copied"] == 0 and info["counts"]["reused"] == 12


def test_chunks_copied_whole_give_the_same_bytes_also_for_an_empty_table(tmp_path, settled):
    corpus = tmp_path / "in"
    for i in range(5):
        (corpus / f"plain-{i}.txt").parent.mkdir(parents=True, exist_ok=True)
        (corpus / f"plain-{i}.txt").write_text(f"Title {i}\n\nThe mayor said it rained on day {i}.\n", encoding="utf-8")
    out = tmp_path / "out"
    analyze(corpus, out)
    assert read(out)["hedges"].empty
    before = {name: (out / f"{name}.parquet").read_bytes() for name in TABLES}
    info = analyze(corpus, out)
    assert info["chunks_copied"] == 2 and info["counts"]["reused"] == 5
    assert {name: (out / f"{name}.parquet").read_bytes() for name in TABLES} == before
