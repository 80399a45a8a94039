"""Sentences of a text without recognisable structure.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed
by white space, and at every line break; it does not end after a common abbreviation
(``Art.``, ``No.``, ``para.``, ``e.g.``, ``ст.``, ``п.``, ``т.е.``, ``г.`` ...), an initial
(``A. Smith``) or a number's dot inside a date or list (``1.``). The rules live in
:mod:`checker.nlp.sentences`, shared with the engine and the spaCy pipelines.
"""

from __future__ import annotations

from checker.models import Language
from checker.nlp.sentences import sentence_spans


def split_sentences(text: str, lang: Language | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``, trimmed of surrounding white space.

    Offsets are Python string indices into ``text`` (end exclusive); empty stretches are left
    out. ``lang`` ("en" or "ru") narrows the abbreviations to that language's; None reads both.
    """
    return sentence_spans(text, lang)
