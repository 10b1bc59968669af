"""Property-based tests (hypothesis): any unicode input runs through loading, cleaning,
segmentation, sentiment and attribution without error; every offset is a valid slice of `text`
that reproduces the stored span text; cleaning never removes a line it does not record.

Inputs mix arbitrary unicode with the pieces of scraped news that the rules look for (markers,
captions, hover cards, quotes, cues), so that the rules actually fire. Each test runs 50 examples."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from unittest import mock

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsaudit import clean, load, segment, sentiment, sourcing

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines of the kinds cleaning and sourcing react to, all invented.
NEWS_LINES = [
    "Port Strike Ends", "Related:", "Related charges against the two men were dropped, prosecutors said.",
    "Read more: Mayor opens new library wing", "RELATED STORIES", "Leave a Reply", "Your email address will not be published.",
    "Share this:", "Facebook Twitter WhatsApp Email", "Subscribe to our newsletter for daily updates.",
    "Photo: Jane Roe/Example Images", "MORE FROM OUR PARTNERS", "WATCH: Firefighters tackle warehouse blaze",
    "Rep. Jane Doe Jane Marie DoeCouncil votes MORE (D-Ore.) said on Monday the port would reopen.",
    "The P resident met the President.", "The gov ernment said the government acts.",
    '"We will stay out until the end," union leader Hana Roe said on Monday.',
    "Analysts say the deal is unlikely, according to a report by the Audit Office.",
    "The ministry reportedly plans to cut fees, officials said. It is not clear when.",
    "“Never!” she said. \"Fine,\" he said.", "Mayor Tomas Reyes told reporters the harbour would reopen.",
    "", " ", "\t",
]
# Letters whose case changes their length ("İ".lower() is two characters) or that fold
# ("ﬁ", "ß"): offsets computed on a lower-cased copy would drift on them.
TRICKY = ["İ", "ß", "ﬁ", "\u0301", "\u200b", "\u00a0", "\U0001f600", "\t", "’", "“", "”"]
LINE = st.one_of(
    st.sampled_from(NEWS_LINES),
    st.text(max_size=60),
    st.tuples(st.sampled_from(NEWS_LINES), st.text(alphabet=st.sampled_from(TRICKY), max_size=4),
              st.sampled_from(NEWS_LINES)).map("".join),
    st.tuples(st.text(alphabet=st.sampled_from(TRICKY), max_size=3), st.sampled_from(NEWS_LINES)).map("".join),
)
SEPARATOR = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", " ", "\u2028", "\x85"])


@st.composite
def pages(draw) -> str:
    lines = draw(st.lists(LINE, max_size=14))
    separators = draw(st.lists(SEPARATOR, min_size=len(lines), max_size=len(lines)))
    return "".join(line + sep for line, sep in zip(lines, separators))


TEXTS = st.one_of(pages(), st.text(max_size=300))


# --- cleaning ---------------------------------------------------------------------------------------

_SPAN_KINDS = ("hover card", "split word", "glued sentences")


def _line_is_accounted_for(line: str, kept: set[str], cleaned: str, removed: list[str]) -> bool:
    if line in kept or line in cleaned:
        return True
    recorded = {entry.split(": ", 1)[1] for entry in removed if not entry.startswith(_SPAN_KINDS)}
    if line in recorded:
        return True
    # A span taken out of the line (a hover card), a word joined in it ("P resident") or two
    # sentences spaced apart ("over.The").
    for entry in removed:
        kind, _, what = entry.partition(": ")
        if kind == "hover card" and what in line:
            return True
        if kind in ("split word", "glued sentences") and what.split(" -> ")[0] in line:
            return True
    return False


@FAST
@given(text=TEXTS, title=st.one_of(st.sampled_from(["Port Strike Ends", ""]), st.text(max_size=20)))
@example(text="Port Strike Ends\nPort Strike Ends\nRelated\nMayor opens new wing\nBody.\n", title="Port Strike Ends")
@example(text="Rep. Jane Doe Jane Marie DoeCouncil votes MORE (D-Ore.) said on Monday the port would reopen.Port "
              "Strike Ends", title="Port Strike Ends")  # a hover card and a glued sentence in one line
def test_cleaning_records_every_line_it_removes(text, title):
    cleaned, removed = clean.clean_text(text, title)
    assert isinstance(cleaned, str) and all(isinstance(entry, str) for entry in removed)
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    kept = {line.strip() for line in cleaned.splitlines()}
    for line in normalised.splitlines():
        line = line.strip()
        if line:
            assert _line_is_accounted_for(line, kept, cleaned, removed), (line, removed)
    # and what it records was there
    whole_lines = {line.strip() for line in normalised.splitlines()}
    for entry in removed:
        kind, _, what = entry.partition(": ")
        if kind not in _SPAN_KINDS:
            assert what in whole_lines, entry


# --- segmentation -------------------------------------------------------------------------------------

def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text), (start, end)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        previous_end = end


@FAST
@given(text=TEXTS)
def test_sentence_offsets_slice_the_text(text):
    _check_spans(text, segment.sentence_spans(text))
    table = segment.split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert all(text[s:e] == t for s, e, t in zip(table["start"], table["end"], table["text"]))
    assert table["sentence_id"].tolist() == list(range(len(table)))


@FAST
@given(text=st.one_of(pages(), st.text(min_size=50, max_size=400)))
def test_sentence_offsets_slice_the_text_when_paragraphs_are_cut_into_pieces(text):
    with mock.patch.object(segment, "PIECE_CHARS", 37):
        _check_spans(text, segment.sentence_spans(text))


# --- sentiment ------------------------------------------------------------------------------------------

@FAST
@given(texts=st.lists(TEXTS, max_size=8))
def test_sentiment_scores_stay_in_range(texts):
    scores = sentiment.score_texts(texts)
    assert len(scores) == len(texts) and not scores.isna().any().any()
    assert scores["compound"].between(-1, 1).all()
    for column in ("pos", "neu", "neg"):
        assert scores[column].between(0, 1).all()


@FAST
@given(text=TEXTS)
def test_sentiment_equals_nltk_on_any_text(text):
    ours, reference = sentiment.polarity(text), sentiment.nltk_analyzer().polarity_scores(text)
    assert all(abs(ours[key] - reference[key]) <= 1e-9 for key in reference), (ours, reference)


# --- attribution ------------------------------------------------------------------------------------------

def _analyse(text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": ["a"], "title": ["T"], "text": [text], "raw_text": [text]})
    sentences = segment.split_sentences(articles)
    return sourcing.extract_attributions(articles, sentences), sourcing.find_hedges(articles, sentences)


@FAST
@given(text=TEXTS)
@example(text="İİİ officials said the İstanbul port would reopen, according to Mayor Jane Roe.")
@example(text="ﬁnance minister Hana Roe said: “STRASSE ﬁxes are reportedly due,” analysts say.")
def test_attribution_offsets_slice_the_text(text):
    attributions, hedges = _analyse(text)
    for row in attributions.itertuples():
        for part in ("source", "cue", "content"):
            span_text, start, end = getattr(row, f"{part}_text"), getattr(row, f"{part}_start"), getattr(row, f"{part}_end")
            if pd.isna(start) or pd.isna(end):
                assert pd.isna(span_text) or span_text in ("", None), (part, row)
                continue
            assert 0 <= int(start) <= int(end) <= len(text), (part, row)
            assert text[int(start):int(end)] == span_text, (part, text[int(start):int(end)], span_text)
    for row in hedges.itertuples():
        assert text[int(row.start):int(row.end)] == row.text


# --- loading ------------------------------------------------------------------------------------------------

@FAST
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.text(max_size=200).map(lambda t: t.encode("utf-16"))))
def test_any_bytes_as_a_txt_file_give_an_article_or_a_recorded_skip(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.txt"
        path.write_bytes(data)
        result = load.load_articles([Path(folder)])
        assert len(result.articles) + len(result.skipped) >= 1
        for text in result.articles["text"]:
            assert isinstance(text, str) and text.strip()
        for skip in result.skipped:
            assert skip.get("reason"), skip
