"""Tone statistics from scored sentences: per article, per speaker, per entity, per group.

    articles  each article's mean, weighted mean, headline and arc; what each speaker said; group
              means with bootstrap intervals (`article_tone`, `speaker_tone`, `corpus_tone`)
    entities  the people, organisations and places an article names (or your own list) and the
              sentences that mention them (`article_entities`, `entity_tone`)

All pure functions on DataFrames.
"""

from __future__ import annotations

from .articles import (
    ARTICLE_TONE_COLUMNS,
    article_tone,
    bootstrap_ci,
    corpus_tone,
    scored_sentences,
    speaker_tone,
)
from .entities import (
    ENTITY_COLUMNS,
    ENTITY_MENTION_COLUMNS,
    alias_pattern,
    article_entities,
    entity_tone,
    entity_tone_overall,
    entity_tone_summary,
    followed_entities,
    name_runs,
    user_entities,
)

__all__ = [
    "ARTICLE_TONE_COLUMNS", "ENTITY_COLUMNS", "ENTITY_MENTION_COLUMNS", "alias_pattern", "article_entities",
    "article_tone", "bootstrap_ci", "corpus_tone", "entity_tone", "entity_tone_overall", "entity_tone_summary",
    "followed_entities", "name_runs", "scored_sentences", "speaker_tone", "user_entities",
]
