"""Entity-level speakers on small invented articles that spell out how news names people."""

import pandas as pd
import pytest

from newsaudit import segment, sourcing, stats
from newsaudit.sourcing.citations import _negated, _without_narrative_lead, is_citation_cue
from newsaudit.sourcing.subjects import opening_inverted_cue, subject_before_cue
from newsaudit.sourcing.descriptions import fullest_name
from newsaudit.sourcing.entities import EntityResolver, entity_ids
from newsaudit.sourcing.names import is_first_name
from newsaudit.sourcing.people import PeopleIndex, cited_names
from newsaudit.sourcing import speakers
from newsaudit.sourcing.speakers import category

ARTICLE = (
    "Port Deal Stalls\n\n"
    "Harbour Authority Deputy Administrator Maren Oldfield said on Monday the talks had stalled. "
    "Mr. Oldfield's colleague, Sen. Petra Lindqvist (D-Ore.), disagreed.\n\n"
    "\"We are close,\" Lindqvist said. \"Very close.\"\n\n"
    "\"Nobody should panic about the deadline.\"\n\n"
    "An aide to Lindqvist said the vote could slip. Oldfield, she added, had not read the report.\n\n"
    "A report by the Keswater Audit Office found the port lost money. The report said costs doubled.\n\n"
    "The Environmental Shipping Agency (ESA) said it would review the deal. "
    "ESA Administrator Tom Brandt told reporters the agency supported the plan.\n\n"
    "Opposition analysts homed in on the cost."
)


def resolve(mentions: list[tuple[str, str]]):
    """Resolve each mention at the position of its `anchor` text in ARTICLE."""
    resolver = EntityResolver(ARTICLE)
    return [resolver.resolve(mention, ARTICLE.index(anchor)) for mention, anchor in mentions]


def test_first_names_come_from_the_name_registers():
    assert is_first_name("Maren") and is_first_name("Hélène") and is_first_name("J.")
    assert not is_first_name("Monday") and not is_first_name("Senate") and not is_first_name("The")


def test_people_are_read_with_titles_and_the_fullest_name():
    people = {p.name: p for p in PeopleIndex(ARTICLE).people}
    assert "Maren Oldfield" in people and "Petra Lindqvist" in people and "Tom Brandt" in people
    assert people["Petra Lindqvist"].official  # a senator, and (D-Ore.) marks a legislator
    assert people["Tom Brandt"].official  # the administrator of a government agency
    assert people["Maren Oldfield"].gender == "male"  # "Mr. Oldfield" in the article, whatever the name suggests


def test_surnames_honorifics_and_pronouns_resolve_to_the_entity():
    resolved = resolve([("Lindqvist", '"We are close'), ("Mr. Oldfield", "Mr. Oldfield's"),
                        ("she", "she added")])
    assert [r.speaker for r in resolved] == ["Petra Lindqvist", "Maren Oldfield", "Petra Lindqvist"]
    assert all(r.source_type == "person" and r.named for r in resolved)


def test_an_aide_to_a_person_is_not_that_person():
    aide = resolve([("An aide to Lindqvist", "An aide")])[0]
    assert aide.speaker != "Petra Lindqvist" and aide.source_type == "anonymous" and not aide.named


def test_documents_are_cited_for_their_author_and_the_report_refers_back():
    report, again = resolve([("A report by the Keswater Audit Office", "A report by"),
                             ("The report", "The report said")])
    assert (report.speaker, report.source_type, report.official) == ("Keswater Audit Office", "document", True)
    assert again.speaker == "Keswater Audit Office"


def test_acronyms_take_the_type_of_the_name_the_article_spells_out():
    agency, pronoun, role = resolve([("ESA", "ESA Administrator"), ("it", "it would"), ("the agency", "the agency")])
    assert (agency.speaker, agency.source_type, agency.official) == ("ESA", "government", True)
    assert role.source_type == "government" and role.named


def test_entity_ids_join_mentions_of_one_source():
    resolved = resolve([("Lindqvist", '"We are close'), ("Sen. Petra Lindqvist", "Sen. Petra"),
                        ("Opposition analysts", "Opposition analysts")])
    assert entity_ids(resolved) == [0, 0, 1]


def test_fullest_form_of_an_organisation():
    text = "The Missouri State Highway Patrol took over. PPG Industries Inc. reported results."
    assert fullest_name("Missouri Highway Patrol", text) == "Missouri State Highway Patrol"
    assert fullest_name("PPG", text) == "PPG Industries Inc."


@pytest.mark.parametrize("cue, kind, expected", [
    ("said", "indirect", True), ("according to", "indirect", True), (":", "direct", True),
    ("homed in on", "indirect", False), ("tracked", "indirect", False), ("declined", "indirect", False),
    ("supported", "indirect", False), ("supported", "mixed", True), ("urged", "indirect", True),
    ("is available without charge", "indirect", False),  # "charge" is a noun here, not the verb
])
def test_only_cues_that_report_words_make_citations(cue, kind, expected):
    assert is_citation_cue(cue, kind) is expected


def test_negated_cues_and_bare_circumstances_cite_nothing():
    assert not is_citation_cue("did not say", "indirect", "whether he would run")
    assert not is_citation_cue("doesn’t say", "indirect", "much about the plan")
    assert not is_citation_cue("said", "indirect", "in a conference call")
    assert is_citation_cue("said", "indirect", "in March the plant would close")


def test_a_negation_between_the_source_and_the_cue_cites_nothing_but_one_in_the_content_does():
    text = ("Mayor Ilse Marwick does not necessarily support the ferry plan. "
            "\"Passage is not automatic,\" Marwick added.")

    def attribution(source: str, cue: str) -> dict:
        return {"source_start": text.rindex(source), "source_end": text.rindex(source) + len(source),
                "cue_start": text.rindex(cue), "cue_end": text.rindex(cue) + len(cue)}

    assert _negated(attribution("Mayor Ilse Marwick", "support"), text)
    assert not _negated(attribution("Marwick", "added"), text)  # the negation is in the quote before


def test_a_verb_of_stance_cites_when_it_gives_a_reason():
    assert is_citation_cue("criticized", "indirect", "the council for failing to act")
    assert not is_citation_cue("criticized", "indirect", "the council's budget")


@pytest.mark.parametrize("cue, kind, expected", [
    ("said", "person", "speech"), ("found", "document", "document"), ("believes", "person", "belief"),
    ("vowed", "person", "intention"), ("plans", "organization", "intention"), ("fears", "anonymous", "belief"),
])
def test_category_follows_the_cue_and_the_source(cue, kind, expected):
    assert category(cue, kind) == expected


def test_whole_article_citations_continuations_and_counts():
    articles = pd.DataFrame({"article_id": ["a"], "title": ["Port Deal Stalls"], "text": [ARTICLE]})
    sentences = segment.split_sentences(articles)
    table = sourcing.extract_attributions(articles, sentences)
    quotes = table[table["content_text"].str.contains("close|panic")]
    # '"We are close," Lindqvist said. "Very close."' is two citations; the next quote paragraph a third.
    assert len(quotes) >= 3 and set(quotes["speaker"]) == {"Petra Lindqvist"}
    assert quotes["entity_id"].nunique() == 1
    assert not table.loc[table["cue_text"] == "homed in on", "is_citation"].any()
    article_stats = stats.article_stats(articles, sentences, table, sourcing.find_hedges(articles, sentences))
    assert article_stats["n_attributions"].iat[0] == int(stats.citation_mask(table).sum())


def attributions_of(text: str) -> pd.DataFrame:
    articles = pd.DataFrame({"article_id": ["a"], "title": [text.split("\n")[0]], "text": [text]})
    return sourcing.extract_attributions(articles, segment.split_sentences(articles))


def test_a_person_cited_by_an_unlisted_name_is_a_person_with_the_articles_pronouns():
    # "Quillon" is in no name register: the name is a person because the article cites it, and
    # the pronouns that follow its mentions give the gender.
    text = ("Ferry Protest Grows\n\n"
            "\"We will stay until they listen,\" protester Quillon Marsk told reporters on the quay.\n\n"
            "Marsk has camped there for a week. He brought his two children on Sunday.\n\n"
            "Later he said the council had not answered. Marsk added that he would return.")
    table = attributions_of(text)
    marsk = table[table["speaker"].eq("Quillon Marsk")]
    assert len(marsk) >= 2, table[["source_text", "speaker"]]
    assert set(marsk["gender"]) == {"male"} and set(marsk["gender_basis"]) == {"article"}
    assert marsk["entity_id"].nunique() == 1 and not marsk["official"].any()


