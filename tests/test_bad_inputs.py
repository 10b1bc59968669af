"""A battery of bad inputs, each run through the real command line (`newsaudit analyze`).

For every case: the exit status (0 when something was analysed, 2 with a one-line error when
nothing was usable), no traceback on stderr, `run.json` always written, and counts that reconcile
(`read = analysed + skipped`). Files that are not articles (README, LICENSE, dotfiles, ...) are
listed in `run.json` under `ignored`, each with its reason. All data is invented here.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from newsaudit import cli

GOOD = ("Harbour Reopens After Storm\n\nThe harbour will reopen on Monday, Mayor Ana Ruiz said. "
        "\"It is good news for the fishermen,\" she said. Analysts say repair costs reportedly rose.\n")


def good_text(n: int = 0) -> str:
    return GOOD.replace("Monday", f"day {n}") if n else GOOD


def analyze(inputs, out: Path, capsys, *extra) -> tuple[int, str, dict | None]:
    code = cli.main(["analyze", *map(str, inputs), "--out", str(out), "--quiet", "--workers", "1", *extra])
    err = capsys.readouterr().err
    run_json = out / "run.json"
    info = json.loads(run_json.read_text(encoding="utf-8")) if run_json.exists() else None
    return code, err, info


def check(code: int, err: str, info: dict | None, expected: int) -> dict:
    """What every case must show; returns run.json."""
    assert "Traceback" not in err, err
    assert code == expected, err
    assert info is not None, "run.json not written"
    counts = info["counts"]
    assert counts["read"] == counts["analysed"] + counts["skipped"], counts
    assert counts["skipped"] == len(info["skipped"])
    for item in info["skipped"] + info.get("ignored", []):
        assert item["reason"] and "\n" not in item["reason"], item
    errors = [line for line in err.splitlines() if line.startswith("newsaudit: error")]
    if expected == 2:
        assert len(errors) == 1 and counts["analysed"] == 0, err
    else:
        assert not errors and counts["analysed"] >= 1, err
    return info


def reasons(info: dict, key: str = "skipped") -> dict[str, str]:
    return {Path(item["input"].split("#")[0]).name + ("#" + item["input"].split("#")[1] if "#" in item["input"] else ""):
            item["reason"] for item in info.get(key, [])}


# ------------------------------------------------------------------------------ the battery
# Each builder writes its inputs into a folder and returns (inputs, expected exit status, check).

def _empty(folder):
    (folder / "empty.txt").write_bytes(b"")
    return [folder / "empty.txt"], 2, lambda info: reasons(info)["empty.txt"] == "empty file"


def _whitespace(folder):
    (folder / "blank.txt").write_bytes(b"  \n\t\r\n   \n")
    return [folder / "blank.txt"], 2, lambda info: reasons(info)["blank.txt"] == "empty file"


def _binary(folder):
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    return [folder / "photo.txt"], 2, lambda info: reasons(info)["photo.txt"].startswith("binary file")


def _cp1252(folder):
    text = "Caf\u00e9 Owners Protest\n\n\u201cWe are not moving,\u201d the owner said \u2013 for now.\n"
    (folder / "cp1252.txt").write_bytes(text.encode("cp1252"))
    def ok(info):
        articles = pd.read_parquet(Path(info["out"]) / "articles.parquet")
        return "\u201cWe are not moving,\u201d" in articles["raw_text"].iat[0] and "Caf\u00e9" in articles["title"].iat[0]
    return [folder / "cp1252.txt"], 0, ok


def _latin1(folder):
    text = "Se\u00f1ora Mu\u00f1oz Speaks\n\nThe council leader, Se\u00f1ora Mu\u00f1oz, said the plan was \u00abfair\u00bb.\n"
    (folder / "latin1.txt").write_bytes(text.encode("latin-1"))
    def ok(info):
        articles = pd.read_parquet(Path(info["out"]) / "articles.parquet")
        return "Mu\u00f1oz" in articles["raw_text"].iat[0]
    return [folder / "latin1.txt"], 0, ok


def _utf16(folder):
    (folder / "bom.txt").write_bytes(good_text(1).encode("utf-16"))  # with a BOM
    (folder / "nobom.txt").write_bytes(good_text(2).encode("utf-16-le"))
    def ok(info):
        articles = pd.read_parquet(Path(info["out"]) / "articles.parquet")
        return len(articles) == 2 and articles["raw_text"].str.contains("Ana Ruiz").all()
    return [folder], 0, ok


def _title_only(folder):
    (folder / "title.txt").write_text("Harbour Reopens After Storm\n", encoding="utf-8")
    return [folder / "title.txt"], 0, lambda info: info["counts"]["analysed"] == 1


def _csv_without_text(folder):
    (folder / "table.csv").write_text("id,headline,date\n1,Budget passes,2024-01-02\n", encoding="utf-8")
    return [folder / "table.csv"], 2, lambda info: reasons(info)["table.csv"].startswith("no text column")


def _jsonl_broken_lines(folder):
    lines = [json.dumps({"title": "One", "text": good_text(1)}), "{not json at all",
             json.dumps({"title": "Two", "text": good_text(2)}), "[1, 2]",
             json.dumps({"title": "Three", "text": good_text(3)}), '{"title": "cut off", "text": "abc']
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    def ok(info):
        why = reasons(info)
        return (info["counts"]["analysed"] == 3 and why["feed.jsonl#line2"].startswith("line 2: not JSON")
                and why["feed.jsonl#line4"] == "line 4: not a JSON object"
                and why["feed.jsonl#line6"].startswith("line 6: not JSON"))
    return [folder / "feed.jsonl"], 0, ok


def _json_list_bad_item(folder):
    items = [{"title": "One", "text": good_text(1)}, 42, {"title": "No body"}, {"title": "Two", "text": good_text(2)}]
    (folder / "list.json").write_text(json.dumps(items), encoding="utf-8")
    def ok(info):
        why = reasons(info)
        return (info["counts"]["analysed"] == 2 and why["list.json#row1"] == "item 1: not a JSON object"
                and why["list.json#row2"] == "empty or missing text")
    return [folder / "list.json"], 0, ok


def _parquet_null_text(folder):
    pd.DataFrame({"title": ["One", "Null", "Two"], "text": [good_text(1), None, good_text(2)]}).to_parquet(
        folder / "table.parquet", index=False)
    def ok(info):
        return info["counts"]["analysed"] == 2 and reasons(info)["table.parquet#row1"] == "empty or missing text"
    return [folder / "table.parquet"], 0, ok


def _html_without_article(folder):
    (folder / "page.html").write_text(
        "<html><head><title>Home</title><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><footer>&copy; 2024</footer></body></html>",
        encoding="utf-8")
    return [folder / "page.html"], 2, lambda info: "page.html" in reasons(info)


def _too_large(folder):
    with open(folder / "huge.txt", "wb") as handle:  # sparse: 60 MB on paper, nothing on disk
        handle.truncate(60 * 1024 * 1024)
    return [folder / "huge.txt"], 2, lambda info: reasons(info)["huge.txt"].startswith("file too large")


def _symlink_loops(folder):
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "loop").symlink_to(folder)  # a folder link back to its parent
    (folder / "self.txt").symlink_to(folder / "self.txt")  # a file link to itself
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    def ok(info):
        seen = {**reasons(info), **reasons(info, "ignored")}
        return (info["counts"]["analysed"] == 1 and {"self.txt", "a.txt", "b.txt", "dangling.txt"} <= set(seen)
                and "loop" in seen)
    return [folder], 0, ok


def _odd_names(folder):
    names = ["with spaces.txt", "\u00fcn\u00efc\u00f6d\u00e9 \u2014 \u540d\u524d.txt", "quote'and\"dq.txt",
             "-starts-with-dash.txt", "tab\there.txt"]
    try:
        (folder / "new\nline.txt").write_text(good_text(9), encoding="utf-8")
        names.append("new\nline.txt")
    except OSError:
        pass
    for n, name in enumerate(names):
        (folder / name).write_text(good_text(n + 1), encoding="utf-8")
    def ok(info):
        articles = pd.read_parquet(Path(info["out"]) / "articles.parquet")
        return info["counts"]["analysed"] == len(names) and {Path(p).name for p in articles["source_path"]} == set(names)
    return [folder], 0, ok


def _duplicates(folder):
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "copy.txt").write_text(GOOD.replace(" ", "  "), encoding="utf-8")  # same text, other spacing
    def ok(info):
        articles = pd.read_parquet(Path(info["out"]) / "articles.parquet")
        return (info["counts"]["analysed"] == 2 and info["counts"]["duplicates"] == 1
                and articles["duplicate_of"].notna().sum() == 1 and len(info["files_read"]) == 2)
    # the same file twice (as a file and inside its folder) is read once
    return [folder / "a.txt", folder, folder / "a.txt"], 0, ok


def _non_article_files(folder):
    (folder / "story.txt").write_text(GOOD, encoding="utf-8")
    for name in ("README", "README.md", "LICENSE", "expected.md", ".DS_Store", ".hidden.txt", ".gitignore"):
        (folder / name).write_bytes(b"\x00\x00\x00\x01Bud1" if name == ".DS_Store" else b"not an article\n")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    def ok(info):
        ignored = reasons(info, "ignored")
        skipped = reasons(info)
        listed = set(ignored) | set(skipped)
        return (info["counts"]["analysed"] == 1
                and {"README", "README.md", "LICENSE", "expected.md", ".DS_Store", ".hidden.txt", ".gitignore",
                     "notes.pdf"} <= listed and ({"HEAD", ".git"} & listed))
    return [folder], 0, ok


def _all_fail(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "table.csv").write_text("id\n1\n", encoding="utf-8")
    (folder / "README.md").write_text("# notes\n", encoding="utf-8")
    def ok(info):
        return info["counts"]["skipped"] == 3 and "README.md" in reasons(info, "ignored")
    return [folder], 2, ok


def _bad_beside_good(folder):
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "feed.jsonl").write_text("oops\n" + json.dumps({"text": good_text(4)}) + "\n", encoding="utf-8")
    return [folder], 0, lambda info: info["counts"]["analysed"] == 2 and info["counts"]["skipped"] == 3


CASES = {
    "empty file": _empty,
    "whitespace-only file": _whitespace,
    "binary file named .txt": _binary,
    "cp1252 bytes": _cp1252,
    "latin-1 bytes": _latin1,
    "UTF-16 with and without BOM": _utf16,
    "title-only file": _title_only,
    "CSV without a text column": _csv_without_text,
    "JSONL with broken lines among good ones": _jsonl_broken_lines,
    "JSON list with bad items": _json_list_bad_item,
    "Parquet with a null text row": _parquet_null_text,
    "HTML page with no article text": _html_without_article,
    "file over the 50 MB limit": _too_large,
    "symlink loops and dangling links": _symlink_loops,
    "odd file names": _odd_names,
    "duplicates": _duplicates,
    "non-article files in a folder": _non_article_files,
    "every input fails": _all_fail,
    "bad inputs beside a good one": _bad_beside_good,
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input(case, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    inputs, expected, ok = CASES[case](folder)
    out = tmp_path / "out"
    code, err, info = analyze(inputs, out, capsys)
    info = check(code, err, info, expected)
    info["out"] = str(out)
    assert ok(info), json.dumps({k: info.get(k) for k in ("counts", "skipped", "ignored")}, indent=1)
    for name in ("articles", "sentences", "attributions", "hedges", "article_stats"):
        assert (out / f"{name}.parquet").exists()
    assert not [p.name for p in out.iterdir() if ".tmp" in p.name]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: root can read a chmod 000 file, so it cannot be made unreadable")
def test_unreadable_file(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked.txt").write_text(good_text(2), encoding="utf-8")
    (folder / "locked.txt").chmod(0)
    (folder / "closed").mkdir()
    (folder / "closed" / "inside.txt").write_text(good_text(3), encoding="utf-8")
    (folder / "closed").chmod(0)
    try:
        code, err, info = analyze([folder], tmp_path / "out", capsys)
    finally:
        (folder / "locked.txt").chmod(0o644)
        (folder / "closed").chmod(0o755)
    info = check(code, err, info, 0)
    why = reasons(info)
    assert why["locked.txt"].startswith("cannot read")
    assert "closed" in {**why, **reasons(info, "ignored")}


def test_previous_tables_replaced_when_nothing_usable(tmp_path, capsys):
    """A run that analyses nothing still says so in run.json, with (empty) tables to match."""
    out = tmp_path / "out"
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert analyze([tmp_path / "good.txt"], out, capsys)[0] == 0
    (tmp_path / "empty.txt").write_bytes(b"")
    code, err, info = analyze([tmp_path / "empty.txt"], out, capsys)
    check(code, err, info, 2)
    assert len(pd.read_parquet(out / "articles.parquet")) == 0


# --------------------------------------------------------------------------- a 50 MB article

def _one_paragraph(size: int) -> bytes:
    sentence = b"The port authority said on Monday that repairs would take weeks, officials reportedly added. "
    return b"Huge Article\n\n" + sentence * (size // len(sentence))


def test_50mb_article_is_loaded_whole(tmp_path):
    from newsaudit import load

    path = tmp_path / "huge.txt"
    path.write_bytes(_one_paragraph(50_000_000))
    result = load.load_articles([path])
    assert not result.skipped and len(result.articles) == 1
    assert len(result.articles["raw_text"].iat[0]) > 49_000_000


def test_long_paragraph_splits_in_linear_time():
    """The sentence splitter copes with a paragraph of any length (no regex time limit)."""
    from newsaudit import segment

    timings = []
    for size in (1_000_000, 4_000_000):
        text = _one_paragraph(size).decode()
        frame = pd.DataFrame([{"article_id": "a", "text": text}])
        started = time.perf_counter()
        sentences = segment.split_sentences(frame)
        timings.append(time.perf_counter() - started)
        assert len(sentences) > size // 120
        assert (sentences["end"] > sentences["start"]).all()
    assert timings[1] < 8 * timings[0] + 1.0, timings


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("NEWSAUDIT_HEAVY"),
                    reason="a 50 MB article takes minutes to analyse: run with NEWSAUDIT_HEAVY=1")
def test_50mb_article_full_run(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    path.write_bytes(_one_paragraph(50_000_000))
    code, err, info = analyze([path], tmp_path / "out", capsys)
    check(code, err, info, 0)
