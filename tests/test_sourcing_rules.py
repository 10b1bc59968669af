"""The rule pass (used when no model is bundled) on small inline sentences."""

import pandas as pd
import pytest

from newsaudit import schema, segment, sourcing


def rule_attributions(text: str) -> pd.DataFrame:
    articles = pd.DataFrame({"article_id": ["a"], "title": [""], "text": [text]})
    return sourcing.extract_attributions_with_rules(articles, segment.split_sentences(articles))


@pytest.mark.parametrize("text, source, cue, content", [
    ("Jane Smith said the plan would fail.", "Jane Smith", "said", "the plan would fail"),
    ("The mayor says taxes will rise.", "The mayor", "says", "taxes will rise"),
    ("Taxes will rise next year, said Tom Jones.", "Tom Jones", "said", "Taxes will rise next year"),
    ("Taxes will rise, analysts say.", "analysts", "say", "Taxes will rise"),
    ("According to the report, turnout fell sharply.", "the report", "According to", "turnout fell sharply"),
    ("Turnout fell sharply, according to the report.", "the report", "according to", "Turnout fell sharply"),
    ("The senator told reporters that the bill was dead.", "The senator", "told", "the bill was dead"),
    ("The United States alleged that Russia wants ammunition.", "The United States", "alleged",
     "Russia wants ammunition"),
    ("“We will win,” he said.", "he", "said", "“We will win"),
    ("Smith: “We will not give up.”", "Smith", ":", "“We will not give up.”"),
    ("The ministry said in a statement that talks had stalled.", "The ministry", "said",
     "talks had stalled"),
])
def test_rule_patterns(text, source, cue, content):
    table = rule_attributions(text)
    assert list(table.columns) == schema.ATTRIBUTIONS
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.source_text, row.cue_text, row.content_text) == (source, cue, content)
    assert text[int(row.source_start):int(row.source_end)] == source
    assert text[row.cue_start:row.cue_end] == cue
    assert text[row.content_start:row.content_end] == content


def test_no_attribution_in_plain_sentence():
    assert rule_attributions("The train left the station at noon.").empty


def test_empty_input_gives_contract_columns():
    articles = pd.DataFrame({"article_id": [], "title": [], "text": []})
    table = sourcing.extract_attributions(articles, segment.split_sentences(articles))
    assert list(table.columns) == schema.ATTRIBUTIONS and table.empty


def test_pronoun_resolves_to_last_named_person():
    text = "Senator Ann Lee said the vote was rigged. She said she would appeal."
    table = rule_attributions(text)
    assert list(table.speaker) == ["Ann Lee", "Ann Lee"]
    assert list(table.source_text) == ["Senator Ann Lee", "She"]
    assert table.official.iloc[0] and table.named.all()


@pytest.mark.parametrize("mention, kind", [
    ("South Korean Defense Ministry spokesperson Jeon Ha-kyu", "person"),
    ("The United States", "government"),
    ("The US government", "government"),
    ("analysts", "anonymous"),
    ("a senior official", "anonymous"),
    ("the report", "document"),
    ("The New York Times", "media"),
    ("the Clinton campaign", "organization"),
])
def test_source_types(mention, kind):
    assert sourcing.source_type(mention) == kind


@pytest.mark.parametrize("cue, cue_class", [
    ("said", "neutral"), ("alleged", "loaded"), ("according to", "neutral"), ("claimed", "loaded"),
    ("believes", "belief"), ("wants", "intention"), ("shows", "evidence"),
])
def test_cue_classes(cue, cue_class):
    assert sourcing.cue_class(cue) == cue_class


@pytest.mark.parametrize("content, kind", [
    ("“We will win.”", "direct"), ("the plan would fail", "indirect"),
    ("talks are “actively advancing,” and more", "mixed"),
])
def test_content_kind(content, kind):
    assert sourcing.content_kind(content) == kind


def test_hedges():
    text = ("The train is reportedly heading north. It's not clear where they will meet. "
            "He is said to be ill, according to unconfirmed reports. She allegedly lied.")
    articles = pd.DataFrame({"article_id": ["a"], "title": [""], "text": [text]})
    hedges = sourcing.find_hedges(articles, segment.split_sentences(articles))
    assert list(hedges.columns) == schema.HEDGES
    found = [t.lower() for t in hedges.text]
    assert "reportedly" in found and "it's not clear" in found and "is said to" in found
    assert "allegedly" in found and any("unconfirmed" in t for t in found)
    assert set(hedges.sentence_id) == {0, 1, 2, 3}


def test_content_kind_of_a_quote_split_by_its_cue():
    assert sourcing.content_kind("“We will win,", "and they will lose.”") == "direct"
    assert sourcing.content_kind("“We will win,", "that they will lose") == "mixed"


# ------------------------------------------------------------------ speakers, found in the sample's mess

def resolve_speakers(mentions: list[str], text: str = "") -> list[tuple]:
    """(speaker, source_type, named, official) of each mention, cited in turn after `text`."""
    from newsaudit.sourcing.entities import EntityResolver

    article = text + "".join(f" {m} said so." for m in mentions)
    resolver, position, out = EntityResolver(article), len(text), []
    for mention in mentions:
        position = article.index(mention, position)
        found = resolver.resolve(mention, position)
        out.append((found.speaker, found.source_type, found.named, found.official))
        position += len(mention)
    return out


