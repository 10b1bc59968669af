"""The analysis of some loaded articles, in memory: clean -> segment -> sentiment / sourcing -> stats.

`analyse_task` is the unit of work that the engines (a process pool, Dask) run: a piece of a chunk
in, the five contract tables out, with the articles that failed (and why) and the seconds each
stage took. A failing article is isolated and skipped; the others are analysed all the same.
"""

from __future__ import annotations

import functools
import time

import pandas as pd

from .. import clean, schema
from ..errors import one_line

ANALYSED_TABLES = ("sentences", "attributions", "hedges")


class Clock:
    """Adds the seconds since the last lap to `timings[stage]` (does nothing without `timings`)."""

    def __init__(self, timings: dict | None):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def as_utc(published: pd.Series) -> pd.Series:
    """Publication dates as UTC timestamps in microseconds (missing ones stay missing)."""
    dates = pd.to_datetime(published, errors="coerce", utc=True, format="mixed")
    return dates.dt.as_unit("us")


def with_utc_dates(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    if table == "articles" and "published" in frame.columns:
        return frame.assign(published=as_utc(frame["published"]))
    return frame


def concat_table(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One table from its pieces, typed as schema.py declares (an empty table keeps its columns)."""
    full = [f for f in frames if len(f)]
    if full:
        frame = pd.concat(full, ignore_index=True) if len(full) > 1 else full[0].reset_index(drop=True)
    elif frames:
        frame = frames[0].iloc[:0]
    else:
        frame = schema.empty(schema.TABLES[name])
    return schema.typed(with_utc_dates(frame, name), name)


def concat_analysed(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Sentences, attributions and hedges of several analyses, each one table."""
    out = {}
    for name in ANALYSED_TABLES:
        frames = [p[name] for p in parts if len(p[name])]
        out[name] = schema.typed(pd.concat(frames, ignore_index=True) if frames else schema.empty(schema.TABLES[name]),
                                 name)
    return out


def analyse_chunk(articles: pd.DataFrame, timings: dict | None = None) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Sentences, scores, attributions and hedges for some articles; a failing article is skipped."""
    try:
        return _analyse(articles, timings), []
    except Exception:  # noqa: BLE001 - isolate the bad article below
        pass
    parts, skipped = [], []
    for index in range(len(articles)):
        one = articles.iloc[index:index + 1]
        try:
            parts.append(_analyse(one, timings))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop a batch
            skipped.append({
                "input": str(one["source_path"].iat[0]),
                "article_id": one["article_id"].iat[0],
                "reason": f"analysis failed: {one_line(err)}",
            })
    return concat_analysed(parts), skipped


def _analyse(articles: pd.DataFrame, timings: dict | None = None) -> dict[str, pd.DataFrame]:
    from .. import segment, sentiment, sourcing

    clock = Clock(timings)
    sentences = sentiment.score_sentences(segment.split_sentences(articles))
    clock.lap("segment_sentiment")
    attributions = sourcing.extract_attributions(articles, sentences)
    hedges = sourcing.find_hedges(articles, sentences)
    clock.lap("sourcing")
    if len(attributions):
        attributions["content_compound"] = sentiment.score_texts(
            attributions["content_text"].fillna("").tolist()
        )["compound"].values
    clock.lap("segment_sentiment")
    return {"sentences": sentences, "attributions": attributions, "hedges": hedges}


def clean_chunk(articles: pd.DataFrame, vocabulary: clean.Vocabulary | None = None) -> pd.DataFrame:
    """Scrape-noise cleaning of some articles, with the split-word `vocabulary` of the chunk they
    come from (default: their own)."""
    if vocabulary is None:
        return clean.clean_articles(articles) if len(articles) else articles.copy()
    articles = articles.copy()
    cleaned = [clean.clean_text(raw, title if isinstance(title, str) else "", vocabulary)
               for raw, title in zip(articles["raw_text"], articles["title"])]
    articles["text"] = [text for text, _ in cleaned]
    articles["removed"] = ["\n".join(gone) for _, gone in cleaned]
    return articles


@functools.lru_cache(maxsize=1)
def empty_tables() -> dict[str, pd.DataFrame]:
    """Typed empty tables (read only: shared by every empty result of this process)."""
    return {**concat_analysed([]), "article_stats": schema.empty(schema.ARTICLE_STATS)}


def analyse_task(articles: pd.DataFrame, clean_text: bool = True) -> dict:
    """Everything for some loaded articles, in a worker: the five tables, the articles that failed
    (with reasons) and the seconds each stage took. Cleaning uses the split-word vocabulary in
    `articles.attrs["vocabulary"]` (the whole chunk's) when there is one. Top-level so that
    process pools and Dask can pickle it (with functools.partial for `clean_text`)."""
    from .. import stats  # here: a rerun that reuses every article never needs it

    timings: dict[str, float] = {}
    if not len(articles):  # a chunk whose articles are all reused
        return {"tables": {**empty_tables(), "articles": articles}, "failed": [], "timings": timings}
    vocabulary = articles.attrs.get("vocabulary")
    articles = articles.copy()
    articles.attrs = {}
    clock = Clock(timings)
    if clean_text:
        articles = clean_chunk(articles, vocabulary)
    clock.lap("clean")
    tables, failed = analyse_chunk(articles, timings)
    clock = Clock(timings)
    failed_ids = {item["article_id"] for item in failed}
    articles = articles[~articles["article_id"].isin(failed_ids)].reset_index(drop=True)
    tables["articles"] = articles
    tables["article_stats"] = stats.article_stats(articles, tables["sentences"], tables["attributions"], tables["hedges"])
    clock.lap("stats")
    return {"tables": {name: schema.typed(tables[name], name) for name in schema.TABLE_NAMES}, "failed": failed,
            "timings": timings}


_WARM_UP_TEXT = ("Harbour Reopens\n\nThe harbour will reopen on Monday, Mayor Ana Ruiz said. "
                 "\"It is good news,\" she said. Analysts say costs reportedly rose.\n")


def warm_up() -> None:
    """Load what the first article would (the CRF model, name tables, lexicons) in the process
    that then forks the workers (warm_pool), while the main process is still reading."""
    article = {column: None for column in schema.ARTICLES}
    article.update(article_id="warm-up", title="Harbour Reopens", text=_WARM_UP_TEXT, raw_text=_WARM_UP_TEXT,
                   source_path="warm-up", removed="")
    try:
        analyse_task(pd.DataFrame([article]))
    except Exception:  # noqa: BLE001 - warming up is only ever an optimisation
        pass
