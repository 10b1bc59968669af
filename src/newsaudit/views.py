"""Tables the report notebooks show: loading the analysed tables, filtering them, and shaping them
for a reader. Everything returned as HTML is escaped here, so article text can never inject markup
into a report."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from . import config, schema, stats

TABLE_COLUMNS = {
    "articles": schema.ARTICLES,
    "sentences": schema.SENTENCES,
    "attributions": schema.ATTRIBUTIONS,
    "hedges": schema.HEDGES,
    "article_stats": schema.ARTICLE_STATS,
}

# VADER's usual cut-offs for calling a compound score positive or negative.
POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05


class HTML:
    """Markup already escaped by this module; notebooks display it with `display(...)`."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        """Plain text for consoles: the markup without tags, cut short."""
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", self.markup)).split())
        return text if len(text) <= 300 else text[:299] + "…"


def load_tables(data_dir: str | Path = "", article_id: str | None = None) -> dict[str, pd.DataFrame]:
    """The analysed tables in `data_dir` (`<name>.parquet`), only the rows of `article_id` when
    given. An empty `data_dir` analyses the embedded sample on the fly, so that the notebooks run
    with their default parameters in JupyterLab."""
    if not str(data_dir):
        from . import pipeline

        tables, _ = pipeline.analyze_paths([config.SAMPLE_DIR])
        if article_id:
            tables = {name: frame[frame["article_id"] == article_id] for name, frame in tables.items()}
        return {name: _with_columns(tables.get(name), cols) for name, cols in TABLE_COLUMNS.items()}
    folder = Path(data_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"data_dir {str(folder)!r} is not a folder of analysed tables")
    filters = [("article_id", "==", article_id)] if article_id else None
    tables = {}
    for name, columns in TABLE_COLUMNS.items():
        path = folder / f"{name}.parquet"
        tables[name] = _with_columns(pd.read_parquet(path, filters=filters) if path.exists() else None, columns)
    return tables


def _with_columns(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    if frame is None:
        return schema.empty(columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        frame = frame.assign(**{c: pd.Series(dtype="object", index=frame.index) for c in missing})
    return frame.reset_index(drop=True)


def first_article_id(data_dir: str | Path = "") -> str:
    if not str(data_dir):
        articles = load_tables(data_dir)["articles"]
    else:
        articles = pd.read_parquet(Path(data_dir) / "articles.parquet", columns=["article_id"])
    if articles.empty:
        raise ValueError("there are no articles in the analysed tables")
    return str(articles["article_id"].iloc[0])


def load_article(data_dir: str | Path, article_id: str) -> dict[str, pd.DataFrame]:
    """The tables of one article; an empty `article_id` means the first article."""
    article_id = article_id or first_article_id(data_dir)
    tables = load_tables(data_dir, article_id)
    if tables["articles"].empty:
        raise KeyError(f"article_id {article_id!r} is not in the analysed tables")
    return tables


def filter_corpus(tables: dict[str, pd.DataFrame], outlet: str = "all", period: str = "all") -> dict[str, pd.DataFrame]:
    """Rows of the articles of one outlet (or "all") published in one period: "all", a year
    ("2016") or a month ("2016-09"). Articles without a date only belong to period "all"."""
    articles = tables["articles"]
    keep = pd.Series(True, index=articles.index)
    if outlet != "all":
        keep &= articles["outlet"].astype("string") == outlet
    if period != "all":
        published = pd.to_datetime(articles["published"], errors="coerce")
        stamp = published.dt.strftime("%Y-%m-%d").astype("string").fillna("")
        keep &= stamp.str.startswith(period)
    chosen = set(articles.loc[keep, "article_id"])
    return {name: frame[frame["article_id"].isin(chosen)].reset_index(drop=True) for name, frame in tables.items()}


def tone(compound: float | None) -> str:
    if compound is None or pd.isna(compound):
        return ""
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def table(frame: pd.DataFrame, max_rows: int | None = None, float_format: str = "{:.2f}") -> HTML:
    """An escaped HTML table without the index; floats rounded; long frames cut to `max_rows`."""
    shown = frame if max_rows is None else frame.head(max_rows)
    markup = shown.to_html(
        index=False, escape=True, na_rep="", border=0, classes="newsaudit-table",
        float_format=float_format.format,
    )
    if max_rows is not None and len(frame) > max_rows:
        markup += f"<p><em>{max_rows} of {len(frame)} rows shown.</em></p>"
    return HTML(markup)


def heading(text: str, level: int = 2) -> HTML:
    return HTML(f"<h{level}>{html.escape(str(text))}</h{level}>")


def paragraph(text: str) -> HTML:
    return HTML(f"<p>{html.escape(str(text))}</p>")


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
        ("Mean sentence sentiment", _rounded(stats.get("sentiment_mean"))),
        ("Headline sentiment", _rounded(stats.get("sentiment_headline"))),
        ("Citations (speech and documents)", stats.get("n_attributions", len(tables["attributions"]))),
        ("Beliefs / intentions reported", f'{stats.get("n_beliefs", 0)} / {stats.get("n_intentions", 0)}'),
        ("Distinct sources", stats.get("n_sources")),
        ("People cited: women / men / gender not shown", _people(stats)),
        ("Share anonymous", _percent(stats.get("share_anonymous"))),
        ("Share named", _percent(stats.get("share_named"))),
        ("Share official", _percent(stats.get("share_official"))),
        ("Share direct quotes", _percent(stats.get("share_direct"))),
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
    women = "" if share is None or pd.isna(share) else f" ({_percent(share)} women among people of known gender)"
    return f"{int(counts[0])} / {int(counts[1])} / {int(counts[2])}{women}"


def gender_table(tables: dict[str, pd.DataFrame], by: str | list[str] = "outlet", top_n: int | None = None
                 ) -> pd.DataFrame:
    """People cited by gender per outlet or month (`stats.gender_by_group`), for reports; `top_n`
    keeps the outlets (or folders) with most articles and pools the rest as "other"."""
    keys = [by] if isinstance(by, str) else list(by)
    labels = [stats.group_labels(tables["articles"], key, top_n=top_n) for key in keys]
    table = stats.gender_by_group(tables["articles"], tables["attributions"], by=labels)
    return table.rename(columns={"citations_women": "citations of women", "citations_men": "citations of men",
                                 "unknown": "gender not shown", "share_women": "share women",
                                 "ci_low": "95% CI low", "ci_high": "95% CI high"})


def _rounded(value) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):+.2f}"


def _percent(value) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):.0%}"


def source_label(attributions: pd.DataFrame) -> pd.Series:
    """The resolved speaker where known, else the mention as written, else "(no source)"."""
    speaker = attributions["speaker"].astype("string").str.strip().replace("", pd.NA)
    written = attributions["source_text"].astype("string").str.strip().replace("", pd.NA)
    return speaker.fillna(written).fillna("(no source)")


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
        "tone label": [tone(c) for c in pd.to_numeric(ordered["content_compound"], errors="coerce")],
    }).reset_index(drop=True)


def shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
        label = tone(compound)
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


def corpus_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    articles, attributions = tables["articles"], tables["attributions"]
    published = pd.to_datetime(articles["published"], errors="coerce").dropna()
    dates = f"{published.min():%Y-%m-%d} to {published.max():%Y-%m-%d}" if len(published) else "no dates"
    facts = [
        ("Articles", len(articles)),
        ("Outlets", articles["outlet"].nunique()),
        ("Published", dates),
        ("Duplicates", int(articles["duplicate_of"].notna().sum())),
        ("Sentences", len(tables["sentences"])),
        ("Citations (speech and documents)", int(stats.citation_mask(attributions).sum())),
        ("Other attributions (beliefs, intentions, no words cited)", int((~stats.citation_mask(attributions)).sum())),
        ("Distinct speakers", source_label(stats.citations(attributions)).nunique() if len(attributions) else 0),
        ("Hedges", len(tables["hedges"])),
        ("Mean sentence sentiment", _rounded(pd.to_numeric(tables["sentences"]["compound"], errors="coerce").mean())),
    ]
    return pd.DataFrame([(k, str(v)) for k, v in facts], columns=["", "value"])


def without_duplicates(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables without articles that duplicate another: corpus figures count each text once."""
    articles = tables["articles"]
    keep = set(articles.loc[articles["duplicate_of"].isna(), "article_id"])
    return {name: frame[frame["article_id"].isin(keep)].reset_index(drop=True) for name, frame in tables.items()}


