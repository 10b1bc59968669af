"""The tables and text blocks of the article report (notebooks/10_article_report): the article's
key facts, who is cited and how, hedges, tone toward the people and places it names, and the
text itself shaded by tone."""

from __future__ import annotations

import html

import pandas as pd

from .. import schema, stats
from ..sentiment import tone_label
from .markup import HTML, paragraph, percent, rounded, shorten, source_label


def article_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Key facts of one article as a two-column table."""
    article = tables["articles"].iloc[0]
    stats = tables["article_stats"].iloc[0] if not tables["article_stats"].empty else pd.Series(dtype="object")
    published = pd.to_datetime(article.get("published"), errors="coerce")
    facts = [
        ("Article", article["article_id"]),
        ("Outlet", article.get("outlet")),
        ("Published", "" if pd.isna(published) else published.strftime("%Y-%m-%d")),
        ("URL", article.get("url")),
        ("File", article.get("source_path")),
        ("Sentences", stats.get("n_sentences", len(tables["sentences"]))),
        ("Words", stats.get("n_words")),
        ("Mean sentence sentiment", rounded(stats.get("sentiment_mean"))),
        ("Headline sentiment", rounded(stats.get("sentiment_headline"))),
        ("Citations (speech and documents)", stats.get("n_attributions", len(tables["attributions"]))),
        ("Beliefs / intentions reported", f'{stats.get("n_beliefs", 0)} / {stats.get("n_intentions", 0)}'),
        ("Distinct sources", stats.get("n_sources")),
        ("People cited: women / men / gender not shown", _people(stats)),
        ("Share anonymous", percent(stats.get("share_anonymous"))),
        ("Share named", percent(stats.get("share_named"))),
        ("Share official", percent(stats.get("share_official"))),
        ("Share direct quotes", percent(stats.get("share_direct"))),
        ("Hedges", stats.get("n_hedges", len(tables["hedges"]))),
        ("Duplicate of", article.get("duplicate_of")),
    ]
    return pd.DataFrame(
        [(k, "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)) for k, v in facts],
        columns=["", "value"],
    )


def _people(article_stats: pd.Series) -> str:
    counts = [article_stats.get(f"people_{g}") for g in ("female", "male", "unknown")]
    if any(c is None or pd.isna(c) for c in counts):
        return ""
    share = article_stats.get("share_women")
    women = "" if share is None or pd.isna(share) else f" ({percent(share)} women among people of known gender)"
    return f"{int(counts[0])} / {int(counts[1])} / {int(counts[2])}{women}"


def attribution_table(attributions: pd.DataFrame, content_chars: int = 160) -> pd.DataFrame:
    """Who said what in one article: source, type, what it is (a citation, a belief, an intention
    or an attribution that cites no words), cue, kind and the tone of what was said."""
    ordered = attributions.sort_values(["sentence_id", "attribution_id"], kind="stable")
    category = ordered["category"].astype("string").fillna("speech") if "category" in ordered else pd.Series(
        "speech", index=ordered.index, dtype="string")
    citation = stats.citation_mask(ordered)
    flags = [
        ", ".join(label for label, on in (("named", n), ("official", o)) if on is True)
        for n, o in zip(ordered["named"], ordered["official"])
    ]
    cue = ordered["cue_text"].astype("string").fillna("")
    cue_class = ordered["cue_class"].astype("string").fillna("")
    return pd.DataFrame({
        "sentence": ordered["sentence_id"],
        "source": source_label(ordered),
        "type": ordered["source_type"].astype("string").fillna("unknown"),
        "named / official": flags,
        "counted as": [c if cited or c in ("belief", "intention") else "not a citation"
                       for c, cited in zip(category, citation)],
        "cue": [f"{c} ({k})" if k and c else c or k for c, k in zip(cue, cue_class)],
        "kind": ordered["kind"],
        "content": ordered["content_text"].astype("string").fillna("").map(lambda t: shorten(t, content_chars)),
        "tone": pd.to_numeric(ordered["content_compound"], errors="coerce"),
        "tone label": [tone_label(c) for c in pd.to_numeric(ordered["content_compound"], errors="coerce")],
    }).reset_index(drop=True)


def source_type_counts(attributions: pd.DataFrame) -> pd.DataFrame:
    """Attributions per source type (rows, in `schema.SOURCE_TYPES` order), split into direct,
    indirect and mixed quotes, with the total: what `plots.sources_by_type` draws, as a table
    (for one article's handful of sources a table reads as well, and costs a hundredth)."""
    types = attributions["source_type"].astype("string").fillna("unknown")
    kinds = attributions["kind"].astype("string").fillna("indirect")
    counts = pd.crosstab(types.rename("source type"), kinds)
    counts = counts.reindex(index=[t for t in schema.SOURCE_TYPES if t in counts.index]
                            + [t for t in counts.index if t not in schema.SOURCE_TYPES],
                            columns=[k for k in schema.KINDS if k in counts.columns], fill_value=0)
    counts["total"] = counts.sum(axis=1)
    return counts.reset_index().rename_axis(columns=None)


def hedge_table(hedges: pd.DataFrame) -> pd.DataFrame:
    ordered = hedges.sort_values(["sentence_id", "start"], kind="stable")
    return pd.DataFrame({
        "sentence": ordered["sentence_id"],
        "class": ordered["hedge_class"],
        "text": ordered["text"].astype("string").fillna("").map(lambda t: shorten(t, 200)),
    }).reset_index(drop=True)


_TONE_BACKGROUND = {"positive": "#dcefdc", "negative": "#f6dada", "neutral": "transparent", "": "transparent"}


def article_text(tables: dict[str, pd.DataFrame]) -> HTML:
    """The cleaned article text, escaped, each sentence shaded by its tone (green positive, red
    negative) with its number and score in a tooltip; paragraphs kept."""
    article = tables["articles"].iloc[0]
    text = article["text"] if isinstance(article["text"], str) else ""
    sentences = tables["sentences"].sort_values("start")
    pieces, cursor = [], 0
    for sentence_id, start, end, compound in zip(
        sentences["sentence_id"], sentences["start"], sentences["end"], sentences["compound"]
    ):
        start, end = int(start), int(end)
        if start < cursor or end > len(text):
            continue
        pieces.append(_escape_paragraphs(text[cursor:start]))
        label = tone_label(compound)
        title = f"sentence {int(sentence_id)}: compound {float(compound):+.2f}" if pd.notna(compound) else ""
        pieces.append(
            f'<span title="{html.escape(title)}" style="background:{_TONE_BACKGROUND[label]}">'
            f"{_escape_paragraphs(text[start:end])}</span>"
        )
        cursor = end
    pieces.append(_escape_paragraphs(text[cursor:]))
    return HTML('<div class="newsaudit-article"><p>' + "".join(pieces) + "</p></div>")


def _escape_paragraphs(text: str) -> str:
    escaped = html.escape(text)
    return escaped.replace("\n\n", "</p><p>").replace("\n", "<br>")


def removed_text(tables: dict[str, pd.DataFrame], limit: int = 2000) -> HTML:
    """What cleaning took out of the scraped text, escaped and shown as preformatted text."""
    removed = tables["articles"].iloc[0].get("removed")
    if not isinstance(removed, str) or not removed.strip():
        return paragraph("Cleaning removed nothing from this article.")
    shown = removed if len(removed) <= limit else removed[:limit] + "\n…"
    return HTML(f'<p><strong>Removed by cleaning</strong></p><pre class="newsaudit-removed">{html.escape(shown)}</pre>')



def entity_tone_tables(tables: dict[str, pd.DataFrame], entities: dict[str, list[str]] | None = None
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tone toward people, organisations and places: per entity how it was found, the forms
    matched, the number and mean tone of the sentences that mention it; and those sentences.
    `entities` maps a name to its aliases (your own list); empty means the ones the article itself
    names (`tone.article_entities`: its named sources and recurring capitalised names)."""
    from .. import tone

    followed = tone.followed_entities(tables["sentences"], tables["attributions"], entities)
    mentions = tone.entity_tone(tables["sentences"], followed)
    found = (followed.drop_duplicates("entity").set_index("entity")
             .assign(aliases=lambda f: f["aliases"].map(", ".join)))
    summary = (mentions.groupby("entity")["compound"].agg(sentences="size", mean_tone="mean").reset_index()
               .sort_values(["mean_tone", "entity"], kind="stable"))
    summary.insert(1, "found as", summary["entity"].map(found["basis"]))
    summary.insert(2, "aliases", summary["entity"].map(found["aliases"]))
    return (summary.reset_index(drop=True),
            mentions[["entity", "sentence_id", "compound", "text"]].rename(columns={"compound": "tone"}))
