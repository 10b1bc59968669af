"""Loading real corpora: JSON folders, large tables streamed, saved pages, encodings, dates, outlets.

All data here is invented for these tests (fictional towns, outlets and people).
"""

import json
import tracemalloc

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsaudit import load, load_html, load_json

RU = ("Министр транспорта заявил в понедельник, что новый мост через реку откроют осенью. "
      "По его словам, работы идут по графику. Жители города считают, что решение было принято слишком поздно.")
JA = ("市長は月曜日、新しい橋の建設が来年の春に始まると発表した。住民の多くはこの計画を歓迎している。"
      "しかし、一部の専門家は費用が高すぎると指摘した。")


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def jsonl(rows) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def reasons(result) -> dict:
    return {item["input"].rsplit("/", 1)[-1]: item["reason"] for item in result.skipped}


# ------------------------------------------------------------------------------------ JSON folders

NEWS_PLEASE = {  # the news-please layout: a null `text` beside the real `maintext`, many other fields
    "authors": ["Lena Porter", "Sam Ide"], "date_download": "2020-05-06 08:00:00",
    "date_modify": None, "date_publish": "2020-05-05 10:00:00",
    "description": "A short summary.", "filename": "https%3A%2F%2Fwww.harborherald.com%2Fa.json",
    "image_url": "https://www.harborherald.com/a.jpg", "language": "en", "localpath": None,
    "maintext": "The harbour board voted to raise fees, a spokesperson said.",
    "source_domain": "www.harborherald.com", "text": None, "title": "Harbour fees rise",
    "title_page": None, "title_rss": None, "url": "https://www.harborherald.com/news/a",
}
NEWSPAPER3K = {  # the newspaper3k layout: no outlet field, the site's homepage in source_url
    "title": "Valley school reopens", "text": "The school reopened on Monday, the principal said.",
    "authors": ["Ada Quince"], "publish_date": "Tue, 05 May 2020 10:00:00 GMT",
    "url": "https://news.valleywire.org/2020/05/05/school", "source_url": "https://news.valleywire.org",
    "top_image": "", "keywords": ["school"], "meta_description": "",
}


def test_json_folder_of_export_layouts(tmp_path):
    write(tmp_path / "corpus/2020/a.json", json.dumps(NEWS_PLEASE))
    write(tmp_path / "corpus/2020/b.json", json.dumps(NEWSPAPER3K))
    write(tmp_path / "corpus/2020/list.json", json.dumps([
        {"headline": "First of two", "body": "One body.", "publisher": "Northgate Times"},
        "not an article",
        {"headline": "Second of two", "body": "Two body.", "publisher": "Northgate Times"},
    ]))
    write(tmp_path / "corpus/2020/config.json", json.dumps({"theme": "dark", "size": 3}))
    write(tmp_path / "corpus/2020/paras.json", json.dumps({"title": "Paragraphs", "text": ["First paragraph.", "Second paragraph."]}))
    write(tmp_path / "corpus/2020/broken.json", "{\"title\": ")
    result = load.load_articles([tmp_path / "corpus"])
    articles = result.articles.set_index("title")
    np = articles.loc["Harbour fees rise"]
    assert np["text"] == NEWS_PLEASE["maintext"]
    assert (np["outlet"], np["url"], np["author"]) == ("harborherald.com", NEWS_PLEASE["url"], "Lena Porter; Sam Ide")
    assert np["published"] == pd.Timestamp("2020-05-05 10:00", tz="UTC")
    n3 = articles.loc["Valley school reopens"]
    assert n3["outlet"] == "news.valleywire.org"  # from the URL, not the folder "2020"
    assert n3["published"] == pd.Timestamp("2020-05-05 10:00", tz="UTC")
    assert articles.loc["Second of two", "outlet"] == "Northgate Times"
    assert articles.loc["Second of two", "source_path"].endswith("list.json#row2")
    why = reasons(result)
    assert why["list.json#row1"] == "item 1: not a JSON object"
    assert why["config.json"] == "no text field (fields: theme, size); map one with --column text=NAME"
    assert articles.loc["Paragraphs", "text"] == "First paragraph.\n\nSecond paragraph."
    assert why["broken.json"].startswith("not JSON: ")
    assert len(result.files_read) == 6 and len(result.input_hashes) == 6


