"""Tone statistics on tiny inline tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from newsaudit import tone
from newsaudit.sentiment import score_texts


def sentences_table(rows: list[tuple[str, int, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text", "compound"])


ARTICLES = pd.DataFrame(
    {
        "article_id": ["a1", "a2", "a3"],
        "title": ["Great win for the team", None, "Terrible loss"],
        "outlet": ["X", "Y", "X"],
    }
)
# a1's sentences arrive out of order on purpose; a3 has none.
SENTENCES = sentences_table(
    [
        ("a1", 2, "five words in this one", -0.5),
        ("a1", 0, "one", 0.9),
        ("a1", 1, "two words", 0.0),
        ("a2", 0, "alone here", 0.2),
    ]
)


def test_article_tone_per_article():
    result = tone.article_tone(SENTENCES, ARTICLES).set_index("article_id")
    a1 = result.loc["a1"]
    assert a1["n_sentences"] == 3 and a1["n_words"] == 8
    assert a1["sentiment_mean"] == pytest.approx((0.9 + 0.0 - 0.5) / 3)
    assert a1["sentiment_weighted"] == pytest.approx((0.9 * 1 + 0 * 2 - 0.5 * 5) / 8)
    assert a1["share_positive"] == pytest.approx(1 / 3)
    assert a1["share_negative"] == pytest.approx(1 / 3)
    assert (a1["arc_opening"], a1["arc_middle"], a1["arc_close"]) == (0.9, 0.0, -0.5)
    assert a1["sentiment_headline"] == score_texts(["Great win for the team"])["compound"][0]
    assert a1["outlet"] == "X"


def test_article_tone_short_and_empty_articles():
    result = tone.article_tone(SENTENCES, ARTICLES).set_index("article_id")
    a2 = result.loc["a2"]
    assert a2["arc_opening"] == 0.2 and math.isnan(a2["arc_middle"]) and math.isnan(a2["arc_close"])
    assert math.isnan(a2["sentiment_headline"])  # no title
    a3 = result.loc["a3"]
    assert a3["n_sentences"] == 0 and math.isnan(a3["sentiment_mean"])
    assert a3["sentiment_headline"] < 0
    assert list(result.index) == ["a1", "a2", "a3"]


def test_article_tone_scores_unscored_sentences():
    sentences = SENTENCES.drop(columns="compound").assign(text=["bad", "good", "good", "ok"])
    result = tone.article_tone(sentences, ARTICLES[["article_id"]]).set_index("article_id")
    assert result.loc["a1", "share_positive"] == pytest.approx(2 / 3)
    assert "sentiment_headline" in result and math.isnan(result.loc["a1", "sentiment_headline"])


def test_arc_thirds_of_four_sentences():
    sentences = sentences_table([("a", k, "w", v) for k, v in enumerate([0.1, 0.3, 0.5, 0.7])])
    result = tone.article_tone(sentences, pd.DataFrame({"article_id": ["a"]})).iloc[0]
    assert (result["arc_opening"], result["arc_middle"], result["arc_close"]) == (
        pytest.approx(0.2), 0.5, 0.7)


MENTIONS_SENTENCES = sentences_table(
    [
        ("a", 0, "Kim Jong Un met Putin in Vladivostok.", 0.1),
        ("a", 1, "The Kremlin said little.", -0.2),
        ("a", 2, "Kimchi was served; the kimono was red.", 0.4),
        ("a", 3, "North Korea's leader, Kim, smiled.", 0.6),
        ("b", 0, "putin is lower case here.", 0.3),
    ]
)
ENTITIES = {
    "Kim Jong Un": ["Kim Jong Un", "Kim", "North Korea"],
    "Vladimir Putin": ["Putin", "Kremlin"],
}


def test_entity_tone_whole_words_and_case():
    mentions = tone.entity_tone(MENTIONS_SENTENCES, ENTITIES)
    assert list(mentions.columns) == ["article_id", "entity", "sentence_id", "text", "compound"]
    found = set(zip(mentions["entity"], mentions["article_id"], mentions["sentence_id"]))
    assert found == {
        ("Kim Jong Un", "a", 0), ("Kim Jong Un", "a", 3),
        ("Vladimir Putin", "a", 0), ("Vladimir Putin", "a", 1),
    }


def test_entity_tone_summary():
    summary = tone.entity_tone_summary(tone.entity_tone(MENTIONS_SENTENCES, ENTITIES))
    row = summary.set_index(["article_id", "entity"]).loc[("a", "Kim Jong Un")]
    assert row["n"] == 2 and row["mean"] == pytest.approx(0.35)


def test_entity_tone_default_entities_and_no_match():
    assert "Vladimir Putin" in tone.DEFAULT_ENTITIES
    assert len(tone.entity_tone(MENTIONS_SENTENCES)) >= 3
    empty = tone.entity_tone(MENTIONS_SENTENCES, {"Nobody": ["Zed"]})
    assert empty.empty and list(empty.columns) == tone.ENTITY_MENTION_COLUMNS


def test_speaker_tone():
    attributions = pd.DataFrame(
        {
            "speaker": ["Jeon Ha-kyu", "analysts", "analysts", None],
            "content_text": ["fine", "bad", "worse", "x"],
            "content_compound": [0.2, -0.4, -0.2, 0.9],
        }
    )
    result = tone.speaker_tone(attributions)
    assert result["speaker"].tolist() == ["analysts", "Jeon Ha-kyu"]
    assert result["n"].tolist() == [2, 1]
    assert result["mean"].tolist() == pytest.approx([-0.3, 0.2])


def test_speaker_tone_scores_content_when_needed():
    attributions = pd.DataFrame({"speaker": ["A"], "content_text": ["a wonderful day"]})
    assert tone.speaker_tone(attributions)["mean"][0] > 0


def test_bootstrap_ci_is_deterministic_and_brackets_the_mean():
    values = np.random.default_rng(1).normal(0.1, 0.3, 200)
    low, high = tone.bootstrap_ci(values, n_boot=500, seed=4)
    assert (low, high) == tone.bootstrap_ci(values, n_boot=500, seed=4)
    assert low < values.mean() < high
    assert high - low < 0.15
    assert tone.bootstrap_ci([0.5, 0.5, float("nan")]) == (0.5, 0.5)
    assert all(math.isnan(v) for v in tone.bootstrap_ci([]))


def test_corpus_tone_by_outlet_and_by_two_keys():
    articles = pd.DataFrame(
        {
            "outlet": ["X", "X", "X", "Y", "Y"],
            "period": ["2016-01", "2016-01", "2016-02", "2016-01", "2016-01"],
            "sentiment_mean": [0.1, 0.3, 0.2, -0.4, np.nan],
        }
    )
    by_outlet = tone.corpus_tone(articles, "outlet", n_boot=200)
    assert by_outlet["outlet"].tolist() == ["X", "Y"]
    assert by_outlet["n"].tolist() == [3, 1]
    assert by_outlet["mean"].tolist() == pytest.approx([0.2, -0.4])
    assert (by_outlet["ci_low"] <= by_outlet["mean"]).all()
    assert (by_outlet["mean"] <= by_outlet["ci_high"]).all()
    pd.testing.assert_frame_equal(by_outlet, tone.corpus_tone(articles, "outlet", n_boot=200))
    both = tone.corpus_tone(articles, ["outlet", "period"], n_boot=200)
    assert list(both.columns) == ["outlet", "period", "n", "mean", "ci_low", "ci_high"]
    assert len(both) == 3


def test_entities_from_speakers_takes_named_people_with_surnames():
    from newsaudit import tone

    attributions = pd.DataFrame({
        "article_id": ["a", "a", "b", "b"],
        "speaker": ["Tomas Reyes", "Tomas Reyes", "analysts", "Harbour Authority"],
        "named": [True, True, False, True],
        "source_type": ["person", "person", "anonymous", "organization"],
    })
    assert tone.entities_from_speakers(attributions) == {
        "Tomas Reyes": ["Reyes", "Tomas Reyes"], "Harbour Authority": ["Harbour Authority"]}
