"""Per-article and corpus statistics from the sentence, attribution and hedge tables."""

from __future__ import annotations

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
    """The distinct source of each attribution: its entity within the article, else its speaker."""
    if "entity_id" in attributions.columns:
        return attributions["entity_id"].astype("string")
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


def period_of(published: pd.Series, freq: str = "M") -> pd.Series:
    """'2026-03' style period labels ('unknown' where the date is missing)."""
    dates = pd.to_datetime(published, errors="coerce", utc=True)
    labels = dates.dt.tz_localize(None).dt.to_period(freq).astype(str)
    return labels.where(dates.notna(), "unknown")


def group_labels(articles: pd.DataFrame, by: str = "outlet") -> pd.Series:
    """The outlet or month ('period') of each article, indexed by article_id."""
    if by == "period":
        labels = period_of(articles["published"])
    elif by in articles.columns:
        labels = articles[by].fillna("unknown").astype(str)
    else:
        raise ValueError(f"cannot group by {by!r}: use 'outlet', 'period' or an articles column")
    return pd.Series(labels.values, index=articles["article_id"].values, name=by)


def sourcing_by_group(
    articles: pd.DataFrame, attributions: pd.DataFrame, stats: pd.DataFrame, by: str = "outlet"
) -> pd.DataFrame:
    """Sourcing figures per outlet or period ('period' groups by month), duplicates left out.

    Shares are pooled over the group's attributions (every attribution counts once), so a group
    with one heavily sourced article is not drowned by many unsourced ones.
    """
    group_of = group_labels(articles[articles["duplicate_of"].isna()], by)
    every_attribution = attributions[attributions["article_id"].isin(group_of.index)]
    attr = citations(every_attribution).copy()
    attr["group"] = attr["article_id"].map(group_of)
    st = stats[stats["article_id"].isin(group_of.index)].copy()
    st["group"] = st["article_id"].map(group_of)

    per_group = st.groupby("group").agg(
        articles=("article_id", "size"),
        words=("n_words", "sum"),
        hedges=("n_hedges", "sum"),
        articles_without_sources=("n_attributions", lambda n: int((n == 0).sum())),
    )
    pooled = attr.groupby("group").agg(
        attributions=("article_id", "size"),
        distinct_speakers=("speaker", "nunique"),
        share_anonymous=("source_type", lambda s: s.eq("anonymous").mean()),
        share_named=("named", lambda s: s.fillna(False).astype(bool).mean()),
        share_official=("official", lambda s: s.fillna(False).astype(bool).mean()),
        share_direct=("kind", lambda s: s.eq("direct").mean()),
        share_loaded=("cue_class", lambda s: s.isin(LOADED_CUE_CLASSES).mean()),
    )
    table = per_group.join(pooled, how="left")
    if "category" in every_attribution.columns:
        by_category = pd.crosstab(every_attribution["article_id"].map(group_of), every_attribution["category"])
        for category, column in (("belief", "beliefs"), ("intention", "intentions")):
            counts = by_category[category] if category in by_category.columns else pd.Series(dtype=int)
            table[column] = table.index.map(counts).fillna(0).astype(int)
    table["attributions"] = table["attributions"].fillna(0).astype(int)
    table["distinct_speakers"] = table["distinct_speakers"].fillna(0).astype(int)
    table["attributions_per_article"] = table["attributions"] / table["articles"]
    table["hedges_per_1000_words"] = 1000 * table["hedges"] / table["words"].replace(0, np.nan)
    return table.rename_axis(by).reset_index()


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
    """Percentile bootstrap interval of sum(women) / sum(known), resampling articles."""
    if known.sum() == 0 or len(known) < 2:
        return np.nan, np.nan
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(known), size=(n_boot, len(known)))
    totals = known[picks].sum(axis=1)
    shares = women[picks].sum(axis=1) / np.where(totals > 0, totals, np.nan)
    return tuple(np.nanquantile(shares, [(1 - ci) / 2, (1 + ci) / 2]))


def gender_by_group(articles: pd.DataFrame, attributions: pd.DataFrame, by: str = "outlet",
                    n_boot: int = 1000, ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Per outlet, month ('period') or both (`by=["outlet", "period"]`), duplicates left out: people
    cited by gender, their citations, and the pooled share of women among people of known gender
    with a bootstrap interval over the group's articles. The unknown count is always shown."""
    unique = articles[articles["duplicate_of"].isna()]
    per_article = gender_by_article(unique, attributions)
    keys = [by] if isinstance(by, str) else list(by)
    for key in keys:
        per_article[key] = per_article["article_id"].map(group_labels(unique, key))
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
