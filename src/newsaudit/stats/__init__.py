"""Per-article and corpus statistics from the sentence, attribution and hedge tables.

    citations  which attributions are citations; the distinct source of each; most-cited speakers
    articles   `article_stats`: one row per article (size, tone, sourcing, gender)
    groups     the group of each article: outlet, week, month, year or folder; pooling as "other"
    gender     women and men among the people cited, per article and per group
    compare    groups side by side (`compare_groups`) and over time (`trends`), bootstrap intervals

All pure functions on DataFrames; tone figures come from `newsaudit.tone`.
"""

from __future__ import annotations

from .articles import article_stats, count_words, headline_mask
from .citations import LOADED_CUE_CLASSES, citation_mask, citations, source_key, top_speakers
from .compare import (
    COMPARISON_COLUMNS,
    MEASURE_ALIASES,
    compare_groups,
    measure_column,
    readable_period,
    sourcing_by_group,
    trends,
)
from .gender import GENDERS, cited_people, gender_by_article, gender_by_group
from .groups import (
    GROUP_KEYS,
    KEY_ALIASES,
    OTHER,
    PERIOD_FREQS,
    UNKNOWN,
    auto_period,
    folder_of,
    group_labels,
    key_labels,
    period_key,
    period_of,
    period_range,
    period_start,
    pool_labels,
    with_labels,
)

__all__ = [
    "COMPARISON_COLUMNS", "GENDERS", "GROUP_KEYS", "KEY_ALIASES", "LOADED_CUE_CLASSES", "MEASURE_ALIASES", "OTHER",
    "PERIOD_FREQS", "UNKNOWN", "article_stats", "auto_period", "citation_mask", "citations", "cited_people",
    "compare_groups", "count_words", "folder_of", "gender_by_article", "gender_by_group", "group_labels",
    "headline_mask", "key_labels", "measure_column", "period_key", "period_of", "period_range", "period_start",
    "pool_labels", "readable_period", "sourcing_by_group", "source_key", "top_speakers", "trends", "with_labels",
]