def test_json_api_response_with_article_list(tmp_path):
    response = {"status": "ok", "totalResults": 1, "articles": [
        {"source": {"id": None, "name": "Keswater Ledger"}, "author": "M. Quill", "title": "Tram line",
         "url": "https://keswaterledger.example.org/t", "publishedAt": "2026-04-02T09:30:00Z",
         "content": "The council approved the tram line, officials said."}]}
    write(tmp_path / "api.json", json.dumps(response))
    row = load.load_articles([tmp_path]).articles.iloc[0]
    assert (row["outlet"], row["author"]) == ("Keswater Ledger", "M. Quill")
    assert row["published"] == pd.Timestamp("2026-04-02 09:30", tz="UTC")


def test_large_json_list_is_read_item_by_item(tmp_path, monkeypatch):
    monkeypatch.setattr(load_json, "BLOCK", 64)  # force many refills
    items = [{"title": f"T{i}", "text": f"Story number {i} of the list, with a \"quote\" and ] bracket."} for i in range(30)]
    write(tmp_path / "big.json", "\ufeff" + json.dumps(items, indent=1))
    result = load.load_articles([tmp_path], max_bytes=600)  # the file is far larger than one article
    assert result.articles["title"].tolist() == [f"T{i}" for i in range(30)]
    assert result.skipped == []
    write(tmp_path / "big.json", json.dumps(items)[:-40])  # cut off in the middle of an item
    result = load.load_articles([tmp_path], max_bytes=600)
    assert len(result.articles) == 29 and "rest of the file not read" in result.skipped[0]["reason"]


# ------------------------------------------------------------------------------------------ JSONL

def test_jsonl_keeps_good_lines_and_numbers_the_bad(tmp_path):
    lines = [json.dumps({"title": "A", "text": "Alpha."}), "{broken", "", json.dumps([1, 2]),
             json.dumps({"title": "B", "text": "Beta.", "extra": {"nested": True}}), json.dumps({"title": "C", "text": ""}),
             json.dumps({"title": "D", "text": "x" * 500}), json.dumps({"title": "E", "text": "Epsilon."})]
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = load.load_articles([tmp_path], max_bytes=300)
    assert result.articles["title"].tolist() == ["A", "B", "E"]
    why = reasons(result)
    assert why["feed.jsonl#line2"].startswith("line 2: not JSON: ")
    assert why["feed.jsonl#line4"] == "line 4: not a JSON object"
    assert why["feed.jsonl#row2"] == "empty or missing text"
    assert why["feed.jsonl#line7"].startswith("line 7: too large")
    again = load.load_articles([tmp_path], max_bytes=300)
    assert again.articles["article_id"].tolist() == result.articles["article_id"].tolist()


def test_jsonl_without_text_field_is_one_skip_and_column_map_fixes_it(tmp_path):
    write(tmp_path / "odd.jsonl", jsonl([{"head": "A", "words": "Some words."}, {"head": "B", "words": "More."}]))
    result = load.load_articles([tmp_path])
    assert result.articles.empty
    assert [item["reason"] for item in result.skipped] == [
        "no text column (columns: head, words); map one with --column text=NAME"]
    mapped = load.load_articles([tmp_path], column_map={"text": "words", "title": "head"})
    assert mapped.articles["title"].tolist() == ["A", "B"]


# ----------------------------------------------------------------------------------- CSV, Parquet

