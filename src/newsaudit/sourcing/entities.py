"""Sources as entities: the mentions of one article that name the same source become one entity.

An article introduces a person once in full ("EPA Deputy Administrator Bob Perciasepe") and then
writes "Perciasepe", "Mr. Perciasepe", "he" or "the administrator". `people.PeopleIndex`
reads every person the article names; `resolve_entities` maps each source mention to an entity
with a canonical name (the fullest form in the article), a type, and `named`, `official` and
`gender` drawn from everything the article says about it.
"""

from __future__ import annotations

import re

from .descriptions import MORE_DOCUMENT_WORDS, PERSON_HEADS, Resolved, describe, fullest_name, head_word
from .lexicon import (
    ANONYMOUS_HEADS, BODIES_OTHER_THAN_COMPANIES, CALENDAR, COMPANY_NOUNS, COUNTRIES, DEMONYMS, DOCUMENT_WORDS, GENDERED_NOUNS,
    GOVERNMENT_WORDS, HONORIFICS, INSTITUTION_WORDS, MEDIA_NOUNS, OFFICIAL_PERSON_ROLES, OFFICIAL_ROLES,
    ORGANIZATION_WORDS, OTHER_ROLES, PARTIES, PARTY_COLLECTIVES, PERSON_ROLES, PUBLIC_OFFICES, TITLE_WORDS,
)
from .names import name_gender, strip_possessive, without_particle
from .people import ACRONYM, PLURAL_GROUP, PeopleIndex, Person, cited_names
from .subjects import INTRODUCTION_WORDS
from .speakers import (
    conjuncts, core_mention, ends_with_name, first_conjunct, name_in, simplify, singular, source_type,
    without_determiner,
)

_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
_GROUP_PRONOUNS = {"they", "them", "we", "both", "neither", "each", "all"}  # "Both said": the pair just named
_PLURAL_PRONOUNS = {"they", "both", "neither", "each", "all"}
_NOBODY = CALENDAR | frozenset(HONORIFICS) | {"no one", "nobody", "none"}
_THING_PRONOUNS = {"it", "which"}
_GROUP_OF = re.compile(r"^(?:the\s+|some\s+|several\s+|many\s+|two\s+|three\s+)?(?:members|leaders|heads|"
                       r"chairs|co-chairs|officials|representatives|staff|spokesmen|spokeswomen|spokespeople|executives)\s+"
                       r"(?:of|at|from|for)\s+(?P<body>.+)$", re.I)
# An unnamed person described by a tie to someone named: "an aide to ...", "a source close to ...".
_DEPENDENT = re.compile(r"^(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal)\s+(?:[a-z\-]+\s+){1,3}"
                        r"(?:to|for|of|at|with|from|close to|familiar with|near)\s")
_JOINT_TYPES = ("person", "organization", "government", "media")
_JOINT_REACH = 600
# A plural noun for people, with up to two words before it: "Republican lawmakers", "analysts".
_PLURAL_GROUP_MENTION = re.compile(
    r"\b(?:(?:[A-Z][\w.\-]*|senior|top|local|foreign|federal|state|other)\s+){0,2}(?i:%s)\b"
    r"(?:\s+(?:at|in|from)\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})?"
    % "|".join(sorted(w for w in ANONYMOUS_HEADS | PARTIES if w.endswith("s"))))
_DOCUMENT_HEADS = DOCUMENT_WORDS | MORE_DOCUMENT_WORDS
# Capitalised only because they open a sentence: "Early results show" has no author.
_NOT_DOCUMENT_OWNERS = frozenset("a an the one early new initial final preliminary latest recent official "
                                 "other internal annual earlier first last previous published".split())
