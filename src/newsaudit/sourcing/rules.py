"""Tagging without a model: reporting verbs with the noun phrase before or after them ("X said",
"said X", "according to X", '"...," he said', "X:"). The fallback when no model is bundled, the
speed baseline, and what assembly falls back on to find a source the model left out."""

from __future__ import annotations

from .features import PUNCT_BREAK, Block
from .lexicon import (
    ANONYMOUS_HEADS, DOCUMENT_WORDS, GOVERNMENT_WORDS, MEDIA_WORDS, OFFICIAL_ROLES, ORGANIZATION_WORDS,
    PRONOUNS, SPEECH_WORDS,
)


_SOURCE_HEADS = ANONYMOUS_HEADS | OFFICIAL_ROLES | DOCUMENT_WORDS | MEDIA_WORDS | GOVERNMENT_WORDS | ORGANIZATION_WORDS
_SOURCE_INNER = {"the", "a", "an", "of", "for", "and", "some", "many", "other", "senior", "top", "former", "u.s."}
_NOT_NAMES = {"after", "having", "when", "if", "as", "but", "and", "so", "asked", "while", "before", "since",
              "although", "though", "then", "yet", "in", "on", "at", "for", "with", "by", "it", "this", "there"}


def looks_like_source(words: list[str]) -> bool:
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


_SOURCE_SKIP = {"also", "then", "later", "previously", "earlier", "has", "have", "had", "once",
                "repeatedly", "again", "reportedly", "last", "week", "recently", "publicly", "would", "both"}
_SOURCE_STOP = {"and", "but", "or", "that", "which", "because", "if", "when", "while", "as", "so",
                "is", "are", "was", "were", "be", "to", "of", "in", "on", "at", "for", "with", "it"}
_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "today", "yesterday", "tonight", "last", "week", "month", "year", "on", "earlier",
               "this", "morning", "evening", "afternoon", "night", "recently", "also", "later"}


def source_left(words: list[str], verb: int, floor: int) -> tuple[int, int] | None:
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


def source_right(words: list[str], verb: int, ceiling: int) -> tuple[int, int] | None:
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
                source = source_left(words, verb, comma + 1) or source_right(words, verb, hi)
                if source:
                    mark("SRC", *source)
                content_end = comma - 1 if words[comma] == "," else comma
                while content_end > lo and words[content_end] in {",", "”", '"'}:
                    content_end -= 1
                mark("CON", lo, content_end)
                continue
            source = source_left(words, verb, lo)
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


def fallback_source(block: Block, cue_first: int, cue_last: int) -> tuple[int, int] | None:
    """The noun phrase right before the cue ("Analysts say") or right after it ("said Smith"),
    for speech cues only: other cues ("is expected", "seems") often have no source at all."""
    words = block.words
    if not any(words[k].lower() in SPEECH_WORDS for k in range(cue_first, cue_last + 1)):
        return None
    left = source_left(words, cue_first, block.sentence_start[cue_first])
    if left and looks_like_source(words[left[0]:left[1] + 1]):
        return left
    right = source_right(words, cue_last, len(words) - 1)
    if right and looks_like_source(words[right[0]:right[1] + 1]):
        return right
    return None
