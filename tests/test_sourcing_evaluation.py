"""The PolNeAR matching rule of evaluation/attributions.py on hand-made spans."""

from pathlib import Path

import pytest

from newsaudit import brat, config
from newsaudit.evaluation.attributions import (
    evaluate_attributions, format_attribution_report, gold_name, match, score, score_all_rules,
)


def attribution(content, source=(), cue=()):
    return brat.Attribution(list(source), list(cue), list(content))


def test_match_needs_30_percent_of_gold_content():
    gold = [attribution([(0, 100)])]
    assert match([attribution([(70, 200)])], gold) == [(0, 0)]
    assert match([attribution([(71, 200)])], gold) == []


def test_strict_rule_also_needs_30_percent_of_predicted_content():
    gold = [attribution([(100, 120)], source=[(0, 5)])]
    long_prediction = [attribution([(50, 200)], source=[(0, 5)])]  # covers all of gold: 20 of 150 chars
    assert match(long_prediction, gold) == [(0, 0)]
    assert match(long_prediction, gold, "strict") == []
    assert match([attribution([(100, 166)])], gold, "strict") == [(0, 0)]  # 20 >= 0.3 * 66
    assert match([attribution([(100, 167)])], gold, "strict") == []  # 20 < 0.3 * 67
    lenient, strict = score({"d": long_prediction}, {"d": gold}), score({"d": long_prediction}, {"d": gold}, "strict")
    assert lenient["matched"] == 1 and lenient["speaker"]["f1"] == 1.0
    assert strict["matched"] == 0 and strict["detection"]["f1"] == 0.0 and strict["predicted"] == 1
    with pytest.raises(ValueError):
        match(long_prediction, gold, "loose")


def test_report_keeps_lenient_lines_and_adds_strict_ones():
    gold = {"d": [attribution([(100, 120)])]}
    predicted = {"d": [attribution([(50, 200)])]}
    result = score_all_rules(predicted, gold)
    assert result["matched"] == 1 and result["strict"]["matched"] == 0
    lines = format_attribution_report(result).splitlines()
    assert lines[0].startswith("attributions: 1 documents, 1 gold, 1 predicted, 1 matched")
    assert lines[5].startswith("speaker accuracy on matched: 1.000")
    assert lines[6].startswith("strict (content overlap >= 30% of gold and of predicted): 0 matched")
    assert lines[8].split() == ["detection", "0.000", "0.000", "0.000"]
    assert len(lines) == 12


def test_each_gold_matches_one_prediction_and_scores():
    gold = [attribution([(0, 100)], source=[(200, 205)], cue=[(206, 210)]),
            attribution([(300, 340)])]
    predicted = [attribution([(0, 100)], source=[(203, 209)], cue=[(206, 210)]),
                 attribution([(10, 90)], source=[(0, 1)]),
                 attribution([(300, 340)])]
    result = score({"d": predicted}, {"d": gold})
    assert result["matched"] == 2
    assert result["detection"]["precision"] == pytest.approx(2 / 3)
    assert result["detection"]["recall"] == 1.0
    assert result["speaker_accuracy"] == 1.0  # overlap, and both empty
    assert result["cue_accuracy"] == 1.0
    assert "speaker" in format_attribution_report(result)


def test_evaluate_on_tiny_brat_folder(tmp_path: Path):
    text = "Jane Smith said the plan would fail."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "doc.ann").write_text(
        "T1\tSource 0 10\tJane Smith\nT2\tCue 11 15\tsaid\nT3\tContent 16 35\tthe plan would fail\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n", encoding="utf-8")
    result = evaluate_attributions(tmp_path, rules_only=True)
    assert result["matched"] == 1 and result["speaker"]["f1"] == 1.0
    assert result["speaker_by_name"] == 1.0 and result["speaker_by_name_n"] == 1


@pytest.mark.parametrize("source, name", [
    ("Sen. Rand Paul, R-Ky.,", "Rand Paul"), ("Mr. Kerry", "Mr. Kerry"), ("Jeffrey Lewis of the Martin Center", "Jeffrey Lewis"),
    ("he", None), ("The Ohio governor", None), ("a spokesman", None),
])
def test_the_name_a_gold_source_gives(source, name):
    assert gold_name(source) == name


def test_a_pronoun_is_scored_by_the_name_it_resolves_to(tmp_path: Path):
    text = "Owen Tarrant spoke first. Tarrant said the plan would fail. He added that the fares would rise."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    spans = {"s1": text.index("Tarrant said"), "c1": text.index("said"), "k1": text.index("the plan"),
             "s2": text.index("He added"), "c2": text.index("added"), "k2": text.index("the fares")}
    (tmp_path / "doc.ann").write_text(
        f"T1\tSource {spans['s1']} {spans['s1'] + 7}\tTarrant\nT2\tCue {spans['c1']} {spans['c1'] + 4}\tsaid\n"
        f"T3\tContent {spans['k1']} {spans['k1'] + 19}\tthe plan would fail\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
        f"T4\tSource {spans['s2']} {spans['s2'] + 2}\tHe\nT5\tCue {spans['c2']} {spans['c2'] + 5}\tadded\n"
        f"T6\tContent {spans['k2']} {spans['k2'] + 20}\tthe fares would rise\n"
        "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n", encoding="utf-8")
    result = evaluate_attributions(tmp_path)
    assert result["matched"] == 2
    assert result["speaker_by_name_n"] == 1 and result["speaker_by_name"] == 1.0  # "He" names no one in the gold
    assert "speaker by resolved name" in format_attribution_report(result)


@pytest.mark.slow
@pytest.mark.skipif(not (config.POLNEAR_DIR / "dev").exists(), reason="../shared/data/polnear not present")
@pytest.mark.skipif(not config.ATTRIBUTION_MODEL.exists(), reason="no bundled attribution model")
def test_bundled_model_on_polnear_dev():
    result = evaluate_attributions(config.POLNEAR_DIR / "dev")
    assert result["detection"]["f1"] >= 0.75
    assert result["speaker"]["f1"] >= 0.62
