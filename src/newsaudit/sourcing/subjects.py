"""Where a source the tagger left out stands around its cue: right before it ("Jeb Bush said"),
after "according to", inside the cue ("he's predicted"), after "by" for a passive cue, after an
opening participle clause, at the start of the clause of a participle or second verb, before
appositions ("Roe, 52, who ..., said"), and after an inverted cue that the tagger read as its
content (", said the Tax Foundation, a think tank.").

Attributions here are the offset dicts of `sourcing._to_offsets`; positions are characters.
"""

from __future__ import annotations

import re

from .lexicon import (
    ANONYMOUS_HEADS, CALENDAR, CUE_CLASS_BY_WORD, DOCUMENT_WORDS, FUNCTION_WORDS, INSTITUTION_WORDS, MEDIA_WORDS,
    OFFICIAL_ROLES, OTHER_ROLES, SPEECH_WORDS,
)

# Titles written with a period before a name ("Sen. Roe"); that period ends no sentence.
_ABBREVIATED_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "St")
_TITLE_BEFORE_NAME = r"(?:(?:%s)\.\s+)?" % "|".join(_ABBREVIATED_TITLES)
SUBJECT_BEFORE_CUE = re.compile(
    r"(?:^|[\s“\"(])(" + _TITLE_BEFORE_NAME + r"(?:[A-Z][\w’'\-]+\s+){0,3}[A-Z][\w’'\-]+|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)"
    r"(?:\s+\([A-Z]-[^()\n]{1,12}\))?"  # "Sen. Jo Roe (D-Vt.) said"
    r"\s+(?:also\s+|then\s+|later\s+|again\s+|has\s+|have\s+|had\s+)?$", re.M)


AND_BEFORE = re.compile(r"(?:,\s*)?\b(?:and|but)\s+(?:also\s+|then\s+|later\s+|now\s+|still\s+|again\s+)?$")
# A sentence ends at . ! or ?, not after a title or an initial ("Sen. Roe", "J. Roe").
SENTENCE_END = re.compile("".join(r"(?<!\b%s)" % title for title in _ABBREVIATED_TITLES) + r"(?<!\b[A-Z])[.!?][\"”’']?\s+")


def sentence_start(text: str, position: int) -> tuple[int, int]:
    """Where the line and the sentence holding `position` begin."""
    line_start = text.rfind("\n", 0, position) + 1
    return line_start, max([line_start, *(m.end() for m in SENTENCE_END.finditer(text, line_start, position))])


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
    % "|".join(sorted({w.capitalize() for w in FUNCTION_WORDS} | (_NOT_SUBJECTS - {"It", "This", "That"}))) +
    r"|[Tt]he\s+(?:[A-Z][\w’'\-]+\s+){0,3}(?:[a-z\-]+\s+){0,2}?[a-z]+)"
    # what may stand between the subject and its verb: "(R-Tex.)", ", meanwhile,"
    r"(?:\s+\([^()\n]{1,25}\))?(?:,\s+(?:meanwhile|however|though|too|in turn),)?\s+[a-z]")


_CONTRACTED_SUBJECT = re.compile(r"([Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Yy]ou)[’'](?:s|ve|d|ll|re|m)\s+(?=\w)")
_PASSIVE_CUE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+\s+){0,2}?\w+ed$")
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w’'&\-]*)"
_PASSIVE_AGENT = re.compile(r"(?:\s+(?:last|on|this|earlier)\s+\w+)?\s+by\s+((?:the\s+)?%s(?:\s+%s){0,5})"
                            % (_NAME_WORD, _NAME_WORD))
