"""newsaudit.sentiment reproduces NLTK's VADER exactly (NLTK's analyser is the reference)."""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest

from newsaudit import sentiment
from newsaudit.sentiment import scoring, vader

# Each line exercises one of NLTK's rules or quirks.
RULE_CASES = [
    "The movie was good.",
    "The movie was not good.",
    "The movie was VERY GOOD and fun",
    "VERY GOOD",
    "It was kind of good",
    "It was sort of good and just enough fun",
    "It was kinda good, somewhat nice",
    "That show is the shit",
    "yeah right that's great",
    "he really did cut the mustard today",
    "the kiss of death for a good band",
    "living hand to mouth is not fun",
    "That party was the bomb!!",
    "at least it was good",
    "the very least good thing",
    "least good",
    "it was never so good",
    "never this bad before",
    "I never thought it would be this good",
    "it is so good",
    "good but bad",
    "Good BUT bad bad, But fine",
    "not good and good",
    "good good good bad",
    "Good!!!!!",
    "Good???",
    "Good??",
    "Bad?!? really?",
    "good, 'good' (good) good... -good- !good",
    ":) :-( <3 :D",
    "a",
    "",
    "   ",
    "I didn't like it",
    "It isnt bad",
    "without doubt great",
    "Not bad at all",
    "naïve good",
    "good\u00a0bad\u2003ok",
    "I ❤ it 😀",
    "Not least, good",
    "fucking great",
    "The food was NOT BAD but the service was GREAT!!",
    "Absolutely AMAZING, totally GREAT, hardly bad",
    "nope, nothing good, nor nice, rarely happy, seldom sad, despite joy",
    "Kind of great",
    "kind",
    "it was good kind",
    "@anonymous yeah",
    "this is the best",
    "On the other hand it was fine",
    "GoOd and bAD",
    "uh-uh, that's not funny",
    "'''good'''",
    "good!? ok!?!",
    "the 'bad ass' movie was bad ass",
    "HAHA LOL ROFL",
    "I don't love it but I don't hate it either",
]


@pytest.fixture(scope="module")
def reference():
    return sentiment.nltk_analyzer()


def reference_scores(reference, texts: list[str]) -> np.ndarray:
    rows = [reference.polarity_scores(t) for t in texts]
    return np.array([[r[c] for c in sentiment.SCORE_COLUMNS] for r in rows])


def test_lexicon_is_nltks(reference):
    assert sentiment.LEXICON == sentiment.lexicon() == reference.lexicon


def test_tone_labels_use_vaders_cut():
    labels = [sentiment.tone_label(c) for c in (0.05, 0.049, -0.049, -0.05, None, float("nan"))]
    assert labels == ["positive", "neutral", "neutral", "negative", "", ""]


def test_importing_reads_no_lexicon():
    import subprocess
    import sys

    code = "import newsaudit.sentiment.vader as v, newsaudit.tone, newsaudit.stats; print(len(v._lexicon))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "0\n"


def test_rule_cases_match_nltk(reference):
    sentiment.clear_caches()
    ours = sentiment.score_texts(RULE_CASES).to_numpy()
    expected = reference_scores(reference, RULE_CASES)
    for text, got, want in zip(RULE_CASES, ours, expected):
        assert np.abs(got - want).max() <= 1e-9, (text, got, want)


def test_warm_cache_gives_the_same_scores(reference):
    first = sentiment.score_texts(RULE_CASES)
    second = sentiment.score_texts(RULE_CASES)
    pd.testing.assert_frame_equal(first, second)


def test_random_word_salad_matches_nltk(reference):
    """Random sequences of rule-bearing words, casing and punctuation."""
    rng = random.Random(7)
    vocabulary = (
        "good bad great not never so this least at very kind of sort just enough the shit bomb "
        "cut mustard kiss death hand to mouth yeah right but BUT GOOD NOT VERY isn't can't "
        "without hardly really love hate ok fine a I ! ? , . :) :( 'good' good, -bad bad!! "
        "Good? happy sad terrible wonderful kinda sorta most more little less"
    ).split()
    texts = [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 14))) for _ in range(400)
    ]
    ours = sentiment.score_texts(texts).to_numpy()
    expected = reference_scores(reference, texts)
    worst = np.abs(ours - expected).max(axis=1)
    assert worst.max() <= 1e-9, texts[int(worst.argmax())]


def test_score_texts_shape_and_missing_values():
    scores = sentiment.score_texts(["good", None, float("nan"), pd.NA, ""])
    assert list(scores.columns) == ["compound", "pos", "neu", "neg"]
    assert len(scores) == 5
    assert scores.iloc[0]["compound"] > 0
    assert scores.iloc[1:4].isna().all().all()  # a missing text has no tone
    assert (scores.iloc[4] == 0).all()  # an empty text is neutral, as in NLTK
    assert len(sentiment.score_texts([])) == 0


@pytest.mark.parametrize("item, type_name", [(3, "int"), (b"good", "bytes"), (0.5, "float"), (["good"], "list")])
def test_score_texts_refuses_what_is_not_text(item, type_name):
    with pytest.raises(TypeError, match=rf"item 1 is {type_name}"):
        sentiment.score_texts(["good", item, "bad"])
    with pytest.raises(TypeError, match=type_name):
        sentiment.polarity(item)


def test_polarity_of_one_text(reference):
    assert sentiment.polarity("Not bad at all!") == reference.polarity_scores("Not bad at all!")


def test_score_sentences_adds_scores_on_the_same_index():
    sentences = pd.DataFrame(
        {"article_id": ["a", "a"], "sentence_id": [0, 1], "text": ["Great news.", "Awful."],
         "compound": [9.0, 9.0]},
        index=[10, 11],
    )
    scored = sentiment.score_sentences(sentences)
    assert list(scored.index) == [10, 11]
    assert scored.loc[10, "compound"] > 0 > scored.loc[11, "compound"]
    assert list(scored.columns) == [
        "article_id", "sentence_id", "text", "compound", "pos", "neu", "neg"
    ]


def test_worker_processes_give_the_same_scores(monkeypatch):
    texts = RULE_CASES * 3
    monkeypatch.setattr(scoring, "PARALLEL_MIN_TEXTS", 10)
    in_parallel = sentiment.score_texts(texts, workers=2)
    pd.testing.assert_frame_equal(in_parallel, sentiment.score_texts(texts, workers=1))


def test_vectorised_rounding_is_pythons_round():
    rng = np.random.default_rng(3)
    values = np.concatenate(
        [
            rng.uniform(-1, 1, 20_000),
            [0.0005, 0.00015, 0.0625, 0.12345, -0.00005, 0.99995, -0.99995, 1 / 3, 2 / 3, 0.0],
            np.arange(-10_000, 10_001) / 10_000 + 0.00005,
        ]
    )
    for decimals in (3, 4):
        expected = [round(v, decimals) for v in values.tolist()]
        assert vader._round(values, decimals).tolist() == expected


def test_token_words_follow_nltks_punctuation_rule():
    assert vader._token_word("good,") == "good"
    assert vader._token_word("!!good") == "good"
    assert vader._token_word("good...") == "good..."  # "..." is not in NLTK's list
    assert vader._token_word("'good'") == "'good'"  # punctuation on both sides stays
    assert vader._token_word("a,") == "a,"  # the word left would be one character
    assert vader._token_word("a") == ""
    assert math.isclose(sentiment.polarity("good")["compound"], 0.4404)
