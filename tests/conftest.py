import pytest

from newsaudit import config

requires_shared = pytest.mark.skipif(
    not config.SHARED_DATA_DIR.exists(), reason=f"{config.SHARED_DATA_DIR} not present (research data lives beside the project)"
)
requires_seed = pytest.mark.skipif(
    not config.SEED_ARTICLE.exists(), reason=f"seed article {config.SEED_ARTICLE} not present"
)
