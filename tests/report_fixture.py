"""A tiny analysed corpus written as the pipeline writes it (`<name>.parquet` + run.json), so the
report tests do not depend on the analysis stages. Two outlets, three articles, one of which has
markup in its title and text that a report must show as text."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from newsaudit import schema

HOSTILE_TITLE = '<script>alert("title")</script> Ministry & "friends"'
HOSTILE_TEXT = "Officials said <img src=x onerror=alert(1)> was fine.\n\nAnalysts say it is not clear."


def _article(article_id: str, outlet: str, published: str, title: str, sentences: list[str]) -> dict:
    return {
        "article_id": article_id, "title": title, "text": "\n\n".join(sentences), "raw_text": "\n\n".join(sentences),
        "outlet": outlet, "published": pd.Timestamp(published), "url": f"https://example.org/{article_id}",
        "source_path": f"{article_id}.txt", "removed": "Leave a Reply", "duplicate_of": None, "encoding": "utf-8",
    }


def make_tables() -> dict[str, pd.DataFrame]:
    articles = pd.DataFrame([
        _article("a1", "daily", "2016-09-12", "Train heads north",
                 ["The United States alleged a deal.", "Analysts say the trip is long.",
                  "Spokesperson Jeon Ha-kyu said talks were good."]),
        _article("a2", "weekly", "2016-10-03", HOSTILE_TITLE, HOSTILE_TEXT.split("\n\n")),
        _article("a3", "daily", "2016-10-20", "Quiet day", ["Nothing happened today."]),
    ])
    sentence_rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        start = 0
        for sentence_id, sentence in enumerate(text.split("\n\n")):
            compound = {0: -0.4, 1: 0.0, 2: 0.6}.get(sentence_id, 0.1)
            sentence_rows.append((article_id, sentence_id, start, start + len(sentence), sentence, compound, 0.2, 0.6, 0.2))
            start += len(sentence) + 2
    sentences = pd.DataFrame(sentence_rows, columns=schema.SENTENCES)
    attributions = pd.DataFrame([
        ("a1", 0, 0, "The United States", 0, 17, "The United States", "government", True, True, "alleged",
         18, 25, "loaded", "a deal", 26, 32, "indirect", 0.0),
        ("a1", 1, 1, "Analysts", 35, 43, "analysts", "anonymous", False, False, "say", 44, 47, "neutral",
         "the trip is long", 48, 64, "indirect", -0.1),
        ("a1", 2, 2, "Spokesperson Jeon Ha-kyu", 67, 91, "Jeon Ha-kyu", "person", True, True, "said", 92, 96,
         "neutral", "talks were good", 97, 112, "indirect", 0.44),
        ("a2", 0, 0, "Officials", 0, 9, "officials", "anonymous", False, True, "said", 10, 14, "neutral",
         "<img src=x onerror=alert(1)> was fine", 15, 52, "indirect", 0.2),
    ], columns=schema.ATTRIBUTIONS[:19])
    attributions = attributions.assign(
        entity_id=[0, 1, 2, 0], category="speech", is_citation=True, relation_id=[0, 1, 2, 0],
        gender=[None, None, "male", None], gender_basis=[None, None, "name", None])
    hedges = pd.DataFrame([("a2", 1, 67, 84, "it is not clear", "uncertainty")], columns=schema.HEDGES)
    article_stats = pd.DataFrame([
        ("a1", 3, 20, 0.07, -0.2, 3, 3, 1 / 3, 2 / 3, 2 / 3, 0.0, 0),
        ("a2", 2, 14, -0.2, 0.1, 1, 1, 1.0, 0.0, 1.0, 0.0, 1),
        ("a3", 1, 3, -0.4, 0.0, 0, 0, None, None, None, None, 0),
    ], columns=schema.ARTICLE_STATS)
    return {"articles": articles, "sentences": sentences, "attributions": attributions,
            "hedges": hedges, "article_stats": article_stats}


def write_tables(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in make_tables().items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    (folder / "run.json").write_text(json.dumps({"files_read": 3, "skipped": [], "fixture": True}))
    return folder
