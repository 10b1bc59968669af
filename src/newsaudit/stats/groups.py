"""The group of each article: outlet (or any articles column), ISO week, month or year of
publication, or the folder of its file; the largest groups kept and the rest pooled as "other"."""

from __future__ import annotations

import datetime
import re

import pandas as pd

UNKNOWN = "unknown"
OTHER = "other"
# Grouping keys computed from the articles table; "period" (month) and "topic" (folder) are aliases.
PERIOD_FREQS = {"week": "W", "month": "M", "year": "Y"}
KEY_ALIASES = {"period": "month", "topic": "folder"}
GROUP_KEYS = ("outlet", "week", "month", "year", "folder")
_FREQ_NAMES = {"W": "week", "M": "month", "Y": "year", "A": "year"}


def period_key(by: str) -> str | None:
    """'week', 'month' or 'year' when `by` groups by time ('period' is a month), else None."""
    key = KEY_ALIASES.get(by, by) if isinstance(by, str) else None
    key = _FREQ_NAMES.get(key, key)
    return key if key in PERIOD_FREQS else None


def _dates(published: pd.Series) -> pd.Series:
    """Publication dates in UTC; text in any common format (each value read on its own), NaT where
    missing or unreadable."""
    published = pd.Series(published)
    if pd.api.types.is_datetime64_any_dtype(published):
        return pd.to_datetime(published, utc=True)
    return pd.to_datetime(published, errors="coerce", utc=True, format="mixed")


def period_of(published: pd.Series, freq: str = "M") -> pd.Series:
    """Period labels of publication dates, 'unknown' where the date is missing (never invented).

    `freq` "M"/"month" gives '2026-03', "Y"/"year" '2026', "W"/"week" the ISO week '2026-W01'
    (weeks run Monday to Sunday and belong to the year of their Thursday, so 2025-12-31 is in
    '2026-W01' and every week has one label even across a year boundary). Dates are read in UTC.
    """
    published = pd.Series(published)
    dates = _dates(published).dt.tz_localize(None)
    key = period_key(freq)
    if key is None:
        raise ValueError(f"unknown period {freq!r}: use 'week', 'month' or 'year'")
    if key == "week":
        iso = dates.dt.isocalendar()
        labels = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    else:
        labels = dates.dt.to_period(PERIOD_FREQS[key]).astype("string")
    return pd.Series(labels.astype(object).where(dates.notna(), UNKNOWN).values, index=published.index, dtype=object)


def period_start(label: str, freq: str) -> pd.Timestamp:
    """First day of a period label made by `period_of` (NaT for 'unknown')."""
    key = period_key(freq)
    if not isinstance(label, str) or label == UNKNOWN:
        return pd.NaT
    if key == "week":
        year, week = label.split("-W")
        return pd.Timestamp(datetime.date.fromisocalendar(int(year), int(week), 1))
    return pd.Period(label, freq=PERIOD_FREQS[key]).start_time


def period_range(labels, freq: str) -> list[str]:
    """Every period label from the earliest to the latest of `labels` ('unknown' left out), so a
    time axis shows gaps where nothing was published."""
    key = period_key(freq)
    starts = pd.Series([period_start(label, key) for label in labels if label != UNKNOWN], dtype="datetime64[ns]")
    if starts.empty:
        return []
    if key == "week":
        days = pd.date_range(starts.min(), starts.max(), freq="7D")
    else:
        days = pd.period_range(starts.min(), starts.max(), freq=PERIOD_FREQS[key]).start_time
    return period_of(pd.Series(days), key).tolist()


def auto_period(published: pd.Series, max_points: int = 120) -> str:
    """The period a trend reads best by: 'week' when the dates span under six months, 'month'
    while that gives at most `max_points` points (ten years), else 'year'."""
    dates = _dates(published).dropna()
    if dates.empty:
        return "month"
    months = (dates.max().year - dates.min().year) * 12 + dates.max().month - dates.min().month + 1
    if months < 6:
        return "week"
    return "month" if months <= max_points else "year"


