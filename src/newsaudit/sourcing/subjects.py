"""Where a source the tagger left out stands around its cue: right before it ("Jeb Bush said"),
after "according to", inside the cue ("he's predicted"), after "by" for a passive cue, after an
opening participle clause, at the start of the clause of a participle or second verb, and before
appositions ("Roe, 52, who ..., said").

Attributions here are the offset dicts of `sourcing._to_offsets`; positions are characters.
"""

from __future__ import annotations

import re

from .lexicon import ANONYMOUS_HEADS, FUNCTION_WORDS, INSTITUTION_WORDS, OFFICIAL_ROLES, OTHER_ROLES, SPEECH_WORDS

# Titles written with a period before a name ("Sen. Roe"); that period ends no sentence.
_ABBREVIATED_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "St")
_TITLE_BEFORE_NAME = r"(?:(?:%s)\.\s+)?" % "|".join(_ABBREVIATED_TITLES)
SUBJECT_BEFORE_CUE = re.compile(
    r"(?:^|[\s“\"(])(" + _TITLE_BEFORE_NAME + r"(?:[A-Z][\w’'\-]+\s+){0,3}[A-Z][\w’'\-]+|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)"
    r"\s+(?:also\s+|then\s+|later\s+|again\s+|has\s+|have\s+|had\s+)?$", re.M)


_AND_BEFORE = re.compile(r"(?:,\s*)?\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$")
# A sentence ends at . ! or ?, not after a title or an initial ("Sen. Roe", "J. Roe").
SENTENCE_END = re.compile("".join(r"(?<!\b%s)" % title for title in _ABBREVIATED_TITLES) + r"(?<!\b[A-Z])[.!?][\"”’']?\s+")
_APPOSED_SUBJECT = re.compile(
    r"\s*(?:(?:In|At|On|During|After|Before)\s[^,\n]{1,40},\s+)?"  # "In the call, Rep. Roe, who ..., said"
    r"([A-Z][\w.’'\-]*(?:\s+(?:[A-Z][\w.’'\-]*|[a-z]+)){0,5}?\s+[A-Z][\w’'\-]+|[A-Z][\w’'\-]+),\s+[^\n]{2,200}?,[”\"’]?\s*"
    r"(?:[a-z]+\s+){0,2}$")


def _could_be_subject(words: list[str]) -> bool:
    """"Texas delegate Bill Roe", "Acme": not "On Tuesday Acme" or "The sale has destroyed Acme"."""
    lowers = [w for w in words if w.islower()]
    return (words[0] not in _NOT_SUBJECTS and words[0].lower() not in FUNCTION_WORDS - {"the"} and len(lowers) <= 1
            and not (words[0] == "The" and lowers and words[1].islower()))


_NOT_SUBJECTS = frozenset("A An This That It In But And However Meanwhile Still Instead Later Earlier Yet So Then "
                          "Also Now Today Yesterday Last Next When While After Before If As".split())
_CLAUSE_SUBJECT = re.compile(
    r"\s*(?:(?:When|As|After|While|Before|Since|Though|Although)\s+)?(?:[^,\n“”\"]{1,100},\s+){0,3}?"
    r"(" + _TITLE_BEFORE_NAME + r"(?!(?:%s)\b)(?:[A-Z][\w’'\-]+\s+){0,5}[A-Z][\w’'\-]+|[Hh]e|[Ss]he|[Tt]hey"
    % "|".join(w.capitalize() for w in sorted(FUNCTION_WORDS)) +
    r"|[Tt]he\s+(?:[A-Z][\w’'\-]+\s+){0,3}(?:[a-z\-]+\s+){0,2}?[a-z]+)"
    # what may stand between the subject and its verb: "(R-Tex.)", ", meanwhile,"
    r"(?:\s+\([^()\n]{1,25}\))?(?:,\s+(?:meanwhile|however|though|too|in turn),)?\s+[a-z]")


_CONTRACTED_SUBJECT = re.compile(r"([Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Yy]ou)[’'](?:s|ve|d|ll|re|m)\s+(?=\w)")
_PASSIVE_CUE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+\s+){0,2}?\w+ed$")
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w’'&\-]*)"
_PASSIVE_AGENT = re.compile(r"(?:\s+(?:last|on|this|earlier)\s+\w+)?\s+by\s+((?:the\s+)?%s(?:\s+%s){0,5})"
                            % (_NAME_WORD, _NAME_WORD))
# "Mrs. Roe's campaign, which has been shadowed by ..., said": a short description before an apposition
_APPOSED_DESCRIPTION = re.compile(
    r"\s*((?:The|A|An|One|Two|That|This|Its|His|Her|Their|Some|Several|Mrs?\.|Ms\.|[A-Z][\w’'\-]*)"
    r"(?:\s+[\w.’'\-]+){1,4}),\s+[^\n]{2,200}?,[”\"’]?\s*(?:[a-z]+\s+){0,2}$")
