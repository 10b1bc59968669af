"""The VADER rules of NLTK reimplemented for speed, with the `vaderSentiment` wheel's lexicon.

The reference is `nltk.sentiment.vader.SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")`
with the wheel's folder on `nltk.data.path` (`nltk_analyzer`). Every rule of it is reproduced here,
quirks included, so the scores are the same numbers (checked on the 23.7k sentences of the VADER
ground truth):

- tokens are the whitespace-separated pieces of at least two characters; one run of punctuation
  from NLTK's list before or after an otherwise punctuation-free word (of 2+ characters) is removed;
- a word that occurs twice is scored at the position of its first occurrence;
- the "but" rule halves what comes before the first "but" and adds half to what follows;
- `!` and `?` amplify the sum, computed over the whole text.

What makes it fast: one `str.split` per text, a cache from raw token to word (no per-sentence
dictionary of punctuation variants), and rules evaluated only at the few words in the lexicon.
The lexicon is read on first use, not on import. `text_sums` and `finish` are the two halves that
`scoring` builds its tables from; `polarity` scores one text as NLTK does.
"""

from __future__ import annotations

import importlib.resources
import string
from functools import lru_cache
from itertools import chain, compress, count
from typing import Sequence

import numpy as np

# The token cache is dropped when it grows past this (bounded memory on very large corpora).
TOKEN_CACHE_LIMIT = 2_000_000

# Constants and word lists of NLTK's VaderConstants.
B_INCR = 0.293
B_DECR = -0.293
C_INCR = 0.733
N_SCALAR = -0.74
NORMALIZE_ALPHA = 15

NEGATE = frozenset(
    """aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't
    doesn't dont hadnt hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't
    mightn't mustn't neednt needn't never none nope nor not nothing nowhere oughtnt shant shouldnt
    uhuh wasnt werent oughtn't shan't shouldn't uh-uh wasn't weren't without wont wouldnt won't
    wouldn't rarely seldom despite""".split()
)

_BOOSTERS_UP = """absolutely amazingly awfully completely considerably decidedly deeply effing
    enormously entirely especially exceptionally extremely fabulously flipping flippin fricking
    frickin frigging friggin fully fucking greatly hella highly hugely incredibly intensely majorly
    more most particularly purely quite really remarkably so substantially thoroughly totally
    tremendously uber unbelievably unusually utterly very""".split()
_BOOSTERS_DOWN = """almost barely hardly kinda kindof kind-of less little marginally occasionally
    partly scarcely slightly somewhat sorta sortof sort-of""".split()
BOOSTER_DICT: dict[str, float] = {
    **{word: B_INCR for word in _BOOSTERS_UP},
    **{word: B_DECR for word in _BOOSTERS_DOWN},
}
# NLTK's booster dictionary also has these two-word keys; they only ever match a pair of words.
BOOSTER_BIGRAMS = frozenset({("just", "enough"), ("kind", "of"), ("sort", "of")})

SPECIAL_CASE_IDIOMS: dict[tuple[str, ...], float] = {
    ("the", "shit"): 3,
    ("the", "bomb"): 3,
    ("bad", "ass"): 1.5,
    ("yeah", "right"): -2,
    ("cut", "the", "mustard"): 2,
    ("kiss", "of", "death"): -1.5,
    ("hand", "to", "mouth"): -2,
}
# A word outside this set can take part in no idiom and no booster bigram.
_IDIOM_KEYS = [*SPECIAL_CASE_IDIOMS, *BOOSTER_BIGRAMS]
_IDIOM_WORDS = frozenset(word for key in _IDIOM_KEYS for word in key)
_IDIOM_PAIRS = frozenset(pair for key in _IDIOM_KEYS for pair in zip(key, key[1:]))

PUNCTUATION_AFFIXES = frozenset(
    [".", "!", "?", ",", ";", ":", "-", "'", '"', "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!",
     "!?!?"]
)
_PUNCTUATION = string.punctuation
_NO_PUNCTUATION = str.maketrans("", "", _PUNCTUATION)