def test_names_after_titles_and_possessives():
    from newsaudit.sourcing.speakers import name_in

    assert name_in("Harbour Minister Tomas Reyes") == "Tomas Reyes"
    assert name_in("Reyes") == "Reyes"  # a final s is not a possessive
    assert name_in("Reyes’s") == "Reyes"
    assert name_in("The Valdorian Chamber of Shipping") == "Valdorian Chamber of Shipping"
    assert name_in("South Korean Defense Ministry spokesperson Jeon Ha-kyu") == "Jeon Ha-kyu"


def test_surname_resolves_to_the_full_name_and_keeps_its_office():
    resolved = resolve_speakers(["Harbour Minister Tomas Reyes", "Café owner Piet Ansgar", "Reyes", "he"])
    assert [r[0] for r in resolved] == ["Tomas Reyes", "Piet Ansgar", "Tomas Reyes", "Tomas Reyes"]
    assert resolved[2][3] is True  # official, as the first mention said


def test_generic_groups_are_anonymous():
    from newsaudit.sourcing.speakers import source_type

    assert source_type("A source familiar with the talks") == "anonymous"
    assert source_type("Shipping firms") == "anonymous"
    assert source_type("The Valdorian Chamber of Shipping") == "organization"


def test_postposed_source_and_uncertainty():
    import pandas as pd

    from newsaudit import segment, sourcing

    text = ("Budget Passes\n\nThe council approved the budget, Mayor Ana Ruiz said on Monday. "
            "It is not clear whether the vote will be challenged.")
    articles = pd.DataFrame({"article_id": ["a"], "title": ["Budget Passes"], "text": [text]})
    found = sourcing.extract_attributions(articles, segment.split_sentences(articles))
    assert found[["speaker", "cue_text", "content_text"]].values.tolist() == [
        ["Ana Ruiz", "said", "The council approved the budget"]]


def test_bare_names_and_the_company_resolve_in_the_article():
    text = "Mayor Ines Halvorsen cut the ribbon. Solvane Forest Products will close the mill."
    resolved = resolve_speakers(["Halvorsen", "Solvane Forest Products", "the company", "Analysts"], text)
    assert [r[0] for r in resolved] == ["Ines Halvorsen", "Solvane Forest Products", "Solvane Forest Products", "analysts"]
    assert [r[1] for r in resolved] == ["person", "organization", "organization", "anonymous"]


def test_offices_are_government():
    from newsaudit.sourcing.speakers import source_type

    assert source_type("the Valdoria Audit Office") == "government"
    assert source_type("the city's finance office") == "government"


def test_sentence_ids_follow_text_order_whatever_the_sentence_table_order():
    text = "The sky is blue. Reportedly, taxes will rise. Analysts said the plan would fail."
    articles = pd.DataFrame({"article_id": ["a"], "title": [""], "text": [text]})
    sentences = segment.split_sentences(articles)
    shuffled = sentences.iloc[::-1]
    hedges = sourcing.find_hedges(articles, shuffled)
    attributions = sourcing.extract_attributions_with_rules(articles, shuffled)
    assert list(hedges.sentence_id) == [sentences.sentence_id.iloc[1]]
    assert list(attributions.sentence_id) == [sentences.sentence_id.iloc[2]]


@pytest.mark.parametrize("mention, expected", [
    ("Aino Vesterberg, a nurse who travels from Little Skarra island each day", ("Aino Vesterberg", "person", True)),
    ("Its general secretary, Hana Okafor,", ("Hana Okafor", "person", True)),
    ("The Ministry of Trade", ("Ministry of Trade", "government", True)),
    ("The report, published on Friday,", ("report, published on Friday", "document", False)),
    ("A report by the Valdoria Audit Office", ("Valdoria Audit Office", "document", True)),  # cited for its author
    ("Auditors", ("auditors", "anonymous", False)),
    ("a Varnholt spokesperson", ("Varnholt spokesperson", "anonymous", False)),  # an unnamed individual
    ("Union representative Carla Nduta", ("Carla Nduta", "person", True)),
])
def test_appositives_institutions_documents_and_unnamed_spokespeople(mention, expected):
    assert resolve_speakers([mention])[0][:3] == expected


def test_the_role_resolves_to_the_last_person_named_with_it():
    assert resolve_speakers(["Mayor Ines Halvorsen", "The mayor"])[1][:2] == ("Ines Halvorsen", "person")


@pytest.mark.parametrize("mention, official", [
    ("South Korean Defense Ministry spokesperson Jeon Ha-kyu", True),
    ("Harbour Minister Tomas Reyes", True),
    ("Lena Marquard, chief economist at Northgate Savings Bank,", False),
    ("Union representative Carla Nduta", False),
    ("Hana Okafor, general secretary of the Keswater Dockers' Union,", False),
])
def test_official_means_a_public_role(mention, official):
    assert resolve_speakers([mention])[0][3] is official
