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


def interleaved_seconds(
    runs: dict[str, tuple[Callable[[], object], Callable[[], None]]], repeat: int
) -> dict[str, list[float]]:
    """Seconds of each run (after its set-up), taking turns so that load from other processes
    on the machine falls on all of them alike."""
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, (run, set_up) in runs.items():
            set_up()
            start = time.perf_counter()
            run()
            seconds[name].append(time.perf_counter() - start)
    return seconds


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
    nothing = lambda: None  # noqa: E731
    runs = {
        "newsaudit score_texts": (lambda: sentiment.score_texts(texts), sentiment.clear_caches),
        f"newsaudit score_texts workers={args.workers}": (
            lambda: sentiment.score_texts(texts, workers=args.workers),
            sentiment.clear_caches,
        ),
        "nltk polarity_scores": (lambda: [nltk_vader.polarity_scores(t) for t in texts], nothing),
        "vaderSentiment polarity_scores": (
            lambda: [package_vader.polarity_scores(t) for t in texts],
            nothing,
        ),
    }
    all_seconds = interleaved_seconds(runs, args.repeat)
    seconds = {name: min(values) for name, values in all_seconds.items()}

    package = seconds["vaderSentiment polarity_scores"]
    nltk_seconds = seconds["nltk polarity_scores"]
    print(
        f"{len(texts)} sentences; best of {args.repeat} interleaved runs (median beside it); "
        "each newsaudit run starts from cold caches"
    )
    header = ("analyser", "sentences/s", "(median)", "vs vaderSentiment", "vs nltk")
    print("{:<38} {:>12} {:>10} {:>18} {:>8}".format(*header))
    for name, s in seconds.items():
        median = float(np.median(all_seconds[name]))
        print(
            f"{name:<38} {len(texts) / s:>12,.0f} {len(texts) / median:>10,.0f} "
            f"{package / s:>17.2f}x {nltk_seconds / s:>7.2f}x"
        )

    sentiment.clear_caches()
    ours = sentiment.score_texts(texts)[sentiment.SCORE_COLUMNS].to_numpy()
    reference = pd.DataFrame(map(nltk_vader.polarity_scores, texts))[sentiment.SCORE_COLUMNS]
    differences = np.abs(ours - reference.to_numpy())
    differing_rows = int((differences.max(axis=1) > 1e-9).sum())
    print(
        f"equality with NLTK: {len(texts) - differing_rows}/{len(texts)} rows equal "
        f"(|diff| <= 1e-9 on compound, pos, neu, neg); max |diff| = {differences.max():.3g}"
    )
    return 1 if differing_rows else 0


if __name__ == "__main__":
    sys.exit(main())
