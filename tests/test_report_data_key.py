"""`newsaudit report` on raw inputs reuses DIR/data only when the same inputs were analysed the same
way: an upgrade of the package or of the attribution model analyses them again."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from newsaudit import export, pipeline
from newsaudit.report import command, plan

from tests.report_fixture import make_tables


@pytest.fixture
def analyses(monkeypatch) -> list[list[Path]]:
    """The analysis stages replaced by the fixture tables; each call is recorded."""
    calls: list[list[Path]] = []

    def analyze_paths(paths, **options):
        calls.append(list(paths))
        return make_tables(), {"inputs": [str(p) for p in paths]}

    def write_tables(tables, run_info, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tables["articles"].to_parquet(folder / "articles.parquet")
        (folder / "run.json").write_text(json.dumps(run_info))

    monkeypatch.setattr(pipeline, "analyze_paths", analyze_paths)
    monkeypatch.setattr(pipeline, "write_tables", write_tables)
    return calls


def analyse(inputs: Path, out: Path, previous: dict) -> str:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    args = parser.parse_args([str(inputs), "--out", str(out), "--quiet"])
    data_dir, key = plan.analysed_data(args, out.resolve(), previous)
    assert data_dir == out.resolve() / "data"
    return key


def test_new_code_or_model_analyses_the_inputs_again(tmp_path, analyses, monkeypatch):
    inputs = tmp_path / "articles"
    inputs.mkdir()
    (inputs / "one.txt").write_text("Officials said the road was closed.\n", encoding="utf-8")
    out = tmp_path / "out"
    first = analyse(inputs, out, {})
    assert analyse(inputs, out, {"data_key": first}) == first
    assert len(analyses) == 1  # same inputs, code and model: reused

    monkeypatch.setattr(export, "code_hash", lambda: "code after an upgrade")
    upgraded = analyse(inputs, out, {"data_key": first})
    assert upgraded != first and len(analyses) == 2

    monkeypatch.setattr(pipeline, "model_fingerprint", lambda: "a retrained model")
    retrained = analyse(inputs, out, {"data_key": upgraded})
    assert retrained not in (first, upgraded) and len(analyses) == 3
