from pathlib import Path

from newsaudit import brat

ANN = """T1\tSource 0 5\tAlice
T2\tCue 6 10\tsaid
T3\tContent 11 20;25 30\tthe plan … later
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tDiscard 40 45\tnoise
"""


def test_parse_ann_ties_roles_and_discontinuous_spans():
    (attribution,) = brat.parse_ann(ANN)
    assert attribution.source == [(0, 5)]
    assert attribution.cue == [(6, 10)]
    assert attribution.content == [(11, 20), (25, 30)]


def test_polnear_layout_uses_first_annotator(tmp_path: Path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text("Alice said the plan failed.", encoding="utf-8")
    (tmp_path / "attributions" / "doc_b.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "doc_a.ann").write_text(ANN, encoding="utf-8")
    (document,) = brat.read_corpus(tmp_path)
    assert document.doc_id == "doc" and document.ann_path.name == "doc_a.ann"
    assert len(document.attributions) == 1


def test_plain_layout(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("Alice said it.\r\nBob too.", encoding="utf-8")
    (tmp_path / "sub" / "x.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "lonely.txt").write_text("no annotations", encoding="utf-8")
    (document,) = brat.read_corpus(tmp_path)
    assert document.doc_id == "sub/x" and "\r\n" in document.text