def test_a_sentence_opener_or_words_inside_a_quote_are_never_the_source():
    text = ("Budget Fight\n\n"
            "\"If we lose this vote, the harbour closes,\" Councillor Anja Verhoef said on Monday.\n\n"
            "\"If not, the whole plan fails. Vital facts regarding the cost are hidden from us,\" she said.")
    table = attributions_of(text)
    assert not table["speaker"].isin(["If", "Vital facts regarding the cost"]).any()
    quoted = table[table["content_text"].str.contains("whole plan|Vital facts", regex=True)]
    assert len(quoted) and set(quoted["speaker"]) == {"Anja Verhoef"}


def test_a_definite_description_means_the_person_just_cited():
    text = ("Hearing On Ports\n\n"
            "The deal would cost too much, said economist Rolf Anders Brekke, who testified first.\n\n"
            "The former director of the Harbour Budget Office said the cost could double.\n\n"
            "\"Every one of us knows the risks,\" the Vestland Democrat told the committee.")
    table = attributions_of(text)
    described = table[table["source_text"].fillna("").str.contains("former director|Vestland Democrat")]
    assert len(described) == 2 and set(described["speaker"]) == {"Rolf Anders Brekke"}, table[["source_text", "speaker"]]
    assert described["named"].all() and described["entity_id"].nunique() == 1


@pytest.mark.parametrize("text, source, cue, expected", [
    ('If not, the plan fails, Verhoef said.', "If", "said", False),
    ('The mayor openly said he wants the job.', "openly", "said", False),
    ('"Vital facts regarding the cost are hidden," Verhoef said.', "Vital facts regarding", "said", False),
    ('"We lost," Verhoef said.', "Verhoef", "said", True),
    ('Both said the talks would go on.', "Both", "said", True),
    ('The agency, which said it would review the deal, ...', "which", "said", True),
    ('\u201c The deal is off, said Verhoef.', "\u201c", "said", False),  # a stray quote mark
])
def test_what_can_be_a_source(text, source, cue, expected):
    from newsaudit.sourcing.extract import can_be_source

    offsets = {"source_start": text.index(source), "source_end": text.index(source) + len(source),
               "cue_start": text.rindex(cue), "cue_end": text.rindex(cue) + len(cue)}
    assert can_be_source(text, offsets) is expected


@pytest.mark.parametrize("tagged, kept", [
    ("Likewise, a paper from the Harbour Institute", "a paper from the Harbour Institute"),
    ("Instead, Verhoef", "Verhoef"),
    ("Harbour Institute", "Harbour Institute"),
])
def test_an_opening_adverb_is_no_part_of_a_tagged_source(tagged, kept):
    from newsaudit.sourcing.extract import _possible_sources

    text = f"{tagged} said the plan was short."
    found = _possible_sources([{"source_start": 0, "source_end": len(tagged), "cue_start": text.index(" said") + 1,
                                "cue_end": text.index(" said") + 5}], text)
    assert text[found[0]["source_start"]:found[0]["source_end"]] == kept


def test_a_line_ending_with_a_speech_verb_and_a_colon_introduces_the_quote_below():
    text = ("Night On The Quay\n\n"
            "From Harbour Radio, Ilse Marten reports:\n\n"
            "\"There were no barriers on the quay tonight. The few officers present wore plain uniforms.\n\n"
            "Nobody stayed after midnight.")
    table = attributions_of(text)
    quote = table[table["content_text"].str.contains("no barriers")]
    assert len(quote) == 1 and quote["speaker"].iat[0] == "Ilse Marten", table[["source_text", "cue_text", "content_text"]]
    assert quote["cue_text"].iat[0] == "reports" and quote["is_citation"].iat[0]
    assert quote["gender"].iat[0] == "female"


def test_one_pronoun_gives_a_gender_but_does_not_outweigh_a_telling_first_name():
    text = "Quay Vote\n\nThe plan fails, Quillon Marsk said. She left early."
    unlisted = PeopleIndex(text, cited=[("Quillon Marsk", text.index("Quillon"), [])])  # a name no register knows
    assert {p.name: (p.gender, p.gender_basis) for p in unlisted.people}["Quillon Marsk"] == ("female", "article")
    # "he" after Margaret Holm most likely belongs to someone else: her first name stands.
    telling = PeopleIndex("Quay Vote\n\nCouncillor Margaret Holm voted against the plan. He left early.")
    person = {p.name: p for p in telling.people}["Margaret Holm"]
    assert person.gender is None and person.likely_gender == "female"


def test_a_list_of_sources_cites_each_of_them_and_they_goes_on_with_all():
    text = ("Budget Talks\n\n"
            "Councillor Ilse Marwick, Mayor Owen Tarrant and the Northfield Transit Authority said in a joint "
            "statement that the budget was short. They added that fares would rise.\n\n"
            "Chairman and CEO Dana Whitlock said the company would wait.")
    resolver = EntityResolver(text)
    joint = resolver.resolve_joint("Councillor Ilse Marwick, Mayor Owen Tarrant and the Northfield Transit Authority",
                                   text.index("Councillor"))
    assert [s.speaker for s in joint] == ["Ilse Marwick", "Owen Tarrant", "Northfield Transit Authority"]
    assert [s.source_type for s in joint] == ["person", "person", "government"]
    assert [s.speaker for s in resolver.resolve_joint("They", text.index("They added"))] == [s.speaker for s in joint]
    one = resolver.resolve_joint("Chairman and CEO Dana Whitlock", text.index("Chairman"))
    assert [s.speaker for s in one] == ["Dana Whitlock"]  # titles joined by "and" are one person


@pytest.mark.parametrize("mention", ["Ilse Marwick, the councillor", "the mayor and his aides", "Smith and Sons"])
def test_an_apposition_or_a_lower_case_part_is_not_a_list(mention):
    resolver = EntityResolver("Budget Talks\n\nIlse Marwick, the councillor, said the budget was short.")
    assert len(resolver.resolve_joint(mention, 10)) == 1


def test_a_name_the_article_calls_it_is_an_organisation_not_a_person():
    text = ("Chip Sales Slow\n\n"
            "Veltronic said its profits fell by a fifth. Veltronic, which makes memory chips, blamed prices.\n\n"
            "Okonjo said he expected a recovery. Okonjo told reporters prices would rise.")
    people = PeopleIndex(text)
    assert people.treated_as_thing("Veltronic") and not people.treated_as_thing("Okonjo")
    resolver = EntityResolver(text)
    assert resolver.resolve("Veltronic", text.index("Veltronic")).source_type == "organization"
    assert resolver.resolve("Okonjo", text.index("Okonjo")).source_type == "person"


@pytest.mark.parametrize("mention, speaker, kind", [
    ("Policy makers in Europe", "policy makers in Europe", "anonymous"),
    ("Analysts at Brennick Capital", "analysts at Brennick Capital", "anonymous"),
    ("Officials in Valdoria", "officials in Valdoria", "anonymous"),
    ("Reynolds in Paris", None, "person"),  # a surname the article never writes in lower case
])
def test_a_group_located_somewhere_is_the_group_not_the_place(mention, speaker, kind):
    text = f"Rates\n\nThe policy worries analysts and officials. {mention} said rates would rise."
    resolved = EntityResolver(text).resolve(mention, text.index(mention))
    assert resolved.source_type == kind and (speaker is None or resolved.speaker == speaker)


def test_sir_and_a_first_name_is_the_knight_named_in_full():
    text = ("Skills\n\nAuditor General Sir Alwyn Petheridge said numbers were rising. "
            "Sir Alwyn added that more was needed.")
    people = PeopleIndex(text)
    assert [p.name for p in people.people] == ["Alwyn Petheridge"]
    resolved = EntityResolver(text).resolve("Sir Alwyn", text.index("Sir Alwyn added"))
    assert resolved.speaker == "Alwyn Petheridge" and resolved.official


def test_i_we_and_you_cite_nobody():
    text = ("Broadband Boom\n\n"
            "You might think that nobody wants faster lines. Analysts said demand was rising.\n\n"
            "\"I think we have reached saturation point,\" the chief executive, Oren Haldane, said. "
            "We believe the market will grow, the company's rivals said. I've always thought the lines slow.")
    table = attributions_of(text)
    first_and_second = table["source_text"].fillna("").str.fullmatch(r"(?:You|you|I|We|we)(?:'ve)?")
    assert not table.loc[first_and_second, "is_citation"].any()
    assert table.loc[table["source_text"] == "Analysts", "is_citation"].all()


