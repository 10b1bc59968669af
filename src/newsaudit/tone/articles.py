"""Tone of articles, speakers and groups of articles, from scored sentences and attributions.

Sentences lacking `compound` are scored on the way. A sentence is positive at compound >= 0.05 and
negative at <= -0.05 (VADER's usual cut).
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from ..sentiment import NEUTRAL_THRESHOLD, score_sentences, score_texts

ARTICLE_TONE_COLUMNS = [
    "article_id", "n_sentences", "n_words", "sentiment_mean", "sentiment_weighted",
    "share_positive", "share_negative", "sentiment_headline", "arc_opening", "arc_middle",
    "arc_close",
]
_ARC_COLUMNS = {0: "arc_opening", 1: "arc_middle", 2: "arc_close"}


def scored_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences with their VADER scores (scored here only when `compound` is missing)."""
    return sentences if "compound" in sentences else score_sentences(sentences)


def article_tone(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article of `articles` (in its order), with `outlet` and `published` carried
    over when present:

    - `sentiment_mean`: mean compound of its sentences; `sentiment_weighted`: the same weighted
      by each sentence's number of words;
    - `share_positive` / `share_negative`: share of sentences at >= 0.05 / <= -0.05;
    - `sentiment_headline`: compound of the title (missing when there is no title);
    - `arc_opening`, `arc_middle`, `arc_close`: mean compound of the first, middle and last third
      of the sentences (sentence k of n is in third floor(3k/n); short articles leave some empty).
    """
    scored = scored_sentences(sentences).sort_values(["article_id", "sentence_id"], kind="stable")
    words = scored["text"].fillna("").str.split().str.len()
    compound = pd.to_numeric(scored["compound"])
    by_article = scored["article_id"]
    position = scored.groupby("article_id").cumcount()
    size = scored.groupby("article_id")["article_id"].transform("size")
    per_sentence = pd.DataFrame(
        {
            "article_id": by_article,
            "compound": compound,
            "words": words,
            "weighted": compound * words,
            "positive": compound >= NEUTRAL_THRESHOLD,
            "negative": compound <= -NEUTRAL_THRESHOLD,
            "third": (3 * position) // size,
        }
    )
    grouped = per_sentence.groupby("article_id")
    stats = pd.DataFrame(
        {
            "n_sentences": grouped.size(),
            "n_words": grouped["words"].sum(),
            "sentiment_mean": grouped["compound"].mean(),
            "sentiment_weighted": grouped["weighted"].sum()
            / grouped["words"].sum().replace(0, np.nan),
            "share_positive": grouped["positive"].mean(),
            "share_negative": grouped["negative"].mean(),
        }
    )
    arcs = per_sentence.groupby(["article_id", "third"])["compound"].mean().unstack().rename(columns=_ARC_COLUMNS)
    stats = stats.join(arcs.reindex(columns=list(_ARC_COLUMNS.values())))

    carried = [c for c in ("outlet", "published") if c in articles]
    result = articles[["article_id", *carried]].merge(
        stats, left_on="article_id", right_index=True, how="left"
    )
    result["n_sentences"] = result["n_sentences"].fillna(0).astype(int)
    result["n_words"] = result["n_words"].fillna(0).astype(int)
    result["sentiment_headline"] = _headline_compound(articles)
    return result[["article_id", *carried, *ARTICLE_TONE_COLUMNS[1:]]].reset_index(drop=True)


def _headline_compound(articles: pd.DataFrame) -> np.ndarray:
    if "title" not in articles:
        return np.full(len(articles), np.nan)
    titles = articles["title"].where(articles["title"].notna(), "").astype(str).str.strip()
    scores = score_texts(titles.tolist())["compound"].to_numpy()
    return np.where(titles.to_numpy() == "", np.nan, scores)



def speaker_tone(attributions: pd.DataFrame) -> pd.DataFrame:
    """Per resolved `speaker`: `n` attributions and the `mean` compound of what they said
    (`content_compound`, scored from `content_text` when absent), most cited first."""
    attributions = attributions.loc[attributions["speaker"].notna()]
    if "content_compound" in attributions:
        content_compound = attributions["content_compound"]
    else:
        content_compound = score_texts(attributions["content_text"].tolist())["compound"].to_numpy()
    per_speaker = (
        pd.DataFrame({"speaker": attributions["speaker"], "compound": content_compound})
        .groupby("speaker")["compound"]
        .agg(n="size", mean="mean")
        .reset_index()
    )
    return per_speaker.sort_values(["n", "speaker"], ascending=[False, True], ignore_index=True)


def bootstrap_ci(
    values: Iterable[float], n_boot: int = 1000, ci: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of `values` (missing values ignored); the same
    seed gives the same interval. NaN, NaN when there are no values or `n_boot` is 0."""
    values = np.asarray(pd.Series(values, dtype="float64").dropna())
    if len(values) == 0 or n_boot <= 0:
        return (np.nan, np.nan)
    rng = np.random.default_rng(seed)
    # Resample in blocks so memory stays bounded for large groups.
    block = max(1, 2_000_000 // len(values))
    means = np.concatenate(
        [
            values[rng.integers(0, len(values), size=(min(block, n_boot - start), len(values)))]
            .mean(axis=1)
            for start in range(0, n_boot, block)
        ]
    )
    tail = (1 - ci) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return (float(low), float(high))


def corpus_tone(
    article_tone_df: pd.DataFrame,
    by: str | list[str],
    value: str = "sentiment_mean",
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Per group of articles (e.g. by outlet, or by a period column): `n` articles with a value,
    the `mean` of `value` and its bootstrap interval `ci_low`, `ci_high`."""
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for group, frame in article_tone_df.groupby(keys, dropna=False, sort=True):
        values = frame[value].dropna()
        low, high = bootstrap_ci(values, n_boot=n_boot, ci=ci, seed=seed)
        group = group if isinstance(group, tuple) else (group,)
        rows.append((*group, len(values), values.mean() if len(values) else np.nan, low, high))
    return pd.DataFrame(rows, columns=[*keys, "n", "mean", "ci_low", "ci_high"])
