"""Attribution extraction speed on PolNeAR dev (raw text), in one process.

Prints articles/s for the bundled CRF extractor and for the rule-only pass measured in the same
run, and their ratio. Sentence splitting is done once beforehand (it is the segment stage's cost,
not this one's) and timed separately.
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from newsaudit import brat, config, segment, sourcing


def best_of(runs: int, function, *args) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function(*args)
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> int:
    dev = config.POLNEAR_DIR / "dev"
    if not dev.exists():
        print(f"skipped: {dev} not present")
        return 0
    documents = brat.read_corpus(dev)
    articles = pd.DataFrame({"article_id": [d.doc_id for d in documents], "title": "",
                             "text": [d.text for d in documents]})
    started = time.perf_counter()
    sentences = segment.split_sentences(articles)
    segment_seconds = time.perf_counter() - started
    model = sourcing.load_model()
    if model is None:
        print("no bundled model: the default extractor is the rule pass")
    sourcing.extract_attributions(articles.head(3), sentences)  # warm-up: model load, caches
    n = len(articles)
    default_seconds = best_of(3, sourcing.extract_attributions, articles, sentences)
    rules_seconds = best_of(3, sourcing.extract_attributions_with_rules, articles, sentences)
    print(f"articles: {n}, characters: {articles.text.str.len().sum():,}")
    print(f"sentence splitting (once): {n / segment_seconds:,.1f} articles/s")
    print(f"extract_attributions ({'crf' if model else 'rules'}): {n / default_seconds:,.1f} articles/s")
    print(f"rule-only baseline: {n / rules_seconds:,.1f} articles/s")
    print(f"ratio default/rules: {rules_seconds / default_seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
