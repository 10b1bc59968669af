"""Describing a source on its own: `Resolved` (who a mention cites, with type, `named`,
`official` and gender) and `describe`, for a mention that names nobody the article introduced
(an organisation, a group, an unnamed individual); `fullest_name` of an organisation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ANONYMOUS_HEADS, MEDIA_NOUNS, OFFICIAL_PERSON_ROLES, ORGANIZATION_WORDS, PARTIES, PARTY_COLLECTIVES, PERSON_ROLES,
    PUBLIC_OFFICES,
)
from .names import CAP_RUN, is_first_name, name_gender
from .people import COMPOUND_OFFICE, Person
from .speakers import ends_with_name, head_word, without_determiner


@dataclass
class Resolved:
    speaker: str | None
    source_type: str
    named: bool
    official: bool
    gender: str | None = None
    gender_basis: str = "none"
    person: Person | None = None


_CORPORATE_SUFFIXES = frozenset("inc inc. corp corp. co co. ltd ltd. llc plc group holdings industries company".split())


def fullest_name(name: str, text: str) -> str:
    """The fullest form of an organisation's name in the article: "Missouri State Highway Patrol"
    for "Missouri Highway Patrol", "PPG Industries Inc." for "PPG"."""
    words = name.split()
    best = name
    for run in CAP_RUN.finditer(text):
        candidate = re.sub(r"^The\s+", "", run.group())
        candidate = candidate.rstrip(".,") if not candidate.endswith(("Inc.", "Co.", "Corp.")) else candidate
        parts = candidate.split()
        if len(parts) <= len(words) or len(candidate) <= len(best):
            continue
        if parts[:len(words)] == words:
            # "Acme Foods Corp." for "Acme", up to its last corporate word ("PPG Industries Inc. PPG": a ticker after it)
            ends = [k + 1 for k in range(len(words), min(len(parts), len(words) + 3))
                    if parts[k].lower() in _CORPORATE_SUFFIXES]
            if ends and len(" ".join(parts[:ends[-1]])) > len(best):
                best = " ".join(parts[:ends[-1]])
        elif len(words) > 1 and parts[0] == words[0] and words[-1] in parts[1:len(words) + 3]:
            # "Missouri State Highway Patrol" in "Missouri State Highway Patrol Capt. Ron Johnson"
            parts = parts[:parts.index(words[-1], 1) + 1]
            if len(parts) > len(words) and _is_subsequence(words, parts) and len(" ".join(parts)) > len(best):
                best = " ".join(parts)
    return best


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


# People described by their role rather than their name ("a White House spokesman", "his lawyer").
PERSON_HEADS = PERSON_ROLES | ANONYMOUS_HEADS | frozenset(
    "lawyer lawyers attorney attorneys person persons people source sources man woman men women aide aides "
    "adviser advisers advisor advisors staffer staffers spokesman spokeswoman spokesperson".split())
# Roles that identify one person ("the director", "the mayor"), unlike "the source" or "the official".
_ROLE_HEADS = (PERSON_ROLES | {"lawyer", "attorney", "adviser", "advisor"}) - ANONYMOUS_HEADS - \
    {"official", "officials", "source", "sources", "person", "people"}
_INDEFINITE = frozenset("a an one some another two three four several many few".split())
_POSSESSIVE = frozenset("his her their its our my your".split())
_UNSPECIFIC = _INDEFINITE | _POSSESSIVE
# Documents beyond the tagger's word list (which is part of its features and stays as trained).
MORE_DOCUMENT_WORDS = frozenset("lawsuit lawsuits complaint indictment ruling filing filings transcript "
                                 "testimony memo memos copy draft affidavit probe probes investigation "
                                 "investigations inquiry inquiries audit audits results findings estimates "
                                 "statistics projections forecast forecasts".split())


# People by what they do ("prosecutors", "any viewers"), or a possessive and a noun ("his family").
_UNNAMED_GROUP = re.compile(r"(?:(?:his|her|their|our|any|most|other|many|the)\s+)?(?:[a-z\-]+\s+){0,2}"
                            r"[a-z]{2,}(?:ers|ors|ists|ants|ents|ians|ives|ees)"
                            r"|(?:his|her|their|our)\s+(?:[a-z\-]+\s+){0,2}[a-z]+")
_NOT_NOUNS = frozenset("this these those thus its his hers ours yours theirs was has does goes always perhaps".split())
_AGE = re.compile(r"\d+-year-old")
_HOLDER_OFFICE = re.compile(r"(?:the\s+)?(?P<holder>(?:[\w\-]+\s+){0,2}[\w\-]+)['’]s?\s+office")


def describe(core: str, kind: str, name: str | None, official: bool) -> Resolved:
    """A mention that names nobody the article introduced: an organisation, a group or an
    unnamed individual."""
    words = [w.lower().strip(".,’'") for w in core.split()]
    head = head_word(words) if words else ""
    speaker = without_determiner(core)
    holder = _HOLDER_OFFICE.fullmatch(" ".join(words))
    if holder:  # "the inspector general's office" is the office of that public post; "the company's office" a firm's
        post = holder.group("holder")
        if COMPOUND_OFFICE.search(post) or post.split()[-1] in OFFICIAL_PERSON_ROLES | PUBLIC_OFFICES:
            return Resolved(speaker, "government", True, True)
        if post.split()[-1] in ORGANIZATION_WORDS:
            return Resolved(speaker, "organization", False, False)
    if head in PARTY_COLLECTIVES and head == words[-1] and len(words) <= 3:
        qualifiers = [w for w in core.split()[:-1] if w.lower() != "the"]
        if {q.lower() for q in qualifiers} & {"house", "senate", "congressional", "parliamentary"}:
            return Resolved(speaker, "government", True, True)  # legislators as a body
        if all(q[:1].isupper() and q.lower() not in _UNSPECIFIC | {"most", "other"} for q in qualifiers):
            # "the Tories", "the Liberal Democrats"; not "Some Democrats" or "moderate Republicans"
            return Resolved(speaker, "organization", True, False)
    if head in {"lawmakers", "legislators", "senators", "congressmen"}:
        return Resolved(speaker, "government", bool(name), True)
    if head in MORE_DOCUMENT_WORDS:
        return Resolved(speaker, "document", False, False)
    if head in MEDIA_NOUNS and not name:
        return Resolved(speaker, "media", False, False)  # "the industry newspaper", "a local TV station"
    if (kind == "person" and name and speaker == name and words[0] == "the" and " " in name
            and name.split()[-1].lower() not in PARTIES):
        kind = "organization"  # "the Washington Free Beacon": news puts no "the" before a person's name
    # "the Associated Press" names an institution; "the former director of the Budget Office" a person
    institution = kind in ("media", "organization", "government") and speaker == name
    if words and words[0] in ("the", "this") and (head in _ROLE_HEADS or _AGE.fullmatch(head)) and not institution:
        # "the former director of the Budget Office": one person, identified by role, not named
        return Resolved(speaker, "person", False, official)
    if name and name.split()[-1].lower() in PARTIES:
        name = None  # "the Massachusetts Democrat" describes a person; it does not name one
        kind = "person" if kind in ("person", "unknown") else kind
    person_head = head in PERSON_HEADS or (head.endswith("s") and head[:-1] in PERSON_HEADS)  # "judges"
    unnamed_person = person_head and not institution and (
        words[0] in _UNSPECIFIC or head.endswith("s") or kind in ("anonymous", "unknown"))
    if unnamed_person and not (name and ends_with_name(core, name)):
        # "a White House spokesman", "U.S. officials", "his lawyer": nobody the reader can identify
        return Resolved(_group_case(speaker, core), "anonymous", False, official)
    named = bool(name) and kind not in ("anonymous", "unknown")
    if kind == "document" and not name:
        named = False
    if kind == "person" and named and not ends_with_name(core, name):
        named = False  # "a Varnholt spokesperson": a person speaking for Varnholt, unnamed
    if kind == "person" and not named:
        kind = "anonymous" if words and words[0] in _INDEFINITE else kind
    # a person by the name; a body by its name when only common nouns describe it ("the investment
    # firm Acme Partners" is Acme Partners)
    description = without_determiner(core[:core.rfind(name)]) if named else ""
    described_body = named and ends_with_name(core, name) and (description[:1].lower() + description[1:]).islower()
    speaker = name if named and (kind == "person" or described_body) else speaker
    if kind == "anonymous":
        speaker = _group_case(speaker, core)
    if kind == "unknown" and not name and _UNNAMED_GROUP.fullmatch(" ".join(words)) and head not in _NOT_NOUNS:
        kind = "anonymous"  # "prosecutors", "his family", "any fans": people the reader cannot identify
    if (kind == "unknown" and not name and 2 <= len(words) <= 6 and head.isalpha() and not head.endswith("ly")
            and words[0] in {"the"} | _INDEFINITE):
        kind = "anonymous"  # "the moderator", "one woman": an unnamed individual the reader cannot identify
    # "Jo Roe", or a lone first name ("Amelia, then age 6, said"); not a lone surname
    gender = name_gender(speaker.split()[0]) if kind == "person" and named and (
        " " in speaker or is_first_name(speaker)) else None
    return Resolved(speaker, kind, named, official, gender, "name" if gender else "none")


def _group_case(description: str, mention: str) -> str:
    """"Analysts say" and "analysts say" are one group: a capital that only opens the mention goes;
    one after a determiner ("a Varnholt spokesperson") belongs to a name and stays."""
    opens_mention = mention.strip().startswith(description)
    if opens_mention and description[1:] == description[1:].lower():
        return description[:1].lower() + description[1:]
    return description
