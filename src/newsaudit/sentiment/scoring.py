"""Scoring tables: VADER scores (`vader`) for lists of texts and for the sentences table, with
missing texts kept apart from neutral ones, large batches spread over processes, and the label
(positive, negative, neutral) a score reads as."""

from __future__ import annotations

import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .vader import finish, lexicon, text_sums

SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]
NEUTRAL_THRESHOLD = 0.05  # the usual VADER cut: positive at >= 0.05, negative at <= -0.05

# Below this many texts, starting worker processes costs more than it saves.
PARALLEL_MIN_TEXTS = 20_000


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares the loaded lexicon and modules with the workers at no cost where it exists.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _parallel_sums(texts: list, workers: int) -> np.ndarray:
    chunk = math.ceil(len(texts) / workers)
    chunks = [texts[start:start + chunk] for start in range(0, len(texts), chunk)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        return np.concatenate(list(pool.map(text_sums, chunks)))


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _missing_positions(texts: Sequence) -> np.ndarray:
    """Positions of missing texts (None, NaN, pd.NA); a TypeError for anything else that is not a
    str, naming its position and type, so that numbers or bytes are never scored as neutral."""
    missing = []
    for position, text in enumerate(texts):
        if isinstance(text, str):
            continue
        if _is_missing(text):
            missing.append(position)
            continue
        raise TypeError(f"score_texts expects str (or None/NaN for a missing text); item {position} is "
                        f"{type(text).__name__}: {text!r:.60}")
    return np.asarray(missing, dtype=np.intp)


def score_texts(texts: Iterable[str], workers: int = 1) -> pd.DataFrame:
    """`compound`, `pos`, `neu`, `neg` for each text, each scored as one unit.

    A missing text (None, NaN or pd.NA) gives a row of NaN: it has no tone, which is not the
    neutral 0 of an empty string. Any other item that is not a `str` (a number, bytes, a list)
    raises TypeError naming its position and type; decode bytes first.
    `workers` > 1 spreads batches of at least `PARALLEL_MIN_TEXTS` texts over that many processes;
    0 means one per CPU.
    """
    texts = list(texts)
    missing = _missing_positions(texts)
    workers = workers or (os.cpu_count() or 1)
    if workers > 1 and len(texts) >= PARALLEL_MIN_TEXTS:
        lexicon()  # read once here: the forked workers share it
        sums = _parallel_sums(texts, workers)
    else:
        sums = text_sums(texts)
    scores = finish(sums)
    scores[missing] = np.nan
    return pd.DataFrame(scores, columns=SCORE_COLUMNS)


def score_sentences(sentences: pd.DataFrame, workers: int = 1) -> pd.DataFrame:
    """The sentences table with VADER scores added."""
    scores = score_texts(sentences["text"].tolist(), workers=workers)
    scores.index = sentences.index
    return sentences.drop(columns=SCORE_COLUMNS, errors="ignore").join(scores)



def tone_label(compound: float | None) -> str:
    """'positive' at compound >= 0.05, 'negative' at <= -0.05, else 'neutral'; '' when missing."""
    if compound is None or pd.isna(compound):
        return ""
    if compound >= NEUTRAL_THRESHOLD:
        return "positive"
    if compound <= -NEUTRAL_THRESHOLD:
        return "negative"
    return "neutral"
