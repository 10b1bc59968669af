"""Every path the project uses, in one place.

The project root is found from this file's location, so paths work from notebooks (whose working
directory is `notebooks/`), from the CLI and from tests alike.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]

DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
RAW_DIR = DATA_DIR / "raw"
INTERIM_DIR = DATA_DIR / "interim"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
MODELS_DIR = PACKAGE_DIR / "models"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

# Read-only research data laid beside the project (never committed); NEWSAUDIT_SHARED overrides.
SHARED_DATA_DIR = Path(os.environ.get("NEWSAUDIT_SHARED", PROJECT_ROOT.parent / "shared" / "data"))
SEED_ARTICLE = SHARED_DATA_DIR / "seed" / "kim-putin-armored-train.txt"
POLNEAR_DIR = SHARED_DATA_DIR / "polnear"
VADER_GT_DIR = SHARED_DATA_DIR / "vader"
BBC_DIR = SHARED_DATA_DIR / "bbc"

ATTRIBUTION_MODEL = MODELS_DIR / "attributions.crfsuite"
