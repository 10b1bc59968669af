"""The whole analysis: articles in, the contract tables out; reading and writing them atomically."""

from __future__ import annotations

import hashlib
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from . import __version__, atomic, clean, config, export, load, schema, segment, sentiment, sourcing, stats
from .errors import one_line

TABLE_NAMES = ("articles", "sentences", "attributions", "hedges", "article_stats")
_CHUNK_SIZE = 50


def _analyse_chunk(articles: pd.DataFrame) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Sentences, scores, attributions and hedges for some articles; a failing article is skipped."""
    try:
        return _analyse(articles), []
    except Exception:  # noqa: BLE001 - isolate the bad article below
        pass
    parts, skipped = [], []
    for index in range(len(articles)):
        one = articles.iloc[index:index + 1]
        try:
            parts.append(_analyse(one))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop a batch
            skipped.append({
                "input": str(one["source_path"].iat[0]),
                "article_id": one["article_id"].iat[0],
                "reason": f"analysis failed: {one_line(err)}",
            })
    return _concat(parts), skipped


def _analyse(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    sentences = sentiment.score_sentences(segment.split_sentences(articles))
    attributions = sourcing.extract_attributions(articles, sentences)
    if len(attributions):
        attributions["content_compound"] = sentiment.score_texts(
            attributions["content_text"].fillna("").tolist()
        )["compound"].values
    hedges = sourcing.find_hedges(articles, sentences)
    return {"sentences": sentences, "attributions": attributions, "hedges": hedges}


def _concat(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    columns = {"sentences": schema.SENTENCES, "attributions": schema.ATTRIBUTIONS, "hedges": schema.HEDGES}
    out = {}
    for name, cols in columns.items():
        frames = [p[name] for p in parts if len(p[name])]
        out[name] = schema.typed(pd.concat(frames, ignore_index=True) if frames else schema.empty(cols), name)
    return out


def analyze_articles(
    articles: pd.DataFrame, clean_text: bool = True, workers: int = 1, progress: bool = False
) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """All tables for an `articles` table, and the articles that failed analysis (with reasons)."""
    if clean_text:
        articles = clean.clean_articles(articles)
    chunks = [articles.iloc[i:i + _CHUNK_SIZE] for i in range(0, len(articles), _CHUNK_SIZE)]
    bar = tqdm(total=len(articles), desc="analysing", unit="article", disable=not progress, file=sys.stderr)
    results = []
    if workers > 1 and len(chunks) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for chunk, result in zip(chunks, pool.map(_analyse_chunk, chunks)):
                results.append(result)
                bar.update(len(chunk))
    else:
        for chunk in chunks:
            results.append(_analyse_chunk(chunk))
            bar.update(len(chunk))
    bar.close()
    tables = _concat([r for r, _ in results])
    failed = [item for _, skipped in results for item in skipped]
    failed_ids = {item["article_id"] for item in failed}
    articles = articles[~articles["article_id"].isin(failed_ids)].reset_index(drop=True)
    tables["articles"] = articles
    tables["article_stats"] = stats.article_stats(
        articles, tables["sentences"], tables["attributions"], tables["hedges"]
    )
    return {name: tables[name] for name in TABLE_NAMES}, failed


def analyze_paths(
    inputs: list[Path | str],
    clean: bool = True,
    workers: int = 1,
    column_map: dict[str, str] | None = None,
    progress: bool = False,
) -> tuple[dict[str, pd.DataFrame], dict]:
    """Load every input and analyse it; run_info says what was read, analysed and skipped, and why."""
    started = time.time()
    loaded = load.load_articles(inputs, column_map=column_map)
    tables, failed = analyze_articles(loaded.articles, clean_text=clean, workers=workers, progress=progress)
    skipped = loaded.skipped + failed
    run_info = {
        "newsaudit_version": __version__,
        "command_inputs": [str(p) for p in inputs],
        "options": {"clean": clean, "workers": workers, "column_map": column_map or {}},
        "files_read": loaded.files_read,
        "counts": {
            "read": len(loaded.articles) + len(loaded.skipped),
            "analysed": len(tables["articles"]),
            "skipped": len(skipped),
            "duplicates": int(tables["articles"]["duplicate_of"].notna().sum()),
        },
        "skipped": skipped,
        "input_hashes": loaded.input_hashes,
        "versions": export.versions(),
        "attribution_model": model_fingerprint(),
        "seconds": round(time.time() - started, 3),
    }
    return tables, run_info


def model_fingerprint() -> str | None:
    path = config.ATTRIBUTION_MODEL
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else None


# ------------------------------------------------------------------------------------------ I/O

def write_tables(tables: dict[str, pd.DataFrame], run_info: dict, out_dir: Path) -> None:
    """`<name>.parquet` for each table and `run.json`, each written atomically.

    run.json goes first out and last in, so a folder with a run.json always holds one complete
    set of tables from that run.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "run.json").unlink(missing_ok=True)
    for name in TABLE_NAMES:
        with atomic.replacing(out_dir / f"{name}.parquet") as temporary:
            tables[name].to_parquet(temporary, index=False)
    atomic.write_text_atomic(out_dir / "run.json", json.dumps(run_info, indent=2, default=str) + "\n")


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    out_dir = Path(out_dir)
    missing = [n for n in TABLE_NAMES if not (out_dir / f"{n}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"{out_dir} has no {', '.join(m + '.parquet' for m in missing)}")
    return {name: pd.read_parquet(out_dir / f"{name}.parquet") for name in TABLE_NAMES}
