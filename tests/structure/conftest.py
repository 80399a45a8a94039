"""Fixtures of the structure tests: the sample drafts, parsed once per session."""

from __future__ import annotations

import pytest

from .helpers import bundled_text, corpus_text, parse_text


@pytest.fixture(scope="session")
def kz_en():
    """The reconstructed Kazakhstan draft (English), from the shared corpus."""
    return parse_text(corpus_text("kz-assembly-draft-2020.txt"), "en")


@pytest.fixture(scope="session")
def kz_ru():
    """The reconstructed Kazakhstan draft (Russian twin), from the shared corpus."""
    return parse_text(corpus_text("kz-assembly-draft-2020.ru.txt"), "ru")


@pytest.fixture(scope="session")
def arventa_en():
    """The bundled fictional Arventa draft (English)."""
    return parse_text(bundled_text("arventa-public-events-2024.en.txt"), "en")


@pytest.fixture(scope="session")
def arventa_ru():
    """The bundled fictional Arventa draft (Russian)."""
    return parse_text(bundled_text("arventa-public-events-2024.ru.txt"), "ru")
