"""`newsaudit report`: the report notebooks rendered in batch, as HTML (and PDF), with an index.

INPUT is raw articles (analysed into DIR/data/ first, and reused while the inputs do not change)
or one folder of analysed tables (it holds a run.json). The corpus overview
(notebooks/11_corpus_report.ipynb) is always rendered, plus one report per article
(10_article_report.ipynb) or per outlet (11 again, with `outlet` set). One module per step:

    command.py       the command's arguments, and running it
    parameters.py    notebook parameters: declared, given (-p, -f), checked, injected safely
    plan.py          which reports, from which tables, under which names; the key of each
    runner.py        the batch: unchanged reports kept, the rest to a pool of workers, progress
    worker.py        one report in a worker: execute, export, write, timings
    kernels.py       warm kernels kept across notebooks (kernel_state.py runs inside them)
    engine.py        the papermill engine `newsaudit-warm` (a papermill entry point)
    html.py          executed notebook -> self-contained HTML page with a provenance footer
    pdf.py           HTML -> PDF through one headless Chromium per worker (chromium.py)
    manifest.py      manifest.json and index.html

A report that fails does not stop the batch: its executed notebook (with the error) is kept, and
index.html, manifest.json and the exit status (1) say which failed and why. A rerun skips reports
whose inputs, notebook, code and parameters are unchanged. Every file is written atomically.
Importing this package imports none of its modules.
"""
