"""Hedges and statements of uncertainty ("reportedly", "it's not clear", "is said to"), one row
each, in the `hedges` table."""

from __future__ import annotations

import bisect

import pandas as pd

from .. import schema
from .extract import sentences_by_article
from .lexicon import HEDGE_CLASSES, HEDGE_RE


def find_hedges(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Hedges and statements of uncertainty ("reportedly", "it's not clear", "is said to", ...)."""
    by_article = sentences_by_article(sentences)
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str):
            continue
        starts, sentence_ids = by_article.get(article_id) or ([0], [0])
        for match in HEDGE_RE.finditer(text):
            group_index = int(match.lastgroup[1:])
            sentence_index = max(bisect.bisect_right(starts, match.start()) - 1, 0)
            rows.append((article_id, sentence_ids[min(sentence_index, len(sentence_ids) - 1)],
                         match.start(), match.end(), match.group(), HEDGE_CLASSES[group_index]))
    if not rows:
        return schema.empty(schema.HEDGES)
    return pd.DataFrame(rows, columns=schema.HEDGES)
