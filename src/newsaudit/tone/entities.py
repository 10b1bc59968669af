"""The people, organisations and places an article names (or a list of your own), and the tone
of the sentences that mention them.

Names are runs of capitalised words found in the article itself, never a list from elsewhere;
titles ("President", "Coach") and first names come from the sourcing stage's vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import pandas as pd

from .articles import scored_sentences

ENTITY_MENTION_COLUMNS = ["article_id", "entity", "sentence_id", "text", "compound"]
ENTITY_COLUMNS = ["article_id", "entity", "basis", "aliases"]


def alias_pattern(aliases: Iterable[str]) -> re.Pattern:
    """Any of the aliases as a whole word (no letter, digit or _ on either side), case-sensitive;
    longer aliases first so that "Kim Jong Un" wins over "Kim"."""
    alternatives = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# --- the people, organisations and places an article names ---------------------------------------

# A word of a name: a letter, then letters, digits, apostrophes or hyphens ("Ha-kyu", "O'Neill").
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Lower-case words that may stand inside a name ("Bank of England", "Ministry of Trade").
_NAME_CONNECTORS = frozenset("of de del della da di du van von der den bin al la le y".split())
# Capitalised words that open a sentence or a name without being part of it.
_FUNCTION_WORDS = frozenset("""
a an the this that these those and but or nor so yet for in on at by to from with without as if when
while after before since because although though unless until once where whether then there here
it its he she they we i you his her their our my your also meanwhile however still even only
according asked told said says yes no not many some several most all each every both one two three
last next new is are was were be been has have had do does did will would shall should can could might
must what who whom which why how""".split())
_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december""".split())
_LONGEST_NAME = 6  # words; longer capitalised runs are headlines in title case, not names
# Title words that name a body or a place rather than a person's role ("White House", "Justice
# Department"): a name made only of title words must end in one of these.
_BODY_WORDS = frozenset("house pentagon ministry department agency administration council military army police "
                        "justice court office".split())


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Titles that stand before a name ("President", "Coach", "Mr."), as the sourcing stage knows
    them; "general" is left out so that "General Motors" stays a name."""
    from ..sourcing.lexicon import TITLE_WORDS

    return TITLE_WORDS - {"general"}


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in _title_words()


def _is_first_name(word: str) -> bool:
    from ..sourcing.names import is_first_name

    return is_first_name(word)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s")) and len(word) > 2


def _leading(word: str) -> bool:
    lower = word.lower()
    return lower in _FUNCTION_WORDS or lower in _CALENDAR or lower in _NAME_CONNECTORS or _is_title(word)


@lru_cache(maxsize=4096)
def _runs(sentence: str) -> tuple[tuple[int, int, tuple[str, ...], bool], ...]:
    """`name_runs` with a fourth item: whether a title stood before the name."""
    raw: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []  # a connector waiting for the next capitalised word
    previous_end = None
    for match in _WORD.finditer(sentence):
        start, end, word = match.start(), match.end(), match.group()
        gap = sentence[previous_end:start] if previous_end is not None else ""
        joined = bool(current) and not _possessive(current[-1][2]) and (
            gap == " " or (gap == ". " and len(current[-1][2]) == 1))
        if _capitalised(word) and joined:
            current += pending + [(start, end, word)]
            pending = []
        elif word in _NAME_CONNECTORS and joined and not pending:
            pending = [(start, end, word)]
        else:
            if current:
                raw.append(current)
            current = [(start, end, word)] if _capitalised(word) else []
            pending = []
        previous_end = end
    if current:
        raw.append(current)
    found = []
    for run in raw:
        words = [w for _, _, w in run]
        end = run[-1][1]
        if _possessive(words[-1]):
            words[-1], end = words[-1][:-2], end - 2
        first, titled = 0, False
        # "Russian President Vladimir Putin", "Police Chief Sam Ortiz": the name follows the last title.
        for i in range(len(words) - 1, 0, -1):
            if _is_title(words[i - 1]) and not _leading(words[i]):
                first, titled = i, True
                break
        while len(words) - first >= 2 and _leading(words[first]) and not (
                len(words) - first == 2 and _is_title(words[-1])):
            titled = titled or _is_title(words[first])
            first += 1
        found.append((run[first][0], end, tuple(words[first:]), titled))
    return tuple(found)


def name_runs(sentence: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Runs of capitalised words in one sentence, as `(start, end, words)`: words joined by single
    spaces (or by a connector such as "of" between capitalised words), initials ("J.") kept, a
    possessive ending a run ("Clinton's" gives "Clinton"). Titles ("President", "Coach", "Mr.")
    and what stands before them, and leading function words ("The", "But", "When") and calendar
    words are left out: "Coach Kim Min-jae" gives "Kim Min-jae", "Russian President Vladimir Putin"
    "Vladimir Putin", "President Kim" "Kim", "The White House" "White House"."""
    return [(start, end, words) for start, end, words, _ in _runs(sentence)]


