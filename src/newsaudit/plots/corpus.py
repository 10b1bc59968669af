"""Figures of a set of articles: who is cited, what they said and in what tone, article lengths,
and the tone of sentences that mention each entity."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import schema, stats
from ..sentiment import tone_label
from .style import OTHER_COLOR, SOURCE_TYPE_COLORS, TONE_COLORS, literal, new_figure, shorten, show_empty

def source_type_shares(shares: pd.DataFrame) -> Figure:
    """Stacked bars: for each outlet, the share of its attributions going to each source type
    (`views.source_type_shares`)."""
    fig, (ax,) = new_figure(0.8 + 0.32 * max(len(shares), 1))
    if shares.empty:
        show_empty(ax, "no attributions found")
        return fig
    ordered = shares.iloc[::-1]
    left = np.zeros(len(ordered))
    for source_type in ordered.columns:
        ax.barh([literal(outlet) for outlet in ordered.index.astype(str)], ordered[source_type], left=left,
                color=SOURCE_TYPE_COLORS.get(source_type, "#999999"), label=literal(source_type))
        left += ordered[source_type].to_numpy()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    ax.legend(fontsize=7, frameon=False, ncols=min(len(ordered.columns), 7),
              loc="upper left", bbox_to_anchor=(0, -0.12 - 0.4 / max(len(shares), 1)))
    name = shares.index.name
    title = ("Who outlets cite: share of citations by source type" if name in (None, "outlet")
             else f"Who is cited, by {literal(str(name))}: share of citations by source type")
    ax.set_title(title, fontsize=10, loc="left")
    return fig


def sentiment_distribution(tables: dict[str, pd.DataFrame]) -> Figure:
    """Left: sentence compound scores (exact zeros, sentences with no sentiment words, left out).
    Right: tone of what sources said, per source type."""
    fig, (left, right) = new_figure(2.9, ncols=2)
    compound = pd.to_numeric(tables["sentences"]["compound"], errors="coerce").dropna()
    scored = compound[compound != 0]
    if scored.empty:
        show_empty(left, "no scored sentences")
    else:
        left.hist(scored, bins=np.linspace(-1, 1, 21), color="#4e79a7", edgecolor="white")
        left.set_xlabel("sentence compound")
        left.set_ylabel("sentences")
        left.set_title(f"Sentences ({len(compound) - len(scored)} neutral at 0 not shown)", fontsize=9, loc="left")
    attributions = tables["attributions"]
    tone = pd.to_numeric(attributions["content_compound"], errors="coerce")
    groups = [
        (t, tone[(attributions["source_type"] == t).to_numpy()].dropna())
        for t in schema.SOURCE_TYPES
    ]
    groups = [(t, values) for t, values in groups if len(values)]
    if not groups:
        show_empty(right, "no attributions found")
    else:
        parts = right.boxplot([v.to_numpy() for _, v in groups], orientation="horizontal", patch_artist=True,
                              tick_labels=[t for t, _ in groups], widths=0.6, flierprops={"markersize": 2})
        for patch, (source_type, _) in zip(parts["boxes"], groups):
            patch.set_facecolor(SOURCE_TYPE_COLORS[source_type])
        right.set_xlim(-1.05, 1.05)
        right.set_xlabel("tone of attributed content")
        right.set_title("What sources said, by type", fontsize=9, loc="left")
    return fig


def top_speakers(speakers: pd.DataFrame) -> Figure:
    """Horizontal bars of citations per speaker (`views.top_speakers`), coloured by source type."""
    fig, (ax,) = new_figure(0.7 + 0.26 * max(len(speakers), 1))
    if speakers.empty:
        show_empty(ax, "no named or typed sources")
        return fig
    ordered = speakers.iloc[::-1]
    labels = [literal(shorten(s, 40)) for s in ordered["speaker"].astype(str)]
    ax.barh(range(len(ordered)), ordered["citations"],
            color=[SOURCE_TYPE_COLORS.get(t, "#999999") for t in ordered["type"]])
    ax.set_yticks(range(len(ordered)), labels, fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("citations")
    ax.set_title("Most cited sources (colour: source type)", fontsize=10, loc="left")
    return fig


def article_lengths(articles: pd.DataFrame, by: str = "outlet", top_n: int | None = 15) -> Figure:
    """Mean words per article for each group of `stats.group_labels` (outlet by default; the
    `top_n` largest groups and "other" last), the number of articles written beside each bar."""
    words = pd.Series(articles["text"].map(stats.count_words).to_numpy(dtype="int64"),
                      index=articles["article_id"].to_numpy())
    table = words.groupby(stats.group_labels(articles, by, top_n=top_n)).agg(["mean", "size"])
    pooled = table.index.isin([stats.OTHER, stats.UNKNOWN])
    table = table.assign(_pooled=pooled).sort_values(["_pooled", "mean"], ascending=[False, True])
    fig, (ax,) = new_figure(0.9 + 0.26 * max(len(table), 1))
    if table.empty:
        show_empty(ax, "no articles")
        return fig
    rows = np.arange(len(table))
    ax.barh(rows, table["mean"], color=np.where(table["_pooled"], OTHER_COLOR, "#4e79a7"))
    for row, (mean, size) in enumerate(zip(table["mean"], table["size"])):
        ax.text(mean, row, f" {size} article{'s' if size != 1 else ''}", va="center", fontsize=7, color="#444444")
    ax.set_yticks(rows, [literal(shorten(group, 30)) for group in table.index.astype(str)], fontsize=8)
    ax.set_xlim(0, max(table["mean"].max() * 1.25, 1))
    ax.set_xlabel("mean words per article")
    ax.set_title(f"Article length by {literal(by)}", fontsize=10, loc="left")
    return fig


def entity_tone(by_entity: pd.DataFrame) -> Figure:
    """Mean tone of the sentences mentioning each entity (`tone.entity_tone_overall`), one bar per
    entity from most negative to most positive, coloured by tone, the number of sentences in brackets."""
    fig, (ax,) = new_figure(0.9 + 0.26 * max(len(by_entity), 1))
    if by_entity.empty:
        show_empty(ax, "no sentences mention a followed entity")
        return fig
    ordered = by_entity.sort_values("mean", kind="stable").reset_index(drop=True)
    rows = np.arange(len(ordered))
    mean = ordered["mean"].astype("float64")
    ax.barh(rows, mean, color=[TONE_COLORS[tone_label(value)] for value in mean])
    labels = [f"{literal(shorten(entity, 32))} ({count})"
              for entity, count in zip(ordered["entity"], ordered["sentences"])]
    ax.set_yticks(rows, labels, fontsize=8)
    ax.set_xlim(-1, 1)
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel("mean compound of the sentences mentioning it (how many in brackets)")
    ax.set_title("Tone of sentences mentioning each entity", fontsize=10, loc="left")
    return fig
