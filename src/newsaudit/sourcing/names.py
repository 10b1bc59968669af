"""First names and the gender they suggest, from the `nomquamgender` package (name counts from
many national registers): a name is taken as a first name when it is common in several of them."""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path


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


def name_gender(first: str, certainty: float = 0.05) -> str | None:
    """'female'/'male' when the first name is borne almost only by one (share within `certainty`)."""
    share = first_names().get(folded(first))
    if share is None:
        return None
    if share >= 1 - certainty:
        return "female"
    if share <= certainty:
        return "male"
    return None
