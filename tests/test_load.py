"""Loading: encodings, formats, metadata, skips and duplicates, on small files written here."""

import json

import pandas as pd
import pytest

from newsaudit import load


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data, encoding, expected",
    [
        ("Minister’s café".encode("utf-8"), "utf-8", "Minister’s café"),
        (b"\xef\xbb\xbf" + "Title".encode("utf-8"), "utf-8-sig", "Title"),
        ("Title ‘q’".encode("utf-16"), "utf-16", "Title ‘q’"),
        ("Headline here\nbody text".encode("utf-16-le"), "utf-16-le", "Headline here\nbody text"),
        ("The minister’s café".encode("cp1252"), "cp1252", "The minister’s café"),
    ],
)
def test_decode_fallbacks(data, encoding, expected):
    assert load.decode_bytes(data) == (expected, encoding)


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n\t ", "empty"), (bytes(range(256)) * 4, "binary")])
def test_decode_refuses_empty_and_binary(data, reason):
    with pytest.raises(load.InputError, match=reason):
        load.decode_bytes(data)


def test_text_folder_title_outlet_date_and_skips(tmp_path):
    write(tmp_path / "in/harbor/2026-03-01-strike.txt", b"Strike ends\n\nStrike ends\n\nThe strike ended, officials said.")
    write(tmp_path / "in/harbor/empty.txt", b"")
    write(tmp_path / "in/valley/photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write(tmp_path / "in/valley/notes.docx", b"PK")
    result = load.load_articles([tmp_path / "in"])
    articles = result.articles
    assert list(articles["title"]) == ["Strike ends"]
    assert articles["outlet"].iat[0] == "harbor"
    assert articles["published"].iat[0] == pd.Timestamp("2026-03-01", tz="UTC")
    assert articles["text"].iat[0] == articles["raw_text"].iat[0]
    reasons = {item["input"].rsplit("/", 1)[-1]: item["reason"] for item in result.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["photo.txt"].startswith("binary file")
    assert "unsupported file type" in reasons["notes.docx"]
    assert len(result.files_read) == 3


def test_metadata_file_overrides_folder(tmp_path):
    write(tmp_path / "a/one.txt", b"Headline\n\nBody.")
    write(tmp_path / "metadata.csv", b"path,outlet,published,url\na/one.txt,Harbor Herald,2026-02-03,https://example.org/1\n")
    articles = load.load_articles([tmp_path / "a"]).articles
    row = articles.iloc[0]
    assert (row["outlet"], row["url"]) == ("Harbor Herald", "https://example.org/1")
    assert row["published"] == pd.Timestamp("2026-02-03", tz="UTC")


def test_tables_with_aliases_column_map_and_bad_rows(tmp_path):
    write(tmp_path / "feed.csv", "headline,body,publisher\nA,Text one.,X\nB,,Y\nC,\"Text, three.\",Z\n".encode())
    write(tmp_path / "feed.jsonl", (json.dumps({"title": "J", "content": "JSON text."}) + "\n\n").encode())
    write(tmp_path / "odd.csv", b"head,words\nT,Some words.\n")
    write(tmp_path / "notext.csv", b"a,b\n1,2\n")
    pd.DataFrame({"story": ["Parquet text."], "name": ["P"]}).to_parquet(tmp_path / "t.parquet")
    result = load.load_articles([tmp_path])
    assert sorted(result.articles["title"]) == ["A", "C", "J", "P"]
    assert set(result.articles["outlet"].dropna()) >= {"X", "Z"}
    reasons = [item["reason"] for item in result.skipped]
    assert any("no text column" in r for r in reasons)
    assert any(r == "empty or missing text" for r in reasons)

    mapped = load.load_articles([tmp_path / "odd.csv"], column_map={"text": "words", "title": "head"})
    assert mapped.articles["text"].tolist() == ["Some words."]


def test_malformed_jsonl_line_is_a_skip_and_good_lines_stay(tmp_path):
    write(tmp_path / "bad.jsonl", b'{"text": "ok"}\n{not json\n')
    result = load.load_articles([tmp_path])
    assert result.articles["text"].tolist() == ["ok"]
    assert result.skipped[0]["reason"].startswith("line 2: not JSON: ")
    assert result.skipped[0]["input"] == f"{tmp_path / 'bad.jsonl'}#line2"


def test_ids_are_stable_and_duplicates_marked(tmp_path):
    write(tmp_path / "x/a.txt", b"Same story\n\nWord for word.")
    write(tmp_path / "x/b.txt", b"Same story\n\nWord for word.")
    write(tmp_path / "x/c.txt", b"Other story\n\nDifferent.")
    first = load.load_articles([tmp_path / "x"]).articles
    again = load.load_articles([tmp_path / "x"]).articles
    assert first["article_id"].tolist() == again["article_id"].tolist()
    assert first["article_id"].is_unique
    a, b, c = first["article_id"]
    assert first["duplicate_of"].tolist()[1] == a
    assert pd.isna(first["duplicate_of"].tolist()[0]) and pd.isna(first["duplicate_of"].tolist()[2])


def test_html_page(tmp_path):
    page = b"<html><head><title>T</title><script>var x=1;</script></head><body><h1>Big &amp; bold</h1><p>First para.</p><p>Second.</p></body></html>"
    write(tmp_path / "p.html", page)
    article = load.load_articles([tmp_path]).articles.iloc[0]
    assert article["title"] == "Big & bold"
    assert "var x" not in article["text"] and "First para." in article["text"]


def test_oversized_file_is_skipped(tmp_path):
    write(tmp_path / "big.txt", b"Headline\n\n" + b"word " * 1000)
    result = load.load_articles([tmp_path], max_bytes=100)
    assert result.articles.empty and "too large" in result.skipped[0]["reason"]


def test_messy_tables_and_encodings_do_not_abort(tmp_path):
    write(tmp_path / "one-column.csv", b'text\n"A story, with a comma."\n')
    write(tmp_path / "mixed.jsonl", b'{"text": "First.", "url": 5, "title": {"main": "T"}}\n{"text": "Second.", "url": "u"}\n')
    write(tmp_path / "list.jsonl", b'["not", "an", "object"]\n')
    write(tmp_path / "odd.txt", b"\xff\xfeT\x00i\x00t\x00\x00\xd8")  # UTF-16 BOM, a lone surrogate
    write(tmp_path / "bom-bad.txt", b"\xef\xbb\xbfTitle\n\nCaf\xe9 owner said.")
    result = load.load_articles([tmp_path])
    texts = sorted(result.articles["text"])
    assert "A story, with a comma." in texts and "First." in texts and "Second." in texts
    assert set(result.articles["url"].dropna()) == {"5", "u"}
    reasons = {item["input"].rsplit("/", 1)[-1]: item["reason"] for item in result.skipped}
    assert reasons["list.jsonl#line1"] == "line 1: not a JSON object"
    assert reasons["odd.txt"].startswith("binary file")
    assert any("Café owner said." in t for t in texts)


def test_bad_metadata_is_a_skip_not_a_lost_corpus(tmp_path):
    write(tmp_path / "a.txt", b"Title\n\nBody.")
    write(tmp_path / "metadata.jsonl", b"{broken\n")
    result = load.load_articles([tmp_path])
    assert len(result.articles) == 1
    assert [item["reason"][:18] for item in result.skipped] == ["metadata not used:"]


def test_html_entities_are_decoded_once(tmp_path):
    write(tmp_path / "p.html", b"<html><body><h1>Less &amp;lt; more</h1><p>Body.</p></body></html>")
    assert load.load_articles([tmp_path]).articles["title"].iat[0] == "Less &lt; more"


def test_a_parser_error_without_message_is_still_a_reason(tmp_path, monkeypatch):
    write(tmp_path / "t.csv", b"text\nBody.\n")

    def silent(*args, **kwargs):
        raise ValueError()

    monkeypatch.setattr(load.pd, "read_csv", silent)
    result = load.load_articles([tmp_path])
    assert result.skipped == [{"input": str(tmp_path / "t.csv"), "reason": "cannot parse csv table: ValueError"}]
