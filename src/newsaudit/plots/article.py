"""Figures of one article: the tone of each sentence, and its sources by type and quote kind."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import schema
from ..sentiment import tone_label
from .style import DPI, KIND_COLORS, TONE_COLORS, WIDTH, new_figure, show_empty

def sentence_sentiment(sentences: pd.DataFrame, attributions: pd.DataFrame | None = None) -> Figure:
    """VADER compound score of each sentence in reading order; sentences holding an attribution
    are marked with a dot above their bar."""
    # Every label here is fixed text or a number: fixed margins lay it out as constrained layout
    # would, in two thirds of the time (it is drawn for every article report).
    fig = Figure(figsize=(WIDTH, 2.8), dpi=DPI)
    fig.subplots_adjust(left=0.085, right=0.985, bottom=0.16, top=0.89)
    ax = fig.subplots()
    ordered = sentences.sort_values("sentence_id")
    if ordered.empty:
        show_empty(ax, "no sentences")
        return fig
    compound = pd.to_numeric(ordered["compound"], errors="coerce").fillna(0.0).to_numpy()
    position = ordered["sentence_id"].to_numpy()
    ax.bar(position, compound, width=0.8, color=[TONE_COLORS[tone_label(c)] for c in compound])
    ax.axhline(0, color="#333333", linewidth=0.6)
    if attributions is not None and not attributions.empty:
        cited = np.isin(position, attributions["sentence_id"].dropna().astype(int).unique())
        ax.scatter(position[cited], np.full(cited.sum(), 1.08), marker="o", s=12, color="#333333",
                   label="sentence with an attribution", clip_on=False)
        ax.legend(loc="lower right", fontsize=7, frameon=False)
    ax.set_ylim(-1.0, 1.15)
    ax.set_xlim(position.min() - 0.8, position.max() + 0.8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("sentence")
    ax.set_ylabel("compound")
    ax.set_title("Sentiment of each sentence", fontsize=10, loc="left")
    return fig


def sources_by_type(attributions: pd.DataFrame) -> Figure:
    """Attributions per source type, split into direct, indirect and mixed quotes."""
    types = attributions["source_type"].astype("string").fillna("unknown").nunique()
    fig, (ax,) = new_figure(0.9 + 0.3 * max(types, 1))
    if attributions.empty:
        show_empty(ax, "no attributions found")
        return fig
    counts = pd.crosstab(
        attributions["source_type"].astype("string").fillna("unknown"),
        attributions["kind"].astype("string").fillna("indirect"),
    )
    counts = counts.reindex(index=[t for t in schema.SOURCE_TYPES if t in counts.index][::-1])
    left = np.zeros(len(counts))
    for kind in [k for k in schema.KINDS if k in counts.columns]:
        ax.barh(counts.index, counts[kind], left=left, color=KIND_COLORS[kind], label=kind)
        left += counts[kind].to_numpy()
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("attributions")
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    ax.set_title("Sources by type", fontsize=10, loc="left")
    return fig
