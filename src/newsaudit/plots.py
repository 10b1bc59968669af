"""The figures of the reports. Each function takes tables and returns a matplotlib `Figure` built
without pyplot, so no global figure state is touched; notebooks show them with `display(fig)`."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import schema, stats, views

DPI = 110
WIDTH = 7.5  # inches: fits an A4 page with margins at 100% zoom

SOURCE_TYPE_COLORS = {
    "person": "#4e79a7", "organization": "#f28e2b", "government": "#59a14f", "anonymous": "#e15759",
    "document": "#b07aa1", "media": "#76b7b2", "unknown": "#bab0ac",
}
KIND_COLORS = {"direct": "#4e79a7", "indirect": "#a0cbe8", "mixed": "#f1ce63"}
TONE_COLORS = {"positive": "#59a14f", "negative": "#e15759", "neutral": "#bab0ac", "": "#bab0ac"}


def _figure(height: float, ncols: int = 1) -> tuple[Figure, list]:
    fig = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


def _literal(label: str) -> str:
    """A name from the data shown as written: matplotlib reads text between two `$` as math
    (and fails on an unknown command like `$\\undefinedcmd$`); `\\$` is a plain dollar sign."""
    return label.replace("$", r"\$")


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])


def sentence_sentiment(sentences: pd.DataFrame, attributions: pd.DataFrame | None = None) -> Figure:
    """VADER compound score of each sentence in reading order; sentences holding an attribution
    are marked with a dot above their bar."""
    fig, (ax,) = _figure(2.8)
    ordered = sentences.sort_values("sentence_id")
    if ordered.empty:
        _empty(ax, "no sentences")
        return fig
    compound = pd.to_numeric(ordered["compound"], errors="coerce").fillna(0.0).to_numpy()
    position = ordered["sentence_id"].to_numpy()
    ax.bar(position, compound, width=0.8, color=[TONE_COLORS[views.tone(c)] for c in compound])
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
    fig, (ax,) = _figure(0.9 + 0.3 * max(types, 1))
    if attributions.empty:
        _empty(ax, "no attributions found")
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


def source_type_shares(shares: pd.DataFrame) -> Figure:
    """Stacked bars: for each outlet, the share of its attributions going to each source type
    (`views.source_type_shares`)."""
    fig, (ax,) = _figure(0.8 + 0.32 * max(len(shares), 1))
    if shares.empty:
        _empty(ax, "no attributions found")
        return fig
    ordered = shares.iloc[::-1]
    left = np.zeros(len(ordered))
    for source_type in ordered.columns:
        ax.barh([_literal(outlet) for outlet in ordered.index.astype(str)], ordered[source_type], left=left,
                color=SOURCE_TYPE_COLORS.get(source_type, "#999999"), label=_literal(source_type))
        left += ordered[source_type].to_numpy()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    ax.legend(fontsize=7, frameon=False, ncols=min(len(ordered.columns), 7),
              loc="upper left", bbox_to_anchor=(0, -0.12 - 0.4 / max(len(shares), 1)))
    name = shares.index.name
    title = ("Who outlets cite: share of citations by source type" if name in (None, "outlet")
             else f"Who is cited, by {_literal(str(name))}: share of citations by source type")
    ax.set_title(title, fontsize=10, loc="left")
    return fig


def sentiment_distribution(tables: dict[str, pd.DataFrame]) -> Figure:
    """Left: sentence compound scores (exact zeros, sentences with no sentiment words, left out).
    Right: tone of what sources said, per source type."""
    fig, (left, right) = _figure(2.9, ncols=2)
    compound = pd.to_numeric(tables["sentences"]["compound"], errors="coerce").dropna()
    scored = compound[compound != 0]
    if scored.empty:
        _empty(left, "no scored sentences")
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
        _empty(right, "no attributions found")
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
    fig, (ax,) = _figure(0.7 + 0.26 * max(len(speakers), 1))
    if speakers.empty:
        _empty(ax, "no named or typed sources")
        return fig
    ordered = speakers.iloc[::-1]
    labels = [_literal(views.shorten(s, 40)) for s in ordered["speaker"].astype(str)]
    ax.barh(range(len(ordered)), ordered["citations"],
            color=[SOURCE_TYPE_COLORS.get(t, "#999999") for t in ordered["type"]])
    ax.set_yticks(range(len(ordered)), labels, fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("citations")
    ax.set_title("Most cited sources (colour: source type)", fontsize=10, loc="left")
    return fig


def share_women_over_time(by_outlet_period: pd.DataFrame, top_n: int = 6) -> Figure:
    """Share of women among the people cited, per month, one line per outlet (the `top_n` outlets
    citing most people of known gender; the others pooled as "other"), from
    `stats.gender_by_group(..., by=["outlet", "period"])`. Months without a date are left out."""
    fig, (ax,) = _figure(3.2)
    table = by_outlet_period[by_outlet_period["period"] != "unknown"].copy()
    table["known"] = table["women"] + table["men"]
    if table["known"].sum() == 0:
        _empty(ax, "no cited people of known gender with a publication date")
        return fig
    ranked = table.groupby("outlet")["known"].sum().sort_values(ascending=False)
    kept = set(ranked.index[:top_n])
    table["line"] = table["outlet"].where(table["outlet"].isin(kept), "other")
    pooled = table.groupby(["line", "period"])[["women", "known"]].sum().reset_index()
    periods = sorted(pooled["period"].unique())
    position = {p: k for k, p in enumerate(periods)}
    for line, part in pooled.groupby("line", sort=False):
        part = part[part["known"] > 0].sort_values("period")
        ax.plot([position[p] for p in part["period"]], part["women"] / part["known"], marker="o", markersize=3,
                linewidth=1.2, label=_literal(views.shorten(str(line), 30)),
                color="#999999" if line == "other" else None)
    step = max(1, len(periods) // 12)
    ax.set_xticks(range(0, len(periods), step), periods[::step], fontsize=8, rotation=45, ha="right")
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of women")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title("Women among the people cited, by month (people of known gender)", fontsize=10, loc="left")
    return fig


# --- comparisons over outlets and time ------------------------------------------------------------

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


def _measure_label(column: str) -> str:
    return MEASURE_LABELS.get(column, column.replace("_", " "))


def _share_label(column: str) -> str:
    return _measure_label(column).removeprefix("share of citations ")


def _format_measure_axis(axis, column: str, values: pd.Series | np.ndarray) -> None:
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


def _period_ticks(periods: list[str], key: str, max_ticks: int = MAX_TICKS) -> tuple[list[int], list[str]]:
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


def _time_axis(ax, periods: list[str], key: str, max_ticks: int = MAX_TICKS) -> None:
    positions, labels = _period_ticks(periods, key, max_ticks)
    long = len(labels) > 6 and any(len(label) > 4 for label in labels)  # slant only crowded labels
    ax.set_xticks(positions, labels, fontsize=8, rotation=45 if long else 0, ha="right" if long else "center")
    ax.set_xlim(-0.5, max(len(periods) - 0.5, 0.5))


def _group_names(table: pd.DataFrame) -> tuple[str, str]:
    """The grouping column and the period column of a `stats.trends` table."""
    period = table.attrs.get("period") or next(c for c in ("week", "month", "year", "period") if c in table.columns)
    by = table.attrs.get("by") or next(c for c in table.columns if c != period and c not in stats.COMPARISON_COLUMNS)
    return by, period


def _line_label(name: str, pooled: int | None) -> str:
    label = views.shorten(str(name), 28)
    if name == stats.OTHER and pooled:
        label = f"other ({pooled} pooled)"
    return _literal(label)


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
        self.marker = {"marker": "o", "markersize": 3 if len(self.periods) <= 40 else 1.8}
        self.xlabel = self.key + (f" ({self.undated} articles without a date left out)" if self.undated else "")
        self.empty_message = "no articles with a publication date" + (
            f" ({self.undated} without one)" if self.undated else "")

    def values(self, column: str) -> pd.DataFrame:
        return (self.table.pivot(index=self.period, columns=self.by, values=column)
                .reindex(index=self.periods, columns=self.order).astype("float64"))

    def draw(self, ax, column: str, max_ticks: int = MAX_TICKS) -> None:
        values = self.values(column)
        for group in self.order:
            ax.plot(self.x, values[group].to_numpy(), color=_color(self.colors[group]), linewidth=1.2,
                    linestyle="--" if group == stats.OTHER else "-", label=_line_label(group, self.pooled),
                    **self.marker)
        _format_measure_axis(ax, column, values.to_numpy().ravel())
        _time_axis(ax, self.periods, self.key, max_ticks)


def _color(name: str):
    """'C3' and '#abcdef' as matplotlib reads them; 'tab20(k)' the k-th colour of tab20."""
    if name.startswith("tab20("):
        from matplotlib import colormaps

        return colormaps["tab20"](int(name[6:-1]))
    return name


def trend_lines(trend: pd.DataFrame, measure: str = "share_anonymous", panels: bool = False,
                max_ticks: int = MAX_TICKS) -> Figure:
    """A measure of `stats.compare_groups` over time, one line per group of `stats.trends` (the top
    outlets and "other", grey and dashed): at most top_n + 1 lines whatever the number of outlets.
    Periods with no articles leave a gap; articles without a date are left out (the x label says
    how many); the legend sits outside the axes. `panels=True` draws small multiples instead: one
    panel per group, the other groups faint behind it."""
    column = stats.measure_column(measure)
    layout = _Trend(trend)
    title = f"{_measure_label(column).capitalize()}, by {layout.key}"
    if not layout.periods:
        fig, (ax,) = _figure(1.4)
        _empty(ax, layout.empty_message)
        ax.set_title(title, fontsize=10, loc="left")
        return fig
    if not panels:
        fig, (ax,) = _figure(3.3)
        layout.draw(ax, column, max_ticks)
        ax.set_xlabel(layout.xlabel, fontsize=8)
        ax.set_ylabel(_measure_label(column), fontsize=8)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title=_literal(layout.by),
                  title_fontsize=7)
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
        ax.plot(layout.x, values[group].to_numpy(), color=_color(layout.colors[group]), linewidth=1.4,
                **layout.marker)
        ax.set_title(_line_label(group, layout.pooled), fontsize=8, loc="left")
        _time_axis(ax, layout.periods, layout.key, max(2, max_ticks // ncols))
        ax.tick_params(labelsize=7)
    for index, ax in enumerate(axes[:len(order)]):
        if index + ncols >= len(order):  # the lowest panel of its column shows the time axis
            ax.tick_params(labelbottom=True)
    for ax in axes[len(order):]:
        ax.set_axis_off()
    _format_measure_axis(axes[0], column, values.to_numpy().ravel())
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
        fig, (ax,) = _figure(1.4)
        _empty(ax, layout.empty_message if columns else "no measures chosen")
        ax.set_title("Trends", fontsize=10, loc="left")
        return fig
    fig = Figure(figsize=(WIDTH, 0.8 + 1.75 * len(columns)), dpi=DPI, layout="constrained")
    axes = fig.subplots(len(columns), 1, squeeze=False, sharex=True)[:, 0]
    for ax, column in zip(axes, columns):
        layout.draw(ax, column, max_ticks)
        ax.set_title(_measure_label(column).capitalize(), fontsize=9, loc="left")
        ax.tick_params(labelsize=7)
    axes[-1].set_xlabel(layout.xlabel, fontsize=8)
    axes[0].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
                   title=_literal(layout.by), title_fontsize=7)
    fig.suptitle(f"Trends by {layout.key}", fontsize=10, x=0.01, ha="left")
    return fig


def _dated_periods(table: pd.DataFrame, by: str, key: str) -> tuple[list, pd.DataFrame]:
    """Every period from the first dated group to the last (gaps included), and the table's rows
    indexed by them (gaps as NaN); undated groups are left out."""
    dated = table[table[by] != stats.UNKNOWN]
    periods = stats.period_range(dated[by].unique(), key)
    return periods, dated.set_index(by).reindex(periods)


def group_shares(table: pd.DataFrame, by: str,
                 measures: tuple[str, ...] = ("share_anonymous", "share_named", "share_official", "share_direct",
                                              "share_loaded")) -> Figure:
    """Sourcing shares of a `stats.compare_groups` table: bars per group for outlets or folders
    (pool them with top_n first), one line per share over time for weeks, months or years."""
    columns = [stats.measure_column(m) for m in measures]
    key = stats.period_key(by)
    palette = {column: f"C{k}" for k, column in enumerate(columns)}
    if key:
        fig, (ax,) = _figure(3.0)
        periods, dated = _dated_periods(table, by, key)
        if not periods:
            _empty(ax, "no articles with a publication date")
            return fig
        values = dated[columns]
        marker = {"marker": "o", "markersize": 3 if len(periods) <= 40 else 1.8}
        for column in columns:
            ax.plot(np.arange(len(periods)), values[column].to_numpy(dtype="float64"), color=palette[column],
                    linewidth=1.2, label=_share_label(column), **marker)
        _format_measure_axis(ax, "share_", values.to_numpy().ravel())
        _time_axis(ax, periods, key)
        ax.set_ylabel("share of citations", fontsize=8)
    else:
        fig, (ax,) = _figure(0.9 + 0.26 * max(len(table), 1))
        if table.empty:
            _empty(ax, "no articles")
            return fig
        ordered = table.iloc[::-1].reset_index(drop=True)
        rows = np.arange(len(ordered))
        for k, column in enumerate(columns):
            ax.scatter(ordered[column].astype("float64"), rows, s=22, color=palette[column],
                       marker="os^Dv"[k % 5], label=_share_label(column), zorder=3)
        labels = [_line_label(g, p) for g, p in zip(ordered[by], ordered.get("pooled", [None] * len(ordered)))]
        ax.set_yticks(rows, labels, fontsize=8)
        ax.set_ylim(-0.6, len(ordered) - 0.4)
        ax.grid(axis="y", color="#eeeeee", linewidth=0.8)
        ax.set_xlim(-0.02, 1.02)
        ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
        ax.set_xlabel("share of citations", fontsize=8)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title(f"Sourcing by {_literal(by)}", fontsize=10, loc="left")
    return fig


def group_tone(table: pd.DataFrame, by: str, value: str = "sentiment_mean") -> Figure:
    """Tone of a `stats.compare_groups` table with its bootstrap 95% interval: a point per outlet or
    folder, a line with a band over weeks, months or years."""
    column = stats.measure_column(value)
    low, high = f"{column}_ci_low", f"{column}_ci_high"
    key = stats.period_key(by)
    if key:
        fig, (ax,) = _figure(2.8)
        periods, dated = _dated_periods(table, by, key)
        if not periods:
            _empty(ax, "no articles with a publication date")
            return fig
        values = dated[[column, low, high]].astype("float64")
        x = np.arange(len(periods))
        ax.fill_between(x, values[low], values[high], color="#4e79a7", alpha=0.2, linewidth=0, label="95% interval")
        ax.plot(x, values[column], color="#4e79a7", marker="o", markersize=3 if len(periods) <= 40 else 1.8,
                linewidth=1.2, label=_measure_label(column))
        ax.axhline(0, color="#333333", linewidth=0.6)
        _time_axis(ax, periods, key)
        ax.set_ylabel("compound", fontsize=8)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    else:
        fig, (ax,) = _figure(0.8 + 0.28 * max(len(table), 1))
        if table.empty:
            _empty(ax, "no articles")
            return fig
        ordered = table.iloc[::-1].reset_index(drop=True)
        mean = ordered[column].astype("float64")
        errors = np.vstack([(mean - ordered[low].astype("float64")).fillna(0).clip(lower=0),
                            (ordered[high].astype("float64") - mean).fillna(0).clip(lower=0)])
        ax.errorbar(mean, np.arange(len(ordered)), xerr=errors, fmt="o", color="#4e79a7", capsize=3, markersize=4)
        labels = [_line_label(g, p) for g, p in zip(ordered[by], ordered.get("pooled", [None] * len(ordered)))]
        ax.set_yticks(np.arange(len(ordered)), labels, fontsize=8)
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.set_xlabel(f"{_measure_label(column)} (95% interval)", fontsize=8)
    ax.set_title(f"{_measure_label(column).capitalize()} by {_literal(by)}", fontsize=10, loc="left")
    return fig


def tone_arcs(article_stats: pd.DataFrame, groups: pd.Series, max_lines: int = 8) -> Figure:
    """Mean tone of the opening, middle and closing third of articles (`tone.article_tone` arcs),
    one line per group of `groups` (labels indexed by article_id, e.g. `stats.group_labels(articles,
    "outlet", top_n=8)`; articles without a label are left out): the `max_lines` groups with most
    articles, "other" last, the title saying when some are left out."""
    fig, (ax,) = _figure(2.9)
    by = str(groups.name)
    arcs = ["arc_opening", "arc_middle", "arc_close"]
    frame = article_stats.assign(_group=article_stats["article_id"].map(groups)).dropna(subset=["_group"])
    if frame.empty or frame[arcs].isna().all().all():
        _empty(ax, "no scored articles")
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
                linestyle="--" if group == stats.OTHER else "-", label=_literal(views.shorten(str(group), 28)))
    ax.set_xticks(range(3), ["opening", "middle", "close"])
    ax.axhline(0, color="#333333", linewidth=0.6)
    ax.set_ylabel("mean compound", fontsize=8)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title=_literal(by),
              title_fontsize=7)
    left_out = f" ({len(shown)} largest of {len(order)} shown)" if len(shown) < len(order) else ""
    ax.set_title(f"Tone arc by {_literal(by)} (mean of articles){left_out}", fontsize=10, loc="left")
    return fig
