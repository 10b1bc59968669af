"""Word lists for the sourcing stage: reporting cues and their classes, source kinds, hedges."""

from __future__ import annotations

import re


def inflect(lemmas: str) -> set[str]:
    """Common inflections of each lemma ("say" -> say, says, said, saying) by English rules,
    plus the irregular forms listed as 'lemma:form,form'."""
    forms: set[str] = set()
    for item in lemmas.split():
        lemma, _, irregular = item.partition(":")
        forms.add(lemma)
        forms.update(f for f in irregular.split(",") if f)
        if lemma.endswith("e"):
            forms.update({lemma + "s", lemma + "d", lemma[:-1] + "ing"})
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"})
        elif re.search(r"(s|sh|ch|x|z)$", lemma):
            forms.update({lemma + "es", lemma + "ed", lemma + "ing"})
        else:
            forms.update({lemma + "s", lemma + "ed", lemma + "ing"})
    return forms


# Classes of cues. "neutral" reports; "loaded" colours the content (claim, admit, deny, ...);
# the others report a state of mind or evidence rather than speech.
CUE_CLASS_LEMMAS = {
    "neutral": (
        "say:said tell:told add state note report write:wrote,written,writting explain announce "
        "describe comment respond reply mention remark ask continue tweet post speak:spoke,spoken "
        "quote cite recall declare testify confirm answer observe point reiterate repeat "
        "inform indicate put relay recount detail outline predict estimate caution advise "
        "call urge propose recommend promise pledge vow warn acknowledge agree conclude"
    ),
    "loaded": (
        "allege claim insist admit concede deny accuse boast brag charge complain contend "
        "assert maintain argue blast slam attack criticize criticise praise defend dismiss "
        "reject refuse decline lament mock scoff rail fume howl rant grumble protest "
        "blame condemn denounce disparage endorse back support oppose threaten demand "
        "acknowledge confess swear:swore,sworn proclaim trumpet tout hail admonish scold "
        "question dispute challenge doubt suspect anger:angered"
    ),
    "belief": (
        "think:thought believe feel:felt expect consider suspect assume guess "
        "know:knew,known worry fear hope doubt imagine figure reckon understand:understood "
        "see:saw,seen find:found view seem appear"
    ),
    "intention": "want plan intend seek:sought aim wish try vow pledge threaten promise",
    "evidence": "show:shown suggest indicate reveal find:found demonstrate prove:proven confirm",
}

CUE_CLASS_BY_WORD: dict[str, str] = {}
for _cue_class, _lemmas in CUE_CLASS_LEMMAS.items():
    for _form in inflect(_lemmas):
        CUE_CLASS_BY_WORD.setdefault(_form, _cue_class)
REPORTING_WORDS = frozenset(CUE_CLASS_BY_WORD)
# Cues of intention whatever their class above ("vowed to", "plans", "threatening").
INTENTION_WORDS = frozenset(inflect(CUE_CLASS_LEMMAS["intention"] + " plot propose aim"))

# The plain speech verbs the rule pass trusts.
SPEECH_WORDS = frozenset(inflect(
    "say:said tell:told add note write:wrote,written explain announce report claim allege "
    "insist argue admit deny warn tweet declare respond reply comment ask"
))

PRONOUNS = {
    "he": "male", "him": "male", "his": "male", "she": "female", "her": "female",
    "they": "plural", "them": "plural", "we": "plural", "i": "speaker", "who": "relative",
    "which": "relative", "that": "relative", "it": "neuter",
}

OFFICIAL_ROLES = frozenset("""
spokesman spokeswoman spokesperson spokespeople official officials minister ministry secretary
president vice senator sen governor gov mayor ambassador representative rep congressman
congresswoman lawmaker lawmakers chairman chairwoman chair director commissioner attorney
general prosecutor judge justice sheriff chief officer police department agency administration
aide aides adviser advisor press premier chancellor council councilman councilwoman leader
speaker deputy envoy diplomat diplomats military army commander white house pentagon
""".split())

ANONYMOUS_HEADS = frozenset("""
analysts analyst experts expert sources source officials official observers critics critic
people insiders insider aides aide diplomats diplomat residents witnesses witness some others
many several observers supporters opponents voters lawmakers democrats republicans
economists economist scholars scientists researchers person someone advisers advisors
firms companies businesses banks investors traders owners workers employees staff members
residents parents teachers doctors nurses farmers officers families negotiators mediators
auditors inspectors investigators forecasters groups campaigners activists neighbours neighbors
students scientists engineers protesters
""".split())

# Job titles that are not official roles but still precede a name ("Café owner Piet Ansgar").
OTHER_ROLES = frozenset("""
owner founder ceo executive professor editor manager coach captain head teacher principal
farmer worker doctor nurse researcher author lawyer activist economist analyst chairman
correspondent reporter columnist strategist pollster consultant historian scientist
""".split())

