"""Column lists of the contract tables (see DESIGN.md) and helpers to build empty ones."""

from __future__ import annotations

import pandas as pd

ARTICLES = [
    "article_id", "title", "text", "raw_text", "outlet", "published", "url", "source_path",
    "removed", "duplicate_of", "encoding",
]
SENTENCES = ["article_id", "sentence_id", "start", "end", "text", "compound", "pos", "neu", "neg"]
ATTRIBUTIONS = [
    "article_id", "attribution_id", "sentence_id", "source_text", "source_start", "source_end",
    "speaker", "source_type", "named", "official", "cue_text", "cue_start", "cue_end", "cue_class",
    "content_text", "content_start", "content_end", "kind", "content_compound",
]
HEDGES = ["article_id", "sentence_id", "start", "end", "text", "hedge_class"]
ARTICLE_STATS = [
    "article_id", "n_sentences", "n_words", "sentiment_mean", "sentiment_headline",
    "n_attributions", "n_sources", "share_anonymous", "share_named", "share_official",
    "share_direct", "n_hedges",
]

SOURCE_TYPES = ("person", "organization", "government", "anonymous", "document", "media", "unknown")
KINDS = ("direct", "indirect", "mixed")


def empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
