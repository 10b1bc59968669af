"""Scoring of predicted attributions against brat gold annotations (PolNeAR rules).

A prediction matches a gold attribution when their content spans overlap by at least 30% of the
gold content's characters (the `lenient` rule, the one the Gender Gap Tracker evaluation uses);
the `strict` rule also needs the overlap to be at least 30% of the predicted content's
characters, so that a long prediction swallowing a short gold content no longer counts. Each gold
attribution matches at most one prediction (and each prediction at most one gold), greedily by
largest overlap. On matched pairs:

- speaker: right when the predicted source span overlaps the gold source span, or both are empty;
- cue: right when the predicted cue span overlaps the gold cue span, or both are empty.

Detection precision/recall/F1 count matched pairs; the end-to-end speaker (cue) scores count
only matched pairs whose speaker (cue) is right. Accuracy is over matched pairs.

The span rule cannot see resolution ("he" overlapping "he" is right whoever we took him for), so
the speaker is also scored by resolved name on the matched pairs whose gold source names someone
(`score_speaker_names`): the name's last word must be a word of a resolved speaker.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd

from .. import brat
from ..segment import split_sentences

MIN_CONTENT_OVERLAP = 0.30
LENIENT, STRICT = "lenient", "strict"
RULES = (LENIENT, STRICT)

Fragments = list[tuple[int, int]]


def _overlap(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def _agree(predicted: Fragments, gold: Fragments) -> bool:
    if not predicted and not gold:
        return True
    return _overlap(predicted, gold) > 0


def _chars(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def _content_matches(shared: int, gold_chars: int, predicted_chars: int, rule: str) -> bool:
    if shared < MIN_CONTENT_OVERLAP * gold_chars:
        return False
    return rule == LENIENT or shared >= MIN_CONTENT_OVERLAP * predicted_chars


def match(predicted: list[brat.Attribution], gold: list[brat.Attribution],
          rule: str = LENIENT) -> list[tuple[int, int]]:
    """(gold index, predicted index) of matched pairs, each used at most once, under `rule`
    (`lenient`: overlap >= 30% of the gold content; `strict`: and >= 30% of the predicted one)."""
    if rule not in RULES:
        raise ValueError(f"unknown matching rule {rule!r}; rules: {', '.join(RULES)}")
    candidates = []
    for g, gold_attribution in enumerate(gold):
        gold_chars = _chars(gold_attribution.content)
        if not gold_chars:
            continue
        for p, predicted_attribution in enumerate(predicted):
            shared = _overlap(gold_attribution.content, predicted_attribution.content)
            if _content_matches(shared, gold_chars, _chars(predicted_attribution.content), rule):
                candidates.append((shared / gold_chars, g, p))
    return one_to_one(candidates)


def one_to_one(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """(gold, predicted) pairs from (score, gold, predicted) candidates, best score first, each
    side used at most once."""
    pairs, used_gold, used_predicted = [], set(), set()
    for _, g, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return pairs


def prf(correct: int, n_predicted: int, n_gold: int) -> dict:
    precision = correct / n_predicted if n_predicted else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _relations(table: pd.DataFrame):
    """(article id, rows) of each attribution relation, in the order `predictions_as_brat` lists them."""
    relation = table["relation_id"] if "relation_id" in table.columns else pd.Series(range(len(table)), index=table.index)
    for (article_id, _), rows in table.groupby([table["article_id"], relation], sort=False):
        yield article_id, rows


def predictions_as_brat(table: pd.DataFrame) -> dict[str, list[brat.Attribution]]:
    """One brat attribution per attribution relation: the rows of one relation (the two sides of
    a quote split by its cue, a quote continued in the next paragraph) are its content fragments."""
    out: dict[str, list[brat.Attribution]] = {}
    for article_id, rows in _relations(table):
        first = rows.iloc[0]
        cued = rows[rows["cue_end"] > rows["cue_start"]]
        lead = cued.iloc[0] if len(cued) else first
        source = [] if pd.isna(lead.source_start) else [(int(lead.source_start), int(lead.source_end))]
        cue = [] if lead.cue_end <= lead.cue_start else [(int(lead.cue_start), int(lead.cue_end))]
        content = [(int(start), int(end)) for start, end in zip(rows["content_start"], rows["content_end"])]
        out.setdefault(article_id, []).append(brat.Attribution(source, cue, content))
    return out


COUNTS = ("documents", "gold", "predicted", "matched", "speaker_right", "cue_right")


def scores_from_counts(counts: dict) -> dict:
    """The counts (keys of `COUNTS`) with detection/speaker/cue P/R/F1 and the accuracies on
    matched pairs; used for one evaluation and for counts pooled over several (cross-validation)."""
    n_gold, n_predicted, matched = counts["gold"], counts["predicted"], counts["matched"]
    speaker_right, cue_right = counts["speaker_right"], counts["cue_right"]
    return {
        **{key: counts[key] for key in COUNTS},
        "detection": prf(matched, n_predicted, n_gold),
        "speaker": prf(speaker_right, n_predicted, n_gold),
        "cue": prf(cue_right, n_predicted, n_gold),
        "speaker_accuracy": speaker_right / matched if matched else 0.0,
        "cue_accuracy": cue_right / matched if matched else 0.0,
    }


def score(predicted: dict[str, list[brat.Attribution]], gold: dict[str, list[brat.Attribution]],
          rule: str = LENIENT) -> dict:
    """Scores of `predicted` against `gold` (both by document id) under the matching `rule`."""
    counts = dict.fromkeys(COUNTS, 0)
    counts["documents"] = len(gold)
    counts["gold"] = sum(len(v) for v in gold.values())
    counts["predicted"] = sum(len(predicted.get(doc, [])) for doc in gold)
    for doc, gold_attributions in gold.items():
        doc_predicted = predicted.get(doc, [])
        for g, p in match(doc_predicted, gold_attributions, rule):
            counts["matched"] += 1
            counts["speaker_right"] += _agree(doc_predicted[p].source, gold_attributions[g].source)
            counts["cue_right"] += _agree(doc_predicted[p].cue, gold_attributions[g].cue)
    return scores_from_counts(counts)


def score_all_rules(predicted: dict[str, list[brat.Attribution]],
                    gold: dict[str, list[brat.Attribution]]) -> dict:
    """The lenient scores at the top level (as `score`), the strict ones under `"strict"`."""
    result = score(predicted, gold, LENIENT)
    result[STRICT] = score(predicted, gold, STRICT)
    return result


_APPOSITION = re.compile(r",|\s+(?:who|which|of|at|from|for)\s|\s+\(|\s+[—–]|\s+--")


def gold_name(source_text: str) -> str | None:
    """The name a gold source mention gives, when its head ends with one ("Sen. Rand Paul, R-Ky.,"
    -> "Rand Paul"); None for pronouns and descriptions ("he", "the Ohio governor")."""
    from ..sourcing.speakers import ends_with_name, name_in

    head = _APPOSITION.split(source_text.strip())[0].strip()
    name = name_in(head) if head else None
    return name if name and ends_with_name(head, name) else None


def score_speaker_names(table: pd.DataFrame, documents: list[brat.Document]) -> dict:
    """On matched pairs (lenient rule) whose gold source names someone: is that name's last word a
    word of a resolved speaker of the prediction ("Mr. Kerry" and "he" resolved to "John F. Kerry")."""
    from .sources import normalise_name

    speakers: dict[str, list[set[str]]] = {}
    for article_id, rows in _relations(table):
        names = {normalise_name(s) for s in rows["speaker"].dropna()}
        speakers.setdefault(article_id, []).append({w for name in names for w in name.split()})
    predicted = predictions_as_brat(table)
    right = total = 0
    for document in documents:
        ours = predicted.get(document.doc_id, [])
        for g, p in match(ours, document.attributions):
            source = " ".join(document.text[start:end] for start, end in document.attributions[g].source)
            name = gold_name(source) if source else None
            if not name:
                continue
            surname = normalise_name(name).split()[-1:]
            total += 1
            right += bool(surname) and surname[0] in speakers[document.doc_id][p]
    return {"speaker_by_name": right / total if total else 0.0, "speaker_by_name_n": total}


def documents_as_articles(documents: list[brat.Document]) -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": [d.doc_id for d in documents], "title": "", "text": [d.text for d in documents],
    })


def evaluate_attributions(gold_dir: Path, model_path: Path | str | None = None, rules_only: bool = False) -> dict:
    """Run the extractor on the raw text of every annotated document in `gold_dir` and score it."""
    from .. import sourcing

    documents = brat.read_corpus(Path(gold_dir))
    if not documents:
        raise ValueError(f"no annotated documents (.txt with .ann) found in {gold_dir}")
    articles = documents_as_articles(documents)
    sentences = split_sentences(articles)
    started = time.perf_counter()
    if rules_only:
        table = sourcing.extract_attributions_with_rules(articles, sentences)
    else:
        table = sourcing.extract_attributions(articles, sentences, model_path=model_path)
    seconds = time.perf_counter() - started
    result = score_all_rules(predictions_as_brat(table), {d.doc_id: d.attributions for d in documents})
    result.update(score_speaker_names(table, documents))
    model = sourcing.load_model(model_path) if not rules_only else None
    result["extractor"] = "crf" if model else "rules"
    result["seconds"] = seconds
    return result


def _score_lines(result: dict) -> list[str]:
    lines = [f"{'':12}{'precision':>10}{'recall':>10}{'F1':>10}"]
    for name in ("detection", "speaker", "cue"):
        scores = result[name]
        lines.append(f"{name:12}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>10.3f}")
    lines.append(f"speaker accuracy on matched: {result['speaker_accuracy']:.3f}; "
                 f"cue accuracy on matched: {result['cue_accuracy']:.3f}")
    return lines


def format_attribution_report(result: dict) -> str:
    """The lenient figures (PolNeAR rule), then the strict ones when `result` has them."""
    lines = [
        f"attributions: {result['documents']} documents, {result['gold']} gold, "
        f"{result['predicted']} predicted, {result['matched']} matched ({result.get('extractor', '?')})",
        *_score_lines(result),
    ]
    if "speaker_by_name" in result:
        lines.append(f"speaker by resolved name, on matched items whose gold source names someone: "
                     f"{result['speaker_by_name']:.3f} (n={result['speaker_by_name_n']})")
    if STRICT in result:
        strict = result[STRICT]
        lines.append(f"strict (content overlap >= {MIN_CONTENT_OVERLAP:.0%} of gold and of predicted): "
                     f"{strict['matched']} matched")
        lines.extend(_score_lines(strict))
    return "\n".join(lines)
