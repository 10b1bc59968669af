"""On all 23.7k sentences of the VADER ground truth, newsaudit's scores are NLTK's."""

from __future__ import annotations

import numpy as np
import pytest

from newsaudit import config, sentiment
from newsaudit.evaluation.sentiment import load_ground_truth

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not config.VADER_GT_DIR.exists(), reason=f"{config.VADER_GT_DIR} not present"
    ),
]


def test_all_ground_truth_sentences_equal_nltk():
    texts = load_ground_truth()["text"].tolist()
    assert len(texts) == 23_703
    sentiment.clear_caches()
    ours = sentiment.score_texts(texts)[sentiment.SCORE_COLUMNS].to_numpy()
    reference = sentiment.nltk_analyzer()
    rows = map(reference.polarity_scores, texts)
    expected = np.array([[row[c] for c in sentiment.SCORE_COLUMNS] for row in rows])
    worst = np.abs(ours - expected).max(axis=1)
    assert worst.max() <= 1e-9, texts[int(worst.argmax())]
