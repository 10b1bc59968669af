"""Cleaning rules on inline text that spells out the mess."""

import pytest

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


def assert_furniture(kind: str, removed: tuple[str, ...], kept: tuple[str, ...]) -> None:
    """Each line of `removed` goes as `kind` furniture, recorded; each line of `kept` stays."""
    for line in removed:
        assert _furniture(line) == [f"{kind}: {line}"], line
    for line in kept:
        assert _furniture(line) == [], line


def test_caption_labels_are_removed_but_body_text_about_photos_is_kept():
    assert_furniture("caption", removed=(
        "Photo: Jane Roe/Example Images",
        "FILE PHOTO: Dockworkers gather at the harbour gate in Port Example on May 3.",
        "Image copyright Example Agency Image caption The mayor opened the bridge on Monday",
        "Media playback is unsupported on your device",
        "Media caption The harbour master explains the new rules",
        "Enlarge this image toggle caption Jane Roe/Example Images Jane Roe/Example Images",
        "Slideshow (3 Images)",
    ), kept=(
        "The photo, taken in May, shows the mayor at the harbour.",
        "Image copyright law is complex, lawyers for the museum said.",
        "Media captions were added to the archive, the library said.",
    ))


def test_credit_lines_are_removed_but_sentences_with_slashes_are_kept():
    credits = ("Example Images", "Jane Roe/Example Agency", "Jane Roe / Example Wire.", "(Jane Roe/Example Images)")
    assert_furniture("caption", removed=credits, kept=(
        "The Smith/Jones report was published on Monday, officials said.",
        "Related charges were dropped, prosecutors said.",
    ))


def test_captions_ending_in_a_credit_are_removed():
    assert_furniture("caption", removed=(
        "Firefighters at the warehouse on Monday. EXAMPLEWIRE/Jane Roe",
        "Mayor Jane Roe at the harbour gate (Photo: John Doe/Example Daily)",
        "Dockworkers leave the port on Tuesday. (Example Photo/John Doe)",
    ), kept=(
        "The deal was backed by the EU/UK group, officials said.",
        "He posted the picture online on Monday (photo below).",
        "Officers arrived minutes later. (Note: the clip shows graphic images of the crash.)",
    ))


def test_all_caps_promo_lines_are_removed_but_capitals_in_news_are_kept():
    assert_furniture("promo", removed=(
        "MORE FROM OUR PARTNERS",
        "TOP STORIES",
        "WATCH: Firefighters tackle warehouse blaze",
        "VIDEO Mayor opens the new bridge 01:12",
        "( PHOTOS: 10 harbour views)",
        "CLOSE",
        "CLOSE Mayor Jane Roe opens the new bridge. Examplevid",
        "[Video: Mayor opens the new bridge]",
    ), kept=(
        "NATO and the EU said the talks would resume in May.",
        "PORT STRIKE ENDS AFTER TWO MORE DAYS",
        "THE HARBOUR STAYS OPEN, THE MAYOR WROTE!",
        "FAST FURY (EXAMPLE GAMES)",
        "RIVERTON (EW) — Lawmakers said on Monday the bill would pass.",
        "ROE: We will watch the vote closely.",
        "Close to 40 people were hurt, police said.",
    ))


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


# --- every rule keeps the news: a real-looking sentence per rule that it must never remove --------

KEEP = {
    "repeated headline": ["Port Strike Ends"],  # the headline quoted again in the body, after it began
    "related link": [
        "Related charges against the two men were dropped, prosecutors said.",
        "Relatedly, the council delayed its vote on the harbour budget.",
        "Recommended changes to the port rules were adopted on Monday.",
        "Read more about the plan in the council's report, the mayor said.",
        "See also the ministry's statement, which was released on Tuesday.",
        "More on this later, the harbour master told reporters.",
        "Related Democrats in the county said the vote was unfair.",
    ],
    "footer": [
        "Join the conversation about the harbour plan at the town hall on Friday, organisers said.",
        "Leave a comment on the plan by May 5, the council told residents.",
        "Comments from residents were collected until Friday, the council said.",
        "Post a comment online was all the ministry asked of the dockworkers.",
    ],
    "boilerplate": [
        "Share prices of Example Shipping fell 3% on Monday.",
        "Sign up for the flood alerts, the council urged residents on Monday.",
        "Follow us on the march to City Hall, the organisers told supporters.",
        "Subscribe to the newsletter, the union said, and you will hear first.",
        "Print editions were delayed by the strike, the publisher said.",
    ],
    "caption": [
        "The photo, taken in May, shows the mayor at the harbour.",
        "Related charges were dropped, prosecutors said.",
        "The Smith/Jones report was published on Monday, officials said.",
        "He posted the picture online on Monday (photo below).",
    ],
    "promo": [
        "NATO and the EU said the talks would resume in May.",
        "Close to 40 people were hurt, police said.",
        "Watch the vote closely, the senator told her staff.",
    ],
    "hover card": ["Officials at Harbor Harbor Authority said the port would reopen."],
    "split word": ["It may be that the car maker will move, officials said."],
}


