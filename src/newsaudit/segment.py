"""Sentences with character offsets, using NLTK's Punkt with no downloaded model.

Punkt runs untrained with a list of news abbreviations, inside each paragraph (blank-line
separated), so a sentence never spans a paragraph break or a headline.
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


_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", re.S)
_QUOTE_END = "!?\"”’'"
_DANGLING_OPENER = re.compile(r"\s+[\"“‘']+$")
_LEADING_CLOSER = re.compile(r"^(?:[”’)\]]+|[\"']+(?=\s|$))")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """`[start, end)` offsets of each sentence in `text`, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    punkt = tokenizer()
    for paragraph in _PARAGRAPH.finditer(text):
        base = paragraph.start()
        found = [(base + s, base + e) for s, e in punkt.span_tokenize(paragraph.group())]
        for start, end in _fix_quotes(text, found):
            spans.extend(_split_lines(text, start, end))
    return spans


def _fix_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt can leave an opening quote at the end of a sentence, or a closing one at the start of
    the next: give each quote mark to the sentence it belongs to."""
    spans = list(spans)
    for i in range(len(spans) - 1):
        start, end = spans[i]
        opener = _DANGLING_OPENER.search(text, start, end)
        if opener:
            quote_start = opener.start() + len(opener.group()) - len(opener.group().lstrip())
            spans[i] = (start, opener.start())
            spans[i + 1] = (quote_start, spans[i + 1][1])
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