# "German airline \x00", "\x00, the carmaker": a name (masked as \x00) that the article describes as a body
_ORGANIZATION_NOUNS = "|".join(sorted(ORGANIZATION_WORDS))
_NO_PERSON_NOUN_AFTER = r"(?!\s+(?:%s)\b)" % "|".join(sorted(PERSON_ROLES | ANONYMOUS_HEADS | {"leader", "leaders"}))
_DESCRIBED_AS_BODY = re.compile(  # not "\x00, a union leader"
    r"\b(?:%s)[ \t]+\x00(?![\w’'])|\x00,[ \t]+(?:the|a|an)[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:%s)\b%s"
    % (_ORGANIZATION_NOUNS, _ORGANIZATION_NOUNS, _NO_PERSON_NOUN_AFTER))
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|on|during|for|from|across|throughout|inside|outside|to)\s+$", re.I)
_NOT_BODY_OPENERS = frozenset("a an the this that these those it its in on at by".split())
_SUBJECT_OPENERS = ANONYMOUS_HEADS | PERSON_ROLES | frozenset("the a an his her their its our".split())
_ANTECEDENT = re.compile(r"(?:^|[ (])((?:[Tt]he )?(?!of )(?:(?:(?:[A-Z]\.){2,}|[A-Z][\w’'&\-]*|of) ){0,5}(?:[A-Z][\w’'&\-]*|[a-z]+)),\s*$")
_PERSON_ROLE_HEADS = OFFICIAL_ROLES | OTHER_ROLES | {"democrat", "republican", "candidate", "administrator"}


# Common nouns, the last one plural, then where they are: "Policy makers in Europe".
# People as a vague group, whatever their capital; not party members or legislators ("Democrats in
# Congress", "Lawmakers in the state" are a party's or a legislature's members).
_GROUP_NOUNS = PERSON_HEADS - PARTIES - PARTY_COLLECTIVES - {"lawmakers", "legislators", "senators", "congressmen"}
_GROUP_SOMEWHERE = re.compile(r"^(?:[A-Z]?[a-z\-]+\s+){0,2}(?P<noun>[A-Z]?[a-z\-]+s)\s+(?:in|at|across|around|inside)\s+\S")


_POSSESSED_DOCUMENT = re.compile(r"^(?:the\s+)?(?P<owner>.+?)['’]s?\s+(?P<rest>(?:[\w\-]+\s+){0,3}(?P<head>\w+))$", re.I)
_DOCUMENT_BY = re.compile(r"^(?:an?|the|one)?\s*(?:[\w\-]+\s+){0,3}?(?:%s)\s+(?:by|from|of)\s+(?P<owner>.+)$"
                          % "|".join(sorted(DOCUMENT_WORDS)), re.I)


def _person_from_name(name: str, people: PeopleIndex, position: int) -> Person | None:
    words = [strip_possessive(w) for w in name.split() if w.lower().strip(".") not in TITLE_WORDS]
    if not words:
        return None
    first = words[0] if len(words) > 1 else None
    person = people.person_for(without_particle(words[-1]), position, first)
    if person is None and len(words) == 1:
        person = people.with_first_name(words[0], position)
    return person


