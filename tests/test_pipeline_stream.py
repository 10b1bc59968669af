"""`analyze` streamed to disk: the same tables as the in-memory path, typed chunk by chunk, no half
files after a failed or killed run, incremental reruns, run.json that reconciles, default workers."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from newsaudit import cli, config, export, load, pipeline

TABLES = pipeline.TABLE_NAMES


def read(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def assert_same_tables(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], want[name], obj=name)


def write_corpus(folder: Path, n: int = 6) -> Path:
    """Invented articles, one speaker each, in two outlet folders."""
    for i in range(n):
        outlet = folder / ("herald" if i % 2 else "courier")
        outlet.mkdir(parents=True, exist_ok=True)
        (outlet / f"2026-03-{i + 1:02d}-story-{i}.txt").write_text(
            f"Harbour Story {i}\n\nThe harbour board met on day {i}, chair Lena Marsh said on Monday. "
            f"\"We will reopen pier {i},\" she said.\n\nAnalysts say the plan is reportedly costly.\n",
            encoding="utf-8",
        )
    return folder


def run_cli(argv) -> tuple[int, str]:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in argv])
    return code, err.getvalue()


# ------------------------------------------------------------------- same tables as in memory

def test_streamed_tables_equal_the_in_memory_path_on_the_sample(tmp_path):
    loaded = load.load_articles([config.SAMPLE_DIR])
    tables, failed = pipeline.analyze_articles(loaded.articles)
    assert not failed
    pipeline.write_tables(tables, {}, tmp_path / "memory")
    want = read(tmp_path / "memory")

    # several chunks (row groups), two worker processes
    info = pipeline.analyze_to_dir([config.SAMPLE_DIR], tmp_path / "streamed", workers=2, chunk_size=5)
    got = read(tmp_path / "streamed")
    assert_same_tables(got, want)
    import pyarrow.parquet as pq

    assert pq.ParquetFile(tmp_path / "streamed" / "articles.parquet").num_row_groups == 3
    assert info["counts"]["analysed"] == len(want["articles"]) == 12

    # the in-memory analyze_paths is the same analysis, chunk for chunk
    memory, _ = pipeline.analyze_paths([config.SAMPLE_DIR], chunk_size=5)
    assert_same_tables({n: f.reset_index(drop=True) for n, f in memory.items()}, got)


def test_tables_do_not_depend_on_how_a_chunk_is_cut_into_tasks(tmp_path, monkeypatch):
    pipeline.analyze_to_dir([config.SAMPLE_DIR], tmp_path / "one", workers=1)
    monkeypatch.setattr(pipeline, "MIN_TASK", 1)
    info = pipeline.analyze_to_dir([config.SAMPLE_DIR], tmp_path / "three", workers=3)
    assert (info["chunks"], info["tasks"]) == (1, 3)
    assert_same_tables(read(tmp_path / "three"), read(tmp_path / "one"))


def test_chunks_without_attributions_or_dates_keep_the_column_types(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-calm.txt").write_text("Calm Day\n\nThe sun shone over the harbour.\n", encoding="utf-8")
    (folder / "b-2026-04-02-vote.txt").write_text(
        "Vote Held\n\nThe council approved the budget, Mayor Ana Ruiz said on Monday. \"It is a fair plan,\" she said.\n", encoding="utf-8")
    pipeline.analyze_to_dir([folder], tmp_path / "out", workers=1, chunk_size=1)
    tables = read(tmp_path / "out")
    assert str(tables["articles"]["published"].dtype).startswith("datetime64") and tables["articles"]["published"].isna().sum() == 1
    attributions = tables["attributions"]
    assert len(attributions) and set(attributions["article_id"]) == {tables["articles"]["article_id"].iat[1]}
    assert str(attributions["named"].dtype) == "bool" and str(attributions["source_start"].dtype) == "Int64"
    assert str(tables["sentences"]["sentence_id"].dtype) == "int64"


# ------------------------------------------------------------------------------ no half files

def test_a_failing_run_leaves_the_previous_tables_untouched(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    pipeline.analyze_to_dir([corpus], out, workers=1, chunk_size=2)
    before = digests(out)
    (corpus / "herald" / "2026-03-09-new.txt").write_text("New\n\nOfficials said it rained.\n", encoding="utf-8")
    real = pipeline.analyse_task
    calls = []

    def dies_on_second_chunk(articles, clean_text=True):
        calls.append(len(articles))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(articles, clean_text)

    monkeypatch.setattr(pipeline, "analyse_task", dies_on_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        pipeline.analyze_to_dir([corpus], out, workers=1, chunk_size=2, reuse=False)
    assert digests(out) == before  # same files, same bytes, no temporary left behind


KILLED_RUN = """
import sys, time
from newsaudit import pipeline
real = pipeline.analyse_task
calls = []
def slow(articles, clean_text=True):
    calls.append(1)
    if len(calls) == 2:  # the first chunk is written by now
        print("chunk", flush=True)
        time.sleep(30)
    return real(articles, clean_text)