_AUXILIARIES = frozenset("is was are were has have had will would can could may might must should do does did".split())
# After an opening participle clause ("Citing a poll, the spokeswoman said", "By refusing to admit it,
# Roe and Doe appeared"): the subject, a pronoun, a name (or two) or "the ... <role or body>".
_OPENING_CLAUSE_WORDS = {"", "By", "After", "Before", "While", "When", "In", "On", "Having", "Despite", "Besides", "Without"}
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
    if not cue:
        return attribution
    line_start, sentence = sentence_start(text, start)
    opening = text[sentence:start].strip(" “\"")
    if (opening in _OPENING_CLAUSE_WORDS and (opening or cue[0][:1].isupper())
            and cue[0].lower().endswith(("ing", "ed"))):
        # "Citing a poll, the spokeswoman ...", "Pressed about it, Roe ...": the subject after the clause
        match = _SUBJECT_AFTER_CLAUSE.match(text, attribution["cue_end"])
        if not match:
            return attribution
        return {**attribution, "source_start": match.start(1), "source_end": match.end(1)}
    if cue[0].lower().endswith("ing") or AND_BEFORE.search(text, max(line_start, start - 12), start):
        # "When Mr. Roe spoke, telling ...", "PPG supplies parts and said ...": the clause's subject
        match = _CLAUSE_SUBJECT.match(text, sentence, start)
        if not match:
            return attribution
        return {**attribution, "source_start": match.start(1), "source_end": match.end(1)}
    time = _TRAILING_TIME.search(text, max(line_start, start - 40), start)
    match = SUBJECT_BEFORE_CUE.search(text, max(line_start, start - 80), time.start() if time else start)
    if (match and match.group(1).split()[0] not in ("The", "A", "An", "This", "That", "It", "In", "But", "And")
            and not _AFTER_PREPOSITION.search(text, max(line_start, match.start(1) - 12), match.start(1))):
        return {**attribution, "source_start": match.start(1), "source_end": match.end(1)}
    # "Sen. Chuck Roe, facing a challenge in Iowa, a swing state, said": the subject before an apposition
    span = _subject_before_appositions(text, sentence, start)
    if span is None:
        return attribution
    return {**attribution, "source_start": span[0], "source_end": span[1]}


# Verbs that take no object, so that a noun phrase after them is their subject ("..., said the bank.")
_INVERTING_VERBS = frozenset("""said says added adds wrote writes noted notes explained explains continued argued
argues warned warns insisted insists recalled stated states concluded observed acknowledged admitted agreed
cautioned predicted conceded countered replied responded remarked""".split())
_KNOWN_HEADS = OFFICIAL_ROLES | OTHER_ROLES | ANONYMOUS_HEADS | INSTITUTION_WORDS | DOCUMENT_WORDS | MEDIA_WORDS
_KNOWN_HEADS |= {h + "s" for h in _KNOWN_HEADS}
_OBJECT_WORDS = frozenset("to him her his them their its me us our my your".split())


_NAME_AND_COLON = re.compile(r"\s*(" + _TITLE_BEFORE_NAME + r"(?:[A-Z][\w’'\-]+\s+){0,3}[A-Z][\w’'\-]+)\s*:\s*")


def opening_inverted_cue(attribution: dict, text: str) -> dict:
    """'Said Jo Roe: "..."', 'Stated Stone: "..."': a speech verb opening its sentence, then the
    speaker's name and a colon; the name is the source and the content starts after the colon."""
    start, end = attribution["cue_start"], attribution["cue_end"]
    cue = text[start:end]
    if " " in cue or not cue[:1].isupper() or CUE_CLASS_BY_WORD.get(cue.lower()) not in ("neutral", "loaded"):
        return attribution
    sentence = sentence_start(text, start)[1]
    name = _NAME_AND_COLON.match(text, end)
    if text[sentence:start].strip(" “\"") or not name or name.end() > attribution["content_end"]:
        return attribution
    if attribution["source_start"] is not None and not name.start(1) <= attribution["source_start"] < name.end(1):
        return attribution
    begin = name.end()
    fragments = [(max(s, begin), e) for s, e in attribution["content_fragments"] if e > begin]
    return {**attribution, "source_start": name.start(1), "source_end": name.end(1), "content_start": begin,
            "content_fragments": fragments or [(begin, attribution["content_end"])]}