def _page(line: str) -> str:
    body = "\n\n".join(f"Paragraph {n} of the harbour story, the union said." for n in range(8))
    return f"Port Strike Ends\n\n{body}\n\n{line}\n\nThe strike ended on Monday, the mayor said.\n"


@pytest.mark.parametrize("rule, line", [(rule, line) for rule, lines in KEEP.items() for line in lines])
def test_every_rule_keeps_real_news_sentences(rule, line):
    text, removed = clean.clean_text(_page(line), "Port Strike Ends")
    assert f"\n{line}\n" in text, removed
    assert not [entry for entry in removed if line in entry]


@pytest.mark.parametrize("line", [
    "Related:", "RELATED", "Related stories", "Related Articles", "RELATED: Port reopens after strike",
    "Read more - Mayor opens new library wing", "Related Articles Mayor Opens New Library Wing",
    "Recommended", "You may also like", "More On This...", "See also: Harbour fees rise",
])
def test_related_markers_are_removed(line):
    text, removed = clean.remove_related_links(f"Body one.\n{line}\nBody two.\n")
    assert text == "Body one.\nBody two.\n" and removed == [f"related link: {line}"]


def test_a_marker_alone_takes_the_linked_headline_below_it_but_not_a_sentence():
    text, removed = clean.remove_related_links("Body.\nRelated stories\n\nMayor opens new library wing\nMore.\n")
    assert text == "Body.\nMore.\n" and removed[-1] == "related link: Mayor opens new library wing"
    text, removed = clean.remove_related_links("Body.\nRelated\nCharges were dropped, prosecutors said.\n")
    assert "Charges were dropped" in text and removed == ["related link: Related"]


@pytest.mark.parametrize("line", ["Leave a Reply", "Leave a Reply Cancel reply", "3 Comments", "Join the conversation",
                                  "Your email address will not be published. Required fields are marked *"])
def test_comment_form_labels_end_the_page(line):
    page = "The story goes on. " * 30 + f"\n{line}\nName *\n"
    text, removed = clean.remove_footer(page)
    assert line not in text and removed[0] == f"footer: {line}"


def test_prompts_to_the_reader_are_removed():
    for prompt in ("Sign up for our newsletter for daily updates.", "Follow us on Twitter", "Click here to subscribe",
                   "Facebook Twitter WhatsApp Email"):
        assert clean.remove_boilerplate_lines(f"{prompt}\n")[1] == [f"boilerplate: {prompt}"], prompt


@pytest.mark.parametrize("glued, spaced", [
    ("the delegates.The latest count", "the delegates. The latest count"),
    ("it was over.\u201dAfter the vote", "it was over.\u201d After the vote"),
    ('he said."Even so, we won."', 'he said. "Even so, we won."'),  # the mark opens the next quote
    ('"We won," he said. "It was over."Then he left.', '"We won," he said. "It was over." Then he left.'),
    ("the U.S.Army and e.g.These and a Ph.D.Student", "the U.S.Army and e.g.These and a Ph.D.Student"),
    ("fans of Harbour.Varrow.Org, and of Talk.Tel, said", "fans of Harbour.Varrow.Org, and of Talk.Tel, said"),
    ("A normal sentence. Another one.", "A normal sentence. Another one."),
])
def test_sentences_glued_by_a_scrape_are_spaced_and_recorded(glued, spaced):
    text, changed = clean.split_glued_sentences(glued)
    assert text == spaced
    assert len(changed) == (glued != spaced)
    assert all(entry.startswith("glued sentences: ") and entry.split(": ", 1)[1].split(" -> ")[0] in glued
               for entry in changed)


def test_two_quotes_glued_between_sentences_are_spaced_apart():
    from newsaudit.clean import split_glued_sentences

    text, removed = split_glued_sentences('"Yes," Roe writes. "But not much.""Things can wait." Later.”“Next one')
    assert text == '"Yes," Roe writes. "But not much." "Things can wait." Later.” “Next one'
    assert removed == ['glued sentences: much.""Things -> much." "Things', "glued sentences: Later.”“Next -> Later.” “Next"]
