"""Telling English, Russian and Kazakh drafts (and blocks of drafts) apart.

English and Russian are told apart by script. Kazakh is also written in Cyrillic, so a
Cyrillic text is read by a statistical detector restricted to Russian and Kazakh (lingua,
offline, its models ship inside the package) — but only when it contains one of the letters
Russian lacks (ә ғ қ ң ө ұ ү һ і), since Kazakh prose cannot do without them. Without lingua
installed, the share of those letters decides alone.

rightscheck checks English and Russian; a draft written in Kazakh is refused with a clear
:class:`InputError`, and the blocks of a mixed draft that are in another language than the
draft's own are counted for the report.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Literal

from checker.errors import InputError
from checker.models import Document, Language

LANGUAGES: tuple[Language, ...] = ("en", "ru")

BlockLanguage = Literal["en", "ru", "kk"]

# letters of the Kazakh alphabet that Russian does not use
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# a block with fewer letters than this is too short to judge by itself ("Article 5", "1)")
SHORT_BLOCK_LETTERS = 20
# without lingua: the share of Kazakh-only letters among Cyrillic ones above which a text is Kazakh
_KAZAKH_SHARE = 0.03
_SAMPLE_CHARS = 200_000



def kazakh_refused() -> InputError:
    """The error for a draft written in Kazakh."""
    return InputError(
        "the draft appears to be in Kazakh, which rightscheck cannot check: its rules read English "
        "and Russian only, and reading Kazakh as Russian would miss every problem",
        "accepted: a draft in English or Russian; check the draft's official Russian version or an "
        "English translation",
    )


def _letters(text: str) -> tuple[int, int, int]:
    """``(latin, cyrillic, kazakh-only)`` letter counts of ``text``."""
    latin = cyrillic = kazakh = 0
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
            if ch in _KAZAKH_LETTERS:
                kazakh += 1
        elif ("a" <= ch <= "z") or ("A" <= ch <= "Z"):
            latin += 1
    return latin, cyrillic, kazakh


@lru_cache(maxsize=1)
def _detector():
    """The lingua detector restricted to English, Russian and Kazakh, or None when not installed."""
    try:
        from lingua import Language as LinguaLanguage
        from lingua import LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a declared dependency
        return None
    return LanguageDetectorBuilder.from_languages(
        LinguaLanguage.ENGLISH, LinguaLanguage.RUSSIAN, LinguaLanguage.KAZAKH
    ).build()


def _cyrillic_language(text: str, cyrillic: int, kazakh: int) -> BlockLanguage:
    """"ru" or "kk" for a Cyrillic text with ``cyrillic`` letters, ``kazakh`` of them Kazakh-only."""
    if kazakh == 0:
        return "ru"
    detector = _detector()
    if detector is None:
        return "kk" if kazakh / cyrillic > _KAZAKH_SHARE else "ru"
    from lingua import Language as LinguaLanguage

    found = detector.detect_language_of(text)
    return "kk" if found == LinguaLanguage.KAZAKH else "ru"


def text_language(text: str) -> BlockLanguage | None:
    """The language of one piece of text ("en", "ru" or "kk"), or None when it has no letters.

    The script with more letters wins (ties go to English); a Cyrillic text is Kazakh when the
    detector says so.
    """
    latin, cyrillic, kazakh = _letters(text)
    if latin == 0 and cyrillic == 0:
        return None
    if latin >= cyrillic:
        return "en"
    return _cyrillic_language(text, cyrillic, kazakh)


def detect_language(text: str) -> Language:
    """The language to check ``text`` in: "en" or "ru".

    The language holding most letters wins: English by Latin letters, Russian or Kazakh by the
    Cyrillic lines each is found in (only the first 200,000 characters are read).

    Raises:
        InputError: the text has no letters, or it is mostly in Kazakh (rightscheck checks
            English and Russian only; see :func:`refuse_kazakh` for a language given by the user).
    """
    sample = text[:_SAMPLE_CHARS]
    latin, cyrillic, kazakh = _letters(sample)
    if cyrillic == 0 and latin == 0:
        raise InputError("the draft contains no letters to check", "accepted: English or Russian text")
    if kazakh == 0:
        return "ru" if cyrillic > latin else "en"
    weight: Counter[str] = Counter({"en": latin})
    for line in sample.split("\n"):
        line_latin, line_cyrillic, line_kazakh = _letters(line)
        if line_cyrillic > line_latin:
            weight[_cyrillic_language(line, line_cyrillic, line_kazakh)] += line_cyrillic
        elif line_cyrillic:
            weight["ru"] += line_cyrillic
    best = max(("en", "ru", "kk"), key=lambda lang: weight[lang])
    if best == "kk":
        raise kazakh_refused()
    return best  # type: ignore[return-value]


def refuse_kazakh(text: str) -> None:
    """Refuse ``text`` when it is mostly Kazakh, even though the user named a language.

    Kazakh read with the Russian rules gives a report without findings that looks clean, so
    naming "ru" (``--lang ru``, ``language``) must not let a Kazakh draft through.

    Raises:
        InputError: (:func:`kazakh_refused`) when :func:`detect_language` finds Kazakh.
    """
    try:
        detect_language(text)
    except InputError as exc:
        if "Kazakh" in exc.message:
            raise


def detect_block_languages(document: Document) -> list[str]:
    """One language code ("en", "ru" or "kk") per item of ``document.blocks``, in order.

    A block with fewer than :data:`SHORT_BLOCK_LETTERS` letters (a heading such as "Article 5",
    a list number, an empty line) takes the language of its neighbours: of the nearest long
    blocks before and after it when they agree, else of the one after it (a heading belongs
    to what follows), else of the one before. When no block is long enough, each block with
    letters is judged by itself and the others take the majority.
    """
    text = document.text
    judged: list[str | None] = []
    for block in document.blocks:
        piece = text[block.start : block.end]
        latin, cyrillic, _ = _letters(piece)
        judged.append(text_language(piece) if latin + cyrillic >= SHORT_BLOCK_LETTERS else None)
    if all(lang is None for lang in judged):
        own = [text_language(text[b.start : b.end]) for b in document.blocks]
        majority = Counter(lang for lang in own if lang).most_common(1)
        fallback = majority[0][0] if majority else "en"
        return [lang or fallback for lang in own]
    after: list[str | None] = [None] * len(judged)
    following: str | None = None
    for i in range(len(judged) - 1, -1, -1):
        after[i] = following
        if judged[i] is not None:
            following = judged[i]
    result: list[str] = []
    before: str | None = None
    for i, lang in enumerate(judged):
        if lang is None:
            if before is not None and before == after[i]:
                lang = before
            else:
                lang = after[i] or before
        else:
            before = lang
        result.append(lang)  # type: ignore[arg-type]
    return result


def mixed(languages: list[str], main: str | None = None) -> bool:
    """Whether ``languages`` (one per block) hold more than one language, or any but ``main``."""
    distinct = set(languages)
    if main is not None:
        return bool(distinct - {main})
    return len(distinct) > 1


def other_language_blocks(languages: list[str], main: str) -> int:
    """How many of ``languages`` (one per block) differ from ``main``."""
    return sum(1 for lang in languages if lang != main)


def validate_language(lang: str) -> Language:
    """Check a user-given language code; raises :class:`InputError` for anything but en/ru."""
    if lang not in LANGUAGES:
        raise InputError(f"unsupported language {lang!r}", "accepted: auto, en, ru")
    return lang  # type: ignore[return-value]
