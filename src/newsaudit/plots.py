"""The figures of the reports. Each function takes tables and returns a matplotlib `Figure` built
without pyplot, so no global figure state is touched; notebooks show them with `display(fig)`."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import schema, views

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
    ax.set_title("Who outlets cite: share of citations by source type", fontsize=10, loc="left")
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