def _is_name(words: tuple[str, ...]) -> bool:
    if not 2 <= len(words) <= _LONGEST_NAME:
        return False
    if all(w.isupper() and len(w) > 1 for w in words):  # a shouted heading, not a name
        return False
    if any(w.lower() in _FUNCTION_WORDS or w.lower() in _CALENDAR for w in (words[0], words[-1])):
        return False
    return not all(_leading(w) for w in words) or words[-1].lower() in _BODY_WORDS  # not "Police Chief"


def _words(name: str) -> tuple[str, ...]:
    """A name's words as `name_runs` reads them ("John F. Kennedy" -> John, F, Kennedy)."""
    return tuple(_WORD.findall(name))


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _person_like(words: tuple[str, ...], titled: bool) -> bool:
    """A run that reads as a person's name: a title before it or a first name opening it."""
    return len(words) >= 2 and (titled or _is_first_name(words[0]))


def _article_entities(texts: list[str], speakers: list[tuple[str, str]], min_mentions: int) -> list[tuple]:
    """(entity, basis, aliases) for one article's sentence texts and (speaker, source_type) pairs."""
    counts: dict[tuple[str, ...], int] = {}
    surfaces: dict[tuple[str, ...], set[str]] = {}  # as written: "John F. Kennedy"
    titled_names: set[tuple[str, ...]] = set()
    alone: dict[str, int] = {}  # words the article uses as a name by themselves ("Kim said")
    for text in texts:
        for start, end, words, titled in _runs(text):
            if len(words) >= 2:
                counts[words] = counts.get(words, 0) + 1
                surfaces.setdefault(words, set()).add(text[start:end])
                if titled:
                    titled_names.add(words)
            else:
                alone[words[0]] = alone.get(words[0], 0) + 1
    # words -> [basis, aliases, is a person, mentions, name]; named sources first, always followed.
    entities: dict[tuple[str, ...], list] = {}
    for speaker, kind in speakers:
        name = re.sub(r"^[Tt]he\s+", "", " ".join(speaker.split()))
        words = _words(name)
        if words and words not in entities:
            entities[words] = ["speaker", {name}, kind == "person", min_mentions, name]
    for words in sorted((w for w in counts if _is_name(w)), key=lambda w: (-len(w), w)):
        fuller = next((known for known in entities if _contains(known, words)), None)
        within = next((known for known in entities if len(known) >= 2 and _contains(words, known)), None)
        if fuller is not None:  # a shorter form of a fuller name ("Harbour Authority")
            entities[fuller][1].update(surfaces[words])
            entities[fuller][3] += counts[words]
        elif within is not None:  # a fuller form of a known name ("Prime Minister Jane Roe")
            entities[within][3] += counts[words]
        else:
            # A name counts as a person's (and may get a surname alias) when a first name opens it.
            entities[words] = ["name", set(surfaces[words]), _is_first_name(words[0]), counts[words], None]
    # A person's surname (in family-name-first names such as "Kim Jong Un", the first word, when
    # the article uses that one alone) is an alias only when no other person's name in the article
    # holds it: not "Kim" beside "Coach Kim Min-jae", not "Clinton" beside "Bill Clinton".
    people = {w for w in counts if _person_like(w, w in titled_names)} | {w for w, e in entities.items() if e[2]}
    result = []
    for words, (basis, aliases, person, mentions, name) in entities.items():
        if person and len(words) >= 2:
            first, last = words[0], words[-1]
            short = first if alone.get(first) and not alone.get(last) else last if alone.get(last) else None
            shared = short is not None and any(
                short in other and not _contains(other, words) for other in people if other != words)
            if short and not shared and not _leading(short):
                aliases.add(short)
                mentions += alone[short]
        if basis == "speaker" or mentions >= min_mentions:
            entity = name or min(aliases, key=lambda a: (_words(a) != words, a))  # as the article writes it
            result.append((entity, basis, sorted(aliases, key=lambda a: (-len(a), a))))
    return result


def article_entities(sentences: pd.DataFrame, attributions: pd.DataFrame | None = None,
                     min_mentions: int = 2) -> pd.DataFrame:
    """The people, organisations and places each article names, never a list from elsewhere:
    one row per (`article_id`, `entity`) with `basis` and `aliases` (the forms matched):

    - its named sources (`basis` "speaker"): the resolved `speaker` of attributions marked `named`;
    - its names (`basis` "name"): runs of two or more capitalised words (after leading function
      words and titles) found in at least `min_mentions` sentences, a shorter form folded into a
      fuller one ("Harbour Authority" into "Keswater Harbour Authority").

    A person's surname (the last word, or the first in family-name-first names such as "Kim Jong
    Un") becomes an alias only where the article uses it on its own and no other person's name in
    the same article holds it: with "Coach Kim Min-jae" in the article, "Kim" is no alias of "Kim
    Jong Un"; with "Bill Clinton", "Clinton" is no alias of "Hillary Clinton". A name counts as a
    person's when it is a named source of type person or opens with a first name."""
    speakers: dict[object, list[tuple[str, str]]] = {}
    if attributions is not None and len(attributions):
        named = attributions.loc[attributions["named"].fillna(False).astype(bool) & attributions["speaker"].notna()]
        kinds = named["source_type"].astype("string").fillna("unknown") if "source_type" in named else \
            pd.Series("unknown", index=named.index)
        for article_id, speaker, kind in zip(named["article_id"], named["speaker"], kinds):
            if isinstance(speaker, str) and speaker.strip():
                speakers.setdefault(article_id, []).append((speaker, kind))
    rows = []
    ordered = sentences.sort_values(["article_id", "sentence_id"], kind="stable")
    texts = ordered["text"].where(ordered["text"].map(lambda t: isinstance(t, str)), "")
    for article_id, article_texts in texts.groupby(ordered["article_id"], sort=False):
        for entity, basis, aliases in _article_entities(article_texts.tolist(), speakers.get(article_id, []),
                                                         min_mentions):
            rows.append((article_id, entity, basis, aliases))
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


