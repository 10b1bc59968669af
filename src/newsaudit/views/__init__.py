"""What the report notebooks show, besides figures (those are in newsaudit.plots): loading and
choosing the analysed tables (load.py), and shaping them for a reader, as escaped HTML blocks and
tables (markup.py), for the article report (article.py) and the corpus report (corpus.py).

    from newsaudit import views
    tables = views.load_article(data_dir, article_id)
    display(views.table(views.attribution_table(tables["attributions"])))
"""

from __future__ import annotations

from .article import (article_summary, article_text, attribution_table, entity_tone_tables, hedge_table,
                      removed_text, source_type_counts)
from .corpus import (article_list, comparison_table, comparison_tables, corpus_summary, cue_table, gender_table,
                     group_label, outlet_table, source_type_shares, top_speakers, trends)
from .load import (filter_corpus, first_article_id, load_article, load_tables, table_columns,
                   without_duplicates)
from .markup import HTML, heading, paragraph, percent, rounded, shorten, source_label, table

__all__ = [
    "HTML", "article_list", "article_summary", "article_text", "attribution_table", "comparison_table",
    "comparison_tables", "corpus_summary", "cue_table", "entity_tone_tables", "filter_corpus", "first_article_id",
    "gender_table", "group_label", "heading", "hedge_table", "load_article", "load_tables", "outlet_table",
    "paragraph", "percent", "removed_text", "rounded", "shorten", "source_label", "source_type_counts", "source_type_shares", "table",
    "table_columns", "top_speakers", "trends", "without_duplicates",
]
