"""Sentences of a text without recognisable structure.

A plain regular-expression splitter: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any
closing quotes or brackets) followed by white space, and at every line break; it does not end
after a common abbreviation (``Art.``, ``No.``, ``para.``, ``e.g.``, ``ст.``, ``п.``, ``т.е.``,
``г.`` ...), an initial (``A. Smith``) or a number's dot inside a date or list (``1.``).
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    {
        "art", "arts", "no", "nos", "para", "paras", "subpara", "cf", "e.g", "i.e", "etc", "vs", "viz",
        "ch", "sec", "s", "ss", "p", "pp", "mr", "mrs", "ms", "dr", "prof", "st", "fig", "vol", "approx",
        "ст", "п", "пп", "ч", "т.е", "т.к", "т.д", "т.п", "г", "гг", "см", "др", "проф", "им", "ул",
        "д", "тыс", "млн", "млрд", "руб", "тенге", "коп", "стр", "рис", "напр", "т", "т.ч", "гл", "абз",
    }
)
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'»”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_INDENT = " \t\u00a0\u2007\u202f\u3000\ufeff\r"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``, trimmed of surrounding white space.

    Offsets are Python string indices into ``text`` (end exclusive); empty stretches are left out.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for raw_line in text.split("\n"):
        cursor = 0
        for match in _BOUNDARY.finditer(raw_line):
            if _is_abbreviation(raw_line, match.start(), match.group()):
                continue
            _add(spans, raw_line, offset, cursor, match.end())
            cursor = match.end()
        _add(spans, raw_line, offset, cursor, len(raw_line))
        offset += len(raw_line) + 1
    return spans


def _is_abbreviation(line: str, dot: int, punctuation: str) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or initial rather than a sentence."""
    if not punctuation.startswith(".") or punctuation.startswith(".."):
        return False
    window = max(0, dot - 40)
    match = _WORD_BEFORE.search(line, window, dot)
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    if word in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and match.group(1)[0].isupper():
        return True  # an initial: "A. Smith"
    following = line[dot + len(punctuation): dot + len(punctuation) + 16].lstrip(_INDENT)
    if word.isdigit() and match.start() <= 40 and not line[: match.start()].strip(_INDENT):
        return True  # a list number opening the line: "1. The organiser ..."
    return bool(following) and following[0].islower()


def _add(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip(_INDENT)
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip(_INDENT))
    spans.append((offset + start + lead, offset + start + lead + len(stripped)))
