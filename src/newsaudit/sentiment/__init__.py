"""Sentiment stage: VADER scores for texts and sentences.

- `vader`: NLTK's VADER rules reimplemented for speed (the same numbers), with the lexicon the
  `vaderSentiment` wheel ships; `polarity` of one text and the reference `nltk_analyzer`.
- `scoring`: `score_texts` (one row of `compound`, `pos`, `neu`, `neg` per text) and
  `score_sentences` (the sentences table with its scores), `tone_label` of a score.
"""

from __future__ import annotations

from .scoring import (NEUTRAL_THRESHOLD, PARALLEL_MIN_TEXTS, SCORE_COLUMNS, score_sentences, score_texts,
                      tone_label)
from .vader import (B_DECR, B_INCR, BOOSTER_BIGRAMS, BOOSTER_DICT, C_INCR, N_SCALAR, NEGATE, NORMALIZE_ALPHA,
                    PUNCTUATION_AFFIXES, SPECIAL_CASE_IDIOMS, TOKEN_CACHE_LIMIT, clear_caches, lexicon, load_lexicon,
                    nltk_analyzer, polarity)

__all__ = [
    "B_DECR", "B_INCR", "BOOSTER_BIGRAMS", "BOOSTER_DICT", "C_INCR", "N_SCALAR", "NEGATE", "NEUTRAL_THRESHOLD",
    "NORMALIZE_ALPHA", "PARALLEL_MIN_TEXTS", "PUNCTUATION_AFFIXES", "SCORE_COLUMNS", "SPECIAL_CASE_IDIOMS",
    "TOKEN_CACHE_LIMIT", "clear_caches", "lexicon", "load_lexicon", "nltk_analyzer", "polarity", "score_sentences",
    "score_texts", "tone_label",
]


def __getattr__(name: str):
    if name == "LEXICON":  # the module constant of earlier versions, read on first use
        return lexicon()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
