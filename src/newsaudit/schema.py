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
    # entity-level sourcing: the speaker's entity within the article, citation category, gender
    "entity_id", "category", "is_citation", "relation_id", "gender", "gender_basis",
]
HEDGES = ["article_id", "sentence_id", "start", "end", "text", "hedge_class"]
ARTICLE_STATS = [
    "article_id", "n_sentences", "n_words", "sentiment_mean", "sentiment_headline",
    "n_attributions", "n_sources", "share_anonymous", "share_named", "share_official",
    "share_direct", "n_hedges",
]

# The contract tables, in the order they are written, with their columns.
TABLES: dict[str, list[str]] = {"articles": ARTICLES, "sentences": SENTENCES, "attributions": ATTRIBUTIONS,
                                "hedges": HEDGES, "article_stats": ARTICLE_STATS}
TABLE_NAMES = tuple(TABLES)

SOURCE_TYPES = ("person", "organization", "government", "anonymous", "document", "media", "unknown")
KINDS = ("direct", "indirect", "mixed")
CATEGORIES = ("speech", "document", "belief", "intention")
CITATION_CATEGORIES = ("speech", "document")


# Column types where "object" would lose meaning (an empty table still says `named` is bool).
DTYPES: dict[str, dict[str, str]] = {
    "sentences": {"sentence_id": "int64", "start": "int64", "end": "int64", "compound": "float64",
                  "pos": "float64", "neu": "float64", "neg": "float64"},
    "attributions": {"attribution_id": "int64", "sentence_id": "int64", "source_start": "Int64",
                     "source_end": "Int64", "named": "bool", "official": "bool", "entity_id": "int64", "is_citation": "bool", "relation_id": "int64", "cue_start": "int64",
                     "cue_end": "int64", "content_start": "int64", "content_end": "int64",
                     "content_compound": "float64"},
    "hedges": {"sentence_id": "int64", "start": "int64", "end": "int64"},
}


def empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """`frame` with the column types of `table` (see DTYPES); text columns stay as they are."""
    types = {c: t for c, t in DTYPES.get(table, {}).items() if c in frame.columns}
    return frame.astype(types) if types else frame
