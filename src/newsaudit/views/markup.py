"""Markup for the report pages: escaped HTML blocks (`HTML`, `table`, `heading`, `paragraph`) and
the small formatters the article and corpus tables share. Everything returned as HTML is escaped
here, so article text can never inject markup into a report."""

from __future__ import annotations

import html
import re

import pandas as pd

from ..plots.style import shorten

__all__ = ["HTML", "table", "heading", "paragraph", "rounded", "percent", "source_label", "shorten"]


class HTML:
    """Markup already escaped by this module; notebooks display it with `display(...)`."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        """Plain text for consoles: the markup without tags, cut short."""
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", self.markup)).split())
        return text if len(text) <= 300 else text[:299] + "…"


def table(frame: pd.DataFrame, max_rows: int | None = None, float_format: str = "{:.2f}") -> HTML:
    """An escaped HTML table without the index; floats rounded; long frames cut to `max_rows`."""
    shown = frame if max_rows is None else frame.head(max_rows)
    markup = shown.to_html(
        index=False, escape=True, na_rep="", border=0, classes="newsaudit-table",
        float_format=float_format.format,
    )
    if max_rows is not None and len(frame) > max_rows:
        markup += f"<p><em>{max_rows} of {len(frame)} rows shown.</em></p>"
    return HTML(markup)


def heading(text: str, level: int = 2) -> HTML:
    return HTML(f"<h{level}>{html.escape(str(text))}</h{level}>")


def paragraph(text: str) -> HTML:
    return HTML(f"<p>{html.escape(str(text))}</p>")


def rounded(value) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):+.2f}"


def percent(value) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):.0%}"


def source_label(attributions: pd.DataFrame) -> pd.Series:
    """The resolved speaker where known, else the mention as written, else "(no source)"."""
    speaker = attributions["speaker"].astype("string").str.strip().replace("", pd.NA)
    written = attributions["source_text"].astype("string").str.strip().replace("", pd.NA)
    return speaker.fillna(written).fillna("(no source)")