class EntityResolver:
    """Resolves the source mentions of one article, in text order."""

    def __init__(self, text: str, cited: list[tuple[str, int, list[str]]] = ()):
        self.people = PeopleIndex(text, cited)
        self.last_group: Resolved | None = None
        self.last_group_at: int | None = None
        self.last_thing: Resolved | None = None
        self.last_of_kind: dict[str, Resolved] = {}
        self.organizations: list[Resolved] = []  # named organisations cited, in order
        self.last_document: Resolved | None = None
        self.last_speaker: Person | None = None
        self.last_speaker_at: int | None = None
        self.last_joint: list[Resolved] = []
        self.last_unnamed: Resolved | None = None
        self.last_unnamed_at: int | None = None
        self.last_joint_at: int | None = None
        self._position = 0
        self._bodies: dict[str, str | None] = {}

    def resolve(self, mention: str | None, position: int) -> Resolved:
        bare = mention.strip(" .,").lower() if mention else ""
        if not bare or bare in _NOBODY or bare.replace(",", "").isdigit():
            return Resolved(None, "unknown", False, False)  # "Sunday" is when, not who; "No one" is nobody
        self._position = position
        mention = mention.strip()
        if mention.isupper() and len(mention) > 3 and " " not in mention and mention.title() in self.people.text:
            mention = mention.title()  # a transcript's "FALLIN:" is the "Mary Fallin" the article names
        resolved = self._resolve(mention, position)
        self._remember(resolved)
        return resolved

    def _unnamed_before(self, position: int, gender: str | None, reach: int = 400) -> Resolved | None:
        """The unnamed individual cited just before, when no person was cited or named since."""
        if self.last_unnamed_at is None or position - self.last_unnamed_at >= reach:
            return None
        if self.last_speaker_at is not None and self.last_speaker_at >= self.last_unnamed_at:
            return None
        mentioned = self.people.last_person_before(position, gender)
        if mentioned is not None and any(self.last_unnamed_at < at < position for at in mentioned.positions):
            return None  # a person named since: "... a spokesman said. Roe has branded it a waste. He said"
        stated = GENDERED_NOUNS.get(head_word((self.last_unnamed.speaker or "").lower().split() or [""]))
        return self.last_unnamed if stated in (None, gender) else None

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

    def _pronouns_apart(self, parts: list[str], sources: list[Resolved], position: int) -> list[Resolved]:
        """"He and Jackson said": the "he" is someone other than the Jackson beside him."""
        named = tuple(s.person for part, s in zip(parts, sources) if s.person and part.lower() not in _PRONOUN_GENDER)
        out = []
        for part, source in zip(parts, sources):
            if part.lower() in _PRONOUN_GENDER and source.person in named:
                other = self.people.last_person_before(position, _PRONOUN_GENDER.get(part.lower()), other_than=named)
                source = self._from_person(other) if other else source
            out.append(source)
        return out

    def resolve_joint(self, mention: str | None, position: int) -> list[Resolved]:
        """Every source of a joint mention ("Roe, Doe and the Agency said"; "he and Doe"), each
        named and distinct, else the one source of `resolve`. "They" just after a joint mention
        means its sources again."""
        parts = conjuncts(simplify(mention)) if mention else []
        if parts:
            self._position = position
            sources = [self._resolve(part, position + max(mention.find(part), 0)) for part in parts]
            sources = self._pronouns_apart(parts, sources, position)
            distinct = len({(s.speaker or "").lower() for s in sources}) == len(sources)
            if distinct and all(s.named and s.source_type in _JOINT_TYPES for s in sources):
                for source in sources:
                    self._remember(source)
                self.last_joint, self.last_joint_at = sources, position
                return sources
        recent_joint = self.last_joint_at is not None and position - self.last_joint_at < _JOINT_REACH
        if recent_joint and mention and mention.strip().lower() in _PLURAL_PRONOUNS and self.last_speaker in [
                s.person for s in self.last_joint]:
            return list(self.last_joint)
        return [self.resolve(mention, position)]

    def _remember(self, resolved: Resolved) -> None:
        if resolved.person is not None:
            self.last_speaker = resolved.person
            self.last_speaker_at = self._position
        elif _unnamed_individual(resolved):
            self.last_unnamed, self.last_unnamed_at = resolved, self._position
        if not resolved.named and resolved.source_type not in ("anonymous", "document"):
            return
        if resolved.source_type in ("organization", "government", "anonymous", "media"):
            self.last_group, self.last_group_at = resolved, self._position
        if resolved.source_type in ("organization", "government", "media", "document"):
            self.last_thing = resolved
            self.last_of_kind[resolved.source_type] = resolved
            if resolved.source_type == "organization" and resolved.named:
                self.organizations.append(resolved)
        if resolved.source_type == "document" and resolved.named:
            self.last_document = resolved

    def with_final_gender(self, source: Resolved) -> Resolved:
        """`source` with its person's gender as the whole article shows it: what a later mention
        shows ("he said") holds for the earlier ones too."""
        if source.person is None:
            return source
        final = self._from_person(source.person, source.source_type)
        return Resolved(source.speaker, source.source_type, source.named, source.official,
                        final.gender, final.gender_basis, source.person)

    def _from_person(self, person: Person, kind: str = "person") -> Resolved:
        gender, basis = person.gender, person.gender_basis
        if gender is None:
            gender = name_gender(person.name.split()[0])
            basis = "name" if gender else "none"
        return Resolved(person.name, kind, True, person.official, gender, basis, person)

    def _resolve(self, mention: str, position: int) -> Resolved:
        if re.match(r"which\s+\S", mention):
            subject = mention.split(None, 1)[1]
            first = subject.split()[0]
            # "The changes, which officials said": the officials; "BAA, which operates all three, said": BAA
            mention = subject if (first[:1].isupper() or first.lower() in _SUBJECT_OPENERS) else "which"
        lower = mention.lower()
        if lower.startswith("who ") or lower == "who":
            lower = "who"
        if lower == "who":  # a relative clause: its antecedent is the person just named
            person = self.people.last_person_before(position, None)
            return self._from_person(person) if person else Resolved(None, "person", False, False)
        if lower in _PRONOUN_GENDER:
            gender = _PRONOUN_GENDER.get(lower)
            unnamed = self._unnamed_before(position, gender)
            if unnamed:
                return unnamed  # '"...," a spokeswoman said. She added': the spokeswoman again
            person = self._pronoun_person(position, gender)
            if person:
                if person.gender is None and name_gender(person.name.split()[0]) in (None, gender):
                    person.gender, person.gender_basis = gender, "article"  # "he said" of someone cited by surname
                return self._from_person(person)
            return Resolved(None, "person", False, False)  # a pronoun the article does not resolve names nobody
        if lower in _GROUP_PRONOUNS:
            group = self._plural_group_before(position)
            return group or self.last_group or Resolved(None, "anonymous", False, False)
        if lower == "which":  # "the Trump administration, which argued": the body just named
            antecedent = _ANTECEDENT.search(self.people.text, max(0, position - 80), position)
            if antecedent:
                body = self._resolve(antecedent.group(1), antecedent.start(1))
                if body.source_type in ("government", "organization", "media"):
                    return body
        if lower in _THING_PRONOUNS:
            return self.last_thing or Resolved(None, "unknown", False, False)
        simple = simplify(mention)
        owned = self._document_of(simple, position)
        if owned:
            return owned
        lowers = simple.lower().split()
        if len(lowers) > 2 and lowers[0] in ("a", "an") and lowers[1] in _DOCUMENT_HEADS and lowers[2].endswith(("ed", "en")):
            # "a survey conducted by PC Pro" is a survey by PC Pro; "a copy given to Reuters" has no author
            words = simple.split()
            authored = self._document_of(" ".join(words[:2] + words[3:]), position) if lowers[3:4] == ["by"] else None
            return authored or Resolved(without_determiner(simple), "document", False, False)
        group = _GROUP_OF.match(simple)
        if group:
            body = self._resolve(group.group("body"), position)
            if body.named and body.source_type in ("government", "organization"):
                return Resolved(without_determiner(simple), body.source_type, True, body.official)
        if self._group_somewhere(simple):
            # "Policy makers in Europe", "analysts at big banks": a group the place only locates
            official = self.people.holds_office(re.findall(r"[\w.’'\-]+", simple))
            return Resolved(simple[:1].lower() + simple[1:], "anonymous", False, official)
        if _DEPENDENT.match(simple) and head_word(simple.lower().split()) not in _DOCUMENT_HEADS:
            # "an aide to Senator Roe" cites the aide, not Roe
            official = self.people.holds_office(re.findall(r"[\w.’'\-]+", simple))
            return Resolved(without_determiner(simple), "anonymous", False, official)
        if (head_word(lowers or [""]) in MORE_DOCUMENT_WORDS or simple.lower() in DOCUMENT_WORDS
                or _described_document(simple.split())):
            # a headline's "Report:" or "Poll:" names no one
            return Resolved(without_determiner(simple), "document", False, False)
        person = self.people.in_mention(simple, position)
        if person:
            return self._from_person(person)
        if re.fullmatch(r"[A-Z][a-z]+s", simple) and (
                {simple.lower(), simple[:-1].lower()} & (self.people.lower_words | PERSON_ROLES | PUBLIC_OFFICES)):
            simple = simple.lower()  # "Prosecutors said": a capital that only opens the sentence
        core = core_mention(first_conjunct(simple))
        kind = source_type(core)
        name = name_in(core)
        if kind == "person" and name == core.strip() and " " not in name and PLURAL_GROUP.fullmatch(name):
            return Resolved(name, "anonymous", False, False)  # "Israelis", "Canadians": a group
        if kind in ("person", "unknown") and name:
            person = _person_from_name(name, self.people, position)
            if person:
                return self._from_person(person)
        words = [w.lower().strip(".,’'") for w in core.split()]
        acronym = bool(name) and bool(ACRONYM.fullmatch(name))
        # "the UK firm", "a BBC spokesman", "a German football club": a modifier, not the source's name
        modifier_name = bool(name) and (acronym or (name.lower() in DEMONYMS and kind != "government")) and \
            not ends_with_name(core, name)
        definite = bool(words) and words[0] in ("the", "this") and (not name or modifier_name)
        if definite and len(words) >= 2:
            head = head_word(words)
            role = self._role(head, position)
            modifiers = [re.sub(r"[’']s$", "", w) for w in words[1:words.index(head)]] if head in words else []
            if role and (role.person is not None or all(m in (role.speaker or "").lower() or m in COUNTRIES
                                                        for m in modifiers)):
                return role  # "the audit office" is the Audit Office named before; "the regional council" is not
        if acronym and not modifier_name:
            return self._acronym(name)
        if modifier_name:  # "the UK firm", "LSE shareholders", "the GOP candidate": nobody the mention names
            name = None
            if kind == "person" and head_word(words or [""]) not in PERSON_HEADS:
                kind = "unknown"
        role_words = re.findall(r"[\w.’'\-]+", simple)
        person_role = head_word([w.lower() for w in role_words] or [""]) in PERSON_HEADS
        official = kind != "media" and ((kind == "government" and not person_role) or self.people.holds_office(role_words)
                                        or singular(head_word([w.lower() for w in role_words] or [""])) in GOVERNMENT_WORDS)
        if kind == "person" and name and self.people.treated_as_thing(name):
            kind = "organization"
        body = self._body_named(name) if kind == "person" and name and " " not in name else None
        if body:
            return Resolved(body, "organization", True, False)
        resolved = describe(core, kind, name, official)
        if resolved.source_type == "person" and not resolved.named and words and words[0] in ("the", "this"):
            person = self._described_person(words, position, titled_only=modifier_name)
            if person:  # "the Massachusetts Democrat", "the former director of the Budget Office"
                described = self._from_person(person)
                described.official = described.official or resolved.official
                return described
        if resolved.named and resolved.source_type in ("organization", "government", "media") and resolved.speaker:
            resolved.speaker = fullest_name(resolved.speaker, self.people.text)
        return resolved

    def _plural_group_before(self, position: int, reach: int = 300) -> Resolved | None:
        """"Republican lawmakers ... They said": the people named by a plural noun in the sentences
        just before "they", when no source was cited since."""
        start = max(0, position - reach, self.last_group_at if self.last_group_at is not None else 0)
        found = None
        for found in _PLURAL_GROUP_MENTION.finditer(self.people.text, start, position):
            pass  # the last one before "they"
        if found is None or (self.last_speaker_at is not None and self.last_speaker_at > found.start()):
            return None
        phrase = found.group()
        if phrase.split()[0].lower() in ANONYMOUS_HEADS:
            phrase = phrase[0].lower() + phrase[1:]  # "Analysts at UBS" opening a sentence are analysts
        return self._resolve(phrase, found.start())

    def _group_somewhere(self, mention: str) -> bool:
        """"Analysts in London": common nouns (a capital only on a word for people or where the
        article writes the word in lower case too, so "Reynolds in Paris" is someone) and a place."""
        match = _GROUP_SOMEWHERE.match(mention)
        if not match:
            return False
        lead = mention[:match.end("noun")].split()
        return all(word.islower() or word.lower() in self.people.lower_words or word.lower() in _GROUP_NOUNS
                   for word in lead)  # "Analysts at UBS" opening a sentence

    def _described_person(self, words: list[str], position: int, titled_only: bool = False) -> Person | None:
        """The person a definite description means: the one the article gave that title (and its
        modifiers: "the Florida senator"), else the one a pronoun of the noun's gender would mean
        (not with `titled_only`: "the RNC member" is nobody but a member the article titled so)."""
        head = head_word(words)
        gender = GENDERED_NOUNS.get(head)
        at = words.index(head) if head in words else None
        modifiers = [re.sub(r"[’']s$", "", w) for w in words[1:at]] if at is not None else []
        titled = self.people.with_title(head, position, modifiers)
        proper = [m for m in modifiers if m.capitalize() in self.people.words and m not in self.people.lower_words]
        if proper and titled and not set(proper) & titled.titles:
            titled = None  # "the Florida senator" is not the senator from Iowa named before
        if titled and gender in (None, titled.likely_gender):
            return titled
        if proper and titled is None:
            described = self.people.with_any_title(proper, position)  # "the Florida Republican": Sen. Roe (R-Fla.)
            if described and gender in (None, described.likely_gender):
                return described
        if titled_only:
            return None
        if "of" in (words[at + 1:] if at is not None else words):
            # "The former director of the Budget Office said" goes on about the person cited just
            # before; further on, "the chairman of the judiciary panel" is someone new
            recent = self.last_speaker_at is not None and position - self.last_speaker_at < 250
            fits = recent and gender in (None, self.last_speaker.likely_gender) and not (
                proper and not set(proper) & self.last_speaker.titles)  # "the Democratic chairman of ..."
            return self.last_speaker if fits else None
        return self._pronoun_person(position, gender, reach=600)

    def _named_with_head(self, head: str, position: int) -> Resolved | None:
        """"the service" after "the Valdoria Weather Service": the last institution named with that head."""
        if head in OFFICIAL_PERSON_ROLES or head in DOCUMENT_WORDS or not head.isalpha():
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

    def _body_named(self, name: str) -> str | None:
        """The fullest name of the organisation a lone capitalised word names: "Acme Corp." for
        "Acme", or "Lufthansa" where the article writes "German airline Lufthansa"; None for a person."""
        if name not in self._bodies:
            text = self.people.text
            fuller = fullest_name(name, text)
            described = fuller != name and source_type(fuller) == "organization"
            self._bodies[name] = fuller if described or _DESCRIBED_AS_BODY.search(text.replace(name, "\x00")) else None
        return self._bodies[name]

    def _described_before(self, head: str, position: int) -> Resolved | None:
        """"the airline" after "German airline Lufthansa" or "EgyptAir, the airline": the body the
        article last described with that noun."""
        if head not in ORGANIZATION_WORDS | MEDIA_NOUNS or not head.isalpha():
            return None
        name = r"((?:[A-Z][\w’'&\-]*)(?: [A-Z][\w’'&\-]*){0,3})"
        pattern = re.compile(r"\b%s[ \t]+%s|%s,[ \t]+(?:the|a|an)[ \t]+(?:[\w\-]+[ \t]+){0,2}?%s\b%s"
                             % (head, name, name, head, _NO_PERSON_NOUN_AFTER))
        text = self.people.text
        found = None
        # the description may be the mention itself ("with EgyptAir, the airline said"), so it may end after `position`
        for match in pattern.finditer(text, 0, min(len(text), position + 60)):
            body = match.group(1) or match.group(2)
            first = body.split()[0].lower()
            if (match.start() < position and not _PREPOSITION_BEFORE.search(text, max(0, match.start() - 12), match.start())
                    and not (first in INTRODUCTION_WORDS or first in CALENDAR or first in _NOT_BODY_OPENERS
                             or first.startswith("ex-"))):
                found = (body, match.start())  # not "in Argentina, the firm" or "On Tuesday, the company"
        if found is None or self.people.in_mention(*found) is not None:
            return None  # "carrier Jo Roe" is a person
        return Resolved(fullest_name(found[0], text), "media" if head in MEDIA_NOUNS else "organization", True, False)

    def _acronym(self, acronym: str) -> Resolved:
        kind = self.people.acronym_kind(acronym)
        name = fullest_name(acronym, self.people.text) if kind == "organization" else acronym  # "PPG Industries Inc."
        return Resolved(name, kind, True, kind == "government")

    def _role(self, head: str, position: int) -> Resolved | None:
        """'the president', 'the senator', 'the agency', 'the report' -> the entity the article means."""
        named = self._named_with_head(head, position) or self._described_before(head, position)
        if named:
            return named
        if head in MEDIA_NOUNS:
            return self.last_of_kind.get("media")
        if head in COMPANY_NOUNS:
            # "the company" is the last firm cited, not a federation or university cited after it
            return next((body for body in reversed(self.organizations) if _may_be_a_company(body.speaker)), None)
        if head in INSTITUTION_WORDS:
            return self.last_of_kind.get("government" if head in GOVERNMENT_WORDS else "organization")
        if head in DOCUMENT_WORDS:
            return self.last_document or self._document_named_before(head, position)
        if head in _PERSON_ROLE_HEADS:
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
            if len(words) >= 2 and (words[-1] in DOCUMENT_WORDS or (  # "Studies", "Review" end names
                    words[-1] in _DOCUMENT_HEADS and len(words) <= 4 and words[-2][:1].isupper())):  # "an IG probe"
                capitalised = [w for w in words[:-1] if w[:1].isupper() and w.lower() not in _NOT_DOCUMENT_OWNERS]
                if capitalised and name_in(" ".join(words[:-1])):
                    owner = name_in(" ".join(words[:-1]))
        if not owner:
            return None
        owner = name_in(owner) or owner  # "the Audit Office published" -> "Audit Office"
        author = self._resolve(owner.strip(), position)
        if not author.named:
            return None
        return Resolved(author.speaker, "document", True, author.official, None, "none", None)


