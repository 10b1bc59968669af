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


def test_entity_tone_no_match():
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


# --- entities come from the article itself ---------------------------------------------------------

def test_there_is_no_built_in_list_of_people():
    assert not hasattr(tone, "DEFAULT_ENTITIES") and not hasattr(tone, "entities_from_speakers")
    quiet = sentences_table([("q", 0, "The harbour reopened on Monday.", 0.0), ("q", 1, "Ships came in.", 0.1)])
    assert tone.entity_tone(quiet).empty  # an article that names nobody follows nobody
    assert tone.article_entities(quiet).empty


def _article(article_id: str, sentences: list[str]) -> pd.DataFrame:
    return sentences_table([(article_id, k, text, 0.0) for k, text in enumerate(sentences)])


def _attributions(article_id: str, speakers: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": article_id, "speaker": [s for s, _ in speakers],
                         "source_type": [t for _, t in speakers], "named": True})


KIM_ARTICLE = _article("k", [
    "Leader Kim Jong Un opened the new stadium on Monday.",           # 0
    "Kim Jong Un praised the builders of the stadium.",               # 1
    "Coach Kim Min-jae said the team was ready for the season.",      # 2
    "Kim said the first match would be played in May.",               # 3: which Kim? neither
    "Kim Min-jae added that training starts next week.",              # 4
])


def test_coach_kim_min_jae_is_not_counted_as_another_kim():
    entities = tone.article_entities(KIM_ARTICLE).set_index("entity")
    assert {"Kim Jong Un", "Kim Min-jae"} <= set(entities.index)
    assert "Kim" not in entities.loc["Kim Jong Un", "aliases"]  # the surname is shared: no alias
    assert "Kim" not in entities.loc["Kim Min-jae", "aliases"]
    mentions = tone.entity_tone(KIM_ARTICLE)
    found = mentions.groupby("entity")["sentence_id"].apply(sorted).to_dict()
    assert found["Kim Jong Un"] == [0, 1] and found["Kim Min-jae"] == [2, 4]
    # Your own list may say "Kim"; it still never matches inside another person's name.
    own = tone.entity_tone(KIM_ARTICLE, {"Kim Jong Un": ["Kim Jong Un", "Kim"]})
    assert sorted(own["sentence_id"]) == [0, 1, 3]


CLINTON_ARTICLE = _article("c", [
    "Hillary Clinton spoke to voters in Riverton on Tuesday.",   # 0
    "Bill Clinton joined her on the stage.",                     # 1
    "Clinton said the bridge would be rebuilt.",                 # 2: which Clinton? neither
    "The crowd cheered Hillary Clinton.",                        # 3
])


def test_bill_clinton_is_not_counted_as_hillary_clinton():
    attributions = _attributions("c", [("Hillary Clinton", "person")])
    entities = tone.article_entities(CLINTON_ARTICLE, attributions).set_index("entity")
    assert entities.loc["Hillary Clinton", "basis"] == "speaker"
    assert "Clinton" not in entities.loc["Hillary Clinton", "aliases"]
    mentions = tone.entity_tone(CLINTON_ARTICLE, attributions=attributions)
    assert sorted(mentions.loc[mentions["entity"] == "Hillary Clinton", "sentence_id"]) == [0, 3]
    own = tone.entity_tone(CLINTON_ARTICLE, {"Hillary Clinton": ["Clinton"]})
    assert sorted(own["sentence_id"]) == [0, 2, 3]  # never sentence 1, Bill Clinton's


def test_a_surname_the_article_uses_alone_is_an_alias_when_nobody_shares_it():
    article = _article("r", [
        "Mayor Tomas Reyes opened the harbour on Monday.",
        "Reyes said the Keswater Harbour Authority would cut fees.",
        "The Keswater Harbour Authority did not comment.",
        "Critics of Reyes's plan gathered outside.",
        "It rained all day.",
    ])
    entities = tone.article_entities(article, _attributions("r", [("Tomas Reyes", "person")])).set_index("entity")
    assert entities.loc["Tomas Reyes", "aliases"] == ["Tomas Reyes", "Reyes"]
    assert entities.loc["Keswater Harbour Authority", "basis"] == "name"  # recurring capitalised name
    mentions = tone.entity_tone(article, entities.reset_index())
    assert sorted(mentions.loc[mentions["entity"] == "Tomas Reyes", "sentence_id"]) == [0, 1, 3]
    assert sorted(mentions.loc[mentions["entity"] == "Keswater Harbour Authority", "sentence_id"]) == [1, 2]


def test_names_and_entities_per_article():
    assert tone.name_runs("Coach Kim Min-jae met The White House press team.")[0][2] == ("Kim", "Min-jae")
    assert [w for _, _, w in tone.name_runs("But Russian President Vladimir Putin's aides met Bill Clinton.")] == [
        ("Vladimir", "Putin"), ("Bill", "Clinton")]
    assert [w for _, _, w in tone.name_runs("The Bank of England and the White House.")] == [
        ("Bank", "of", "England"), ("White", "House")]
    # Entities stay in their own article: a name from one is never looked for in another.
    both = pd.concat([KIM_ARTICLE, CLINTON_ARTICLE], ignore_index=True)
    mentions = tone.entity_tone(both)
    assert set(mentions.loc[mentions["article_id"] == "c", "entity"]) == {"Hillary Clinton"}
    assert "Hillary Clinton" not in set(mentions.loc[mentions["article_id"] == "k", "entity"])