def load_lexicon() -> dict[str, float]:
    """The `vaderSentiment` wheel's `vader_lexicon.txt`, read the way NLTK reads it."""
    path = importlib.resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    lexicon = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon



# The lexicon, filled from the wheel on first use (`lexicon()`); the hot paths read this dict.
_lexicon: dict[str, float] = {}


def lexicon() -> dict[str, float]:
    """The lexicon the scores use (read once, on first call)."""
    if not _lexicon:
        _lexicon.update(load_lexicon())
    return _lexicon


def _token_word(token: str) -> str:
    """The word NLTK keeps for a whitespace token ('' when it drops the token)."""
    if len(token) <= 1:
        return ""
    if token[0] not in _PUNCTUATION and token[-1] not in _PUNCTUATION:
        return token
    body = token.lstrip(_PUNCTUATION)
    if len(body) < len(token):
        affix = token[: len(token) - len(body)]
    else:
        body = token.rstrip(_PUNCTUATION)
        affix = token[len(body):]
    if affix in PUNCTUATION_AFFIXES and len(body) > 1 and body == body.translate(_NO_PUNCTUATION):
        return body
    return token


# Caches, filled as new tokens come: every word a token yields is classified once, on the way.
# word (as written) -> (lexicon valence, plain) for the words NLTK looks up; plain when no rule
# looks at the word itself (not in capitals, not part of an idiom, not "kind"). Boosters are left
# out: NLTK scores them 0 even when the lexicon lists them.
_lexicon_words: dict[str, tuple[float, bool]] = {}
# Words that, among the three before a scored word, can change its valence by themselves:
# boosters, negations, "least" and "this" (idioms are checked apart).
_modifier_words: set[str] = set()


class _TokenWords(dict):
    """Whitespace token -> the word NLTK keeps from it ('' when dropped)."""

    def __missing__(self, token: str) -> str:
        word = self[token] = _token_word(token)
        if not word:
            return word
        lower = word.lower()
        if lower in BOOSTER_DICT:
            _modifier_words.add(word)
            return word
        if lower in NEGATE or "n't" in lower or lower == "least" or word == "this":
            _modifier_words.add(word)
        valence = _lexicon.get(lower)
        if valence is not None:
            plain = not (word.isupper() or word in _IDIOM_WORDS or lower == "kind")
            _lexicon_words[word] = (valence, plain)
        return word


_token_words = _TokenWords()
# Bound once: binding a dict subclass's method for every text is measurably slower.
_word_of_token = _token_words.__getitem__
_lexicon_entry = _lexicon_words.get


def clear_caches() -> None:
    """Forget the token caches (they only ever speed things up; benchmarks start cold)."""
    _token_words.clear()
    _lexicon_words.clear()
    _modifier_words.clear()


def _negated(word: str) -> bool:
    lower = word.lower()
    return lower in NEGATE or "n't" in lower


def _cap_differential(words: list[str]) -> bool:
    """Some, but not all, words are in capitals."""
    n_upper = sum(1 for w in words if w.isupper())
    return 0 < len(words) - n_upper < len(words)


def _booster_scalar(word: str, valence: float, words: list[str]) -> float:
    """NLTK's `scalar_inc_dec`: how a preceding booster or dampener shifts `valence`."""
    scalar = BOOSTER_DICT.get(word.lower(), 0.0)
    if scalar:
        if valence < 0:
            scalar *= -1
        if word.isupper() and _cap_differential(words):
            scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
    return scalar


def _idioms(valence: float, words: list[str], i: int) -> float:
    """NLTK's `_idioms_check` at word i (3 <= i): idioms replace the valence."""
    w0, w1, w2, w3 = words[i], words[i - 1], words[i - 2], words[i - 3]
    if not (w0 in _IDIOM_WORDS or w1 in _IDIOM_WORDS or w2 in _IDIOM_WORDS or w3 in _IDIOM_WORDS):
        return valence
    for sequence in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
        if sequence in SPECIAL_CASE_IDIOMS:
            valence = SPECIAL_CASE_IDIOMS[sequence]
            break
    n = len(words)
    if n - 1 > i and (w0, words[i + 1]) in SPECIAL_CASE_IDIOMS:
        valence = SPECIAL_CASE_IDIOMS[(w0, words[i + 1])]
    if n - 1 > i + 1 and (w0, words[i + 1], words[i + 2]) in SPECIAL_CASE_IDIOMS:
        valence = SPECIAL_CASE_IDIOMS[(w0, words[i + 1], words[i + 2])]
    if (w3, w2) in BOOSTER_BIGRAMS or (w2, w1) in BOOSTER_BIGRAMS:
        valence = valence + B_DECR
    return valence


