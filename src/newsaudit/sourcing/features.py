"""A paragraph as tokens with character offsets (`Block`), and the CRF's features for each token:
the word's shape and stem, reporting and source words near it, quote marks, and the paragraphs
around it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .lexicon import (
    ANONYMOUS_HEADS, CUE_CLASS_BY_WORD, DOCUMENT_WORDS, MEDIA_WORDS, OFFICIAL_ROLES, PRONOUNS,
    REPORTING_WORDS, SPEECH_WORDS,
)


TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’\-.]\w+)*|[^\w\s]")
OPEN_QUOTES = {"“", "‘"}
CLOSE_QUOTES = {"”"}
TOGGLE_QUOTES = {'"'}
QUOTE_CHARS = OPEN_QUOTES | CLOSE_QUOTES | TOGGLE_QUOTES | {"’", "'"}
PUNCT_BREAK = {",", ";", ":", ".", "!", "?", "(", ")", "—", "–"} | QUOTE_CHARS
LINE_RE = re.compile(r"[^\n]+")

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


_PAD = {offset: (f"{offset:+d}pad",) for offset in (-2, -1, 1, 2)}
_QUOTE_FEATURE = {state: "q=" + state for state in ("open", "close", "close1", "in", "out")}
_LASTQ = tuple("lastq=" + _bucket(d) for d in range(len(_NEAR_BUCKETS) + 1))
_NEXTQ = {state: tuple(f"nextq={state}{_bucket(d)}" for d in range(len(_NEAR_BUCKETS) + 1)) for state in ("open", "close")}
_LEXREL = {side: tuple(f"lexrel={side}{_bucket(d)}" for d in range(len(_NEAR_BUCKETS) + 1))
           for side in ("at", "before", "after")}


def block_features(block: Block) -> list[list[str]]:
    words = block.words
    n = len(words)
    quotes = quote_states(words)
    lowers = [w.lower() for w in words]
    sentence_of = block.sentence_of_token
    lex_positions: dict[int, list[int]] = {}
    quote_in_sentence: set[int] = set()
    sentence_first: dict[int, int] = {}
    sentence_last: dict[int, int] = {}
    for i in range(n):
        s = sentence_of[i]
        sentence_first.setdefault(s, i)
        sentence_last[s] = i
        if lowers[i] in REPORTING_WORDS or lowers[i] == "according":
            lex_positions.setdefault(s, []).append(i)
        if quotes[i] in ("open", "close"):
            quote_in_sentence.add(s)
    punct_count = [0] * (n + 1)
    for i, word in enumerate(words):
        punct_count[i + 1] = punct_count[i] + (word in PUNCT_BREAK)
    first_sentence = sentence_of[0] if n else 0
    sentence_tags = {s: ("pfirst",) * (s == first_sentence) + ("squote",) * (s in quote_in_sentence)
                     for s in sentence_first}
    # what the words around each token contribute: (-2, -1) before it, (+1, +2) after it
    before = [_PAD[-2] + _PAD[-1]] if n else []
    if n > 1:
        before.append(_PAD[-2] + neighbour_features(words[0], -1))
    before += [neighbour_features(words[i - 2], -2) + neighbour_features(words[i - 1], -1) for i in range(2, n)]
    after = [neighbour_features(words[i + 1], 1) + neighbour_features(words[i + 2], 2) for i in range(n - 2)]
    if n > 1:
        after.append(neighbour_features(words[n - 1], 1) + _PAD[2])
    if n:
        after.append(_PAD[1] + _PAD[2])
    rows = []
    context = block.context
    last_quote_mark = -100
    next_quote_marks = [i for i in range(n) if quotes[i] in ("open", "close")]
    next_pointer = 0
    colon_seen_in: set[int] = set()
    far = len(_NEAR_BUCKETS)
    for i in range(n):
        s = sentence_of[i]
        quote = quotes[i]
        row = [*word_features(words[i]), *context, *before[i], *after[i], _QUOTE_FEATURE[quote]]
        if i:
            row.append("bi=" + lowers[i - 1] + "|" + lowers[i])
        if i == sentence_first[s]:
            row.append("sfirst")
        if i == sentence_last[s]:
            row.append("slast")
        row.extend(sentence_tags[s])
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
            row.append(_LEXREL[side][min(abs(nearest - i), far)])
            row.append("lexw=" + side + "|" + lowers[nearest])
            low, high = (i, nearest) if i < nearest else (nearest, i)
            if punct_count[high] - punct_count[low] == 0:
                row.append("lexnopunct=" + side)
        else:
            row.append("nolex")
        if quote == "open" or quote == "close":
            last_quote_mark = i
        while next_pointer < len(next_quote_marks) and next_quote_marks[next_pointer] <= i:
            next_pointer += 1
        if next_pointer < len(next_quote_marks):
            mark = next_quote_marks[next_pointer]
            row.append(_NEXTQ[quotes[mark]][min(mark - i, far)])
        row.append(_LASTQ[min(i - last_quote_mark, far)])
        if words[i][0].isupper() and i + 1 < n and words[i + 1][0].isupper():
            row.append("caprun")
        rows.append(row)
    return rows
