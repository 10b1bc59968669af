"""Shared styling of the figures: size, colours, the words for each measure, time axes, and the
small helpers every figure uses (a `Figure` built without pyplot, names drawn as written)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import stats

DPI = 110
WIDTH = 7.5  # inches: fits an A4 page with margins at 100% zoom

SOURCE_TYPE_COLORS = {
    "person": "#4e79a7", "organization": "#f28e2b", "government": "#59a14f", "anonymous": "#e15759",
    "document": "#b07aa1", "media": "#76b7b2", "unknown": "#bab0ac",
}
KIND_COLORS = {"direct": "#4e79a7", "indirect": "#a0cbe8", "mixed": "#f1ce63"}
TONE_COLORS = {"positive": "#59a14f", "negative": "#e15759", "neutral": "#bab0ac", "": "#bab0ac"}

MEASURE_LABELS = {
    "articles": "articles", "citations_per_article": "citations per article",
    "share_anonymous": "share of citations anonymous", "share_named": "share of citations named",
    "share_official": "share of citations official", "share_direct": "share of citations quoted directly",
    "share_loaded": "share of citations with a loaded cue", "hedges_per_1000_words": "hedges per 1,000 words",
    "share_women": "share of women among people cited", "sentiment_mean": "mean tone (body sentences)",
    "sentiment_headline": "mean headline tone",
}
OTHER_COLOR = "#8c8c8c"
MAX_TICKS = 12


def new_figure(height: float, ncols: int = 1) -> tuple[Figure, list]:
    """A page-wide figure `height` inches tall with `ncols` axes side by side (no pyplot state)."""
    fig = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


def literal(label: str) -> str:
    """A name from the data shown as written: matplotlib reads text between two `$` as math
    (and fails on an unknown command like `$\\undefinedcmd$`); `\\$` is a plain dollar sign."""
    return label.replace("$", r"\$")


def show_empty(ax, message: str) -> None:
    """`message` in the middle of empty axes, in place of a chart with nothing to draw."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def legend_outside(ax, title: str | None = None) -> None:
    """The legend to the right of the axes, outside them."""
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
              title=None if title is None else literal(title), title_fontsize=7)


def measure_label(column: str) -> str:
    """The words for a measure column ("share_direct" is "share of citations quoted directly")."""
    return MEASURE_LABELS.get(column, column.replace("_", " "))


def share_label(column: str) -> str:
    """The words for a share of citations without "share of citations" ("quoted directly")."""
    return measure_label(column).removeprefix("share of citations ")


def format_measure_axis(axis, column: str, values: pd.Series | np.ndarray) -> None:
    """Percent ticks for shares starting at 0, a zero line for tone, 0 at the foot of counts."""
    values = pd.Series(np.asarray(values, dtype="float64")).dropna()
    top = float(values.max()) if len(values) else 1.0
    if column.startswith("share_"):
        axis.set_ylim(0, min(1.0, max(top * 1.15, 0.05)))
        axis.yaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    elif column.startswith("sentiment_"):
        axis.axhline(0, color="#333333", linewidth=0.6)
    else:
        axis.set_ylim(0, max(top * 1.15, 1e-9))


def period_ticks(periods: list[str], key: str, max_ticks: int = MAX_TICKS) -> tuple[list[int], list[str]]:
    """Tick positions and labels for a time axis of `periods` labels: at most `max_ticks`; months
    over more than two years are marked at each January by the year."""
    if not periods:
        return [], []
    positions = list(range(len(periods)))
    labels = list(periods)
    if key == "month" and len(periods) > 24:
        positions = [k for k, p in enumerate(periods) if p.endswith("-01")] or [0]
        labels = [periods[k][:4] for k in positions]
    step = -(-len(positions) // max_ticks)
    return positions[::step], labels[::step]


def markers(n_points: int) -> dict:
    """Point markers for a line of `n_points`: smaller on long lines."""
    return {"marker": "o", "markersize": 3 if n_points <= 40 else 1.8}


def time_axis(ax, periods: list[str], key: str, max_ticks: int = MAX_TICKS) -> None:
    """Ticks and limits of an x axis with one position per period label (`period_ticks`)."""
    positions, labels = period_ticks(periods, key, max_ticks)
    long = len(labels) > 6 and any(len(label) > 4 for label in labels)  # slant only crowded labels
    ax.set_xticks(positions, labels, fontsize=8, rotation=45 if long else 0, ha="right" if long else "center")
    ax.set_xlim(-0.5, max(len(periods) - 0.5, 0.5))


def line_label(name: str, pooled: int | None) -> str:
    """A group's name for a legend or tick: shortened, "other" saying how many groups it pools."""
    label = shorten(str(name), 28)
    if name == stats.OTHER and pooled:
        label = f"other ({pooled} pooled)"
    return literal(label)


def named_color(name: str):
    """'C3' and '#abcdef' as matplotlib reads them; 'tab20(k)' the k-th colour of tab20."""
    if name.startswith("tab20("):
        from matplotlib import colormaps

        return colormaps["tab20"](int(name[6:-1]))
    return name


def dated_periods(table: pd.DataFrame, by: str, key: str) -> tuple[list, pd.DataFrame]:
    """Every period from the first dated group to the last (gaps included), and the table's rows
    indexed by them (gaps as NaN); undated groups are left out."""
    dated = table[table[by] != stats.UNKNOWN]
    periods = stats.period_range(dated[by].unique(), key)
    return periods, dated.set_index(by).reindex(periods)
