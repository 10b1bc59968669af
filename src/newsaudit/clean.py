"""Remove scrape noise from article text, keeping a record of everything removed.

Each rule works on whole lines (or, for split words and hover cards, on a span inside a line) so the
cleaned text is still the article as published. `removed` lists what went, one `kind: text` entry per
line or span.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

_RELATED_WORDS = (
    r"read\s+(?:also|more|next)|also\s+read|"
    r"related(?:\s+(?:stories|articles|coverage|content|links|news|reading))?|see\s+also|"
    r"more\s+on\s+this(?:\s+story)?|recommended(?:\s+(?:stories|articles|reading|for\s+you))?|"
    r"you\s+(?:may|might)\s+also\s+like"
)
# A link marker: the marker words as a whole word, then a separator (colon, dash, bar) or not.
# Whether the line is a marker is decided by `related_marker`, never by the first word alone.
RELATED_MARKER = re.compile(
    rf"^\s*[\[(]?\s*(?P<marker>{_RELATED_WORDS})(?![\w'’-])\s*(?P<sep>[:|»>–—-]+)?\s*(?P<rest>.*?)\s*$", re.I
)
# A comment-form line: the whole line is the form's label ("Leave a Reply", "3 Comments", "Join
# the conversation"), or it is the form's unmistakable notice about e-mail addresses.
_FOOTER_LABEL = (
    r"leave\s+a\s+(?:reply|comment)(?:\s+cancel\s+reply)?|\d*\s*comments?(?:\s*\(\d+\))?|"
    r"(?:post|add)\s+a\s+comment|join\s+the\s+(?:conversation|discussion)|comments\s+are\s+closed"
)
FOOTER_MARKER = re.compile(
    rf"^\s*(?:(?:{_FOOTER_LABEL})\s*[.:!…*>]*\s*$|your\s+email\s+address\s+will\s+not\s+be\s+published\b)", re.I
)
# Words that report speech: a line holding one is news ("Sign up for the alerts, the council
# urged"), not a prompt addressed to the reader.
_REPORTED = re.compile(r"\b(?:said|says|say|told|tells|according\s+to|urged|urges|announced|added|warned)\b", re.I)
_SHARE_WORDS = r"(?:share(?:\s+(?:this|on|article|story))?:?|facebook|twitter|x|whatsapp|e-?mail|linkedin|" \
    r"print|pinterest|reddit|telegram|messenger|copy\s+link|tweet|pin\s+it)"
SHARE_BAR = re.compile(rf"^\s*{_SHARE_WORDS}(?:[\s|,·•/]+{_SHARE_WORDS})*\s*$", re.I)
PROMPT = re.compile(
    r"^\s*(?:(?:subscribe|sign\s+up)\b.*\b(?:newsletter|updates|inbox|alerts|subscription)\b.*|"
    r"follow\s+us\s+on\b.*|click\s+here\s+to\b.*|advertisement|sponsored(?:\s+content)?|"
    r"download\s+(?:our|the)\s+app\b.*|get\s+(?:our|the)\s+newsletter\b.*)\s*$",
    re.I,
)
# Caption and credit furniture: a label at the start of the line ("Photo:", "Image caption",
# "Media playback is unsupported ..."), or a credit that closes the line.
CAPTION_START = re.compile(
    r"^\s*[\[(]?\s*(?:(?:image|media)\s+caption\b|image\s+copyright\b(?=.*\bcaption\b|(?:\s+\S+){0,4}\s*$)|"
    r"media\s+playback\s+is\s+(?:unsupported|not\s+supported)\b|enlarge\s+this\s+image\b|"
    r"(?:hide|toggle)\s+caption\b|slideshow\s*\(\s*\d+\s+(?:images|photos)\s*\)|"
    r"(?:file\s+)?(?:photo(?:graph)?|image|picture|pictured|caption)(?:\s+credit)?\s*:)",
    re.I,
)
_CREDIT_NAME = r"[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}"
# "Jane Roe/Agency Images", "AGENCY/ Jane Roe", "Agency/Agency": capitalised names joined by slashes.
_SLASH_CREDIT = rf"{_CREDIT_NAME}(?:\s*/\s*{_CREDIT_NAME})+"
CREDIT_ONLY = re.compile(
    rf"^\s*[\[(]?\s*(?:{_SLASH_CREDIT}|{_CREDIT_NAME}\s+(?:Images|Photos?|Pictures))"
    rf"(?:\s+{_SLASH_CREDIT})*\s*[\])]?\.?\s*$"
)
# A caption whose last words are a slash credit with an all-caps or photo part: "... REUTERS/Jane Roe".
ENDING_CREDIT = re.compile(rf"(?:^|[.!?)”\"]\s+)(?P<credit>{_SLASH_CREDIT})\s*\.?\s*$")
_CREDIT_MARK = re.compile(r"\b(?:[A-Z]{2,}|Photos?|Images|Pictures)\b")
# "(Photo: Jane Roe)", "(Agency Photo/Jane Roe)", "(Photo by ...)", "(... via Agency Images)" at line end.
ENDING_PAREN_CREDIT = re.compile(
    r"\([^()]*(?:\b(?:[Pp]hoto(?:graph)?s?|[Ii]mages?|[Pp]ictures?)\s*(?:/|:|by\b|credit\b|courtesy\b)[^()]*|"
    r"\b(?:Photo|Images|Pictures))\)\s*\.?\s*$"
)
_PROMO_WORDS = (
    r"(?:watch(?:ed)?|videos?|photos?|gallery|slideshow|listen|podcast|trending|partners|sponsored|"
    r"advertisement|subscribe|newsletters?|recommended|read\s+more|more\s+(?:from|on|stories|videos|news)|"
    r"most\s+(?:popular|read|viewed|shared)|top\s+stories|don['’]?t\s+miss|editor['’]?s\s+picks?)"
)
PROMO_WORD = re.compile(rf"\b{_PROMO_WORDS}\b", re.I)
# An all-caps label opening a line, followed by a colon or a capitalised title: "WATCH: ...".
PROMO_LABEL = re.compile(r"^\s*[\[(]?\s*(?P<label>(?:[A-Z][A-Z'’]+\s+){0,2}[A-Z][A-Z'’]+)\s*(?::|\s+(?=[A-Z0-9]))")
PROMO_COLON = re.compile(r"^\s*[\[(]?\s*(?:watch|video|listen|photos|gallery)\s*:", re.I)
# A video player's button text, alone or stuck before the video's caption.
PLAYER_CLOSE = re.compile(r"^\s*CLOSE(?:\s+[A-Z]|\s*$)")
_NAME_WORD = r"[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*"  # capitalised, not all caps
_CARD_TOKEN = rf"(?:{_NAME_WORD}|[A-Z]\.|\({_NAME_WORD}\.?\))"
# A surname, then the card's full name ending in the same surname glued to the card's next word.
HOVER_CARD = re.compile(
    rf"\b(?P<surname>{_NAME_WORD}) (?P<card>(?:{_CARD_TOKEN} ){{1,4}}(?P=surname))(?=[A-Z0-9\"“‘])"
)
CARD_END = re.compile(r"\bMORE\b")  # the card's link to the person's page closes it
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


def related_marker(line: str) -> re.Match | None:
    """The match when `line` is a 'Read more:' style marker: the marker alone ("Related",
    "RELATED STORIES"), the marker and a separator before a short link text ("Related: Port
    reopens", "Read more - ..."), or the marker before a short headline-like text that starts with
    a capital and has no sentence end ("Related Articles Mayor Opens Library Wing"). So
    "Related charges were dropped, prosecutors said." and "Relatedly, ..." are sentences, kept."""
    match = RELATED_MARKER.match(line)
    if not match:
        return None
    rest = match.group("rest")
    if not rest.strip(".…:;,|»>–—- "):  # the marker alone, perhaps with dots: "More On This..."
        return match
    if match.group("sep"):
        return match if len(rest.split()) <= 25 else None
    starts_like_a_title = rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'"
    return match if starts_like_a_title and _looks_like_headline(rest) and not rest.endswith("!") else None


def remove_related_links(text: str) -> tuple[str, list[str]]:
    """'Read Also:' style markers, with the linked headline on the next non-empty line."""
    lines = _lines(text)
    kept, removed = [], []
    i = 0
    while i < len(lines):
        match = related_marker(lines[i])
        if match:
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
    """Comment forms ('Leave a Reply' and what follows) in the last part of the page: the form's
    label must be the whole line ("Join the conversation about the plan on Friday" is news)."""
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
    """Share bars and subscribe / follow prompts, wherever they stand (a line that reports speech
    is never a prompt)."""
    kept, removed = [], []
    for line in _lines(text):
        if line.strip() and (SHARE_BAR.match(line) or (PROMPT.match(line) and not _REPORTED.search(line))):
            removed.append(f"boilerplate: {line.strip()}")
            continue
        kept.append(line)
    return "".join(kept), removed


def _is_caption(line: str) -> bool:
    if CAPTION_START.match(line) or CREDIT_ONLY.match(line) or ENDING_PAREN_CREDIT.search(line):
        return True
    ending = ENDING_CREDIT.search(line)
    return bool(ending and _CREDIT_MARK.search(ending.group("credit")))


def _is_promo(line: str) -> bool:
    """A short all-caps promo line ('MORE FROM OUR PARTNERS'), or one opened by a promo label
    ('WATCH: ...', 'VIDEO Title 01:12', 'Photos: ...') or by a video player's 'CLOSE' button."""
    stripped = line.strip()
    label = PROMO_LABEL.match(stripped)
    if label and PROMO_WORD.search(label.group("label")) and len(stripped.split()) <= 40:
        return True
    if PROMO_COLON.match(stripped) or PLAYER_CLOSE.match(stripped):
        return True
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 3 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return False
    # A quote or an exclamation reads as speech ("THE HARBOUR STAYS OPEN!"), not as page furniture.
    if len(stripped.split()) > 10 or re.search(r"[\"“”‘’!?]", stripped):
        return False
    return bool(PROMO_WORD.search(stripped))


def remove_furniture_lines(text: str, title: str = "") -> tuple[str, list[str]]:
    """Photo captions and credits, media-player notices, promo lines; never the headline itself."""
    target = _normalise(title)
    kept, removed = [], []
    for line in _lines(text):
        if line.strip() and _normalise(line) != target:
            if _is_caption(line):
                removed.append(f"caption: {line.strip()}")
                continue
            if _is_promo(line):
                removed.append(f"promo: {line.strip()}")
                continue
        kept.append(line)
    return "".join(kept), removed


def remove_hover_cards(text: str) -> tuple[str, list[str]]:
    """Person cards scraped into a sentence, next to the name they describe.

    'Rep. Jane Doe Jane Marie DoeCity council votes ... MORE (D-Ore.) said' reads, once the card
    (the repeated full name glued to its list of headlines, closed by 'MORE') is gone,
    'Rep. Jane Doe (D-Ore.) said'. Without a closing 'MORE' only the repeated name goes.
    """
    removed: list[str] = []
    pieces: list[str] = []
    cursor = 0
    for match in HOVER_CARD.finditer(text):
        if match.start() < cursor:
            continue
        card_start, glued = match.start("card"), match.end("card")
        line_end = text.find("\n", glued)
        # Cards seen in scraped pages run 200-400 characters; never look past the paragraph.
        window_end = min(glued + 800, len(text) if line_end < 0 else line_end)
        closing = CARD_END.search(text, glued, window_end)
        if closing:
            start, end = card_start - 1, closing.end()
        else:
            start, end = card_start, glued
        pieces.append(text[cursor:start])
        removed.append(f"hover card: {text[card_start:end]}")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), removed


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


