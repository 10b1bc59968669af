"""Who is cited, and how: attributions (source, cue, content) and hedges in news text.

A linear-chain CRF (python-crfsuite) tags every token of a paragraph as part of a SOURCE, CUE or
CONTENT span (BIO); the spans are then assembled into attributions by linking each content to the
nearest cue and each cue to the nearest source in its sentence. Without the trained model a rule
pass over reporting verbs ("X said", "according to X", '"..." he said', colons) does the tagging.
The source mention is then resolved to a speaker name (pronouns to the last named mention) and
classified (person, government, anonymous, ...).
"""

from __future__ import annotations

import bisect
import math
import re
import time
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from . import atomic, brat, config, schema
from .segment import sentence_spans
from .sourcing_lexicon import (
    ANONYMOUS_HEADS, CUE_CLASS_BY_WORD, DOCUMENT_WORDS, GOVERNMENT_WORDS, HEDGE_CLASSES, HEDGE_RE,
    MEDIA_WORDS, OFFICIAL_ROLES, ORGANIZATION_WORDS, PRONOUNS, REPORTING_WORDS, SPEECH_WORDS,
)
from .sourcing_citations import refine
from .sourcing_entities import entity_ids, resolve_entities
from .sourcing_speakers import category, content_kind, cue_class, source_type

__all__ = [
    "extract_attributions", "extract_attributions_with_rules", "find_hedges", "train_model",
    "load_model", "content_kind", "cue_class", "resolve_entities", "source_type",
]

ROLES = ("SRC", "CUE", "CON")
ROLE_OF_FIELD = {"source": "SRC", "cue": "CUE", "content": "CON"}

TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’\-.]\w+)*|[^\w\s]")
OPEN_QUOTES = {"“", "‘"}
CLOSE_QUOTES = {"”"}
TOGGLE_QUOTES = {'"'}
QUOTE_CHARS = OPEN_QUOTES | CLOSE_QUOTES | TOGGLE_QUOTES | {"’", "'"}
PUNCT_BREAK = {",", ";", ":", ".", "!", "?", "(", ")", "—", "–"} | QUOTE_CHARS
LINE_RE = re.compile(r"[^\n]+")
# A participle cue with no source ("..., adding that ...") continues the source cited before it,
# when that was at most this many characters earlier.
INHERIT_REACH = 1000


# ---------------------------------------------------------------------------------------------
# Tokens and features

