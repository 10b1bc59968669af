"""Corpus figures count a duplicated text once."""

from __future__ import annotations

import pandas as pd
import pytest

from newsaudit import views

from tests.report_fixture import make_tables


def test_outlet_table_leaves_duplicates_out_of_every_column():
    tables = make_tables()
    tables["articles"].loc[tables["articles"]["article_id"] == "a3", "duplicate_of"] = "a1"
    table = views.outlet_table(tables).set_index("outlet")
    sentences = tables["sentences"]
    a1 = sentences.loc[sentences["article_id"] == "a1", "compound"]
    assert table.loc["daily", "articles"] == 1
    assert table.loc["daily", "mean sentiment"] == pytest.approx(a1.mean())
    pd.testing.assert_frame_equal(views.outlet_table(tables), views.outlet_table(views.without_duplicates(tables)))
