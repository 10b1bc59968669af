"""Field values for the loader: which column is which field, dates, outlets and outlet aliases.

Nothing here invents data: a date that cannot be read in full (day, month and year) stays missing,
and an outlet comes from the data, the article's URL or the user's alias table.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import json
import math
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from .load_decode import InputError, decode_bytes

# Column (or JSON field) names that exports in the wild use for each of our fields, most specific
# first. A row takes the first of its columns that holds a value: news-please files carry a null
# `text` beside the real `maintext`.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "maintext", "body", "content", "article_text", "full_text", "fulltext", "article_body",
        "articlebody", "body_text", "article", "story",
    ),
    "title": ("title", "headline", "heading", "head", "name", "title_page", "title_rss"),
    "outlet": (
        "outlet", "publisher", "source", "publication", "site", "site_name", "sitename", "source_name",
        "domain", "source_domain", "hostname",
    ),
    "published": (
        "published", "publication_date", "published_at", "publishedat", "pub_date", "pubdate",
        "publish_date", "date_publish", "date_published", "datepublished", "published_date", "date",
        "datetime", "timestamp",
    ),
    "url": ("url", "link", "href", "canonical_link", "canonical_url", "article_url", "source_url"),
    "id": ("article_id", "id", "doc_id", "uid", "_id"),
    "path": ("path", "filename", "file", "source_path"),
    "author": ("author", "authors", "byline", "creator", "writer"),
}


def field_candidates(columns: Iterable, column_map: Mapping[str, str] | None,
                     strict: bool = True) -> dict[str, list]:
    """For each of our fields, the columns that may hold it, in order of preference.

    `column_map` (from `--column`) names the one column of a field; with `strict`, a mapped column
    that the table lacks is an InputError.
    """
    columns = list(columns)
    lower: dict[str, object] = {}
    for column in columns:
        lower.setdefault(str(column).strip().lower(), column)
    found: dict[str, list] = {}
    for ours, theirs in (column_map or {}).items():
        if theirs not in columns and strict:
            raise InputError(f"column {theirs!r} (mapped to {ours}) not in columns {columns}")
        found[ours] = [theirs]
    for ours, aliases in COLUMN_ALIASES.items():
        if ours not in found:
            candidates = [lower[alias] for alias in aliases if alias in lower]
            if candidates:
                found[ours] = candidates
    return found


def is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return not value
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def pick(record: Mapping, candidates: dict[str, list]) -> dict:
    """Our fields from one record: the first candidate column holding a value, per field."""
    fields = {}
    for ours, columns in candidates.items():
        for column in columns:
            value = record.get(column)
            if not is_missing(value):
                fields[ours] = value
                break
    return fields


def as_text(value) -> str | None:
    """Scraped tables mix types in a column (a numeric URL, a list of authors, a source object)."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, dict) and isinstance(value.get("name"), str) and value["name"].strip():
        return value["name"]  # NewsAPI: "source": {"id": ..., "name": "Harbor Herald"}
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "; ".join(v.strip() for v in value if v.strip()) or None
    if hasattr(value, "tolist") and not isinstance(value, (int, float)):  # numpy arrays from Parquet
        return as_text(value.tolist())
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, default=str)
    return str(value)


# ------------------------------------------------------------------------------------------ dates

_US_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7,
    "MDT": -6, "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "IST": 5.5,
    "JST": 9, "AEST": 10, "AEDT": 11,
}
_TZINFOS = {name: int(hours * 3600) for name, hours in _US_ZONES.items()}
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))  # two defaults: a part left out shows
NAT = pd.NaT


def parse_date(value) -> pd.Timestamp:
    """A UTC timestamp for a date in any common form, or NaT; never a guess.

    ISO 8601 ("2020-05-05", "2020-05-05T10:00:00Z"), RFC 2822 ("Tue, 05 May 2020 10:00:00 GMT"),
    written dates ("May 5, 2020", "5 May 2020 10:00 EDT"), numeric dates ("05/05/2020" is read
    month first, as US exports write it; "13/05/2020" can only be day first), compact "20200505",
    unix epoch seconds or milliseconds (1973-2286). A date without a day, month or year ("May
    2020", "2020"), a time alone, relative dates ("2 hours ago") and placeholders (epoch 0) are
    missing. Times without a zone are taken as UTC.
    """
    if is_missing(value) or isinstance(value, bool):
        return NAT
    if isinstance(value, pd.Timestamp):
        return _utc(value.to_pydatetime())
    if isinstance(value, dt.datetime):
        return _utc(value)
    if isinstance(value, dt.date):
        return _utc(dt.datetime(value.year, value.month, value.day))
    if hasattr(value, "dtype") and str(value.dtype).startswith("datetime64"):
        return _utc(pd.Timestamp(value).to_pydatetime())
    if isinstance(value, (int, float)) or (hasattr(value, "dtype") and getattr(value, "ndim", 1) == 0):
        try:
            return _epoch(float(value))
        except (TypeError, ValueError):
            return NAT
    if not isinstance(value, str):
        return NAT
    text = " ".join(value.split())
    if _NUMBER.match(text):
        if len(text) == 8 and text.isdigit():
            try:
                return _utc(dt.datetime.strptime(text, "%Y%m%d"))
            except ValueError:
                return NAT
        return _epoch(float(text))
    if len(text) < 6 or len(text) > 80 or not re.search(r"\d", text):
        return NAT
    try:
        return _utc(dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text))
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}-\d{2}", text) or re.fullmatch(r"\d{4}", text):
        return NAT
    if _RFC2822.match(text):
        try:
            return _utc(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            pass
    return _dateutil(text)


def _dateutil(text: str) -> pd.Timestamp:
    from dateutil import parser

    results = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                results.append(parser.parse(text, default=default, tzinfos=_TZINFOS))
        except (ValueError, OverflowError, TypeError, parser.ParserError):
            return NAT
    first, second = results
    if first.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None) != \
            second.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        return NAT  # day, month or year came from the default, not from the text
    return _utc(first)


