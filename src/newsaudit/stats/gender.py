"""Women and men among the people cited: per person, per article, and per group with a
bootstrap interval of the share of women over the group's articles."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .citations import citations
from .groups import key_labels

GENDERS = ("female", "male", "unknown")


def cited_people(attributions: pd.DataFrame) -> pd.DataFrame:
    """One row per person cited in an article (a person entity among its citations): its gender,
    how the article showed it, and how many citations it has."""
    people = citations(attributions)
    people = people[people["source_type"].eq("person")]
    if "gender" not in people.columns or people.empty:
        return pd.DataFrame(columns=["article_id", "entity_id", "speaker", "gender", "gender_basis", "citations"])
    key = ["article_id", "entity_id"] if "entity_id" in people.columns else ["article_id", "speaker"]
    # An entity's rows share its name and gender: its first row describes it.
    first = people.drop_duplicates(key)[list(dict.fromkeys(key + ["speaker", "gender", "gender_basis"]))]
    counts = people.groupby(key, sort=False).size()
    return first.assign(gender=first["gender"].fillna("unknown"),
                        citations=counts.reindex(pd.MultiIndex.from_frame(first[key])).to_numpy()).reset_index(drop=True)


def gender_by_article(articles: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """Per article: people cited by gender (distinct people and their citations) and the share of
    women among the people whose gender the article or a first name shows (NaN when none)."""
    people = cited_people(attributions)
    ids = articles["article_id"]
    frame = pd.DataFrame({"article_id": ids.values})
    grouped = people.groupby(["article_id", "gender"])["citations"]
    per_gender = {"people": grouped.size().unstack(fill_value=0), "citations": grouped.sum().unstack(fill_value=0)}
    for gender in GENDERS:
        for what, table in per_gender.items():
            counts = table[gender] if gender in table.columns else pd.Series(dtype=int)
            frame[f"{what}_{gender}"] = ids.map(counts).fillna(0).astype(int).values
    known = frame["people_female"] + frame["people_male"]
    frame["share_women"] = frame["people_female"] / known.where(known > 0)
    return frame


def _share_interval(women: np.ndarray, known: np.ndarray, n_boot: int, ci: float, seed: int) -> tuple[float, float]:
    """Percentile bootstrap interval of sum(women) / sum(known), resampling articles (none when
    `n_boot` is 0)."""
    if known.sum() == 0 or len(known) < 2 or n_boot <= 0:
        return np.nan, np.nan
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(known), size=(n_boot, len(known)))
    totals = known[picks].sum(axis=1)
    shares = women[picks].sum(axis=1) / np.where(totals > 0, totals, np.nan)
    return tuple(np.nanquantile(shares, [(1 - ci) / 2, (1 + ci) / 2]))


def gender_by_group(articles: pd.DataFrame, attributions: pd.DataFrame, by="outlet",
                    n_boot: int = 1000, ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Per outlet, month ('period') or both (`by=["outlet", "period"]`; any key or labels that
    `sourcing_by_group` takes), duplicates left out: people cited by gender, their citations, and
    the pooled share of women among people of known gender with a bootstrap interval over the
    group's articles. The unknown count is always shown."""
    unique = articles[articles["duplicate_of"].isna()]
    keys, labels = key_labels(unique, by)
    per_article = gender_by_article(unique, attributions).join(labels, on="article_id")
    rows = []
    for group, part in per_article.groupby(keys, sort=True):
        women, men = part["people_female"].to_numpy(), part["people_male"].to_numpy()
        low, high = _share_interval(women, women + men, n_boot, ci, seed)
        known = women.sum() + men.sum()
        rows.append({**dict(zip(keys, group if isinstance(group, tuple) else (group,))),
                     "articles": len(part), "women": int(women.sum()), "men": int(men.sum()),
                     "unknown": int(part["people_unknown"].sum()),
                     "citations_women": int(part["citations_female"].sum()),
                     "citations_men": int(part["citations_male"].sum()),
                     "share_women": women.sum() / known if known else np.nan, "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows, columns=keys + ["articles", "women", "men", "unknown", "citations_women",
                                              "citations_men", "share_women", "ci_low", "ci_high"])