@pytest.mark.parametrize("mention, kind, speaker", [
    ("Prosecutors", "anonymous", "prosecutors"),  # the capital only opens the sentence
    ("His family", "anonymous", None),
    ("any viewers", "anonymous", None),
    ("both sides", "unknown", None),  # not people by what they do
    ("The 23-year-old", "person", "Jane Dorsey"),  # an age describes the person just named
])
def test_unnamed_groups_and_descriptions_by_age(mention, kind, speaker):
    text = ("Trial\n\nJane Dorsey, 23, was charged after the prosecutors met. "
            f"{mention} said the case was weak.")
    resolved = EntityResolver(text).resolve(mention, text.index(mention))
    assert resolved.source_type == kind and (speaker is None or resolved.speaker == speaker)


def test_he_said_of_someone_cited_by_surname_gives_every_mention_a_gender():
    # "he" is too far from the name to count as a pronoun after it, but it resolves to the speaker
    text = ("Harbour Vote\n\nThe harbour vote was delayed, Quillanby said on Monday. The council, "
            "Quillanby added, had not read the plan. The harbour has waited for a new berth, a wider channel "
            "and a second crane since the floods of the spring, and the ferry operators have moved two "
            "routes to the river port while the works are planned. \"We need another week,\" he said.")
    table = attributions_of(text)
    people = table[table["speaker"].eq("Quillanby")]
    assert len(people) == 3 and set(people["gender"]) == {"male"} and set(people["gender_basis"]) == {"article"}


@pytest.mark.parametrize("mention, speaker", [
    ("Varga lawyer Ilona Brandt", "Ilona Brandt"),  # the name that ends the mention is the source
    ("Varga's spokeswoman Ilona Brandt", "Ilona Brandt"),
    ("Teodor Varga's move", "Teodor Varga"),
    ("Varga spoke on Sunday with Ilona Brandt", "Teodor Varga"),  # Brandt is tied by "with"
])
def test_the_person_a_mention_names(mention, speaker):
    text = ("Court Fight\n\nTeodor Varga, the mayor, hired Ilona Brandt last year. "
            f"{mention} said the case was weak.")
    assert PeopleIndex(text).in_mention(mention, text.index(mention)).name == speaker


def test_a_party_and_state_tag_after_a_name_no_register_knows_makes_a_legislator():
    text = "Budget\n\nZelthra Quorn (D-Wash.) said the bill would pass. Quorn added that talks went on."
    table = attributions_of(text)
    quorn = table[table["speaker"].eq("Zelthra Quorn")]
    assert len(quorn) == 2 and quorn["official"].all()


def test_he_after_an_unnamed_spokesman_is_the_spokesman_until_someone_is_named():
    text = ("Ferry Plan\n\nCouncillor Ilse Marwick backed the plan. A spokesman for the Ferry Board said the "
            "timetable would change. \"We expect delays,\" he added.\n\n"
            "A spokeswoman for the port said it was ready. Owen Tarrant has called it a waste. He said the money was gone.")
    table = attributions_of(text).set_index("cue_text")
    assert table.loc["added", "speaker"] == "spokesman for the Ferry Board"
    assert table.loc["added", "source_type"] == "anonymous"
    assert table.loc["said", "speaker"].iloc[-1] == "Owen Tarrant"  # named since the spokeswoman


@pytest.mark.parametrize("cue", ["has been stressing", "emphasises", "quipped", "signalling"])
def test_every_form_of_a_speech_verb_cites(cue):
    assert is_citation_cue(cue, "indirect", "that deficits are falling")


def test_a_document_cited_inside_another_citation_is_a_citation_of_its_own():
    text = ("Tax Cuts\n\nCouncil leaders tout a report by the Harbour Institute that forecast 1.5 million new jobs "
            "by 2030, officials said.")
    table = attributions_of(text)
    nested = table[table["cue_text"].eq("forecast")]
    assert len(nested) == 1 and nested["is_citation"].all()
    assert nested["content_text"].iat[0] == "1.5 million new jobs by 2030"
    assert nested["source_type"].iat[0] == "document" and nested["speaker"].iat[0] == "Harbour Institute"


def test_a_quote_paragraph_after_a_line_ending_source_and_verb_colon_is_that_sources():
    text = ("Debate Night\n\nThe moderators pressed the candidates on taxes.\n\n"
            "Marwick continued:\n\n"
            "\u201cThe questions asked tonight show why voters do not trust the panel.\u201d")
    table = attributions_of(text)
    quote = table[table["content_text"].str.contains("trust the panel")]
    assert len(quote) >= 1 and set(quote["source_text"]) == {"Marwick"}


def test_a_name_ending_a_sentence_does_not_run_into_the_next_one():
    text = ("Vote\n\nThe vote went to Ilse Marwick. The senator said she would not run. Sen. J. Roe Jr. agreed. "
            "It was held in the U.S. The count took a day.")
    names = [p.name for p in PeopleIndex(text).people]
    assert "Ilse Marwick" in names and not any("The" in name.split() for name in names)
    assert "J. Roe Jr" in names  # initials and suffixes do not end a sentence
    assert [p.name for p in PeopleIndex("Vote\n\nChair Zorvina Q. Pellam said no.").people] == ["Zorvina Q. Pellam"]


def test_a_full_name_given_after_the_surname_and_a_name_ending_in_a_document_word():
    text = ("Scanners\n\nMr. Quarrin said the tool worked. Zev Quarrin, chairman of the computing department, "
            "said it was fast. Ilse Marwick of the Center for Harbour Studies said it was not.")
    table = attributions_of(text)
    assert set(table.loc[table["source_text"].str.contains("Quarrin"), "speaker"]) == {"Zev Quarrin"}
    marwick = table[table["source_text"].str.startswith("Ilse Marwick")]
    assert list(marwick["speaker"]) == ["Ilse Marwick"] and list(marwick["source_type"]) == ["person"]


def test_names_with_lower_case_particles_are_one_name():
    text = "Budget\n\nMayor Ilse de Varga spoke first. De Varga said the budget was short."
    assert [p.name for p in PeopleIndex(text).people] == ["Ilse de Varga"]
    assert EntityResolver(text).resolve("De Varga", text.index("De Varga")).speaker == "Ilse de Varga"


@pytest.mark.parametrize("sentence, source", [
    ("Sen. Ilse Marwick, facing a hard race in a swing state, said the budget was short.", "Sen. Ilse Marwick"),
    ("Harbour delegate Owen Tarrant, wearing a cap and two pins, said the budget was short.", "Harbour delegate Owen Tarrant"),
    ("The sale has ruined Acmeco, its founder, who lives abroad, said on Monday.", None),
    ("Mrs. Marwick's campaign, which has been shadowed by the audit, said it was wrong.", "Mrs. Marwick's campaign"),
    ("One former harbour employee, speaking on condition of anonymity, said the budget was short.",
     "One former harbour employee"),
    ("Texts found on one of the phones, the police say, said the budget was short.", None),
    ("Tarrant, 52, said the budget was short.", "Tarrant"),  # an age is an apposition too
    ("Ilse Marwick, the auditor known as \u201cthe Hawk,\u201d said the budget was short.", "Ilse Marwick"),
    ("In the call, Sen. Ilse Marwick, who won in 2010, said the budget was short.", "Sen. Ilse Marwick"),
    ("His worst moment came when Owen Tarrant, angered by the claim that he was soft, said it was unfair.",
     "Owen Tarrant"),  # the subject of a clause that "when" opens
    ("The senior member of the harbour panel, Rep. Ilse Marwick of Norland, said the budget was short.",
     "Rep. Ilse Marwick of Norland"),  # the name after a description of it
    ("Owen Tarrant, the party's candidate, now endorsed by its leaders, openly said the budget was short.",
     "Owen Tarrant"),
    ("The audit office -- the watchdog tasked with checking the port -- also said the budget was short.",
     "The audit office"),
    ("Tarrant, for his part, said the budget was short.", "Tarrant"),
    ("But Tarrant, a senator from Norland, said the budget was short.", "Tarrant"),
    ("In a court in Harbour City, Nor., Tarrant, in a grey suit, said the budget was short.", "Tarrant"),
    ("\u201cWe are ready,\u201d Owen Tarrant, 52, said the budget was short.", "Owen Tarrant"),
    ("Harbour port workers, for instance, said the budget was short.", "Harbour port workers"),
    ("Mayor Tarrant's speech was upbeat, said the budget was short.", None),  # a clause, not a subject
    ("Boasting 108,000 residents, said the budget was short.", None),  # the comma of a number sets off nothing
    ("Indeed, said the budget was short.", None),
    ("Sen. Ilse Marwick (D-Nor.), said the budget was short.", "Sen. Ilse Marwick (D-Nor.)"),
])
def test_the_subject_before_an_apposition_is_the_source_the_tagger_missed(sentence, source):
    attribution = {"source_start": None, "source_end": None}
    cue = sentence.index("said")
    found = subject_before_cue({**attribution, "cue_start": cue, "cue_end": cue + 4}, sentence)
    got = None if found["source_start"] is None else sentence[found["source_start"]:found["source_end"]]
    assert got == source



