"""The public API: newsaudit.analyze and newsaudit.open_run, on inline data with the usual mess."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import newsaudit
from newsaudit import config, pipeline
from newsaudit.errors import UsageError

STORY = ('"We will not sign this," union leader Mara Voss said on Monday.\n'
         "Port officials said talks would resume next week, according to a statement.")


def messy_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "headline": ["Port talks stall", "Blank", "Port talks stall (copy)", 7],
        "body": [STORY, "   ", STORY, "Analysts say the harbour will reopen."],
        "date": ["2026-03-01", None, "March 2, 2026", "not a date"],
        "mixed": [1, "a", None, 2.5],
        3: ["column", "named", "by", "number"],
    })


def test_importing_the_package_loads_nothing_heavy():
    code = "import sys, newsaudit; print(sorted(m for m in ('pandas', 'matplotlib', 'pyarrow') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_a_dataframe_is_analysed_with_its_skips_and_duplicates_counted():
    run = newsaudit.analyze(messy_frame())
    counts = run.info["counts"]
    assert counts["read"] == 4 and counts["analysed"] == 3 and counts["skipped"] == 1
    assert counts["read"] == counts["analysed"] + counts["skipped"]
    assert run.info["skipped"] == [{"input": "DataFrame#row1", "reason": "empty or missing text"}]
    articles = run.articles.set_index("source_path")
    assert articles.loc["DataFrame#row2", "duplicate_of"] == articles.loc["DataFrame#row0", "article_id"]
    assert articles.loc["DataFrame#row3", "title"] == "7"
    assert pd.isna(articles.loc["DataFrame#row3", "published"])
    assert articles.loc["DataFrame#row2", "published"] == pd.Timestamp("2026-03-02", tz="UTC")
    speakers = set(run.attributions["speaker"].dropna())
    assert "Mara Voss" in speakers
    assert run["attributions"] is run.attributions
    # Same rows, same ids: a notebook rerun gives the same tables.
    again = newsaudit.analyze(messy_frame())
    assert list(again.articles["article_id"]) == list(run.articles["article_id"])


def test_a_dataframe_needs_a_text_column_and_unique_names():
    with pytest.raises(UsageError, match="repeated column names"):
        newsaudit.analyze(pd.DataFrame([["a", "b"]], columns=["text", "text"]))
    run = newsaudit.analyze(pd.DataFrame({"story": [STORY]}), columns={"text": "story"})
    assert run.info["counts"]["analysed"] == 1


def test_paths_give_the_pipelines_tables_and_out_round_trips(tmp_path):
    run = newsaudit.analyze(config.SAMPLE_DIR)
    tables, _ = pipeline.analyze_paths([config.SAMPLE_DIR])
    for name in pipeline.TABLE_NAMES:
        pd.testing.assert_frame_equal(run[name], tables[name])
    written = newsaudit.analyze(config.SAMPLE_DIR, out=tmp_path / "run")
    opened = newsaudit.open_run(tmp_path / "run")
    assert json.loads((tmp_path / "run" / "run.json").read_text())["counts"] == opened.info["counts"]
    for name in pipeline.TABLE_NAMES:
        assert list(opened[name]["article_id"]) == list(written[name]["article_id"]) == list(run[name]["article_id"])
    frame_out = newsaudit.analyze(messy_frame(), out=tmp_path / "frame")
    assert len(newsaudit.open_run(tmp_path / "frame").articles) == len(frame_out.articles) == 3


def test_open_run_says_what_is_wrong_with_a_folder(tmp_path):
    with pytest.raises(UsageError, match="no run.json"):
        newsaudit.open_run(tmp_path)
    (tmp_path / "run.json").write_text("{}")
    with pytest.raises(UsageError, match="articles.parquet"):
        newsaudit.open_run(tmp_path)
    with pytest.raises(UsageError, match="nothing to analyse"):
        newsaudit.analyze([])
    with pytest.raises(AttributeError, match="not 'quotes'"):
        newsaudit.Run({"articles": pd.DataFrame()}, {}).quotes
