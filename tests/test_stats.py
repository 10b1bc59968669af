"""article_stats and corpus aggregates on tiny inline tables."""

import numpy as np
import pandas as pd
import pytest

from newsaudit import pipeline, schema, stats


@pytest.fixture
def tables():
    articles = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "title": ["Up", "Down", "Up"],
        "text": ["Up\n\nGood news here. More good news.", "Down\n\nBad day.", "Up\n\nGood news here. More good news."],
        "outlet": ["X", "Y", "X"],
        "published": pd.to_datetime(["2026-03-01", "2026-04-02", None], utc=True),
        "duplicate_of": [None, None, "a"],
    })
    sentences = pd.DataFrame({
        "article_id": ["a", "a", "a", "b", "b", "c", "c", "c"],
        "sentence_id": [0, 1, 2, 0, 1, 0, 1, 2],
        "start": [0, 4, 20, 0, 6, 0, 4, 20],
        "end": [2, 19, 37, 4, 14, 2, 19, 37],
        "text": ["Up", "Good news here.", "More good news.", "Down", "Bad day.", "Up", "Good news here.", "More good news."],
        "compound": [0.9, 0.4, 0.6, -0.9, -0.5, 0.9, 0.4, 0.6],
    })
    attributions = pd.DataFrame({
        "article_id": ["a", "a", "c", "c"],
        "speaker": ["Ana Ruiz", None, "Ana Ruiz", None],
        "source_type": ["person", "anonymous", "person", "anonymous"],
        "named": [True, False, True, False],
        "official": [True, False, True, False],
        "kind": ["direct", "indirect", "direct", "indirect"],
        "cue_class": ["neutral", "loaded", "neutral", "loaded"],
        "content_compound": [0.5, -0.2, 0.5, -0.2],
    })
    hedges = pd.DataFrame({"article_id": ["a"], "text": ["reportedly"]})
    return articles, sentences, attributions, hedges


def test_article_stats(tables):
    articles, sentences, attributions, hedges = tables
    result = stats.article_stats(articles, sentences, attributions, hedges)
    assert list(result.columns[: len(schema.ARTICLE_STATS)]) == schema.ARTICLE_STATS
    a, b = result.iloc[0], result.iloc[1]
    assert a["n_sentences"] == 3 and a["n_words"] == 7
    assert a["sentiment_mean"] == pytest.approx(0.5)  # the headline sentence is not body copy
    assert a["sentiment_headline"] == pytest.approx(0.0)  # VADER finds "Up" neutral
    assert (a["share_positive"], a["arc_opening"]) == (1.0, 0.4)
    assert (a["n_attributions"], a["n_sources"]) == (2, 1)
    assert (a["share_anonymous"], a["share_named"], a["share_direct"], a["share_loaded"]) == (0.5, 0.5, 0.5, 0.5)
    assert a["n_hedges"] == 1 and a["hedges_per_1000_words"] == pytest.approx(1000 / 7)
    assert b["n_attributions"] == 0 and np.isnan(b["share_anonymous"])  # no sources is not 0% anonymous


def test_sourcing_by_group_leaves_out_duplicates(tables):
    articles, sentences, attributions, hedges = tables
    st = stats.article_stats(articles, sentences, attributions, hedges)
    by_outlet = stats.sourcing_by_group(articles, attributions, st, by="outlet").set_index("outlet")
    assert by_outlet.loc["X", "articles"] == 1 and by_outlet.loc["X", "attributions"] == 2
    assert by_outlet.loc["Y", "attributions"] == 0 and by_outlet.loc["Y", "articles_without_sources"] == 1
    by_month = stats.sourcing_by_group(articles, attributions, st, by="period")
    assert set(by_month["period"]) == {"2026-03", "2026-04"}


def test_top_speakers(tables):
    articles, _, attributions, _ = tables
    top = stats.top_speakers(attributions, articles)
    assert top.to_dict("records") == [
        {"speaker": "Ana Ruiz", "source_type": "person", "attributions": 1, "articles": 1, "content_tone": 0.5}
    ]


def test_one_failing_article_is_skipped_not_fatal(monkeypatch):
    articles = pd.DataFrame({
        "article_id": ["ok", "bad"], "title": ["T", "T"], "text": ["T\n\nFine.", "T\n\nBoom."],
        "raw_text": ["T\n\nFine.", "T\n\nBoom."], "outlet": ["X", "X"], "published": [pd.NaT, pd.NaT],
        "url": [None, None], "source_path": ["ok.txt", "bad.txt"], "removed": ["", ""],
        "duplicate_of": [None, None], "encoding": ["utf-8", "utf-8"],
    })
    real = pipeline.sourcing.extract_attributions

    def flaky(arts, sents, *args, **kwargs):
        if "bad" in set(arts["article_id"]):
            raise RuntimeError("parser exploded")
        return real(arts, sents, *args, **kwargs)

    monkeypatch.setattr(pipeline.sourcing, "extract_attributions", flaky)
    tables, failed = pipeline.analyze_articles(articles)
    assert tables["articles"]["article_id"].tolist() == ["ok"]
    assert failed == [{"input": "bad.txt", "article_id": "bad", "reason": "analysis failed: RuntimeError: parser exploded"}]


def test_a_lone_failing_article_is_skipped_too(monkeypatch):
    articles = pd.DataFrame({
        "article_id": ["bad"], "title": ["T"], "text": ["T\n\nBoom."], "raw_text": ["T\n\nBoom."],
        "outlet": ["X"], "published": [pd.NaT], "url": [None], "source_path": ["bad.txt"], "removed": [""],
        "duplicate_of": [None], "encoding": ["utf-8"],
    })

    def broken(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(pipeline.sourcing, "extract_attributions", broken)
    tables, failed = pipeline.analyze_articles(articles)
    assert tables["articles"].empty and [f["article_id"] for f in failed] == ["bad"]
    assert str(tables["attributions"]["named"].dtype) == "bool"
    assert str(tables["sentences"]["start"].dtype) == "int64"