@pytest.mark.parametrize("sentence, cue, source, cue_after", [
    ("And he\u2019s predicted big wins in the races ahead.", "he\u2019s predicted", "he", "predicted"),
    ("The meeting was first reported by the Harbour Courier. Nobody denied it.", "was first reported",
     "the Harbour Courier", "was first reported"),
    ("Citing \u201cobligations at home,\u201d the former vice president\u2019s spokeswoman said he would stay.",
     "Citing", "the former vice president\u2019s spokeswoman", "Citing"),
    ("By refusing to admit any fault, Roe and Doe appeared to win.", "refusing", "Roe and Doe", "refusing"),
    ("Pressed again about the budget, Mr. Tarrant said he was happy.", "Pressed again about", "Mr. Tarrant",
     "Pressed again about"),
    ("Speaking to reporters, the company said the director would appeal.", "Speaking", "the company", "Speaking"),
    ("Rising prices, the report said, hurt.", "Rising", None, "Rising"),  # a noun phrase, not a clause
    ("The Ilse Marwick campaign is releasing an ad aimed at Roe, questioning his record.", "questioning",
     "The Ilse Marwick campaign", "questioning"),
    ("Sen. Owen Tarrant (R-Ore.) went on with his attack on Roe, casting him as weak.", "casting",
     "Sen. Owen Tarrant", "casting"),
    ("Tarrant, meanwhile, was making a fresh pitch to voters, refusing to concede.", "refusing", "Tarrant",
     "refusing"),
    ("Before the vote, Harbour Police Chief Ilse Marwick asked for calm, saying the port was safe.", "saying",
     "Harbour Police Chief Ilse Marwick", "saying"),
    ("Sen. Owen Tarrant (D-Nor.) on Saturday criticized the deal.", "criticized", "Sen. Owen Tarrant", "criticized"),
    ("Harbour progressives on Tuesday called for a vote.", "called for", None, "called for"),  # not "Tuesday"
    ("A session with leaders in Norland focused on taxes.", "focused", None, "focused"),  # not "Norland"
])
def test_a_source_the_tagger_left_out_is_found_around_the_cue(sentence, cue, source, cue_after):
    start = sentence.index(cue)
    found = subject_before_cue({"source_start": None, "source_end": None, "cue_start": start,
                                "cue_end": start + len(cue)}, sentence)
    got = None if found["source_start"] is None else sentence[found["source_start"]:found["source_end"]]
    assert (got, sentence[found["cue_start"]:found["cue_end"]]) == (source, cue_after)

def test_institutions_named_with_the_are_not_people():
    text = ("News\n\nThe report was first published by the Harbour Free Courier. The Post's Ilse Marwick wrote "
            "that Owen Tarrant was fine. The Associated Press reported the count. The former director of the "
            "Harbour Budget Office, Owen Tarrant, disagreed.")
    resolver = EntityResolver(text)
    assert "Ilse Marwick" in [p.name for p in resolver.people.people]  # after a name that ends a sentence
    kinds = {m: resolver.resolve(m, text.index(m)) for m in ("the Harbour Free Courier", "The Associated Press")}
    assert kinds["the Harbour Free Courier"].source_type in ("organization", "media")
    assert kinds["The Associated Press"].source_type == "media"
    director = resolver.resolve("The former director of the Harbour Budget Office", text.index("The former"))
    assert director.source_type == "person"


def test_a_definite_description_with_a_place_means_the_person_of_that_place():
    text = ("Caucus\n\nSen. Owen Tarrant of Valdoria spoke first. Sen. Ilse Marwick of Norland followed him. "
            "The Valdoria senator said the vote was close.")
    resolver = EntityResolver(text)
    assert resolver.resolve("The Valdoria senator", text.index("The Valdoria")).speaker == "Owen Tarrant"


def test_dotted_initials_and_titles_from_the_sentence_itself():
    text = "Talks\n\nThe Senate voted. U.S. President Owen Tarrant said. J.M. Quorvel wrote. U.S. Steel said."
    people = {p.name: p for p in PeopleIndex(text).people}
    assert set(people) == {"Owen Tarrant", "J.M. Quorvel"}
    assert people["Owen Tarrant"].official and not people["J.M. Quorvel"].official
    assert "senate" not in people["Owen Tarrant"].titles  # the sentence before gives no title


@pytest.mark.parametrize("sentence, cue, source", [
    ("In a July interview, Ilse Marwick spoke warmly of the plan and suggested the city copy it.", "suggested", "Ilse Marwick"),
    ("She paid the loan down but said she could not afford to teach.", "said", "She"),
    ("The mayor left no doubt of her support, saying the plan was the best.", "saying", "The mayor"),
])
def test_the_clause_subject_of_a_second_verb_or_a_participle(sentence, cue, source):
    start = sentence.index(cue)
    found = subject_before_cue({"source_start": None, "source_end": None, "cue_start": start,
                                "cue_end": start + len(cue)}, sentence)
    assert sentence[found["source_start"]:found["source_end"]] == source


@pytest.mark.parametrize("mention, speaker, source_type", [
    ("the investment firm Tarrant Partners", "Tarrant Partners", "organization"),  # a name ending in "s"
    ("The advocacy group Harbour Citizens", "Harbour Citizens", "organization"),
    ("the state agency Harbour Authority", "Harbour Authority", "government"),
    ("Union representative Carla Nduta", "Carla Nduta", "person"),  # the union is her title
])
def test_a_body_described_before_its_name_is_named_by_its_name(mention, speaker, source_type):
    resolved = resolved_in_a_sentence(mention)
    assert (resolved.speaker, resolved.source_type, resolved.named) == (speaker, source_type, True)


def resolved_in_a_sentence(mention: str, before: str = ""):
    """The source `mention` as resolved in a one-line article "<before><mention> said ..."."""
    text = f"Port\n\n{before}{mention} said the budget was short."
    return EntityResolver(text).resolve(mention, text.index(mention))


def test_a_description_with_an_office_of_a_body_refers_back_only_to_the_person_just_cited():
    text = ("Budget\n\nThe fund is short, said economist Owen Tarrant. The former director of the Harbour Budget "
            "Office said the gap would grow. Port lawyer Ilse Marwick said the audit was unfair. The Liberal "
            "chairman of the Harbour Council audit panel has issued a summons.")
    resolver = EntityResolver(text)
    spoken = [("Owen Tarrant", "Owen Tarrant"), ("The former director of the Harbour Budget Office", "Owen Tarrant"),
              ("Port lawyer Ilse Marwick", "Ilse Marwick"),
              ("The Liberal chairman of the Harbour Council audit panel", None)]
    for mention, speaker in spoken:
        resolved = resolver.resolve(mention, text.index(mention))
        assert (resolved.person.name if resolved.person else None) == speaker, mention


def test_the_company_is_never_the_government_named_before():
    text = "Port\n\nThe Harbour Ministry said the budget was short. The company said it would appeal."
    resolver = EntityResolver(text)
    assert resolver.resolve("The Harbour Ministry", text.index("The Harbour")).source_type == "government"
    company = resolver.resolve("The company", text.index("The company"))
    assert (company.speaker, company.source_type, company.named) == ("company", "organization", False)


def test_a_surname_with_a_joined_article_is_one_person_named_on_without_it():
    text = ("Port\n\nPresident Karim al-Tarrani said the budget was short. Tarrani added that it would grow. "
            "Mr. al-Tarrani said so again.")
    resolver = EntityResolver(text)
    for mention in ("President Karim al-Tarrani", "Tarrani", "Mr. al-Tarrani"):
        resolved = resolver.resolve(mention, text.index(mention))
        assert (resolved.speaker, resolved.official) == ("Karim al-Tarrani", True), mention


