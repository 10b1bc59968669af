"""Per-article and corpus statistics from the sentence, attribution and hedge tables."""

from __future__ import annotations

import datetime
import re

import numpy as np
import pandas as pd

from . import schema, tone

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")

LOADED_CUE_CLASSES = ("loaded",)


def citation_mask(attributions: pd.DataFrame) -> pd.Series:
    """True for citations (speech and documents a researcher counts as "who is cited"); beliefs,
    intentions and cues that report no words are attributions but not citations. Tables written
    before the `category` column count every row."""
    mask = pd.Series(True, index=attributions.index)
    if "category" in attributions.columns:
        mask &= attributions["category"].isin(schema.CITATION_CATEGORIES)
    if "is_citation" in attributions.columns:
        mask &= attributions["is_citation"].fillna(True).astype(bool)
    return mask


def citations(attributions: pd.DataFrame) -> pd.DataFrame:
    return attributions[citation_mask(attributions)]


def _source_key(attributions: pd.DataFrame) -> pd.Series:
    """The distinct source of each attribution: its entity within the article, else its speaker;
    missing where the article names no source."""
    if "entity_id" in attributions.columns:
        return attributions["entity_id"].astype("string").where(attributions["speaker"].notna())
    return attributions["speaker"]


def count_words(text: str) -> int:
    return len(_WORD.findall(text)) if isinstance(text, str) else 0


def _headline_end(text, title) -> int:
    """End offset of the headline line leading `text`, 0 when the text does not start with it."""
    if not isinstance(text, str) or not isinstance(title, str):
        return 0
    line = text.split("\n", 1)[0]
    return len(line) if line.strip() == title.strip() else 0