_ROW_SUFFIX = re.compile(r"#(?:row|line)\d+$")


def folder_of(source_paths: pd.Series) -> pd.Series:
    """The name of the folder holding each article's file ('business' for bbc/business/001.txt; a
    row of a table file takes the table's folder); 'unknown' where there is no path."""
    def folder(path) -> str:
        if not isinstance(path, str) or not path.strip():
            return UNKNOWN
        parts = [p for p in re.split(r"[\\/]+", _ROW_SUFFIX.sub("", path.strip())) if p]
        return parts[-2] if len(parts) >= 2 and parts[-2] not in (".", "..") else UNKNOWN
    return pd.Series([folder(p) for p in source_paths], index=source_paths.index, dtype=object)


def pool_labels(labels: pd.Series, top_n: int | None, other: str = OTHER) -> pd.Series:
    """The `top_n` labels with most rows (articles) kept, the others pooled as `other` (ties go to
    the label first in alphabetical order). Nothing is pooled when `top_n` is None or when at most
    one label would be (a lone label is shown under its own name)."""
    counts = labels.value_counts()
    if not top_n or len(counts) <= top_n + 1:
        return labels
    ranked = counts.rename_axis("label").reset_index(name="n").sort_values(["n", "label"], ascending=[False, True])
    kept = set(ranked["label"].head(top_n))
    return labels.where(labels.isin(kept), other)


def group_labels(articles: pd.DataFrame, by: str = "outlet", top_n: int | None = None) -> pd.Series:
    """The group of each article, indexed by article_id and named `by`:

    - 'outlet' (or any other articles column): its value, 'unknown' where missing;
    - 'week', 'month' (alias 'period'), 'year': `period_of` its publication date, 'unknown'
      where the date is missing;
    - 'folder' (alias 'topic' unless the articles have a 'topic' column): `folder_of` its
      `source_path`, e.g. BBC's business, sport, tech folders.

    `top_n` keeps the `top_n` groups with most articles and pools the rest as 'other' (outlets and
    folders only; periods are never pooled).
    """
    key = KEY_ALIASES.get(by, by)
    if period_key(by):
        labels = period_of(articles["published"], PERIOD_FREQS[period_key(by)])
    elif by in articles.columns:
        labels = articles[by].astype(object).where(articles[by].notna(), UNKNOWN).astype(str)
        labels = labels.where(labels.str.strip() != "", UNKNOWN)
    elif key == "folder":
        paths = articles["source_path"] if "source_path" in articles.columns else pd.Series(None, index=articles.index)
        labels = folder_of(paths)
    else:
        raise ValueError(f"cannot group by {by!r}: use one of {', '.join(GROUP_KEYS)}, 'period', 'topic' "
                         "or an articles column")
    labels = pd.Series(labels.values, index=articles["article_id"].values, name=by, dtype=object)
    return labels if period_key(by) else pool_labels(labels, top_n)


def key_labels(articles: pd.DataFrame, by) -> tuple[list[str], pd.DataFrame]:
    """Key names and a frame of labels indexed by article_id, one column per key; each key is a
    name for `group_labels` or a named Series of labels indexed by article_id."""
    keys = [by] if isinstance(by, (str, pd.Series)) else list(by)
    columns = {}
    for key in keys:
        labels = key if isinstance(key, pd.Series) else group_labels(articles, key)
        columns[str(labels.name)] = labels.reindex(articles["article_id"].values)
    frame = pd.DataFrame(columns, index=pd.Index(articles["article_id"].values, name="article_id"))
    return list(columns), frame


def with_labels(frame: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Rows of `frame` whose article has labels, with the label columns joined on."""
    chosen = frame[frame["article_id"].isin(labels.index)]
    return chosen.drop(columns=list(labels.columns), errors="ignore").join(labels, on="article_id")