def _untouched(words: list[str], i: int) -> bool:
    """No word among the three before word i can change its valence (a shortcut: word i is plain,
    and the general rules in `_word_valence` would leave its lexicon valence as it is)."""
    if i == 0:
        return True
    w1 = words[i - 1]
    if i == 1:
        return w1 not in _modifier_words
    w2 = words[i - 2]
    if i == 2:
        return w1 not in _modifier_words and w2 not in _modifier_words
    w3 = words[i - 3]
    return (
        w1 not in _modifier_words
        and w2 not in _modifier_words
        and w3 not in _modifier_words
        and not (w2 in _IDIOM_WORDS and ((w3, w2) in _IDIOM_PAIRS or (w2, w1) in _IDIOM_PAIRS))
    )


def _word_valence(valence: float, words: list[str], i: int) -> float:
    """NLTK's `sentiment_valence` for word i (its first occurrence), whose lexicon valence is
    `valence`: "kind of", capitals, boosters and negations in the three words before it, idioms,
    "least"."""
    word = words[i]
    if word.lower() == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of":
        return 0
    if word.isupper() and _cap_differential(words):
        valence = valence + C_INCR if valence > 0 else valence - C_INCR
    for distance in (1, 2, 3):
        if i < distance:
            break
        before = words[i - distance]
        if before.lower() in _lexicon:
            continue
        scalar = _booster_scalar(before, valence, words)
        if scalar != 0:
            if distance == 2:
                scalar = scalar * 0.95
            elif distance == 3:
                scalar = scalar * 0.9
            valence = valence + scalar
        if distance == 1:
            if _negated(before):
                valence = valence * N_SCALAR
        elif distance == 2:
            if words[i - 2] == "never" and words[i - 1] in ("so", "this"):
                valence = valence * 1.5
            elif _negated(before):
                valence = valence * N_SCALAR
        else:
            if (words[i - 3] == "never" and words[i - 2] in ("so", "this")) or words[i - 1] in (
                "so",
                "this",
            ):
                valence = valence * 1.25
            elif _negated(before):
                valence = valence * N_SCALAR
            valence = _idioms(valence, words, i)
    if i > 0 and words[i - 1].lower() == "least" and "least" not in _lexicon:
        if i == 1 or words[i - 2].lower() not in ("at", "very"):
            valence = valence * N_SCALAR
    return valence


# What `_sentence_sums` returns: the sum of the word sentiments, the positive and negative sums
# NLTK's `_sift_sentiment_scores` makes, the number of neutral words, and the counts of "!" and "?".
Sums = tuple[float, float, float, int, int, int]
_N_SUMS = 6
_NO_WORDS: Sums = (0.0, 0.0, 0.0, 0, 0, 0)