@pytest.mark.parametrize("text, content", [
    ('Acmeco blamed the trade dispute on Tuesday. \u201cRisk shifted fast,\u201d Ilse Marwick said.',
     '\u201cRisk shifted fast,\u201d'),  # the narrative sentence before the quote is not hers
    ('\u201cRisk shifted. It shifted fast,\u201d Ilse Marwick said.', '\u201cRisk shifted. It shifted fast,\u201d'),
    ('Acmeco blamed the dispute. Risk shifted fast, Ilse Marwick said.', 'Acmeco blamed the dispute. Risk shifted fast,'),
])
def test_a_quote_before_its_cue_starts_at_its_quote_mark(text, content):
    cue = text.index(" Ilse") + 1
    end = cue - 1
    attribution = {"content_start": 0, "content_end": end, "content_fragments": [(0, end)], "cue_start": cue,
                   "cue_end": cue + 4, "source_start": None, "source_end": None}
    trimmed = _without_narrative_lead(attribution, text)
    assert text[trimmed["content_start"]:trimmed["content_end"]] == content


def test_declining_to_say_but_saying_is_a_refusal_and_a_citation_with_the_same_source():
    text = ("Port\n\nIlse Marwick, who led the audit, declined to say how much it cost but called it "
            "\u201ca significant investment.\u201d")
    found = [row for row in attributions_of(text).itertuples() if row.cue_text in ("declined", "called")]
    assert [(row.cue_text, row.speaker, row.is_citation) for row in found] == [
        ("declined", "Ilse Marwick", False), ("called", "Ilse Marwick", True)]


def test_they_means_the_plural_group_just_mentioned_not_the_firm_cited_before():
    text = ("Tax\n\nThe investment firm Tarrant Partners said rates would rise. Republican lawmakers met on "
            "Tuesday to weigh the plan. They said it was fair. The bank said it disagreed. They said so again.")
    resolver = EntityResolver(text)
    resolved = [resolver.resolve(m, at) for m, at in (("The investment firm Tarrant Partners", text.index("The inv")),
                                                      ("They", text.index("They")),
                                                      ("The bank", text.index("The bank")),
                                                      ("They", text.rindex("They")))]
    assert [r.speaker for r in resolved][1] == "Republican lawmakers"
    assert resolved[3].speaker == resolved[2].speaker  # a source cited since: "they" goes on with it


def test_they_after_analysts_opening_a_sentence_are_those_analysts():
    text = "Rates\n\nThe Harbour Ministry said rates would rise. Analysts at Varrow Bank expect a cut. They said so."
    resolver = EntityResolver(text)
    resolver.resolve("The Harbour Ministry", text.index("The Harbour"))
    they = resolver.resolve("They", text.index("They"))
    assert (they.speaker, they.source_type, they.named) == ("analysts at Varrow Bank", "anonymous", False)


def test_which_after_a_body_cites_that_body():
    text = ("Port\n\nThe port board met. Owen Tarrant spoke. Critics turned to the Harbour Port Authority, which "
            "said the budget was short. The plan, which said nothing new, was dropped.")
    resolver = EntityResolver(text)
    body = resolver.resolve("which", text.index("which"))
    assert (body.speaker, body.source_type, body.named) == ("Harbour Port Authority", "government", True)
    assert resolver.resolve("which", text.index("which said nothing")).speaker != "plan"



@pytest.mark.parametrize("mention, source_type, named, official", [
    ("The Tories", "organization", True, False),  # a party as a body, in any country's vocabulary
    ("Labour", "organization", True, False),
    ("The Liberal Democrats", "organization", True, False),
    ("Senate Democrats", "government", True, True),  # legislators as a body
    ("Some Democrats", "anonymous", False, False),
    ("Ministers", "anonymous", False, True),  # unnamed office holders: anonymous, and official
    ("Prosecutors", "anonymous", False, True),
    ("Judges", "anonymous", False, True),
    ("Analysts", "anonymous", False, False),
    ("Mr Fox", "person", True, False),  # an honorific names a person, even with a media word after it
    ("Both", "anonymous", False, False),  # the people just named, never a person called "Both"
    ("No one", "unknown", False, False),
    ("2005", "unknown", False, False),
    ("The inspector general's office", "government", True, True),  # the office of a public post
    ("The company's office", "organization", False, False),
    ("A federal inquiry", "document", False, False),  # an inquiry, probe or audit reports like a document
    ("The Harbour Board probe", "document", True, False),  # cited for the body named before its head
])
def test_parties_office_holders_and_honorifics(mention, source_type, named, official):
    resolved = resolved_in_a_sentence(mention, before="Mayor Ilse Marwick spoke first. ")
    assert (resolved.source_type, resolved.named, resolved.official) == (source_type, named, official)


def test_every_person_of_a_joint_mention_takes_the_tags_after_their_own_name():
    text = ('Harbour vote\n\nThe harbour sale went to a vote on Monday.\n\n"We must stop the sale before it is too late," '
            "Caucus Co-Chairs Owen Tarrant (D-Nor.) and Ilse Marwick (D-Val.) said in a joint statement.\n\n"
            "The Tories and the Lib Dems said the sale was fine.")
    table = attributions_of(text)
    people = table[table["source_type"] == "person"].set_index("speaker")
    assert people.loc[["Owen Tarrant", "Ilse Marwick"], "official"].all()  # each tag makes its bearer a legislator
    parties = table[table["speaker"].isin(["Tories", "Lib Dems"])]
    assert set(parties["source_type"]) == {"organization"} and len(parties) == 2


def test_a_tagged_source_running_over_a_clause_keeps_the_last_subject():
    from newsaudit.sourcing.extract import _possible_sources

    text = ("The unit of ten staff is overseen by the mayor's office, and the audit office is accusing it of waste. "
            "Roe, Doe, and the Port Authority said it was fine.")
    cue = text.index("is accusing")
    found = _possible_sources([{"source_start": 0, "source_end": cue - 1, "cue_start": cue, "cue_end": cue + 11}], text)
    assert text[found[0]["source_start"]:found[0]["source_end"]] == "the audit office"
    listed = text.index("Roe")
    said = text.index("said")
    found = _possible_sources([{"source_start": listed, "source_end": said - 1, "cue_start": said,
                                "cue_end": said + 4}], text)
    assert text[found[0]["source_start"]:found[0]["source_end"]] == "Roe, Doe, and the Port Authority"


def test_a_first_name_before_a_shared_surname_adds_no_second_person():
    text = ("Gold Star parents\n\nThe convention heard from Qorvan and Elnaz Tarrant, the parents of a soldier, "
            "who said the war was wrong. Qorvan Tarrant, 66, said he was proud. Elnaz Tarrant said she was too.")
    names = {p.name for p in PeopleIndex(text, cited_names([("Qorvan and Elnaz Tarrant", text.index("Qorvan and")),
                                                             ("Qorvan Tarrant, 66,", text.index("Qorvan Tarrant,")),
                                                             ("Elnaz Tarrant", text.index("Elnaz Tarrant said"))])).people}
    assert {"Qorvan Tarrant", "Elnaz Tarrant"} <= names


def test_a_noun_phrase_after_an_inverted_cue_is_its_source_not_its_content():
    text = ("Harbour Budget\n\nThe new levy would cost shippers a further $40 million a year, even with growth, said the "
            "Harbour Budget Institute, a research group in Port Elspeth. Fares will rise next year, said the ferry "
            "company. Gates closed early, said Ilse Marwick, the harbour's chief engineer. The levy would add a further "
            "$12 million to the deficit.")
    table = attributions_of(text)
    cited = table[table["is_citation"]].set_index("speaker")
    assert cited.loc["Harbour Budget Institute", "content_text"].startswith("The new levy would cost shippers")
    assert cited.loc["ferry company", "content_text"] == "Fares will rise next year"
    assert cited.loc["Ilse Marwick", "content_text"] == "Gates closed early"
    assert not table["content_text"].str.startswith(("the Harbour Budget", "the ferry", "Ilse")).any()
    assert not table[table["is_citation"]]["content_text"].str.contains(r"\$12 million").any()  # arithmetic, not speech


def test_an_inverted_cue_with_an_object_or_a_clause_after_it_keeps_its_content():
    text = ("Hearing\n\nThe levy raised questions, and Sen. Owen Tarrant, a Liberal, asked Ms. Marwick her view. "
            "As the tides change, said Ms. Marwick, so the gates were moved.")
    table = attributions_of(text)
    assert not table["speaker"].eq("Marwick").any() or not table["content_text"].eq("The levy raised questions").any()
    assert not (table["is_citation"] & table["content_text"].eq("The levy raised questions, and Sen")).any()


