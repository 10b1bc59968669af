"""Fixture regression: the embedded sample gives the committed tables (make fixtures rewrites them)."""

import pandas as pd
import pytest

from tests.fixtures.regenerate import FIXTURES, expected_tables


@pytest.fixture(scope="module")
def current():
    return expected_tables()


@pytest.mark.parametrize("name", ["sample_article_stats.csv", "sample_attributions.csv", "sample_removed.csv"])
def test_sample_tables_match_fixtures(current, name):
    tables, _ = current
    expected = pd.read_csv(FIXTURES / name, keep_default_na=False, na_values=[""])
    actual = pd.read_csv(pd.io.common.StringIO(tables[name].to_csv(index=False)), keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, atol=1e-6)


def test_sample_counts_reconcile(current):
    _, run_info = current
    counts = run_info["counts"]
    assert counts == {"read": 12, "analysed": 12, "skipped": 0, "duplicates": 0}
