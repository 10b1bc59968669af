"""Cleaning rules on inline text that spells out the mess."""

from newsaudit import clean

PAGE = """Port Strike Ends
Port Strike Ends

Port Strike Ends

The strike ended on Monday, the harbour authority said.

Read more:

Mayor Opens New Library Wing

Dockworkers return on Tuesday.
Share this:
Facebook Twitter WhatsApp Email
Subscribe to our newsletter for daily updates.

Leave a Reply
Your email address will not be published. Required fields are marked *
Comment
Name *
"""


def test_clean_page_keeps_story_and_records_removals():
    text, removed = clean.clean_text(PAGE, "Port Strike Ends")
    assert text.count("Port Strike Ends") == 1 and text.startswith("Port Strike Ends")
    assert "Dockworkers return on Tuesday." in text and "harbour authority said" in text
    for gone in ("Read more", "Mayor Opens New Library Wing", "Facebook", "Subscribe", "Leave a Reply", "Name *"):
        assert gone not in text
        assert gone in "\n".join(removed)


def test_inline_related_link_and_sentences_survive():
    text, removed = clean.clean_text("T\n\nBody one.\nRelated: Other headline here\nBody two.", "T")
    assert "Other headline" not in text and "Body two." in text
    assert removed == ["related link: Related: Other headline here"]


def test_a_sentence_starting_like_a_marker_is_kept():
    long_line = "Related stories about the strike were published by " + "many outlets " * 20 + "today."
    text, removed = clean.remove_related_links(long_line)
    assert text == long_line and removed == []


def test_footer_only_near_the_end():
    text = "Leave a comment\n\n" + "The story goes on. " * 30
    assert clean.remove_footer(text) == (text, [])


def test_split_words_only_when_clear():
    assert clean.join_split_words("The P resident met the President.")[0] == "The President met the President."
    assert clean.join_split_words("The gov ernment said the government acts.")[0].startswith("The government said")
    for keep in ("It may be that maybe is fine.", "He went a long way along the road.", "In side bets, inside."):
        assert clean.join_split_words(keep)[0] == keep


def test_windows_line_endings_and_bom():
    text, _ = clean.clean_text("\ufeffT\r\n\r\nT\r\n\r\nBody.\r\n", "T")
    assert text == "T\n\nBody."


def test_clean_articles_keeps_raw_text():
    import pandas as pd

    articles = pd.DataFrame({"article_id": ["a"], "title": ["T"], "raw_text": ["T\nT\nBody."], "text": ["T\nT\nBody."]})
    cleaned = clean.clean_articles(articles)
    assert cleaned["raw_text"].iat[0] == "T\nT\nBody."
    assert cleaned["text"].iat[0] == "T\nBody."
    assert cleaned["removed"].iat[0] == "repeated headline: T"


def test_split_words_in_a_batch_use_the_batch_vocabulary():
    texts = ["The gov ernment met.", "The government acts.", "It may be so.", "Maybe not."]
    vocab = clean.vocabulary(texts)
    assert clean.join_split_words(texts[0], vocab)[0] == "The government met."
    assert clean.join_split_words(texts[2], vocab)[0] == "It may be so."