def source_after_inverted_cue(attribution: dict, text: str) -> dict:
    """"Prices will rise, said the central bank." and "..., said the Tax Foundation, a think
    tank.": when the tagger took the noun phrase after an inverted cue for its content, that noun
    phrase is the source and the clause before the comma is the content."""
    start, end = attribution["cue_start"], attribution["cue_end"]
    source_start, source_end = attribution["source_start"], attribution["source_end"]
    if source_start is not None and not (
            (source_start >= end and attribution["content_end"] >= source_end)  # taken into the content too
            or (source_end <= start and len(text[source_end:start].split()) > 3)):  # the subject of the clause before
        return attribution
    if text[start:end].lower() not in _INVERTING_VERBS:
        return attribution
    after = [f for f in attribution["content_fragments"] if f[0] >= end]
    before = [f for f in attribution["content_fragments"] if f[1] <= start]
    if len(after) != 1 or after[0][0] - end > 2:
        return attribution
    comma = re.search(r",[”\"’]?\s*$", text[max(0, start - 4):start])
    if not comma:
        return attribution
    comma_at = max(0, start - 4) + comma.start()
    line_end = text.find("\n", end)
    sentence_end = SENTENCE_END.search(text + " ", after[0][0], len(text) if line_end < 0 else line_end + 1)
    if sentence_end is None or abs(sentence_end.start() - after[0][1]) > 1:
        return attribution  # the noun phrase ends the sentence
    phrase = text[after[0][0]:sentence_end.start()]
    head = re.match(r"[^,\n]+", phrase)
    words = head.group().rstrip(" .").split() if head else []
    apposition = phrase[head.end():].split(",")[1:] if head else []
    if len(apposition) > 1 or any(w.lower() in _AUXILIARIES for piece in apposition for w in piece.split()):
        return attribution  # "said Roe, so firms were changing": the content goes on after the source
    if not (1 <= len(words) <= 7 and (words[0] in ("the", "a", "an") or words[0][:1].isupper())
            and not any(w.lower() in _AUXILIARIES or w.lower() in SPEECH_WORDS or w.lower() in _RELATIVES
                        or w.lower() in CALENDAR or w.lower() in _OBJECT_WORDS or not w[:1].isalnum() for w in words)):
        return attribution
    sentence = sentence_start(text, start)[1]
    content = before or [(sentence, comma_at)]
    if len(text[content[0][0]:comma_at].split()) < 2 or (source_start is not None and source_start < content[0][0]):
        return attribution
    moved = {**attribution, "content_start": content[0][0], "content_end": content[-1][1], "content_fragments": content}
    if words[0] == "the" and all(w.islower() for w in words) and words[-1] not in _KNOWN_HEADS:
        # "said the lock forward": someone the article named before, whom the description alone cannot
        # tell; the quote goes on with its speaker as after "he said"
        return {**moved, "source_start": None, "source_end": None}
    source_start = after[0][0]
    return {**moved, "source_start": source_start, "source_end": source_start + len(head.group().rstrip(" ."))}


# "leaders in Washington said": a name after a preposition is not the subject
_AFTER_PREPOSITION = re.compile(r"\b(?:in|at|of|from|to|with|for|by|on|about|over|against)\s+$")
# "on Tuesday", "last week": between a subject and its cue, never the subject
_TRAILING_TIME = re.compile(r"\b(?:on|last|this|late|early|earlier)\s+(?:%s|week|month|year|morning|night)"
                            r"(?:\s+(?:morning|afternoon|evening|night))?\s+$"
                            % "|".join(sorted(w.capitalize() for w in CALENDAR)))