@dataclass
class Block:
    """One paragraph (line) of an article as tokens with character offsets."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    sentence_of_token: list[int]
    context: tuple[str, ...] = ()

    @cached_property
    def sentence_start(self) -> list[int]:
        """For each token, the first token of its sentence in this block."""
        sentence, starts = self.sentence_of_token, []
        for k in range(len(sentence)):
            starts.append(k if k == 0 or sentence[k - 1] != sentence[k] else starts[-1])
        return starts

    @cached_property
    def quote_run_start(self) -> list[int]:
        """For each token, the first token of its sentence after the last opening quote mark."""
        sentence, words, starts = self.sentence_of_token, self.words, []
        for k in range(len(sentence)):
            starts.append(k if k == 0 or sentence[k - 1] != sentence[k] or words[k - 1] in {"“", '"'}
                          else starts[-1])
        return starts


def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], list[int], list[int]]:
    words, starts, ends = [], [], []
    for match in TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        words.append(match.group())
        starts.append(match.start())
        ends.append(match.end())
    return words, starts, ends


def article_blocks(text: str, sentence_starts: list[int]) -> list[Block]:
    """Tokens of each non-empty line; each token knows its sentence (index into sentence_starts)."""
    blocks = []
    for line in LINE_RE.finditer(text):
        words, starts, ends = tokenize(text, line.start(), line.end())
        if not words:
            continue
        sentence_of_token = [max(bisect.bisect_right(sentence_starts, s) - 1, 0) for s in starts]
        blocks.append(Block(words, starts, ends, sentence_of_token))
    for index, block in enumerate(blocks):
        block.context = _block_context(blocks, index)
    return blocks


def _block_context(blocks: list[Block], index: int) -> tuple[str, ...]:
    """Features shared by all tokens of a block, about the paragraphs around it: a quote often
    follows "X said:" or runs on from the paragraph before."""
    context = []
    if index == 0:
        context.append("ctx=first")
    else:
        previous = blocks[index - 1].words
        if previous[-1] == ":":
            context.append("ctx=prevcolon")
        if quote_states(previous)[-1] in ("in", "open"):
            context.append("ctx=prevopenquote")
        tail = previous[-12:]
        if any(w.lower() in SPEECH_WORDS for w in tail):
            context.append("ctx=prevspeech")
    if index + 1 < len(blocks) and any(w.lower() in SPEECH_WORDS for w in blocks[index + 1].words[:8]):
        context.append("ctx=nextspeech")
    if len(blocks[index].words) < 15:
        context.append("ctx=short")
    return tuple(context)


_SHAPE_CLASSES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "x" * 36 + "X" * 26)
_SHAPE_RUNS = re.compile(r"x+|X+")


def _shape(word: str) -> str:
    """'Ha-kyu' -> 'Xx-x', 'U.S.' -> 'X.X.' (digits count as lower case), cut to 4 characters."""
    return _SHAPE_RUNS.sub(lambda run: run.group()[0], word.translate(_SHAPE_CLASSES))[:4]


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[str, ...]:
    lower = word.lower()
    features = ["w=" + lower, "s3=" + lower[-3:], "sh=" + _shape(word)]
    cue_class = CUE_CLASS_BY_WORD.get(lower)
    if cue_class:
        features.append("lex=" + cue_class)
    if lower in SPEECH_WORDS:
        features.append("speech")
    if lower in PRONOUNS:
        features.append("pron=" + PRONOUNS[lower])
    if lower in OFFICIAL_ROLES:
        features.append("role")
    if lower in ANONYMOUS_HEADS:
        features.append("anon")
    if lower in DOCUMENT_WORDS or lower in MEDIA_WORDS:
        features.append("docmedia")
    stem = _stem(lower)
    if stem != lower:
        features.append("st=" + stem)
    return tuple(features)


def _stem(lower: str) -> str:
    """A crude lemma: "says", "said", "saying" do not all meet, but "claims"/"claimed"/"claiming" do."""
    for suffix in ("ing", "ed", "es", "s"):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            return lower[: -len(suffix)]
    return lower


@lru_cache(maxsize=400_000)
def neighbour_features(word: str, offset: int) -> tuple[str, ...]:
    lower = word.lower()
    prefix = f"{offset:+d}"
    features = [prefix + "w=" + lower, prefix + "sh=" + _shape(word)]
    cue_class = CUE_CLASS_BY_WORD.get(lower)
    if cue_class:
        features.append(prefix + "lex")
    if abs(offset) == 1 and lower in PRONOUNS:
        features.append(prefix + "pron")
    return tuple(features)


_NEAR_BUCKETS = ("0", "1", "2", "3", "4-6", "4-6", "4-6", "7-12", "7-12", "7-12", "7-12", "7-12", "7-12")


def _bucket(distance: int) -> str:
    return _NEAR_BUCKETS[distance] if distance < len(_NEAR_BUCKETS) else "far"


def quote_states(words: list[str]) -> list[str]:
    """For each token: 'open'/'close' for quote marks, 'in'/'out' for words."""
    states, inside = [], False
    for i, word in enumerate(words):
        if word in OPEN_QUOTES or (word in TOGGLE_QUOTES and not inside):
            inside = True
            states.append("open")
        elif word in CLOSE_QUOTES or (word in TOGGLE_QUOTES and inside):
            inside = False
            states.append("close")
        elif word == "’" and inside and (i + 1 == len(words) or not words[i + 1][0].isalnum()):
            states.append("close1")
        else:
            states.append("in" if inside else "out")
    return states


def block_features(block: Block) -> list[list[str]]:
    words = block.words
    n = len(words)
    quotes = quote_states(words)
    lowers = [w.lower() for w in words]
    is_lex = [lw in REPORTING_WORDS or lw == "according" for lw in lowers]
    sentence_of = block.sentence_of_token
    lex_positions: dict[int, list[int]] = {}
    quote_in_sentence: set[int] = set()
    sentence_first: dict[int, int] = {}
    sentence_last: dict[int, int] = {}
    for i in range(n):
        s = sentence_of[i]
        sentence_first.setdefault(s, i)
        sentence_last[s] = i
        if is_lex[i]:
            lex_positions.setdefault(s, []).append(i)
        if quotes[i] in ("open", "close"):
            quote_in_sentence.add(s)
    punct_count = [0] * (n + 1)
    for i, word in enumerate(words):
        punct_count[i + 1] = punct_count[i] + (word in PUNCT_BREAK)
    rows = []
    last_quote_mark = -100
    next_quote_marks = [i for i in range(n) if quotes[i] in ("open", "close")]
    next_pointer = 0
    first_sentence = sentence_of[0] if n else 0
    colon_seen_in: set[int] = set()
    for i in range(n):
        s = sentence_of[i]
        row = list(word_features(words[i]))
        row.extend(block.context)
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                row.extend(neighbour_features(words[j], offset))
            else:
                row.append(f"{offset:+d}pad")
        row.append("q=" + quotes[i])
        if i:
            row.append("bi=" + lowers[i - 1] + "|" + lowers[i])
        if i == sentence_first[s]:
            row.append("sfirst")
        if i == sentence_last[s]:
            row.append("slast")
        if s == first_sentence:
            row.append("pfirst")
        if s in quote_in_sentence:
            row.append("squote")
        if s in colon_seen_in:
            row.append("aftercolon")
        if words[i] == ":":
            colon_seen_in.add(s)
        positions = lex_positions.get(s)
        if positions:
            index = bisect.bisect_left(positions, i)
            if index == len(positions) or (index and i - positions[index - 1] <= positions[index] - i):
                index -= 1
            nearest = positions[index]
            side = "at" if nearest == i else ("before" if i < nearest else "after")
            row.append("lexrel=" + side + _bucket(abs(nearest - i)))
            row.append("lexw=" + side + "|" + lowers[nearest])
            low, high = (i, nearest) if i < nearest else (nearest, i)
            if punct_count[high] - punct_count[low] == 0:
                row.append("lexnopunct=" + side)
        else:
            row.append("nolex")
        if quotes[i] in ("open", "close"):
            last_quote_mark = i
        while next_pointer < len(next_quote_marks) and next_quote_marks[next_pointer] <= i:
            next_pointer += 1
        if next_pointer < len(next_quote_marks):
            row.append("nextq=" + quotes[next_quote_marks[next_pointer]] + _bucket(next_quote_marks[next_pointer] - i))
        row.append("lastq=" + _bucket(i - last_quote_mark))
        if words[i][0].isupper() and i + 1 < n and words[i + 1][0].isupper():
            row.append("caprun")
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# Labels from gold spans (training)

def block_labels(block: Block, spans: list[tuple[str, int, int, int]]) -> list[str]:
    """BIO labels; `spans` are (role, start, end, priority): higher priority wins on overlap."""
    labels = ["O"] * len(block.words)
    owner = [(-1, -1)] * len(block.words)
    block_start, block_end = block.starts[0], block.ends[-1]
    for span_index, (role, start, end, priority) in enumerate(spans):
        if end <= block_start or start >= block_end:
            continue
        first = bisect.bisect_left(block.ends, start + 1)
        for i in range(first, len(block.words)):
            if block.starts[i] >= end:
                break
            if priority > owner[i][0]:
                owner[i] = (priority, span_index)
                labels[i] = role
    out = []
    for i, label in enumerate(labels):
        if label == "O":
            out.append("O")
        elif i and owner[i - 1][1] == owner[i][1] and labels[i - 1] == label:
            out.append("I-" + label)
        else:
            out.append("B-" + label)
    return out


def gold_spans(document: brat.Document) -> list[tuple[str, int, int, int]]:
    spans = []
    priorities = {"CUE": 3, "SRC": 2, "CON": 1}
    for attribution in document.attributions:
        for field_name, role in ROLE_OF_FIELD.items():
            for start, end in getattr(attribution, field_name):
                spans.append((role, start, end, priorities[role]))
    return spans


# ---------------------------------------------------------------------------------------------
# Assembling tagged spans into attributions

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
        anchor = min(spans.candidate_cues(content), key=lambda cue: _content_cue_cost(content, cue, sentence),
                     default=None)
        if anchor is None or _content_cue_cost(content, anchor, sentence) >= 100:
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
            orphan = _outer_attribution(spans, cue, extents) or _rule_content_attribution(spans, cue)
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


def _tidy_spans(block: Block, spans: list[Span]) -> list[Span]:
    """A cue that runs on past its reporting word ("also said Tuesday the ministry is") ends
    there; the rest is content. Adverbs and days around a cue or after a source ("also said
    Tuesday", "North Korea meanwhile") are not part of it."""
    out = []
    for span in spans:
        lower = [w.lower() for w in block.words[span.first:span.last + 1]]
        if span.role == "CUE":
            while len(lower) > 1 and lower[0] in _ADVERBS:
                lower.pop(0)
                span = Span("CUE", span.first + 1, span.last)
            while len(lower) > 1 and lower[-1] in _CUE_TRAILING:
                lower.pop()
                span = Span("CUE", span.first, span.last - 1)
        elif span.role == "SRC":
            while len(lower) > 1 and lower[-1] in _ADVERBS:
                lower.pop()
                span = Span("SRC", span.first, span.last - 1)
            comma = _swallowed_clause_end(block, span)
            if comma is not None:
                out.append(Span("CON", span.first, comma - 1))
                span = Span("SRC", comma + 1, span.last)
        if span.role == "CUE" and span.last - span.first + 1 > MAX_CUE_TOKENS:
            verb = next((k for k in range(span.first, span.last + 1)
                         if block.words[k].lower() in REPORTING_WORDS), None)
            if verb is not None and verb < span.last:
                out.append(Span("CUE", span.first, verb))
                out.append(Span("CON", verb + 1, span.last))
                continue
        out.append(span)
    return out


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
    if len(before) >= 4 and lower_words >= 2 and len(after) <= 6 and _looks_like_source(after):
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
    if not contents:
        return _postposed_attribution(spans, cue)
    content = min(contents, key=lambda s: _gap(s, cue))
    return RawAttribution((cue.first, cue.last), _pick_source(spans, cue, rival_cues=False),
                          [(content.first, content.last)])


def _postposed_attribution(spans: _BlockSpans, cue: Span) -> RawAttribution | None:
    """'The strike will continue, union leader Hana Okafor said on Tuesday.': a source and speech
    cue after a comma report the clause before it, back to the start of the sentence."""
    block = spans.block
    before = bisect.bisect_left(spans.source_firsts, cue.first) - 1
    source = spans.sources[before] if before >= 0 and spans.sources[before].last + 1 == cue.first else None
    if source is None:
        fallback = _fallback_source(block, cue)
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
            source = _source_left(words, k, content.first)
            if source is None:
                return None
            body = k + 1
            if body < content.last and words[body].lower() == "that":
                body += 1
            return RawAttribution((k, k), source, [(body, content.last)])
    return None


def _content_cue_cost(content: Span, cue: Span, sentence: list[int]) -> float:
    same_sentence = sentence[cue.first] in (sentence[content.first], sentence[content.last])
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
        return _fallback_source(block, cue)
    taken.add(id(source))
    return source.first, source.last


def _fallback_source(block: Block, cue: Span) -> tuple[int, int] | None:
    """The noun phrase right before the cue ("Analysts say") or right after it ("said Smith"),
    for speech cues only: other cues ("is expected", "seems") often have no source at all."""
    words = block.words
    if not any(words[k].lower() in SPEECH_WORDS for k in range(cue.first, cue.last + 1)):
        return None
    left = _source_left(words, cue.first, block.sentence_start[cue.first])
    if left and _looks_like_source(words[left[0]:left[1] + 1]):
        return left
    right = _source_right(words, cue.last, len(words) - 1)
    if right and _looks_like_source(words[right[0]:right[1] + 1]):
        return right
    return None


_SOURCE_HEADS = ANONYMOUS_HEADS | OFFICIAL_ROLES | DOCUMENT_WORDS | MEDIA_WORDS | GOVERNMENT_WORDS | ORGANIZATION_WORDS
_SOURCE_INNER = {"the", "a", "an", "of", "for", "and", "some", "many", "other", "senior", "top", "former", "u.s."}
_NOT_NAMES = {"after", "having", "when", "if", "as", "but", "and", "so", "asked", "while", "before", "since",
              "although", "though", "then", "yet", "in", "on", "at", "for", "with", "by", "it", "this", "there"}


def _looks_like_source(words: list[str]) -> bool:
    """A pronoun, a capitalised name, or a short noun phrase ending in a source word
    ("senior officials", "the ministry"): not a stray clause picked up by the fallback."""
    lowers = [w.lower() for w in words]
    if len(words) == 1 and lowers[0] in PRONOUNS and lowers[0] not in {"it", "that", "which"}:
        return True
    if lowers[0] in _NOT_NAMES or len(words) > 6:
        return False
    if not (words[-1][:1].isupper() or lowers[-1] in _SOURCE_HEADS):
        return False
    return all(w[:1].isupper() or lw in _SOURCE_INNER or lw in _SOURCE_HEADS for w, lw in zip(words, lowers))


# ---------------------------------------------------------------------------------------------
# Rule tagging (no model, and the speed baseline)

_SOURCE_SKIP = {"also", "then", "later", "previously", "earlier", "has", "have", "had", "had", "once",
                "repeatedly", "again", "reportedly", "last", "week", "recently", "publicly", "would"}
_SOURCE_STOP = {"and", "but", "or", "that", "which", "because", "if", "when", "while", "as", "so",
                "is", "are", "was", "were", "be", "to", "of", "in", "on", "at", "for", "with", "it"}
_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "today", "yesterday", "tonight", "last", "week", "month", "year", "on", "earlier",
               "this", "morning", "evening", "afternoon", "night", "recently", "also", "later"}