_AUXILIARIES = frozenset("is was are were has have had will would can could may might must should do does did".split())
_NOT_IN_NOUN_PHRASE = FUNCTION_WORDS | _AUXILIARIES | {"who", "which", "that", "it", "he", "she", "they", "we", "i", "you"}
# After an opening participle clause ("Citing a poll, the spokeswoman said", "By refusing to admit it,
# Roe and Doe appeared"): the subject, a pronoun, a name (or two) or "the ... <role or body>".
_OPENING_CLAUSE_WORDS = {"", "By", "After", "Before", "While", "When", "In", "On"}
_SUBJECT_HEADS = "|".join(sorted(OFFICIAL_ROLES | OTHER_ROLES | ANONYMOUS_HEADS | INSTITUTION_WORDS, key=len,
                                 reverse=True))
_NOT_IN_SUBJECT = "|".join(sorted(SPEECH_WORDS | _AUXILIARIES))
_NAMES = _TITLE_BEFORE_NAME + r"(?:[A-Z][\w’'\-]+\s+){0,3}[A-Z][\w’'\-]+"
_SUBJECT_AFTER_CLAUSE = re.compile(
    r"[^\n.;:]{0,150}?,[”\"’]?\s+((?:[Hh]e|[Ss]he|[Tt]hey)(?=\s)|" + _NAMES + r"(?:\s+and\s+" + _NAMES +
    r")?(?=\s+[a-z])|[Tt]he\s+(?:(?!(?:%s)\s)[\w’'\-]+\s+){0,4}(?:%s)s?(?=\s+[a-z]))" % (_NOT_IN_SUBJECT, _SUBJECT_HEADS))


def subject_before_cue(attribution: dict, text: str) -> dict:
    """A source the tagger missed: right before its cue ("Jeb Bush said"), after "according to",
    inside the cue ("he's predicted"), after "by" for a passive cue ("was reported by the
    Courier"), after an opening participle clause ("Citing a poll, the spokeswoman said"), for a
    participle or a second verb ("..., telling the audience", "... and said") the subject at the
    start of the sentence, and the subject before an apposition ("Roe, 52, who ..., said")."""
    start = attribution["cue_start"]
    if attribution["source_start"] is not None or attribution["cue_end"] <= start:
        return attribution
    contracted = _CONTRACTED_SUBJECT.match(text, start, attribution["cue_end"])
    if contracted:  # "he’s predicted": the tagger took the subject into the cue
        return {**attribution, "source_start": start, "source_end": contracted.end(1), "cue_start": contracted.end()}
    agent = _PASSIVE_AGENT.match(text, attribution["cue_end"])
    if agent and _PASSIVE_CUE.search(text, start, attribution["cue_end"]):  # "was first reported by Politico"
        return {**attribution, "source_start": agent.start(1), "source_end": agent.end(1)}
    cue = text[start:attribution["cue_end"]].split()
    if [w.lower() for w in cue] == ["according", "to"]:  # "According to the association, ..."
        after = re.match(r"\s*([^,.;:\n]{2,80})", text[attribution["cue_end"]:])
        if not after:
            return attribution
        begin = attribution["cue_end"] + after.start(1)
        return {**attribution, "source_start": begin, "source_end": begin + len(after.group(1).rstrip())}
    line_start = text.rfind("\n", 0, start) + 1
    if not cue:
        return attribution
    sentence = max([line_start, *(m.end() for m in SENTENCE_END.finditer(text, line_start, start))])
    opening = text[sentence:start].strip(" “\"")
    if (opening in _OPENING_CLAUSE_WORDS and (opening or cue[0][:1].isupper())
            and cue[0].lower().endswith(("ing", "ed"))):
        # "Citing a poll, the spokeswoman ...", "Pressed about it, Roe ...": the subject after the clause
        match = _SUBJECT_AFTER_CLAUSE.match(text, attribution["cue_end"])
        if not match:
            return attribution
        return {**attribution, "source_start": match.start(1), "source_end": match.end(1)}
    if cue[0].lower().endswith("ing") or _AND_BEFORE.search(text, max(line_start, start - 12), start):
        # "When Mr. Roe spoke, telling ...", "PPG supplies parts and said ...": the clause's subject
        match = _CLAUSE_SUBJECT.match(text, sentence, start)
        if not match:
            return attribution
        return {**attribution, "source_start": match.start(1), "source_end": match.end(1)}
    match = SUBJECT_BEFORE_CUE.search(text, max(line_start, start - 80), start)
    if not match or match.group(1).split()[0] in ("The", "A", "An", "This", "That", "It", "In", "But", "And"):
        # "Sen. Chuck Roe, facing a challenge in Iowa, a swing state, said": the subject before an apposition
        match = _APPOSED_SUBJECT.match(text, sentence, start)
        if not match or not _could_be_subject(match.group(1).split()):
            match = _APPOSED_DESCRIPTION.match(text, sentence, start)
            if not match or not _is_noun_phrase(match.group(1).split()):
                return attribution
    return {**attribution, "source_start": match.start(1), "source_end": match.end(1)}


def _is_noun_phrase(words: list[str]) -> bool:
    """"One former Harbour employee", "Mrs. Roe's campaign": no verb-like or function word after
    the first ("The sale has ruined Acmeco" is a clause)."""
    return all(w.lower() not in _NOT_IN_NOUN_PHRASE and not (w.islower() and w.endswith(("ed", "ing")))
               for w in words[1:])