def test_nouns_that_look_like_cues_cite_nobody():
    text = ("Ferry Fight\n\nGov. Anja Verhoef placed Elspeth State Harbour Patrol Capt. Owen Tarrant in charge on "
            "Thursday. Because of a suit by Port Watch, eight states are spending millions on new gates. This "
            "suggests that the levy will fail. That said, the harbour is busy.")
    table = attributions_of(text)
    assert not table[table["is_citation"]]["cue_text"].isin(["State", "states", "suggests", "said"]).any(), \
        table[["speaker", "cue_text", "is_citation"]]


def test_a_title_case_headline_keeps_its_cue():
    table = attributions_of("Anja Verhoef Says Harbour Levy Is Unfair\n\nThe harbour levy rose again this week.")
    assert table["is_citation"].any() and table["speaker"].eq("Anja Verhoef").any()


def test_a_company_is_named_in_full_and_its_short_name_is_the_company():
    text = ("Earnings\n\nVarnholt Industries Inc. VRN, +0.5% said demand was weak. Later, Varnholt said it would "
            "cut jobs. Elspeth Foods Corp. said sales fell, and Elspeth said it would recover.")
    table = attributions_of(text)
    speakers = table.set_index("cue_start").sort_index()["speaker"].tolist()
    assert set(speakers) == {"Varnholt Industries Inc.", "Elspeth Foods Corp."}, speakers
    assert set(table["source_type"]) == {"organization"}


def test_an_opening_time_phrase_is_not_the_subject_of_a_participle():
    table = attributions_of("Budget\n\nEarlier this week, Jo Tarrant pressed the council on the levy, insisting that "
                            "the harbour should publish its accounts.")
    assert table["speaker"].eq("Jo Tarrant").any() and not table["speaker"].eq("Earlier").any()


def test_a_line_led_by_a_name_and_a_colon_cites_that_name_but_a_kicker_does_not():
    text = ("Tarrant: Harbour Levy Is a Tax on Ferries\n\n"
            "Port councillor Owen Tarrant attacked the levy on Monday.\n\n"
            "The Latest: Council votes on the levy tonight\n\n"
            "Marwick Wades In: Levy could sink the ferries\n\n"
            "HOST: Do you back the levy, councillor?\n\n"
            "TARRANT: No, and I never will back a tax on ferries.\n\n"
            "Report: Ferry fares rose by a third this year\n\n"
            "Islanders: Most islanders think the levy ignores them\n\n"
            "The report was published by the harbour board. Islanders met on Monday.")
    table = attributions_of(text)
    labelled = table[table["cue_text"].eq(":")]
    assert set(labelled["speaker"].dropna()) == {"Owen Tarrant", "Report"}, labelled[["speaker", "content_text"]]
    assert len(labelled[labelled["speaker"].eq("Owen Tarrant")]) == 2
    report = labelled[labelled["content_text"].str.startswith("Ferry fares")]
    assert list(report["source_type"]) == ["document"] and not report["named"].any()
    assert not table["speaker"].isin(["Latest", "Marwick Wades In", "HOST"]).any()


@pytest.mark.parametrize("first, expected", [
    ("George", "male"), ("Karen", "female"), ("Hillary", "female"), ("Mary", "female"), ("John", "male"),
    ("Chris", None), ("Alexis", None), ("Avery", None), ("Quillon", None),
])
def test_a_first_name_gives_a_gender_only_when_nine_in_ten_bearers_share_it(first, expected):
    from newsaudit.sourcing.names import name_gender

    assert name_gender(first) == expected


def test_a_sentence_opened_by_said_does_not_make_said_a_first_name():
    table = attributions_of("Ferry\n\nThe ferry left at noon.\n\nSaid Ilse Marwick, a neighbour: \u201cIt was late "
                            "again, and nobody told us why.\u201d")
    assert set(table["speaker"]) == {"Ilse Marwick"} and set(table["gender"]) == {"female"}


def test_a_document_someone_was_given_is_a_document_not_a_group():
    table = attributions_of("Levy\n\nThe levy will double, according to a copy given exclusively to the Harbour Herald "
                            "on Sunday.")
    assert list(table["source_type"]) == ["document"] and list(table["category"]) == ["document"]


@pytest.mark.parametrize("mention, name", [
    ("The Club for Growth PAC", "Club for Growth PAC"),
    ("analysts at the Center for the Study of Harbour Trade", "Center for the Study of Harbour Trade"),
    ("the Committee for a Responsible Port Budget", "Committee for a Responsible Port Budget"),
    ("the Department of Health and Human Services", "Department of Health and Human Services"),
    ("the Office for National Statistics", "Office for National Statistics"),
])
def test_of_for_and_and_join_the_parts_of_an_institutions_name(mention, name):
    from newsaudit.sourcing.speakers import name_in

    assert name_in(mention) == name


@pytest.mark.parametrize("mention, parts", [
    ("the Center for Economic and Policy Research", []),
    ("Varnholt Bank of Africa and Standard Trust Bank", ["Varnholt Bank of Africa", "Standard Trust Bank"]),
    ("the Council of Ferry Owners, Harbour Pilots Association and Port Users Association",
     ["the Council of Ferry Owners", "Harbour Pilots Association", "Port Users Association"]),
    ("the Department of Justice and Jo Roe", ["the Department of Justice", "Jo Roe"]),
])
def test_an_and_inside_an_institutions_name_lists_no_second_source(mention, parts):
    from newsaudit.sourcing.speakers import conjuncts

    assert conjuncts(mention) == parts


@pytest.mark.parametrize("mention, simple", [
    ("Walking to the next house, Owen Tarrant", "Owen Tarrant"), ("After the vote, Jo Roe", "Jo Roe"),
    ("Earlier this week, Roe", "Roe"), ("In Port Elspeth, the mayor", "the mayor"),
    ("Jo Roe, speaking to reporters", "Jo Roe, speaking to reporters"),
])
def test_an_opening_phrase_is_no_part_of_the_source(mention, simple):
    from newsaudit.sourcing.speakers import simplify

    assert simplify(mention) == simple


def test_openers_and_adverbs_are_never_sources_and_the_subject_after_them_is():
    text = ("Ferry Ruling\n\nHaving announced that he would not close the port, Judge Owen Tarrant adjourned the "
            "hearing. Councillor Ilse Marwick used to back the levy, but now said it was unfair. The fare rises, "
            "which officials said would start in May, angered riders. Varnholt Ferries, which runs all three routes, "
            "said it was consulting riders.")
    table = attributions_of(text)
    assert not table["speaker"].isin(["Having", "now", "which officials", "which runs all three routes"]).any()
    cited = set(table.loc[table["is_citation"], "speaker"].dropna())
    assert {"Owen Tarrant", "Ilse Marwick", "officials", "Varnholt Ferries"} <= cited, cited


def test_a_second_verb_after_and_goes_on_with_the_source_of_the_first():
    table = attributions_of("Ferry\n\nCouncillor Ilse Marwick, speaking on Harbour Radio, called the levy a "
                            "\u201cblunder,\u201d and said the ferries would suffer.")
    said = table[table["cue_text"].eq("said")]
    assert list(said["speaker"]) == ["Ilse Marwick"]


def test_a_participle_used_as_an_adjective_is_no_cue():
    text = ("Audit\n\nThe report covers the alleged fraud and his stated goal. Of those asked, most said the "
            "levy was fair.")
    table = attributions_of(text)
    cited = table[table["is_citation"]]
    assert not cited["cue_text"].isin(["alleged", "stated"]).any()
    assert cited["cue_text"].isin(["asked", "said"]).any()  # "those asked": a survey's respondents


def test_a_quote_with_its_speaker_and_an_unlisted_verb_after_it_cites_that_speaker():
    text = ("Hearing\n\nThe harbour office says a unit blocks its work.\n\n"
            "\"I am very concerned that vital records are being withheld,\" Ilse Marwick, assistant inspector "
            "general, testified before the committee.\n\n"
            "\u201cThe levy is a blunder!\u201d\n\nThe Harbour Board folded in 1986.")
    table = attributions_of(text)
    testified = table[table["content_text"].str.contains("vital records")]
    assert list(testified["speaker"]) == ["Ilse Marwick"] and list(testified["cue_text"]) == ["testified"]
    assert not table["speaker"].eq("Harbour Board").any()  # the next paragraph is not the quote's speaker