def _source_left(words: list[str], verb: int, floor: int) -> tuple[int, int] | None:
    i = verb - 1
    while i >= floor and words[i].lower() in _SOURCE_SKIP:
        i -= 1
    last = i
    while i >= floor and i > last - 8:
        word = words[i]
        if word in PUNCT_BREAK or word.lower() in _SOURCE_STOP or word.lower() in SPEECH_WORDS:
            break
        i -= 1
    first = i + 1
    return (first, last) if first <= last else None


def _source_right(words: list[str], verb: int, ceiling: int) -> tuple[int, int] | None:
    i = verb + 1
    first = i
    while i <= ceiling and i < first + 8 and words[i] not in PUNCT_BREAK and words[i].lower() not in _SOURCE_STOP:
        i += 1
    return (first, i - 1) if i > first else None


def rule_labels(block: Block) -> list[str]:
    """BIO labels from reporting-verb patterns, sentence by sentence."""
    words = block.words
    labels = ["O"] * len(words)
    lowers = [w.lower() for w in words]
    sentence = block.sentence_of_token
    bounds: dict[int, list[int]] = {}
    for i, s in enumerate(sentence):
        bounds.setdefault(s, [i, i])[1] = i

    def mark(role: str, first: int, last: int) -> None:
        for k in range(first, last + 1):
            if labels[k] == "O":
                labels[k] = ("B-" if k == first else "I-") + role

    for s, (lo, hi) in bounds.items():
        end = hi - 1 if words[hi] in {".", "!", "?"} else hi
        colon = next((k for k in range(lo, hi) if words[k] == ":" and k > lo), None)
        verbs = [k for k in range(lo, hi + 1) if lowers[k] in SPEECH_WORDS or
                 (lowers[k] == "according" and k < hi and lowers[k + 1] == "to")]
        if not verbs and colon is not None and colon - lo <= 8 and words[lo][0].isupper():
            mark("SRC", lo, colon - 1)
            mark("CUE", colon, colon)
            mark("CON", colon + 1, end)
            continue
        for verb in verbs[:1]:
            if lowers[verb] == "according":
                mark("CUE", verb, verb + 1)
                src_end = next((k for k in range(verb + 2, hi + 1) if words[k] in PUNCT_BREAK), hi + 1) - 1
                if src_end >= verb + 2:
                    mark("SRC", verb + 2, src_end)
                if verb - 1 > lo:
                    mark("CON", lo, verb - 2 if words[verb - 1] == "," else verb - 1)
                elif src_end + 2 <= end:
                    mark("CON", src_end + 2, end)
                continue
            mark("CUE", verb, verb)
            before_is_content = verb - lo >= 3 and any(words[k] in {",", "”", '"'} for k in (verb - 1, verb - 2, verb - 3) if k >= lo)
            if before_is_content:
                comma = max(k for k in range(lo, verb) if words[k] in {",", "”", '"'})
                source = _source_left(words, verb, comma + 1) or _source_right(words, verb, hi)
                if source:
                    mark("SRC", *source)
                content_end = comma - 1 if words[comma] == "," else comma
                while content_end > lo and words[content_end] in {",", "”", '"'}:
                    content_end -= 1
                mark("CON", lo, content_end)
                continue
            source = _source_left(words, verb, lo)
            if source:
                mark("SRC", *source)
            k = verb + 1
            if lowers[verb] in {"told", "tell", "tells", "asked"}:
                while k <= end and words[k] not in PUNCT_BREAK and lowers[k] != "that" and k < verb + 5:
                    k += 1
            if k + 2 <= end and lowers[k] == "in" and lowers[k + 1] in {"a", "an", "the"}:
                k += 3
            while k <= end and (lowers[k] in _TIME_WORDS or words[k] in {",", ":"}):
                k += 1
            if k <= end and lowers[k] == "that":
                k += 1
            if k <= end:
                mark("CON", k, end)
    return labels


