"""The seed article from DESIGN.md, end to end (skipped when ../shared/data is absent)."""

import pandas as pd
import pytest

from newsaudit import config, pipeline
from tests.conftest import requires_seed

pytestmark = requires_seed


@pytest.fixture(scope="module")
def seed_tables():
    tables, info = pipeline.analyze_paths([config.SEED_ARTICLE])
    assert info["counts"] == {"read": 1, "analysed": 1, "skipped": 0, "duplicates": 0}
    return tables


def test_seed_cleaning(seed_tables):
    article = seed_tables["articles"].iloc[0]
    headline = "North Korean Leader Arrives Russia in Armored Train to Meet Putin"
    assert article["title"] == headline
    assert article["text"].count(headline) == 1
    for noise in ("Read Also:", "Hong Kong and Chinese Cities Battle Flooding From Record Rains", "Leave a Reply"):
        assert noise in article["removed"] and noise not in article["text"]
    assert "P resident" not in article["text"] and "North Korea’s President first trip" in article["text"]


def test_seed_attributions(seed_tables):
    attributions = seed_tables["attributions"]
    found = {
        (row.source_text, row.source_type, row.cue_text, row.kind)
        for row in attributions.itertuples()
    }
    assert ("The United States", "government", "alleged", "indirect") in found
    assert ("The US government", "government", "said", "mixed") in found
    analysts = attributions[attributions["source_text"] == "analysts"]
    assert len(analysts) == 2 and set(analysts["source_type"]) == {"anonymous"} and set(analysts["cue_text"]) == {"say"}
    jeon = attributions[attributions["speaker"] == "Jeon Ha-kyu"]
    assert len(jeon) == 1
    assert jeon[["source_type", "named", "official", "cue_text", "kind"]].iloc[0].tolist() == [
        "person", True, True, "said", "indirect"]
    assert attributions.loc[attributions["cue_text"] == "alleged", "cue_class"].iat[0] == "loaded"
    assert len(attributions) == 5


def test_seed_hedges_and_stats(seed_tables):
    hedges = seed_tables["hedges"]
    assert "reportedly" in set(hedges["text"].str.lower())
    stats = seed_tables["article_stats"].iloc[0]
    assert stats["n_hedges"] >= 1 and stats["n_attributions"] == 5
    assert stats["share_anonymous"] == pytest.approx(2 / 5)
    assert stats["share_named"] == pytest.approx(3 / 5)  # the two governments are named, the analysts not


def test_seed_offsets_point_into_text(seed_tables):
    text = seed_tables["articles"]["text"].iat[0]
    for row in seed_tables["attributions"].itertuples():
        assert text[row.cue_start:row.cue_end] == row.cue_text
        assert text[row.content_start:row.content_end] == row.content_text
        if pd.notna(row.source_text):
            assert text[int(row.source_start):int(row.source_end)] == row.source_text


def test_seed_tone_toward_kim_and_putin(seed_tables):
    from newsaudit import tone

    mentions = tone.entity_tone(seed_tables["sentences"], {
        "Kim Jong Un": ["Kim Jong Un", "Kim", "North Korea", "Pyongyang"], "Vladimir Putin": ["Vladimir Putin", "Putin"]})
    summary = mentions.groupby("entity")["compound"].agg(["size", "mean"])
    assert summary.loc["Vladimir Putin", "size"] == 5  # headline, intro, Vladivostok, "last met Putin", "Kim and Putin"
    assert summary.loc["Kim Jong Un", "size"] >= 7
    kim_sentences = set(mentions.loc[mentions["entity"] == "Kim Jong Un", "text"])
    assert any(text.startswith("North Korean leader, Kim Jong Un has arrived") for text in kim_sentences)
    assert not any("Leave a Reply" in text for text in kim_sentences)
