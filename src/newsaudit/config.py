"""Every path the project uses, in one place.

What the package needs at run time (the notebooks, templates, attribution model and the embedded
sample) lies inside it, so an installed package finds them wherever it runs; in a source checkout
`src/newsaudit/notebooks` and `src/newsaudit/sample` are links to the project's `notebooks/` and
`data/sample/`. The project folders (data, reports, the research data beside the project) are
found from this file's location in a checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]

NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"
SAMPLE_DIR = PACKAGE_DIR / "sample"
MODELS_DIR = PACKAGE_DIR / "models"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
INTERIM_DIR = DATA_DIR / "interim"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"

# Read-only research data laid beside the project (never committed); NEWSAUDIT_SHARED overrides.
SHARED_DATA_DIR = Path(os.environ.get("NEWSAUDIT_SHARED", PROJECT_ROOT.parent / "shared" / "data"))
SEED_ARTICLE = SHARED_DATA_DIR / "seed" / "kim-putin-armored-train.txt"
POLNEAR_DIR = SHARED_DATA_DIR / "polnear"
VADER_GT_DIR = SHARED_DATA_DIR / "vader"
BBC_DIR = SHARED_DATA_DIR / "bbc"

ATTRIBUTION_MODEL = MODELS_DIR / "attributions.crfsuite"
