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


def _furniture(line):
    return clean.remove_furniture_lines(line + "\n")[1]


def test_caption_labels_are_removed_but_body_text_about_photos_is_kept():
    for caption in (
        "Photo: Jane Roe/Example Images",
        "FILE PHOTO: Dockworkers gather at the harbour gate in Port Example on May 3.",
        "Image copyright Example Agency Image caption The mayor opened the bridge on Monday",
        "Media playback is unsupported on your device",
        "Media caption The harbour master explains the new rules",
        "Enlarge this image toggle caption Jane Roe/Example Images Jane Roe/Example Images",
        "Slideshow (3 Images)",
    ):
        assert _furniture(caption) == [f"caption: {caption}"], caption
    for body in (
        "The photo, taken in May, shows the mayor at the harbour.",
        "Image copyright law is complex, lawyers for the museum said.",
        "Media captions were added to the archive, the library said.",
    ):
        assert _furniture(body) == [], body


def test_credit_lines_are_removed_but_sentences_with_slashes_are_kept():
    credits = ("Example Images", "Jane Roe/Example Agency", "Jane Roe / Example Wire.", "(Jane Roe/Example Images)")
    for credit in credits:
        assert _furniture(credit) == [f"caption: {credit}"], credit
    for body in (
        "The Smith/Jones report was published on Monday, officials said.",
        "Related charges were dropped, prosecutors said.",
    ):
        assert _furniture(body) == [], body


def test_captions_ending_in_a_credit_are_removed():
    for caption in (
        "Firefighters at the warehouse on Monday. EXAMPLEWIRE/Jane Roe",
        "Mayor Jane Roe at the harbour gate (Photo: John Doe/Example Daily)",
        "Dockworkers leave the port on Tuesday. (Example Photo/John Doe)",
    ):
        assert _furniture(caption) == [f"caption: {caption}"], caption
    for body in (
        "The deal was backed by the EU/UK group, officials said.",
        "He posted the picture online on Monday (photo below).",
        "Officers arrived minutes later. (Note: the clip shows graphic images of the crash.)",
    ):
        assert _furniture(body) == [], body


def test_all_caps_promo_lines_are_removed_but_capitals_in_news_are_kept():
    for promo in (
        "MORE FROM OUR PARTNERS",
        "TOP STORIES",
        "WATCH: Firefighters tackle warehouse blaze",
        "VIDEO Mayor opens the new bridge 01:12",
        "( PHOTOS: 10 harbour views)",
        "CLOSE",
        "CLOSE Mayor Jane Roe opens the new bridge. Examplevid",
        "[Video: Mayor opens the new bridge]",
    ):
        assert _furniture(promo) == [f"promo: {promo}"], promo
    for body in (
        "NATO and the EU said the talks would resume in May.",
        "PORT STRIKE ENDS AFTER TWO MORE DAYS",
        "THE HARBOUR STAYS OPEN, THE MAYOR WROTE!",
        "FAST FURY (EXAMPLE GAMES)",
        "RIVERTON (EW) — Lawmakers said on Monday the bill would pass.",
        "ROE: We will watch the vote closely.",
        "Close to 40 people were hurt, police said.",
    ):
        assert _furniture(body) == [], body


def test_furniture_rules_keep_the_headline():
    title = "WATCH: Mayor opens bridge"
    text, removed = clean.clean_text(f"{title}\n\nThe bridge opened on Monday.", title)
    assert text.startswith("WATCH: Mayor opens bridge") and removed == []


def test_hover_cards_are_cut_out_of_the_sentence_and_recorded():
    text = (
        "Rep. Jane Doe Jane Marie DoeCouncil votes on budget Harbour plan delayed MORE (D-Ore.) said on Monday "
        "that President Roe John Q. RoeRoe visits port Roe: 'We will build' MORE's plan would fail. "
        "Sen. Bob Smith Robert (Bob) SmithSmith backs bridge MORE agreed."
    )
    cleaned, removed = clean.remove_hover_cards(text)
    assert cleaned == (
        "Rep. Jane Doe (D-Ore.) said on Monday that President Roe's plan would fail. Sen. Bob Smith agreed."
    )
    assert removed == [
        "hover card: Jane Marie DoeCouncil votes on budget Harbour plan delayed MORE",
        "hover card: John Q. RoeRoe visits port Roe: 'We will build' MORE",
        "hover card: Robert (Bob) SmithSmith backs bridge MORE",
    ]


def test_a_hover_card_without_its_closing_word_loses_only_the_repeated_name():
    cleaned, removed = clean.remove_hover_cards("Sen. Jane Doe Jane Marie DoeHarbour said on Monday.")
    assert cleaned == "Sen. Jane Doe Harbour said on Monday." and removed == ["hover card: Jane Marie Doe"]


def test_repeated_or_glued_words_that_are_not_hover_cards_are_kept():
    for body in (
        "Related charges against Mark Mark were dropped, prosecutors said.",
        "Sales of the Example ExampleBook rose, the company said.",
        "The band's ballad You Said You'd Stay was left off the record.",
        "TURNOUT IN ELDER COUNTY DOESN'T INCREASE EXPECTATIONS",
        "Officials at Harbor Harbor Authority said the port would reopen.",
    ):
        assert clean.remove_hover_cards(body) == (body, []), body


def test_clean_text_records_furniture_with_the_other_removals():
    page = (
        "Port Strike Ends\n\nPhoto: Jane Roe/Example Images\n\n"
        "Harbour chief Jane Doe Jane Marie DoeCouncil votes MORE said the strike ended.\n\nMORE FROM OUR PARTNERS\n"
    )
    text, removed = clean.clean_text(page, "Port Strike Ends")
    assert text == "Port Strike Ends\n\nHarbour chief Jane Doe said the strike ended."
    assert removed == [
        "caption: Photo: Jane Roe/Example Images",
        "promo: MORE FROM OUR PARTNERS",
        "hover card: Jane Marie DoeCouncil votes MORE",
    ]
