"""Scoring who-is-cited against a folder in the format of `../shared/data/sources/GUIDELINES.md`.

The folder holds `text/<article>.txt`, `gold.jsonl` (one item per attribution: content, speaker,
source_type, named, official, kind, category) and optionally `articles.jsonl` (metadata) and
`gender.jsonl` (gender of each cited person). The matching rule is the data README's:

- each gold item's `content` is located verbatim in the analysed (cleaned) text; a prediction
  matches it when the predicted content span covers at least 30% of the gold content's characters,
  one to one, largest overlap first;
- detection counts **citations** (gold and predicted `category` speech or document); a prediction
  matched to a gold belief or intention is left out of precision;
- on matched citations: speaker by name (normalised, where the gold is named), `source_type`,
  `named` and `official` accuracy, anonymous precision/recall/F1;
- per article: share official and share anonymous over citations against the gold shares, and the
  number of distinct named speakers (median relative error).
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..schema import CITATION_CATEGORIES
from ..stats import citations
from .attributions import MIN_CONTENT_OVERLAP, one_to_one, prf


# Honorifics and titles that may lead a name ("Sen. Mitch McConnell" and "Mitch McConnell" are one
# speaker). General English titles only.
_TITLES = frozenset("""
mr mrs ms miss mx dr prof sir dame lord lady rev fr sen senator rep representative gov governor
president pres vice prime minister secretary gen general lt col sgt capt adm judge justice mayor
chairman chairwoman chair speaker leader atty attorney ambassador commissioner director chief
former the
""".split())


def normalise_name(name: object) -> str:
    """Lower case, accents, punctuation and leading titles off: "Sen. Mitch McConnell's" ->
    "mitch mcconnell"."""
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’]s\b", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return " ".join(words)


@dataclass
class GoldSet:
    texts: dict[str, str]  # article -> raw text
    items: pd.DataFrame  # gold.jsonl
    metadata: pd.DataFrame  # articles.jsonl (may be empty)
    gender: pd.DataFrame  # gender.jsonl (may be empty)


def _read_jsonl(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame()
    with path.open(encoding="utf-8") as handle:
        return pd.DataFrame([json.loads(line) for line in handle if line.strip()])


def read_gold(gold_dir: Path) -> GoldSet:
    gold_dir = Path(gold_dir)
    text_dir = gold_dir / "text"
    if not text_dir.is_dir() or not (gold_dir / "gold.jsonl").exists():
        raise ValueError(f"{gold_dir} is not a sources gold folder (needs text/ and gold.jsonl)")
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(text_dir.glob("*.txt"))}
    items = _read_jsonl(gold_dir / "gold.jsonl")
    unknown = sorted(set(items["article"]) - set(texts))
    if unknown:
        raise ValueError(f"gold.jsonl names articles with no text: {', '.join(unknown[:5])}")
    return GoldSet(texts, items, _read_jsonl(gold_dir / "articles.jsonl"), _read_jsonl(gold_dir / "gender.jsonl"))


def gold_articles(gold: GoldSet) -> pd.DataFrame:
    """An `articles` table for the gold texts: the headline is the first line, as GUIDELINES say."""
    meta = gold.metadata.set_index("article") if len(gold.metadata) else pd.DataFrame()
    rows = []
    for article, text in gold.texts.items():
        info = meta.loc[article].to_dict() if article in meta.index else {}
        rows.append({
            "article_id": article, "title": text.split("\n", 1)[0].strip(), "text": text, "raw_text": text,
            "outlet": info.get("outlet"), "published": pd.to_datetime(info.get("published"), errors="coerce"),
            "url": info.get("url"), "source_path": f"text/{article}.txt", "removed": "",
            "duplicate_of": None, "encoding": "utf-8",
        })
    return pd.DataFrame(rows)


def locate_contents(items: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """`start`/`end` of each gold content in its article's text (NaN when it cannot be found);
    the k-th item with the same content takes the k-th occurrence."""
    items = items.copy()
    starts, ends = [], []
    seen: dict[tuple[str, str], int] = {}
    for article, content in zip(items["article"], items["content"]):
        text = texts.get(article, "")
        key = (article, content)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        positions = [m.start() for m in re.finditer(re.escape(content), text)] if content else []
        if positions:
            start = positions[min(occurrence, len(positions) - 1)]
            starts.append(start)
            ends.append(start + len(content))
        else:
            starts.append(None)
            ends.append(None)
    items["start"] = pd.array(starts, dtype="Int64")
    items["end"] = pd.array(ends, dtype="Int64")
    return items


def match_items(gold: pd.DataFrame, predicted: pd.DataFrame) -> list[tuple[int, int]]:
    """(gold row, predicted row) pairs of one article, by the 30%-of-gold rule, largest first."""
    candidates = []
    for g, (g_start, g_end) in enumerate(zip(gold["start"], gold["end"])):
        if pd.isna(g_start) or g_end <= g_start:
            continue
        length = g_end - g_start
        for p, (p_start, p_end) in enumerate(zip(predicted["content_start"], predicted["content_end"])):
            shared = min(g_end, p_end) - max(g_start, p_start)
            if shared > 0 and shared >= MIN_CONTENT_OVERLAP * length:
                candidates.append((shared / length, g, p))
    return one_to_one(candidates)


def _share(frame: pd.DataFrame, column: str, value=True) -> float:
    return float((frame[column] == value).mean()) if len(frame) else 0.0


def _distinct_named(speakers: pd.Series, named: pd.Series) -> int:
    return len({normalise_name(s) for s, n in zip(speakers, named) if n and normalise_name(s)})


def score_sources(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict:
    """Every figure of the module docstring; `gold` has located `start`/`end` (see
    `locate_contents`), `predicted` is an attributions table whose `article_id` is the gold
    `article`."""
    pairs_rows = []
    n_predicted_citations = excluded = 0
    per_article = []
    for article, gold_items in gold.groupby("article", sort=True):
        gold_items = gold_items.reset_index(drop=True)
        ours = citations(predicted[predicted["article_id"] == article]).reset_index(drop=True)
        pairs = match_items(gold_items, ours)
        for g, p in pairs:
            if gold_items.at[g, "category"] in CITATION_CATEGORIES:
                pairs_rows.append({"article": article, **{f"gold_{k}": v for k, v in gold_items.loc[g].items()},
                                   **{f"pred_{k}": v for k, v in ours.loc[p].items()}})
            else:
                excluded += 1
        n_predicted_citations += len(ours)
        gold_citations = gold_items[gold_items["category"].isin(CITATION_CATEGORIES)]
        if len(gold_citations):
            per_article.append({
                "article": article,
                "gold_official": _share(gold_citations, "official"),
                "pred_official": _share(ours, "official"),
                "gold_anonymous": _share(gold_citations, "source_type", "anonymous"),
                "pred_anonymous": _share(ours, "source_type", "anonymous"),
                "gold_named_speakers": _distinct_named(gold_citations["speaker"], gold_citations["named"]),
                "pred_named_speakers": _distinct_named(ours["speaker"], ours["named"]) if len(ours) else 0,
            })
    matched = pd.DataFrame(pairs_rows)
    n_gold = int(gold["category"].isin(CITATION_CATEGORIES).sum())
    n_located = int((gold["category"].isin(CITATION_CATEGORIES) & gold["start"].notna()).sum())
    result = {
        "articles": int(gold["article"].nunique()), "gold_items": len(gold), "gold_citations": n_gold,
        "located": n_located, "predicted_citations": n_predicted_citations,
        "matched_non_citations": excluded, "matched": len(matched),
        "detection": prf(len(matched), n_predicted_citations - excluded, n_gold),
    }
    if len(matched):
        named = matched[matched["gold_named"].astype(bool)]
        result["speaker_by_name"] = float(
            (named["gold_speaker"].map(normalise_name) == named["pred_speaker"].map(normalise_name)).mean()
        ) if len(named) else 0.0
        result["speaker_by_name_n"] = len(named)
        result["source_type"] = float((matched["gold_source_type"] == matched["pred_source_type"]).mean())
        result["named"] = float((matched["gold_named"].astype(bool) == matched["pred_named"].astype(bool)).mean())
        result["official"] = float(
            (matched["gold_official"].astype(bool) == matched["pred_official"].astype(bool)).mean())
        gold_anon = matched["gold_source_type"].eq("anonymous")
        pred_anon = matched["pred_source_type"].eq("anonymous")
        result["anonymous"] = prf(int((gold_anon & pred_anon).sum()), int(pred_anon.sum()), int(gold_anon.sum()))
    else:
        for key in ("speaker_by_name", "source_type", "named", "official"):
            result[key] = 0.0
        result["speaker_by_name_n"] = 0
        result["anonymous"] = prf(0, 0, 0)
    articles = pd.DataFrame(per_article)
    if len(articles):
        result["share_official_mae"] = float((articles["pred_official"] - articles["gold_official"]).abs().mean())
        result["share_anonymous_mae"] = float((articles["pred_anonymous"] - articles["gold_anonymous"]).abs().mean())
        with_named = articles[articles["gold_named_speakers"] > 0]
        errors = ((with_named["pred_named_speakers"] - with_named["gold_named_speakers"]).abs()
                  / with_named["gold_named_speakers"])
        result["named_speakers_median_rel_error"] = float(statistics.median(errors)) if len(errors) else 0.0
    result["matched_table"] = matched
    result["per_article"] = articles
    return result


def score_gender(matched: pd.DataFrame, predicted: pd.DataFrame, gender: pd.DataFrame) -> dict:
    """Gender of cited people (gender.jsonl) on matched person citations: accuracy where both sides
    give one, coverage of gold female/male people, and per article the share of women among the
    distinct people cited (articles citing at least two people of known gender)."""
    if gender.empty or matched.empty:
        return {}
    gold_gender = {(a, normalise_name(s)): g for a, s, g in zip(gender["article"], gender["speaker"], gender["gender"])}
    people = matched[matched["gold_source_type"].eq("person")].copy()
    people["gold_gender"] = [gold_gender.get((a, normalise_name(s)), "unknown")
                             for a, s in zip(people["article"], people["gold_speaker"])]
    people["pred_gender"] = people["pred_gender"].fillna("unknown") if "pred_gender" in people else "unknown"
    known = people[people["gold_gender"].isin(("female", "male"))]
    both = known[known["pred_gender"].isin(("female", "male"))]
    per_person = known.drop_duplicates(["article", "gold_speaker"])
    covered = per_person["pred_gender"].isin(("female", "male"))
    shares = []
    for article, rows in gender[gender["gender"].isin(("female", "male"))].groupby("article"):
        if len(rows) < 2:
            continue
        ours = citations(predicted[predicted["article_id"] == article])
        ours = ours[ours["source_type"].eq("person") & ours["gender"].isin(("female", "male"))]
        ours = ours.drop_duplicates("entity_id") if "entity_id" in ours else ours
        if len(ours):
            shares.append(abs((rows["gender"] == "female").mean() - (ours["gender"] == "female").mean()))
    return {
        "gender_accuracy": float((both["gold_gender"] == both["pred_gender"]).mean()) if len(both) else 0.0,
        "gender_accuracy_n": len(both),
        "gender_coverage": float(covered.mean()) if len(covered) else 0.0,
        "gender_coverage_n": len(covered),
        "share_women_mae": float(sum(shares) / len(shares)) if shares else 0.0,
        "share_women_articles": len(shares),
    }


def analyse_gold(gold: GoldSet, clean_text: bool = True) -> dict:
    """The pipeline's tables for the gold texts (cleaned, as `newsaudit analyze` does)."""
    from .. import pipeline

    tables, failed = pipeline.analyze_articles(gold_articles(gold), clean_text=clean_text)
    if failed:
        raise ValueError(f"analysis failed for {', '.join(item['article_id'] for item in failed)}")
    return tables


