"""How names are written: first names and the gender they suggest, from the `nomquamgender`
package (name counts from many national registers; a name is taken as a first name when it is
common in several of them), runs of capitalised words, titles before a surname, possessives."""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .lexicon import (
    ANONYMOUS_HEADS, CALENDAR, COUNTRIES, GOVERNMENT_WORDS, MEDIA_WORDS, ORGANIZATION_WORDS, PARTIES, TITLE_WORDS,
)


# The values of an entry of nomquamgender's name_data.json with >= 10 registers and >= 1000
# bearers: "name": [registers, bearers, share of women, ...].
_COMMON_NAME_VALUES = re.compile(rb"\[(\d\d+), (\d\d\d\d+), ([\d.e-]+)")


@lru_cache(maxsize=1)
def first_names() -> dict[str, float]:
    """Lower-case first name -> share of women bearing it, for names common in several registers."""
    # Scanning the file for the values of common names, then reading the name before each, takes
    # a twentieth of parsing all 720k entries as JSON (which the package's own module does at
    # import, with pandas): this runs once in every worker process.
    spec = importlib.util.find_spec("nomquamgender")
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    raw = path.read_bytes()
    names = {}
    for match in _COMMON_NAME_VALUES.finditer(raw):
        name_end = raw.rfind(b'"', 0, match.start())
        name = raw[raw.rfind(b'"', 0, name_end) + 1:name_end]
        if name.isalpha() and name.islower():
            names[name.decode()] = float(match.group(3))
    if not names:  # another layout: parse it whole
        names = {name: float(values[2]) for name, values in json.loads(raw).items()
                 if values[0] >= 10 and values[1] >= 1000 and name.isalpha()}
    return names


def folded(word: str) -> str:
    """Lower case without accents ("Hélène" -> "helene"), as the name registers spell names."""
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


def name_gender(first: str, certainty: float = 0.10) -> str | None:
    """'female'/'male' when the first name is borne almost only by one (share within `certainty`)."""
    share = first_names().get(folded(first))
    if share is None:
        return None
    if share >= 1 - certainty:
        return "female"
    if share <= certainty:
        return "male"
    return None


_NAME_SUFFIXES = frozenset({"jr", "sr", "st"})
_FIRST_NAME_TITLES = frozenset({"sir", "dame"})  # British honours go before the first name
_PARTICLES = "de van von der den da di du del della dos le la bin ibn".split()
NOT_FIRST = TITLE_WORDS | CALENDAR | COUNTRIES | GOVERNMENT_WORDS | ORGANIZATION_WORDS | MEDIA_WORDS | frozenset(
    "the a an this that new north south east west united first last good great grand saint st".split()) | frozenset(
    _PARTICLES) | frozenset("said says added asked told".split())  # 'Said Jo Roe: "..."' opens with the verb
# Capitalised words in a row, with the lower-case particles of names between them ("Bill de Blasio").
# Arabic and French names join a lower-case article to the surname: "Bashar al-Assad", "d'Estaing".
JOINED_PARTICLE = r"(?:al|el|ad|ash|as|at|az|ul|ud|d)[-’']"
_JOINED_SURNAME = re.compile(JOINED_PARTICLE + r"(?=[A-Z])")
CAP_RUN = re.compile(r"(?:(?:[A-Z]\.){2,}|[A-Z][\w’'\-]*\.?)(?:\s(?:(?:%s)\s)?" % "|".join(_PARTICLES) +
                     r"(?:(?:[A-Z]\.){2,}|(?:%s)?[A-Z][\w’'\-]*\.?))*" % JOINED_PARTICLE)
WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
_POSSESSIVE_END = re.compile(r"[’']s?$")
_NOT_SENTENCE_END = TITLE_WORDS | _NAME_SUFFIXES  # "Sen.", "Jr."
_NOT_TITLED_NAME = NOT_FIRST | ANONYMOUS_HEADS | PARTIES


def is_first_name(word: str) -> bool:
    lower = folded(word.strip("."))
    if re.fullmatch(r"(?:[A-Z]\.){1,3}", word) and word.lower() not in COUNTRIES:
        return True  # initials ("J.", "J.M."), not "U.S."
    return lower not in NOT_FIRST and lower in first_names()


def titled_surname(words: list[str]) -> int | None:
    """Index of the name after a title in "President Obama", "Syrian President Bashar Assad",
    "Sen. Roe" (a title, then one to three name-like words), else None."""
    titles = [k for k, w in enumerate(words) if w.lower().strip(".’'") in TITLE_WORDS]
    if not titles or not 1 <= len(words) - titles[-1] - 1 <= 3:
        return None
    name = [strip_possessive(w.rstrip(".")) for w in words[titles[-1] + 1:]]
    if words[titles[-1]].lower() in _FIRST_NAME_TITLES and len(name) == 1:
        return None  # "Sir John" is John Smith, named in full elsewhere
    if all(len(w) > 2 and without_particle(w)[:1].isupper() and without_particle(w)[1:].islower()
           and w.lower() not in _NOT_TITLED_NAME for w in name):
        return titles[-1] + 1
    return None


def name_runs(text: str):
    """(start, end, text) of each run of capitalised words, cut where a period ends a sentence
    ("Ted Cruz. The Post's Ruth Marcus" gives "Ted Cruz." and "The Post's Ruth Marcus"), not
    after an initial or an abbreviation ("J.", "U.S.", "Sen.", "Jr.")."""
    for run in CAP_RUN.finditer(text):
        start = run.start()
        for word in re.finditer(r"\S+", run.group()):
            ends = (word.group().endswith(".") and len(word.group()) > 2 and word.end() < len(run.group())
                    and not re.fullmatch(r"(?:[A-Z]\.)+", word.group()))  # "U.S. President Roe"
            if ends and word.group().lower().rstrip(".") not in _NOT_SENTENCE_END:
                yield start, run.start() + word.end(), text[start:run.start() + word.end()]
                start = run.start() + word.end() + 1
        if start < run.end():
            yield start, run.end(), text[start:run.end()]


def is_capitalised(word: str) -> bool:
    """"Roe", and a surname with a joined article ("al-Assad")."""
    return word[:1].isupper() or bool(_JOINED_SURNAME.match(word))


def without_particle(surname: str) -> str:
    """"al-Assad" -> "Assad": how the article goes on naming him."""
    return _JOINED_SURNAME.sub("", surname, count=1)


def strip_possessive(word: str) -> str:
    if "'" not in word and "’" not in word:
        return word
    return _POSSESSIVE_END.sub("", word)
