"""Trend lines over weeks, months or years, one line per group of `stats.trends` (the top
outlets and a grey "other"), as one chart, small multiples or a stack of measures."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import stats
from .style import (DPI, MAX_TICKS, OTHER_COLOR, WIDTH, format_measure_axis, legend_outside, line_label,
                    markers, measure_label, named_color, new_figure, show_empty, time_axis)


def _group_names(table: pd.DataFrame) -> tuple[str, str]:
    """The grouping column and the period column of a `stats.trends` table."""
    period = table.attrs.get("period") or next(c for c in ("week", "month", "year", "period") if c in table.columns)
    by = table.attrs.get("by") or next(c for c in table.columns if c != period and c not in stats.COMPARISON_COLUMNS)
    return by, period


class _Trend:
    """A `stats.trends` table laid out for drawing: the full run of periods, the groups in order
    (largest first, "other" last) with their colours, and the notes for the x axis."""

    def __init__(self, trend: pd.DataFrame):
        self.table = trend
        self.by, period = _group_names(trend)
        self.period = period
        self.key = stats.period_key(period)
        self.periods = stats.period_range(trend[period].unique(), self.key)
        self.undated = int(trend.attrs.get("undated", 0))
        self.pooled = trend.attrs.get("pooled_groups")
        sizes = trend.groupby(self.by)["articles"].sum()
        self.order = sorted(sizes.index, key=lambda g: (g == stats.UNKNOWN, g == stats.OTHER, -sizes[g], str(g)))
        palette = [f"C{k}" for k in range(10)] if len(self.order) <= 11 else [f"tab20({k})" for k in range(20)]
        named = [g for g in self.order if g != stats.OTHER]
        self.colors = {g: palette[k % len(palette)] for k, g in enumerate(named)} | {stats.OTHER: OTHER_COLOR}
        self.x = np.arange(len(self.periods))
        self.marker = markers(len(self.periods))
        self.xlabel = self.key + (f" ({self.undated} articles without a date left out)" if self.undated else "")
        self.empty_message = "no articles with a publication date" + (
            f" ({self.undated} without one)" if self.undated else "")

    def values(self, column: str) -> pd.DataFrame:
        return (self.table.pivot(index=self.period, columns=self.by, values=column)
                .reindex(index=self.periods, columns=self.order).astype("float64"))

    def draw(self, ax, column: str, max_ticks: int = MAX_TICKS) -> None:
        values = self.values(column)
        for group in self.order:
            ax.plot(self.x, values[group].to_numpy(), color=named_color(self.colors[group]), linewidth=1.2,
                    linestyle="--" if group == stats.OTHER else "-", label=line_label(group, self.pooled),
                    **self.marker)
        format_measure_axis(ax, column, values.to_numpy().ravel())
        time_axis(ax, self.periods, self.key, max_ticks)


def trend_lines(trend: pd.DataFrame, measure: str = "share_anonymous", panels: bool = False,
                max_ticks: int = MAX_TICKS) -> Figure:
    """A measure of `stats.compare_groups` over time, one line per group of `stats.trends` (the top
    outlets and "other", grey and dashed): at most top_n + 1 lines whatever the number of outlets.
    Periods with no articles leave a gap; articles without a date are left out (the x label says
    how many); the legend sits outside the axes. `panels=True` draws small multiples instead: one
    panel per group, the other groups faint behind it."""
    column = stats.measure_column(measure)
    layout = _Trend(trend)
    title = f"{measure_label(column).capitalize()}, by {layout.key}"
    if not layout.periods:
        fig, (ax,) = new_figure(1.4)
        show_empty(ax, layout.empty_message)
        ax.set_title(title, fontsize=10, loc="left")
        return fig
    if not panels:
        fig, (ax,) = new_figure(3.3)
        layout.draw(ax, column, max_ticks)
        ax.set_xlabel(layout.xlabel, fontsize=8)
        ax.set_ylabel(measure_label(column), fontsize=8)
        legend_outside(ax, layout.by)
        ax.set_title(title, fontsize=10, loc="left")
        return fig
    order, values = layout.order, layout.values(column)
    ncols = min(3, len(order))
    nrows = -(-len(order) // ncols)
    fig = Figure(figsize=(WIDTH, 0.6 + 1.5 * nrows), dpi=DPI, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True).ravel()
    for ax, group in zip(axes, order):
        for other in order:
            if other != group:
                ax.plot(layout.x, values[other].to_numpy(), color="#e3e3e3", linewidth=0.8)
        ax.plot(layout.x, values[group].to_numpy(), color=named_color(layout.colors[group]), linewidth=1.4,
                **layout.marker)
        ax.set_title(line_label(group, layout.pooled), fontsize=8, loc="left")
        time_axis(ax, layout.periods, layout.key, max(2, max_ticks // ncols))
        ax.tick_params(labelsize=7)
    for index, ax in enumerate(axes[:len(order)]):
        if index + ncols >= len(order):  # the lowest panel of its column shows the time axis
            ax.tick_params(labelbottom=True)
    for ax in axes[len(order):]:
        ax.set_axis_off()
    format_measure_axis(axes[0], column, values.to_numpy().ravel())
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    fig.supxlabel(layout.xlabel, fontsize=8)
    return fig


def trend_measures(trend: pd.DataFrame,
                   measures=("share_anonymous", "share_official", "share_women", "sentiment_mean"),
                   max_ticks: int = MAX_TICKS) -> Figure:
    """Several measures over time, one panel each, stacked on a shared time axis with one legend:
    the same top outlets and "other" in the same colours in every panel (`stats.trends`)."""
    columns = [stats.measure_column(m) for m in measures]
    layout = _Trend(trend)
    if not layout.periods or not columns:
        fig, (ax,) = new_figure(1.4)
        show_empty(ax, layout.empty_message if columns else "no measures chosen")
        ax.set_title("Trends", fontsize=10, loc="left")
        return fig
    fig = Figure(figsize=(WIDTH, 0.8 + 1.75 * len(columns)), dpi=DPI, layout="constrained")
    axes = fig.subplots(len(columns), 1, squeeze=False, sharex=True)[:, 0]
    for ax, column in zip(axes, columns):
        layout.draw(ax, column, max_ticks)
        ax.set_title(measure_label(column).capitalize(), fontsize=9, loc="left")
        ax.tick_params(labelsize=7)
    axes[-1].set_xlabel(layout.xlabel, fontsize=8)
    legend_outside(axes[0], layout.by)
    fig.suptitle(f"Trends by {layout.key}", fontsize=10, x=0.01, ha="left")
    return fig