# A sentence end glued to the next sentence ("the delegates.The latest", 'he said."Even so', 'much.""Things'): two
# lower-case letters, the end mark and maybe a closing quote, then a capitalised word. Not "U.S.Army",
# "e.g.The" or "Ph.D" (no two lower-case letters before the mark).
_SHORT_OPENERS = frozenset("A An The He She It We I If In On At As So But And Yet Mr Mrs Ms Dr Its His Her Our".split())
_LETTERS, _NON_SPACE = re.compile(r"[A-Za-z]+"), re.compile(r"\S*")
_GLUED_SENTENCES = re.compile(r"(?<=[a-z]{2}[.!?])(\"\"|”“|[\"”’]?)(?=[A-Z][a-z])")


def split_glued_sentences(text: str) -> tuple[str, list[str]]:
    """A space where a scrape lost the break between two sentences; each recorded. A straight
    quote mark goes with the sentence it belongs to: it closes a quote opened earlier in the
    paragraph, else it opens the next one."""
    changed: list[str] = []

    def space(match: re.Match) -> str:
        word = _LETTERS.match(text, match.end()).group()
        token = _NON_SPACE.match(text, match.end()).group().rstrip(".,;:!?\"”’)")
        if "." in token or (len(word) <= 3 and word not in _SHORT_OPENERS):
            return match.group()  # a domain or a company's name: "Halo.Bungie.Org", "One.Tel"
        mark = match.group(1)
        spaced = mark + " "
        if len(mark) == 2:  # 'much.""Things': one quote closes, the next opens
            spaced = mark[0] + " " + mark[1]
        elif mark == '"':
            paragraph = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
            spaced = mark + " " if paragraph.count('"') % 2 else " " + mark
        begin = match.start()
        while begin and not text[begin - 1].isspace():
            begin -= 1
        before = text[begin:match.start()]
        changed.append(f"glued sentences: {before}{mark}{word} -> {before}{spaced}{word}")
        return spaced

    spaced = _GLUED_SENTENCES.sub(space, text)
    return spaced, changed


def clean_text(text: str, title: str, vocab: Vocabulary | None = None) -> tuple[str, list[str]]:
    """Cleaned text and the list of removals, in the order the rules ran."""
    removed: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    for rule in (remove_footer, remove_related_links, remove_boilerplate_lines):
        text, gone = rule(text)
        removed += gone
    text, gone = remove_furniture_lines(text, title)
    removed += gone
    text, gone = remove_repeated_headline(text, title)
    removed += gone
    text, gone = remove_hover_cards(text)
    removed += gone
    text, gone = join_split_words(text, vocab)
    removed += gone
    text, gone = split_glued_sentences(text)
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