pipeline.analyse_task = slow
pipeline.analyze_to_dir([sys.argv[1]], sys.argv[2], workers=1, chunk_size=2, reuse=False)
"""


def test_a_killed_run_leaves_no_half_file_and_the_next_run_cleans_up(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    pipeline.analyze_to_dir([corpus], out, workers=1, chunk_size=2)
    before = digests(out)
    child = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(corpus), str(out)], stdout=subprocess.PIPE,
                             text=True, start_new_session=True)
    try:
        assert child.stdout.readline().strip() == "chunk"
        assert list(out.glob(".articles.*.tmp.parquet")), "the run writes its tables under temporary names"
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    visible = {name: digest for name, digest in digests(out).items() if not name.startswith(".")}
    assert visible == before  # the contract files are the previous run's, whole
    info = pipeline.analyze_to_dir([corpus], out, workers=1, chunk_size=2)
    assert not list(out.glob(".*")), "leftovers of the killed run are removed"
    assert info["counts"]["reused"] == 6


# --------------------------------------------------------------------------------- incremental

@pytest.fixture
def analysed_rows(monkeypatch) -> list[int]:
    """Counts the articles each chunk actually sends to analysis."""
    real = pipeline.analyse_task
    counted: list[int] = []

    def counting(articles, clean_text=True):
        counted.append(len(articles))
        return real(articles, clean_text)

    monkeypatch.setattr(pipeline, "analyse_task", counting)
    return counted


def test_rerun_reuses_unchanged_articles_and_analyses_new_or_changed_ones(tmp_path, analysed_rows):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    code, err = run_cli(["analyze", corpus, "--out", out, "--quiet", "--workers", "1", "--chunk-size", "4"])
    assert code == 0 and "reused 0 of 6" in err
    first = read(out)
    assert sum(analysed_rows) == 6

    analysed_rows.clear()
    code, err = run_cli(["analyze", corpus, "--out", out, "--quiet", "--workers", "1", "--chunk-size", "4"])
    assert code == 0 and "reused 6 of 6 articles" in err
    assert sum(analysed_rows) == 0
    assert_same_tables(read(out), first)
    assert json.loads((out / "run.json").read_text())["counts"]["reused"] == 6

    # one article changed, one added: two analysed, five reused; the rest of the tables unchanged
    changed = corpus / "courier" / "2026-03-03-story-2.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("pier 2", "pier 22"), encoding="utf-8")
    (corpus / "herald" / "2026-03-20-extra.txt").write_text(
        "Ferry Fares\n\nFerry fares will rise, the operator said in a statement.\n", encoding="utf-8")
    analysed_rows.clear()
    code, err = run_cli(["analyze", corpus, "--out", out, "--quiet", "--workers", "1", "--chunk-size", "4"])
    assert code == 0 and "reused 5 of 7 articles" in err
    assert sum(analysed_rows) == 2
    again = read(out)
    info = json.loads((out / "run.json").read_text())
    assert info["counts"] == {"read": 7, "analysed": 7, "skipped": 0, "duplicates": 0, "reused": 5}
    assert "pier 22" in " ".join(again["sentences"]["text"])
    assert not again["sentences"]["text"].str.contains("pier 2,", regex=False).any()

    # the same tables, in the same order, as a fresh run
    fresh = tmp_path / "fresh"
    assert run_cli(["analyze", corpus, "--out", fresh, "--quiet", "--workers", "1", "--chunk-size", "4"])[0] == 0
    assert_same_tables(again, read(fresh))


def test_metadata_changes_are_refreshed_on_reused_articles(tmp_path, analysed_rows):
    corpus = write_corpus(tmp_path / "in", n=2)
    (corpus / "metadata.csv").write_text("path,outlet\ncourier/2026-03-01-story-0.txt,Morning Courier\n", encoding="utf-8")
    out = tmp_path / "out"
    pipeline.analyze_to_dir([corpus], out, workers=1)
    (corpus / "metadata.csv").write_text("path,outlet\ncourier/2026-03-01-story-0.txt,Evening Courier\n", encoding="utf-8")
    analysed_rows.clear()
    info = pipeline.analyze_to_dir([corpus], out, workers=1)
    assert info["counts"]["reused"] == 2 and sum(analysed_rows) == 0
    assert "Evening Courier" in set(read(out)["articles"]["outlet"])


def test_new_code_model_or_cleaning_analyses_everything_again(tmp_path, analysed_rows, monkeypatch):
    corpus = write_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    pipeline.analyze_to_dir([corpus], out, workers=1)
    notes: list[str] = []
    analysed_rows.clear()
    info = pipeline.analyze_to_dir([corpus], out, workers=1, clean=False, on_previous=notes.append)
    assert info["counts"]["reused"] == 0 and sum(analysed_rows) == 3 and "other code" in notes[0]

    monkeypatch.setattr(pipeline, "model_fingerprint", lambda: "a retrained model")
    analysed_rows.clear()
    assert pipeline.analyze_to_dir([corpus], out, workers=1, clean=False)["counts"]["reused"] == 0
    assert sum(analysed_rows) == 3
    assert pipeline.analyze_to_dir([corpus], out, workers=1, clean=False)["counts"]["reused"] == 3

    monkeypatch.setattr(export, "code_hash", lambda: "code after an upgrade")
    analysed_rows.clear()
    assert pipeline.analyze_to_dir([corpus], out, workers=1, clean=False)["counts"]["reused"] == 0
    assert sum(analysed_rows) == 3

    code, err = run_cli(["analyze", corpus, "--out", out, "--quiet", "--force"])
    assert code == 0 and json.loads((out / "run.json").read_text())["counts"]["reused"] == 0


# --------------------------------------------------------------------------------- run.json

def test_run_json_reconciles_and_records_timings_and_default_workers(tmp_path):
    corpus = write_corpus(tmp_path / "in", n=3)
    (corpus / "courier" / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code, _ = run_cli(["analyze", corpus, "--out", out, "--quiet"])
    assert code == 0
    info = json.loads((out / "run.json").read_text())
    counts = info["counts"]
    assert counts["read"] == counts["analysed"] + counts["skipped"] == 4 and counts["reused"] == 0
    assert info["options"]["workers"] == os.cpu_count()
    assert set(pipeline.STAGES) <= set(info["timings"]) and info["timings"]["segment_sentiment"] > 0
    assert info["analysis_fingerprint"] == pipeline.analysis_fingerprint(True)
    code, _ = run_cli(["analyze", corpus, "--out", out, "--quiet"])
    counts = json.loads((out / "run.json").read_text())["counts"]
    assert counts["read"] == counts["analysed"] + counts["skipped"] and counts["reused"] == 3


def test_no_usable_input_still_writes_run_json(tmp_path):
    """Issue 10: run.json is always written, also when every input fails (with empty tables)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    info = pipeline.analyze_to_dir([tmp_path / "in"], tmp_path / "out", workers=1)
    assert info["written"] is True and info["counts"]["read"] == info["counts"]["skipped"] == 1
    assert json.loads((tmp_path / "out" / "run.json").read_text())["skipped"][0]["reason"] == "empty file"
    assert len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 0


