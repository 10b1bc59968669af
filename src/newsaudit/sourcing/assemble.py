"""Tagged spans into attributions: each content joins the nearest cue, each cue the nearest source
in its sentence, with rules for postposed sources ("..., officials said"), content-less cues that
report a neighbouring attribution, sources swallowed into content, a name right before a cue
that the tagger left out, an opening "According to X, ...", a content that runs into a sentence
with its own report, and the person told or the time and place between a cue and its content."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from functools import cached_property

from .features import PUNCT_BREAK, Block
from .lexicon import CALENDAR, MEDIA_NOUNS, PRONOUNS, REPORTING_WORDS, SPEECH_WORDS
from .rules import fallback_source, looks_like_source, rule_labels, source_left


@dataclass
class Span:
    role: str
    first: int  # token indices, inclusive
    last: int


@dataclass
class RawAttribution:
    cue: tuple[int, int]
    source: tuple[int, int] | None
    contents: list[tuple[int, int]] = field(default_factory=list)


def spans_from_labels(labels: list[str]) -> list[Span]:
    spans: list[Span] = []
    for i, label in enumerate(labels):
        if label == "O":
            continue
        prefix, role = label[0], label[2:]
        if prefix == "I" and spans and spans[-1].role == role and spans[-1].last == i - 1:
            spans[-1].last = i
        else:
            spans.append(Span(role, i, i))
    return spans


def _gap(a: Span, b: Span) -> int:
    if a.last < b.first:
        return b.first - a.last
    if b.last < a.first:
        return a.first - b.last
    return 0


class _BlockSpans:
    """The tagged spans of one block, indexed so that linking stays near-linear in the block's
    length (a paragraph can be a whole article). Spans come from one label sequence, so they are
    in text order and never overlap: the spans nearest a position are found by bisection."""

    def __init__(self, block: Block, spans: list[Span]):
        self.block = block
        self.cues = [s for s in spans if s.role == "CUE"]
        self.contents = [s for s in spans if s.role == "CON"]
        self.sources = [s for s in spans if s.role == "SRC"]
        self.cue_firsts = [s.first for s in self.cues]
        self.source_firsts = [s.first for s in self.sources]
        self.taken: set[int] = set()  # ids of sources some cue has claimed
        # Taken sources only accumulate: jump pointers over them (with path compression) keep
        # the search for the nearest free source from rescanning them.
        self._skip_left = list(range(-1, len(self.sources) - 1))
        self._skip_right = list(range(1, len(self.sources) + 1))

    def free_source(self, k: int, step: int) -> int:
        """Index of the nearest source not taken from index k on, going left (step -1) or right
        (+1); -1 or len(sources) when there is none."""
        skip = self._skip_left if step < 0 else self._skip_right
        passed = []
        while 0 <= k < len(self.sources) and id(self.sources[k]) in self.taken:
            passed.append(k)
            k = skip[k]
        for index in passed:
            skip[index] = k
        return k

    def nearest_source_gap(self, cue: Span) -> int:
        split = bisect.bisect_left(self.source_firsts, cue.first)
        return min((_gap(self.sources[k], cue) for k in (split - 1, split) if 0 <= k < len(self.sources)), default=0)

    def candidate_cues(self, content: Span) -> list[Span]:
        """The cues that can be nearest to `content`: the last one before it, any inside it and the
        first one after it (cost grows with distance on either side)."""
        low = max(bisect.bisect_left(self.cue_firsts, content.first) - 1, 0)
        high = bisect.bisect_right(self.cue_firsts, content.last) + 1
        return self.cues[low:high]

    def other_cue_nearer(self, source: Span, cue: Span) -> bool:
        """Is some cue other than `cue` nearer to `source`, which follows `cue`?"""
        split = bisect.bisect_left(self.cue_firsts, source.first)
        if split and self.cues[split - 1] is not cue:
            return True  # a cue between them
        return split < len(self.cues) and _gap(source, self.cues[split]) < _gap(source, cue)

    @cached_property
    def non_source_tokens(self) -> list[int]:
        in_source = [False] * len(self.block.words)
        for source in self.sources:
            in_source[source.first:source.last + 1] = [True] * (source.last - source.first + 1)
        return [k for k, inside in enumerate(in_source) if not inside]

    def words_between(self, start: int, stop: int, limit: int) -> list[str] | None:
        """The words in tokens start..stop-1 outside any source; None when there are more than `limit`."""
        low = bisect.bisect_left(self.non_source_tokens, start)
        high = bisect.bisect_left(self.non_source_tokens, stop, lo=low)
        if high - low > limit:
            return None
        return [self.block.words[k] for k in self.non_source_tokens[low:high]]

    @cached_property
    def rule_contents(self) -> tuple[list[Span], list[int], list[int]]:
        contents = [s for s in spans_from_labels(rule_labels(self.block)) if s.role == "CON"]
        return contents, [s.first for s in contents], [s.last for s in contents]


def assemble(block: Block, labels: list[str]) -> list[RawAttribution]:
    """Link each CONTENT span to its cue and each cue to its SOURCE, within one block."""
    spans = _BlockSpans(block, _tidy_spans(block, spans_from_labels(labels)))
    if not spans.contents and not spans.cues:
        return []
    sentence = block.sentence_of_token
    groups: dict[int, list[Span]] = {}
    anchor_of: dict[int, Span] = {}
    for content in spans.contents:
        anchor = min(spans.candidate_cues(content), key=lambda cue: _content_cue_cost(content, cue, sentence, block),
                     default=None)
        if anchor is None or _content_cue_cost(content, anchor, sentence, block) >= 100:
            anchor = None
        key = id(anchor) if anchor else id(content)
        groups.setdefault(key, []).append(content)
        anchor_of[key] = anchor
    attributions = []

    def nearest_source_gap(key: int) -> int:
        cue = anchor_of[key]
        return spans.nearest_source_gap(cue) if cue else 0

    # Cues closest to a source claim it first.
    for key in sorted(groups, key=nearest_source_gap):
        grouped, cue = groups[key], anchor_of[key]
        if cue is None:
            split = _split_cueless(block, grouped[0])
            if split:
                attributions.append(split)
            continue
        source = _pick_source(spans, cue, rival_cues=True)
        attributions.append(RawAttribution(
            (cue.first, cue.last),
            source,
            [(c.first, c.last) for c in grouped],
        ))
    grouped_cues = {id(cue) for cue in anchor_of.values() if cue is not None}
    extents = _Extents(attributions)
    for cue in spans.cues:
        if id(cue) not in grouped_cues:
            orphan = (_outer_attribution(spans, cue, extents) or _according_to_attribution(spans, cue)
                      or _rule_content_attribution(spans, cue))
            if orphan:
                attributions.append(orphan)
                extents.add(orphan)
    return attributions


class _Extents:
    """The first and last tokens of the attributions found so far in a block, by first token."""

    def __init__(self, attributions: list[RawAttribution]):
        self.items: list[tuple[int, int, int]] = []  # (first, order found, last)
        self.longest = 0
        for attribution in attributions:
            self.add(attribution)

    def add(self, attribution: RawAttribution) -> None:
        parts = [attribution.cue, *attribution.contents] + ([attribution.source] if attribution.source else [])
        first, last = min(p[0] for p in parts), max(p[1] for p in parts)
        bisect.insort(self.items, (first, len(self.items), last))
        self.longest = max(self.longest, last - first)

    def touching(self, low: int, high: int) -> list[tuple[int, int]]:
        """(first, last) of those sharing a token with low..high, in the order found."""
        start = bisect.bisect_left(self.items, (low - self.longest,))
        stop = bisect.bisect_right(self.items, (high, math.inf))
        return [(first, last) for first, _, last in sorted(self.items[start:stop], key=lambda item: item[1])
                if last >= low]


MAX_CUE_TOKENS = 4


_ADVERBS = {"also", "then", "later", "again", "previously", "earlier", "further", "meanwhile",
            "however", "too", "now", "still"}
_CUE_TRAILING = _ADVERBS | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                            "sunday", "today", "yesterday", "tonight", "last", "this", "week",
                            "month", "year", "night", "morning", "afternoon", "evening", ","}


_LY_NOUNS = frozenset("family families ally allies assembly assemblies monopoly rally supply supplies bully "
                      "daily weekly monthly quarterly".split())


def _trailing_adverb(pair: list[str]) -> bool:
    """'officials subsequently', 'critics hysterically': an -ly adverb after a noun; not "the family"
    or "trade weekly"."""
    before, word = pair
    return (len(word) >= 6 and word.endswith("ly") and word.islower() and word not in _LY_NOUNS
            and before.islower() and before not in _DETERMINERS | _ADJUNCT_PREPOSITIONS)


def _tidy_spans(block: Block, spans: list[Span]) -> list[Span]:
    """A cue that runs on past its reporting word ("also said Tuesday the ministry is") ends
    there; the rest is content. Adverbs and days around a cue or after a source ("also said
    Tuesday", "North Korea meanwhile") are not part of it."""
    out = []
    for span in _according_to_sources(block, spans):
        lower = [w.lower() for w in block.words[span.first:span.last + 1]]
        if span.role == "CUE":
            while len(lower) > 1 and lower[0] in _ADVERBS:
                lower.pop(0)
                span = Span("CUE", span.first + 1, span.last)
            while len(lower) > 1 and lower[-1] in _CUE_TRAILING:
                lower.pop()
                span = Span("CUE", span.first, span.last - 1)
        elif span.role == "SRC":
            while len(lower) > 1 and (lower[-1] in _ADVERBS or _trailing_adverb(block.words[span.last - 1:span.last + 1])):
                lower.pop()
                span = Span("SRC", span.first, span.last - 1)
            comma = _swallowed_clause_end(block, span)
            if comma is not None:
                out.append(Span("CON", span.first, comma - 1))
                span = Span("SRC", comma + 1, span.last)
        if span.role == "CON":
            inner = _inner_report(block, span)
            if inner:
                out.extend(inner)
                continue
        if span.role == "CUE" and span.last - span.first + 1 > MAX_CUE_TOKENS:
            verb = next((k for k in range(span.first, span.last + 1)
                         if block.words[k].lower() in REPORTING_WORDS), None)
            if verb is not None and verb < span.last:
                out.append(Span("CUE", span.first, verb))
                out.append(Span("CON", verb + 1, span.last))
                continue
        out.append(span)
    return out


_QUOTE_MARKS = {'"', "“", "”"}


def _inner_report(block: Block, span: Span) -> list[Span] | None:
    """A CONTENT span that runs on into a later sentence opening with its own report ("... a
    peaceful protest. Capt. Ana Ruiz said people need ...") ends before that sentence, which is a
    source, cue and content of its own. Not inside a quotation, where the speaker may report
    someone else."""
    words, sentence = block.words, block.sentence_of_token
    quotes = 0
    for k in range(span.first, span.last - 1):
        quotes += k > span.first and words[k - 1] in _QUOTE_MARKS
        if (k and sentence[k] == sentence[k - 1]) or quotes % 2:
            continue  # only a sentence's first word, the span's own first one too ("He and Jackson had both said ...")
        verb = next((v for v in range(k + 1, min(k + 8, span.last)) if words[v].lower() in SPEECH_WORDS), None)
        if verb is None:
            continue
        source = source_left(words, verb, k)
        if source is None or not looks_like_source(words[source[0]:source[1] + 1]):
            continue
        if source[0] == k + 2 and words[k + 1] == "." and words[k][:1].isupper():
            source = (k, source[1])  # "Capt. Ana Ruiz", "Sen. Roe"
        elif source[0] >= k + 2 and words[source[0] - 1] == "and" and looks_like_source(words[k:source[0] - 1]):
            source = (k, source[1])  # "He and Jackson had both said"
        if source[0] != k:
            continue
        body = verb + 1
        if words[body].lower() == "that":
            body += 1
        end = k - 1
        while end > span.first and words[end] in PUNCT_BREAK:
            end -= 1
        leading = [Span("CON", span.first, end)] if k > span.first else []
        return leading + [Span("SRC", *source), Span("CUE", verb, verb), Span("CON", body, span.last)]
    return None


def _according_to_sources(block: Block, spans: list[Span]) -> list[Span]:
    """An opening "According to X, ..." has everything up to the comma as its source ("one
    published report" is not the source "one" and the cue "published report"). When the tagger ran
    that source on past the comma ("Rep. Ana Ruiz, a Kansas Republican, the bird" + "is so
    common"), the rest of the sentence is its content."""
    words, sentence = block.words, block.sentence_of_token
    out: list[Span] = []
    k = 0
    while k < len(spans):
        span = spans[k]
        out.append(span)
        k += 1
        if not (span.role == "CUE" and _opens_sentence_according_to(block, span)
                and k < len(spans) and spans[k].role == "SRC" and spans[k].first == span.last + 1):
            continue
        comma = next((j for j in range(span.last + 1, min(span.last + 13, len(words))) if words[j] == ","), None)
        if comma is None:
            continue
        if spans[k].last > comma:
            end = spans[k].last
            while end + 1 < len(words) and sentence[end + 1] == sentence[span.first]:
                end += 1
            later = k + 1
            while later < len(spans) and spans[later].first <= end:
                later += 1
            if any(s.role == "CUE" and any(w.lower() in SPEECH_WORDS for w in words[s.first:s.last + 1])
                   for s in spans[k + 1:later]):
                continue  # another speech cue in the sentence: leave it to the tagger
            while end > comma and words[end] in PUNCT_BREAK:
                end -= 1
            body = _after_apposition(words, comma + 1)
            out.append(Span("SRC", span.last + 1, comma - 1))
            if body <= end:
                out.append(Span("CON", body, end))
            k = later
            continue
        inside = k
        while inside < len(spans) and spans[inside].role in ("SRC", "CUE") and spans[inside].last < comma:
            inside += 1
        if inside - k >= 2:
            out.append(Span("SRC", span.last + 1, spans[inside - 1].last))
            k = inside
    return out


def _after_apposition(words: list[str], first: int) -> int:
    """The first token after a short apposition opening at `first` ("a Kansas Republican,")."""
    comma = next((k for k in range(first, min(first + 7, len(words))) if words[k] == ","), None)
    if comma is not None and all(w[:1].isupper() or w.lower() in {"a", "an", "the", "of"} for w in words[first:comma]):
        return comma + 1
    return first


def _swallowed_clause_end(block: Block, span: Span) -> int | None:
    """The comma ending a clause that a SOURCE span swallowed ('The council approved the budget,
    Mayor Ana Ruiz' said): a long lower-case clause before it, a name or title after it."""
    commas = [k for k in range(span.first + 1, span.last) if block.words[k] == ","]
    if not commas:
        return None
    comma = commas[-1]
    before = block.words[span.first:comma]
    after = block.words[comma + 1:span.last + 1]
    lower_words = sum(1 for w in before[1:] if w.isalpha() and w.islower())
    if len(before) >= 4 and lower_words >= 2 and len(after) <= 6 and looks_like_source(after):
        return comma
    return None


def _outer_attribution(spans: _BlockSpans, cue: Span, found: _Extents) -> RawAttribution | None:
    """A cue left without content reports a whole neighbouring attribution ("North Korea wants
    food aid, analysts say"): its content spans that attribution, next to it in its sentence
    (only punctuation, a source or "that" in between)."""
    sentence = spans.block.sentence_of_token
    # Only attributions reaching within 4 words outside sources of the cue can qualify.
    others = spans.non_source_tokens
    before, after = bisect.bisect_left(others, cue.first), bisect.bisect_right(others, cue.last)
    low = others[before - 5] if before >= 5 else 0
    high = others[after + 4] if after + 4 < len(others) else len(sentence)
    best = None
    for first, last in found.touching(low, high):
        if sentence[first] != sentence[cue.first] and sentence[last] != sentence[cue.first]:
            continue
        start, stop = (last + 1, cue.first) if last < cue.first else (cue.last + 1, first)
        if last > cue.first and content_start(spans.block.words, cue.last) == stop:
            start = stop  # "said in a note last year they expect ...", "told a newspaper on Saturday that he ..."
        gap_words = spans.words_between(start, stop, limit=4)
        if gap_words is None or any(w.isalnum() and w.lower() not in _OUTER_GAP_WORDS for w in gap_words):
            continue
        if best is None or len(gap_words) < best[0]:
            best = (len(gap_words), first, last)
    if best is None:
        return None
    _, first, last = best
    source = _pick_source(spans, cue, rival_cues=False, excluded=(first, last))
    return RawAttribution((cue.first, cue.last), source, [(first, last)])


_OUTER_GAP_WORDS = {"that", "and", "but", "as"}


def _opens_sentence_according_to(block: Block, cue: Span) -> bool:
    """"According to" with at most one word ("But") before it in its sentence."""
    words = block.words
    if cue.last != cue.first + 1 or [w.lower() for w in words[cue.first:cue.last + 1]] != ["according", "to"]:
        return False
    return sum(w.isalnum() for w in words[block.sentence_start[cue.first]:cue.first]) <= 1


def _according_to_attribution(spans: _BlockSpans, cue: Span) -> RawAttribution | None:
    """'According to Rep. Ana Ruiz, a Kansas Republican, the bird is hunted there.': an opening
    "according to" and its source report the rest of the sentence (a short apposition after the
    source is not content)."""
    block = spans.block
    words, sentence = block.words, block.sentence_of_token
    if not _opens_sentence_according_to(block, cue):
        return None  # content before the cue: the tagger's or the rule pass's to find
    after = bisect.bisect_left(spans.source_firsts, cue.last + 1)
    if after < len(spans.sources) and spans.sources[after].first == cue.last + 1:
        source = (spans.sources[after].first, spans.sources[after].last)
        spans.taken.add(id(spans.sources[after]))
    else:
        source = fallback_source(block, cue.first, cue.last)
        if source is None or source[0] != cue.last + 1:
            return None
    first = source[1] + 1
    if first >= len(words) or words[first] != ",":
        return None
    first = _after_apposition(words, first + 1)
    last = first
    while last + 1 < len(words) and sentence[last + 1] == sentence[cue.first]:
        last += 1
    while last > first and words[last] in PUNCT_BREAK:
        last -= 1
    if last - first < 2:
        return None
    return RawAttribution((cue.first, cue.last), source, [(first, last)])


def _rule_content_attribution(spans: _BlockSpans, cue: Span) -> RawAttribution | None:
    """A speech cue the model found without content ("..., analysts say."): the content the
    rule pass finds next to it in its sentence."""
    block = spans.block
    if not any(block.words[k].lower() in SPEECH_WORDS for k in range(cue.first, cue.last + 1)):
        return None
    sentence = block.sentence_of_token
    rule_contents, firsts, lasts = spans.rule_contents
    near = rule_contents[bisect.bisect_left(lasts, cue.first - 4):bisect.bisect_right(firsts, cue.last + 4)]
    contents = [s for s in near if sentence[s.first] == sentence[cue.first] and _gap(s, cue) <= 4
                and not (s.first <= cue.first <= s.last)]
    if not contents:  # "said in a statement on Monday the talks had stalled"
        after = content_start(block.words, cue.last)
        start = bisect.bisect_left(firsts, after)
        contents = [s for s in rule_contents[start:start + 1] if s.first == after and sentence[s.first] == sentence[cue.first]]
        if not contents and block.words[cue.last].lower() in _TELL_WORDS:
            contents = [s for s in [_clause_from(block, after)] if s is not None]
    if not contents:
        return _postposed_attribution(spans, cue)
    content = min(contents, key=lambda s: _gap(s, cue))
    return RawAttribution((cue.first, cue.last), _pick_source(spans, cue, rival_cues=False),
                          [(content.first, content.last)])


_ADJUNCT_PREPOSITIONS = frozenset("in on at to during after before with from via through over of for".split())
_ADJUNCT_TIME = CALENDAR | frozenset("last this next week month year morning afternoon evening night weekend "
                                     "yesterday today tonight earlier later recently".split())
_DETERMINERS = frozenset("a an the his her their its our".split())
_PRONOUN_WORDS = frozenset(PRONOUNS)


_TELL_WORDS = frozenset("tell tells told telling assure assures assured remind reminds reminded inform informs "
                        "informed".split())
_SUBJECT_PRONOUNS = frozenset("i we you he she it they there".split())
_RECIPIENT_NOUNS = MEDIA_NOUNS | frozenset("programme program show website site conference".split())
_CLAUSE_OPENERS = frozenset("that this these those what how why whether if".split())
_TOLD_THINGS = frozenset("story stories tale tales truth joke jokes lie lies history".split())


def _wordlike(word: str) -> bool:
    """A word, a number, a possessive or a hyphenated word ("BBC's", "4’s", "co-host"); not punctuation."""
    return word.replace("'", "").replace("’", "").replace("-", "").isalnum()


def content_start(words: list[str], cue_last: int) -> int:
    """Where the content of a speech cue ending at `cue_last` begins: after the person told ("told
    The Courier newspaper", "told a crowded hall at a hotel"), time and place phrases and "that"."""
    k = cue_last + 1
    if words[cue_last].lower() in _TELL_WORDS and k < len(words):
        lower = words[k].lower()
        if lower in {"him", "her", "them", "us", "me", "you", "reporters", "supporters", "lawmakers", "voters"}:
            k += 1
        elif lower in _DETERMINERS:
            if k + 1 < len(words) and words[k + 1].lower() in _TOLD_THINGS:
                return len(words)  # "tells the story of ...": what is told, not whom
            k += 1
            taken = 0
            while (k < len(words) and taken < 5 and _wordlike(words[k])
                   and words[k].lower() not in _ADJUNCT_PREPOSITIONS | _DETERMINERS | _SUBJECT_PRONOUNS | _CLAUSE_OPENERS):
                k, taken = k + 1, taken + 1
        elif words[k][:1].isupper():
            while k < len(words) and (words[k][:1].isupper() or words[k][:1].isdigit()
                                      or (words[k] in {"and", "of"} and k + 1 < len(words) and words[k + 1][:1].isupper())):
                k += 1
            while k < len(words) and words[k].lower() in _RECIPIENT_NOUNS:
                k += 1  # "The Post and Courier newspaper", "BBC Radio 4's Today programme"
    k = adjunct_end(words, k)
    if k < len(words) and words[k].lower() == "that":
        k += 1
    return k


def _clause_from(block: Block, first: int) -> Span | None:
    """The rest of the sentence from `first` when it opens a clause ("they are ...", "the plan
    would ...") of four words or more."""
    words, sentence = block.words, block.sentence_of_token
    if first >= len(words) or sentence[first] != sentence[first - 1]:
        return None
    opener = words[first]
    if not (opener.lower() in _SUBJECT_PRONOUNS | _DETERMINERS | {"this", "these", "those"} or opener[:1].isupper()
            or opener[:1].isdigit()
            or words[first - 1].lower() == "that"):
        return None
    last = first
    while last + 1 < len(words) and sentence[last + 1] == sentence[first]:
        last += 1
    while last > first and words[last] in PUNCT_BREAK:
        last -= 1
    return Span("CON", first, last) if last - first >= 3 else None


def adjunct_end(words: list[str], k: int) -> int:
    """The first token after the time and place phrases opening at `k` ("in a note last year",
    "in a statement on Monday", "in an interview with the BBC", "to reporters"): where the
    content of "said ..." begins."""
    while k < len(words):
        lower = words[k].lower()
        if lower in _ADJUNCT_TIME:
            k += 1
        elif lower in _ADJUNCT_PREPOSITIONS and k + 1 < len(words):
            k += 1
            if words[k].lower() in _DETERMINERS:
                k += 1
                taken = 0
                while (k < len(words) and taken < 3 and words[k].isalpha() and words[k].lower() not in
                       _ADJUNCT_PREPOSITIONS | _DETERMINERS | _PRONOUN_WORDS | {"that"}):
                    k, taken = k + 1, taken + 1
            elif words[k][:1].isupper():
                while k < len(words) and words[k][:1].isupper():
                    k += 1
            elif _wordlike(words[k]) and words[k].lower() not in _PRONOUN_WORDS | {"that"}:
                k += 1  # "in 2001", "to reporters", "in downtown Baltimore"
                while k < len(words) and words[k][:1].isupper():
                    k += 1
        else:
            break
    return k


def _postposed_attribution(spans: _BlockSpans, cue: Span) -> RawAttribution | None:
    """'The strike will continue, union leader Hana Okafor said on Tuesday.': a source and speech
    cue after a comma report the clause before it, back to the start of the sentence."""
    block = spans.block
    before = bisect.bisect_left(spans.source_firsts, cue.first) - 1
    source = spans.sources[before] if before >= 0 and spans.sources[before].last + 1 == cue.first else None
    if source is None:
        fallback = fallback_source(block, cue.first, cue.last)
        source = Span("SRC", *fallback) if fallback and fallback[1] + 1 == cue.first else None
    if source is None or source.first < 2 or block.words[source.first - 1] != ",":
        return None
    sentence = block.sentence_of_token
    first = source.first - 2
    if sentence[first] == sentence[source.first]:
        first = block.quote_run_start[first]
    if source.first - 1 - first < 3:
        return None
    spans.taken.add(id(source))
    return RawAttribution((cue.first, cue.last), (source.first, source.last), [(first, source.first - 2)])


def _split_cueless(block: Block, content: Span) -> RawAttribution | None:
    """A content span with no cue often swallowed its own source and cue ("Trump is demanding
    that ...", "PENCE: ..."): split it at the first reporting word or speaker colon."""
    words = block.words
    limit = min(content.last - 1, content.first + 10)
    for k in range(content.first + 1, limit + 1):
        lower = words[k].lower()
        if lower in REPORTING_WORDS or (words[k] == ":" and words[k - 1][:1].isupper()):
            source = source_left(words, k, content.first)
            if source is None:
                return None
            body = k + 1
            if body < content.last and words[body].lower() == "that":
                body += 1
            return RawAttribution((k, k), source, [(body, content.last)])
    return None


def _content_cue_cost(content: Span, cue: Span, sentence: list[int], block: Block) -> float:
    same_sentence = sentence[cue.first] in (sentence[content.first], sentence[content.last])
    if content.last < cue.first and not same_sentence and _opens_sentence_according_to(block, cue):
        return 100  # "According to X, ..." reports what follows it, not the sentence before
    # A cue inside the content's own quote is a quoted speaker's cue, not this one's.
    inside = content.first < cue.first and cue.last < content.last
    return _gap(content, cue) + (0 if same_sentence else 30) + (100 if inside else 0)


def _pick_source(spans: _BlockSpans, cue: Span, rival_cues: bool,
                 excluded: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The nearest SOURCE span in the cue's sentence (or within two tokens of the cue),
    preferring one no other cue has taken; on a tie the one before the cue. Sources starting
    within `excluded` (first and last token) are not considered.

    A source may serve several cues ("X said ... and added ..."), but only cues that follow it;
    one after the cue belongs to a nearer cue ("expected to ..., analysts say") when `rival_cues`."""
    block, sources, taken = spans.block, spans.sources, spans.taken
    sentence = block.sentence_of_token

    def eligible(source: Span) -> bool:  # false from the first source on, going away from the cue
        return sentence[source.first] == sentence[cue.first] or _gap(source, cue) <= 2

    def kept(source: Span) -> bool:
        return excluded is None or not excluded[0] <= source.first <= excluded[1]

    def nearest_free(k: int, step: int) -> Span | None:
        while True:
            k = spans.free_source(k, step)
            if not 0 <= k < len(sources) or not eligible(sources[k]):
                return None
            if kept(sources[k]):
                return sources[k]
            k += step

    split = bisect.bisect_left(spans.source_firsts, cue.first)
    nearest_taken = None
    for k in range(split - 1, -1, -1):
        if not eligible(sources[k]):
            break
        if kept(sources[k]):
            nearest_taken = sources[k] if id(sources[k]) in taken else None
            break
    before = nearest_free(split - 1, -1)
    after = nearest_free(split, 1)
    # A cue nearer to a source after this cue is nearer to all the ones after it too.
    if after and rival_cues and spans.other_cue_nearer(after, cue):
        after = None
    if before and after:
        source = before if _gap(before, cue) <= _gap(after, cue) else after
    else:
        source = before or after or nearest_taken
    if source is None:
        return fallback_source(block, cue.first, cue.last)
    taken.add(id(source))
    return source.first, source.last
