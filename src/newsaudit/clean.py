"""Remove scrape noise from article text, keeping a record of everything removed.

Each rule works on whole lines (or, for split words, on a token pair) so the cleaned text is still
the article as published. `removed` lists what went, one `kind: text` entry per line.
"""

from __future__ import annotations

import re
from collections import Counter

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


def vocabulary(texts) -> Counter:
    """Lower-cased word counts over the texts, for telling real words from fragments."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(w.lower() for w in _WORD.findall(text))
    return counts


def join_split_words(text: str, corpus_vocab: Counter | None = None) -> tuple[str, list[str]]:
    """'P resident' -> 'President', 'gov ernment' -> 'government', only where it is clear.

    The joined word must occur elsewhere in the article (or, for a capital split off its word as in
    'P resident', at least three times in the batch's `corpus_vocab`), and neither part may be a word
    used anywhere else in the article or batch, so 'may be' and 'car maker' stay as written.
    """
    article_vocab = vocabulary([text])
    vocab = corpus_vocab if corpus_vocab is not None else article_vocab
    removed: list[str] = []

    def joinable(left: str, right: str) -> bool:
        joined = (left + right).lower()
        if left.lower() in _STANDALONE or right.lower() in _STANDALONE:
            return False
        if len(left) == 1 and left.isupper() and len(right) >= 3:
            return article_vocab[joined] >= 1 or vocab[joined] >= 3
        unused = vocab[left.lower()] <= 1 and vocab[right.lower()] <= 1
        return article_vocab[joined] >= 1 and unused

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


def clean_text(text: str, title: str, vocab: Counter | None = None) -> tuple[str, list[str]]:
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
