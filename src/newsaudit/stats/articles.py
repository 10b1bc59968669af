"""`article_stats`: one row per article with its size, tone and sourcing figures."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import schema, tone
from .citations import LOADED_CUE_CLASSES, citations, source_key
from .gender import gender_by_article

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


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
    frame["n_sources"] = ids.map(source_key(attributions).groupby(attributions["article_id"]).nunique()).fillna(0).astype(int).values

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
