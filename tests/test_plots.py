"""The figures of `newsaudit.plots` on tiny inline tables: what each one shows (bars, labels,
colours, titles, the message when there is nothing to draw), and that drawing touches no pyplot
state and no report-side module."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.colors
import matplotlib.patches
import pandas as pd
import pytest

from newsaudit import plots, tone


def _articles(rows: list[tuple]) -> pd.DataFrame:
    """rows: (article_id, outlet or None, text)."""
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "text"])
    frame["published"] = pd.NaT
    frame["source_path"] = None
    return frame


def _bars(ax) -> list:
    return [patch for patch in ax.patches if isinstance(patch, matplotlib.patches.Rectangle)]


def _labels(ax) -> list[str]:
    return [label.get_text() for label in ax.get_yticklabels()]


def test_article_lengths_shows_mean_words_per_outlet_with_unknown_last():
    articles = _articles([
        ("a1", "Daily", "one two"), ("a2", "Daily", "one two three four"),
        ("b1", "Weekly", " ".join(["word"] * 10)), ("c1", None, "five words in this text"),
    ])
    fig = plots.article_lengths(articles)
    (ax,) = fig.axes
    assert ax.get_title(loc="left") == "Article length by outlet"
    assert ax.get_xlabel() == "mean words per article"
    assert _labels(ax) == ["unknown", "Daily", "Weekly"]  # bottom to top: longest on top, unknown at the foot
    assert [bar.get_width() for bar in _bars(ax)] == [5, 3, 10]
    assert sorted(t.get_text().strip() for t in ax.texts) == ["1 article", "1 article", "2 articles"]
    assert matplotlib.colors.to_hex(_bars(ax)[0].get_facecolor()) == plots.OTHER_COLOR


def test_article_lengths_pools_small_outlets_and_draws_nothing_for_no_articles():
    articles = _articles([(f"{outlet}{k}", outlet, "a b c")
                          for outlet, n in (("Big", 3), ("Mid", 2), ("Small", 1), ("Tiny", 1)) for k in range(n)])
    ax = plots.article_lengths(articles, top_n=2).axes[0]
    assert _labels(ax) == ["other", "Big", "Mid"]
    assert "2 articles" in [t.get_text().strip() for t in ax.texts]  # Small and Tiny pooled
    empty = plots.article_lengths(articles.iloc[0:0]).axes[0]
    assert [t.get_text() for t in empty.texts] == ["no articles"] and not _bars(empty)


def test_entity_tone_draws_one_bar_per_entity_from_negative_to_positive():
    mentions = pd.DataFrame({
        "article_id": ["a", "a", "b", "b", "c"],
        "entity": ["Reyes", "Reyes", "Harbour Authority", "Voss", "Voss"],
        "sentence_id": [0, 1, 0, 1, 0],
        "text": ["..."] * 5,
        "compound": [-0.6, -0.4, 0.0, 0.5, 0.7],
    })
    table = tone.entity_tone_overall(mentions)
    assert table["entity"].tolist() == ["Reyes", "Voss", "Harbour Authority"]  # most mentioned first
    assert table.set_index("entity")["articles"].to_dict() == {"Reyes": 1, "Voss": 2, "Harbour Authority": 1}
    fig = plots.entity_tone(table)
    (ax,) = fig.axes
    assert ax.get_title(loc="left") == "Tone of sentences mentioning each entity"
    assert _labels(ax) == ["Reyes (2)", "Harbour Authority (1)", "Voss (2)"]
    bars = _bars(ax)
    assert [round(bar.get_width(), 6) for bar in bars] == [-0.5, 0.0, 0.6]
    colors = [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in bars]
    assert colors == [plots.TONE_COLORS["negative"], plots.TONE_COLORS["neutral"], plots.TONE_COLORS["positive"]]
    assert ax.get_xlim() == (-1, 1)
    assert len(tone.entity_tone_overall(mentions, n=1)) == 1


def test_entity_tone_with_no_mentions_says_so():
    empty = tone.entity_tone_overall(pd.DataFrame(columns=tone.ENTITY_MENTION_COLUMNS))
    ax = plots.entity_tone(empty).axes[0]
    assert [t.get_text() for t in ax.texts] == ["no sentences mention a followed entity"] and not _bars(ax)


@pytest.mark.parametrize("module", ["newsaudit.plots", "newsaudit.stats", "newsaudit.tone"])
def test_figures_and_stats_import_nothing_from_the_report_side(module):
    code = (f"import sys, {module}; "
            "print(sorted(m for m in sys.modules if m.split('.')[-1] in ('views', 'report', 'pyplot')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