# ---------------------------------------------------------------------------------------------
# The model

class Model:
    """A trained CRF tagger, loaded once per path."""

    def __init__(self, path: Path):
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))

    def labels(self, block: Block) -> list[str]:
        return self.tagger.tag(block_features(block))


@lru_cache(maxsize=4)
def _load_model(path: str, mtime: float) -> Model:
    return Model(Path(path))


def load_model(model_path: Path | str | None = None) -> Model | None:
    """The CRF model at `model_path` (default: the bundled one); None when there is none."""
    path = Path(model_path) if model_path else config.ATTRIBUTION_MODEL
    if not path.exists():
        if model_path:
            raise FileNotFoundError(f"attribution model not found: {path}")
        return None
    return _load_model(str(path), path.stat().st_mtime)


def train_model(corpus_dir: Path, out: Path, c1: float = 4.0, c2: float = 0.01,
                max_iterations: int = 200, min_freq: int = 2) -> dict:
    """Train the CRF from a brat-annotated folder; write it atomically to `out`; return stats."""
    import pycrfsuite

    started = time.perf_counter()
    documents = brat.read_corpus(Path(corpus_dir))
    if not documents:
        raise ValueError(f"no annotated documents (.txt with .ann) found in {corpus_dir}")
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tokens = n_blocks = n_attributions = 0
    for document in documents:
        spans = gold_spans(document)
        n_attributions += len(document.attributions)
        starts = [s for s, _ in sentence_spans(document.text)]
        for block in article_blocks(document.text, starts):
            trainer.append(block_features(block), block_labels(block, spans))
            n_tokens += len(block.words)
            n_blocks += 1
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": max_iterations,
        "feature.minfreq": min_freq, "feature.possible_transitions": True,
    })
    out = Path(out)
    with atomic.replacing(out) as temporary:
        trainer.train(str(temporary))
    return {
        "documents": len(documents), "attributions": n_attributions, "blocks": n_blocks,
        "tokens": n_tokens, "seconds": round(time.perf_counter() - started, 1),
        "model_bytes": out.stat().st_size, "model": str(out),
    }


