"""Evaluation of sentiment against the VADER ground truth."""

from __future__ import annotations

import numpy as np
import pytest

from newsaudit import config
from newsaudit.evaluation.sentiment import (
    evaluate_sentiment,
    format_sentiment_report,
    read_ground_truth,
    score_corpus,
    three_class,
    weighted_prf,
)


def test_three_class_thresholds():
    assert three_class([0.3, 0.0, -0.01], 0).tolist() == [1, 0, -1]
    assert three_class([0.05, 0.049, -0.05, -0.049], 0.05).tolist() == [1, 0, -1, 0]


def test_weighted_prf_by_hand():
    truth = np.array([1, 1, 1, -1])
    predicted = np.array([1, 1, -1, -1])
    precision, recall, f1 = weighted_prf(truth, predicted)
    # positive: p=1, r=2/3, f=0.8; negative: p=1/2, r=1, f=2/3; weights 3/4 and 1/4
    assert precision == pytest.approx(0.75 * 1 + 0.25 * 0.5)
    assert recall == pytest.approx(0.75 * 2 / 3 + 0.25 * 1)
    assert f1 == pytest.approx(0.75 * 0.8 + 0.25 * 2 / 3)


def test_a_class_never_predicted_counts_zero_precision():
    precision, recall, f1 = weighted_prf(np.array([0, 1]), np.array([1, 1]))
    assert precision == pytest.approx(0.25) and recall == pytest.approx(0.5)
    assert f1 == pytest.approx(0.5 * 2 / 3)


def test_score_corpus_perfect_agreement():
    row = score_corpus(np.array([2.0, -1.5, 0.0, 3.0]), np.array([0.8, -0.4, 0.01, 0.9]))
    assert row["n"] == 4 and row["f1"] == pytest.approx(1.0) and row["r"] > 0.9


def test_read_ground_truth_handles_crlf_and_tabs_in_text(tmp_path):
    path = tmp_path / "tiny_GroundTruth.txt"
    path.write_bytes("1\t2.5\tGreat!\r\n2\t-1\tbad\tday\r\n".encode("utf-8"))
    table = read_ground_truth(path)
    assert table["text"].tolist() == ["Great!", "bad\tday"]
    assert table["rating"].tolist() == [2.5, -1.0]


@pytest.mark.slow
@pytest.mark.skipif(not config.VADER_GT_DIR.exists(), reason=f"{config.VADER_GT_DIR} not present")
def test_reproduces_the_papers_accuracy():
    results = evaluate_sentiment(config.VADER_GT_DIR).set_index("corpus")
    corpora = ["tweets", "nyt", "movie", "amazon"]
    assert results.loc[corpora, "n"].tolist() == [4200, 5190, 10605, 3708]
    assert results.loc["nyt", "r"] >= 0.489
    assert results.loc["nyt", "f1"] >= 0.54
    assert results.loc["tweets", "r"] >= 0.87
    assert results.loc["nyt", "paper_r"] == 0.492
    report = format_sentiment_report(results.reset_index())
    assert "nyt" in report and "(0.492)" in report
