"""`newsaudit analyze` end to end: tables, run.json, skips and exit codes."""

import json

import pandas as pd
import pytest

from newsaudit import cli, schema


def run(argv, capsys):
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def mixed_inputs(tmp_path):
    folder = tmp_path / "in"
    (folder / "herald").mkdir(parents=True)
    (folder / "herald" / "good.txt").write_text(
        "Council Approves Budget\n\nCouncil Approves Budget\n\nThe council approved the budget, "
        "Mayor Ana Ruiz said on Monday. \"It is a fair plan,\" she said.\n\nLeave a Reply\n", encoding="utf-8"
    )
    (folder / "herald" / "empty.txt").write_bytes(b"")
    (folder / "herald" / "image.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "table.csv").write_text("id,headline\n1,No body here\n", encoding="utf-8")
    return folder


def test_analyze_writes_tables_and_records_skips(mixed_inputs, tmp_path, capsys):
    out = tmp_path / "out"
    code, _, err = run(["analyze", mixed_inputs, "--out", out, "--quiet"], capsys)
    assert code == 0
    assert "Traceback" not in err
    tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in
              ("articles", "sentences", "attributions", "article_stats")}
    assert set(schema.ARTICLES) <= set(tables["articles"].columns)
    assert set(schema.SENTENCES) <= set(tables["sentences"].columns)
    assert set(schema.ATTRIBUTIONS) <= set(tables["attributions"].columns)
    assert set(schema.ARTICLE_STATS) <= set(tables["article_stats"].columns)
    article = tables["articles"].iloc[0]
    assert article["text"].count("Council Approves Budget") == 1 and "Leave a Reply" in article["removed"]
    assert (tables["attributions"]["speaker"] == "Ana Ruiz").any()

    info = json.loads((out / "run.json").read_text())
    reasons = {item["input"].rsplit("/", 1)[-1]: item["reason"] for item in info["skipped"]}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["image.txt"].startswith("binary file")
    assert reasons["table.csv"].startswith("no text column")
    assert info["counts"]["read"] == info["counts"]["analysed"] + info["counts"]["skipped"] == 4
    assert len(info["input_hashes"]) == 4 and "pandas" in info["versions"]
    for name in ("empty.txt", "image.txt", "table.csv"):
        assert sum(name in line for line in err.splitlines()) == 1


def test_no_clean_keeps_raw_offsets(mixed_inputs, tmp_path, capsys):
    out = tmp_path / "raw"
    assert run(["analyze", mixed_inputs / "herald" / "good.txt", "--out", out, "--no-clean", "--quiet"], capsys)[0] == 0
    articles = pd.read_parquet(out / "articles.parquet")
    sentences = pd.read_parquet(out / "sentences.parquet")
    raw = (mixed_inputs / "herald" / "good.txt").read_text(encoding="utf-8")
    assert articles["text"].iat[0] == raw == articles["raw_text"].iat[0]
    for start, end, text in sentences[["start", "end", "text"]].itertuples(index=False):
        assert raw[start:end] == text


@pytest.mark.parametrize(
    "argv, message",
    [
        (["analyze", "does-not-exist", "--out", "x"], "no such file"),
        (["analyze"], "required"),
        (["frobnicate"], "invalid choice"),
        (["analyze", ".", "--out", "x", "--workers", "0"], "--workers"),
    ],
)
def test_bad_usage_exits_2_with_one_line(argv, message, capsys):
    code, _, err = run(argv, capsys)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_all_inputs_unusable_exits_2(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, _, err = run(["analyze", tmp_path / "empty.txt", "--out", tmp_path / "o", "--quiet"], capsys)
    assert code == 2 and "no usable input" in err
    info = json.loads((tmp_path / "o" / "run.json").read_text())  # always written (issue 10)
    assert info["counts"] == {"read": 1, "analysed": 0, "skipped": 1, "duplicates": 0, "reused": 0}
    assert pd.read_parquet(tmp_path / "o" / "articles.parquet").empty


def test_help_for_every_command(capsys):
    for argv in (["--help"], ["analyze", "--help"], ["report", "--help"], ["evaluate", "attributions", "--help"],
                 ["evaluate", "crossval", "--help"], ["evaluate", "sentiment", "--help"],
                 ["train-attributions", "--help"]):
        with pytest.raises(SystemExit) as exit_info:
            cli.main(argv)
        assert exit_info.value.code == 0
        assert "usage:" in capsys.readouterr().out


def test_output_folder_problems_are_one_line(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Title\n\nOfficials said it rained.\n", encoding="utf-8")
    (tmp_path / "afile").write_text("x")
    for out, message in ((tmp_path / "afile", "not a folder"), (tmp_path / "afile" / "sub", "error"),
                         (tmp_path / "in" / "out", "inside INPUT")):
        code, _, err = run(["analyze", tmp_path / "in", "--out", out, "--quiet"], capsys)
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err


def test_unknown_column_field_is_refused(tmp_path, capsys):
    (tmp_path / "a.csv").write_text("body\nText.\n", encoding="utf-8")
    code, _, err = run(["analyze", tmp_path / "a.csv", "--out", tmp_path / "o", "--column", "bdy=body"], capsys)
    assert code == 2 and "unknown field 'bdy'" in err


def test_rerun_does_not_read_its_own_output_and_counts_reconcile(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\n\nOfficials said it rained.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("path,outlet\na.txt,Herald\n", encoding="utf-8")
    assert run(["analyze", folder, folder / "a.txt", "--out", tmp_path / "out", "--quiet"], capsys)[0] == 0
    info = json.loads((tmp_path / "out" / "run.json").read_text())
    assert info["counts"]["analysed"] == 1  # the same file given twice is read once
    assert str(folder / "metadata.csv") in info["files_read"] and str(folder / "metadata.csv") in info["input_hashes"]
    # an analysed folder laid among the inputs is recognised, not read as articles
    assert run(["analyze", tmp_path, "--out", tmp_path.parent / f"{tmp_path.name}-out2", "--quiet"], capsys)[0] == 0
    info = json.loads((tmp_path.parent / f"{tmp_path.name}-out2" / "run.json").read_text())
    assert info["counts"]["analysed"] == 1
    assert any("newsaudit output" in item["reason"] for item in info["skipped"])
    assert info["counts"]["read"] == info["counts"]["analysed"] + info["counts"]["skipped"]


def test_empty_tables_keep_their_types(tmp_path, capsys):
    (tmp_path / "calm.txt").write_text("Calm Day\n\nThe sun shone over the harbour.\n", encoding="utf-8")
    assert run(["analyze", tmp_path / "calm.txt", "--out", tmp_path / "o", "--quiet"], capsys)[0] == 0
    hedges = pd.read_parquet(tmp_path / "o" / "hedges.parquet")
    attributions = pd.read_parquet(tmp_path / "o" / "attributions.parquet")
    assert hedges.empty and attributions.empty
    assert str(hedges["sentence_id"].dtype) == "int64"
    assert str(attributions["named"].dtype) == "bool" and str(attributions["source_start"].dtype) == "Int64"


def test_building_the_parser_imports_nothing_heavy():
    """`newsaudit --help` stays fast: the parser is built without pandas, matplotlib, papermill or
    nbconvert; each command imports what it needs when it runs."""
    import subprocess
    import sys

    script = ("import json, sys\nimport newsaudit.cli\nnewsaudit.cli.build_parser()\n"
              "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                           check=True).stdout))
    heavy = {"pandas", "numpy", "matplotlib", "pyarrow", "papermill", "nbconvert", "nbformat", "jupyter_client",
             "yaml", "tqdm", "nltk"}
    assert loaded & heavy == set()