def _sentence_sums(text: str) -> Sums:
    """Everything of one text that NLTK's `score_valence` needs (the rest is `finish`)."""
    words = list(filter(None, map(_word_of_token, text.split())))
    if not words:
        return _NO_WORDS
    hits = list(compress(count(), map(_lexicon_entry, words)))
    if not hits:
        return (0.0, 0.0, 0.0, len(words), 0, 0)

    scored: dict[str, float] = {}  # NLTK scores a repeated word where it first occurs
    sentiments: list[float] = []
    for i in hits:
        word = words[i]
        if word in scored:
            sentiments.append(scored[word])
            continue
        # Not scored before, so this is the word's first occurrence.
        valence, plain = _lexicon_words[word]
        if not (plain and _untouched(words, i)):
            valence = _word_valence(valence, words, i)
        scored[word] = valence
        sentiments.append(valence)

    if "but" in text.lower():
        lowered = [w.lower() for w in words]
        if "but" in lowered:
            but_at = lowered.index("but")
            sentiments = [
                s * 0.5 if i < but_at else s * 1.5 if i > but_at else s
                for i, s in zip(hits, sentiments)
            ]

    # Unscored words are 0: they change no sum, so summing the scored ones in order is exact.
    pos_sum = 0.0
    neg_sum = 0.0
    neutral = len(words) - len(hits)
    for sentiment in sentiments:
        if sentiment > 0:
            pos_sum += sentiment + 1
        elif sentiment < 0:
            neg_sum += sentiment - 1
        else:
            neutral += 1
    return (float(sum(sentiments)), pos_sum, neg_sum, neutral, text.count("!"), text.count("?"))


def finish(sums: np.ndarray) -> np.ndarray:
    """NLTK's `score_valence` on rows of `Sums`, vectorised with the same float operations in
    the same order (so the same numbers): columns compound, pos, neu, neg."""
    total, pos_sum, neg_sum, neutral, exclamations, questions = sums.T
    amplifier = np.minimum(exclamations, 4) * 0.292 + np.where(
        questions > 1, np.where(questions <= 3, questions * 0.18, 0.96), 0.0
    )
    total = total + np.sign(total) * amplifier
    compound = total / np.sqrt(total * total + NORMALIZE_ALPHA)
    positive_wins = pos_sum > -neg_sum
    negative_wins = pos_sum < -neg_sum
    pos_sum = np.where(positive_wins, pos_sum + amplifier, pos_sum)
    neg_sum = np.where(negative_wins, neg_sum - amplifier, neg_sum)
    denominator = pos_sum + np.abs(neg_sum) + neutral
    no_words = denominator == 0
    denominator[no_words] = 1.0
    scores = np.column_stack(
        [
            _round(compound, 4),
            _round(np.abs(pos_sum / denominator), 3),
            _round(np.abs(neutral / denominator), 3),
            _round(np.abs(neg_sum / denominator), 3),
        ]
    )
    scores[no_words] = 0.0
    return scores


def _round(values: np.ndarray, decimals: int) -> np.ndarray:
    """Python's `round(x, decimals)` of each value. Scaling and rounding gives the same result
    except next to a tie, where the scaled value's rounding error could cross it: those few
    values go through `round` itself (exact decimal rounding)."""
    scale = 10.0**decimals
    scaled = values * scale
    floor = np.floor(scaled)
    fraction = scaled - floor
    rounded = (floor + (fraction > 0.5)) / scale
    for i in np.flatnonzero(np.abs(fraction - 0.5) < 1e-9):
        rounded[i] = round(float(values[i]), decimals)
    return rounded


def text_sums(texts: Sequence) -> np.ndarray:
    """One row of `Sums` per text (a non-str scores as no words); the caller checks the types."""
    lexicon()
    if len(_token_words) > TOKEN_CACHE_LIMIT:
        clear_caches()
    rows = [_sentence_sums(t) if isinstance(t, str) else _NO_WORDS for t in texts]
    flat = np.fromiter(chain.from_iterable(rows), dtype="float64", count=len(rows) * _N_SUMS)
    return flat.reshape(len(rows), _N_SUMS)


def polarity(text: str) -> dict[str, float]:
    """NLTK's `polarity_scores` of one text: {"neg", "neu", "pos", "compound"} (TypeError for a
    non-str, as `score_texts` does)."""
    if not isinstance(text, str):
        raise TypeError(f"polarity expects str, got {type(text).__name__}: {text!r:.60}")
    compound, pos, neu, neg = finish(text_sums([text]))[0].tolist()
    return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}


@lru_cache(maxsize=1)
def nltk_analyzer():
    """NLTK's own analyser with the same lexicon: the reference this module reproduces."""
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    lexicon_dir = str(importlib.resources.files("vaderSentiment"))
    if lexicon_dir not in nltk.data.path:
        nltk.data.path.insert(0, lexicon_dir)
    return SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")
