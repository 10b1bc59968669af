"""From tagged attributions to citations as a researcher counts them (GUIDELINES of the sources set).

- A cue must report speech, writing, a document, a belief or an intention: "tracked him down",
  "homed in on" and "announced results" cite nobody. Verbs of stance ("supported", "opposed",
  "questioned") cite only with quoted words; "declined to comment" cites nothing, but "declined to
  comment but said ..." goes on to a citation of its own, by the same source.
- A quote split by its cue ('"A," she said. "B."') gives one citation per side.
- A paragraph that is wholly a quotation and that no cue claims continues the previous speaker's
  quote: it is a citation of its own, with no cue; a quote followed by a speaker and a verb the
  tagger does not know ('"...," Jo Roe, an inspector, testified') is that speaker's.
- A line led by a name and a colon ("Rove: ...", a transcript's "FALLIN: ...") cites that name,
  not a kicker ("The Latest:") or a label the article names nowhere else.
- A cue word that is a noun or an adjective here cites nobody ("Missouri State Highway Patrol",
  "eight states", "the alleged victim"), nor does "add" with a quantity, "This suggests" or a
  lone opener ("Having", "now").
- A document cited inside another citation's content ("they tout a report by X that found Y")
  is a citation of its own.
- A source the tagger left out is looked for before the cue of every attribution, citation or
  not ("Roe, 52, said", "Roe, who ..., reiterated"; see `subjects`).
- "I", "we" and "you" cite nobody: outside quotes they are the writer and the reader, inside a
  quotation ('"I think we can win"') the speaker's own words, not a second source.

Attributions here are the offset dicts of `sourcing._to_offsets`; positions are characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import CUE_CLASS_BY_WORD, FUNCTION_WORDS, SPEECH_WORDS, TITLE_WORDS, inflect
from .names import is_first_name
from .speakers import content_kind, source_type
from .subjects import (
    SENTENCE_END, SUBJECT_BEFORE_CUE, opening_inverted_cue, source_after_inverted_cue, subject_before_cue,
)

_STANCE_VERBS = frozenset(w for w, c in CUE_CLASS_BY_WORD.items() if c == "loaded" and re.match(
    r"(?:support|oppos|back|endors|prais|criticiz|criticis|attack|blast|slam|defend|question|challeng|"
    r"disput|reject|dismiss|condemn|denounc|blam|mock|hail|tout|anger|doubt|suspect)", w))
# Speech verbs the tagger's lexicon does not list (it is part of the model's features, so it stays as trained).
_MORE_SPEECH_VERBS = frozenset(inflect(
    "assure reassure stress emphasize emphasise underscore signal:signaled,signalled,signaling,signalling hint "
    "counter retort quip:quipped,quipping joke muse plead:pled notify affirm disclose opine brief lament"
))
_NO_CONTENT = frozenset({"declined", "declines", "decline", "declining", "refused", "refuses", "refuse", "refusing"})
_NEGATIONS = frozenset({"not", "never", "nor", "short"})


def _is_negation(lower: str) -> bool:
    return lower in _NEGATIONS or lower.endswith(("n't", "n’t"))

_ONLY_CIRCUMSTANCE = re.compile(r"\s*(?:in|on|at|during|after|before|from|to|with|via|through)\s+(?:\S+\s*){1,3}$",
                                re.I)
_NOUN_BEFORE = frozenset("without with of the a an any no".split())
_REASON = re.compile(r"\b(?:for|as|over|that|because)\b")
_WORD = re.compile(r"[\w’'\-]+")
_OPENING_QUOTE = re.compile(r"\s*[“\"]")
_ADD_VERBS = frozenset({"add", "adds", "added", "adding"})
_QUANTITY = re.compile(r"(?:(?:a|an|another)\s+)?(?:(?:further|additional|extra|more|nearly|about|some|up\s+to)\s+)?[$£€¥]?\d")
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                          "hundred hundreds thousand thousands million millions dozen dozens".split())
_WORD_BEFORE = re.compile(r"([\w’'\-]+)\s+$")
_BEFORE_ADJECTIVE = frozenset("""the a an his her its their our my your of regarding about for with on in into over
against from by""".split())  # not "those" or "some": "those asked", "Some chanted" are subjects


def _noun_cue(attribution: dict, text: str) -> bool:
    """A cue word that is a noun or an adjective here: inside a name ("placed Missouri State Highway
    Patrol Capt. Roe"), a plural after a number ("eight states are spending"), a participle after a
    determiner or preposition ("the alleged victim", "regarding suspected misconduct")."""
    start, end = attribution["cue_start"], attribution["cue_end"]
    words = text[start:end].split()
    if len(words) != 1:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    previous = before.group(1)
    if words[0].endswith("ed") and previous.lower() in _BEFORE_ADJECTIVE:
        return True  # "regarding suspected misconduct", "the alleged victim": a participle used as an adjective
    if words[0][:1].isupper() and previous[:1].isupper() and not words[0].isupper():  # "ASK" opens a headline
        line_end = text.find("\n", end)
        line = text[text.rfind("\n", 0, start) + 1:len(text) if line_end < 0 else line_end]
        line_words = re.findall(r"[A-Za-z][\w’'\-]*", line)
        title_case = sum(w[0].isupper() for w in line_words) > 0.6 * len(line_words)  # a headline: "Roe Says ..."
        return not title_case and bool(re.match(r"\s+[A-Z]", text[end:end + 3]))
    return words[0].endswith("s") and (previous.isdigit() or previous.lower() in _NUMBER_WORDS)


def is_citation_cue(cue: str, kind: str, content: str = "") -> bool:
    words = [w.lower() for w in _WORD.findall(cue)]
    if not words:
        return True  # a colon, or a quote with no cue
    if any(w in _NO_CONTENT or _is_negation(w) for w in words):
        return False  # "declined to comment", "did not say", "stopped short of saying": nothing is cited
    if kind == "indirect" and _ONLY_CIRCUMSTANCE.match(content):
        return False  # '"...," he said in a conference call': the cue's content is elsewhere
    reporting = [w for k, w in enumerate(words) if (w in CUE_CLASS_BY_WORD or w in _MORE_SPEECH_VERBS or w == "according")
                 and not (k and words[k - 1] in _NOUN_BEFORE)]  # "available without charge": a noun
    if not reporting:
        return kind == "direct"
    if reporting[-1] in _ADD_VERBS and _QUANTITY.match(content):
        return False  # "would add a further $576 billion": arithmetic, not speech
    if all(w in _STANCE_VERBS for w in reporting):
        # "criticized the plan as reckless" gives a reason; "supported the plan" only an object
        return kind != "indirect" or bool(_REASON.search(content))
    return True


def split_around_cue(attribution: dict) -> list[dict]:
    """One attribution per side of the cue when its content lies on both sides."""
    fragments = attribution["content_fragments"]
    before = [f for f in fragments if f[1] <= attribution["cue_start"]]
    after = [f for f in fragments if f[0] >= attribution["cue_end"]]
    if not before or not after or len(before) + len(after) != len(fragments):
        return [attribution]
    parts = []
    for side in (before, after):
        part = dict(attribution)
        part.update(content_fragments=side, content_start=side[0][0], content_end=side[-1][1])
        parts.append(part)
    return parts


# '"...," Jo Roe, assistant inspector general, testified before ...': a speaker and a verb the
# tagger does not know, right after a quote that ends in a comma, "?" or "!"
_SPEAKER_AFTER_QUOTE = re.compile(
    r"[ \t]+(?P<source>(?:(?:%s)\.[ \t]+)?(?:[A-Z][\w’'\-]+[ \t]+){0,3}[A-Z][\w’'\-]+|[Hh]e|[Ss]he|[Tt]hey)"
    r"(?:,[^,\n“”\"]{1,80},)?[ \t]+(?P<cue>[a-z]{3,}(?:ed|es))\b" % "|".join(("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov")))


def continuations(found: list[dict], text: str) -> list[dict]:
    """Quote paragraphs no attribution covers, each continuing the attribution before it, or cited
    to the speaker named right after it (`_SPEAKER_AFTER_QUOTE`)."""
    covered = sorted((a["content_start"], a["content_end"]) for a in found)
    starts = [a["content_start"] for a in found]
    out = []
    for line in re.finditer(r"[^\n]+", text):
        if not _OPENING_QUOTE.match(line.group()):
            continue
        if any(start < line.end() and end > line.start() for start, end in covered):
            continue
        begin = line.start() + line.group().index(line.group().lstrip()[0])
        close = re.search(r"[”\"]", text[begin + 1:line.end()])
        end = begin + 1 + close.end() if close else line.end()
        speaker = _SPEAKER_AFTER_QUOTE.match(text, end) if close and text[end - 2] in ",?!" else None
        if speaker:
            out.append({
                "source_start": speaker.start("source"), "source_end": speaker.end("source"),
                "cue_start": speaker.start("cue"), "cue_end": speaker.end("cue"), "content_start": begin,
                "content_end": end, "content_fragments": [(begin, end)], "citation": True,
            })
            continue
        previous = [k for k, start in enumerate(starts) if start < line.start()]
        if not previous:
            continue
        out.append({
            "source_start": None, "source_end": None, "cue_start": begin, "cue_end": begin,
            "content_start": begin, "content_end": end, "content_fragments": [(begin, end)],
            "continues": max(previous, key=lambda k: starts[k]), "citation": True,
        })
    return out


_INTRODUCING_LINE = re.compile(r"\b(?P<cue>[a-z]+)(?:\s+[\w’'\-]+){0,3}\s*:\s*$")
_INTRODUCING_VERBS = SPEECH_WORDS | _MORE_SPEECH_VERBS | {w for w, c in CUE_CLASS_BY_WORD.items() if c == "neutral"}


@lru_cache(maxsize=4)  # refine and, after the sources are checked, extract both ask for an article's
def _introductions(text: str) -> list[tuple[re.Match, int, int, re.Match]]:
    """Quote paragraphs whose line before ends "<source> <speech verb>:" ("Rachel Roe reports:",
    "the ministry said in a statement:", "Roe continued:"): (quote line, cue start, cue end, source)."""
    lines = list(re.finditer(r"[^\n]*\S[^\n]*", text))
    out = []
    for previous, line in zip(lines, lines[1:]):
        if not _OPENING_QUOTE.match(line.group()):
            continue
        intro = _INTRODUCING_LINE.search(previous.group())
        if not intro or intro.group("cue").lower() not in _INTRODUCING_VERBS:
            continue
        cue_start = previous.start() + intro.start("cue")
        subject = SUBJECT_BEFORE_CUE.search(text, max(previous.start(), cue_start - 80), cue_start)
        if subject:
            out.append((line, cue_start, cue_start + len(intro.group("cue")), subject))
    return out


def introduced_quotes(found: list[dict], text: str) -> list[dict]:
    """An introduced quote paragraph (`_introductions`) that no attribution covers: a citation of
    that source, whose cue is the verb."""
    covered = [(a["content_start"], a["content_end"]) for a in found]
    out = []
    for line, cue_start, cue_end, subject in _introductions(text):
        if any(s < line.end() and e > line.start() for s, e in covered):
            continue
        begin = line.start() + line.group().index(line.group().lstrip()[0])
        out.append({
            "source_start": subject.start(1), "source_end": subject.end(1), "cue_start": cue_start,
            "cue_end": cue_end, "content_start": begin, "content_end": line.end(),
            "content_fragments": [(begin, line.end())], "citation": True,
        })
    return out


def with_introduced_sources(found: list[dict], text: str) -> list[dict]:
    """An attribution of an introduced quote paragraph that has no source takes the introducing
    line's source (and its verb, when it has no cue)."""
    introductions = {line.start(): (cue_start, cue_end, subject) for line, cue_start, cue_end, subject in _introductions(text)}
    if not introductions:
        return found
    out = []
    for attribution in found:
        line_start = text.rfind("\n", 0, attribution["content_start"]) + 1
        intro = introductions.get(line_start) if attribution["source_start"] is None else None
        if intro:
            cue_start, cue_end, subject = intro
            attribution = {**attribution, "source_start": subject.start(1), "source_end": subject.end(1)}
            if attribution["cue_end"] <= attribution["cue_start"]:
                attribution.update(cue_start=cue_start, cue_end=cue_end)
        out.append(attribution)
    return out


# "Rove: Trump Does Not Have a Lock", "FALLIN: I think ...": a line led by a name and a colon, as
# headlines and transcripts cite; not a kicker or page label ("The Latest:", "Watch:", "Update:").
_LABELLED_LINE = re.compile(r"^(?P<source>[A-Z][\w.’'\-]+(?: [A-Z][\w.’'\-]*){0,2})(?P<cue>:)[ \t]+(?P<content>\S[^\n]*)$",
                            re.M)
_NOT_SOURCE_LABELS = frozenset("""
the latest breaking exclusive revealed watch video videos photo photos picture pictures gallery live update updated
updates correction corrections note read related see more analysis opinion editorial commentary review explainer quiz
podcast newsletter email briefing byline wow paid sponsored advertisement credit credits caption source sources
warning transcript text summary highlights tags topics share question answer day week part chapter episode
replacements substitutes subs squad lineup team
""".split())


def _named_elsewhere(label: str, text: str, line: re.Match) -> bool:
    """The label, or its last word (a surname), written as a name outside its line ("FALLIN" as
    "Gov. Mary Fallin", "Rove" as "Karl Rove")."""
    rest = text[:line.start()] + text[line.end():]
    name = label.title() if label.isupper() else label
    last = name.split()[-1]
    if " " not in name:  # one word: a surname after a first name or title ("Karl Rove"), not "Hispanics" or "Gay"
        return any(is_first_name(before) or before.lower().rstrip(".") in TITLE_WORDS
                   for before in re.findall(r"\b([A-Z][\w.’'\-]*)\s+%s\b" % re.escape(name), rest))
    return name in rest or (len(last) >= 3 and last.lower() not in FUNCTION_WORDS
                            and re.search(r"\b%s\b" % re.escape(last), rest) is not None)


def labelled_lines(found: list[dict], text: str) -> list[dict]:
    """A line "<name>: <words>" that no attribution covers: a citation of that name (see
    `_LABELLED_LINE`). A label in capitals is a transcript's speaker only when the article also
    writes it as a name ("FALLIN" beside "Gov. Mary Fallin")."""
    covered = [(a["content_start"], a["content_end"]) for a in found if a["citation"]]
    out = []
    for line in _LABELLED_LINE.finditer(text):
        label = line.group("source")
        words = label.split()
        if any(w.lower().strip(".’'").removesuffix("’s").removesuffix("'s") in _NOT_SOURCE_LABELS for w in words):
            continue
        if len(line.group("content").split()) < 3 or len(label) < 3:
            continue
        if label.isupper() and len(words) > 1:
            continue
        if source_type(label) not in ("document", "media") and not _named_elsewhere(label, text, line):
            continue  # "Clinton Wades In:", "Replacements:": no one the article names
        if any(s < line.end() and e > line.start("content") for s, e in covered):
            continue
        out.append({
            "source_start": line.start("source"), "source_end": line.end("source"), "cue_start": line.start("cue"),
            "cue_end": line.end("cue"), "content_start": line.start("content"), "content_end": line.end("content"),
            "content_fragments": [(line.start("content"), line.end("content"))], "citation": True,
        })
    return out


def nested_documents(found: list[dict], text: str) -> list[dict]:
    """A document cited inside another citation's content ("They tout a report by the Tax
    Office that forecast 1,000 jobs"): a citation of its own, as nested attributions with another
    source are, when no attribution has that cue."""
    cues = [(a["cue_start"], a["cue_end"]) for a in found]
    out = []
    for attribution in found:
        if not attribution["citation"]:
            continue
        for match in _DOCUMENT_THAT.finditer(text, attribution["content_start"], attribution["content_end"]):
            if any(s < match.end("cue") and e > match.start("cue") for s, e in cues):
                continue
            cues.append((match.start("cue"), match.end("cue")))
            out.append({
                "source_start": match.start("source"), "source_end": match.end("source"),
                "cue_start": match.start("cue"), "cue_end": match.end("cue"),
                "content_start": match.start("content"), "content_end": match.end("content"),
                "content_fragments": [(match.start("content"), match.end("content"))], "citation": True,
            })
    return out


_DOCUMENT_THAT = re.compile(
    r"\b(?P<source>(?:a|an|the|its|his|her|their)\s+(?:[\w’'\-]+\s+){0,3}?(?:report|study|survey|poll|analysis|"
    r"audit|review|assessment)(?:\s+(?:by|from|of)\s+(?:the\s+)?(?:[A-Z][\w’'&.\-]*\s*){1,6})?)\s*,?\s+(?:that|which)\s+"
    r"(?P<cue>found|finds|shows?|showed|forecasts?|estimated|estimates|concluded|predicted|predicts|suggests?|suggested|"
    r"warned|warns)\s+(?P<content>[^\n;]+?)(?=\.(?:\s|$)|[;\n]|$)")
_CONTRACTED = r"(?:[’'](?:m|ve|d|ll|re))?"  # "I've", "we're"
_FIRST_PERSON = re.compile(r"(?:I|[Ww]e|[Mm]y \w+ and I|[Oo]ur \w+)%s$" % _CONTRACTED)
_SECOND_PERSON = re.compile(r"[Yy]ou(?: guys| all)?%s$" % _CONTRACTED)
_THIRD_PERSON = re.compile(r"(?:[Hh]e|[Ss]he|[Tt]hey)$")
_DEMONSTRATIVE = re.compile(r"(?:This|That|These)$")  # opening a sentence; "a page that said" is a relative


def _nobody_cited(attribution: dict, text: str) -> bool:
    """"I wrote", "we explained" outside any quotation (the writer's own claim); "you think" (the
    reader addressed, or generic "you"); "I think" inside a quotation (the speaker's own words,
    not a second source); "This suggests", "That said" (the writer's inference, or an idiom)."""
    start = attribution["source_start"]
    if start is None:
        return False
    mention = text[start:attribution["source_end"]]
    subject_of_cue = not text[attribution["source_end"]:attribution["cue_start"]].strip()
    return bool(_SECOND_PERSON.match(mention) or _FIRST_PERSON.match(mention)
                or (_DEMONSTRATIVE.match(mention) and subject_of_cue))


def _without_distant_person(attribution: dict, text: str) -> dict:
    """"When we explained, Amelia, then age 6, said": a tagged "we" or "you" set off from the cue by
    a comma is in another clause, and so is a "he"/"she" with a name between the comma and the cue;
    the cue's subject is looked for again (see `subject_before_cue`)."""
    start, end = attribution["source_start"], attribution["source_end"]
    if start is None or end > attribution["cue_start"] or "," not in text[end:attribution["cue_start"]]:
        return attribution
    mention = text[start:end]
    after_comma = text[text.rfind(",", end, attribution["cue_start"]) + 1:attribution["cue_start"]]
    named_after = _THIRD_PERSON.match(mention) and re.search(r"\b[A-Z][a-z]", after_comma)
    if _FIRST_PERSON.match(mention) or _SECOND_PERSON.match(mention) or named_after:
        # "When asked whom she supported, Ms. Sherry smiled and said": Sherry, not "she"
        return {**attribution, "source_start": None, "source_end": None}
    return attribution


_WHEN_ASKED = re.compile(r"(?:^|[.!?”\"]\s+|\n)(?:When|If|Once|After|Though|Although|Unless|As)\s+(?:being\s+|he\s+was\s+|she\s+was\s+)?$")


_ASKED = frozenset("asked pressed questioned told informed".split())
_PASSIVE = frozenset("is are was were be been being".split())
_HYPOTHETICAL = re.compile(r"(?:^|[.!?:;”\"]\s+|\n)(?:But\s+|And\s+|So\s+)?(?:[Ee]ven\s+|[Ww]hat\s+)?(?:If|if|Suppose|Imagine)\s+$")


def _asked_of_the_source(attribution: dict, text: str) -> bool:
    """"When asked whom she supported, Ms. Sherry said", "Trump was asked about the wall": the question
    put to the source is nobody's citation (its asker is not named); nor is what "If Roe said"."""
    cue = text[attribution["cue_start"]:attribution["cue_end"]].lower().split()
    if cue[:1] in (["asked"], ["pressed"], ["questioned"]) and _WHEN_ASKED.search(
            text, max(0, attribution["cue_start"] - 30), attribution["cue_start"]):
        return True
    if len(cue) >= 2 and cue[0] in _PASSIVE and (cue[1] in _ASKED or (cue[1].endswith("ly") and cue[2:3] and cue[2] in _ASKED)):
        return True
    start = attribution["source_start"]
    return start is not None and start < attribution["cue_start"] and bool(
        _HYPOTHETICAL.search(text, max(0, start - 20), start))


def _negated(attribution: dict, text: str) -> bool:
    """"Roe does not necessarily support", "Roe never said": a negation between the source and the
    cue after it (within three words of the cue)."""
    start, cue_start = attribution["source_start"], attribution["cue_start"]
    if start is None or start >= cue_start:
        return False
    before = _WORD.findall(text[max(start, cue_start - 40):cue_start])[-3:]
    return any(_is_negation(w.lower()) for w in before)


_QUOTE_MARK = re.compile(r"[“”\"]")


def _without_narrative_lead(attribution: dict, text: str) -> dict:
    """'Acme blamed trade. "Risk shifted," Roe said': the quote before a cue starts at its quote
    mark, not at the unquoted sentences the tagger ran it on from."""
    fragments = attribution["content_fragments"]
    start, end = attribution["content_start"], attribution["content_end"]
    if len(fragments) != 1 or end > attribution["cue_start"]:
        return attribution
    mark = _QUOTE_MARK.search(text, start, end)
    if not mark or mark.start() == start or not SENTENCE_END.search(text, start, mark.start()):
        return attribution
    begin = mark.start()
    return {**attribution, "content_start": begin, "content_fragments": [(begin, end)]}


_BUT_SAID = re.compile(r",?\s+(?:but|and)\s+(?:also\s+|then\s+|later\s+)?(?P<cue>[a-z]+)\b(?:\s+that\b)?\s*")


def _declined_but_said(attribution: dict, text: str) -> list[dict]:
    """"Roe declined to comment but said the plan was ...": the refusal, and a citation with its
    own cue and the same source."""
    fragments = attribution["content_fragments"]
    cue = _WORD.findall(text[attribution["cue_start"]:attribution["cue_end"]].lower())
    if len(fragments) != 1 or not set(cue) & _NO_CONTENT or attribution["content_start"] < attribution["cue_end"]:
        return [attribution]
    start, end = fragments[0]
    said = next((m for m in _BUT_SAID.finditer(text, start, end)
                 if m.group("cue") in CUE_CLASS_BY_WORD or m.group("cue") in _MORE_SPEECH_VERBS), None)
    if said is None or said.end() >= end:
        return [attribution]
    refusal = {**attribution, "content_end": said.start(), "content_fragments": [(start, said.start())]}
    citation = {**attribution, "cue_start": said.start("cue"), "cue_end": said.end("cue"),
                "content_start": said.end(), "content_fragments": [(said.end(), end)]}
    return [refusal, citation] if said.start() > start else [citation]


_CLOSED_QUOTE_THEN_SENTENCE = re.compile(r"[.!?][”\"]\s+(?=[A-Z“\"])")


def _quotes_before_cue(attribution: dict, text: str) -> list[dict]:
    """'"... delegates." There's "still time ...," Rove writes.': a whole quoted sentence, then
    more before the cue, is two quotes of the cue's speaker (two citations, one relation)."""
    fragments = attribution["content_fragments"]
    start, end = fragments[0]
    if end > attribution["cue_start"] or text[start:start + 1] not in ("“", '"'):
        return [attribution]
    close = _CLOSED_QUOTE_THEN_SENTENCE.search(text, start + 1, end)
    if close is None or text.count('"', start, close.end()) % 2 == 1 or "”" in text[start:close.start()] \
            or end - close.end() < 20:
        return [attribution]  # a straight quote mark opened inside, or nothing much after it
    if any(word.lower() in SPEECH_WORDS for word in _WORD.findall(text[close.end():end])):
        return [attribution]  # the words after the quote report someone of their own ("But opponents ... said")
    first = {**attribution, "content_end": close.start() + 2, "content_fragments": [(start, close.start() + 2)]}
    if text[end - 1:end] not in ("”", '"'):
        # '"... all the players." Curbishley was criticised ...': the writer's words after the quote are not
        # cited; a second quote runs up to the cue ('There's "still time ...," Rove writes')
        return [{**first, "content_fragments": first["content_fragments"] + fragments[1:],
                 "content_end": max([first["content_end"], *(e for _, e in fragments[1:])])}]
    second = {**attribution, "content_start": close.end(), "content_fragments": [(close.end(), end), *fragments[1:]]}
    return [first, second]


def refine(found: list[dict], text: str) -> list[dict]:
    """Citations from tagged attributions (see the module docstring), in content order.

    Nothing is dropped: an attribution whose cue cites nobody gets `citation` False, and the
    parts of one attribution relation (split sides, continued quotes) share its `relation`."""
    kept = []
    for relation, tagged in enumerate(found):
        with_source = subject_before_cue(_without_distant_person(
            source_after_inverted_cue(opening_inverted_cue(_without_narrative_lead(tagged, text), text), text), text), text)
        for attribution in [part for said in _declined_but_said(with_source, text)
                            for part in _quotes_before_cue(said, text)]:
            cue = text[attribution["cue_start"]:attribution["cue_end"]]
            kind = content_kind(*(text[s:e] for s, e in attribution["content_fragments"]))
            content = text[attribution["content_start"]:attribution["content_end"]]
            citation = (is_citation_cue(cue, kind, content) and not _noun_cue(attribution, text)
                        and not _negated(attribution, text) and not _asked_of_the_source(attribution, text)
                        and not _nobody_cited(attribution, text))
            for part in split_around_cue(attribution) if citation else [attribution]:
                kept.append({**part, "citation": citation, "relation": relation})
    added = introduced_quotes(kept, text)
    added += labelled_lines(kept + added, text)
    added += nested_documents(kept + added, text)
    for relation, item in enumerate(added, start=len(found)):
        kept.append({**item, "relation": relation})
    kept.sort(key=lambda a: a["content_start"])
    seen = set()
    for attribution in kept:  # 'Stated Stone: "..."' found both as a verb's and as the colon's citation
        key = (attribution["content_start"], attribution["content_end"], attribution["source_start"])
        if attribution["citation"] and attribution["source_start"] is not None and key in seen:
            attribution["citation"] = False
        seen.add(key)
    citations = [a for a in kept if a["citation"]]
    extra = continuations(citations, text)
    for number, item in enumerate(extra, start=len(found) + len(added)):
        if "continues" in item:
            previous = citations[item["continues"]]
            item["continues"], item["relation"] = id(previous), previous["relation"]
        else:
            item["relation"] = number
    return sorted(kept + extra, key=lambda a: a["content_start"])
