"""Remove scrape noise from article text, keeping a record of everything removed.

Each rule works on whole lines (or, for split words, on a token pair) so the cleaned text is still
the article as published. `removed` lists what went, one `kind: text` entry per line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

RELATED_MARKER = re.compile(
    r"^\s*(?:read\s+(?:also|more|next)|also\s+read|related(?:\s+(?:stories|articles|coverage))?|"
    r"see\s+also|more\s+on\s+this(?:\s+story)?|recommended|you\s+may\s+also\s+like)\s*[:\-–—]?\s*(?P<rest>.*)$",
    re.I,
)
FOOTER_MARKER = re.compile(
    r"^\s*(?:leave\s+a\s+(?:reply|comment)|\d*\s*comments?\s*$|post\s+a\s+comment|add\s+a\s+comment|"
    r"your\s+email\s+address\s+will\s+not\s+be\s+published|join\s+the\s+(?:conversation|discussion))",
    re.I,
)
_SHARE_WORDS = r"(?:share(?:\s+(?:this|on|article|story))?:?|facebook|twitter|x|whatsapp|e-?mail|linkedin|" \
    r"print|pinterest|reddit|telegram|messenger|copy\s+link|tweet|pin\s+it)"
SHARE_BAR = re.compile(rf"^\s*{_SHARE_WORDS}(?:[\s|,·•/]+{_SHARE_WORDS})*\s*$", re.I)
PROMPT = re.compile(
    r"^\s*(?:(?:subscribe|sign\s+up)\b.*\b(?:newsletter|updates|inbox|alerts|subscription)\b.*|"
    r"follow\s+us\s+on\b.*|click\s+here\s+to\b.*|advertisement|sponsored(?:\s+content)?|"
    r"download\s+(?:our|the)\s+app\b.*|get\s+(?:our|the)\s+newsletter\b.*)\s*$",
    re.I,
)
# Words that stand alone in English, so "a long" is never joined into "along".
_STANDALONE = frozenset(
    "a an the i in on at to of by for as is it be we he me my no so or up us do go if am are was "
    "not but and all any can her his its our out she too two who why how now new one off own set "
    "see saw say use way yet you".split()
)
_WORD = re.compile(r"[A-Za-z]+")
# The left part is a whole token; the lookahead lets "The gov ernment" try "gov ernment" too.
_SPLIT_PAIR = re.compile(r"(?<![\w'’.-])(?=([A-Za-z]{1,6}) ([a-z]{2,})\b)")


def _normalise(line: str) -> str:
    return " ".join(line.lower().split())


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def remove_repeated_headline(text: str, title: str) -> tuple[str, list[str]]:
    """Keep the first headline line; drop copies of it that follow among the leading lines."""
    lines = _lines(text)
    target = _normalise(title)
    kept, removed, seen_title = [], [], False
    body_started = False
    for line in lines:
        is_title = bool(target) and _normalise(line) == target
        if not body_started and is_title:
            if seen_title:
                removed.append(f"repeated headline: {line.strip()}")
                continue
            seen_title = True
        elif line.strip():
            body_started = True
        kept.append(line)
    return "".join(kept), removed


def remove_related_links(text: str) -> tuple[str, list[str]]:
    """'Read Also:' style markers, with the linked headline on the next non-empty line."""
    lines = _lines(text)
    kept, removed = [], []
    i = 0
    while i < len(lines):
        match = RELATED_MARKER.match(lines[i])
        if match and len(match.group("rest").split()) <= 25:
            removed.append(f"related link: {lines[i].strip()}")
            i += 1
            if not match.group("rest").strip():
                j = i
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if j < len(lines) and _looks_like_headline(lines[j]):
                    removed.append(f"related link: {lines[j].strip()}")
                    i = j + 1
            continue
        kept.append(lines[i])
        i += 1
    return "".join(kept), removed


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped.split()) <= 20 and not stripped.endswith((".", ",", ";", ":"))


def remove_footer(text: str) -> tuple[str, list[str]]:
    """Comment forms ('Leave a Reply' and what follows) in the last part of the page."""
    lines = _lines(text)
    total = len(text)
    position = 0
    for index, line in enumerate(lines):
        if FOOTER_MARKER.match(line) and position >= 0.5 * total:
            tail = [entry.strip() for entry in lines[index:] if entry.strip()]
            return "".join(lines[:index]), [f"footer: {entry}" for entry in tail]
        position += len(line)
    return text, []


def remove_boilerplate_lines(text: str) -> tuple[str, list[str]]:
    """Share bars and subscribe / follow prompts, wherever they stand."""
    kept, removed = [], []
    for line in _lines(text):
        if line.strip() and (SHARE_BAR.match(line) or PROMPT.match(line)):
            removed.append(f"boilerplate: {line.strip()}")
            continue
        kept.append(line)
    return "".join(kept), removed


@dataclass
class Vocabulary:
    """Word counts over a batch, and how often each word occurs as half of a 'split word' candidate."""

    words: Counter
    in_split_pairs: Counter

    def is_fragment(self, part: str) -> bool:
        """Never used as a word of its own: every occurrence is half of a split candidate."""
        part = part.lower()
        return self.words[part] <= self.in_split_pairs[part]


def vocabulary(texts) -> Vocabulary:
    words: Counter = Counter()
    texts = list(texts)
    for text in texts:
        words.update(w.lower() for w in _WORD.findall(text))
    in_pairs: Counter = Counter()
    for text in texts:
        for match in _SPLIT_PAIR.finditer(text):
            left, right = match.group(1).lower(), match.group(2).lower()
            if words[left + right]:
                in_pairs[left] += 1
                in_pairs[right] += 1
    return Vocabulary(words, in_pairs)


def join_split_words(text: str, vocab: Vocabulary | None = None) -> tuple[str, list[str]]:
    """'P resident' -> 'President', 'gov ernment' -> 'government', only where it is clear.

    `vocab` covers the batch (default: this text). A pair is joined when the joined word is used on
    its own somewhere, neither part is a common standalone word, and a part is a fragment that is
    never used as a word by itself, or is a lone capital split off its word as in 'P resident'.
    So 'may be' and 'car maker' stay as written.
    """
    vocab = vocab or vocabulary([text])
    removed: list[str] = []

    def joinable(left: str, right: str) -> bool:
        if left.lower() in _STANDALONE or right.lower() in _STANDALONE:
            return False
        if not vocab.words[(left + right).lower()]:
            return False
        capital_split = len(left) == 1 and left.isupper() and len(right) >= 3
        return capital_split or vocab.is_fragment(left) or vocab.is_fragment(right)

    pieces: list[str] = []
    cursor = 0
    for match in _SPLIT_PAIR.finditer(text):
        left, right = match.group(1), match.group(2)
        if match.start() < cursor or not joinable(left, right):
            continue
        pieces += [text[cursor:match.start()], left + right]
        cursor = match.start() + len(left) + 1 + len(right)
        removed.append(f"split word: {left} {right} -> {left + right}")
    pieces.append(text[cursor:])
    return "".join(pieces), removed


def clean_text(text: str, title: str, vocab: Vocabulary | None = None) -> tuple[str, list[str]]:
    """Cleaned text and the list of removals, in the order the rules ran."""
    removed: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    for rule in (remove_footer, remove_related_links, remove_boilerplate_lines):
        text, gone = rule(text)
        removed += gone
    text, gone = remove_repeated_headline(text, title)
    removed += gone
    text, gone = join_split_words(text, vocab)
    removed += gone
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, removed


def clean_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles table with `text` cleaned and `removed` filled; `raw_text` is untouched."""
    articles = articles.copy()
    vocab = vocabulary(articles["raw_text"])
    cleaned = [
        clean_text(raw, title if isinstance(title, str) else "", vocab)
        for raw, title in zip(articles["raw_text"], articles["title"])
    ]
    articles["text"] = [text for text, _ in cleaned]
    articles["removed"] = ["\n".join(gone) for _, gone in cleaned]
    return articles