def test_csv_bad_rows_missing_text_column_tsv_and_cp1251(tmp_path):
    write(tmp_path / "a.csv", "title,text,outlet\nOne,First story.,Herald\nTwo,Second,story,extra\nThree,\"Third,\nstory.\",Herald\n")
    write(tmp_path / "b.csv", "title,summary\nNo text,Just a summary.\n")
    write(tmp_path / "c.tsv", "headline\tcontent\nTabbed\tTab story.\n")
    write(tmp_path / "d.csv", ("title,text\nНовости," + RU.replace(",", "") + "\n").encode("cp1251"))
    result = load.load_articles([tmp_path])
    articles = result.articles.set_index("title")
    assert list(articles.index) == ["One", "Three", "Tabbed", "Новости"]
    assert articles.loc["Three", "text"] == "Third,\nstory."
    assert articles.loc["Новости", "text"] == RU.replace(",", "")
    assert articles.loc["Новости", "encoding"] == "cp1251"
    assert 0 < articles.loc["Новости", "encoding_confidence"] < 1
    assert articles.loc["One", "encoding_confidence"] == 1.0
    why = reasons(result)
    assert why["a.csv#line3"] == "line 3: expected 3 fields, saw 4"
    assert why["b.csv"] == "no text column (columns: title, summary); map one with --column text=NAME"


def test_parquet_streams_in_batches_with_list_columns(tmp_path):
    table = pa.table({
        "story": [f"Parquet story {i}." for i in range(1200)], "headline": [f"H{i}" for i in range(1200)],
        "authors": [["Ann Lee", "Bo Sun"]] * 1200, "big_unused": ["x" * 100] * 1200,
        "date": pa.array([pd.Timestamp("2021-01-02 03:04", tz="UTC")] * 1200),
    })
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=400)
    stream = load.stream_articles([tmp_path], chunk_size=500)
    sizes = [len(chunk) for chunk in stream.chunks()]
    assert sizes == [500, 500, 200]
    first = next(iter(load.stream_articles([tmp_path], chunk_size=2).chunks())).iloc[0]
    assert (first["title"], first["author"]) == ("H0", "Ann Lee; Bo Sun")
    assert first["published"] == pd.Timestamp("2021-01-02 03:04", tz="UTC")


def test_the_size_limit_is_per_article_never_per_table(tmp_path):
    rows = [{"text": f"Article {i} " + "word " * 80} for i in range(50)] + [{"text": "huge " * 2000}]
    write(tmp_path / "t.jsonl", jsonl(rows))
    write(tmp_path / "t.csv", "text\n" + "".join(f"Row {i} " + "word " * 80 + "\n" for i in range(50)) + "huge " * 2000 + "\n")
    write(tmp_path / "single.txt", "Headline\n\n" + "word " * 2000)
    result = load.load_articles([tmp_path], max_bytes=5000)  # each table file is ~20 kB
    assert len(result.articles) == 100
    why = [item["reason"] for item in result.skipped]
    assert sum(r.startswith("article too large") or "too large" in r for r in why) == 3