def outlet_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per outlet (`stats.sourcing_by_group`, duplicates left out): articles, attributions per
    article, pooled shares of anonymous, named, official and direct attributions, and mean
    sentence sentiment."""
    grouped = stats.sourcing_by_group(tables["articles"], tables["attributions"], tables["article_stats"], by="outlet")
    articles = tables["articles"]
    outlet_of = stats.group_labels(articles[articles["duplicate_of"].isna()], "outlet")
    sentences = tables["sentences"]
    sentiment = pd.to_numeric(sentences["compound"], errors="coerce").groupby(sentences["article_id"].map(outlet_of)).mean()
    frame = pd.DataFrame({
        "outlet": grouped["outlet"],
        "articles": grouped["articles"],
        "citations / article": grouped["attributions_per_article"],
        "share anonymous": grouped["share_anonymous"],
        "share named": grouped["share_named"],
        "share official": grouped["share_official"],
        "share direct": grouped["share_direct"],
        "beliefs and intentions": grouped.get("beliefs", 0) + grouped.get("intentions", 0),
        "hedges / 1000 words": grouped["hedges_per_1000_words"],
        "mean sentiment": grouped["outlet"].map(sentiment),
    })
    return frame.sort_values("articles", ascending=False, kind="stable").reset_index(drop=True)


def source_type_shares(tables: dict[str, pd.DataFrame], by: str = "outlet",
                       top_n: int | None = None) -> pd.DataFrame:
    """Rows: outlets (or any key of `stats.group_labels`: folder, week, month, year); columns: source
    types in `schema.SOURCE_TYPES` order; values: share of that group's citations. `top_n` keeps
    the outlets or folders with most articles and pools the rest as "other" (the last row)."""
    articles = tables["articles"]
    if by == "outlet" and not top_n:
        labels = articles["outlet"].astype(object).where(articles["outlet"].notna(), "(unknown)")
        labels = pd.Series(labels.values, index=articles["article_id"].values)
    else:
        labels = stats.group_labels(articles, by, top_n=top_n)
    attributions = stats.citations(tables["attributions"])
    attributions = attributions.assign(group=attributions["article_id"].map(labels)).dropna(subset=["group"])
    types = attributions["source_type"].astype("string").fillna("unknown")
    counts = pd.crosstab(attributions["group"].rename(by), types)
    if top_n and stats.OTHER in counts.index:
        counts = counts.reindex([g for g in counts.index if g != stats.OTHER] + [stats.OTHER])
    counts = counts.reindex(columns=[t for t in schema.SOURCE_TYPES if t in counts.columns]
                            + [t for t in counts.columns if t not in schema.SOURCE_TYPES])
    return counts.div(counts.sum(axis=1), axis=0).fillna(0.0)


def top_speakers(tables: dict[str, pd.DataFrame], n: int = 15) -> pd.DataFrame:
    """The most cited speakers (`stats.top_speakers`): citations, articles citing them, source
    type and mean tone of what they said."""
    top = stats.top_speakers(tables["attributions"], tables["articles"], n=n)
    return top.rename(columns={"source_type": "type", "attributions": "citations", "content_tone": "mean tone"})[
        ["speaker", "type", "citations", "articles", "mean tone"]
    ]


def cue_table(attributions: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The reporting verbs used most, with their class and how often each kind of quote uses them."""
    if attributions.empty:
        return pd.DataFrame(columns=["cue", "class", "uses"])
    cue = attributions["cue_text"].astype("string").str.lower().str.strip().fillna("")
    frame = (
        attributions.assign(cue=cue, cue_class=attributions["cue_class"].astype("string").fillna(""))
        .groupby(["cue", "cue_class"]).size().rename("uses").reset_index()
        .rename(columns={"cue_class": "class"})
    )
    return frame[frame["cue"] != ""].sort_values(["uses", "cue"], ascending=[False, True]).head(n).reset_index(drop=True)


