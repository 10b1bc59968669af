"""Sentence splitting with offsets: abbreviations, quotes, paragraphs."""

import pandas as pd

from newsaudit import segment


def texts(text):
    return [text[s:e] for s, e in segment.sentence_spans(text)]


def test_news_abbreviations_do_not_split():
    text = "Gen. Ortiz met Mr. Lee at 9 a.m. on Jan. 5 in the U.S. Capitol. They talked."
    assert texts(text) == ["Gen. Ortiz met Mr. Lee at 9 a.m. on Jan. 5 in the U.S. Capitol.", "They talked."]


def test_quotes_stay_with_their_sentence():
    text = 'He spoke. "We will win." Then he left. “Never!” she said. "Fine," he said.'
    assert texts(text) == ["He spoke.", '"We will win."', "Then he left.", "“Never!” she said.", '"Fine," he said.']


def test_paragraphs_and_lines_never_merge():
    text = "Headline without stop\n\nFirst para ends here\nBy Jane Roe\n\nSecond para."
    assert texts(text) == ["Headline without stop", "First para ends here", "By Jane Roe", "Second para."]


def test_offsets_index_the_text():
    text = "  One.  Two?\r\n\r\nThree!  "
    for start, end in segment.sentence_spans(text):
        assert text[start:end] == text[start:end].strip() and text[start:end]


def test_split_sentences_table():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["One. Two.", "", None]})
    sentences = segment.split_sentences(articles)
    assert sentences[["article_id", "sentence_id", "start", "end", "text"]].values.tolist() == [
        ["a", 0, 0, 4, "One."], ["a", 1, 5, 9, "Two."],
    ]
