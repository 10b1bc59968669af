"""Sentiment throughput on the 23.7k VADER ground-truth sentences, and equality with NLTK.

Times, in one process and on the same sentences: newsaudit's `score_texts` (from cold token
caches, so every run is a first call), NLTK's `SentimentIntensityAnalyzer.polarity_scores` and the
`vaderSentiment` package's. Prints sentences/s, ratios, and how many of newsaudit's rows differ
from NLTK's (and by how much at most).

    PYTHONPATH=src python benchmarks/sentiment_speed.py [--repeat N] [--workers N]
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Callable

import numpy as np
import pandas as pd

from newsaudit import config, sentiment
from newsaudit.evaluation.sentiment import load_ground_truth


def best_seconds(run: Callable[[], object], repeat: int, before: Callable[[], None] = lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per analyser; the best counts")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel run")
    args = parser.parse_args()
    if not config.VADER_GT_DIR.exists():
        print(f"skipped: {config.VADER_GT_DIR} not present")
        return 0
    texts = load_ground_truth(config.VADER_GT_DIR)["text"].tolist()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as PackageAnalyzer

    nltk_vader = sentiment.nltk_analyzer()
    package_vader = PackageAnalyzer()
    parallel_min = sentiment.PARALLEL_MIN_TEXTS
    sentiment.PARALLEL_MIN_TEXTS = 0  # the benchmark decides when to go parallel

    seconds = {
        "newsaudit score_texts": best_seconds(
            lambda: sentiment.score_texts(texts), args.repeat, sentiment.clear_caches
        ),
        f"newsaudit score_texts workers={args.workers}": best_seconds(
            lambda: sentiment.score_texts(texts, workers=args.workers),
            args.repeat,
            sentiment.clear_caches,
        ),
        "nltk polarity_scores": best_seconds(
            lambda: [nltk_vader.polarity_scores(t) for t in texts], args.repeat
        ),
        "vaderSentiment polarity_scores": best_seconds(
            lambda: [package_vader.polarity_scores(t) for t in texts], args.repeat
        ),
    }
    sentiment.PARALLEL_MIN_TEXTS = parallel_min

    package = seconds["vaderSentiment polarity_scores"]
    nltk_seconds = seconds["nltk polarity_scores"]
    print(f"{len(texts)} sentences, best of {args.repeat} runs; newsaudit runs start from cold caches")
    print(f"{'analyser':<38} {'sentences/s':>12} {'vs vaderSentiment':>18} {'vs nltk':>8}")
    for name, s in seconds.items():
        print(f"{name:<38} {len(texts) / s:>12,.0f} {package / s:>17.2f}x {nltk_seconds / s:>7.2f}x")

    sentiment.clear_caches()
    ours = sentiment.score_texts(texts)[sentiment.SCORE_COLUMNS].to_numpy()
    reference = pd.DataFrame([nltk_vader.polarity_scores(t) for t in texts])[sentiment.SCORE_COLUMNS]
    differences = np.abs(ours - reference.to_numpy())
    differing_rows = int((differences.max(axis=1) > 1e-9).sum())
    print(
        f"equality with NLTK: {len(texts) - differing_rows}/{len(texts)} rows equal "
        f"(|diff| <= 1e-9 on compound, pos, neu, neg); max |diff| = {differences.max():.3g}"
    )
    return 1 if differing_rows else 0


if __name__ == "__main__":
    sys.exit(main())
