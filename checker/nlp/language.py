"""Telling English from Russian drafts."""

from __future__ import annotations

from checker.errors import InputError
from checker.models import Language

LANGUAGES: tuple[Language, ...] = ("en", "ru")


def detect_language(text: str) -> Language:
    """Return "ru" when Cyrillic letters outnumber Latin ones in ``text``, else "en".

    Script alone separates the two languages rightscheck checks. Raises :class:`InputError`
    when the text has no letters at all.
    """
    cyrillic = latin = 0
    for ch in text[:200_000]:
        if "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
        elif ("a" <= ch <= "z") or ("A" <= ch <= "Z"):
            latin += 1
    if cyrillic == 0 and latin == 0:
        raise InputError("the draft contains no letters to check", "accepted: English or Russian text")
    return "ru" if cyrillic > latin else "en"


def validate_language(lang: str) -> Language:
    """Check a user-given language code; raises :class:`InputError` for anything but en/ru."""
    if lang not in LANGUAGES:
        raise InputError(f"unsupported language {lang!r}", "accepted: auto, en, ru")
    return lang  # type: ignore[return-value]