def test_engine_options_are_checked(tmp_path):
    corpus = write_corpus(tmp_path / "in", n=1)
    code, err = run_cli(["analyze", corpus, "--out", tmp_path / "o", "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2 and "--engine dask" in err
    code, err = run_cli(["analyze", corpus, "--out", tmp_path / "o", "--engine", "spark"])
    assert code == 2 and "--engine" in err
    code, err = run_cli(["analyze", corpus, "--out", tmp_path / "o", "--chunk-size", "0"])
    assert code == 2 and "--chunk-size" in err


def test_map_local_keeps_order_and_bounds_the_work_in_flight():
    taken: list[int] = []

    def tasks():
        for i in range(10):
            taken.append(i)
            yield [i] * (i % 3)  # some empty tasks

    results = []
    for result in pipeline.map_local(len, tasks(), workers=2, max_in_flight=2, max_queued=4):
        results.append(result)
        assert len(taken) - len(results) <= 4
    assert results == [i % 3 for i in range(10)]


@pytest.mark.slow
def test_dask_engine_writes_the_same_tables_as_the_local_engine(tmp_path):
    pytest.importorskip("distributed")
    code, _ = run_cli(["analyze", config.SAMPLE_DIR, "--out", tmp_path / "local", "--quiet", "--chunk-size", "5"])
    assert code == 0
    code, err = run_cli(["analyze", config.SAMPLE_DIR, "--out", tmp_path / "dask", "--quiet", "--chunk-size", "5",
                         "--engine", "dask", "--workers", "2"])
    assert code == 0, err
    assert_same_tables(read(tmp_path / "dask"), read(tmp_path / "local"))


def test_outlet_aliases_merge_labels_and_a_bad_table_is_bad_usage(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.csv").write_text(
        "text,outlet\n\"Officials said the road was closed.\",Fox Online News\n\"The mayor said it rained.\",Fox News\n",
        encoding="utf-8")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,outlet\nFox Online News,Fox News\n", encoding="utf-8")
    code, _ = run_cli(["analyze", folder, "--out", tmp_path / "out", "--quiet", "--outlets", aliases])
    assert code == 0
    assert set(pd.read_parquet(tmp_path / "out" / "articles.parquet")["outlet"]) == {"Fox News"}
    (tmp_path / "bad.csv").write_text("name,label\nx,y\n", encoding="utf-8")
    code, err = run_cli(["analyze", folder, "--out", tmp_path / "out2", "--quiet", "--outlets", tmp_path / "bad.csv"])
    assert code == 2 and "alias,outlet" in err and not (tmp_path / "out2").exists()
