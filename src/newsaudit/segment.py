"""Sentences with character offsets, using NLTK's Punkt with no downloaded model.

Punkt runs untrained with a list of news abbreviations, inside each paragraph (blank-line
separated), so a sentence never spans a paragraph break or a headline. A paragraph longer than
`PIECE_CHARS` is first cut into pieces of at most that size at sentence-like boundaries (a full
stop, ! or ? and the space after it; else a line break; else a space), so the work is linear in the
text whatever the paragraph length: NLTK runs each regular expression over the whole string it is
given under a 5-second limit, which a multi-megabyte paragraph would exceed.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from . import schema

# Lower-case, without the final period, as Punkt stores them.
NEWS_ABBREVIATIONS = {
    # titles and ranks
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "lt", "gen", "col", "maj", "capt", "sgt",
    "cmdr", "adm", "pres", "sec", "amb", "rev", "fr", "st", "hon", "supt", "insp", "det", "atty",
    "jr", "sr", "messrs",
    # places and organisations
    "u.s", "u.k", "u.n", "e.u", "d.c", "n.y", "l.a", "calif", "fla", "mass", "ariz", "penn", "va",
    "wash", "ill", "mich", "tenn", "conn", "ore", "colo", "okla", "minn", "wis", "ky", "ala", "ga",
    "co", "corp", "inc", "ltd", "bros", "dept", "univ", "assn", "no", "nos", "vol",
    # months and days
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    # others
    "a.m", "p.m", "e.g", "i.e", "etc", "vs", "approx", "est", "ft", "mt", "ave", "blvd", "rd",
}


class _NewsLanguageVars(PunktLanguageVars):
    # Curly closing quotes and brackets may follow the sentence-final period.
    _re_non_word_chars = r"(?:[)\";}\]\*:@\'\({\[!?“”‘’])"


@lru_cache(maxsize=1)
def tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    return PunktSentenceTokenizer(params, lang_vars=_NewsLanguageVars())


# Longest stretch of text given to Punkt at once.
PIECE_CHARS = 20_000
_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", re.S)
_QUOTE_END = "!?\"”’'"
_OPENING_QUOTES = "\"“‘'"
_LEADING_CLOSER = re.compile(r"^(?:[”’)\]]+|[\"']+(?=\s|$))")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """`[start, end)` offsets of each sentence in `text`, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    punkt = tokenizer()
    for paragraph in _PARAGRAPH.finditer(text):
        found = []
        for base, piece_end in _pieces(text, paragraph.start(), paragraph.end()):
            found += [(base + s, base + e) for s, e in punkt.span_tokenize(text[base:piece_end])]
        for start, end in _fix_quotes(text, found):
            spans.extend(_split_lines(text, start, end))
    return spans


# Where a long paragraph may be cut: after a sentence end and its spaces, or at a line break.
_SENTENCE_BOUNDARY = re.compile(r"[.!?…][\"”’')\]]*\s+|\n")
_SPACE = re.compile(r"\s+")


def _pieces(text: str, start: int, end: int, limit: int | None = None) -> list[tuple[int, int]]:
    """`[start, end)` cut into pieces of at most `limit` characters, each ending at the last
    sentence boundary in the second half of its window (else the last whitespace there, else at
    the limit). Each window is scanned once, so this is linear in the paragraph's length."""
    limit = limit or PIECE_CHARS
    pieces = []
    while end - start > limit:
        window_end, earliest = start + limit, start + limit // 2
        cut = None
        for pattern in (_SENTENCE_BOUNDARY, _SPACE):
            for match in pattern.finditer(text, earliest, window_end):
                cut = match.end()
            if cut is not None:
                break
        cut = cut or window_end
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _dangling_opener(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where an opening quote (after whitespace) closes the span `[start, end)`: the start of the
    whitespace before it and the quote's own start; None when the span does not end so."""
    quote = end
    while quote > start and text[quote - 1] in _OPENING_QUOTES:
        quote -= 1
    space = quote
    while space > start and text[space - 1].isspace():
        space -= 1
    if quote == end or space == quote:
        return None
    return space, quote


def _fix_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt can leave an opening quote at the end of a sentence, or a closing one at the start of
    the next: give each quote mark to the sentence it belongs to."""
    spans = list(spans)
    for i in range(len(spans) - 1):
        start, end = spans[i]
        opener = _dangling_opener(text, start, end)
        if opener:
            spans[i] = (start, opener[0])
            spans[i + 1] = (opener[1], spans[i + 1][1])
    for i in range(1, len(spans)):
        start, end = spans[i]
        closer = _LEADING_CLOSER.match(text[start:end])
        if closer and not text[spans[i - 1][1]:start].strip():
            moved = start + closer.end()
            spans[i - 1] = (spans[i - 1][0], moved)
            spans[i] = (moved, end)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if not text[start:end].strip():
            continue
        # '"We will win!" he said.': a lower-case word after ! ? or a quote continues the sentence.
        if merged and text[start].islower() and text[merged[-1][1] - 1] in _QUOTE_END:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Single newlines inside a paragraph separate lines of scraped text (bylines, captions)."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: `article_id`, `sentence_id`, `start`, `end`, `text`."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str):
            continue
        for sentence_id, (start, end) in enumerate(sentence_spans(text)):
            rows.append((article_id, sentence_id, start, end, text[start:end]))
    if not rows:
        return schema.empty(["article_id", "sentence_id", "start", "end", "text"])
    frame = pd.DataFrame(rows, columns=["article_id", "sentence_id", "start", "end", "text"])
    return frame.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})
