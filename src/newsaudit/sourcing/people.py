"""People an article names: every person it introduces (a capitalised run starting with a known
first name or an initial, or a surname after a title), where each is mentioned, the titles,
appositives and "(D-Ore.)" tags around them, whether they hold public office, and their gender as
the article shows it (honorifics, gendered nouns, the pronouns that follow their mentions), else as
their first name suggests.

First names come from the registers (`names`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from .lexicon import (
    ANONYMOUS_HEADS, CALENDAR, COUNTRIES, FUNCTION_WORDS, GENDERED_NOUNS, GOVERNMENT_WORDS, HEAD_OF_STATE,
    HONORIFICS, MEDIA_WORDS, ORGANIZATION_WORDS, PARTIES, PUBLIC_OFFICES, TITLE_WORDS, US_STATE_ABBREVIATIONS,
)
from .names import (
    NOT_FIRST, WORD, is_capitalised, is_first_name, name_gender, name_runs, strip_possessive, titled_surname,
    without_particle,
)
from .speakers import conjuncts, core_mention, ends_with_name, first_conjunct, name_in, simplify, source_type


# Bodies whose titles are jobs, not public offices ("union representative", "bank governor").
_EMPLOYERS = frozenset("union company corp inc bank firm foundation association university institute campaign".split())
# "Sen. Roe" is "the senator" later.
_TITLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                        "lt": "lieutenant", "col": "colonel", "capt": "captain", "sgt": "sergeant", "adm": "admiral",
                        "prof": "professor", "rev": "reverend", "amb": "ambassador", "sec": "secretary"}
_NOT_OFFICE = frozenset("former ex candidate nominee hopeful challenger campaign then-".split())
_GOVERNMENT_CONTEXT = GOVERNMENT_WORDS | COUNTRIES | frozenset(
    "house federal police sheriff's pentagon military army navy city county state's congressional fire".split())
_GOVERNMENT_CONTEXT_UNDOTTED = frozenset(word.replace(".", "") for word in _GOVERNMENT_CONTEXT)
_PRONOUN_EVIDENCE = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.I)
COMPOUND_OFFICE = re.compile(r"\b(?:inspector|attorney|surgeon|solicitor|comptroller|auditor|postmaster) general\b|"
                              r"\b(?:district|state's|county|u\.s\.) attorney\b|\bpress secretary\b")
_PARTY_STATE = re.compile(r"^(?:\s*\(\s*|,\s+)(?P<party>[DRI])\s*[-–,]\s*(?P<state>[A-Z][A-Za-z. ]*?)(?:\)|,)")
_PARTIES_BY_LETTER = {"D": "democrat", "R": "republican", "I": "independent"}
# "Israelis", "Canadians": a group, not a person
PLURAL_GROUP = re.compile(r"[A-Z][a-z]+(?:ans|ians|ers|ists|ites|is|ese|als|ics)")
_ORG_PARTS = ORGANIZATION_WORDS | GOVERNMENT_WORDS | MEDIA_WORDS | frozenset(
    "street avenue river county city university college school hospital airport news".split())
_NOT_IN_NAME = _ORG_PARTS | TITLE_WORDS  # after a first name: "Jane Street Capital", "John Doe Minister"
_NOT_SURNAME = CALENDAR | FUNCTION_WORDS
_NOT_FIRST_NAME = NOT_FIRST | FUNCTION_WORDS | _ORG_PARTS
_GROUP_WORDS = ANONYMOUS_HEADS | PARTIES
_PRIVATE_BODIES = ORGANIZATION_WORDS - GOVERNMENT_WORDS
_GOVERNMENT_STAFF = TITLE_WORDS | {"staff", "investigator", "astronaut", "agent", "officer", "employee", "scientist"}
ACRONYM = re.compile(r"[A-Z]{2,6}")
_GOVERNMENT_TITLES = ("Administrator", "Secretary", "Commissioner", "Inspector", "Director", "Deputy", "Chief",
                      "officials?", "spokes(?:man|woman|person)", "administrator", "secretary", "commissioner")
_MODIFIER_USE = re.compile(r"[’']?s?\s+(?:administration|campaign|era|presidency|years|team|camp|family|"
                           r"doctrine|plan|policy|policies|White House|government|foundation)\b")
# What follows a name in its clause: "its"/", which" refer back to a thing, "he"/", who" to a person.
_REFERENCE_AFTER = re.compile(r"(?:[’']s)?[^.;:!?\n“”\"]{0,50}?(?:\b(?P<thing>its|itself)\b|(?P<which>, which)\b"
                              r"|\b(?:he|him|his|himself|she|her|herself)\b|, who\b)")
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


def _could_be_first_name(word: str) -> bool:
    return (len(word) > 2 and word.isalpha() and word[:1].isupper() and word[1:].islower()
            and word.lower() not in _NOT_FIRST_NAME)


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

    def __init__(self, text: str, cited: list[tuple[str, int, list[str]]] = ()):
        self.text = text
        self.people: list[Person] = []
        self.by_surname: dict[str, list[Person]] = {}
        self._acronyms: dict[str, str] = {}
        self._things: dict[str, bool] = {}
        self.words = set(WORD.findall(text))  # as written: "Senate", "senate"
        self.lower_words = {word for word in self.words if word.islower()}
        self._read_full_names(text)
        self._read_cited_names(cited)
        self.occurrences = self._occurrences(text)
        self._starts = [start for start, _ in self.occurrences]
        self._gender_from_pronouns(text)

    def _read_full_names(self, text: str) -> None:
        for run_start, run_end, run_text in name_runs(text):
            words = run_text.split()
            start = next((k for k, word in enumerate(words) if is_first_name(word) and 2 <= len(words) - k <= 4
                          and not any(w.lower().strip(".") in _NOT_IN_NAME for w in words[k + 1:])), None)
            if start is None:
                start = titled_surname(words)
            if start is None:
                continue
            if start and re.fullmatch(r"[A-Z]\.", words[start]) and _could_be_first_name(words[start - 1]):
                start -= 1  # "Virgie M. Rollins": a first name no register knows, before a middle initial
            lead = words[:start]
            words = words[start:]
            words[-1] = strip_possessive(words[-1].rstrip("."))
            if (any(w.lower().strip(".") in _NOT_IN_NAME for w in words[1:]) or not is_capitalised(words[-1])
                    or words[-1].lower().strip(".") in _NOT_SURNAME or len(words[-1]) < 2):
                continue
            position = run_start + run_text.index(words[0])
            clause = re.split(r"[.;:!?][\"”’']?(?:\s|$)|,|[“”\"\n]", text[max(0, run_start - 80):run_start].rstrip(" ,"))[-1]
            phrases = [re.findall(r"[\w.’'\-]+", clause)[-5:] + lead]
            after = text[run_end:run_end + 80]
            tag = _PARTY_STATE.match(after)
            if tag:  # "Sen. Roe (R-Fla.)": a Republican lawmaker from Florida
                state = US_STATE_ABBREVIATIONS.get(tag.group("state").replace(" ", "").lower().rstrip("."),
                                                   tag.group("state").lower())
                phrases.append(["lawmaker", _PARTIES_BY_LETTER[tag.group("party")], *state.split()])
            place = re.match(r"\s+of\s+((?:[A-Z][\w.’'\-]*\s?){1,3})", after)  # "Sen. Roe of Florida"
            if place:
                phrases.append(place.group(1).split())
            appositive = re.match(r",\s+(?:the\s+|a\s+|an\s+)?([\w\s.'’\-]{3,60}?)(?:,|\.|;| said| says)", after)
            if appositive:
                phrases.append(appositive.group(1).split())
            self._add(" ".join(words), position, phrases)

    def _read_cited_names(self, cited: list[tuple[str, int, list[str]]]) -> None:
        """People the article cites by a name that neither a known first name nor a title gave
        away ("protester Marquess Mull tells", "Obama said"): a name of one to three capitalised
        words that is a speech source. A lone word must recur capitalised inside sentences, so a
        sentence opener the tagger took for a source ("If", "Gay marriage:") is not a person. The
        words before the name in the mention are the person's titles."""
        if not cited:
            return
        lower_words = self.lower_words
        for name, position, titles in cited:
            words = re.split(r"(?<=[’']s)\s+|(?<=[’'])\s+", name)[-1].split()  # "the Post's Wes Lowery"
            while words and words[0].lower() in lower_words:  # "Protester Dante Kelly": a common noun leads
                words = words[1:]
            words = [strip_possessive(w.rstrip(".")) for w in words]
            known = self.by_surname.get(words[-1], []) if words else []
            if not 1 <= len(words) <= 3 or (known and (len(words) == 1 or any(" " in p.name for p in known))
                                            and not _another_first_name(words, known, self.text)):
                continue  # known already, by this name or a fuller one ("Farid" then "Hany Farid" is added)
            if not all(len(w) > 1 and w[:1].isupper() and not w.isupper() and w.lower() not in NOT_FIRST
                       and w.lower() not in _GROUP_WORDS for w in words):
                continue
            alone = r"(?:^|[a-z,]\s+)" + re.escape(words[0]) + r"\b(?![’']?s?\s+[A-Z])"
            if len(words) == 1 and len(re.findall(alone, self.text, re.M)) < 2:
                continue  # "Missouri" of "Missouri State Highway Patrol" names no one
            if self.treated_as_thing(" ".join(words)):
                continue  # "Acme said its profits rose": a company
            tagged = _PARTY_STATE.match(self.text[position + len(name):position + len(name) + 40])  # "Jo Roe (D-Wash.)"
            self._add(" ".join(words), position, [titles] + ([["lawmaker"]] if tagged else []))

    def treated_as_thing(self, name: str) -> bool:
        """Does the article refer back to `name` as a thing ("its", ", which") more often than as
        a person ("he", "her", ", who")? On BBC news, names cited alone that pass are companies,
        central banks and places."""
        if name not in self._things:
            votes = []
            start = self.text.find(name)
            while start >= 0:
                end = start + len(name)
                whole = not (start and self.text[start - 1].isalnum()) and not self.text[end:end + 1].isalnum()
                reference = _REFERENCE_AFTER.match(self.text, end) if whole else None
                if reference:
                    votes.append(bool(reference.group("thing") or reference.group("which")))
                start = self.text.find(name, end)
            self._things[name] = sum(votes) > len(votes) - sum(votes)
        return self._things[name]

    def government_word(self, word: str) -> bool:
        lower = word.lower().strip(".’'")
        if lower in _GOVERNMENT_CONTEXT or lower.replace(".", "") in _GOVERNMENT_CONTEXT_UNDOTTED:  # "U.S."
            return True
        return bool(ACRONYM.fullmatch(word)) and self.acronym_kind(word) == "government"

    def holds_office(self, phrase: list[str]) -> bool:
        """Does a title phrase ("White House spokesman", "executive vice president of sales")
        make its bearer an office holder?"""
        lowers = [w.lower().strip(".’'") for w in phrase]
        lowers += [w[:-1] for w in lowers if w.endswith("s") and w[:-1] in PUBLIC_OFFICES]  # "ministers", "judges"
        if set(lowers) & _NOT_OFFICE or " ".join(lowers).find("veteran of") >= 0:
            return False  # "a former aide", "a veteran of the Obama White House"
        private_body = set(lowers) & _PRIVATE_BODIES
        if set(lowers) & PUBLIC_OFFICES and not set(lowers) & _EMPLOYERS:
            return True  # "Sen.", "Harbour Minister"; not a "Union representative"
        if COMPOUND_OFFICE.search(" ".join(lowers)) and not private_body:
            return True
        if set(lowers) & {"official", "officials"} and not private_body:
            return True  # in news, "officials" unqualified are public officials
        government = any(self.government_word(w) for w in phrase)
        private = any((w[:1].isupper() and not self.government_word(w) and w.lower().strip(".") not in TITLE_WORDS)
                      or w.lower() in ORGANIZATION_WORDS for w in phrase)
        if set(lowers) & HEAD_OF_STATE:
            of = lowers.index("of") if "of" in lowers else None
            return government or not (private or (of is not None and not government))
        return government and bool(set(lowers) & _GOVERNMENT_STAFF)

    def acronym_kind(self, acronym: str) -> str:
        """"EPA", "NASA": the type of the name the article spells out for it ("Environmental
        Protection Agency (EPA)"), else a government body when the article gives it officials."""
        if acronym not in self._acronyms:
            expansion = self.expansion(acronym)
            kind = source_type(expansion) if expansion else (
                "media" if source_type(acronym) == "media" else None)  # "MSNBC" is an outlet without its expansion
            if kind not in ("government", "organization", "media"):
                titled = re.search(re.escape(acronym) + r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:%s)\b" % "|".join(_GOVERNMENT_TITLES),
                                   self.text)
                kind = "government" if titled else "organization"
            self._acronyms[acronym] = kind
        return self._acronyms[acronym]

    def _gender_from_pronouns(self, text: str, reach: int = 200) -> None:
        """A person's gender from the pronouns that follow their mentions: each "he"/"she" outside a
        quotation votes for the person mentioned last before it (within `reach` characters); a
        gender with at least three votes in four is the article's. A single vote does not outweigh
        a first name that tells the other gender (one pronoun is easily attributed to the wrong
        person: on BBC and PolNeAR a lone vote disagrees with a telling first name 7% of the time)."""
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
            if person.gender is not None or not male + female or max(male, female) < 3 * (male + female) / 4:
                continue
            voted = "male" if male > female else "female"
            by_name = name_gender(person.name.split()[0]) if " " in person.name else None
            if male + female >= 2 or by_name in (None, voted):
                person.gender, person.gender_basis = voted, "article"

    def in_mention(self, mention: str, position: int) -> Person | None:
        """The person whose name ends the mention ("Roe lawyer Jo Doe" is Doe), else the one named
        first, unless it comes after a preposition ("an aide to Speaker Roe" cites the aide)."""
        found, seen = [], set()
        for token in WORD.finditer(mention):
            for surname in {token.group(), strip_possessive(token.group()), without_particle(strip_possessive(token.group()))}:
                if surname in self.by_surname and surname not in seen:
                    seen.add(surname)
                    found.append((token.start(), surname))
        head = strip_possessive(core_mention(mention).rstrip(" ,.;:"))  # "Roe's director Jo Doe, a veteran of ..."
        ending = [item for item in found if head.endswith(item[1])]
        unlinked = [item for item in ending[-1:] + found[:1] if not re.search(
            r"\b(?:to|for|of|at|with|from|by|about|under|against|on)\b", mention[:item[0]].lower())]
        if not unlinked:
            return None
        best = unlinked[0]
        words = mention[:best[0]].split()
        first = words[-1] if words and is_first_name(words[-1]) else None
        return self.person_for(best[1], position, first)

    def _add(self, full: str, position: int, phrases: list[list[str]]) -> None:
        surname = without_particle(full.split()[-1])
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
        person.titles.update(titles + [_TITLE_ABBREVIATIONS[t] for t in titles if t in _TITLE_ABBREVIATIONS])
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
        found = []
        for token in WORD.finditer(text):
            word = token.group() if token.group() in self.by_surname else strip_possessive(token.group())
            surname = word if word in self.by_surname else without_particle(word)
            if surname not in self.by_surname:
                continue
            position = token.start()
            k = bisect.bisect_right(quoted, (position, float("inf"))) - 1
            if k >= 0 and quoted[k][0] < position < quoted[k][1]:
                continue
            if _MODIFIER_USE.match(text, position + len(word)):
                continue  # "the Bush administration" mentions an administration, not Bush
            found.append((position, self.person_for(surname, position)))
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

    def with_first_name(self, first: str, position: int) -> Person | None:
        """The person last introduced before `position` whose full name begins with `first`
        ("Sir John" after "Sir John Bourn")."""
        found = [p for p in self.people if " " in p.name and p.name.split()[0] == first and p.positions[0] <= position]
        return max(found, key=lambda p: p.positions[0]) if found else None

    def _mentioned_before(self, position: int):
        """The people mentioned before `position`, the last mention first."""
        for k in range(bisect.bisect_left(self._starts, position) - 1, -1, -1):
            if self.occurrences[k][1] is not None:
                yield self.occurrences[k][1]

    def last_person_before(self, position: int, gender: str | None, other_than: tuple = ()) -> Person | None:
        return next((person for person in self._mentioned_before(position)
                     if (gender is None or person.likely_gender in (None, gender)) and person not in other_than), None)

    def with_any_title(self, titles: list[str], position: int) -> Person | None:
        """The person last mentioned before `position` with one of `titles` ("Florida" for "the
        Florida Republican")."""
        return next((person for person in self._mentioned_before(position) if person.titles & set(titles)), None)

    def with_title(self, title: str, position: int, modifiers: list[str] = ()) -> Person | None:
        """The person last mentioned before `position` whose titles include `title`, preferring
        one whose titles also include a modifier ("the Florida senator": "Sen. Roe of Florida")."""
        titled = []
        for person in self._mentioned_before(position):
            if title in person.titles and person not in titled:
                titled.append(person)
        described = [p for p in titled if any(m in p.titles for m in modifiers)]
        return (described or titled or [None])[0]