GOVERNMENT_WORDS = frozenset("""
government ministry administration department pentagon kremlin congress senate parliament
cabinet state states house military army navy police court embassy council federal
office inspectorate commission bureau treasury agency patrol caucus legislature assembly service authority
watchdog regulator
""".split())

COUNTRIES = frozenset("""
united states america u.s. us usa uk britain china russia japan korea north south france
germany iran iraq israel india pakistan ukraine syria turkey canada mexico australia
italy spain egypt saudi arabia pyongyang beijing moscow washington seoul tokyo kyiv kiev
""".split())

# States of the US as speakers ("Georgia voted", "Florida sued") are governments.
US_STATES = frozenset("""
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
wisconsin wyoming
""".split())

# Nationality adjectives: "German" in "a German football club" describes a body, it does not name it.
DEMONYMS = frozenset("""
american british english scottish welsh irish french german italian spanish portuguese dutch belgian swiss
austrian swedish norwegian danish finnish polish czech hungarian greek turkish russian ukrainian chinese japanese
korean indian pakistani afghan iranian iraqi syrian israeli palestinian lebanese saudi egyptian libyan nigerian
kenyan african mexican canadian brazilian argentine colombian venezuelan cuban australian european asian arab
""".split())

# AP and postal abbreviations of US states, as in a lawmaker's tag "(R-Fla.)", "(D-NY)".
US_STATE_ABBREVIATIONS = {abbreviation: state for state, forms in (
    ("alabama", "ala al"), ("alaska", "ak"), ("arizona", "ariz az"), ("arkansas", "ark ar"), ("california", "calif ca"),
    ("colorado", "colo co"), ("connecticut", "conn ct"), ("delaware", "del de"), ("florida", "fla fl"),
    ("georgia", "ga"), ("hawaii", "hi"), ("idaho", "id"), ("illinois", "ill il"), ("indiana", "ind in"),
    ("iowa", "ia"), ("kansas", "kan ks"), ("kentucky", "ky"), ("louisiana", "la"), ("maine", "me"),
    ("maryland", "md"), ("massachusetts", "mass ma"), ("michigan", "mich mi"), ("minnesota", "minn mn"),
    ("mississippi", "miss ms"), ("missouri", "mo"), ("montana", "mont mt"), ("nebraska", "neb ne"),
    ("nevada", "nev nv"), ("new hampshire", "n.h nh"), ("new jersey", "n.j nj"), ("new mexico", "n.m nm"),
    ("new york", "n.y ny"), ("north carolina", "n.c nc"), ("north dakota", "n.d nd"), ("ohio", "oh"),
    ("oklahoma", "okla ok"), ("oregon", "ore or"), ("pennsylvania", "pa"), ("rhode island", "r.i ri"),
    ("south carolina", "s.c sc"), ("south dakota", "s.d sd"), ("tennessee", "tenn tn"), ("texas", "tex tx"),
    ("utah", "ut"), ("vermont", "vt"), ("virginia", "va"), ("washington", "wash wa"), ("west virginia", "w.va wv"),
    ("wisconsin", "wis wi"), ("wyoming", "wyo wy"),
) for abbreviation in forms.split()}

MEDIA_WORDS = frozenset("""
times post journal news cnn reuters ap associated press bbc nbc cbs abc fox msnbc bloomberg
guardian newspaper magazine tribune herald politico breitbart axios npr pbs telegraph
globe gazette chronicle observer examiner inquirer daily weekly wire monitor dispatch courier
sentinel ledger bulletin outlet outlets broadcaster network
""".split())

# Common nouns for a news outlet ("the newspaper", "the radio station"), named or not.
MEDIA_NOUNS = frozenset("""
newspaper newspapers paper magazine magazines broadcaster broadcasters network networks outlet outlets
station stations channel channels tabloid tabloids publication publications daily weekly
""".split())

DOCUMENT_WORDS = frozenset("""
report reports statement statements study studies poll polls survey surveys data document
documents letter memo email emails filing records record analysis release website book
article tweet tweets video ad ads review figures numbers
""".split())

ORGANIZATION_WORDS = frozenset("""
company corp inc group party campaign committee university institute foundation association
union organization organisation firm bank council center centre club league network
chamber federation board trust cooperative co-operative society
products industries holdings partners ltd llc plc systems technologies airlines motors energy
foods pharmaceuticals media labs associates consulting capital securities
airline carrier retailer insurer lender carmaker automaker manufacturer conglomerate
""".split())
INSTITUTION_WORDS = ORGANIZATION_WORDS | GOVERNMENT_WORDS
# "the company" and its kin name a business; bodies whose names end in these words are not one.
COMPANY_NOUNS = frozenset("""
company firm corporation business airline carrier retailer insurer lender carmaker automaker manufacturer
conglomerate
""".split())
BODIES_OTHER_THAN_COMPANIES = frozenset("""
university institute foundation association union organization organisation council center centre club
league chamber federation board trust society party campaign committee cooperative co-operative
""".split())
# Role words of a person, not of the body they belong to: "senator", "minister", "economist";
# not "ministry", "police" or "council".
# "white" is in the tagger's role list for "White House"; alone it is a surname, not a role.
OFFICIAL_PERSON_ROLES = OFFICIAL_ROLES - INSTITUTION_WORDS - {"white"}
PERSON_ROLES = (OFFICIAL_ROLES | OTHER_ROLES) - INSTITUTION_WORDS - {"white"}