def headline_mask(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """True for sentences that are the headline line leading the text (not body copy)."""
    ends = {aid: _headline_end(text, title)
            for aid, text, title in zip(articles["article_id"], articles["text"], articles["title"])}
    return sentences["end"] <= sentences["article_id"].map(ends).fillna(0)


def article_stats(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    attributions: pd.DataFrame,
    hedges: pd.DataFrame,
) -> pd.DataFrame:
    """One row per article with the contract columns of `article_stats` and a few more.

    Tone columns come from `tone.article_tone` over the body sentences (the headline line is scored
    on its own as `sentiment_headline`). Sourcing figures count citations (`citations`): shares
    are over them and are NaN for an article with none (no sources is not 0% anonymous). Beliefs
    and intentions are counted beside them (`n_beliefs`, `n_intentions`).
    """
    every_attribution = attributions
    attributions = citations(attributions)
    ids = articles["article_id"]
    body = sentences[~headline_mask(articles, sentences)] if len(sentences) else sentences
    frame = tone.article_tone(body, articles).drop(columns=["outlet", "published", "n_words"], errors="ignore")
    frame["n_sentences"] = ids.map(sentences.groupby("article_id").size()).fillna(0).astype(int).values
    frame["n_words"] = articles["text"].map(count_words).astype(int).values

    by_article = attributions.groupby("article_id")
    n_attr = ids.map(by_article.size()).fillna(0).astype(int)
    frame["n_attributions"] = n_attr.values
    frame["n_sources"] = ids.map(_source_key(attributions).groupby(attributions["article_id"]).nunique()).fillna(0).astype(int).values

    def share(mask: pd.Series) -> np.ndarray:
        counts = mask.groupby(attributions["article_id"]).sum()
        return (ids.map(counts) / n_attr.where(n_attr > 0)).values

    if len(attributions):
        frame["share_anonymous"] = share(attributions["source_type"].eq("anonymous"))
        frame["share_named"] = share(attributions["named"].fillna(False).astype(bool))
        frame["share_official"] = share(attributions["official"].fillna(False).astype(bool))
        frame["share_direct"] = share(attributions["kind"].eq("direct"))
        frame["share_loaded"] = share(attributions["cue_class"].isin(LOADED_CUE_CLASSES))
    else:
        for column in ("share_anonymous", "share_named", "share_official", "share_direct", "share_loaded"):
            frame[column] = np.nan
    if "category" in every_attribution.columns:
        for category, column in (("belief", "n_beliefs"), ("intention", "n_intentions")):
            chosen = every_attribution[every_attribution["category"] == category]
            frame[column] = ids.map(chosen.groupby("article_id").size()).fillna(0).astype(int).values
    frame["n_hedges"] = ids.map(hedges.groupby("article_id").size()).fillna(0).astype(int).values
    gender = gender_by_article(articles, every_attribution).set_index("article_id")
    for column in ("people_female", "people_male", "people_unknown", "share_women"):
        frame[column] = ids.map(gender[column]).values
    frame["hedges_per_1000_words"] = 1000 * frame["n_hedges"] / frame["n_words"].replace(0, np.nan)
    return frame[schema.ARTICLE_STATS + [c for c in frame.columns if c not in schema.ARTICLE_STATS]]


UNKNOWN = "unknown"
OTHER = "other"
# Grouping keys computed from the articles table; "period" (month) and "topic" (folder) are aliases.
PERIOD_FREQS = {"week": "W", "month": "M", "year": "Y"}
KEY_ALIASES = {"period": "month", "topic": "folder"}
GROUP_KEYS = ("outlet", "week", "month", "year", "folder")
_FREQ_NAMES = {"W": "week", "M": "month", "Y": "year", "A": "year"}


def period_key(by: str) -> str | None:
    """'week', 'month' or 'year' when `by` groups by time ('period' is a month), else None."""
    key = KEY_ALIASES.get(by, by) if isinstance(by, str) else None
    key = _FREQ_NAMES.get(key, key)
    return key if key in PERIOD_FREQS else None


def _dates(published: pd.Series) -> pd.Series:
    """Publication dates in UTC; text in any common format (each value read on its own), NaT where
    missing or unreadable."""
    published = pd.Series(published)
    if pd.api.types.is_datetime64_any_dtype(published):
        return pd.to_datetime(published, utc=True)
    return pd.to_datetime(published, errors="coerce", utc=True, format="mixed")


def period_of(published: pd.Series, freq: str = "M") -> pd.Series:
    """Period labels of publication dates, 'unknown' where the date is missing (never invented).

    `freq` "M"/"month" gives '2026-03', "Y"/"year" '2026', "W"/"week" the ISO week '2026-W01'
    (weeks run Monday to Sunday and belong to the year of their Thursday, so 2025-12-31 is in
    '2026-W01' and every week has one label even across a year boundary). Dates are read in UTC.
    """
    published = pd.Series(published)
    dates = _dates(published).dt.tz_localize(None)
    key = period_key(freq)
    if key is None:
        raise ValueError(f"unknown period {freq!r}: use 'week', 'month' or 'year'")
    if key == "week":
        iso = dates.dt.isocalendar()
        labels = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    else:
        labels = dates.dt.to_period(PERIOD_FREQS[key]).astype("string")
    return pd.Series(labels.astype(object).where(dates.notna(), UNKNOWN).values, index=published.index, dtype=object)


def period_start(label: str, freq: str) -> pd.Timestamp:
    """First day of a period label made by `period_of` (NaT for 'unknown')."""
    key = period_key(freq)
    if not isinstance(label, str) or label == UNKNOWN:
        return pd.NaT
    if key == "week":
        year, week = label.split("-W")
        return pd.Timestamp(datetime.date.fromisocalendar(int(year), int(week), 1))
    return pd.Period(label, freq=PERIOD_FREQS[key]).start_time


def period_range(labels, freq: str) -> list[str]:
    """Every period label from the earliest to the latest of `labels` ('unknown' left out), so a
    time axis shows gaps where nothing was published."""
    key = period_key(freq)
    starts = pd.Series([period_start(label, key) for label in labels if label != UNKNOWN], dtype="datetime64[ns]")
    if starts.empty:
        return []
    if key == "week":
        days = pd.date_range(starts.min(), starts.max(), freq="7D")
    else:
        days = pd.period_range(starts.min(), starts.max(), freq=PERIOD_FREQS[key]).start_time
    return period_of(pd.Series(days), key).tolist()


def auto_period(published: pd.Series, max_points: int = 120) -> str:
    """The period a trend reads best by: 'week' when the dates span under six months, 'month'
    while that gives at most `max_points` points (ten years), else 'year'."""
    dates = _dates(published).dropna()
    if dates.empty:
        return "month"
    months = (dates.max().year - dates.min().year) * 12 + dates.max().month - dates.min().month + 1
    if months < 6:
        return "week"
    return "month" if months <= max_points else "year"


_ROW_SUFFIX = re.compile(r"#(?:row|line)\d+$")


def folder_of(source_paths: pd.Series) -> pd.Series:
    """The name of the folder holding each article's file ('business' for bbc/business/001.txt; a
    row of a table file takes the table's folder); 'unknown' where there is no path."""
    def folder(path) -> str:
        if not isinstance(path, str) or not path.strip():
            return UNKNOWN
        parts = [p for p in re.split(r"[\\/]+", _ROW_SUFFIX.sub("", path.strip())) if p]
        return parts[-2] if len(parts) >= 2 and parts[-2] not in (".", "..") else UNKNOWN
    return pd.Series([folder(p) for p in source_paths], index=source_paths.index, dtype=object)


def pool_labels(labels: pd.Series, top_n: int | None, other: str = OTHER) -> pd.Series:
    """The `top_n` labels with most rows (articles) kept, the others pooled as `other` (ties go to
    the label first in alphabetical order). Nothing is pooled when `top_n` is None or when at most
    one label would be (a lone label is shown under its own name)."""
    counts = labels.value_counts()
    if not top_n or len(counts) <= top_n + 1:
        return labels
    ranked = counts.rename_axis("label").reset_index(name="n").sort_values(["n", "label"], ascending=[False, True])
    kept = set(ranked["label"].head(top_n))
    return labels.where(labels.isin(kept), other)


def group_labels(articles: pd.DataFrame, by: str = "outlet", top_n: int | None = None) -> pd.Series:
    """The group of each article, indexed by article_id and named `by`:

    - 'outlet' (or any other articles column): its value, 'unknown' where missing;
    - 'week', 'month' (alias 'period'), 'year': `period_of` its publication date, 'unknown'
      where the date is missing;
    - 'folder' (alias 'topic' unless the articles have a 'topic' column): `folder_of` its
      `source_path`, e.g. BBC's business, sport, tech folders.

    `top_n` keeps the `top_n` groups with most articles and pools the rest as 'other' (outlets and
    folders only; periods are never pooled).
    """
    key = KEY_ALIASES.get(by, by)
    if period_key(by):
        labels = period_of(articles["published"], PERIOD_FREQS[period_key(by)])
    elif by in articles.columns:
        labels = articles[by].astype(object).where(articles[by].notna(), UNKNOWN).astype(str)
        labels = labels.where(labels.str.strip() != "", UNKNOWN)
    elif key == "folder":
        paths = articles["source_path"] if "source_path" in articles.columns else pd.Series(None, index=articles.index)
        labels = folder_of(paths)
    else:
        raise ValueError(f"cannot group by {by!r}: use one of {', '.join(GROUP_KEYS)}, 'period', 'topic' "
                         "or an articles column")
    labels = pd.Series(labels.values, index=articles["article_id"].values, name=by, dtype=object)
    return labels if period_key(by) else pool_labels(labels, top_n)


def _key_labels(articles: pd.DataFrame, by) -> tuple[list[str], pd.DataFrame]:
    """Key names and a frame of labels indexed by article_id, one column per key; each key is a
    name for `group_labels` or a named Series of labels indexed by article_id."""
    keys = [by] if isinstance(by, (str, pd.Series)) else list(by)
    columns = {}
    for key in keys:
        labels = key if isinstance(key, pd.Series) else group_labels(articles, key)
        columns[str(labels.name)] = labels.reindex(articles["article_id"].values)
    frame = pd.DataFrame(columns, index=pd.Index(articles["article_id"].values, name="article_id"))
    return list(columns), frame


def _with_labels(frame: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Rows of `frame` whose article has labels, with the label columns joined on."""
    chosen = frame[frame["article_id"].isin(labels.index)]
    return chosen.drop(columns=list(labels.columns), errors="ignore").join(labels, on="article_id")


def sourcing_by_group(
    articles: pd.DataFrame, attributions: pd.DataFrame, stats: pd.DataFrame, by="outlet"
) -> pd.DataFrame:
    """Sourcing figures per group, duplicates left out. `by` is a key of `group_labels` (outlet,
    week, month or 'period', year, folder), a named Series of labels indexed by article_id (e.g.
    `group_labels(articles, "outlet", top_n=10)`) or a list of them (one row per combination).

    Shares are pooled over the group's attributions (every attribution counts once), so a group
    with one heavily sourced article is not drowned by many unsourced ones.
    """
    keys, labels = _key_labels(articles[articles["duplicate_of"].isna()], by)
    every_attribution = _with_labels(attributions, labels)
    attr = every_attribution[citation_mask(every_attribution)]
    st = _with_labels(stats, labels)

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


def top_speakers(attributions: pd.DataFrame, articles: pd.DataFrame | None = None, n: int = 10) -> pd.DataFrame:
    """Most-cited speakers: citations, articles citing them, their type and mean content tone."""
    attr = citations(attributions).dropna(subset=["speaker"])
    if articles is not None:
        attr = attr[attr["article_id"].isin(articles.loc[articles["duplicate_of"].isna(), "article_id"])]
    if attr.empty:
        return pd.DataFrame(columns=["speaker", "source_type", "attributions", "articles", "content_tone"])
    table = attr.groupby("speaker").agg(
        source_type=("source_type", lambda s: s.mode().iat[0]),
        attributions=("article_id", "size"),
        articles=("article_id", "nunique"),
        content_tone=("content_compound", "mean"),
    )
    return table.sort_values(["attributions", "articles"], ascending=False).head(n).reset_index()


GENDERS = ("female", "male", "unknown")


def cited_people(attributions: pd.DataFrame) -> pd.DataFrame:
    """One row per person cited in an article (a person entity among its citations): its gender,
    how the article showed it, and how many citations it has."""
    people = citations(attributions)
    people = people[people["source_type"].eq("person")]
    if "gender" not in people.columns or people.empty:
        return pd.DataFrame(columns=["article_id", "entity_id", "speaker", "gender", "gender_basis", "citations"])
    key = ["article_id", "entity_id"] if "entity_id" in people.columns else ["article_id", "speaker"]
    return (people.assign(gender=people["gender"].fillna("unknown"))
            .groupby(key, sort=False)
            .agg(speaker=("speaker", "first"), gender=("gender", "first"),
                 gender_basis=("gender_basis", "first"), citations=("article_id", "size"))
            .reset_index())


def gender_by_article(articles: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """Per article: people cited by gender (distinct people and their citations) and the share of
    women among the people whose gender the article or a first name shows (NaN when none)."""
    people = cited_people(attributions)
    ids = articles["article_id"]
    frame = pd.DataFrame({"article_id": ids.values})
    for gender in GENDERS:
        chosen = people[people["gender"] == gender]
        frame[f"people_{gender}"] = ids.map(chosen.groupby("article_id").size()).fillna(0).astype(int).values
        frame[f"citations_{gender}"] = ids.map(chosen.groupby("article_id")["citations"].sum()).fillna(0).astype(int).values
    known = frame["people_female"] + frame["people_male"]
    frame["share_women"] = frame["people_female"] / known.where(known > 0)
    return frame


def _share_interval(women: np.ndarray, known: np.ndarray, n_boot: int, ci: float, seed: int) -> tuple[float, float]:
    """Percentile bootstrap interval of sum(women) / sum(known), resampling articles (none when
    `n_boot` is 0)."""
    if known.sum() == 0 or len(known) < 2 or n_boot <= 0:
        return np.nan, np.nan
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(known), size=(n_boot, len(known)))
    totals = known[picks].sum(axis=1)
    shares = women[picks].sum(axis=1) / np.where(totals > 0, totals, np.nan)
    return tuple(np.nanquantile(shares, [(1 - ci) / 2, (1 + ci) / 2]))


def gender_by_group(articles: pd.DataFrame, attributions: pd.DataFrame, by="outlet",
                    n_boot: int = 1000, ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Per outlet, month ('period') or both (`by=["outlet", "period"]`; any key or labels that
    `sourcing_by_group` takes), duplicates left out: people cited by gender, their citations, and
    the pooled share of women among people of known gender with a bootstrap interval over the
    group's articles. The unknown count is always shown."""
    unique = articles[articles["duplicate_of"].isna()]
    keys, labels = _key_labels(unique, by)
    per_article = gender_by_article(unique, attributions).join(labels, on="article_id")
    rows = []
    for group, part in per_article.groupby(keys, sort=True):
        women, men = part["people_female"].to_numpy(), part["people_male"].to_numpy()
        low, high = _share_interval(women, women + men, n_boot, ci, seed)
        known = women.sum() + men.sum()
        rows.append({**dict(zip(keys, group if isinstance(group, tuple) else (group,))),
                     "articles": len(part), "women": int(women.sum()), "men": int(men.sum()),
                     "unknown": int(part["people_unknown"].sum()),
                     "citations_women": int(part["citations_female"].sum()),
                     "citations_men": int(part["citations_male"].sum()),
                     "share_women": women.sum() / known if known else np.nan, "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows, columns=keys + ["articles", "women", "men", "unknown", "citations_women",
                                              "citations_men", "share_women", "ci_low", "ci_high"])


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

    _, label_frame = _key_labels(unique, labels)
    per_article = _with_labels(stats, label_frame)
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

    original = _key_labels(unique, names)[1]
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
