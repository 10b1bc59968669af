"""Tables and figures of the report notebooks, on the tiny fixture corpus."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from newsaudit import plots, schema, views

from tests.report_fixture import HOSTILE_TITLE, make_tables, write_tables


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return write_tables(tmp_path_factory.mktemp("tables"))


def test_load_article_reads_only_that_article(data_dir):
    tables = views.load_article(data_dir, "a1")
    assert set(tables) == {"articles", "sentences", "attributions", "hedges", "article_stats"}
    assert all(set(frame["article_id"]) <= {"a1"} for frame in tables.values())
    assert len(tables["attributions"]) == 3


def test_empty_article_id_means_the_first_article(data_dir):
    assert views.load_article(data_dir, "")["articles"]["article_id"].tolist() == ["a1"]


def test_unknown_article_id_is_a_clear_error(data_dir):
    with pytest.raises(KeyError, match="nope"):
        views.load_article(data_dir, "nope")


def test_missing_table_file_gives_empty_table_with_contract_columns(tmp_path):
    folder = write_tables(tmp_path)
    (folder / "hedges.parquet").unlink()
    hedges = views.load_tables(folder)["hedges"]
    assert hedges.empty and list(hedges.columns) == schema.HEDGES


def test_article_text_and_tables_escape_markup():
    tables = {name: frame[frame["article_id"] == "a2"].reset_index(drop=True) for name, frame in make_tables().items()}
    page = views.article_text(tables)._repr_html_()
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "</p><p>" in page  # the paragraph break survives
    heading = views.heading(HOSTILE_TITLE)._repr_html_()
    assert "<script>" not in heading and "&lt;script&gt;" in heading
    attribution_html = views.table(views.attribution_table(tables["attributions"]))._repr_html_()
    assert "<img" not in attribution_html


def test_attribution_table_reads_like_the_seed_case():
    attributions = make_tables()["attributions"]
    table = views.attribution_table(attributions[attributions["article_id"] == "a1"])
    assert table["source"].tolist() == ["The United States", "analysts", "Jeon Ha-kyu"]
    assert table["cue"].tolist() == ["alleged (loaded)", "say (neutral)", "said (neutral)"]
    assert table["named / official"].tolist() == ["named, official", "", "named, official"]
    assert table["tone label"].tolist() == ["neutral", "negative", "positive"]


def test_filter_corpus_by_outlet_and_period():
    tables = make_tables()
    assert views.filter_corpus(tables, "daily")["articles"]["article_id"].tolist() == ["a1", "a3"]
    assert views.filter_corpus(tables, "all", "2016-10")["articles"]["article_id"].tolist() == ["a2", "a3"]
    narrowed = views.filter_corpus(tables, "daily", "2016-10")
    assert narrowed["articles"]["article_id"].tolist() == ["a3"] and narrowed["attributions"].empty
    assert views.filter_corpus(tables, "all", "2016")["articles"].shape[0] == 3


def test_outlet_table_and_shares():
    tables = make_tables()
    outlets = views.outlet_table(tables).set_index("outlet")
    assert outlets.loc["daily", "articles"] == 2
    assert outlets.loc["daily", "citations / article"] == pytest.approx(1.5)
    assert outlets.loc["weekly", "share anonymous"] == 1.0
    assert outlets.loc["weekly", "mean sentiment"] == pytest.approx(-0.2)
    shares = views.source_type_shares(tables)
    assert shares.sum(axis=1).tolist() == pytest.approx([1.0, 1.0])
    assert list(shares.columns) == ["person", "government", "anonymous"]  # schema order


def test_top_speakers_counts_citations_and_articles():
    tables = make_tables()
    tables["articles"].loc[2, "duplicate_of"] = "a1"  # duplicates count once
    tables["attributions"].loc[3, "article_id"] = "a3"
    speakers = views.top_speakers(tables, n=10)
    assert list(speakers.columns) == ["speaker", "type", "citations", "articles", "mean tone"]
    assert "officials" not in speakers["speaker"].tolist()
    assert views.top_speakers(tables, n=2).shape[0] == 2


def test_without_duplicates_drops_every_row_of_duplicate_articles():
    tables = make_tables()
    tables["articles"].loc[1, "duplicate_of"] = "a1"
    unique = views.without_duplicates(tables)
    assert all("a2" not in set(frame["article_id"]) for frame in unique.values())


def test_figures_are_built_for_full_and_empty_tables():
    tables = make_tables()
    empty = {name: frame.iloc[0:0] for name, frame in tables.items()}
    for source in (tables, empty):
        figures = [
            plots.sentence_sentiment(source["sentences"], source["attributions"]),
            plots.sources_by_type(source["attributions"]),
            plots.source_type_shares(views.source_type_shares(source)),
            plots.sentiment_distribution(source),
            plots.top_speakers(views.top_speakers(source)),
        ]
        assert all(isinstance(f, Figure) and f.axes for f in figures)
        for figure in figures:
            figure.canvas.draw()  # renders without error


def test_table_cuts_long_frames():
    rendered = views.table(pd.DataFrame({"x": range(10)}), max_rows=3)._repr_html_()
    assert "3 of 10 rows shown" in rendered


def test_tables_read_once_per_run_give_the_same_rows_and_stay_private(tmp_path):
    """A warm kernel keeps a run's tables and hands each report its rows: the same rows a filtered
    read gives, in new frames (a report that changes them changes nothing for the next), read
    again when a file changes."""
    from newsaudit.views import load

    data = write_tables(tmp_path / "tables")
    for article_id in ("a1", "a2", "a3"):
        cached = views.load_tables(data, article_id)
        for name, columns in load.table_columns().items():
            path = data / f"{name}.parquet"
            expected = load._read(path, columns, [("article_id", "==", article_id)])
            pd.testing.assert_frame_equal(cached[name], expected, check_dtype=False)
    first = views.load_article(data, "a1")
    first["sentences"]["compound"] = 99.0
    first["articles"].loc[0, "title"] = "changed"
    again = views.load_article(data, "a1")
    assert (again["sentences"]["compound"] != 99.0).all() and again["articles"].loc[0, "title"] != "changed"
    whole = views.load_tables(data)
    del whole["articles"]["title"]
    assert "title" in views.load_tables(data)["articles"]

    articles = pd.read_parquet(data / "articles.parquet")
    articles.loc[articles["article_id"] == "a1", "title"] = "Rewritten after the first read"
    articles.to_parquet(data / "articles.parquet", index=False)
    assert views.load_article(data, "a1")["articles"].loc[0, "title"] == "Rewritten after the first read"


def test_source_type_counts_split_types_by_kind_in_schema_order():
    attributions = make_tables()["attributions"]
    counts = views.source_type_counts(attributions)
    assert list(counts["source type"]) == [t for t in schema.SOURCE_TYPES if t in set(attributions["source_type"])]
    assert counts["total"].sum() == len(attributions)
    assert list(counts.columns)[-1] == "total" and set(counts.columns[1:-1]) <= set(schema.KINDS)
    assert views.source_type_counts(attributions.iloc[0:0])["total"].sum() == 0
