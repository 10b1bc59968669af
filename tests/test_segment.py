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


def test_long_paragraphs_are_cut_into_pieces_at_sentence_ends():
    text = "Dockworkers voted on Monday. The strike ended, the union said! " * 3
    pieces = segment._pieces(text, 0, len(text), limit=70)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(end - start <= 70 for start, end in pieces)
    assert all(a_end == b_start for (_, a_end), (b_start, _) in zip(pieces, pieces[1:]))
    assert all(text[end - 1] == " " and text[end - 2] in ".!" for _, end in pieces[:-1])


def test_pieces_fall_back_to_spaces_then_to_the_limit():
    words = "harbour " * 30
    assert all(words[end - 1] == " " for _, end in segment._pieces(words, 0, len(words), limit=50)[:-1])
    blob = "x" * 130
    assert segment._pieces(blob, 0, len(blob), limit=50) == [(0, 50), (50, 100), (100, 130)]


def test_a_two_megabyte_paragraph_segments_with_valid_offsets():
    """One paragraph of 2 MB (a scrape that lost its line breaks) used to exceed NLTK's 5-second
    regular-expression limit; cut into pieces, it takes a few seconds at most."""
    sentence = "The port reopened on Monday, officials said. Dr. Lee agreed, “We are glad.” "
    text = "Port news\n\n" + sentence * (2_000_000 // len(sentence)) + "The end"
    spans = segment.sentence_spans(text)
    assert spans[0] == (0, 9) and text[slice(*spans[-1])].endswith("The end")
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and len(piece) <= segment.PIECE_CHARS
        previous_end = end
    assert len(spans) > 2 * (2_000_000 // len(sentence))
    assert {text[s:e] for s, e in spans[1:7]} == {
        "The port reopened on Monday, officials said.", "Dr. Lee agreed, “We are glad.”"}


def test_long_runs_without_sentence_ends_or_spaces_segment():
    for text in ("word " * 50_000, "x" * 100_000, "a \n" * 30_000, '"' + " " * 50_000 + '" He said.'):
        for start, end in segment.sentence_spans(text):
            assert 0 <= start < end <= len(text) and text[start:end] == text[start:end].strip()