# ------------------------------------------------------------------------------------------ pages

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves tram line after long debate | The Keswater Ledger</title>
<meta property="og:site_name" content="The Keswater Ledger">
<meta property="og:type" content="article">
<meta property="og:title" content="Council approves tram line after long debate">
<meta property="article:published_time" content="2026-04-02T09:30:00+01:00">
<meta name="author" content="Marta Quill">
<link rel="canonical" href="https://www.keswaterledger.com/news/2026/04/02/tram-line">
<script>window.dataLayer = []; function track(){ dataLayer.push(arguments); }</script>
</head><body>
<header><a class="logo" href="/">The Keswater Ledger</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
<li><a href="/puzzles">Puzzles</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav>
<div class="ticker">Breaking: Harbour ferry timetable changes this weekend</div></header>
<main><article>
<div class="breadcrumbs"><a href="/news">News</a> &rsaquo; <a href="/news/local">Local</a></div>
<h1>Council approves tram line after long debate</h1>
<div class="byline">By <a rel="author" href="/authors/marta-quill">Marta Quill</a>, Transport Correspondent
<time datetime="2026-04-02T09:30:00+01:00">2 April 2026</time></div>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email this story</a></div>
<div class="story-body">
<p>Keswater's city council voted on Tuesday night to build a tram line linking the old quay with the northern estates, ending a debate that has run for almost three years.</p>
<p>Councillor Ines Varga, who chairs the transport committee, said the line would cut journey times across the river by half. "People have waited long enough for a reliable way to get to work," she told the chamber.</p>
<p>Opponents argued that the projected cost of 84 million crowns was too high. Shop owners on Mill Street &amp; the quay, according to a letter read out during the session, fear months of roadworks.</p>
<p>The first trams are expected to run in the spring of 2029, officials said, if the regional government confirms its share of the funding.</p>
</div>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/news/bus-fares">Bus fares to rise for the third year running</a></li>
<li><a href="/news/bridge">Swing bridge to close for painting in May</a></li></ul></aside>
<section class="newsletter"><h3>Get the Morning Ledger</h3><p>Sign up for our free newsletter and never miss a story.</p></section>
</main>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/cookies">Cookie settings</a></li></ul>
<p>&copy; 2026 Keswater Ledger Media Ltd. All rights reserved.</p></footer>
<script>track('pageview');</script>
</body></html>
"""


def test_saved_news_page_gives_the_article_text_only(tmp_path):
    write(tmp_path / "pages/tram.html", PAGE)
    article = load.load_articles([tmp_path / "pages"]).articles.iloc[0]
    text = article["text"]
    assert text.startswith("Council approves tram line after long debate\n\nKeswater's city council voted")
    assert "Mill Street & the quay" in text and text.rstrip().endswith("confirms its share of the funding.")
    for furniture in ("Subscribe", "Puzzles", "Breaking", "Share on", "Related stories", "Bus fares",
                      "newsletter", "Privacy", "All rights reserved", "Transport Correspondent", "dataLayer"):
        assert furniture not in text, furniture
    assert article["title"] == "Council approves tram line after long debate"
    assert article["outlet"] == "The Keswater Ledger"
    assert article["author"] == "Marta Quill"
    assert article["url"] == "https://www.keswaterledger.com/news/2026/04/02/tram-line"
    assert article["published"] == pd.Timestamp("2026-04-02 08:30", tz="UTC")


def test_page_without_article_falls_back_to_the_plain_parser(tmp_path, monkeypatch):
    monkeypatch.setattr(load_html, "_trafilatura", lambda markup: None)
    write(tmp_path / "p.html", "<html><body><h1>Big &amp; bold</h1><p>First para.</p></body></html>")
    article = load.load_articles([tmp_path]).articles.iloc[0]
    assert (article["title"], article["text"]) == ("Big & bold", "Big & bold\n\nFirst para.")


# -------------------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("text, codec, names", [
    (RU, "cp1251", {"cp1251"}), (JA, "shift_jis", {"cp932", "shift_jis"}),
])
def test_legacy_encodings_are_detected(tmp_path, text, codec, names):
    write(tmp_path / "a.txt", f"{text}\n\n{text}".encode(codec))
    article = load.load_articles([tmp_path]).articles.iloc[0]
    assert article["text"] == f"{text}\n\n{text}"
    assert article["encoding"] in names
    assert 0.5 <= article["encoding_confidence"] < 1.0


def test_utf8_and_bom_are_certain_and_one_stray_byte_is_western(tmp_path):
    assert load.decode_with_confidence("Café".encode())[1:] == ("utf-8", 1.0)
    assert load.decode_with_confidence(b"\xef\xbb\xbfCaf\xc3\xa9")[1:] == ("utf-8-sig", 1.0)
    stray = b"The club paid \xa315m for the striker, the chairman said on Monday. " * 3
    text, encoding, _ = load.decode_with_confidence(stray)
    assert encoding == "cp1252" and "£15m" in text


# ------------------------------------------------------------------------------------------ dates

@pytest.mark.parametrize("value, expected", [
    ("2020-05-05", "2020-05-05 00:00"), ("2020-05-05T10:00:00Z", "2020-05-05 10:00"),
    ("2020-05-05T12:00:00+02:00", "2020-05-05 10:00"), ("2020-05-05 10:00:00", "2020-05-05 10:00"),
    ("Tue, 05 May 2020 10:00:00 GMT", "2020-05-05 10:00"), ("05 May 2020 06:00:00 -0400", "2020-05-05 10:00"),
    ("May 5, 2020", "2020-05-05 00:00"), ("5 May 2020", "2020-05-05 00:00"), ("05/05/2020", "2020-05-05 00:00"),
    ("12/31/2020", "2020-12-31 00:00"), ("Tuesday, May 5, 2020 6:00 AM EDT", "2020-05-05 10:00"),
    (1588672800, "2020-05-05 10:00"), ("1588672800", "2020-05-05 10:00"), (1588672800000, "2020-05-05 10:00"),
    (1588672800.0, "2020-05-05 10:00"), ("20200505", "2020-05-05 00:00"),
    (pd.Timestamp("2020-05-05 10:00"), "2020-05-05 10:00"),
])
def test_dates_in_common_formats(value, expected):
    assert load.parse_date(value) == pd.Timestamp(expected, tz="UTC")


@pytest.mark.parametrize("value", [None, "", "  ", float("nan"), "yesterday", "2 hours ago", "May 2020", "2020",
                                   "2020-05", "May 5", "10:00", "0", 0, 2020, "not a date", "2020-13-45", True])
def test_unreadable_dates_stay_missing(value):
    assert load.parse_date(value) is pd.NaT


def test_published_column_type_is_the_same_in_every_chunk(tmp_path):
    write(tmp_path / "t.jsonl", jsonl([{"text": "A.", "date": "soon"}, {"text": "B.", "date": "2020-05-05"},
                                       {"text": "C."}]))
    chunks = list(load.stream_articles([tmp_path], chunk_size=1).chunks())
    assert {str(c["published"].dtype) for c in chunks} == {"datetime64[us, UTC]"}
    assert [c["published"].isna().iat[0] for c in chunks] == [True, False, True]
    assert {str(c["duplicate_of"].dtype) for c in chunks} == {str(chunks[0]["title"].dtype)}


# ---------------------------------------------------------------------------------------- outlets

def test_outlets_by_domain_and_alias_table(tmp_path):
    write(tmp_path / "aliases.csv", "Alias,Outlet\nFox Online News,Fox News\nfoxnews.com,Fox News\nHH,Harbor Herald\n")
    aliases = load.read_outlet_aliases(tmp_path / "aliases.csv")
    write(tmp_path / "in/t.jsonl", jsonl([
        {"text": "1.", "outlet": "Fox Online News"},
        {"text": "2.", "outlet": "FOX NEWS"},
        {"text": "3.", "url": "https://www.foxnews.com/politics/story"},
        {"text": "4.", "outlet": "www.foxnews.com"},
        {"text": "5.", "outlet": "hh"},
        {"text": "6.", "outlet": "Valley Wire", "url": "https://valleywire.example.org/x"},
        {"text": "7.", "url": "https://m.northgate.example.org/y"},
    ]))
    plain = load.load_articles([tmp_path / "in"]).articles["outlet"].tolist()
    assert plain == ["Fox Online News", "FOX NEWS", "foxnews.com", "foxnews.com", "hh", "Valley Wire",
                     "northgate.example.org"]
    merged = load.load_articles([tmp_path / "in"], outlet_aliases=aliases).articles["outlet"].tolist()
    assert merged == ["Fox News"] * 4 + ["Harbor Herald", "Valley Wire", "northgate.example.org"]
    from_path = load.load_articles([tmp_path / "in"], outlet_aliases=tmp_path / "aliases.csv").articles
    assert from_path["outlet"].tolist() == merged


@pytest.mark.parametrize("content, message", [
    ("name,label\nA,B\n", "needs the columns alias,outlet"),
    ("alias,outlet\nA,\n", "line 2 needs both"),
    ("alias,outlet\nFox,Fox News\nfox,Fox Sports\n", "already an alias of 'Fox News'"),
])
def test_bad_alias_tables_are_refused_in_one_line(tmp_path, content, message):
    write(tmp_path / "a.csv", content)
    with pytest.raises(load.InputError, match=message):
        load.read_outlet_aliases(tmp_path / "a.csv")


# -------------------------------------------------------------------------------------- streaming

def test_stream_chunks_ids_duplicates_and_bookkeeping(tmp_path):
    write(tmp_path / "a/one.jsonl", jsonl([{"title": f"T{i}", "text": f"Story {i % 4}."} for i in range(10)]))
    write(tmp_path / "a/two.txt", "Story   1.")
    write(tmp_path / "a/zz.txt", "Story 1.")  # same name-free text as a row: a duplicate, not the same id
    stream = load.stream_articles([tmp_path / "a", tmp_path / "a/two.txt", tmp_path / "missing"], chunk_size=3)
    assert stream.skipped == [{"input": str(tmp_path / "missing"), "reason": "no such file or folder"}]
    chunks = []
    for chunk in stream.chunks():
        chunks.append(chunk)
        assert len(stream.files_read) >= 1 and str(tmp_path / "a/one.jsonl") in stream.input_hashes
    assert [len(c) for c in chunks] == [3, 3, 3, 3]
    articles = pd.concat(chunks, ignore_index=True)
    assert articles["article_id"].is_unique
    first = {}
    for text, article_id in zip(articles["text"], articles["article_id"]):
        first.setdefault(" ".join(text.split()), article_id)
    for _, row in articles.iloc[4:].iterrows():
        assert row["duplicate_of"] == first[" ".join(row["text"].split())]
    assert articles["duplicate_of"].iloc[:4].isna().all()
    assert stream.files_read == [str(tmp_path / "a/one.jsonl"), str(tmp_path / "a/two.txt"), str(tmp_path / "a/zz.txt")]
    assert set(stream.input_hashes) == set(stream.files_read)
    again = pd.concat(list(stream.chunks()), ignore_index=True)  # a second pass starts over, same result
    pd.testing.assert_frame_equal(again, articles)
    assert load.load_articles([tmp_path / "a"]).articles["article_id"].tolist() == articles["article_id"].tolist()


def test_a_20_mb_jsonl_streams_in_bounded_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    paragraph = ("The regional council of the fictional town of Keswater met again on Tuesday, "
                 "a spokesperson said, and the debate about the harbour went on late into the night. ") * 31
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(4000):
            handle.write(json.dumps({"id": i, "title": f"Day {i}", "text": f"{i} {paragraph}",
                                     "source_domain": "www.keswater.example.org",
                                     "date_publish": f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}"}) + "\n")
    size = path.stat().st_size
    assert size > 20_000_000
    stream = load.stream_articles([path], chunk_size=500)
    tracemalloc.start()
    try:
        sizes = []
        for chunk in stream.chunks():
            sizes.append(len(chunk))
            del chunk
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sizes == [500] * 8
    assert peak < size / 4, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB file"
    assert stream.skipped == [] and len(stream.input_hashes[str(path)]) == 64


def test_a_mapped_text_field_that_no_line_has_is_one_skip(tmp_path):
    write(tmp_path / "t.jsonl", jsonl([{"body": "A."}, {"body": "B."}]))
    write(tmp_path / "l.json", json.dumps([{"body": "A."}, {"body": "B."}]))
    result = load.load_articles([tmp_path], column_map={"text": "story"})
    assert [item["reason"] for item in result.skipped] == ["no text field 'story' (fields: body)",
                                                           "no text column 'story' (columns: body)"]
