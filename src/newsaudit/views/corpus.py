"""The tables of the corpus report (notebooks/11_corpus_report): the corpus in numbers, sourcing and
voices by outlet or period side by side, source types, the most cited speakers and cues, trends
and the list of articles."""

from __future__ import annotations

import pandas as pd

from .. import schema, stats
from .markup import percent, rounded, shorten, source_label


def corpus_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    articles, attributions = tables["articles"], tables["attributions"]
    published = pd.to_datetime(articles["published"], errors="coerce").dropna()
    dates = f"{published.min():%Y-%m-%d} to {published.max():%Y-%m-%d}" if len(published) else "no dates"
    facts = [
        ("Articles", len(articles)),
        ("Outlets", articles["outlet"].nunique()),
        ("Published", dates),
        ("Duplicates", int(articles["duplicate_of"].notna().sum())),
        ("Sentences", len(tables["sentences"])),
        ("Citations (speech and documents)", int(stats.citation_mask(attributions).sum())),
        ("Other attributions (beliefs, intentions, no words cited)", int((~stats.citation_mask(attributions)).sum())),
        ("Distinct speakers", source_label(stats.citations(attributions)).nunique() if len(attributions) else 0),
        ("Hedges", len(tables["hedges"])),
        ("Mean sentence sentiment", rounded(pd.to_numeric(tables["sentences"]["compound"], errors="coerce").mean())),
    ]
    return pd.DataFrame([(k, str(v)) for k, v in facts], columns=["", "value"])


def outlet_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per outlet (`stats.sourcing_by_group`, duplicates left out): articles, attributions per
    article, pooled shares of anonymous, named, official and direct attributions, and mean
    sentence sentiment."""
    grouped = stats.sourcing_by_group(tables["articles"], tables["attributions"], tables["article_stats"], by="outlet")
    articles = tables["articles"]
    outlet_of = stats.group_labels(articles[articles["duplicate_of"].isna()], "outlet")
    sentences = tables["sentences"]
    sentiment = pd.to_numeric(sentences["compound"], errors="coerce").groupby(sentences["article_id"].map(outlet_of)).mean()
    frame = pd.DataFrame({
        "outlet": grouped["outlet"],
        "articles": grouped["articles"],
        "citations / article": grouped["attributions_per_article"],
        "share anonymous": grouped["share_anonymous"],
        "share named": grouped["share_named"],
        "share official": grouped["share_official"],
        "share direct": grouped["share_direct"],
        "beliefs and intentions": grouped.get("beliefs", 0) + grouped.get("intentions", 0),
        "hedges / 1000 words": grouped["hedges_per_1000_words"],
        "mean sentiment": grouped["outlet"].map(sentiment),
    })
    return frame.sort_values("articles", ascending=False, kind="stable").reset_index(drop=True)


def source_type_shares(tables: dict[str, pd.DataFrame], by: str = "outlet",
                       top_n: int | None = None) -> pd.DataFrame:
    """Rows: outlets (or any key of `stats.group_labels`: folder, week, month, year); columns: source
    types in `schema.SOURCE_TYPES` order; values: share of that group's citations. `top_n` keeps
    the outlets or folders with most articles and pools the rest as "other" (the last row)."""
    articles = tables["articles"]
    if by == "outlet" and not top_n:
        labels = articles["outlet"].astype(object).where(articles["outlet"].notna(), "(unknown)")
        labels = pd.Series(labels.values, index=articles["article_id"].values)
    else:
        labels = stats.group_labels(articles, by, top_n=top_n)
    attributions = stats.citations(tables["attributions"])
    attributions = attributions.assign(group=attributions["article_id"].map(labels)).dropna(subset=["group"])
    types = attributions["source_type"].astype("string").fillna("unknown")
    counts = pd.crosstab(attributions["group"].rename(by), types)
    if top_n and stats.OTHER in counts.index:
        counts = counts.reindex([g for g in counts.index if g != stats.OTHER] + [stats.OTHER])
    counts = counts.reindex(columns=[t for t in schema.SOURCE_TYPES if t in counts.columns]
                            + [t for t in counts.columns if t not in schema.SOURCE_TYPES])
    return counts.div(counts.sum(axis=1), axis=0).fillna(0.0)


def top_speakers(tables: dict[str, pd.DataFrame], n: int = 15) -> pd.DataFrame:
    """The most cited speakers (`stats.top_speakers`): citations, articles citing them, source
    type and mean tone of what they said."""
    top = stats.top_speakers(tables["attributions"], tables["articles"], n=n)
    return top.rename(columns={"source_type": "type", "attributions": "citations", "content_tone": "mean tone"})[
        ["speaker", "type", "citations", "articles", "mean tone"]
    ]


def cue_table(attributions: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The reporting verbs used most, with their class and how often each kind of quote uses them."""
    if attributions.empty:
        return pd.DataFrame(columns=["cue", "class", "uses"])
    cue = attributions["cue_text"].astype("string").str.lower().str.strip().fillna("")
    frame = (
        attributions.assign(cue=cue, cue_class=attributions["cue_class"].astype("string").fillna(""))
        .groupby(["cue", "cue_class"]).size().rename("uses").reset_index()
        .rename(columns={"cue_class": "class"})
    )
    return frame[frame["cue"] != ""].sort_values(["uses", "cue"], ascending=[False, True]).head(n).reset_index(drop=True)


