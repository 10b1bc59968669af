"""A whole article in one paragraph (scraped text often has no line breaks) must not make
attribution linking blow up: it used to be cubic in the paragraph's spans (56 KB took 2 minutes)."""

import time

import pandas as pd
import pytest

from newsaudit import segment, sourcing

SENTENCES = ('"We will not back down," union leader Hana Okafor said on Tuesday. The ministry said the '
             'talks would resume, according to officials. Analysts say the strike could last weeks, and '
             'she added that "nothing is settled". ')
RUN_ON = '"we will not back down" said union leader Hana Okafor and the ministry said talks would resume, '


@pytest.mark.parametrize("unit", [SENTENCES, RUN_ON], ids=["sentences", "one-sentence"])
def test_sixty_kilobyte_paragraph_is_linked_quickly(unit):
    repeats = 60_000 // len(unit)
    articles = pd.DataFrame({"article_id": ["long"], "title": [""], "text": [unit * repeats]})
    sentences = segment.split_sentences(articles)
    started = time.perf_counter()
    attributions = sourcing.extract_attributions(articles, sentences)
    seconds = time.perf_counter() - started
    assert seconds < 10, f"60 KB paragraph took {seconds:.1f} s"  # a guard against quadratic linking, not a benchmark
    assert len(attributions) >= repeats
    assert attributions.speaker.str.contains("Okafor").sum() >= repeats
