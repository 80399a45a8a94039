from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.fixture
def shared_corpus() -> Path:
    """The reconstructed sample drafts; tests using it are skipped without /work/shared."""
    if not (CORPUS / "kz-assembly-draft-2020.txt").exists():
        pytest.skip("shared corpus not present")
    return CORPUS