def article_list(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    articles = tables["articles"]
    stats = tables["article_stats"][["article_id", "n_attributions", "sentiment_mean", "share_anonymous"]]
    frame = articles[["article_id", "title", "outlet", "published"]].merge(stats, on="article_id", how="left")
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce").dt.strftime("%Y-%m-%d")
    frame["title"] = frame["title"].astype("string").fillna("").map(lambda t: shorten(t, 90))
    return frame.rename(columns={
        "n_attributions": "citations", "sentiment_mean": "sentiment", "share_anonymous": "share anonymous",
    })


def gender_table(tables: dict[str, pd.DataFrame], by: str | list[str] = "outlet", top_n: int | None = None
                 ) -> pd.DataFrame:
    """People cited by gender per outlet or month (`stats.gender_by_group`), for reports; `top_n`
    keeps the outlets (or folders) with most articles and pools the rest as "other"."""
    keys = [by] if isinstance(by, str) else list(by)
    labels = [stats.group_labels(tables["articles"], key, top_n=top_n) for key in keys]
    table = stats.gender_by_group(tables["articles"], tables["attributions"], by=labels)
    return table.rename(columns={"citations_women": "citations of women", "citations_men": "citations of men",
                                 "unknown": "gender not shown", "share_women": "share women",
                                 "ci_low": "95% CI low", "ci_high": "95% CI high"})


_NBSP = "\u00a0"  # keeps a value and its interval on one line in a table cell


def _percent_interval(value, low, high) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{value:.0%}" + ("" if pd.isna(low) or pd.isna(high) else f"{_NBSP}({low:.0%}–{high:.0%})")


def _tone_interval(value, low, high) -> str:
    if value is None or pd.isna(value):
        return ""
    interval = f"({low:+.2f} to {high:+.2f})".replace(" ", _NBSP)
    return f"{value:+.2f}" + ("" if pd.isna(low) or pd.isna(high) else f"{_NBSP}{interval}")


def group_label(label: str, pooled: int, by: str) -> str:
    """A group as a reader reads it: "other (474 outlets)", "no date" for undated articles."""
    if label == stats.OTHER and pooled > 1:
        return f"other ({pooled} {by}s)"
    if label == stats.UNKNOWN and stats.period_key(by):
        return "no date"
    return str(label)


def comparison_tables(tables: dict[str, pd.DataFrame], by: str = "outlet", top_n: int | None = None,
                      n_boot: int = 1000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Groups side by side (`stats.compare_groups`, duplicates left out) as a reader reads them, in
    two tables narrow enough for a page: sourcing (citations per article, shares of citations in
    percent, hedges per 1,000 words) and voices and tone (women among the people cited of known
    gender, mean tone of body sentences and headlines, each with its bootstrap 95% interval).
    `by`: outlet, folder, week, month (or 'period') or year; `top_n` pools all but the largest
    outlets or folders as "other"."""
    table = stats.compare_groups(tables["articles"], tables["attributions"], tables["article_stats"], by=by,
                                 top_n=top_n, n_boot=n_boot)
    name = "month" if by == "period" else stats.KEY_ALIASES.get(by, by)
    groups = [group_label(g, p, name) for g, p in zip(table[by], table["pooled"])]
    sourcing = pd.DataFrame({
        name: groups,
        "articles": table["articles"],
        "citations / article": table["citations_per_article"],
        "without sources": table["articles_without_sources"],
        **{label: table[column].map(percent) for label, column in (
            ("anonymous", "share_anonymous"), ("named", "share_named"), ("official", "share_official"),
            ("direct", "share_direct"), ("loaded cue", "share_loaded"))},
        "hedges / 1000 words": table["hedges_per_1000_words"],
    })
    voices = pd.DataFrame({
        name: groups,
        "articles": table["articles"],
        "people cited: women / men / not shown": [
            f"{int(w)} / {int(m)} / {int(u)}"
            for w, m, u in zip(table["women"], table["men"], table["people_unknown"])],
        "women, of known gender (95% CI)": [_percent_interval(*row) for row in zip(
            table["share_women"], table["share_women_ci_low"], table["share_women_ci_high"])],
        "tone (95% CI)": [_tone_interval(*row) for row in zip(
            table["sentiment_mean"], table["sentiment_mean_ci_low"], table["sentiment_mean_ci_high"])],
        "headline tone (95% CI)": [_tone_interval(*row) for row in zip(
            table["sentiment_headline"], table["sentiment_headline_ci_low"], table["sentiment_headline_ci_high"])],
    })
    return sourcing, voices


def comparison_table(tables: dict[str, pd.DataFrame], by: str = "outlet", top_n: int | None = None,
                     n_boot: int = 1000) -> pd.DataFrame:
    """Both `comparison_tables` in one frame (one row per group)."""
    sourcing, voices = comparison_tables(tables, by, top_n, n_boot)
    return sourcing.join(voices.drop(columns=[voices.columns[0], "articles"]))


def trends(tables: dict[str, pd.DataFrame], by: str = "outlet", period: str = "auto", top_n: int = 6) -> pd.DataFrame:
    """`stats.trends` of the tables (duplicates left out): every measure of `stats.compare_groups`
    per top outlet (the rest pooled as "other") and week, month or year, for `plots.trend_lines`."""
    return stats.trends(tables["articles"], tables["attributions"], tables["article_stats"], by=by, period=period,
                        top_n=top_n)
