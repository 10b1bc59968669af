"""The sourcing stage: articles and sentences in, the `attributions` table out. Paragraphs are
tagged (CRF or rules), assembled, refined into citations, and their sources resolved to entities
with type, official status and gender."""

from __future__ import annotations

import bisect
import math
import re
from pathlib import Path

import pandas as pd

from .. import schema
from .assemble import RawAttribution, assemble
from .citations import refine, with_introduced_sources
from .entities import entity_ids, resolve_entities
from .features import Block, article_blocks
from .lexicon import FUNCTION_WORDS, HEDGE_CLASSES, HEDGE_RE, PRONOUNS
from .model import load_model
from .rules import rule_labels
from .speakers import category, content_kind, cue_class
from .subjects import AND_BEFORE, INTRODUCTION_WORDS, SENTENCE_END

# A participle cue with no source ("..., adding that ...") continues the source cited before it,
# when that was at most this many characters earlier.
INHERIT_REACH = 1000


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


def sentences_by_article(sentences: pd.DataFrame) -> dict[str, tuple[list[int], list[int]]]:
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
    by_article = sentences_by_article(sentences)
    rows = []
    for article_id, written in zip(articles["article_id"], articles["text"]):
        if not isinstance(written, str) or not written.strip():
            continue
        text = with_double_quotes(written)  # offsets stay those of the written text
        starts, sentence_ids = by_article.get(article_id) or ([0], [0])
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
        # an impossible source ("openly") is dropped before refining looks for the subject the tagger missed
        found = _possible_sources(refine(_possible_sources(sorted(found, key=lambda a: a["content_start"]), text),
                                         text), text)
        found = with_introduced_sources(found, text)
        found, mentions, resolved = _resolve_sources(found, text)
        entities = entity_ids(resolved)
        official_entities = {e for e, r in zip(entities, resolved) if r.official and r.speaker}
        for attribution_id, (offsets, mention, source, entity) in enumerate(zip(found, mentions, resolved, entities)):
            cue = written[offsets["cue_start"]:offsets["cue_end"]]
            content = written[offsets["content_start"]:offsets["content_end"]]
            if mention is not None:
                mention = written[offsets["source_start"]:offsets["source_end"]]
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


_SINGLE_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))['‘](?=[A-Za-z])", re.M)
_SINGLE_CLOSING = re.compile(r"(?<=\S)['’](?=$|[\s,.;:!?)\]—–-])", re.M)


def with_double_quotes(text: str) -> str:
    """The text with quotations in single marks ('It is only a start,' he said) written in double
    ones, character for character, for an article that quotes that way (British style) and has
    no double marks: the tagger and the quote rules know double marks. Apostrophes inside or at
    the end of words ("don't", "the players' union" outside a quotation) stay."""
    if sum(text.count(mark) for mark in ('"', "“", "”", "''", "``")) >= 2 or ("'" not in text and "‘" not in text):
        return text  # double marks, or two apostrophes for one ("''We are told,'' he said")
    chars = list(text)
    for line in re.finditer(r"[^\n]+", text):
        position = line.start()
        while True:
            opening = _SINGLE_OPENING.search(text, position, line.end())
            if opening is None:
                break
            closing = _SINGLE_CLOSING.search(text, opening.end() + 1, line.end())
            if closing is None or len(text[opening.end():closing.start()].split()) < 2:
                position = opening.end()
                continue
            chars[opening.start()], chars[closing.start()] = "“", "”"
            position = closing.end()
    return "".join(chars)


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
                _is_participle(text, offsets) and offsets["cue_start"] - found[k - 1]["content_end"] < INHERIT_REACH)
                or _second_verb(text, offsets, found[k - 1])):
            resolved[k] = resolved[k - 1]
    rows = [(offsets, mention, source) for offsets, mention, sources in zip(found, mentions, resolved)
            for source in sources]
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def _possible_sources(found: list[dict], text: str) -> list[dict]:
    """Tagged sources without an opening adverb ("Likewise, a paper from ..."), and none where
    none can be (see `can_be_source`)."""
    for offsets in found:
        if offsets["source_start"] is None:
            continue
        opening = _OPENING_ADVERB.match(text, offsets["source_start"], offsets["source_end"])
        if opening and opening.group(1).lower() in INTRODUCTION_WORDS and opening.end() < offsets["source_end"]:
            offsets["source_start"] = opening.end()
        joined = list(_NEXT_CLAUSE.finditer(text, offsets["source_start"], offsets["source_end"]))
        last = text[joined[-1].end():offsets["source_end"]] if joined else ""
        if (joined and _FINITE.search(text, offsets["source_start"], joined[-1].start()) and len(last.split()) <= 6
                and "," not in last and offsets["source_end"] <= offsets["cue_start"]):
            # "The office is overseen by X, and the inspector general's office is accusing": the last clause's subject
            offsets["source_start"] = joined[-1].end()
        if not can_be_source(text, offsets):
            offsets["source_start"] = offsets["source_end"] = None
    return found