def evaluate_sources(gold_dir: Path, half: str = "all") -> dict:
    """Analyse every article of `gold_dir` and score it; `half` ("first"/"second") keeps the first
    or second half of the articles in gold.jsonl order (a development half and a held-out half)."""
    gold = read_gold(gold_dir)
    if half != "all":
        order = list(dict.fromkeys(gold.items["article"]))
        middle = (len(order) + 1) // 2
        keep = set(order[:middle] if half == "first" else order[middle:])
        gold = GoldSet({k: v for k, v in gold.texts.items() if k in keep}, gold.items[gold.items["article"].isin(keep)],
                       gold.metadata, gold.gender)
    tables = analyse_gold(gold)
    texts = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))
    located = locate_contents(gold.items, texts)
    result = score_sources(located, tables["attributions"])
    result.update(score_gender(result["matched_table"], tables["attributions"], gold.gender))
    result["tables"] = tables
    return result


def format_sources_report(result: dict) -> str:
    def p(scores: dict) -> str:
        return f"P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}"

    lines = [
        f"sources: {result['articles']} articles, {result['gold_items']} gold items, "
        f"{result['gold_citations']} gold citations ({result['located']} located in the analysed text), "
        f"{result['predicted_citations']} predicted citations, {result['matched']} matched "
        f"({result['matched_non_citations']} predictions matched beliefs/intentions, left out of precision)",
        f"citation detection          {p(result['detection'])}",
        f"speaker by name (matched)   {result['speaker_by_name']:.3f}  (n={result['speaker_by_name_n']})",
        f"source_type (matched)       {result['source_type']:.3f}",
        f"named / official (matched)  {result['named']:.3f} / {result['official']:.3f}",
        f"anonymous (matched)         {p(result['anonymous'])}",
    ]
    if "share_official_mae" in result:
        lines.append(f"per article: share official MAE {result['share_official_mae']:.3f}; "
                     f"share anonymous MAE {result['share_anonymous_mae']:.3f}; distinct named speakers "
                     f"median relative error {result['named_speakers_median_rel_error']:.3f}")
    if "gender_accuracy" in result:
        lines.append(f"gender of cited people: accuracy {result['gender_accuracy']:.3f} where both give one "
                     f"(n={result['gender_accuracy_n']}); coverage {result['gender_coverage']:.3f} of "
                     f"{result['gender_coverage_n']} people of known gender; share of women per article MAE "
                     f"{result['share_women_mae']:.3f} ({result['share_women_articles']} articles)")
    return "\n".join(lines)
