"""Comparisons over outlets, folders and time on small inline frames that spell out the mess:
missing dates, duplicate articles, an outlet with one article, weeks across a year boundary,
500 outlets over eight years."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from newsaudit import plots, stats, views


def _articles(rows: list[tuple]) -> pd.DataFrame:
    """rows: (article_id, outlet, published or None, source_path, duplicate_of or None)."""
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "published", "source_path", "duplicate_of"])
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    frame["title"] = "Headline " + frame["article_id"]
    frame["text"] = "Body of " + frame["article_id"]
    return frame


def _attribution(article_id, source_type="person", named=True, official=False, kind="indirect",
                 cue_class="neutral", category="speech", gender=None, entity_id=0) -> dict:
    return {"article_id": article_id, "speaker": f"speaker {entity_id}", "source_type": source_type, "named": named,
            "official": official, "kind": kind, "cue_class": cue_class, "category": category, "gender": gender,
            "gender_basis": "name" if gender else None, "entity_id": entity_id}


def _stats(articles: pd.DataFrame, attributions: pd.DataFrame, tone: dict | None = None) -> pd.DataFrame:
    tone = tone or {}
    cited = stats.citations(attributions).groupby("article_id").size()
    return pd.DataFrame({
        "article_id": articles["article_id"],
        "n_words": 200,
        "n_hedges": 1,
        "n_attributions": articles["article_id"].map(cited).fillna(0).astype(int),
        "sentiment_mean": [tone.get(a, 0.1) for a in articles["article_id"]],
        "sentiment_headline": [tone.get(a, 0.1) / 2 for a in articles["article_id"]],
    })


@pytest.fixture
def corpus():
    """Two outlets; 'Daily' has three articles (one a duplicate of another, one without a date),
    'Lone Post' a single article; the dated ones straddle New Year 2026."""
    articles = _articles([
        ("d1", "Daily", "2025-12-31T10:00:00Z", "/corpus/daily/business/d1.txt", None),
        ("d2", "Daily", "2026-01-01T08:00:00Z", "/corpus/daily/sport/d2.txt", None),
        ("d3", "Daily", None, "/corpus/daily/sport/d3.txt", None),
        ("d4", "Daily", "2026-01-01T08:00:00Z", "/corpus/daily/sport/d4.txt", "d2"),  # duplicate of d2
        ("l1", "Lone Post", "2026-02-10T12:00:00Z", "C:\\scrapes\\lone\\politics\\l1.html", None),
    ])
    attributions = pd.DataFrame([
        _attribution("d1", "anonymous", named=False, entity_id=0),
        _attribution("d1", "person", official=True, kind="direct", gender="female", entity_id=1),
        _attribution("d2", "person", cue_class="loaded", gender="male", entity_id=0),
        _attribution("d2", "person", category="belief", gender="male", entity_id=0),  # not a citation
        _attribution("d4", "anonymous", named=False, entity_id=0),  # a duplicate's: left out
        _attribution("d4", "anonymous", named=False, entity_id=1),
        _attribution("l1", "government", official=True, entity_id=0),
    ])
    tone = {"d1": 0.4, "d2": -0.2, "d3": 0.1, "d4": 0.9, "l1": -0.5}
    return articles, attributions, _stats(articles, attributions, tone)


def test_period_labels_missing_dates_and_weeks_across_new_year():
    published = pd.Series(["2025-12-28", "2025-12-29", "2025-12-31T23:30:00Z", "2026-01-01", None, "not a date",
                           "2027-01-01"])
    assert stats.period_of(published, "week").tolist() == [
        "2025-W52", "2026-W01", "2026-W01", "2026-W01", "unknown", "unknown", "2026-W53"]
    assert stats.period_of(published, "month").tolist()[:5] == ["2025-12", "2025-12", "2025-12", "2026-01", "unknown"]
    assert stats.period_of(published, "year").tolist()[-3:] == ["unknown", "unknown", "2027"]
    assert stats.period_of(published, "M").tolist() == stats.period_of(published, "month").tolist()
    with pytest.raises(ValueError, match="period"):
        stats.period_of(published, "fortnight")


def test_period_range_fills_gaps_and_crosses_the_year():
    assert stats.period_range(["2025-W51", "2026-W02", "unknown"], "week") == [
        "2025-W51", "2025-W52", "2026-W01", "2026-W02"]
    assert stats.period_range(["2025-11", "2026-02"], "month") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert stats.period_range(["unknown"], "year") == []


def test_auto_period_by_span():
    days = lambda start, end: pd.Series(pd.to_datetime([start, end, None]))  # noqa: E731
    assert stats.auto_period(days("2026-03-01", "2026-05-20")) == "week"
    assert stats.auto_period(days("2013-01-01", "2020-12-31")) == "month"
    assert stats.auto_period(days("1990-01-01", "2020-12-31")) == "year"
    assert stats.auto_period(pd.Series([None, None])) == "month"


def test_group_labels_by_every_key(corpus):
    articles, _, _ = corpus
    assert stats.group_labels(articles, "folder").tolist() == ["business", "sport", "sport", "sport", "politics"]
    assert stats.group_labels(articles, "topic").tolist() == stats.group_labels(articles, "folder").tolist()
    assert stats.group_labels(articles, "week").tolist() == ["2026-W01", "2026-W01", "unknown", "2026-W01", "2026-W07"]
    period = stats.group_labels(articles, "period")
    assert period.name == "period" and period.tolist() == stats.group_labels(articles, "month").tolist()
    assert stats.group_labels(articles, "year").loc["d3"] == "unknown"  # never invented
    assert list(stats.group_labels(articles, "outlet").index) == articles["article_id"].tolist()
    with pytest.raises(ValueError, match="cannot group by"):
        stats.group_labels(articles, "colour")


def test_folder_of_paths_rows_and_missing():
    paths = pd.Series(["bbc/tech/001.txt", "exports/feed.jsonl#row12", "lone.txt", None, "", "C:\\a\\b\\c.json"])
    assert stats.folder_of(paths).tolist() == ["tech", "exports", "unknown", "unknown", "unknown", "b"]


def test_missing_and_blank_outlets_are_unknown():
    articles = _articles([("a", None, None, None, None), ("b", "  ", None, None, None), ("c", "X", None, None, None)])
    assert stats.group_labels(articles, "outlet").tolist() == ["unknown", "unknown", "X"]


def test_compare_groups_by_outlet(corpus):
    articles, attributions, article_stats = corpus
    table = stats.compare_groups(articles, attributions, article_stats, by="outlet", n_boot=200)
    assert table["outlet"].tolist() == ["Daily", "Lone Post"]  # most articles first
    daily, lone = table.iloc[0], table.iloc[1]
    assert daily["articles"] == 3  # d4 duplicates d2 and is left out
    assert daily["citations"] == 3 and daily["citations_per_article"] == pytest.approx(1.0)  # the belief is not one
    assert daily["beliefs"] == 1
    assert daily["share_anonymous"] == pytest.approx(1 / 3)  # d4's anonymous sources are not counted
    shares = (daily["share_official"], daily["share_direct"], daily["share_loaded"])
    assert shares == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert daily["hedges_per_1000_words"] == pytest.approx(1000 * 3 / 600)
    assert (daily["women"], daily["men"], daily["share_women"]) == (1, 1, 0.5)
    assert daily["sentiment_mean"] == pytest.approx((0.4 - 0.2 + 0.1) / 3)
    assert daily["sentiment_mean_ci_low"] <= daily["sentiment_mean"] <= daily["sentiment_mean_ci_high"]
    assert daily["sentiment_headline"] == pytest.approx((0.2 - 0.1 + 0.05) / 3)
    # An outlet with one article: its figures, but no interval (one article has no spread).
    assert lone["articles"] == 1 and lone["citations"] == 1 and lone["share_official"] == 1.0
    assert lone["sentiment_mean"] == pytest.approx(-0.5)
    assert np.isnan(lone["sentiment_mean_ci_low"]) and np.isnan(lone["share_women"])
    assert list(table.columns) == ["outlet"] + stats.COMPARISON_COLUMNS


def test_compare_groups_by_week_keeps_undated_articles_apart(corpus):
    articles, attributions, article_stats = corpus
    table = stats.compare_groups(articles, attributions, article_stats, by="week", n_boot=0)
    assert table["week"].tolist() == ["2026-W01", "2026-W07", "unknown"]  # in time order, no date last
    assert table["articles"].tolist() == [2, 1, 1]  # 31 December and 1 January share a week
    assert table["sentiment_mean_ci_low"].isna().all()  # n_boot=0: no intervals
    by_year = stats.compare_groups(articles, attributions, article_stats, by="year", n_boot=0)
    assert by_year["year"].tolist() == ["2025", "2026", "unknown"]


def test_compare_groups_by_folder_and_by_two_keys(corpus):
    articles, attributions, article_stats = corpus
    folders = stats.compare_groups(articles, attributions, article_stats, by="folder", n_boot=0)
    assert dict(zip(folders["folder"], folders["articles"])) == {"sport": 2, "business": 1, "politics": 1}
    both = stats.compare_groups(articles, attributions, article_stats, by=["outlet", "month"], n_boot=0)
    assert both[["outlet", "month"]].values.tolist() == [
        ["Daily", "2025-12"], ["Daily", "2026-01"], ["Daily", "unknown"], ["Lone Post", "2026-02"]]


def test_compare_groups_without_any_attribution(corpus):
    articles, attributions, article_stats = corpus
    table = stats.compare_groups(articles, attributions.iloc[0:0], article_stats.assign(n_attributions=0), n_boot=10)
    assert table["citations"].tolist() == [0, 0] and table["share_anonymous"].isna().all()
    assert table["articles_without_sources"].tolist() == [3, 1]


def _big_corpus(n_outlets: int = 500, years: int = 8, seed: int = 3):
    """Articles from `n_outlets` outlets (a few large, most with one to three articles) over
    `years` years, some without a date, with a couple of citations each."""
    rng = np.random.default_rng(seed)
    sizes = np.maximum(1, (400 / np.arange(1, n_outlets + 1)).astype(int))
    outlets = np.repeat([f"Outlet ${k}$ News" for k in range(n_outlets)], sizes)
    n = len(outlets)
    start = pd.Timestamp("2013-01-01", tz="UTC")
    published = start + pd.to_timedelta(rng.integers(0, 365 * years, n), unit="D")
    published = pd.Series(published).where(rng.random(n) > 0.02)
    ids = [f"a{k}" for k in range(n)]
    articles = pd.DataFrame({"article_id": ids, "outlet": outlets, "published": published,
                             "source_path": [f"/data/{o}/x{k}.json" for k, o in enumerate(outlets)],
                             "duplicate_of": None, "title": "t", "text": "x"})
    m = 2 * n
    attributions = pd.DataFrame([_attribution(a, t, gender=g, entity_id=k) for k, (a, t, g) in enumerate(zip(
        rng.choice(ids, m), rng.choice(["person", "anonymous", "government"], m), rng.choice(["female", "male"], m)))])
    tone = dict(zip(ids, rng.normal(0.05, 0.2, n)))
    return articles, attributions, _stats(articles, attributions, tone)


def test_500_outlets_become_top_n_plus_other():
    articles, attributions, article_stats = _big_corpus()
    table = stats.compare_groups(articles, attributions, article_stats, by="outlet", top_n=10, n_boot=50)
    assert len(table) == 11 and table["outlet"].iloc[-1] == "other"
    assert table["outlet"].iloc[0] == "Outlet $0$ News"
    assert table["pooled"].iloc[-1] == 490 and (table["pooled"].iloc[:-1] == 1).all()
    assert table["articles"].sum() == len(articles)
    shown = views.comparison_table({"articles": articles, "attributions": attributions,
                                    "article_stats": article_stats}, "outlet", top_n=10, n_boot=50)
    assert shown["outlet"].iloc[-1] == "other (490 outlets)"
    assert shown["anonymous"].str.endswith("%").all()
    assert shown["tone (95% CI)"].str.contains("\u00a0to\u00a0").all()  # every group has an interval, unbroken
    assert table["sentiment_mean_ci_low"].iloc[-1] < table["sentiment_mean"].iloc[-1]


def _legend_outside(fig) -> bool:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            return legend.get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1
    return False


def test_trend_lines_stay_readable_with_500_outlets_over_eight_years():
    articles, attributions, article_stats = _big_corpus()
    top_n = 6
    trend = stats.trends(articles, attributions, article_stats, period="month", top_n=top_n)
    assert trend.attrs["period"] == "month" and trend.attrs["pooled_groups"] == 500 - top_n
    assert trend.attrs["undated"] > 0 and "unknown" not in set(trend["month"])
    for measure in ("share_anonymous", "share_official", "share_women", "tone"):
        fig = plots.trend_lines(trend, measure)
        (ax,) = fig.axes
        drawn = [line for line in ax.get_lines() if line.get_label() and not line.get_label().startswith("_")]
        assert len(drawn) <= top_n + 1
        assert len(ax.get_xticks()) <= 13  # readable: years, not 96 months
        labels = [t.get_text() for t in ax.get_xticklabels()]
        assert labels[:2] == ["2013", "2014"]
        assert _legend_outside(fig)
        fig.savefig(io.BytesIO(), format="png")  # "$" in outlet names is drawn as written
        assert any(t.get_text() == r"Outlet \$0\$ News" for t in ax.get_legend().get_texts())
    assert "other (494 pooled)" in [t.get_text() for t in ax.get_legend().get_texts()]
    panels = plots.trend_lines(trend, "share_anonymous", panels=True)
    assert sum(ax.get_visible() and ax.axison for ax in panels.axes) == top_n + 1
    stacked = plots.trend_measures(trend)
    assert len(stacked.axes) == 4 and _legend_outside(stacked)
    assert all(len(ax.get_xticks()) <= 13 for ax in stacked.axes)


def test_auto_period_coarsens_until_a_point_holds_enough_articles():
    articles, _, _ = _big_corpus()  # ~2,700 articles over eight years: a few a month per outlet
    assert stats.readable_period(articles, top_n=6) == "year"
    rng = np.random.default_rng(0)
    dense = pd.DataFrame({"article_id": [f"d{k}" for k in range(8400)], "duplicate_of": None,
                          "outlet": np.repeat([f"o{k}" for k in range(7)], 1200),
                          "published": pd.Timestamp("2013-01-01") + pd.to_timedelta(rng.integers(0, 2920, 8400), "D")})
    assert stats.readable_period(dense, top_n=6) == "month"  # 12 or so articles per outlet and month
    short = dense.assign(published=pd.Timestamp("2026-01-05") + pd.to_timedelta(rng.integers(0, 60, 8400), "D"))
    assert stats.readable_period(short, top_n=6) == "week"
    assert stats.readable_period(short.head(40), top_n=6) == "month"  # few articles: three months read better
    assert stats.readable_period(short.head(40).assign(published=pd.Timestamp("2026-01-05")), top_n=6) == "week"


def test_trends_over_weeks_with_gaps_and_when_nothing_is_dated(corpus):
    articles, attributions, article_stats = corpus
    assert stats.trends(articles, attributions, article_stats).attrs["period"] == "month"  # 3 articles, 3 months
    trend = stats.trends(articles, attributions, article_stats, period="week", top_n=1)
    assert trend.attrs["period"] == "week" and trend.attrs["undated"] == 1
    assert set(trend["outlet"]) == {"Daily", "Lone Post"}  # one outlet alone is never pooled as "other"
    assert trend.attrs["pooled_groups"] == 0
    fig = plots.trend_lines(trend, "share_anonymous")
    assert len(fig.axes[0].get_xticks()) == 7  # 2026-W01 .. 2026-W07, gaps included
    undated = articles.assign(published=pd.NaT)
    empty = stats.trends(undated, attributions, article_stats)
    assert empty.empty and empty.attrs["undated"] == 4
    for figure in (plots.trend_lines(empty), plots.trend_measures(empty)):
        assert "no articles with a publication date (4 without one)" in [t.get_text() for t in figure.axes[0].texts]
        figure.canvas.draw()


def test_group_figures_for_outlets_periods_and_nothing(corpus):
    articles, attributions, article_stats = corpus
    for by in ("outlet", "folder", "week", "month", "period"):
        table = stats.compare_groups(articles, attributions, article_stats, by=by, n_boot=20)
        for figure in (plots.group_shares(table, by), plots.group_tone(table, by),
                       plots.group_tone(table, by, "headline_tone")):
            figure.canvas.draw()
    empty = stats.compare_groups(articles.iloc[0:0], attributions, article_stats, by="outlet", n_boot=0)
    assert empty.empty
    plots.group_shares(empty, "outlet").canvas.draw()
    groups = stats.group_labels(articles.assign(outlet=["Daily", "Daily", "Daily", "Daily", "Lone Post"]).assign(
        outlet=lambda f: f["outlet"].where(f["article_id"] != "d1", "Weekly")), "outlet", top_n=1)
    assert groups.tolist() == ["other", "Daily", "Daily", "Daily", "other"]
    arcs = article_stats.assign(arc_opening=0.1, arc_middle=0.0, arc_close=-0.1)
    assert len(plots.tone_arcs(arcs, groups).axes[0].get_lines()) == 3  # Daily, other and the zero line


def test_unknown_measure_is_a_clear_error():
    assert stats.measure_column("tone") == "sentiment_mean"
    with pytest.raises(ValueError, match="unknown measure"):
        stats.measure_column("vibes")