# Hedges and statements of uncertainty, with their class.
HEDGE_PATTERNS: list[tuple[str, str]] = [
    (r"reportedly|allegedly|purportedly|supposedly|apparently|seemingly|ostensibly", "hedge"),
    (r"(?:it|this) (?:is|was) (?:believed|thought|understood|reported|alleged|rumou?red|claimed|said|expected)", "hedge"),
    (r"(?:is|are|was|were) (?:said|believed|thought|reported|alleged|rumou?red|understood) to", "hedge"),
    (r"sources? (?:say|says|said|suggest|suggests|claim|claims)", "unnamed_source"),
    (r"according to (?:unconfirmed|unnamed|anonymous|some) (?:reports?|sources?|accounts?)", "unnamed_source"),
    (r"unconfirmed reports?", "unnamed_source"),
    (r"(?:it|that)(?:'s| is|’s| was) (?:not|un)(?: yet)? ?(?:clear|known|certain|confirmed)", "uncertainty"),
    (r"(?:it|that) (?:remains|remained) (?:unclear|unknown|uncertain|to be seen)", "uncertainty"),
    (r"(?:could|may|might) not be (?:independently )?(?:verified|confirmed)", "uncertainty"),
    (r"(?:it|this) (?:is|was) (?:unclear|uncertain|unknown)", "uncertainty"),
]

HEDGE_RE = re.compile(
    "|".join(f"(?P<g{i}>\\b(?:{pattern})\\b)" for i, (pattern, _) in enumerate(HEDGE_PATTERNS)),
    re.IGNORECASE,
)
HEDGE_CLASSES = [hedge_class for _, hedge_class in HEDGE_PATTERNS]

# Honorifics and the gender they state.
HONORIFICS = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male",
              "dame": "female", "lord": "male", "lady": "female", "dr": None, "prof": None, "rev": None}
# Title words that stand before a name and are not part of it.
TITLE_WORDS = frozenset(HONORIFICS) | OFFICIAL_ROLES | OTHER_ROLES | frozenset("""
sen rep gov lt col gen sgt capt adm atty supt insp det cmdr maj pres vp deputy assistant acting
associate executive senior junior former interim then administrator inspector counsel strategist
candidate nominee hopeful challenger incumbent whip majority minority ranking member delegate
democrat democratic republican independent liberal conservative progressive
""".split())
# Titles that make a person an office holder whoever they work for (GUIDELINES: heads of state,
# ministers, legislators, judges, prosecutors, police, military), and titles that do only for a
# government ("White House spokesman", "EPA investigator", "Police Chief", not "PPG spokesman").
PUBLIC_OFFICES = frozenset("""
senator sen rep representative congressman congresswoman congressmember governor gov mayor minister
ambassador judge justice prosecutor sheriff chancellor premier lawmaker legislator councilman
councilwoman councillor councilor envoy diplomat attorney-general
""".split())
HEAD_OF_STATE = frozenset({"president", "vice", "king", "queen", "prime"})

# Nouns that state a person's gender (not "spokesman" or "chairman", which newsrooms use for anyone).
GENDERED_NOUNS = {
    **dict.fromkeys("""woman chairwoman congresswoman spokeswoman businesswoman councilwoman
        sportswoman actress mother wife daughter sister grandmother aunt niece queen princess duchess
        widow girlfriend mrs ms miss""".split(), "female"),
    **dict.fromkeys("father husband son brother grandfather uncle nephew king prince duke widower "
                    "boyfriend mr".split(), "male"),
}

PARTIES = frozenset("democrat democrats republican republicans democratic conservatives liberals tories labour".split())
# A party as a body of people: "Democrats", "the Tories", "Labour", "the Liberal Democrats", "Lib Dems".
PARTY_COLLECTIVES = frozenset("democrats republicans conservatives tories labour liberals greens socialists dems "
                              "nationalists".split())

CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december""".split())

# English conjunctions, prepositions and adverbs: as a whole source mention ("If", "At", "So"), never anyone.
FUNCTION_WORDS = frozenset("""
a an the if at by so but and or nor yet for of in on to from with without as when while where whether
because although though since until unless after before then than also even still just only not no
yes here how why
""".split())
