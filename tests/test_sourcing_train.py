"""train_model on a tiny brat folder of one's own annotations, then extraction with that model."""

from pathlib import Path

import pandas as pd
import pytest

from newsaudit import schema, segment, sourcing

DOCS = {
    "a": ("Jane Smith said the plan would fail.", [("Source", 0, 10), ("Cue", 11, 15), ("Content", 16, 35)]),
    "b": ("The mayor said taxes will rise.", [("Source", 0, 9), ("Cue", 10, 14), ("Content", 15, 30)]),
    "c": ("Bob Lee said the vote was close.", [("Source", 0, 7), ("Cue", 8, 12), ("Content", 13, 31)]),
}


def write_corpus(folder: Path) -> None:
    (folder / "text").mkdir()
    (folder / "attributions").mkdir()
    for doc, (text, spans) in DOCS.items():
        (folder / "text" / f"{doc}.txt").write_text(text, encoding="utf-8")
        lines = [f"T{i}\t{label} {start} {end}\t{text[start:end]}" for i, (label, start, end) in enumerate(spans, 1)]
        lines.append("E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3")
        (folder / "attributions" / f"{doc}_x.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_train_then_extract(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus)
    model = tmp_path / "models" / "mine.crfsuite"
    stats = sourcing.train_model(corpus, model, c1=0.01, max_iterations=30, min_freq=1)
    assert stats["documents"] == 3 and stats["attributions"] == 3
    assert [p.name for p in model.parent.iterdir()] == ["mine.crfsuite"]  # no temporary file left
    articles = pd.DataFrame({"article_id": ["n"], "title": [""], "text": ["Ann Ray said the bill is dead."]})
    table = sourcing.extract_attributions(articles, segment.split_sentences(articles), model_path=model)
    assert list(table.columns) == schema.ATTRIBUTIONS
    assert list(table.cue_text) == ["said"] and list(table.source_text) == ["Ann Ray"]


def test_missing_explicit_model_is_an_error(tmp_path: Path):
    articles = pd.DataFrame({"article_id": ["n"], "title": [""], "text": ["x"]})
    with pytest.raises(FileNotFoundError):
        sourcing.extract_attributions(articles, segment.split_sentences(articles), model_path=tmp_path / "none")
