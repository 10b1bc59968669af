"""Sources as entities: the mentions of one article that name the same source become one entity.

An article introduces a person once in full ("EPA Deputy Administrator Bob Perciasepe") and then
writes "Perciasepe", "Mr. Perciasepe", "he" or "the administrator". `PeopleIndex` reads every
person name the article gives (a capitalised run that starts with a known first name or an
initial, with the titles around it), and `resolve_entities` maps each source mention to an entity
with a canonical name (the fullest form in the article), a type, and `named`, `official` and
`gender` drawn from everything the article says about it.

The first-name list comes from the `nomquamgender` package (name counts from many national
registers); a name is taken as a first name when it is common in several of them.
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .sourcing_lexicon import (
    ANONYMOUS_HEADS, COUNTRIES, DOCUMENT_WORDS, GOVERNMENT_WORDS, MEDIA_WORDS, OFFICIAL_ROLES,
    ORGANIZATION_WORDS, OTHER_ROLES,
)
from .sourcing_speakers import core_mention, name_in, source_type

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
_NOT_OFFICE = frozenset("former ex candidate nominee hopeful challenger campaign then-".split())
_GOVERNMENT_CONTEXT = GOVERNMENT_WORDS | COUNTRIES | frozenset(
    "house federal police sheriff's pentagon military army navy city county state's congressional fire".split())
# Nouns that state a person's gender (not "spokesman" or "chairman", which newsrooms use for anyone).
GENDERED_NOUNS = {
    **dict.fromkeys("""woman chairwoman congresswoman spokeswoman businesswoman councilwoman
        sportswoman actress mother wife daughter sister grandmother aunt niece queen princess duchess
        widow girlfriend mrs ms miss""".split(), "female"),
    **dict.fromkeys("father husband son brother grandfather uncle nephew king prince duke widower "
                    "boyfriend mr".split(), "male"),
}
_PRONOUN_EVIDENCE = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.I)
_COMPOUND_OFFICE = re.compile(r"\b(?:inspector|attorney|surgeon|solicitor|comptroller|auditor|postmaster) general\b|"
                              r"\b(?:district|state's|county|u\.s\.) attorney\b|\bpress secretary\b")
_PARTIES = frozenset("democrat democrats republican republicans democratic conservatives liberals tories labour".split())
_PARTY_STATE = re.compile(r"^\s*\(\s*[DRI]\s*[-–,]\s*[A-Z][A-Za-z. ]*\)")
_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december""".split())
_NOT_FIRST = TITLE_WORDS | _CALENDAR | COUNTRIES | GOVERNMENT_WORDS | ORGANIZATION_WORDS | MEDIA_WORDS | frozenset(
    "the a an this that new north south east west united first last good great grand saint st".split())
_ORG_PARTS = ORGANIZATION_WORDS | GOVERNMENT_WORDS | MEDIA_WORDS | frozenset(
    "street avenue river county city university college school hospital airport news".split())