def user_entities(entities: dict[str, list[str]]) -> pd.DataFrame:
    """A list of your own (entity -> aliases) as the rows `entity_tone` follows in every article
    (`article_id` missing); the entity's own name is always one of its aliases."""
    rows = [(None, str(name), "your list", sorted({str(name), *map(str, aliases or [])}, key=lambda a: (-len(a), a)))
            for name, aliases in entities.items()]
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


def followed_entities(sentences: pd.DataFrame, attributions: pd.DataFrame | None = None,
                      entities: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Your own `entities` when given (and not empty), else each article's own (`article_entities`)."""
    return user_entities(entities) if entities else article_entities(sentences, attributions)


def _stands_alone(text: str, start: int, end: int, own_names: list[tuple[str, ...]]) -> bool:
    """A one-word alias found at `[start, end)` counts unless it is part of another person's name:
    not "Kim" in "Kim Min-jae" or "Coach Kim Min-jae", not "Clinton" in "Bill Clinton"."""
    for run_start, run_end, words, titled in _runs(text):
        if run_start < end and start < run_end:
            if len(words) < 2 or words in own_names or any(_contains(words, own) for own in own_names if len(own) >= 2):
                return True
            return not _person_like(words, titled)
    return True


def _mentions(text: str, pattern: re.Pattern, own_names: list[tuple[str, ...]]) -> bool:
    return any(" " in match.group() or _stands_alone(text, match.start(), match.end(), own_names)
               for match in pattern.finditer(text))


def entity_tone(sentences: pd.DataFrame, entities: dict[str, list[str]] | pd.DataFrame | None = None,
                attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences mentioning each entity through any of its aliases: one row per (article_id,
    entity, sentence_id) with the sentence's `text` and `compound`.

    `entities`: your own list (entity -> aliases, followed in every article), rows of
    `article_entities` / `followed_entities`, or None for each article's own people,
    organisations and places (from its sentences and the named sources in `attributions`).
    Aliases match whole words, case-sensitively; a one-word alias never matches inside a longer
    name that is not the entity's ("Kim" in "Kim Min-jae")."""
    scored = scored_sentences(sentences)
    if entities is None:
        entities = article_entities(scored, attributions)
    elif not isinstance(entities, pd.DataFrame):
        entities = user_entities(entities)
    texts = scored["text"].where(scored["text"].map(lambda t: isinstance(t, str)), "")
    by_article: dict[object, list[tuple[object, str]]] = {}
    for index, article_id, text in zip(scored.index, scored["article_id"], texts):
        by_article.setdefault(article_id, []).append((index, text))
    hits: list[tuple[object, str]] = []
    for article_id, entity, aliases in zip(entities["article_id"], entities["entity"], entities["aliases"]):
        aliases = [a for a in aliases if isinstance(a, str) and a.strip()]
        if not aliases:
            continue
        pattern = alias_pattern(aliases)
        if article_id is None or (not isinstance(article_id, str) and pd.isna(article_id)):  # every article
            candidates = list(texts[texts.str.contains(pattern, regex=True)].items())
        else:
            candidates = [(index, text) for index, text in by_article.get(article_id, []) if pattern.search(text)]
        own_names = [_words(a) for a in [entity, *aliases]]
        hits += [(index, entity) for index, text in candidates if _mentions(text, pattern, own_names)]
    if not hits:
        return pd.DataFrame(columns=ENTITY_MENTION_COLUMNS)
    indexes, names = zip(*hits)
    return scored.loc[list(indexes)].assign(entity=list(names))[ENTITY_MENTION_COLUMNS].reset_index(drop=True)


def entity_tone_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per article and entity: `n` sentences mentioning it and their `mean` compound."""
    return (
        mentions.groupby(["article_id", "entity"], sort=True)["compound"]
        .agg(n="size", mean="mean")
        .reset_index()
    )



def entity_tone_overall(mentions: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
    """Per entity over all articles (rows of `entity_tone`): `sentences` mentioning it, the
    `articles` they come from and their `mean` compound; the `n` most mentioned, most first."""
    table = (mentions.groupby("entity", sort=True)
             .agg(sentences=("compound", "size"), articles=("article_id", "nunique"), mean=("compound", "mean"))
             .sort_values("sentences", ascending=False, kind="stable")
             .reset_index())
    return table if n is None else table.head(n)
