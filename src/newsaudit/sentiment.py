"""Sentiment with NLTK's VADER, using the lexicon shipped in the `vaderSentiment` wheel (offline)."""

from __future__ import annotations

import importlib.resources
from functools import lru_cache
from typing import Iterable

import nltk
import pandas as pd

SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]


@lru_cache(maxsize=1)
def analyzer():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    lexicon_dir = str(importlib.resources.files("vaderSentiment"))
    if lexicon_dir not in nltk.data.path:
        nltk.data.path.insert(0, lexicon_dir)
    return SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


def score_texts(texts: Iterable[str]) -> pd.DataFrame:
    """`compound`, `pos`, `neu`, `neg` for each text, each scored as one unit."""
    vader = analyzer()
    rows = [vader.polarity_scores(t if isinstance(t, str) else "") for t in texts]
    return pd.DataFrame(rows, columns=SCORE_COLUMNS, dtype="float64")


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences table with VADER scores added."""
    scores = score_texts(sentences["text"].tolist())
    scores.index = sentences.index
    return sentences.drop(columns=SCORE_COLUMNS, errors="ignore").join(scores)