_CAP_RUN = re.compile(r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)(?:\s(?:[A-Z][\w’'\-]*\.?|[A-Z]\.))*")
_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
_GROUP_PRONOUNS = {"they", "them", "we"}
_THING_PRONOUNS = {"it", "which"}
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_GOVERNMENT_TITLES = ("Administrator", "Secretary", "Commissioner", "Inspector", "Director", "Deputy", "Chief",
                      "officials?", "spokes(?:man|woman|person)", "administrator", "secretary", "commissioner")
_GROUP_OF = re.compile(r"^(?:the\s+|some\s+|several\s+|many\s+|two\s+|three\s+)?(?:members|leaders|heads|"
                       r"chairs|co-chairs|officials|representatives|staff)\s+(?:of|at|from)\s+(?P<body>.+)$", re.I)
# An unnamed person described by a tie to someone named: "an aide to ...", "a source close to ...".
_DEPENDENT = re.compile(r"^(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal)\s+(?:[a-z\-]+\s+){1,3}"
                        r"(?:to|for|of|at|with|from|close to|familiar with|near)\s")
_MODIFIER_USE = re.compile(r"[’']?s?\s+(?:administration|campaign|era|presidency|years|team|camp|family|"
                           r"doctrine|plan|policy|policies|White House|government|foundation)\b")
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


# An entry of nomquamgender's name_data.json with >= 10 registers and >= 1000 bearers:
# "name": [registers, bearers, share of women, ...]
_COMMON_NAME_ENTRY = re.compile(r'"([a-z]+)": \[(\d{2,}), (\d{4,}), ([\d.e-]+)')


@lru_cache(maxsize=1)
def first_names() -> dict[str, float]:
    """Lower-case first name -> share of women bearing it, for names common in several registers."""
    # Scanning the file for the common names takes a tenth of parsing all 720k entries as JSON
    # (which the package's own module does at import, with pandas).
    spec = importlib.util.find_spec("nomquamgender")
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    raw = path.read_text(encoding="utf-8")
    names = {m.group(1): float(m.group(4)) for m in _COMMON_NAME_ENTRY.finditer(raw)}
    if not names:  # another layout: parse it whole
        names = {name: float(values[2]) for name, values in json.loads(raw).items()
                 if values[0] >= 10 and values[1] >= 1000 and name.isalpha()}
    return names


def _folded(word: str) -> str:
    """Lower case without accents ("Hélène" -> "helene"), as the name registers spell names."""
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


def is_first_name(word: str) -> bool:
    lower = _folded(word.strip("."))
    if len(word) == 2 and word[1] == "." and word[0].isupper():
        return True  # an initial
    return lower not in _NOT_FIRST and lower in first_names()


def name_gender(first: str, certainty: float = 0.05) -> str | None:
    """'female'/'male' when the first name is borne almost only by one (share within `certainty`)."""
    share = first_names().get(_folded(first))
    if share is None:
        return None
    if share >= 1 - certainty:
        return "female"
    if share <= certainty:
        return "male"
    return None


def _titled_surname(words: list[str]) -> int | None:
    """Index of the name after a title in "President Obama", "Syrian President Bashar Assad",
    "Sen. Roe" (a title, then one to three name-like words), else None."""
    titles = [k for k, w in enumerate(words) if w.lower().strip(".’'") in TITLE_WORDS]
    if not titles or not 1 <= len(words) - titles[-1] - 1 <= 3:
        return None
    name = [_strip_possessive(w.rstrip(".")) for w in words[titles[-1] + 1:]]
    if all(len(w) > 2 and w[:1].isupper() and w[1:].islower() and w.lower() not in _NOT_FIRST | ANONYMOUS_HEADS | _PARTIES
           for w in name):
        return titles[-1] + 1
    return None


def _strip_possessive(word: str) -> str:
    return re.sub(r"[’']s?$", "", word)


@dataclass
class Person:
    surname: str
    forms: list[str] = field(default_factory=list)  # full names as written, in text order
    positions: list[int] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    gender: str | None = None
    gender_basis: str = "none"
    official: bool = False

    @property
    def likely_gender(self) -> str | None:
        """The gender the article states, else the one the first name suggests."""
        return self.gender or name_gender(self.name.split()[0])

    @property
    def name(self) -> str:
        return max(self.forms, key=lambda form: (len(form.split()), -self.forms.index(form)))



class PeopleIndex:
    """Every person the article names in full, and where each of them is mentioned."""

    def __init__(self, text: str):
        self.text = text
        self.people: list[Person] = []
        self.by_surname: dict[str, list[Person]] = {}
        self._acronyms: dict[str, str] = {}
        self._read_full_names(text)
        self.occurrences = self._occurrences(text)
        self._starts = [start for start, _ in self.occurrences]
        self._gender_from_pronouns(text)

    def _read_full_names(self, text: str) -> None:
        for run in _CAP_RUN.finditer(text):
            words = run.group().split()
            start = next((k for k, word in enumerate(words) if is_first_name(word) and 2 <= len(words) - k <= 4
                          and not any(w.lower().strip(".") in _ORG_PARTS | TITLE_WORDS for w in words[k + 1:])), None)
            if start is None:
                start = _titled_surname(words)
            if start is None:
                continue
            lead = words[:start]
            words = words[start:]
            words[-1] = _strip_possessive(words[-1].rstrip("."))
            if (any(w.lower().strip(".") in _ORG_PARTS | TITLE_WORDS for w in words[1:]) or not words[-1][:1].isupper()
                    or words[-1].lower().strip(".") in _CALENDAR or len(words[-1]) < 2):
                continue
            position = run.start() + run.group().index(words[0])
            clause = re.split(r"[.;:!?][\"”’']?\s|,|[“”\"]", text[max(0, run.start() - 80):run.start()].rstrip(" ,"))[-1]
            phrases = [re.findall(r"[\w.’'\-]+", clause)[-5:] + lead]
            after = text[run.end():run.end() + 80]
            if _PARTY_STATE.match(after):
                phrases.append(["lawmaker"])
            appositive = re.match(r",\s+(?:the\s+|a\s+|an\s+)?([\w\s.'’\-]{3,60}?)(?:,|\.|;| said| says)", after)
            if appositive:
                phrases.append(appositive.group(1).split())
            self._add(" ".join(words), position, phrases)

    def government_word(self, word: str) -> bool:
        lower = word.lower().strip(".’'")
        if lower in _GOVERNMENT_CONTEXT:
            return True
        return bool(_ACRONYM.fullmatch(word)) and self.acronym_kind(word) == "government"

    def holds_office(self, phrase: list[str]) -> bool:
        """Does a title phrase ("White House spokesman", "executive vice president of sales")
        make its bearer an office holder?"""
        lowers = [w.lower().strip(".’'") for w in phrase]
        if set(lowers) & _NOT_OFFICE:
            return False
        if set(lowers) & PUBLIC_OFFICES:
            return True
        private_body = set(lowers) & (ORGANIZATION_WORDS - GOVERNMENT_WORDS)
        if _COMPOUND_OFFICE.search(" ".join(lowers)) and not private_body:
            return True
        if set(lowers) & {"official", "officials"} and not private_body:
            return True  # in news, "officials" unqualified are public officials
        government = any(self.government_word(w) for w in phrase)
        private = any((w[:1].isupper() and not self.government_word(w) and w.lower().strip(".") not in TITLE_WORDS)
                      or w.lower() in ORGANIZATION_WORDS for w in phrase)
        if set(lowers) & HEAD_OF_STATE:
            of = lowers.index("of") if "of" in lowers else None
            return government or not (private or (of is not None and not government))
        return government and bool(set(lowers) & (TITLE_WORDS | {"staff", "investigator", "astronaut", "agent",
                                                                  "officer", "employee", "scientist"}))

    def acronym_kind(self, acronym: str) -> str:
        """"EPA", "NASA": the type of the name the article spells out for it ("Environmental
        Protection Agency (EPA)"), else a government body when the article gives it officials."""
        if acronym not in self._acronyms:
            expansion = self.expansion(acronym)
            kind = source_type(expansion) if expansion else None
            if kind not in ("government", "organization", "media"):
                titled = re.search(re.escape(acronym) + r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:%s)\b" % "|".join(_GOVERNMENT_TITLES),
                                   self.text)
                kind = "government" if titled else "organization"
            self._acronyms[acronym] = kind
        return self._acronyms[acronym]

    def _gender_from_pronouns(self, text: str, reach: int = 200) -> None:
        """A person's gender from the pronouns that follow their mentions: each "he"/"she" outside a
        quotation votes for the person mentioned last before it (within `reach` characters); a
        gender with at least three votes in four, and two votes, is the article's."""
        votes: dict[int, list[int]] = {}
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        for match in _PRONOUN_EVIDENCE.finditer(text):
            k = bisect.bisect_right(quoted, (match.start(), float("inf"))) - 1
            if k >= 0 and quoted[k][0] < match.start() < quoted[k][1]:
                continue
            j = bisect.bisect_left(self._starts, match.start()) - 1
            if j < 0 or match.start() - self._starts[j] > reach or self.occurrences[j][1] is None:
                continue
            tally = votes.setdefault(id(self.occurrences[j][1]), [0, 0])
            tally[0 if match.group(1) else 1] += 1
        for person in self.people:
            male, female = votes.get(id(person), (0, 0))
            if person.gender is None and male + female >= 2 and max(male, female) >= 3 * (male + female) / 4:
                person.gender, person.gender_basis = ("male" if male > female else "female"), "article"

    def in_mention(self, mention: str, position: int) -> Person | None:
        """The person named first in a mention, unless it comes after a preposition ("an aide to
        Speaker Roe" cites the aide)."""
        best = None
        for surname, people in self.by_surname.items():
            match = re.search(r"\b" + re.escape(surname) + r"\b", mention)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), surname)
        if best is None:
            return None
        lead = mention[:best[0]].lower()
        if re.search(r"\b(?:to|for|of|at|with|from|by|about|under|against|on)\b", lead):
            return None
        words = mention[:best[0]].split()
        first = words[-1] if words and is_first_name(words[-1]) else None
        return self.person_for(best[1], position, first)

    def _add(self, full: str, position: int, phrases: list[list[str]]) -> None:
        surname = full.split()[-1]
        candidates = self.by_surname.setdefault(surname, [])
        first = full.split()[0]
        person = next((p for p in reversed(candidates) if " " not in full or any(f.split()[0] == first for f in p.forms)
                       or all(" " not in f for f in p.forms)), None)
        if person is None:
            person = Person(surname)
            candidates.append(person)
            self.people.append(person)
        person.forms.append(full)
        person.positions.append(position)
        titles = [w.lower().strip(".’'") for phrase in phrases for w in phrase]
        person.titles.update(titles)
        person.official = person.official or any(self.holds_office(phrase) for phrase in phrases)
        stated = [GENDERED_NOUNS[w.lower().strip(".’'")] for phrase in phrases for w in phrase
                  if w.lower().strip(".’'") in GENDERED_NOUNS]
        if person.gender is None and stated and len(set(stated)) == 1:
            person.gender, person.gender_basis = stated[0], "article"

    def _occurrences(self, text: str) -> list[tuple[int, Person]]:
        """(position, person) for every mention of a known person's surname outside quotations."""
        if not self.by_surname:
            return []
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, self.by_surname)) + r")\b")
        found = []
        for match in pattern.finditer(text):
            position = match.start()
            k = bisect.bisect_right(quoted, (position, float("inf"))) - 1
            if k >= 0 and quoted[k][0] < position < quoted[k][1]:
                continue
            if _MODIFIER_USE.match(text, match.end()):
                continue  # "the Bush administration" mentions an administration, not Bush
            found.append((position, self.person_for(match.group(1), position)))
            honorific = re.search(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$", text[max(0, position - 6):position])
            person = found[-1][1]
            if honorific and person.gender is None:
                person.gender, person.gender_basis = HONORIFICS[honorific.group(1).lower()], "article"
        return found

    def expansion(self, acronym: str) -> str | None:
        """The capitalised name whose initials spell `acronym`, if the article gives one."""
        pattern = r"\b" + r"\s+(?:(?:of|and|for|the|on)\s+)*".join(f"{letter}[a-z]+" for letter in acronym) + r"\b"
        match = re.search(pattern, self.text)
        return match.group() if match else None

    def person_for(self, surname: str, position: int, first: str | None = None) -> Person | None:
        """The person with this surname introduced last before `position` (else first after)."""
        candidates = self.by_surname.get(surname, [])
        if first:
            candidates = [p for p in candidates if any(f.split()[0] == first for f in p.forms)] or candidates
        if not candidates:
            return None
        before = [p for p in candidates if p.positions[0] <= position]
        return max(before, key=lambda p: max(x for x in p.positions if x <= position)) if before else candidates[0]

    def last_person_before(self, position: int, gender: str | None) -> Person | None:
        k = bisect.bisect_left(self._starts, position) - 1
        while k >= 0:
            person = self.occurrences[k][1]
            if person is not None and (gender is None or person.likely_gender in (None, gender)):
                return person
            k -= 1
        return None

    def with_title(self, title: str, position: int) -> Person | None:
        """The person last mentioned before `position` whose titles include `title`."""
        k = bisect.bisect_left(self._starts, position) - 1
        while k >= 0:
            person = self.occurrences[k][1]
            if person is not None and title in person.titles:
                return person
            k -= 1
        return None


@dataclass
class Resolved:
    speaker: str | None
    source_type: str
    named: bool
    official: bool
    gender: str | None = None
    gender_basis: str = "none"
    person: Person | None = None


def simplify(mention: str) -> str:
    """The source mention without parentheticals, relative clauses or a leading place phrase:
    "Rep. Jane Roe (D-Ill.), who chairs the panel," -> "Rep. Jane Roe"."""
    text = re.sub(r"\s*\([^)]*\)", "", mention)
    text = re.split(r",?\s+\b(?:who|which|whose|that)\b\s", text)[0]
    text = re.sub(r"^(?:in|at|on|from|speaking (?:to|on|at))\s+[^,]{1,60},\s*", "", text, flags=re.I)
    text = re.sub(r"\s+(?:on|in|at|last|this|early|late)\s+(?:%s|week|month|year|morning|night)$" % "|".join(_CALENDAR),
                  "", text, flags=re.I)
    return text.strip(" ,;:—")


def first_conjunct(mention: str) -> str:
    """"Roe and Doe": the first of joint speakers (not "Chairman and CEO")."""
    first, _, rest = mention.partition(" and ")
    if rest and first[:1].isupper() and any(w.lower().strip(".") not in TITLE_WORDS for w in first.split()):
        return first
    return mention


_POSSESSED_DOCUMENT = re.compile(r"^(?:the\s+)?(?P<owner>.+?)['’]s?\s+(?P<rest>(?:[\w\-]+\s+){0,3}(?P<head>\w+))$", re.I)
_DOCUMENT_BY = re.compile(r"^(?:an?|the|one)?\s*(?:[\w\-]+\s+){0,3}?(?:%s)\s+(?:by|from|of)\s+(?P<owner>.+)$"
                          % "|".join(sorted(DOCUMENT_WORDS)), re.I)


def _person_from_name(name: str, people: PeopleIndex, position: int) -> Person | None:
    words = [_strip_possessive(w) for w in name.split() if w.lower().strip(".") not in TITLE_WORDS]
    if not words:
        return None
    first = words[0] if len(words) > 1 else None
    return people.person_for(words[-1], position, first)


class EntityResolver:
    """Resolves the source mentions of one article, in text order."""

    def __init__(self, text: str):
        self.people = PeopleIndex(text)
        self.last_group: Resolved | None = None
        self.last_thing: Resolved | None = None
        self.last_of_kind: dict[str, Resolved] = {}
        self.last_document: Resolved | None = None
        self.last_speaker: Person | None = None
        self.last_speaker_at: int | None = None
        self._position = 0

    def resolve(self, mention: str | None, position: int) -> Resolved:
        if not mention or not mention.strip() or mention.strip(" .,").lower() in _CALENDAR | frozenset(HONORIFICS):
            return Resolved(None, "unknown", False, False)  # "Sunday" is when, not who
        self._position = position
        resolved = self._resolve(mention.strip(), position)
        self._remember(resolved)
        return resolved

    def _pronoun_person(self, position: int, gender: str | None, reach: int = 400) -> Person | None:
        """The person cited just before (within `reach` characters: '"...," he said' goes on
        quoting them), else the person last mentioned before the pronoun, else the last person cited."""
        recent = self.last_speaker_at is not None and position - self.last_speaker_at < reach
        if recent and self.last_speaker and gender in (None, self.last_speaker.likely_gender):
            return self.last_speaker
        mentioned = self.people.last_person_before(position, gender)
        if mentioned is None and self.last_speaker and gender in (None, self.last_speaker.gender):
            return self.last_speaker
        return mentioned

    def resolve_joint(self, mention: str | None, position: int) -> list[Resolved]:
        parts = [part.strip(" ,") for part in simplify(mention).split(" and ")] if mention else []
        if len(parts) == 2 and all(part[:1].isupper() for part in parts):
            people = [self._resolve(part, position + max(mention.find(part), 0)) for part in parts]
            if all(p.named and p.source_type == "person" for p in people) and people[0].speaker != people[1].speaker:
                for person in people:
                    self._remember(person)
                return people
        return [self.resolve(mention, position)]

    def _remember(self, resolved: Resolved) -> None:
        if resolved.person is not None:
            self.last_speaker = resolved.person
            self.last_speaker_at = self._position
        if not resolved.named and resolved.source_type not in ("anonymous", "document"):
            return
        if resolved.source_type in ("organization", "government", "anonymous", "media"):
            self.last_group = resolved
        if resolved.source_type in ("organization", "government", "media", "document"):
            self.last_thing = resolved
            self.last_of_kind[resolved.source_type] = resolved
        if resolved.source_type == "document" and resolved.named:
            self.last_document = resolved

    def _from_person(self, person: Person, kind: str = "person") -> Resolved:
        gender, basis = person.gender, person.gender_basis
        if gender is None:
            gender = name_gender(person.name.split()[0])
            basis = "name" if gender else "none"
        return Resolved(person.name, kind, True, person.official, gender, basis, person)

    def _resolve(self, mention: str, position: int) -> Resolved:
        lower = mention.lower()
        if lower.startswith("who ") or lower == "who":
            lower = "who"
        if lower == "who":  # a relative clause: its antecedent is the person just named
            person = self.people.last_person_before(position, None)
            return self._from_person(person) if person else Resolved(None, "person", False, False)
        if lower in _PRONOUN_GENDER:
            person = self._pronoun_person(position, _PRONOUN_GENDER.get(lower))
            if person:
                return self._from_person(person)
            return Resolved(None, "person", False, False)  # a pronoun the article does not resolve names nobody
        if lower in _GROUP_PRONOUNS:
            return self.last_group or Resolved(None, "anonymous", False, False)
        if lower in _THING_PRONOUNS:
            return self.last_thing or Resolved(None, "unknown", False, False)
        simple = simplify(mention)
        owned = self._document_of(simple, position)
        if owned:
            return owned
        group = _GROUP_OF.match(simple)
        if group:
            body = self._resolve(group.group("body"), position)
            if body.named and body.source_type in ("government", "organization"):
                return Resolved(_without_determiner(simple), body.source_type, True, body.official)
        if _DEPENDENT.match(simple) and _head(simple.lower().split()) not in DOCUMENT_WORDS | _MORE_DOCUMENT_WORDS:
            # "an aide to Senator Roe" cites the aide, not Roe
            official = self.people.holds_office(re.findall(r"[\w.’'\-]+", simple))
            return Resolved(_without_determiner(simple), "anonymous", False, official)
        if _head(simple.lower().split() or [""]) in _MORE_DOCUMENT_WORDS:
            return Resolved(_without_determiner(simple), "document", False, False)
        person = self.people.in_mention(simple, position)
        if person:
            return self._from_person(person)
        core = core_mention(first_conjunct(simple))
        kind = source_type(core)
        name = name_in(core)
        if kind == "person" and name == core.strip() and " " not in name and _PLURAL_GROUP.fullmatch(name):
            return Resolved(name, "anonymous", False, False)  # "Israelis", "Canadians": a group
        if kind in ("person", "unknown") and name:
            person = _person_from_name(name, self.people, position)
            if person:
                return self._from_person(person)
        words = [w.lower().strip(".,’'") for w in core.split()]
        definite = bool(words) and words[0] in ("the", "this") and not name
        if definite and len(words) >= 2:
            head = _head(words)
            role = self._role(head, position)
            modifiers = [re.sub(r"[’']s$", "", w) for w in words[1:words.index(head)]] if head in words else []
            if role and (role.person is not None or all(m in (role.speaker or "").lower() for m in modifiers)):
                return role  # "the audit office" is the Audit Office named before; "the regional council" is not
        if name and _ACRONYM.fullmatch(name):
            return self._acronym(name)
        role_words = re.findall(r"[\w.’'\-]+", simple)
        person_role = _head([w.lower() for w in role_words] or [""]) in _PERSON_HEADS
        official = (kind == "government" and not person_role) or self.people.holds_office(role_words)
        resolved = _describe(core, kind, name, official)
        if resolved.named and resolved.source_type in ("organization", "government", "media") and resolved.speaker:
            resolved.speaker = fullest_name(resolved.speaker, self.people.text)
        return resolved

    def _named_with_head(self, head: str, position: int) -> Resolved | None:
        """"the service" after "the Valdoria Weather Service": the last institution named with that head."""
        if head in OFFICIAL_ROLES - GOVERNMENT_WORDS - ORGANIZATION_WORDS or head in DOCUMENT_WORDS or not head.isalpha():
            return None
        pattern = re.compile(r"(?:[A-Z][\w’'\-]*\s+(?:of\s+(?:the\s+)?|and\s+)?){1,5}" + re.escape(head.capitalize()) + r"\b")
        found = None
        for match in pattern.finditer(self.people.text, 0, position):
            found = match
        if found is None:
            return None
        name = re.sub(r"^The\s+", "", found.group())
        kind = source_type(name)
        kind = kind if kind in ("government", "organization", "media") else "organization"
        return Resolved(fullest_name(name, self.people.text), kind, True, kind == "government")

    def _acronym(self, acronym: str) -> Resolved:
        kind = self.people.acronym_kind(acronym)
        return Resolved(acronym, kind, True, kind == "government")

    def _role(self, head: str, position: int) -> Resolved | None:
        """'the president', 'the senator', 'the agency', 'the report' -> the entity the article means."""
        named = self._named_with_head(head, position)
        if named:
            return named
        if head in ORGANIZATION_WORDS | GOVERNMENT_WORDS:
            kind = "government" if head in GOVERNMENT_WORDS else "organization"
            return self.last_of_kind.get(kind) or self.last_of_kind.get(
                "organization" if kind == "government" else "government")
        if head in DOCUMENT_WORDS:
            return self.last_document or self._document_named_before(head, position)
        if head in OFFICIAL_ROLES | OTHER_ROLES | {"democrat", "republican", "candidate", "administrator"}:
            person = self.people.with_title(head, position)
            if person is None and head in {"democrat", "republican"}:
                person = self.people.last_person_before(position, None)
            if person:
                return self._from_person(person)
        return None

    def _document_named_before(self, head: str, position: int) -> Resolved | None:
        """"the report" after "Mueller's report", "a report by the Audit Office" or "the Audit
        Office released a report" (which no cue cited): the author named there."""
        owned = re.compile(r"((?:[A-Z][\w\-]+\s){0,3}[A-Z][\w\-]+)[’']s?\s+(?:[\w\-]+\s+){0,2}%ss?\b|"
                           r"%ss?\s+(?:by|from)\s+(?:the\s+)?((?:[A-Z][\w\-]+\s?){1,5})" % (head, head))
        published = re.compile(r"(?:The\s+)?((?:[A-Z][\w\-]+\s){0,5}[A-Z][\w\-]+)\s+(?:[\w,]+\s+){0,4}?"
                               r"(?:released|published|issued|unveiled|made public|put out)\s+(?:a|an|its|the)\s+"
                               r"(?:[\w\-]+\s+){0,3}%ss?\b" % head)
        last = None
        for pattern in (owned, published):
            for match in pattern.finditer(self.people.text, 0, position):
                if last is None or match.start() > last[0]:
                    last = (match.start(), match, pattern is published)
        if last is None:
            return None
        start, match, by_publisher = last
        if by_publisher:
            author = self._resolve(match.group(1), start)
            return Resolved(author.speaker, "document", True, author.official) if author.named else None
        return self._document_of(match.group(), start)

    def _document_of(self, mention: str, position: int) -> Resolved | None:
        """"Mueller's report", "a study by the Audit Office", "A 2011 Audit Office report":
        a document, cited for its author."""
        match = _DOCUMENT_BY.match(mention)
        owner = match.group("owner") if match else None
        if owner is None:
            match = _POSSESSED_DOCUMENT.match(mention)
            if match and match.group("head").lower() in DOCUMENT_WORDS | {"testimony", "findings", "account"}:
                owner = match.group("owner")
        if owner is None:
            words = mention.split()
            if len(words) >= 2 and words[-1].lower() in DOCUMENT_WORDS:
                capitalised = [w for w in words[:-1] if w[:1].isupper() and w.lower() not in ("a", "an", "the", "one")]
                if capitalised and name_in(" ".join(words[:-1])):
                    owner = name_in(" ".join(words[:-1]))
        if not owner:
            return None
        owner = name_in(owner) or owner  # "the Audit Office published" -> "Audit Office"
        author = self._resolve(owner.strip(), position)
        if not author.named:
            return None
        return Resolved(author.speaker, "document", True, author.official, None, "none", None)


_CORPORATE_SUFFIXES = frozenset("inc inc. corp corp. co co. ltd ltd. llc plc group holdings industries company".split())


def fullest_name(name: str, text: str) -> str:
    """The fullest form of an organisation's name in the article: "Missouri State Highway Patrol"
    for "Missouri Highway Patrol", "PPG Industries Inc." for "PPG"."""
    words = name.split()
    best = name
    for run in _CAP_RUN.finditer(text):
        candidate = re.sub(r"^The\s+", "", run.group())
        candidate = candidate.rstrip(".,") if not candidate.endswith(("Inc.", "Co.", "Corp.")) else candidate
        parts = candidate.split()
        if len(parts) <= len(words) or len(parts) > len(words) + 3 or len(candidate) <= len(best):
            continue
        if parts[:len(words)] == words and all(p.lower() in _CORPORATE_SUFFIXES for p in parts[len(words):]):
            best = candidate
        elif parts[0] == words[0] and parts[-1] == words[-1] and _is_subsequence(words, parts):
            best = candidate
    return best


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def _head(words: list[str]) -> str:
    """The head noun of a lower-cased noun phrase: the word before its first preposition."""
    for k, word in enumerate(words[1:], start=1):
        if word in ("of", "at", "for", "in", "from", "with", "on"):
            return words[k - 1]
    return words[-1]


# People described by their role rather than their name ("a White House spokesman", "his lawyer").
_PERSON_HEADS = (OFFICIAL_ROLES - GOVERNMENT_WORDS - ORGANIZATION_WORDS) | OTHER_ROLES | ANONYMOUS_HEADS | frozenset(
    "lawyer lawyers attorney attorneys person persons people source sources man woman men women aide aides "
    "adviser advisers advisor advisors staffer staffers spokesman spokeswoman spokesperson".split())
# Roles that identify one person ("the director", "the mayor"), unlike "the source" or "the official".
_ROLE_HEADS = (OFFICIAL_ROLES | OTHER_ROLES | {"lawyer", "attorney", "adviser", "advisor"}) - ANONYMOUS_HEADS - \
    GOVERNMENT_WORDS - ORGANIZATION_WORDS - {"official", "officials", "source", "sources", "person", "people"}
_PLURAL_GROUP = re.compile(r"[A-Z][a-z]+(?:ans|ians|ers|ists|ites|is|ese)")
_INDEFINITE = frozenset("a an one some another two three four several many few".split())
_POSSESSIVE = frozenset("his her their its our my your".split())
# Documents beyond the tagger's word list (which is part of its features and stays as trained).
_MORE_DOCUMENT_WORDS = frozenset("lawsuit lawsuits complaint indictment ruling filing filings transcript "
                                 "testimony memo memos copy draft affidavit".split())


def _describe(core: str, kind: str, name: str | None, official: bool) -> Resolved:
    """A mention that names nobody the article introduced: an organisation, a group or an
    unnamed individual."""
    words = [w.lower().strip(".,’'") for w in core.split()]
    head = _head(words) if words else ""
    speaker = _without_determiner(core)
    if head in {"democrats", "republicans"} and len(words) <= 2:
        qualifier = words[0] if len(words) == 2 else ""
        if qualifier in {"house", "senate", "congressional"}:
            return Resolved(speaker, "government", True, True)
        if qualifier in {"", "the"}:
            return Resolved(speaker, "organization", True, False)
    if head in {"lawmakers", "legislators", "senators", "congressmen"}:
        return Resolved(speaker, "government", bool(name), True)
    if head in _MORE_DOCUMENT_WORDS:
        return Resolved(speaker, "document", False, False)
    if words and words[0] in ("the", "this") and head in _ROLE_HEADS:
        # "the former director of the Budget Office": one person, identified by role, not named
        return Resolved(speaker, "person", False, official)
    if name and name.split()[-1].lower() in _PARTIES:
        name = None  # "the Massachusetts Democrat" describes a person; it does not name one
        kind = "person" if kind in ("person", "unknown") else kind
    unnamed_person = head in _PERSON_HEADS and (
        words[0] in _INDEFINITE | _POSSESSIVE or head.endswith("s") or kind in ("anonymous", "unknown"))
    if unnamed_person and not (name and core.rstrip(" ,’'s").endswith(name)):
        # "a White House spokesman", "U.S. officials", "his lawyer": nobody the reader can identify
        return Resolved(speaker[:1].lower() + speaker[1:] if speaker[1:] == speaker[1:].lower() else speaker,
                        "anonymous", False, official)
    named = bool(name) and kind not in ("anonymous", "unknown")
    if kind == "document" and not name:
        named = False
    if kind == "person" and named and not core.rstrip(" ,’'s").endswith(name):
        named = False  # "a Varnholt spokesperson": a person speaking for Varnholt, unnamed
    if kind == "person" and not named:
        kind = "anonymous" if words and words[0] in _INDEFINITE else kind
    speaker = name if named and kind == "person" else speaker
    if kind == "anonymous" and speaker[1:] == speaker[1:].lower():
        speaker = speaker[:1].lower() + speaker[1:]  # "Analysts say" and "analysts say" are one group
    if (kind == "unknown" and not name and 2 <= len(words) <= 6 and head.isalpha() and not head.endswith("ly")
            and words[0] in {"the"} | _INDEFINITE):
        kind = "anonymous"  # "the moderator", "one woman": an unnamed individual the reader cannot identify
    gender = name_gender(speaker.split()[0]) if kind == "person" and named and " " in speaker else None
    return Resolved(speaker, kind, named, official, gender, "name" if gender else "none")


def _without_determiner(mention: str) -> str:
    first, _, rest = mention.strip().partition(" ")
    return rest if rest and first.lower() in {"the", "a", "an", "this", "that", "these", "those", "its",
                                              "his", "her", "their", "our", "one"} else mention.strip()


def resolve_entities(mentions: list[tuple[str | None, int]], text: str) -> list[list[Resolved]]:
    """The sources of each (mention, position), mentions given in text order: one, or one per
    person of a joint mention ("Roe and Doe said in a joint statement")."""
    resolver = EntityResolver(text)
    return [resolver.resolve_joint(mention, position) for mention, position in mentions]


def entity_ids(resolved: list[Resolved]) -> list[int]:
    """One id per distinct source of the article, numbered in order of first citation."""
    ids: dict[tuple[str, str], int] = {}
    out = []
    for item in resolved:
        key = (item.source_type if item.source_type in ("anonymous",) else "",
               (item.speaker or "").lower()) if item.speaker else ("", f"#{len(out)}")
        out.append(ids.setdefault(key, len(ids)))
    return out
