"""The seed article (raw, uncleaned) and PolNeAR smoke checks; skip without ../shared/data."""

import pandas as pd
import pytest

from newsaudit import config, segment, sourcing

seed_present = pytest.mark.skipif(not config.SEED_ARTICLE.exists(),
                                  reason="../shared/data/seed not present")


@pytest.fixture(scope="module")
def seed():
    text = config.SEED_ARTICLE.read_text(encoding="utf-8")
    articles = pd.DataFrame({"article_id": ["seed"], "title": [""], "text": [text]})
    sentences = segment.split_sentences(articles)
    return articles, sentences


def _row(table, source_text):
    rows = table[table.source_text == source_text]
    assert len(rows) >= 1, f"no attribution from {source_text!r}: {list(table.source_text)}"
    return rows.iloc[0]


@seed_present
@pytest.mark.parametrize("extract", [sourcing.extract_attributions, sourcing.extract_attributions_with_rules],
                         ids=["default", "rules"])
def test_seed_attributions(seed, extract):
    table = extract(*seed)
    united_states = _row(table, "The United States")
    assert (united_states.source_type, united_states.cue_text, united_states.cue_class,
            united_states.kind) == ("government", "alleged", "loaded", "indirect")
    analysts = table[table.source_text == "analysts"]
    assert len(analysts) == 2
    assert set(analysts.source_type) == {"anonymous"} and set(analysts.cue_text) == {"say"}
    assert set(analysts.kind) == {"indirect"}
    government = _row(table, "The US government")
    assert (government.source_type, government.cue_text, government.kind) == ("government", "said", "mixed")
    assert "actively advancing" in government.content_text
    jeon = _row(table, "South Korean Defense Ministry spokesperson Jeon Ha-kyu")
    assert (jeon.speaker, jeon.source_type, jeon.cue_text, jeon.kind) == ("Jeon Ha-kyu", "person", "said", "indirect")
    assert jeon.named and jeon.official
    # The model may find more (PolNeAR also annotates intentions: "North Korea ... wants food aid").
    assert table.source_text.notna().sum() <= 6


@seed_present
def test_seed_hedges(seed):
    hedges = sourcing.find_hedges(*seed)
    assert {"reportedly", "it’s not clear"} <= set(hedges.text)