# Appositions are set off by commas or dashes; a quotation is one opaque piece, and the comma just
# inside its closing mark ('known as "the Hawk," said') counts as the comma after it.
_SET_OFF = re.compile(r"(?<!\d),\s*|,(?!\d)\s*|\s+--\s+|\s*[—–]\s*")  # not the comma of "108,000"
_QUOTATION = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_MASK = "\x01"  # stands for the characters of a quotation
_TOKEN = re.compile(r"[^\s]+")
_APPOSITION_START = re.compile(r"(?:\d|(?:who|whose|which|now|once|then|himself|herself|itself|also)\b)")
_RELATIVES = frozenset({"who", "which", "that", "whose"})
# What opens a clause whose subject follows ("... when Jo Roe, angered by it, said"); "and", "but"
# and sentence adverbs only at the start of a piece ("But Roe, ..., said", "Meanwhile Roe, ...").
_CLAUSE_OPENERS = frozenset("when as after because while since before if though although where until whereas".split())
_PIECE_OPENERS = _CLAUSE_OPENERS | frozenset("and but so yet meanwhile still now then however instead also".split())
_DETERMINERS = frozenset("the a an his her its their our this that these those one another some several two three".split())
_DESCRIPTION_ENDS = FUNCTION_WORDS | _RELATIVES | {"about", "over", "under"}
# Prepositions and sentence adverbs: a piece they open introduces the sentence or is an aside.
INTRODUCTION_WORDS = FUNCTION_WORDS - {"a", "an", "the"} | frozenset("""
following despite amid among under over against between within across through during like unlike beyond toward
towards around behind inside outside near per via asked now later earlier meanwhile however instead still today
yesterday perhaps indeed moreover furthermore nevertheless nonetheless overall similarly likewise finally thus hence
therefore otherwise besides having being""".split())
_CONTRACTIONS = frozenset("there's it's that's here's what's who's he's she's let's".split())
_STRAY_WORDS = frozenset("only early family ally rally daily likely july italy".split())


def _is_adverb(word: str) -> bool:
    """"also", "openly": what may stand between the last apposition and the cue."""
    return word in ("also", "now", "then", "later", "again", "still", "too", "meanwhile", "however", "once", "has",
                    "have", "had") or (word.islower() and word.endswith("ly") and word not in _STRAY_WORDS)


def _piece_kind(words: list[str]) -> str:
    """A piece of the sentence between commas or dashes: a `name` ("Rep. Jo Roe of Ohio", "Roe's
    campaign"), a `description` ("the top Republican on the panel", "Cement makers"), an `aside`
    that cannot be the subject ("52", "who ...", "angered by ...", "for his part", "Va.", a
    quotation), or a `clause` (anything else)."""
    first = words[0]
    if (_APPOSITION_START.match(first) or first[:1] in _MASK + "“\"" or first.lower() in INTRODUCTION_WORDS
            or (first.lower().endswith(("ed", "ing"))
                and (first.islower() or (len(first) > 5 and len(words) > 1 and not words[1][:1].isupper())))
            # "Boasting 108,000 residents", not "Fielding Roe" or "Schilling"
            or (len(words) == 1 and first.endswith((".", "ly")))):  # "Va.", "Notably"
        return "aside"
    lowers = [w.strip(".,") if w.islower() else "" for w in words]  # "Will Smith" is no auxiliary
    before_relative = lowers[:next((k for k, w in enumerate(lowers) if k and w in _RELATIVES), len(lowers))]
    if (any(w in _AUXILIARIES or w in SPEECH_WORDS for w in before_relative)
            or any(w.lower() in _CONTRACTIONS for w in words[:len(before_relative)])):
        return "clause"  # "The sale has ruined Acmeco", "the police say", "There's also a series"
    if _is_name(words):
        return "name"
    head = [first]
    for word in words[1:]:
        if word.lower() in _DESCRIPTION_ENDS or (word.islower() and word.endswith(("ed", "ing"))):
            break
        head.append(word)
    owner = next((k for k, w in enumerate(head) if w.endswith(("’s", "'s"))), None)  # "Mrs. Roe's campaign"
    possessive = owner is not None and all(w[:1].isupper() for w in head[:owner + 1])
    # "Cement makers": a capitalised noun phrase that opens the sentence, ending in a plural
    bare = (first[:1].isupper() and len(head) == len(words) and first not in _NOT_SUBJECTS and words[-1].islower()
            and words[-1].endswith("s") and not any(w.endswith("ly") for w in words))
    if (first.lower() in _DETERMINERS or possessive or bare) and len(head) <= 6 and len(words) <= 10:
        return "description"
    return "clause"


