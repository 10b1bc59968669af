"""K-fold cross-validation of the CRF attribution model on a brat-annotated folder (PolNeAR train).

The documents, sorted by id, are dealt round robin into k folds. For each fold the CRF is trained
by `sourcing.train_model` (same settings as `newsaudit train-attributions`) on the other folds,
seen through a temporary folder of links to their `.txt` and gold `.ann` files; the extractor is
then run with that model on the raw text of the held-out documents and scored by
`evaluation.attributions` under both matching rules. Pooled figures sum the counts over folds
before computing precision, recall and F1. Models live in a temporary folder removed at the end.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import brat
from ..segment import split_sentences
from . import attributions as scoring


def split_folds(doc_ids: list[str], k: int) -> list[list[str]]:
    """`k` folds of the sorted `doc_ids`, dealt round robin (document i goes to fold i mod k)."""
    if k < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got {k}")
    ordered = sorted(doc_ids)
    if len(ordered) < k:
        raise ValueError(f"{len(ordered)} annotated documents cannot make {k} folds")
    return [ordered[i::k] for i in range(k)]


def _link(target: Path, link: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(Path(target).resolve(), link)
    except OSError:  # no symlinks here (some file systems, Windows without the privilege)
        shutil.copyfile(target, link)


def link_corpus(corpus: list[tuple[str, Path, Path]], folder: Path) -> Path:
    """A plain-layout brat folder (`<doc>.txt` beside `<doc>.ann`) of links to the given
    (doc_id, txt, gold ann) files, read back by `brat.read_corpus` as the same documents."""
    for doc_id, txt, ann in corpus:
        _link(txt, folder / f"{doc_id}.txt")
        _link(ann, folder / f"{doc_id}.ann")
    return folder


def run_fold(fold: int, train: list[tuple[str, Path, Path]], held_out: list[tuple[str, Path, Path]],
             work_dir: Path, train_options: dict | None = None) -> dict:
    """Train on `train`, extract and score on `held_out`; the fold's lenient and strict scores."""
    from .. import sourcing

    fold_dir = Path(work_dir) / f"fold{fold}"
    corpus_dir = link_corpus(train, fold_dir / "train")
    model_path = fold_dir / "model.crfsuite"
    trained = sourcing.train_model(corpus_dir, model_path, **(train_options or {}))
    documents = [brat.Document(doc_id, brat.read_text(txt), brat.parse_ann(brat.read_text(ann)), ann)
                 for doc_id, txt, ann in held_out]
    articles = scoring.documents_as_articles(documents)
    started = time.perf_counter()
    table = sourcing.extract_attributions(articles, split_sentences(articles), model_path=model_path)
    extract_seconds = time.perf_counter() - started
    result = scoring.score_all_rules(scoring.predictions_as_brat(table),
                                     {d.doc_id: d.attributions for d in documents})
    result.update(fold=fold, train_documents=trained["documents"],
                  train_seconds=trained["seconds"], extract_seconds=round(extract_seconds, 1))
    return result


def pool(folds: list[dict]) -> dict:
    """Counts summed over the folds, then P/R/F1 (lenient at the top level, strict under "strict")."""
    def pooled(results: list[dict]) -> dict:
        return scoring.scores_from_counts({key: sum(r[key] for r in results) for key in scoring.COUNTS})

    result = pooled(folds)
    result[scoring.STRICT] = pooled([f[scoring.STRICT] for f in folds])
    return result


def cross_validate(corpus_dir: Path, k: int = 5, jobs: int = 1, train_options: dict | None = None) -> dict:
    """K-fold cross-validation of the attribution model on the brat folder `corpus_dir`:
    `{"folds": [per-fold results], "pooled": pooled result, "k", "seconds"}`."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    found = {doc_id: (doc_id, txt, ann) for doc_id, txt, ann in brat.find_documents(Path(corpus_dir))}
    if not found:
        raise ValueError(f"no annotated documents (.txt with .ann) found in {corpus_dir}")
    folds = split_folds(list(found), k)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsaudit-crossval-") as work_dir:
        tasks = []
        for i, held_out_ids in enumerate(folds):
            train = [found[d] for j, ids in enumerate(folds) if j != i for d in ids]
            tasks.append((i + 1, train, [found[d] for d in held_out_ids], Path(work_dir), train_options))
        if jobs == 1:
            results = [run_fold(*task) for task in tasks]
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, k)) as pool_:
                results = list(pool_.map(run_fold, *zip(*tasks)))
    return {"k": k, "folds": results, "pooled": pool(results),
            "seconds": round(time.perf_counter() - started, 1)}


def format_crossval_report(result: dict) -> str:
    strict = scoring.STRICT
    lines = [
        f"{result['k']}-fold cross-validation, {result['pooled']['documents']} documents, "
        f"{result['seconds']:.0f} s",
        f"{'fold':>4}{'docs':>6}{'gold':>7}{'pred':>7}{'':3}"
        f"{'det P':>7}{'det R':>7}{'det F1':>7}{'spk F1':>7}{'cue F1':>7}{'spk acc':>8}{'':3}"
        f"{'strict: det F1':>15}{'spk F1':>7}{'cue F1':>7}{'train s':>9}",
    ]
    for fold in result["folds"]:
        lines.append(
            f"{fold['fold']:>4}{fold['documents']:>6}{fold['gold']:>7}{fold['predicted']:>7}{'':3}"
            f"{fold['detection']['precision']:>7.3f}{fold['detection']['recall']:>7.3f}"
            f"{fold['detection']['f1']:>7.3f}{fold['speaker']['f1']:>7.3f}{fold['cue']['f1']:>7.3f}"
            f"{fold['speaker_accuracy']:>8.3f}{'':3}"
            f"{fold[strict]['detection']['f1']:>15.3f}{fold[strict]['speaker']['f1']:>7.3f}"
            f"{fold[strict]['cue']['f1']:>7.3f}{fold['train_seconds']:>9.0f}"
        )
    pooled = dict(result["pooled"], extractor="crf, pooled over folds")
    lines.append("pooled " + scoring.format_attribution_report(pooled))
    return "\n".join(lines)
