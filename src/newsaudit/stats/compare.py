"""Groups of articles compared side by side (sourcing, gender and tone with bootstrap intervals),
and the same over time for trend lines."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import tone
from .citations import LOADED_CUE_CLASSES, citation_mask
from .gender import gender_by_group
from .groups import OTHER, UNKNOWN, auto_period, group_labels, key_labels, period_key, period_range, with_labels

def sourcing_by_group(
    articles: pd.DataFrame, attributions: pd.DataFrame, stats: pd.DataFrame, by="outlet"
) -> pd.DataFrame:
    """Sourcing figures per group, duplicates left out. `by` is a key of `group_labels` (outlet,
    week, month or 'period', year, folder), a named Series of labels indexed by article_id (e.g.
    `group_labels(articles, "outlet", top_n=10)`) or a list of them (one row per combination).

    Shares are pooled over the group's attributions (every attribution counts once), so a group
    with one heavily sourced article is not drowned by many unsourced ones.
    """
    keys, labels = key_labels(articles[articles["duplicate_of"].isna()], by)
    every_attribution = with_labels(attributions, labels)
    attr = every_attribution[citation_mask(every_attribution)]
    st = with_labels(stats, labels)

    per_group = st.groupby(keys).agg(
        articles=("article_id", "size"),
        words=("n_words", "sum"),
        hedges=("n_hedges", "sum"),
        articles_without_sources=("n_attributions", lambda n: int((n == 0).sum())),
    )
    pooled = attr.groupby(keys).agg(
        attributions=("article_id", "size"),
        distinct_speakers=("speaker", "nunique"),
        share_anonymous=("source_type", lambda s: s.eq("anonymous").mean()),
        share_named=("named", lambda s: s.fillna(False).astype(bool).mean()),
        share_official=("official", lambda s: s.fillna(False).astype(bool).mean()),
        share_direct=("kind", lambda s: s.eq("direct").mean()),
        share_loaded=("cue_class", lambda s: s.isin(LOADED_CUE_CLASSES).mean()),
    )
    table = per_group.join(pooled, how="left") if len(pooled) else per_group.assign(
        **{column: np.nan for column in pooled.columns})
    if "category" in every_attribution.columns:
        by_category = every_attribution.groupby(keys + ["category"]).size()
        for category, column in (("belief", "beliefs"), ("intention", "intentions")):
            chosen = by_category.index.get_level_values("category") == category
            counts = by_category[chosen].droplevel("category")
            table[column] = counts.reindex(table.index).fillna(0).astype(int).values
    table["attributions"] = table["attributions"].fillna(0).astype(int)
    table["distinct_speakers"] = table["distinct_speakers"].fillna(0).astype(int)
    table["attributions_per_article"] = table["attributions"] / table["articles"]
    table["hedges_per_1000_words"] = 1000 * table["hedges"] / table["words"].replace(0, np.nan)
    return table.reset_index()


# Figures of `compare_groups`, in the order a reader compares them.
COMPARISON_COLUMNS = [
    "articles", "pooled", "citations", "citations_per_article", "articles_without_sources", "share_anonymous",
    "share_named", "share_official", "share_direct", "share_loaded", "hedges_per_1000_words", "beliefs",
    "intentions", "women", "men", "people_unknown", "share_women", "share_women_ci_low", "share_women_ci_high",
    "sentiment_mean", "sentiment_mean_ci_low", "sentiment_mean_ci_high", "sentiment_headline",
    "sentiment_headline_ci_low", "sentiment_headline_ci_high",
]
# Names a reader may use for a measure of `compare_groups`.
MEASURE_ALIASES = {"tone": "sentiment_mean", "mean_tone": "sentiment_mean", "headline_tone": "sentiment_headline",
                   "citations": "citations_per_article", "anonymous": "share_anonymous", "named": "share_named",
                   "official": "share_official", "direct": "share_direct", "loaded": "share_loaded",
                   "women": "share_women", "hedges": "hedges_per_1000_words"}


def measure_column(measure: str) -> str:
    """The `compare_groups` column of a measure name ('tone' is 'sentiment_mean', ...)."""
    column = MEASURE_ALIASES.get(measure, measure)
    if column not in COMPARISON_COLUMNS:
        raise ValueError(f"unknown measure {measure!r}: use one of {', '.join(COMPARISON_COLUMNS)}")
    return column


def _group_order(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Periods in time order, other groups by articles (most first); 'other' and 'unknown' last."""
    sort_columns, ascending = [], []
    for key in keys:
        last = table[key].isin([OTHER, UNKNOWN]).astype(int) + table[key].eq(UNKNOWN).astype(int)
        table = table.assign(**{f"_last_{key}": last})
        sort_columns.append(f"_last_{key}")
        ascending.append(True)
        if not period_key(key):
            size = table.groupby(key)["articles"].transform("sum")
            table = table.assign(**{f"_size_{key}": size})
            sort_columns.append(f"_size_{key}")
            ascending.append(False)
        sort_columns.append(key)
        ascending.append(True)
    ordered = table.sort_values(sort_columns, ascending=ascending, kind="stable")
    helpers = [c for c in ordered.columns if c.startswith(("_last_", "_size_"))]
    return ordered.drop(columns=helpers).reset_index(drop=True)