def _is_name(words: list[str]) -> bool:
    """"Rep. Jo Roe of Ohio", "Roe's campaign", "Minnesota state delegate Jo Roe": capitalised, or
    a few lower-case title words before a name."""
    if words[-1].startswith("(") and len(words) > 1:
        words = words[:-1]  # "Sen. Jo Roe (D-Ohio)"
    if not (words[0][:1].isupper() and words[-1][:1].isupper()) or len(words) > 7:
        return False
    lowers = [w for w in words if w.islower()]
    titled = len(lowers) <= 3 and (len(words) < 2 or words[-2][:1].isupper()) and not set(lowers) & FUNCTION_WORDS
    return _could_be_subject(words) or (titled and _could_be_subject([w for w in words if not w.islower()]))


def _subject_before_appositions(text: str, sentence: int, start: int) -> tuple[int, int] | None:
    """The subject of a cue that follows commas or dashes setting off what describes it: "Roe, 52,
    said", "Jo Roe, the party's candidate, now endorsed by its leaders, openly said", "In the call,
    Roe, for his part, said", "... when Jo Roe, angered by it, said". It is the first name or
    description of the sentence after any opening asides, or the name that follows a description
    at once ("The top Republican on the panel, Rep. Jo Roe of Ohio, accused"). A clause before it
    stops the search ("The sale has ruined Acmeco, its founder, said") unless it ends with a
    subject after "when", "because" or the like."""
    prefix = text[sentence:start]
    if len(prefix) > 300:
        return None
    masked = _QUOTATION.sub(lambda q: _MASK * (len(q.group()) - 1) + ("," if q.group()[-2:-1] == "," else _MASK),
                            prefix)
    bounds, begin = [], 0
    for delimiter in _SET_OFF.finditer(masked):
        bounds.append((begin, delimiter.start()))
        begin = delimiter.end()
    if not bounds or not all(_is_adverb(w) for w in masked[begin:].split()):
        return None
    pieces = [[(sentence + t.start() + b, sentence + t.end() + b, masked[t.start() + b:t.end() + b])
               for t in _TOKEN.finditer(prefix[b:e])] for b, e in bounds]
    opened = None  # a description after "when" or "as" that a name after it may still replace
    for index, tokens in enumerate(pieces):
        if not tokens:
            return None
        words = [t[2] for t in tokens]
        kind = _piece_kind(words)
        subject = _subject_after_opener(tokens)
        if subject and subject[2] == "name":
            return subject[:2]  # "His worst moment came when Jo Roe, angered by it, said", "But Roe, a senator, has"
        if kind not in ("name", "description"):
            if kind == "clause":
                return subject[:2] if subject else None
            opened = subject[:2] if subject else opened
            continue
        following = pieces[index + 1] if index + 1 < len(pieces) else []
        if kind == "description" and following and _piece_kind([t[2] for t in following]) == "name":
            tokens = following  # "The top Republican on the panel, Rep. Jo Roe of Ohio, accused"
        return tokens[0][0], tokens[-1][1]
    return opened


def _subject_after_opener(tokens: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """"His worst moment was when Jo Roe", "But Roe", "Meanwhile the mayor": the name or
    description after the opener, with its kind."""
    lowers = [t[2].lower() for t in tokens]
    openers = [k for k, w in enumerate(lowers) if w in _CLAUSE_OPENERS or (k == 0 and w in _PIECE_OPENERS)]
    if not openers or openers[-1] + 1 == len(tokens):
        return None
    subject = tokens[openers[-1] + 1:]
    kind = _piece_kind([t[2] for t in subject])
    if kind not in ("name", "description") or (kind == "description" and lowers[openers[-1]] == "as"):
        return None  # "as a consummate insider" describes; "as Jo Roe, ..., said" names
    return subject[0][0], subject[-1][1], kind
