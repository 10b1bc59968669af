"""K-fold cross-validation (evaluation/crossval.py) on a tiny brat folder of one's own annotations."""

import tempfile
from pathlib import Path

import pytest

from newsaudit import cli
from newsaudit.evaluation import crossval

SENTENCES = [
    ("Jane Smith", "said", "the plan would fail."),
    ("The mayor", "said", "taxes will rise."),
    ("Bob Lee", "said", "the vote was close."),
    ("Ann Ray", "said", "the bill is dead."),
]


def write_corpus(folder: Path) -> None:
    """PolNeAR layout, one attribution per document; document d1 has a second annotator's file."""
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for n, (source, cue, content) in enumerate(SENTENCES):
        text = f"{source} {cue} {content}"
        cue_start = len(source) + 1
        content_start = cue_start + len(cue) + 1
        spans = [("Source", 0, len(source)), ("Cue", cue_start, cue_start + len(cue)),
                 ("Content", content_start, len(text) - 1)]
        lines = [f"T{i}\t{label} {start} {end}\t{text[start:end]}" for i, (label, start, end) in enumerate(spans, 1)]
        lines.append("E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3")
        (folder / "text" / f"d{n}.txt").write_text(text, encoding="utf-8")
        (folder / "attributions" / f"d{n}_a.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "attributions" / "d1_b.ann").write_text("", encoding="utf-8")  # not gold: sorts after _a


def test_split_folds_is_round_robin_over_sorted_ids():
    assert crossval.split_folds(["e", "b", "a", "d", "c"], 2) == [["a", "c", "e"], ["b", "d"]]
    assert crossval.split_folds([f"d{i}" for i in range(4)], 4) == [["d0"], ["d1"], ["d2"], ["d3"]]
    with pytest.raises(ValueError):
        crossval.split_folds(["a", "b"], 3)
    with pytest.raises(ValueError):
        crossval.split_folds(["a", "b"], 1)


def test_two_fold_crossval_end_to_end(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    options = {"c1": 0.01, "max_iterations": 30, "min_freq": 1}
    result = crossval.cross_validate(corpus, k=2, train_options=options)
    assert not list(temporary.iterdir())  # models and links removed
    folds = result["folds"]
    assert [f["fold"] for f in folds] == [1, 2]
    assert [f["documents"] for f in folds] == [2, 2] and [f["train_documents"] for f in folds] == [2, 2]
    assert [f["gold"] for f in folds] == [2, 2]  # d1's gold is annotator a's file
    pooled = result["pooled"]
    assert pooled["documents"] == 4 and pooled["gold"] == 4
    assert pooled["matched"] == sum(f["matched"] for f in folds)
    assert pooled["strict"]["matched"] == sum(f["strict"]["matched"] for f in folds)
    assert pooled["matched"] >= 3 and pooled["speaker_accuracy"] == 1.0  # "X said Y." is learnt from two examples
    report = crossval.format_crossval_report(result)
    assert "pooled attributions: 4 documents" in report and "strict" in report
    in_two_processes = crossval.cross_validate(corpus, k=2, jobs=2, train_options=options)
    assert in_two_processes["pooled"] == pooled


def test_cli_crossval_errors_are_one_line(tmp_path: Path, capsys):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    assert cli.main(["evaluate", "crossval", str(corpus), "--folds", "1"]) == 2
    assert cli.main(["evaluate", "crossval", str(corpus), "--folds", "5"]) == 2
    assert cli.main(["evaluate", "crossval", str(tmp_path / "none")]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3 and all(line.startswith("newsaudit: error:") for line in errors)
    assert "cannot make 5 folds" in errors[1]