def compare_groups(articles: pd.DataFrame, attributions: pd.DataFrame, stats: pd.DataFrame, by="outlet",
                   top_n: int | None = None, n_boot: int = 1000, ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Sourcing and tone side by side, one row per group, duplicate articles left out.

    `by` is a key of `group_labels` ('outlet', 'week', 'month' or 'period', 'year', 'folder' or
    'topic') or a list of keys (one row per combination, e.g. ["outlet", "month"]). `top_n` keeps
    the `top_n` outlets or folders with most articles and pools the rest in one row 'other'
    (`pooled` says how many groups it holds); periods are never pooled, and articles without a date
    form the period 'unknown'.

    Columns: `articles`; `citations` (speech and documents, `citations`) and
    `citations_per_article`; the shares of citations anonymous, named, official, direct and with a
    loaded cue, pooled over the group's citations; hedges per 1,000 words; beliefs and intentions
    reported; people cited by gender (`women`, `men`, `people_unknown`) and the share of women among
    those of known gender; `sentiment_mean` (mean over articles of their mean body-sentence
    compound) and `sentiment_headline` (mean headline compound). Shares of women and tone have
    bootstrap intervals over the group's articles (`*_ci_low`, `*_ci_high`; NaN when `n_boot` is 0
    or the group has a single article).
    """
    unique = articles[articles["duplicate_of"].isna()]
    names = [by] if isinstance(by, str) else list(by)
    labels = [group_labels(unique, key, top_n=top_n) for key in names]
    sourcing = sourcing_by_group(articles, attributions, stats, by=labels).rename(
        columns={"attributions": "citations", "attributions_per_article": "citations_per_article"})
    gender = gender_by_group(articles, attributions, by=labels, n_boot=n_boot, ci=ci, seed=seed).rename(columns={
        "unknown": "people_unknown", "ci_low": "share_women_ci_low", "ci_high": "share_women_ci_high"})
    table = sourcing.merge(gender.drop(columns=["articles", "citations_women", "citations_men"]), on=names, how="left")

    _, label_frame = key_labels(unique, labels)
    per_article = with_labels(stats, label_frame)
    for value in ("sentiment_mean", "sentiment_headline"):
        if value not in per_article.columns:
            table[value] = np.nan
            continue
        toned = tone.corpus_tone(per_article, names, value=value, n_boot=n_boot, ci=ci, seed=seed)
        single = toned["n"] < 2  # one article has no spread to resample
        toned.loc[single, ["ci_low", "ci_high"]] = np.nan
        toned = toned.drop(columns="n").rename(columns={"mean": value, "ci_low": f"{value}_ci_low",
                                                        "ci_high": f"{value}_ci_high"})
        table = table.merge(toned, on=names, how="left")

    original = key_labels(unique, names)[1]
    pooled = original.join(label_frame.add_prefix("_group_"))
    group_columns = [f"_group_{name}" for name in names]
    distinct = pooled.drop_duplicates().groupby(group_columns).size()
    rows = pd.MultiIndex.from_frame(table[names]) if len(names) > 1 else table[names[0]]
    table["pooled"] = distinct.reindex(rows).values
    table["pooled"] = table["pooled"].fillna(1).astype(int)
    for column in COMPARISON_COLUMNS:
        if column not in table.columns:
            table[column] = np.nan
    return _group_order(table[names + COMPARISON_COLUMNS], names)


def _median_articles(articles: pd.DataFrame, by: str, key: str, top_n: int | None) -> tuple[float, int]:
    """Median articles per point of the lines `trends` would draw by `key`, and the number of
    periods on its time axis."""
    unique = articles[articles["duplicate_of"].isna()]
    frame = pd.DataFrame({"line": group_labels(unique, by, top_n=top_n), "period": group_labels(unique, key)})
    frame = frame[frame["period"] != UNKNOWN]
    if frame.empty:
        return 0.0, 0
    return float(frame.groupby(["line", "period"]).size().median()), len(period_range(frame["period"].unique(), key))


def readable_period(articles: pd.DataFrame, by: str = "outlet", top_n: int | None = 6, min_articles: int = 10) -> str:
    """The period trend lines read best by: `auto_period` of the span (weeks under six months,
    years beyond ten), then coarser (week, month, year) while the median point of the lines holds
    fewer than `min_articles` articles and the coarser period still gives at least three points, so
    that a line is not drawn through one or two articles a month."""
    key = auto_period(articles.loc[articles["duplicate_of"].isna(), "published"])
    order = ["week", "month", "year"]
    for coarser in order[order.index(key) + 1:]:
        median, _ = _median_articles(articles, by, key, top_n)
        if median >= min_articles or _median_articles(articles, by, coarser, top_n)[1] < 3:
            break
        key = coarser
    return key


def trends(articles: pd.DataFrame, attributions: pd.DataFrame, stats: pd.DataFrame, by: str = "outlet",
           period: str = "auto", top_n: int | None = 6, n_boot: int = 0, seed: int = 0,
           min_articles: int = 10) -> pd.DataFrame:
    """`compare_groups` by group and period, ready for `plots.trend_lines`: the `top_n` outlets (or
    folders) with most articles, the rest pooled as 'other', per week, month or year ('auto':
    `readable_period`, which coarsens until the median point holds `min_articles` articles).
    Articles without a date are left out; `trends(...).attrs` says how many (`undated`), how many
    groups 'other' pools (`pooled_groups`), the period and the key."""
    period = readable_period(articles, by, top_n, min_articles) if period == "auto" else period
    key = period_key(period)
    if key is None:
        raise ValueError(f"unknown period {period!r}: use 'auto', 'week', 'month' or 'year'")
    table = compare_groups(articles, attributions, stats, by=[by, key], top_n=top_n, n_boot=n_boot, seed=seed)
    undated = int(table.loc[table[key] == UNKNOWN, "articles"].sum())
    table = table[table[key] != UNKNOWN].reset_index(drop=True)
    groups = group_labels(articles[articles["duplicate_of"].isna()], by).nunique()
    pooled = groups - top_n if top_n and groups > top_n + 1 else 0
    table.attrs.update({"by": by, "period": key, "undated": undated, "pooled_groups": pooled})
    return table
