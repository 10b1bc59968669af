"""Groups of articles compared (`stats.compare_groups`): sourcing shares and tone per outlet,
folder or period, and the tone arc of each group's articles."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import stats
from .style import (OTHER_COLOR, dated_periods, format_measure_axis, legend_outside, line_label, literal,
                    markers, measure_label, new_figure, share_label, shorten, show_empty, time_axis)

def _over_time(table: pd.DataFrame, by: str, key: str, height: float) -> tuple[Figure, object, list, pd.DataFrame]:
    """A figure for a measure over time, the periods on its axis and the table's rows by period;
    without a dated group the figure says so and the periods are empty."""
    fig, (ax,) = new_figure(height)
    periods, dated = dated_periods(table, by, key)
    if not periods:
        show_empty(ax, "no articles with a publication date")
    return fig, ax, periods, dated


def _per_group(table: pd.DataFrame, by: str, base: float, per_row: float) -> tuple[Figure, object, pd.DataFrame, list]:
    """A figure with a row per group (the first on top), the rows in drawing order and their
    labels; an empty table gives a figure that says so."""
    fig, (ax,) = new_figure(base + per_row * max(len(table), 1))
    if table.empty:
        show_empty(ax, "no articles")
    ordered = table.iloc[::-1].reset_index(drop=True)
    labels = [line_label(g, p) for g, p in zip(ordered[by], ordered.get("pooled", [None] * len(ordered)))]
    return fig, ax, ordered, labels


def group_shares(table: pd.DataFrame, by: str,
                 measures: tuple[str, ...] = ("share_anonymous", "share_named", "share_official", "share_direct",
                                              "share_loaded")) -> Figure:
    """Sourcing shares of a `stats.compare_groups` table: bars per group for outlets or folders
    (pool them with top_n first), one line per share over time for weeks, months or years."""
    columns = [stats.measure_column(m) for m in measures]
    key = stats.period_key(by)
    palette = {column: f"C{k}" for k, column in enumerate(columns)}
    if key:
        fig, ax, periods, dated = _over_time(table, by, key, 3.0)
        if not periods:
            return fig
        values = dated[columns]
        for column in columns:
            ax.plot(np.arange(len(periods)), values[column].to_numpy(dtype="float64"), color=palette[column],
                    linewidth=1.2, label=share_label(column), **markers(len(periods)))
        format_measure_axis(ax, "share_", values.to_numpy().ravel())
        time_axis(ax, periods, key)
        ax.set_ylabel("share of citations", fontsize=8)
    else:
        fig, ax, ordered, labels = _per_group(table, by, 0.9, 0.26)
        if table.empty:
            return fig
        rows = np.arange(len(ordered))
        for k, column in enumerate(columns):
            ax.scatter(ordered[column].astype("float64"), rows, s=22, color=palette[column],
                       marker="os^Dv"[k % 5], label=share_label(column), zorder=3)
        ax.set_yticks(rows, labels, fontsize=8)
        ax.set_ylim(-0.6, len(ordered) - 0.4)
        ax.grid(axis="y", color="#eeeeee", linewidth=0.8)
        ax.set_xlim(-0.02, 1.02)
        ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
        ax.set_xlabel("share of citations", fontsize=8)
    legend_outside(ax)
    ax.set_title(f"Sourcing by {literal(by)}", fontsize=10, loc="left")
    return fig


def group_tone(table: pd.DataFrame, by: str, value: str = "sentiment_mean") -> Figure:
    """Tone of a `stats.compare_groups` table with its bootstrap 95% interval: a point per outlet or
    folder, a line with a band over weeks, months or years."""
    column = stats.measure_column(value)
    low, high = f"{column}_ci_low", f"{column}_ci_high"
    key = stats.period_key(by)
    if key:
        fig, ax, periods, dated = _over_time(table, by, key, 2.8)
        if not periods:
            return fig
        values = dated[[column, low, high]].astype("float64")
        x = np.arange(len(periods))
        ax.fill_between(x, values[low], values[high], color="#4e79a7", alpha=0.2, linewidth=0, label="95% interval")
        ax.plot(x, values[column], color="#4e79a7", linewidth=1.2, label=measure_label(column),
                **markers(len(periods)))
        ax.axhline(0, color="#333333", linewidth=0.6)
        time_axis(ax, periods, key)
        ax.set_ylabel("compound", fontsize=8)
        legend_outside(ax)
    else:
        fig, ax, ordered, labels = _per_group(table, by, 0.8, 0.28)
        if table.empty:
            return fig
        mean = ordered[column].astype("float64")
        errors = np.vstack([(mean - ordered[low].astype("float64")).fillna(0).clip(lower=0),
                            (ordered[high].astype("float64") - mean).fillna(0).clip(lower=0)])
        ax.errorbar(mean, np.arange(len(ordered)), xerr=errors, fmt="o", color="#4e79a7", capsize=3, markersize=4)
        ax.set_yticks(np.arange(len(ordered)), labels, fontsize=8)
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.set_xlabel(f"{measure_label(column)} (95% interval)", fontsize=8)
    ax.set_title(f"{measure_label(column).capitalize()} by {literal(by)}", fontsize=10, loc="left")
    return fig


def tone_arcs(article_stats: pd.DataFrame, groups: pd.Series, max_lines: int = 8) -> Figure:
    """Mean tone of the opening, middle and closing third of articles (`tone.article_tone` arcs),
    one line per group of `groups` (labels indexed by article_id, e.g. `stats.group_labels(articles,
    "outlet", top_n=8)`; articles without a label are left out): the `max_lines` groups with most
    articles, "other" last, the title saying when some are left out."""
    fig, (ax,) = new_figure(2.9)
    by = str(groups.name)
    arcs = ["arc_opening", "arc_middle", "arc_close"]
    frame = article_stats.assign(_group=article_stats["article_id"].map(groups)).dropna(subset=["_group"])
    if frame.empty or frame[arcs].isna().all().all():
        show_empty(ax, "no scored articles")
        return fig
    grouped = frame.groupby("_group")
    sizes = grouped.size()
    order = sorted(sizes.index, key=lambda g: (g in (stats.OTHER, stats.UNKNOWN), -sizes[g], str(g)))
    named = [g for g in order if g not in (stats.OTHER, stats.UNKNOWN)]
    shown = (named[:max_lines] + [g for g in order if g not in named])[:max_lines]
    means = grouped[arcs].mean()
    for k, group in enumerate(shown):
        ax.plot(range(3), means.loc[group].to_numpy(dtype="float64"), marker="o", linewidth=1.2,
                color=OTHER_COLOR if group == stats.OTHER else f"C{k % 10}",
                linestyle="--" if group == stats.OTHER else "-", label=literal(shorten(str(group), 28)))
    ax.set_xticks(range(3), ["opening", "middle", "close"])
    ax.axhline(0, color="#333333", linewidth=0.6)
    ax.set_ylabel("mean compound", fontsize=8)
    legend_outside(ax, by)
    left_out = f" ({len(shown)} largest of {len(order)} shown)" if len(shown) < len(order) else ""
    ax.set_title(f"Tone arc by {literal(by)} (mean of articles){left_out}", fontsize=10, loc="left")
    return fig
