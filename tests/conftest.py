"""Fixtures shared by all tests: the bundled drafts and, when present, the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DRAFTS = REPO / "drafts"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def shared_file(name: str) -> Path:
    """A file of the shared corpus; skips the test when the corpus is not beside the repo."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"shared corpus not available: {path}")
    return path
