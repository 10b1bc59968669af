"""Describing one source mention on its own (the name in it, its type: person, government,
anonymous, ...), the class and category of a cue, and whether content is direct, indirect or
mixed. Resolving mentions within an article is `entities`'. The mention functions are pure and
cached: people.cited_names and the entity resolver describe the same mentions."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    ANONYMOUS_HEADS, CALENDAR, COUNTRIES, CUE_CLASS_BY_WORD, DOCUMENT_WORDS, GOVERNMENT_WORDS, HONORIFICS,
    INSTITUTION_WORDS, INTENTION_WORDS, MEDIA_NOUNS, MEDIA_WORDS, OFFICIAL_ROLES, ORGANIZATION_WORDS, PARTY_COLLECTIVES, PERSON_ROLES,
    PRONOUNS, TITLE_WORDS, US_STATES,
)
from .names import JOINED_PARTICLE, is_first_name

_CAPITALISED = re.compile(r"(?:%s)?[A-Z][\w’'.\-]*" % JOINED_PARTICLE)  # "Roe", "al-Assad"
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "some", "many", "several",
                "one", "two", "three", "other", "another", "his", "her", "their", "its", "our"}
_NOT_NAME_OPENERS = _DETERMINERS | set(PRONOUNS)
_STATE_WORDS = GOVERNMENT_WORDS | COUNTRIES
_PLACES = COUNTRIES | US_STATES
_NEWS_ITEMS = frozenset("report reports article tweet tweets video".split())
_NOT_PERSON_WORDS = INSTITUTION_WORDS | MEDIA_WORDS


@lru_cache(maxsize=50_000)
def name_in(mention: str) -> str | None:
    """The proper name in a source mention: the last run of capitalised words, after any role
    ("South Korean Defense Ministry spokesperson Jeon Ha-kyu" -> "Jeon Ha-kyu", "Harbour Minister
    Tomas Reyes" -> "Tomas Reyes"); "of" and "for" join an institution's name ("Chamber of
    Shipping", "Club for Growth", "Center for the Study of Hate")."""
    words = re.findall(r"[\w’'.\-]+", mention)
    runs: list[list[str]] = []
    current: list[str] = []
    after_of = False  # does the last run follow "of"?
    for index, word in enumerate(words):
        after = words[index + 1:index + 3]
        if after[:1] in (["the"], ["a"]):
            after = after[1:]  # "Center for the Study of Hate"
        joins_name = bool(after) and bool(_CAPITALISED.fullmatch(after[0])) and (
            (word in ("of", "for") and any(w.lower() in INSTITUTION_WORDS for w in current))
            or (word == "and" and any(w in ("of", "for") for w in current))  # "Department of Health and Human Services"
            or (word in ("the", "a") and bool(current) and current[-1] in ("of", "for")))
        if joins_name or (_CAPITALISED.fullmatch(word) and word.lower() not in CALENDAR
                          and not (index == 0 and word.lower() in _NOT_NAME_OPENERS)):
            if not current:
                after_of = index > 0 and words[index - 1] == "of"
            current.append(word)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not runs:
        return None
    run = runs[-1]
    if after_of and len(run) >= 3:  # "Secretary of State John Kerry": the office ends where a first name begins
        first = next((k for k in range(1, len(run) - 1) if is_first_name(run[k])), None)
        if first is not None:
            run = run[first:]
    roles = [k for k, word in enumerate(run) if word.lower().rstrip(".") in PERSON_ROLES]  # "Ministry" or "Council" begin an institution's name
    if roles and roles[-1] + 1 < len(run) and not any(w.lower() in INSTITUTION_WORDS for w in run[roles[-1] + 1:]):
        run = run[roles[-1] + 1:]
    name = re.sub(r"[’']s?$", "", " ".join(run)).strip()
    return name or None


# "Keefe, Bruyette & Woods": one firm named after its partners, not three appositions
_FIRM_OF_PARTNERS = re.compile(r"(?<![\w’'.\-],\s)(?<!\bof\s)(?<!\band\s)(?:[A-Z][\w’'\-.]+,\s+)+[A-Z][\w’'\-.]+,?\s+&\s+[A-Z][\w’'\-.]+"
                               r"(?!,|\s+and\s|\s+[A-Z])")  # not a list: "Woolworths, House of Fraser, Marks & Spencer and"


@lru_cache(maxsize=50_000)
def core_mention(mention: str) -> str:
    """The part of an appositive mention that names the source: "Aino Vesterberg, a nurse who
    travels ..." -> "Aino Vesterberg"; "Its general secretary, Hana Okafor," -> "Hana Okafor"; an
    apposition between dashes too ("Jo Roe — a former aide —")."""
    firm = _FIRM_OF_PARTNERS.search(mention)
    if firm:  # its commas separate partners, not appositions
        mention = mention[:firm.start()] + firm.group().replace(",", "\x00") + mention[firm.end():]
    segments = [part.strip().replace("\x00", ",") for part in re.split(r",|\s+(?:—|–|--)\s+", mention)
                if part.strip(" —–-")]
    mention = mention.replace("\x00", ",")
    if len(segments) < 2:
        return mention.strip(" ,")
    for segment in segments:
        name = name_in(segment)
        if name and ends_with_name(segment, name):
            return segment
    return mention.strip(" ,")


def ends_with_name(mention: str, name: str) -> bool:
    return re.sub(r"[’']s?$", "", mention.strip(" ,")).endswith(name)


def _descriptor_before(mention: str, name: str) -> str | None:
    """The lower-case word just before the name that ends a mention ("firm" in "the investment firm
    Acme Partners"; "Regulator" opening a sentence too), else None ("Secretary of State John Kerry")."""
    words = re.findall(r"[\w’'.\-]+", mention)
    size = len(name.split())
    if len(words) <= size:
        return None
    word = words[-size - 1]
    lower_case = word.islower() or (len(words) == size + 1 and word[1:].islower())
    return word.lower() if word.isalpha() and lower_case else None


_HEAD_ENDING_PREPOSITIONS = frozenset("of at for in from with on".split())  # "analysts at UBS"
_AFTER_PARTICIPLE = _HEAD_ENDING_PREPOSITIONS | {"by", "to"}  # "a survey conducted by", "a copy given to"


_TIME_AFTER_PARTICIPLE = CALENDAR | {"last", "this", "on", "earlier", "today", "yesterday", "jointly"}


def head_word(words: list[str]) -> str:
    """The head noun of a lower-cased noun phrase: the word before its first preposition, or
    before a participle and its preposition ("a document filed with the agency")."""
    for k, word in enumerate(words[1:], start=1):
        if word in _HEAD_ENDING_PREPOSITIONS:
            return words[k - 1]
        if (k >= 2 and word.endswith(("ed", "en")) and not words[k - 1].endswith("ly")
                and (k + 1 == len(words) or words[k + 1] in _AFTER_PARTICIPLE | _TIME_AFTER_PARTICIPLE)):
            return words[k - 1]  # "a poll released Thursday", "a document filed with ..."
    return words[-1]


# One word with a capital inside that no surname prefix explains (McCain, MacLeod, DiCaprio, DeMoro, LeBlanc).
_BRAND = re.compile(r"(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O['’])[A-Z][a-z]+[A-Z][A-Za-z]*")


def singular(noun: str) -> str:
    """"authorities" -> "authority", "agencies" -> "agency", "officials" -> "official"."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _names_an_outlet(name: str, lowers: list[str]) -> bool:
    """"The Washington Post", "Fox News", "the Times": an outlet's name, or a mention that ends with
    a media word; not "Liam Fox" (a first name) or "Vibe magazine president Kenard Gibbs"."""
    name_words = name.split()
    if {w.lower().rstrip(".") for w in name_words} & MEDIA_WORDS:
        after_the = len(lowers) > len(name_words) and lowers[-len(name_words) - 1] == "the"
        return after_the or not _first_named(name)  # "The Boston Globe" is no Mr Globe
    if ends_with_name(" ".join(lowers), name.lower()):  # a description before the name is its title
        return len(lowers) > len(name_words) and lowers[-len(name_words) - 1] in MEDIA_WORDS | MEDIA_NOUNS
    return bool(set(lowers) & MEDIA_WORDS) or lowers[-1] == "media"  # "Russian news agencies"


def _first_named(name: str) -> bool:
    """"Liam Fox", "Chris Fox": a person's name, whatever words it shares with outlets."""
    words = name.split()
    return len(words) >= 2 and is_first_name(words[0])


@lru_cache(maxsize=50_000)
def source_type(mention: str) -> str:
    lowers = [w.lower().strip("’'") for w in re.findall(r"[\w’'.\-]+", mention)]
    if not lowers:
        return "unknown"
    words = set(lowers) | {w.rstrip(".") for w in lowers}  # "Acme Corp." has the word "corp"
    head = lowers[-1]
    name = name_in(mention)
    if lowers[0] in PRONOUNS and len(lowers) == 1:
        return "unknown" if head in {"it", "which", "that"} else "person"
    if lowers[0].rstrip(".") in HONORIFICS and name and len(lowers) <= 4:
        return "person"  # "Mr Fox", "Lord Hoffmann": an honorific names a person, whatever the name
    if head in PARTY_COLLECTIVES and all(w[:1].isupper() for w in mention.split()[:-1] if w.lower() != "the"):
        return "organization"  # "the Lib Dems", "Labour"; not "some senior Tories"
    phrase_head = head_word(lowers)
    if len(lowers) > 2 and phrase_head in DOCUMENT_WORDS:
        if phrase_head in _NEWS_ITEMS and set(lowers[lowers.index(phrase_head) + 1:]) & MEDIA_WORDS:
            return "media"  # "Reports in the Wall Street Journal": the outlet's reporting
        return "document"  # "a CNN/ORC poll of South Carolina released on Tuesday"
    if name and _names_an_outlet(name, lowers):
        return "media"
    content_words = [w for w in lowers if w not in _DETERMINERS]
    if (head in DOCUMENT_WORDS or (words & DOCUMENT_WORDS and not name)
            or (len(content_words) > 1 and content_words[0] in DOCUMENT_WORDS and content_words[1] in {"by", "from", "of"})):
        return "document"  # "a report by the Audit Office" is the report's claim
    institution_first = bool(name) and name.split()[0].lower() in GOVERNMENT_WORDS  # "Ministry of Trade"
    if words & GOVERNMENT_WORDS and (name or lowers[0] in {"the", "a"}) and (
            head in _STATE_WORDS or institution_first):
        return "government"
    if words <= _PLACES | {"the"} and words & _PLACES:
        return "government"
    if name and set(name.lower().split()) <= COUNTRIES and ends_with_name(mention, name):
        return "government"  # "the US", not "the US firm"
    if head in ANONYMOUS_HEADS and not (name and lowers[-1] != head):
        return "anonymous"
    if not name and set(lowers[:3]) & ANONYMOUS_HEADS:
        return "anonymous"  # "a source familiar with the talks", "people close to him"
    described_as = _descriptor_before(mention, name) if name and ends_with_name(mention, name) else None
    if described_as in MEDIA_NOUNS:  # "local radio station Varrow FM", "the newspaper Le Monde"
        return "media"
    if described_as in INSTITUTION_WORDS:  # "the advocacy group Public Citizen", "the investment firm Acme"
        return "government" if described_as in GOVERNMENT_WORDS else "organization"
    if name and len(name.split()) >= 2 and ends_with_name(mention, name) and not (
            {w.rstrip(".") for w in name.lower().split()} & (_NOT_PERSON_WORDS - (MEDIA_WORDS if _first_named(name) else set()))):
        return "person"  # "Union representative Carla Nduta": the union is her title, not the source
    if words & ORGANIZATION_WORDS:
        return "organization"
    if head in GOVERNMENT_WORDS:
        return "government"
    if singular(head) in GOVERNMENT_WORDS:  # "Venezuelan authorities", "federal agencies"; "the authorities" is vague
        return "government" if name and name.lower() != head else "anonymous"
    if name and (_BRAND.fullmatch(name) or _FIRM_OF_PARTNERS.search(mention)):
        return "organization"  # "YouTube", "MessageLabs", "EgyptAir": no one's name is written so
    if name:
        return "person"
    if head in OFFICIAL_ROLES:
        return "anonymous"
    return "unknown"


def cue_class(cue: str) -> str:
    words = [w.lower() for w in re.findall(r"[\w’'\-]+", cue)]
    if not words:
        return "neutral" if ":" in cue else "other"
    if words[0] == "according":
        return "neutral"
    for word in words:
        if word in CUE_CLASS_BY_WORD:
            return CUE_CLASS_BY_WORD[word]
    return "other"


# Verbs of evidence ("found", "shows", "seems") report what a source shows, not what it believes.
_BELIEF_CUES = frozenset(w for w, c in CUE_CLASS_BY_WORD.items() if c == "belief" and not re.match(
    r"(?:find|found|see|saw|seen|seem|appear|view)", w)) | {"opinion", "wonder", "wonders", "wondered"}
_INTENTION_CUES = INTENTION_WORDS


def category(cue: str, kind: str) -> str:
    """`speech`, `document`, `belief` or `intention` (GUIDELINES: the cue decides belief and
    intention; a document source makes a document citation)."""
    words = [w.lower() for w in re.findall(r"[\w’'\-]+", cue)]
    if any(w in _INTENTION_CUES for w in words):
        return "intention"
    if any(w in _BELIEF_CUES for w in words) and not any(CUE_CLASS_BY_WORD.get(w) in ("neutral", "loaded") for w in words):
        return "belief"
    return "document" if kind == "document" else "speech"


QUOTE_MARKS = "“”\""


def content_kind(*fragments: str) -> str:
    """'direct' when every fragment is one quotation (either mark may be cut off),
    'mixed' when quotations sit inside reported speech, else 'indirect'."""
    kinds = set()
    for fragment in fragments:
        stripped = fragment.strip().strip(".,;:— ")
        if not any(q in stripped for q in QUOTE_MARKS):
            kinds.add("indirect")
        elif not any(q in stripped.strip(QUOTE_MARKS + ".,;:— ") for q in QUOTE_MARKS):
            kinds.add("direct")
        else:
            kinds.add("mixed")
    return kinds.pop() if len(kinds) == 1 else "mixed"


@lru_cache(maxsize=50_000)
def simplify(mention: str) -> str:
    """The source mention without parentheticals, relative clauses or a leading place phrase:
    "Rep. Jane Roe (D-Ill.), who chairs the panel," -> "Rep. Jane Roe"."""
    text = re.sub(r"\s*\([^)]*\)", "", mention)
    text = re.split(r",?\s+\b(?:who|which|whose|that)\b\s", text)[0]
    text = _OPENING_PHRASE.sub("", text)
    text = re.sub(r"\s+(?:on|in|at|last|this|early|late)\s+(?:%s|week|month|year|morning|night)$" % "|".join(CALENDAR),
                  "", text, flags=re.I)
    text = _TICKER.sub(r"\1", text)
    return text.strip(" ,;:—")


# A phrase that opens the sentence before its subject: "In Ohio, Roe", "Earlier this week, Roe",
# "Walking to the next house, Roe", "After the vote, Roe"
_OPENING_PHRASE = re.compile(
    r"^(?:(?:in|at|on|from|after|before|during|despite|speaking (?:to|on|at))\s+[^,]{1,60}"
    r"|(?:earlier|later|last|this|next)\s+[^,]{1,30}|[A-Z][a-z]+ing\s+(?:to|on|at|in|from|with|about|into)\s+[^,]{1,60}),\s*",
    re.I)
# "Acme Industries Inc. ACM, +0.5%": the stock ticker and price move a market page puts after a company
_TICKER = re.compile(r"(\b(?:Inc|Corp|Co|Ltd|Plc|PLC|Group)\.?)\s+[A-Z]{1,5}(?:,?\s*[-+][\d.]+%)?$")


_FIRM_ENDINGS = {"sons", "brothers", "bros.", "partners", "associates", "company", "co."}
# A list of sources: "Roe and Doe", "Roe, Doe, and Poe"; commas alone are appositions ("Roe, the mayor").
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def conjuncts(mention: str) -> list[str]:
    """The parts of a list of sources, each opening with a capital ("He and Roe"), else []."""
    if " and " not in mention:
        return []
    parts = [part.strip(" ,") for part in _LIST_SEPARATOR.split(mention)]
    named = [re.sub(r"^the\s+(?=[A-Z])", "", part) for part in parts]
    if not 2 <= len(parts) <= 6 or not all(part[:1].isupper() for part in named):
        return []
    if any(all(w.lower().strip(".") in TITLE_WORDS for w in part.split()) for part in named):
        return []  # "Chairman and CEO Jane Roe" is one person
    if named[-1].lower() in _FIRM_ENDINGS:
        return []  # "Smith and Sons" is a firm
    if _inside_institution_name(mention):
        return []
    return parts


def _inside_institution_name(mention: str) -> bool:
    """"Center for Economic and Policy Research", "Department of Health and Human Services": the
    "and" joins two parts of one body's name (an institution "of"/"for" something, then capitalised
    words that are no name of their own), not two sources."""
    first, _, rest = mention.partition(" and ")
    words, rest_words = first.split(), rest.split()
    return (any(w in ("of", "for") for w in words) and any(w.lower() in INSTITUTION_WORDS for w in words)
            and "," not in first and bool(rest_words) and rest[:1].isupper() and not is_first_name(rest_words[0])
            and not any(w.lower() in INSTITUTION_WORDS or w.lower() == "the" or re.fullmatch(r"[A-Z]{2,6}", w)
                        for w in rest_words))  # "Acme Bank of Africa and Standard Trust Bank" are two


def first_conjunct(mention: str) -> str:
    """"Roe and Doe": the first of joint speakers (not "Chairman and CEO")."""
    first, _, rest = mention.partition(" and ")
    if (rest and first[:1].isupper() and any(w.lower().strip(".") not in TITLE_WORDS for w in first.split())
            and not _inside_institution_name(mention)):
        return first
    return mention


def without_determiner(mention: str) -> str:
    first, _, rest = mention.strip().partition(" ")
    return rest if rest and first.lower() in {"the", "a", "an", "this", "that", "these", "those", "its",
                                              "his", "her", "their", "our", "one"} else mention.strip()