def article_list(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    articles = tables["articles"]
    stats = tables["article_stats"][["article_id", "n_attributions", "sentiment_mean", "share_anonymous"]]
    frame = articles[["article_id", "title", "outlet", "published"]].merge(stats, on="article_id", how="left")
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce").dt.strftime("%Y-%m-%d")
    frame["title"] = frame["title"].astype("string").fillna("").map(lambda t: shorten(t, 90))
    return frame.rename(columns={
        "n_attributions": "citations", "sentiment_mean": "sentiment", "share_anonymous": "share anonymous",
    })


def entity_tone_tables(tables: dict[str, pd.DataFrame], entities: dict[str, list[str]] | None = None
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tone toward people, organisations and places: per entity how it was found, the forms
    matched, the number and mean tone of the sentences that mention it; and those sentences.
    `entities` maps a name to its aliases (your own list); empty means the ones the article itself
    names (`tone.article_entities`: its named sources and recurring capitalised names)."""
    from . import tone

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


_NBSP = "\u00a0"  # keeps a value and its interval on one line in a table cell


def _percent_interval(value, low, high) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{value:.0%}" + ("" if pd.isna(low) or pd.isna(high) else f"{_NBSP}({low:.0%}–{high:.0%})")


def _tone_interval(value, low, high) -> str:
    if value is None or pd.isna(value):
        return ""
    interval = f"({low:+.2f} to {high:+.2f})".replace(" ", _NBSP)
    return f"{value:+.2f}" + ("" if pd.isna(low) or pd.isna(high) else f"{_NBSP}{interval}")


def group_label(label: str, pooled: int, by: str) -> str:
    """A group as a reader reads it: "other (474 outlets)", "no date" for undated articles."""
    if label == stats.OTHER and pooled > 1:
        return f"other ({pooled} {by}s)"
    if label == stats.UNKNOWN and stats.period_key(by):
        return "no date"
    return str(label)


def comparison_tables(tables: dict[str, pd.DataFrame], by: str = "outlet", top_n: int | None = None,
                      n_boot: int = 1000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Groups side by side (`stats.compare_groups`, duplicates left out) as a reader reads them, in
    two tables narrow enough for a page: sourcing (citations per article, shares of citations in
    percent, hedges per 1,000 words) and voices and tone (women among the people cited of known
    gender, mean tone of body sentences and headlines, each with its bootstrap 95% interval).
    `by`: outlet, folder, week, month (or 'period') or year; `top_n` pools all but the largest
    outlets or folders as "other"."""
    table = stats.compare_groups(tables["articles"], tables["attributions"], tables["article_stats"], by=by,
                                 top_n=top_n, n_boot=n_boot)
    name = "month" if by == "period" else stats.KEY_ALIASES.get(by, by)
    groups = [group_label(g, p, name) for g, p in zip(table[by], table["pooled"])]
    sourcing = pd.DataFrame({
        name: groups,
        "articles": table["articles"],
        "citations / article": table["citations_per_article"],
        "without sources": table["articles_without_sources"],
        **{label: table[column].map(_percent) for label, column in (
            ("anonymous", "share_anonymous"), ("named", "share_named"), ("official", "share_official"),
            ("direct", "share_direct"), ("loaded cue", "share_loaded"))},
        "hedges / 1000 words": table["hedges_per_1000_words"],
    })
    voices = pd.DataFrame({
        name: groups,
        "articles": table["articles"],
        "people cited: women / men / not shown": [
            f"{int(w)} / {int(m)} / {int(u)}"
            for w, m, u in zip(table["women"], table["men"], table["people_unknown"])],
        "women, of known gender (95% CI)": [_percent_interval(*row) for row in zip(
            table["share_women"], table["share_women_ci_low"], table["share_women_ci_high"])],
        "tone (95% CI)": [_tone_interval(*row) for row in zip(
            table["sentiment_mean"], table["sentiment_mean_ci_low"], table["sentiment_mean_ci_high"])],
        "headline tone (95% CI)": [_tone_interval(*row) for row in zip(
            table["sentiment_headline"], table["sentiment_headline_ci_low"], table["sentiment_headline_ci_high"])],
    })
    return sourcing, voices


def comparison_table(tables: dict[str, pd.DataFrame], by: str = "outlet", top_n: int | None = None,
                     n_boot: int = 1000) -> pd.DataFrame:
    """Both `comparison_tables` in one frame (one row per group)."""
    sourcing, voices = comparison_tables(tables, by, top_n, n_boot)
    return sourcing.join(voices.drop(columns=[voices.columns[0], "articles"]))


def trends(tables: dict[str, pd.DataFrame], by: str = "outlet", period: str = "auto", top_n: int = 6) -> pd.DataFrame:
    """`stats.trends` of the tables (duplicates left out): every measure of `stats.compare_groups`
    per top outlet (the rest pooled as "other") and week, month or year, for `plots.trend_lines`."""
    return stats.trends(tables["articles"], tables["attributions"], tables["article_stats"], by=by, period=period,
                        top_n=top_n)