def _another_first_name(words: list[str], known: list[Person], text: str) -> bool:
    """"Ghazala Khan" beside a known "Khizr Khan": a relative, not the same person, when her first
    name is a known first name or the article pairs the two ("Khizr and Ghazala Khan"). "Both
    Khan", "Baroness Khan" and "Wasserman Schultz" (Debbie's surname) are no one new."""
    if len(words) != 2:
        return False
    first, surname = words
    if any(_plain(p.name).split()[0] == _plain(first) or _plain(p.name).endswith(_plain(" ".join(words)))
           for p in known):
        return False
    if is_first_name(first):
        return True
    return f" and {first} {surname}" in text or f"{first} and " in text and bool(re.search(
        r"\b%s and [A-Z][a-z]+ %s\b" % (re.escape(first), re.escape(surname)), text))


def _plain(name: str) -> str:
    """"François" and "Francois" are one name."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def cited_names(mentions: list[tuple[str | None, int]]) -> list[tuple[str, int, list[str]]]:
    """The people the source mentions name, with the words before the name ("protester Marquess
    Mull" -> "Marquess Mull", ["protester"])."""
    names = []
    for mention, position in mentions:
        if not mention or not mention.strip():
            continue
        simple = simplify(mention.strip())
        parts = conjuncts(simple) or [first_conjunct(simple)]  # every person of "Roe and Doe said"
        part_names = [name_in(core_mention(part)) or "" for part in parts]
        if len(parts) >= 2 and " " not in part_names[0] and len(part_names[1].split()) == 2:
            parts = parts[:1]  # "Jo and Ann Roe": a first name alone shares the surname after it
        for k, part in enumerate(parts):
            core = core_mention(part)
            name = name_in(core)
            if k and " " not in (name or ""):
                continue  # after the first, full names only: "Tennessee and Virginia" name no Virginia
            before = core[:core.rfind(name)].split() if name else []
            if [w.lower() for w in before[-1:]] == ["the"] and " " in name and not re.search(r"['’]s\b", name):
                continue  # "(a spokesman for) the British Phonographic Industry": no "the" before a person's name
            if name and source_type(core) == "person" and ends_with_name(core, name) and not PLURAL_GROUP.fullmatch(name):
                names.append((name, position + max(mention.find(name), 0), before))
    return names
