"""Which attributions are citations (speech and documents, not beliefs or intentions), the
distinct source each refers to, and the most-cited speakers."""

from __future__ import annotations

import pandas as pd

from .. import schema

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


def source_key(attributions: pd.DataFrame) -> pd.Series:
    """The distinct source of each attribution: its entity within the article, else its speaker;
    missing where the article names no source."""
    if "entity_id" in attributions.columns:
        return attributions["entity_id"].astype("string").where(attributions["speaker"].notna())
    return attributions["speaker"]



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
