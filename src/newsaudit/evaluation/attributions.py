"""Scoring of predicted attributions against brat gold annotations (PolNeAR rules).

A prediction matches a gold attribution when their content spans overlap by at least 30% of the
gold content's characters; each gold attribution matches at most one prediction (and each
prediction at most one gold), greedily by largest overlap. On matched pairs:

- speaker: right when the predicted source span overlaps the gold source span, or both are empty;
- cue: right when the predicted cue span overlaps the gold cue span, or both are empty.

Detection precision/recall/F1 count matched pairs; the end-to-end speaker (cue) scores count
only matched pairs whose speaker (cue) is right. Accuracy is over matched pairs.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from .. import brat
from ..segment import split_sentences

MIN_CONTENT_OVERLAP = 0.30

Fragments = list[tuple[int, int]]


def _overlap(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def _agree(predicted: Fragments, gold: Fragments) -> bool:
    if not predicted and not gold:
        return True
    return _overlap(predicted, gold) > 0


def match(predicted: list[brat.Attribution], gold: list[brat.Attribution]) -> list[tuple[int, int]]:
    """(gold index, predicted index) of matched pairs, each used at most once."""
    candidates = []
    for g, gold_attribution in enumerate(gold):
        gold_chars = sum(end - start for start, end in gold_attribution.content)
        if not gold_chars:
            continue
        for p, predicted_attribution in enumerate(predicted):
            shared = _overlap(gold_attribution.content, predicted_attribution.content)
            if shared >= MIN_CONTENT_OVERLAP * gold_chars:
                candidates.append((shared / gold_chars, g, p))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, g, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return pairs


def _prf(correct: int, n_predicted: int, n_gold: int) -> dict:
    precision = correct / n_predicted if n_predicted else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def predictions_as_brat(table: pd.DataFrame) -> dict[str, list[brat.Attribution]]:
    out: dict[str, list[brat.Attribution]] = {}
    for row in table.itertuples(index=False):
        source = [] if pd.isna(row.source_start) else [(int(row.source_start), int(row.source_end))]
        cue = [] if pd.isna(row.cue_start) else [(int(row.cue_start), int(row.cue_end))]
        content = [(int(row.content_start), int(row.content_end))]
        out.setdefault(row.article_id, []).append(brat.Attribution(source, cue, content))
    return out


def score(predicted: dict[str, list[brat.Attribution]], gold: dict[str, list[brat.Attribution]]) -> dict:
    n_gold = sum(len(v) for v in gold.values())
    n_predicted = sum(len(predicted.get(doc, [])) for doc in gold)
    matched = speaker_right = cue_right = 0
    for doc, gold_attributions in gold.items():
        doc_predicted = predicted.get(doc, [])
        for g, p in match(doc_predicted, gold_attributions):
            matched += 1
            speaker_right += _agree(doc_predicted[p].source, gold_attributions[g].source)
            cue_right += _agree(doc_predicted[p].cue, gold_attributions[g].cue)
    return {
        "documents": len(gold), "gold": n_gold, "predicted": n_predicted, "matched": matched,
        "detection": _prf(matched, n_predicted, n_gold),
        "speaker": _prf(speaker_right, n_predicted, n_gold),
        "cue": _prf(cue_right, n_predicted, n_gold),
        "speaker_accuracy": speaker_right / matched if matched else 0.0,
        "cue_accuracy": cue_right / matched if matched else 0.0,
    }


def evaluate_attributions(gold_dir: Path, model_path: Path | str | None = None, rules_only: bool = False) -> dict:
    """Run the extractor on the raw text of every annotated document in `gold_dir` and score it."""
    from .. import sourcing

    documents = brat.read_corpus(Path(gold_dir))
    if not documents:
        raise ValueError(f"no annotated documents (.txt with .ann) found in {gold_dir}")
    articles = pd.DataFrame({
        "article_id": [d.doc_id for d in documents], "title": "", "text": [d.text for d in documents],
    })
    sentences = split_sentences(articles)
    started = time.perf_counter()
    if rules_only:
        table = sourcing.extract_attributions_with_rules(articles, sentences)
    else:
        table = sourcing.extract_attributions(articles, sentences, model_path=model_path)
    seconds = time.perf_counter() - started
    result = score(predictions_as_brat(table), {d.doc_id: d.attributions for d in documents})
    model = sourcing.load_model(model_path) if not rules_only else None
    result["extractor"] = "crf" if model else "rules"
    result["seconds"] = seconds
    return result


def format_attribution_report(result: dict) -> str:
    lines = [
        f"attributions: {result['documents']} documents, {result['gold']} gold, "
        f"{result['predicted']} predicted, {result['matched']} matched ({result.get('extractor', '?')})",
        f"{'':12}{'precision':>10}{'recall':>10}{'F1':>10}",
    ]
    for name in ("detection", "speaker", "cue"):
        scores = result[name]
        lines.append(f"{name:12}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>10.3f}")
    lines.append(f"speaker accuracy on matched: {result['speaker_accuracy']:.3f}; "
                 f"cue accuracy on matched: {result['cue_accuracy']:.3f}")
    return "\n".join(lines)
