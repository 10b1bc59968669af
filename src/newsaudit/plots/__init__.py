"""The figures of the notebooks and reports. Each function takes tables and returns a matplotlib
`Figure` built without pyplot, so no global figure state is touched; notebooks show them with
`display(fig)` (or as a cell's last value).

    article  one article: `sentence_sentiment`, `sources_by_type`
    corpus   a set of articles: `source_type_shares`, `sentiment_distribution`, `top_speakers`,
             `article_lengths`, `entity_tone`
    groups   groups compared (`stats.compare_groups`): `group_shares`, `group_tone`, `tone_arcs`
    trends   over time (`stats.trends`): `trend_lines`, `trend_measures`
    style    size, colours, measure labels, time axes and the helpers the figures share
"""

from __future__ import annotations

from .article import sentence_sentiment, sources_by_type
from .corpus import article_lengths, entity_tone, sentiment_distribution, source_type_shares, top_speakers
from .groups import group_shares, group_tone, tone_arcs
from .style import (DPI, KIND_COLORS, MAX_TICKS, MEASURE_LABELS, OTHER_COLOR, SOURCE_TYPE_COLORS, TONE_COLORS,
                    WIDTH)
from .trends import trend_lines, trend_measures

__all__ = [
    "DPI", "KIND_COLORS", "MAX_TICKS", "MEASURE_LABELS", "OTHER_COLOR", "SOURCE_TYPE_COLORS", "TONE_COLORS", "WIDTH",
    "article_lengths", "entity_tone", "group_shares", "group_tone", "sentence_sentiment", "sentiment_distribution",
    "source_type_shares", "sources_by_type", "tone_arcs", "top_speakers", "trend_lines", "trend_measures",
]
