"""Markup for the report pages: escaped HTML blocks (`HTML`, `table`, `heading`, `paragraph`) and
the small formatters the article and corpus tables share. Everything returned as HTML is escaped
here, so article text can never inject markup into a report."""

from __future__ import annotations

import html
import numbers
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
    """An escaped HTML table without the index; floats rounded, missing values blank; long frames
    cut to `max_rows`. (Written here rather than by `DataFrame.to_html`, which takes ten times as
    long: tables are a good part of a report's time.)"""
    shown = frame if max_rows is None else frame.head(max_rows)
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in shown.columns)
    rows = "\n".join("<tr>" + "".join(f"<td>{_cell(value, float_format)}</td>" for value in row) + "</tr>"
                     for row in shown.itertuples(index=False, name=None))
    markup = (f'<table class="dataframe newsaudit-table">\n<thead><tr>{head}</tr></thead>\n'
              f"<tbody>\n{rows}\n</tbody>\n</table>")
    if max_rows is not None and len(frame) > max_rows:
        markup += f"<p><em>{max_rows} of {len(frame)} rows shown.</em></p>"
    return HTML(markup)


def _cell(value, float_format: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        return "" if value != value else float_format.format(value)  # NaN never equals itself
    return html.escape(str(value))


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