def _epoch(number: float) -> pd.Timestamp:
    if not math.isfinite(number):
        return NAT
    if 1e8 <= abs(number) < 1e10:
        seconds = number
    elif 1e11 <= abs(number) < 1e13:
        seconds = number / 1000
    else:
        return NAT  # 0, a year, a count: not an epoch date we can trust
    if seconds < 0:
        return NAT
    return pd.Timestamp(seconds, unit="s", tz="UTC")


def _utc(value: dt.datetime) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, OverflowError):
        return NAT
    if stamp is NAT:
        return NAT
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def dates_column(values: list) -> pd.Series:
    """`published` for a list of raw values: datetime64[us, UTC], NaT where missing."""
    parsed = [parse_date(v) for v in values]
    return pd.Series(pd.DatetimeIndex(parsed, tz="UTC") if parsed else [], dtype="datetime64[us, UTC]")


# ---------------------------------------------------------------------------------------- outlets

_DOMAIN = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^/@\s]+@)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63})\.?(?::\d+)?(?:[/?#]\S*)?$",
    re.I,
)
_HOST_PREFIXES = {"www", "www1", "www2", "www3", "m", "mobile", "amp"}


def domain_of(url) -> str | None:
    """'https://www.foxnews.com/politics/x' -> 'foxnews.com' (lower case, no www./m./amp.)."""
    if not isinstance(url, str) or not url.strip():
        return None
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host or not re.search(r"[a-z]", host.rsplit(".", 1)[-1]):
        return None
    labels = host.rstrip(".").lower().split(".")
    while len(labels) > 2 and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    return ".".join(labels)


def looks_like_domain(label: str) -> bool:
    return bool(_DOMAIN.match(label.strip()))


def normalise_outlet(label) -> str | None:
    """An outlet label as given, with spaces tidied; a domain or URL becomes its bare domain."""
    text = as_text(label)
    if text is None:
        return None
    text = " ".join(text.split())
    if not text:
        return None
    if looks_like_domain(text):
        return domain_of(text) or text
    return text


def _alias_key(label: str) -> str:
    text = " ".join(str(label).split())
    if looks_like_domain(text):
        text = domain_of(text) or text
    return text.casefold()


class OutletAliases:
    """User-supplied merges of outlet labels ("Fox Online News" -> "Fox News"; "foxnews.com" ->
    "Fox News"), matched case-insensitively; a domain alias also matches the article's URL."""

    def __init__(self, mapping: Mapping[str, str] | None = None):
        self.table: dict[str, str] = {}
        for alias, outlet in (mapping or {}).items():
            if is_missing(alias) or is_missing(outlet):
                continue
            outlet = " ".join(str(outlet).split())
            self.table[_alias_key(alias)] = outlet
            self.table.setdefault(_alias_key(outlet), outlet)  # "FOX NEWS" -> "Fox News"

    def __bool__(self) -> bool:
        return bool(self.table)

    def resolve(self, outlet: str | None, url: str | None) -> str | None:
        """The outlet label to use: the alias of the label, else of the URL's domain, else the label."""
        if not self.table:
            return outlet
        if outlet is not None:
            found = self.table.get(_alias_key(outlet))
            if found is not None:
                return found
        domain = domain_of(url)
        if domain is not None:
            found = self.table.get(domain.casefold())
            if found is not None:
                return found
        return outlet


def read_outlet_aliases(path: Path | str) -> dict[str, str]:
    """{alias: outlet} from a CSV with the columns `alias,outlet` (any order, more columns ignored).

    Raises InputError (one line) when the file cannot be read, lacks a column, or maps one alias to
    two outlets.
    """
    path = Path(path)
    try:
        text, _ = decode_bytes(path.read_bytes())
    except OSError as err:
        raise InputError(f"outlet aliases {path}: cannot read: {err.strerror or err}") from err
    except InputError as err:
        raise InputError(f"outlet aliases {path}: {err}") from err
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None) or []
    names = [name.strip().lower() for name in header]
    if "alias" not in names or "outlet" not in names:
        raise InputError(f"outlet aliases {path}: needs the columns alias,outlet (has: {', '.join(header) or 'nothing'})")
    alias_at, outlet_at = names.index("alias"), names.index("outlet")
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        alias = row[alias_at].strip() if len(row) > alias_at else ""
        outlet = " ".join(row[outlet_at].split()) if len(row) > outlet_at else ""
        if not alias or not outlet:
            raise InputError(f"outlet aliases {path}: line {line} needs both an alias and an outlet")
        key = _alias_key(alias)
        if key in seen and seen[key] != outlet:
            raise InputError(f"outlet aliases {path}: line {line}: {alias!r} is already an alias of {seen[key]!r}")
        seen[key] = outlet
        mapping[alias] = outlet
    return mapping