_SPEAKING_ROLES = frozenset(w for w in OFFICIAL_ROLES | OTHER_ROLES if not w.endswith("s")) | {
    "spokesman", "spokeswoman", "spokesperson"}


def _may_be_a_company(name: str | None) -> bool:
    last = (name or "").split()[-1:] or [""]
    return last[0].lower().strip(".,") not in BODIES_OTHER_THAN_COMPANIES


def _described_document(words: list[str]) -> bool:
    """"a registration document filed with the agency", "a new study": a document described with
    common nouns only (not "a Mueller report", which is Mueller's). "The report" may be one named
    before, which is for the definite descriptions below to find."""
    lowers = [w.lower() for w in words]
    if len(lowers) < 2 or lowers[0] not in ("a", "an"):
        return False
    head = head_word(lowers)
    return head in _DOCUMENT_HEADS and all(w.islower() for w in words[1:lowers.index(head) + 1])


def _unnamed_individual(resolved: Resolved) -> bool:
    """"a spokeswoman", "the official", "India's finance minister": one person, not named, by role."""
    words = (resolved.speaker or "").lower().split()
    if not words or resolved.named or resolved.source_type not in ("person", "anonymous"):
        return False
    return head_word(words) in _SPEAKING_ROLES and "," not in resolved.speaker


def resolve_entities(mentions: list[tuple[str | None, int]], text: str) -> list[list[Resolved]]:
    """The sources of each (mention, position), mentions given in text order: one, or one per
    person of a joint mention ("Roe and Doe said in a joint statement")."""
    resolver = EntityResolver(text, cited_names(mentions))
    resolved = [resolver.resolve_joint(mention, position) for mention, position in mentions]
    return [[resolver.with_final_gender(source) for source in sources] for sources in resolved]



def entity_ids(resolved: list[Resolved]) -> list[int]:
    """One id per distinct source of the article, numbered in order of first citation."""
    ids: dict[tuple[str, str], int] = {}
    out = []
    for item in resolved:
        key = (item.source_type if item.source_type in ("anonymous",) else "",
               (item.speaker or "").lower()) if item.speaker else ("", f"#{len(out)}")
        out.append(ids.setdefault(key, len(ids)))
    return out