# ---------------------------------------------------------------------------------------------
# Public API

def _float(value: int | None) -> float:
    return math.nan if value is None else float(value)


def extract_attributions(articles: pd.DataFrame, sentences: pd.DataFrame,
                         model_path: Path | str | None = None) -> pd.DataFrame:
    """One row per attribution (columns of `schema.ATTRIBUTIONS`); the bundled CRF model when it
    is present, else the rule pass."""
    model = load_model(model_path)
    tag = model.labels if model else rule_labels
    return _extract(articles, sentences, tag)


def extract_attributions_with_rules(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    return _extract(articles, sentences, rule_labels)


def _sentences_by_article(sentences: pd.DataFrame) -> dict[str, tuple[list[int], list[int]]]:
    """Article id -> (sentence starts, sentence ids), in text order."""
    by_article: dict[str, tuple[list[int], list[int]]] = {}
    if len(sentences):
        ordered = sentences.sort_values(["article_id", "start"])
        for article_id, start, sentence_id in zip(ordered["article_id"], ordered["start"], ordered["sentence_id"]):
            starts, ids = by_article.setdefault(article_id, ([], []))
            starts.append(int(start))
            ids.append(int(sentence_id))
    return by_article


def _extract(articles: pd.DataFrame, sentences: pd.DataFrame, tag) -> pd.DataFrame:
    sentences_by_article = _sentences_by_article(sentences)
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str) or not text.strip():
            continue
        starts, sentence_ids = sentences_by_article.get(article_id) or ([0], [0])
        found = []
        for block in article_blocks(text, starts):
            for raw in assemble(block, tag(block)):
                offsets = _to_offsets(block, raw)
                # "is expected", "seems": a state of mind nobody holds is a hedge, not a citation.
                if raw.source is None and cue_class(text[offsets["cue_start"]:offsets["cue_end"]]) == "belief":
                    continue
                # "It is not clear whether ...": a statement of uncertainty (a hedge), not a source.
                if raw.source is not None and _is_uncertainty(text[offsets["source_start"]:offsets["cue_end"]]):
                    continue
                found.append(offsets)
        found = refine(sorted(found, key=lambda a: a["content_start"]), text)
        found, mentions, resolved = _resolve_sources(found, text)
        entities = entity_ids(resolved)
        official_entities = {e for e, r in zip(entities, resolved) if r.official and r.speaker}
        for attribution_id, (offsets, mention, source, entity) in enumerate(zip(found, mentions, resolved, entities)):
            cue = text[offsets["cue_start"]:offsets["cue_end"]]
            content = text[offsets["content_start"]:offsets["content_end"]]
            sentence_index = max(bisect.bisect_right(starts, offsets["cue_start"]) - 1, 0)
            is_person = source.source_type == "person"
            rows.append({
                "article_id": article_id,
                "attribution_id": attribution_id,
                "sentence_id": sentence_ids[min(sentence_index, len(sentence_ids) - 1)],
                "source_text": mention,
                "source_start": _float(offsets["source_start"]),
                "source_end": _float(offsets["source_end"]),
                "speaker": source.speaker,
                "source_type": source.source_type,
                "named": bool(source.named),
                "official": entity in official_entities,
                "entity_id": entity,
                "category": category(cue, source.source_type),
                "is_citation": bool(offsets["citation"]),
                "relation_id": offsets["relation"],
                "gender": (source.gender or "unknown") if is_person else None,
                "gender_basis": source.gender_basis if is_person else None,
                "cue_text": cue,
                "cue_start": offsets["cue_start"],
                "cue_end": offsets["cue_end"],
                "cue_class": cue_class(cue),
                "content_text": content,
                "content_start": offsets["content_start"],
                "content_end": offsets["content_end"],
                "kind": content_kind(*(text[start:end] for start, end in offsets["content_fragments"])),
                "content_compound": math.nan,
            })
    if not rows:
        return schema.empty(schema.ATTRIBUTIONS)
    return pd.DataFrame(rows, columns=schema.ATTRIBUTIONS)


