"""Names from the data (speakers, outlets) are drawn as written, `$` included."""

from __future__ import annotations

import io

from newsaudit import plots, views

from tests.report_fixture import make_tables


HOSTILE_NAME = r"Cost $\undefinedcmd$ Inc"


def test_dollar_signs_in_speakers_and_outlets_are_not_math():
    tables = make_tables()
    tables["attributions"]["speaker"] = HOSTILE_NAME
    tables["articles"]["outlet"] = HOSTILE_NAME
    speakers = views.top_speakers(tables)
    shares = views.source_type_shares(tables)
    for figure in (plots.top_speakers(speakers), plots.source_type_shares(shares)):
        figure.savefig(io.BytesIO(), format="png")  # used to raise ParseFatalException
        (ax,) = figure.axes
        shown = [label for label in ax.get_yticklabels() if label.get_text()]
        assert shown and all(label._preprocess_math(label.get_text()) == (HOSTILE_NAME, False) for label in shown)
