"""Sentiment against the VADER paper's ground truth (Hutto & Gilbert, ICWSM 2014).

Scoring rule (../shared/data/README.md): the truth is positive above 0, negative below 0, neutral
only at exactly 0; a prediction is positive at compound >= 0.05, negative at <= -0.05, else
neutral. Precision, recall and F1 are per-class figures averaged with weights = true class sizes;
r is Pearson's correlation of compound with the mean human rating.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..sentiment import NEUTRAL_THRESHOLD, score_texts

# Corpus name -> file name in the ground-truth folder.
GROUND_TRUTH_FILES = {
    "tweets": "tweets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
}

# VADER's row of the paper's Table 4 (r, 3-class precision, recall, F1). The tweets r and F1 are
# also in the paper's abstract and introduction; the rest as transcribed in the data's README.
PAPER_VADER = {
    "tweets": (0.881, 0.99, 0.94, 0.96),
    "nyt": (0.492, 0.69, 0.49, 0.55),
    "movie": (0.451, 0.70, 0.55, 0.61),
    "amazon": (0.565, 0.78, 0.55, 0.63),
}
METRICS = ["r", "precision", "recall", "f1"]


def read_ground_truth(path: Path) -> pd.DataFrame:
    """One ground-truth file: `id`, `rating` (mean human rating, -4..+4), `text`."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        line = line.rstrip("\r")
        if line:
            sentence_id, rating, text = line.split("\t", 2)
            rows.append((sentence_id, float(rating), text))
    return pd.DataFrame(rows, columns=["id", "rating", "text"])


def load_ground_truth(gt_dir: Path = config.VADER_GT_DIR) -> pd.DataFrame:
    """All four ground-truth files: `corpus`, `id`, `rating`, `text` (files absent are skipped)."""
    frames = [
        read_ground_truth(Path(gt_dir) / name).assign(corpus=corpus)
        for corpus, name in GROUND_TRUTH_FILES.items()
        if (Path(gt_dir) / name).exists()
    ]
    if not frames:
        raise FileNotFoundError(f"no VADER ground-truth files in {gt_dir}")
    return pd.concat(frames, ignore_index=True)[["corpus", "id", "rating", "text"]]


def three_class(values: np.ndarray, threshold: float) -> np.ndarray:
    """1 positive, -1 negative, 0 neutral: positive at >= threshold (> 0 when threshold is 0)."""
    values = np.asarray(values, dtype=float)
    if threshold == 0:
        return np.sign(values).astype(int)
    return np.where(values >= threshold, 1, np.where(values <= -threshold, -1, 0))


def weighted_prf(truth: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 per class, averaged with weights = true class sizes."""
    truth, predicted = np.asarray(truth), np.asarray(predicted)
    precision = recall = f1 = 0.0
    for label in np.unique(truth):
        support = np.sum(truth == label)
        hits = np.sum((truth == label) & (predicted == label))
        n_predicted = np.sum(predicted == label)
        p = hits / n_predicted if n_predicted else 0.0
        r = hits / support
        f = 2 * p * r / (p + r) if p + r else 0.0
        weight = support / len(truth)
        precision, recall, f1 = precision + weight * p, recall + weight * r, f1 + weight * f
    return float(precision), float(recall), float(f1)


def score_corpus(ratings: np.ndarray, compounds: np.ndarray) -> dict[str, float]:
    """n, r, precision, recall and F1 of compound scores against mean ratings."""
    truth = three_class(ratings, 0)
    predicted = three_class(compounds, NEUTRAL_THRESHOLD)
    precision, recall, f1 = weighted_prf(truth, predicted)
    r = float(np.corrcoef(ratings, compounds)[0, 1])
    return {"n": len(ratings), "r": r, "precision": precision, "recall": recall, "f1": f1}


def evaluate_sentiment(gt_dir: Path = config.VADER_GT_DIR, workers: int = 1) -> pd.DataFrame:
    """One row per ground-truth file: our n, r, precision, recall, F1 and the paper's beside them
    (`paper_r`, `paper_precision`, `paper_recall`, `paper_f1`)."""
    truth = load_ground_truth(gt_dir)
    truth["compound"] = score_texts(truth["text"].tolist(), workers=workers)["compound"].to_numpy()
    rows = []
    for corpus, group in truth.groupby("corpus", sort=False):
        scores = score_corpus(group["rating"].to_numpy(), group["compound"].to_numpy())
        row = {"corpus": corpus, **scores}
        row.update(zip((f"paper_{m}" for m in METRICS), PAPER_VADER.get(corpus, (np.nan,) * 4)))
        rows.append(row)
    return pd.DataFrame(rows)


def format_sentiment_report(results: pd.DataFrame) -> str:
    """A plain-text table: ours beside the paper's, per corpus."""
    header = f"{'corpus':<8} {'n':>6}  " + "  ".join(f"{m:>15}" for m in METRICS)
    lines = [
        "VADER (NLTK rules) vs Hutto & Gilbert 2014, Table 4: ours (paper)",
        header,
        "-" * len(header),
    ]
    for row in results.itertuples(index=False):
        cells = "  ".join(
            f"{getattr(row, m):>7.3f} ({getattr(row, f'paper_{m}'):.3f})" for m in METRICS
        )
        lines.append(f"{row.corpus:<8} {row.n:>6}  {cells}")
    lines.append(
        "truth: sign of the mean rating; predicted: compound >= 0.05 / <= -0.05; "
        "precision, recall, F1 weighted by class size; r: Pearson"
    )
    return "\n".join(lines)