def _resolve_sources(found: list[dict], text: str) -> tuple[list[dict], list[str | None], list]:
    """The mention as written and the resolved source of each attribution of one article, one row
    per speaker of a joint statement. A quote paragraph goes on with the source(s) before it, and so
    does a quote or participle cue ("..., adding that") that no source claims."""
    mentions = [text[a["source_start"]:a["source_end"]] if a["source_start"] is not None else None for a in found]
    positions = [a["source_start"] if a["source_start"] is not None else a["cue_start"] for a in found]
    order = sorted(range(len(found)), key=lambda k: positions[k])
    resolved = [None] * len(found)
    for k, sources in zip(order, resolve_entities([(mentions[k], positions[k]) for k in order], text)):
        resolved[k] = sources
    by_identity = {id(a): k for k, a in enumerate(found)}
    for k, offsets in enumerate(found):
        if "continues" in offsets:
            resolved[k] = resolved[by_identity[offsets["continues"]]]
        elif mentions[k] is None and k and offsets["citation"] and (_is_quote(text, offsets) or (
                _is_participle(text, offsets) and offsets["cue_start"] - found[k - 1]["content_end"] < INHERIT_REACH)):
            resolved[k] = resolved[k - 1]
    rows = [(offsets, mention, source) for offsets, mention, sources in zip(found, mentions, resolved)
            for source in sources]
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def _is_participle(text: str, offsets: dict) -> bool:
    cue = text[offsets["cue_start"]:offsets["cue_end"]].split()
    return bool(cue) and cue[0].lower().endswith("ing") and cue[0].lower() != "according"