def test_a_state_is_a_government_and_a_lone_first_name_tells_a_gender():
    table = attributions_of("Vote\n\nGeorgia said the count was final. When we asked, Amelia, then age 6, said, "
                            "\u201cWhy is the count so slow?\u201d")
    speakers = table[table["is_citation"]].set_index("speaker")
    assert speakers.loc["Georgia", "source_type"] == "government" and pd.isna(speakers.loc["Georgia", "gender"])
    assert speakers.loc["Amelia", "source_type"] == "person" and speakers.loc["Amelia", "gender"] == "female"


def test_a_body_the_article_describes_with_an_organisation_noun_is_that_body():
    text = ("Ferries\n\nHarbour airline Skarvik may sue the port. Skarvik said that it may lose millions. The airline "
            "said it would appeal. Pilots had logged 2,000 hours with Norrfly, the carrier said on Thursday. During "
            "the strike in Elspeth, the firm said nothing. Quillon, a union leader, said no.")
    table = attributions_of(text)
    speakers = table.set_index("cue_start").sort_index()[["speaker", "source_type"]].values.tolist()
    assert speakers[:2] == [["Skarvik", "organization"]] * 2, speakers  # "Skarvik said", "The airline said"
    assert ["Norrfly", "organization"] in speakers
    assert ["Elspeth", "organization"] not in speakers and ["Quillon", "person"] in speakers


def test_an_opening_according_to_reports_the_rest_of_its_sentence():
    text = ("Birds\n\nThe prairie bird was listed in March. According to Rep. Ilse Marwick, a Kansas Republican, the "
            "bird is so common that it is hunted there. According to one published report, the settlements were "
            "arranged in advance.")
    table = attributions_of(text).set_index("cue_start").sort_index()
    cited = table[table["cue_text"].str.lower().eq("according to")]
    assert list(cited["speaker"]) == ["Ilse Marwick", "published report"], cited[["source_text", "content_text"]]
    assert list(cited["content_text"]) == ["the bird is so common that it is hunted there",
                                           "the settlements were arranged in advance"]
    assert list(cited["source_type"]) == ["person", "document"]


def test_a_content_that_runs_into_a_sentence_with_its_own_speaker_ends_before_it():
    text = ("Protest\n\nThe Harbour Patrol, which has taken over the quay, says that no arrests were made Thursday, "
            "confirming reports of a calm night. Capt. Ilse Marwick said people, and the police, need to keep it up."
            "\n\n\"We are in this together,\" Marwick said.")
    table = attributions_of(text)
    patrol = table[table["speaker"].eq("Harbour Patrol")]
    assert not patrol["content_text"].str.contains("Marwick").any(), patrol["content_text"]
    marwick = table[table["content_text"].str.startswith("people, and the police")]
    assert list(marwick["speaker"]) == ["Ilse Marwick"] and list(marwick["cue_text"]) == ["said"]


@pytest.mark.parametrize("text, speaker, source_type", [
    ("Tests\n\nSites slowed down in May. Early results show that some sites got slower by 85%.",
     "Early results", "document"),
    ("Listing\n\nAccording to a registration document filed with the Harbour Commission, Norrfly plans to raise "
     "$100m.", "registration document filed with the Harbour Commission", "document"),
    ("Films\n\nAccording to the industry newspaper, Skarvik Films had been trying to make a sequel.",
     "industry newspaper", "media"),
    ("Deal\n\nThe Elspeth Courier reported the deal on Monday. The newspaper said the price was $3m.",
     "Elspeth Courier", "media"),
])
def test_documents_and_outlets_described_with_common_nouns(text, speaker, source_type):
    table = attributions_of(text)
    last = table.sort_values("cue_start").iloc[-1]
    assert (last["speaker"], last["source_type"]) == (speaker, source_type), table[["source_text", "speaker"]]
    assert not last["named"] or source_type == "media"


def test_the_company_is_the_last_firm_cited_not_a_federation_cited_after_it():
    text = ("Mill\n\nSkarvik Paper Products said the mill would close. According to the Elspeth Forestry Federation, "
            "eleven mills have closed since 2020. The company said it would keep the pellet plant open.")
    table = attributions_of(text).sort_values("cue_start")
    assert list(table["speaker"]) == ["Skarvik Paper Products", "Elspeth Forestry Federation",
                                      "Skarvik Paper Products"], table[["source_text", "speaker"]]


def test_a_time_or_place_phrase_after_said_leads_to_its_content():
    text = ("Space\n\nAnalysts at Varrow Bank said in a note last year they expect the market to double. "
            "The ministry said in a statement on Monday the talks had stalled.")
    table = attributions_of(text).sort_values("cue_start")
    said = table[table["cue_text"].eq("said")]
    assert list(said["content_text"]) == ["they expect the market to double", "the talks had stalled"], table
    assert list(said["speaker"]) == ["analysts at Varrow Bank", "ministry"]
    assert list(said["source_type"]) == ["anonymous", "government"]


@pytest.mark.parametrize("sentence, speaker, content", [
    ("Ilse Marwick told a news conference they are planting the seeds.", "Ilse Marwick",
     "they are planting the seeds"),
    ("Ilse Marwick told The Elspeth Courier newspaper of Norrby on Saturday that she cast her ballot early.",
     "Ilse Marwick", "she cast her ballot early"),
    ("Ilse Marwick told a crowded hall at a hotel in downtown Norrby that she is not giving up.", "Ilse Marwick",
     "she is not giving up"),
    ("Port officials subsequently told the Elspeth Courier that the ferry would run.", "port officials",
     "the ferry would run"),
])
def test_the_person_told_and_a_trailing_adverb_are_neither_source_nor_content(sentence, speaker, content):
    table = attributions_of("Port\n\n" + sentence)
    told = table[table["cue_text"].str.contains("told")]
    assert list(told["speaker"]) == [speaker], table[["source_text", "cue_text", "content_text"]]
    assert told["content_text"].iat[0].endswith(content) and told["is_citation"].all()


def test_a_watchdog_is_a_government_body():
    table = attributions_of("Ferry\n\nHarbour watchdog Portwatch said the ferry was unsafe.")
    watchdog = table[table["speaker"].eq("Portwatch")]
    assert list(watchdog["source_type"]) == ["government"] and watchdog["official"].all()


@pytest.mark.parametrize("mention, source_type", [
    ("Secretary of State Ilse Marwick", "person"),
    ("Harbour co-chairman Liam Fox", "person"),
    ("Elspeth Courier editor Jo Roe", "person"),
    ("The Boston Globe", "media"),
    ("Fox News", "media"),
    ("local radio station Varrow FM", "media"),
    ("Russian news agencies", "media"),
    ("A CNN/ORC poll of Elspeth voters released on Tuesday", "document"),
    ("Reports in the Elspeth Courier", "media"),
])
def test_outlets_people_with_outlet_words_in_their_names_and_polls(mention, source_type):
    assert speakers.source_type(mention) == source_type


@pytest.mark.parametrize("text, speaker, source_type", [
    ("Gas\n\nShares in Skarvik Energy rose after the UK firm announced a gas find in the north.", "UK firm",
     "organization"),
    ("Deal\n\nThe Elspeth Courier covered the bid. LSE shareholders said it would create a monopoly.",
     "LSE shareholders", "anonymous"),
    ("TV\n\n\"We are very pleased with the figures,\" a BBC spokesman said.", "BBC spokesman", "anonymous"),
    ("Vote\n\nThe ferry vote was close. \"It could cause problems,\" the RNC member said.", "RNC member",
     "anonymous"),
    ("Chart\n\nThe Harbour Phonographic Industry said sales rose. \"It works,\" said a spokesman for the Harbour "
     "Phonographic Industry.", "Harbour Phonographic Industry", "organization"),
])
def test_an_acronym_or_a_body_before_a_noun_is_no_speaker_of_its_own(text, speaker, source_type):
    table = attributions_of(text)
    found = table[table["speaker"].eq(speaker)]
    assert len(found) and set(found["source_type"]) == {source_type}, table[["source_text", "speaker", "source_type"]]
    assert not table["speaker"].isin(["UK", "LSE", "BBC", "RNC"]).any()


def test_the_name_that_ends_an_apposed_mention_is_the_speaker_not_a_possessive_before_it():
    text = ("Campaign\n\nIlse Marwick spoke on Monday. Marwick’s communications director Jo Roe, a veteran of the "
            "harbour office, said on Monday the report was wrong. Campaign chairman Ana Ruiz — Marwick’s former chief "
            "of staff — said the plan would work.")
    table = attributions_of(text).sort_values("cue_start")
    assert list(table["speaker"]) == ["Jo Roe", "Ana Ruiz"], table[["source_text", "speaker"]]


