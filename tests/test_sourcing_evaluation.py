"""The PolNeAR matching rule of evaluation/attributions.py on hand-made spans."""

from pathlib import Path

import pytest

from newsaudit import brat, config
from newsaudit.evaluation.attributions import evaluate_attributions, format_attribution_report, match, score


def attribution(content, source=(), cue=()):
    return brat.Attribution(list(source), list(cue), list(content))


def test_match_needs_30_percent_of_gold_content():
    gold = [attribution([(0, 100)])]
    assert match([attribution([(70, 200)])], gold) == [(0, 0)]
    assert match([attribution([(71, 200)])], gold) == []


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


@pytest.mark.slow
@pytest.mark.skipif(not (config.POLNEAR_DIR / "dev").exists(), reason="../shared/data/polnear not present")
@pytest.mark.skipif(not config.ATTRIBUTION_MODEL.exists(), reason="no bundled attribution model")
def test_bundled_model_on_polnear_dev():
    result = evaluate_attributions(config.POLNEAR_DIR / "dev")
    assert result["detection"]["f1"] >= 0.75
    assert result["speaker"]["f1"] >= 0.62