_OPENING_ADVERB = re.compile(r"([A-Z][a-z]+),\s+")
_NEXT_CLAUSE = re.compile(r"(?:,\s+(?:and|but)|;)\s+")
_FINITE = re.compile(r"\b(?:is|was|are|were|has|have|had|will|would)\s+[a-z]")


# Capitalised inside a mention only in a Title Case headline, never inside a name.
_HEADLINE_WORDS = frozenset("By About His He Her She Their Its To With From Is Are Was Were Will Has Have Says Said "
                            "Named Claims".split())


def can_be_source(text: str, offsets: dict) -> bool:
    """False for a tagged source that cannot be one: a lone function word, adverb or opener ("If",
    "openly", "now", "Having"), or words inside a quotation whose cue stands outside it (the speaker is never
    within their own quoted words)."""
    mention = text[offsets["source_start"]:offsets["source_end"]]
    words = mention.split()
    if not any(c.isalnum() for c in mention):
        return False  # a stray quote mark
    if len(words) == 1:
        lower = words[0].lower().strip(".,’'")
        if (lower in FUNCTION_WORDS or lower in INTRODUCTION_WORDS
                or (words[0].islower() and lower.endswith("ly") and lower not in PRONOUNS)):
            return False  # "If", "Having", "now", "openly"
    if any(word in _HEADLINE_WORDS for word in words[1:]):
        return False  # a Title Case headline: "Terror Suspect Named By Police", "Claims He Exaggerated His Story"
    line_start = text.rfind("\n", 0, offsets["source_start"]) + 1
    before = text[line_start:offsets["source_start"]]
    opened = before.count("“") - before.count("”") + (before.count('"') % 2)
    between = text[min(offsets["source_end"], offsets["cue_start"]):max(offsets["source_end"], offsets["cue_start"])]
    return not (opened > 0 and ("”" in between or '"' in between))


def _is_participle(text: str, offsets: dict) -> bool:
    cue = text[offsets["cue_start"]:offsets["cue_end"]].split()
    return bool(cue) and cue[0].lower().endswith("ing") and cue[0].lower() != "according"


def _second_verb(text: str, offsets: dict, before: dict) -> bool:
    """"Roe, speaking on the radio, called it a blunder and said ...": a cue after "and"/"but" in the
    sentence of the cue before it goes on with that cue's source."""
    start = offsets["cue_start"]
    if not AND_BEFORE.search(text, max(0, start - 12), start) or before["cue_end"] > start:
        return False
    between = text[before["cue_end"]:start]
    return "\n" not in between and not SENTENCE_END.search(between)


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

    contents = [_without_leading_punctuation(block, fragment) for fragment in raw.contents]
    content_first = min(first for first, _ in contents)
    content_last = max(last for _, last in contents)
    source_start, source_end = chars(raw.source)
    cue_start, cue_end = chars(raw.cue)
    content_start, content_end = chars((content_first, content_last))
    return {"source_start": source_start, "source_end": source_end, "cue_start": cue_start,
            "cue_end": cue_end, "content_start": content_start, "content_end": content_end,
            "content_fragments": [chars(fragment) for fragment in contents]}


_LEADING_PUNCTUATION = frozenset(".,;:—–")


def _without_leading_punctuation(block: Block, fragment: tuple[int, int]) -> tuple[int, int]:
    """". 'Captain Johnson is ...'": a content starts at its first word or quote mark."""
    first, last = fragment
    while first < last and block.words[first] in _LEADING_PUNCTUATION:
        first += 1
    return first, last