def _is_quote(text: str, offsets: dict) -> bool:
    return content_kind(text[offsets["content_start"]:offsets["content_end"]]) == "direct"


def _is_uncertainty(source_and_cue: str) -> bool:
    match = HEDGE_RE.fullmatch(source_and_cue.strip())
    return bool(match) and HEDGE_CLASSES[int(match.lastgroup[1:])] == "uncertainty"


def _to_offsets(block: Block, raw: RawAttribution) -> dict:
    def chars(tokens: tuple[int, int] | None) -> tuple[int | None, int | None]:
        if tokens is None:
            return None, None
        return block.starts[tokens[0]], block.ends[tokens[1]]

    content_first = min(first for first, _ in raw.contents)
    content_last = max(last for _, last in raw.contents)
    source_start, source_end = chars(raw.source)
    cue_start, cue_end = chars(raw.cue)
    content_start, content_end = chars((content_first, content_last))
    return {"source_start": source_start, "source_end": source_end, "cue_start": cue_start,
            "cue_end": cue_end, "content_start": content_start, "content_end": content_end,
            "content_fragments": [chars(fragment) for fragment in raw.contents]}


def find_hedges(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Hedges and statements of uncertainty ("reportedly", "it's not clear", "is said to", ...)."""
    sentences_by_article = _sentences_by_article(sentences)
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str):
            continue
        starts, sentence_ids = sentences_by_article.get(article_id) or ([0], [0])
        for match in HEDGE_RE.finditer(text):
            group_index = int(match.lastgroup[1:])
            sentence_index = max(bisect.bisect_right(starts, match.start()) - 1, 0)
            rows.append((article_id, sentence_ids[min(sentence_index, len(sentence_ids) - 1)],
                         match.start(), match.end(), match.group(), HEDGE_CLASSES[group_index]))
    if not rows:
        return schema.empty(schema.HEDGES)
    return pd.DataFrame(rows, columns=schema.HEDGES)