def test_a_question_put_to_the_source_is_no_citation_and_the_name_after_the_comma_answers():
    table = attributions_of("Poll\n\nWhen asked whom she supported, Ms. Ilse Marwick smiled and said, “I am waiting "
                            "for the ferry vote.”")
    said = table[table["cue_text"].eq("said")]
    assert list(said["speaker"]) == ["Ilse Marwick"] and said["is_citation"].all(), table[["source_text", "cue_text"]]
    assert not table.loc[table["cue_text"].eq("asked"), "is_citation"].any()


@pytest.mark.parametrize("mention, speaker, source_type, named, official", [
    ("a German football club", "German football club", "organization", False, False),
    ("German politicians", "German politicians", "anonymous", False, False),
    ("Venezuelan authorities", "Venezuelan authorities", "government", True, True),
    ("the authorities", "authorities", "anonymous", False, True),
    ("Banned sprinter Kelli Marwick-White", "Kelli Marwick-White", "person", True, False),
    ("sprinter Ilse White", "Ilse White", "person", True, False),
    ("the White House", "White House", "government", True, True),
    ("Elspeth news agency", "Elspeth news agency", "media", True, False),
])
def test_nationality_words_plural_offices_and_a_surname_white(mention, speaker, source_type, named, official):
    resolved = EntityResolver(f"Port news. {mention} said the ferry was late.").resolve(mention, 11)
    assert (resolved.speaker, resolved.source_type, resolved.named, resolved.official) == (
        speaker, source_type, named, official)


@pytest.mark.parametrize("mention, source_type", [
    ("Portwave", "person"), ("PortWave", "organization"), ("McCain", "person"), ("DiCaprio", "person"),
    ("the Elspeth Courier/Harbour News poll released Thursday", "document"),
])
def test_a_capital_inside_one_word_names_a_brand_and_a_poll_released_is_a_poll(mention, source_type):
    assert speakers.source_type(mention) == source_type


def test_a_title_case_headline_lends_no_source():
    table = attributions_of("Ferry\n\nIlse Marwick Responds To Question About Ferry Fares By Saying Prices Must Rise\n\n"
                            "The board met on Monday.")
    assert not table["speaker"].fillna("").str.contains("Question|About|By").any(), table[["source_text", "speaker"]]


def test_a_firm_named_after_its_partners_is_one_organisation_and_a_list_of_retailers_is_not():
    assert speakers.core_mention("investment firm Keefe, Bruyette & Woods") == "investment firm Keefe, Bruyette & Woods"
    assert speakers.source_type("Keefe, Bruyette & Woods") == "organization"
    assert speakers.core_mention("Morrisons, Woolworths, House of Fraser, Marks & Spencer and Big Food") == "Morrisons"


@pytest.mark.parametrize("text, cue", [
    ("Ilse Marwick was asked about the ferry fares on Monday.", "was asked about"),
    ("Consider: If Mayor Ilse Marwick said all islanders should be banned from the ferry, would that be fair?", "said"),
])
def test_a_question_put_to_someone_and_what_someone_might_say_are_no_citations(text, cue):
    table = attributions_of("Ferry\n\n" + text)
    tagged = table[table["cue_text"].eq(cue)]
    assert len(tagged) and not tagged["is_citation"].any(), table[["source_text", "cue_text", "is_citation"]]


def test_a_verb_opening_the_sentence_then_a_name_and_a_colon_is_a_citation_of_that_name():
    text = 'The vote was close. Stated Ilse Marwick: "I think that the stakes are so high."'
    cue = text.index("Stated")
    tagged = {"source_start": None, "source_end": None, "cue_start": cue, "cue_end": cue + 6,
              "content_start": cue + 7, "content_end": len(text), "content_fragments": [(cue + 7, len(text))]}
    found = opening_inverted_cue(tagged, text)
    assert text[found["source_start"]:found["source_end"]] == "Ilse Marwick"
    assert text[found["content_start"]:found["content_end"]].startswith('"I think')
    assert opening_inverted_cue({**tagged, "cue_start": 0, "cue_end": 3}, "Yet Ilse: no")["source_start"] is None


@pytest.mark.parametrize("first, description", [
    ("Sen. Ilse Marwick (R-Fla.)", "The Florida senator"),
    ("Florida Sen. Ilse Marwick", "The Florida Republican"),
    ("Rep. Ilse Marwick, D-N.Y.,", "The New York Democrat"),
])
def test_a_description_with_a_state_goes_to_the_lawmaker_tagged_with_it(first, description):
    table = attributions_of(f"Vote\n\n{first} said the bill was dead. Hillary Clinton said it was alive. "
                            f"{description} added that votes were lacking.")
    added = table[table["cue_text"].eq("added")]
    assert list(added["speaker"]) == ["Ilse Marwick"], table[["source_text", "speaker"]]


def test_a_content_starts_at_its_first_word_or_quote_mark_not_at_punctuation():
    table = attributions_of('Army\n\nIlse Marwick hinted that a super regiment was likely. She said: "They do not want '
                            'to get rid of the history of the regiment."')
    assert not table["content_text"].str.match(r"[.,;:]").any(), table[["cue_text", "content_text"]]
    assert table["content_text"].str.startswith('"They').any()


def test_a_quoted_sentence_then_another_quote_before_the_cue_are_two_quotes_of_that_speaker():
    table = attributions_of('Race\n\nTrump could take the delegates.\n\n"Even a weak plurality would give him 99 '
                            'delegates," Rove writes. "Additionally, he could take the lion share of the delegates." '
                            'There is "still time for the majority to coalesce around a single candidate," Rove writes. '
                            '"But not much."')
    contents = list(table.sort_values("content_start")["content_text"])
    assert '"Additionally, he could take the lion share of the delegates."' in contents, contents
    assert any(c.startswith('There is "still time') for c in contents)
    assert set(table["speaker"]) == {"Rove"}


def test_he_and_a_name_are_two_people_and_they_go_on_with_both():
    table = attributions_of("Ferguson\n\nCapt. Ron Marwick took charge on Thursday. Police Chief Tom Roe asked the county "
                            "to handle the inquiry. He and Roe had both said police would change their tactics. The gear "
                            "would be stowed, they said.")
    both = table[table["content_text"].str.startswith("police would change")]
    assert set(both["speaker"]) == {"Ron Marwick", "Tom Roe"}, table[["source_text", "speaker", "content_text"]]
    stowed = table[table["content_text"].str.contains("stowed")]
    assert set(stowed["speaker"]) == {"Ron Marwick", "Tom Roe"}


def test_quotations_in_single_marks_are_quotations():
    from newsaudit.sourcing.extract import with_double_quotes
    text = "'It is only a start,' Ilse Marwick said. The players' union said it didn't agree."
    converted = with_double_quotes(text)
    assert converted == "“It is only a start,” Ilse Marwick said. The players' union said it didn't agree."
    assert with_double_quotes('He said "no" and the players\' union agreed.') == 'He said "no" and the players\' union agreed.'
    assert with_double_quotes("''We are told,'' he said, 'no'.") == "''We are told,'' he said, 'no'."
    table = attributions_of("Ferry\n\n‘But it is only a start,’ Ilse Marwick said. ‘We will keep working.’")
    said = table[table["speaker"].eq("Ilse Marwick")]
    assert len(said) >= 1 and set(said["kind"]) == {"direct"}, table[["source_text", "content_text", "kind"]]
    assert said["content_text"].iat[0] == "‘But it is only a start,’"  # the text as written


def test_a_capitalised_plural_of_people_is_a_group():
    table = attributions_of("Poll\n\nAsian Americans are less upbeat. That said, Millennials say success will require "
                            "effort.")
    said = table[table["speaker"].eq("Millennials")]
    assert list(said["source_type"]) == ["anonymous"], table[["source_text", "speaker", "source_type"]]


def test_the_fullest_name_of_a_body_is_found_inside_a_longer_run_of_capitals():
    text = ("Gov. Ana Ruiz placed Harbour State Ferry Patrol Capt. Jo Roe in charge. The Harbour Ferry Patrol, which "
            "has taken over security, says no arrests were made.")
    assert fullest_name("Harbour Ferry Patrol", text) == "Harbour State Ferry Patrol"


def test_a_veteran_of_an_office_holds_it_no_longer():
    people = PeopleIndex("x")
    assert not people.holds_office("a veteran of the Obama White House".split())
    assert people.holds_office("veteran diplomat".split()) and people.holds_office("White House spokesman".split())
