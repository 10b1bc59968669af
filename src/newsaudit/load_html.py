"""Saved HTML pages: the article's text and metadata by trafilatura, a plain parser as fallback.

trafilatura works offline on the decoded markup here (nothing is fetched): it drops navigation,
share bars, related links and footers, and reads title, author, date (htmldate, without its
"extensive" guesses from copyright lines) and outlet (`og:site_name`, else the page's own URL).
"""

from __future__ import annotations

import logging
import re
import warnings
from html.parser import HTMLParser

class _HTMLText(HTMLParser):
    """Visible text of an HTML page, one line per block element, plus its <title>."""

    BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "article", "section",
              "tr", "td", "th", "blockquote", "nav", "header", "footer", "aside", "main", "figcaption"}
    HIDDEN = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self._hidden = 0
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._hidden:
            return
        if self._in_h1:
            self.h1 += data
        self.parts.append(data)


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def html_to_text(markup: str) -> tuple[str, str]:
    """(title, text) of an HTML page with the plain parser; the title leads the text."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    body = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    body = re.sub(r" *\n *", "\n", body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    title = " ".join((parser.h1 or parser.title).split()) or first_line(body)
    if not body.startswith(title):
        body = f"{title}\n\n{body}"
    return title, body


_PUBLISHED_META = re.compile(
    r"<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|og:published_time|"
    r"datePublished|pubdate|publishdate|date)[\"'][^>]*>", re.I)
_CONTENT = re.compile(r"\bcontent\s*=\s*[\"']([^\"']+)[\"']", re.I)
_TRAFILATURA_QUIET = False


def html_article(markup: str) -> dict:
    """Fields of a saved article page: text (title first, paragraphs apart), title, author, date,
    outlet (og:site_name or the page's own URL) and url, by trafilatura; the plain parser when
    trafilatura finds no text."""
    fields: dict = {}
    document = _trafilatura(markup)
    body = (document or {}).get("text") or ""
    paragraphs = [" ".join(line.replace("\xa0", " ").split()) for line in body.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs:
        title = " ".join((document.get("title") or "").split()) or paragraphs[0]
        if paragraphs[0] != title:
            paragraphs.insert(0, title)
        fields = {"text": "\n\n".join(paragraphs), "title": title}
        for ours, theirs in (("author", "author"), ("url", "url")):
            if document.get(theirs):
                fields[ours] = document[theirs]
        outlet = document.get("sitename") or document.get("hostname")
        if outlet:
            fields["outlet"] = outlet
        if document.get("date"):
            fields["published"] = _precise_date(markup, document["date"])
        fields["extractor"] = "trafilatura"
        return fields
    title, text = html_to_text(markup)
    return {"text": text, "title": title, "extractor": "html.parser"}


def _trafilatura(markup: str) -> dict | None:
    global _TRAFILATURA_QUIET
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency; the plain parser still works
        return None
    if not _TRAFILATURA_QUIET:
        for name in ("trafilatura", "htmldate", "courlan", "justext"):
            logging.getLogger(name).setLevel(logging.ERROR)
        _TRAFILATURA_QUIET = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # trafilatura unescapes the text it takes out of the parsed tree once more ("&amp;lt;"
            # would become "<"); escaping every "&" first makes that second pass undo only this one.
            document = trafilatura.bare_extraction(
                markup.replace("&", "&amp;"), with_metadata=True, include_comments=False,
                include_images=False, include_links=False, deduplicate=False,
                date_extraction_params={"original_date": True, "extensive_search": False},
            )
    except Exception:  # noqa: BLE001 - a page trafilatura cannot handle falls back to the plain parser
        return None
    if document is None:
        return None
    return document.as_dict() if hasattr(document, "as_dict") else dict(document)


def _precise_date(markup: str, day: str) -> str:
    """trafilatura gives the day; the page's published_time meta, when it is that day, adds the time."""
    for tag in _PUBLISHED_META.finditer(markup[:200_000]):
        content = _CONTENT.search(tag.group())
        if content and content.group(1).strip().startswith(day[:10]):
            return content.group(1).strip()
    return day

