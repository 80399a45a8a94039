"""Where sentences of legal text end, without being fooled by legal abbreviations.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed
by white space, and at every line break. It does not end

* after an abbreviation: Art., Arts., No., para., paras., cf., e.g., i.e., s., ss., etc.,
  ст., п., пп., ч., т.е., т.д., г., гг., и др. ...;
* after an initial ("A. Smith");
* inside a number ("1.1", "22.00", "12.05.2020": no white space follows their dots);
* after a list number opening a line ("1.", "2.1.", "3)");
* before a word in lower case ("… the akimat, i.e. the local executive body", "p. 5 of").

With ``clauses=True`` a ``;`` or ``:`` followed by white space ends a piece too, so that the
items of a list written on one line ("a) …; b) …") and a lead-in ("The organiser shall:") are
pieces of their own; the engine reads "sentences" in this sense.

The work is linear in the length of the text: only the 40 characters before each full stop
are looked at.
"""

from __future__ import annotations

import re

from checker.models import Language

_EN_ABBREVIATIONS = frozenset(
    {
        "art", "arts", "no", "nos", "para", "paras", "subpara", "subparas", "cf", "e.g", "i.e", "etc",
        "vs", "viz", "ch", "chap", "sec", "secs", "s", "ss", "p", "pp", "mr", "mrs", "ms", "dr", "prof",
        "st", "fig", "vol", "approx", "op", "cit", "ibid", "al", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp",
    }
)
_RU_ABBREVIATIONS = frozenset(
    {
        "ст", "стст", "п", "пп", "ч", "т.е", "т.к", "т.д", "т.п", "т.ч", "т", "г", "гг", "см", "др",
        "проф", "им", "ул", "д", "тыс", "млн", "млрд", "руб", "тенге", "коп", "стр", "рис", "напр",
        "гл", "абз", "подп", "разд", "прил", "ред", "сл", "обл", "р-н", "пр", "мкр", "каз", "англ",
    }
)
# Latin abbreviations occur in Russian drafts too ("No.", "e.g." in quoted titles)
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "en": _EN_ABBREVIATIONS,
    "ru": _RU_ABBREVIATIONS | _EN_ABBREVIATIONS,
}
_ALL_ABBREVIATIONS = _EN_ABBREVIATIONS | _RU_ABBREVIATIONS
# words that abbreviate only before a number: "No. 5", but "Is a permit required? No. The ..."
_BEFORE_NUMBERS = frozenset({"no", "nos"})

_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'»”’)\]]*(?=\s)")
_CLAUSE_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'»”’)\]]*(?=\s)|[;:][\"'»”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_LIST_NUMBER = re.compile(r"^\d+(?:\.\d+)*$")
INDENT = " \t\u00a0\u2007\u202f\u3000\ufeff\r"


def sentence_bounds(text: str, lang: Language | None = None, *, clauses: bool = False) -> list[int]:
    """Sorted character offsets of ``text`` where sentences end.

    Each offset is one past the sentence's last character: past its closing punctuation (and
    quotes), or past a line break. The text's own end is not included.

    Args:
        text: any text; offsets are Python string indices into it.
        lang: "en" or "ru" selects that language's abbreviations; None reads both.
        clauses: also end pieces at ``;`` and ``:`` followed by white space.
    """
    abbreviations = ABBREVIATIONS.get(lang, _ALL_ABBREVIATIONS) if lang else _ALL_ABBREVIATIONS
    boundary = _CLAUSE_BOUNDARY if clauses else _BOUNDARY
    bounds: list[int] = []
    offset = 0
    for line in text.split("\n"):
        for match in boundary.finditer(line):
            if _is_abbreviation(line, match.start(), match.group(), abbreviations):
                continue
            bounds.append(offset + match.end())
        offset += len(line) + 1
        if offset <= len(text):
            bounds.append(offset)
    return bounds


def sentence_spans(text: str, lang: Language | None = None, *, clauses: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, trimmed of surrounding white space.

    End exclusive; stretches holding only white space are left out. Arguments as for
    :func:`sentence_bounds`.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    strip = INDENT + "\n"
    for end in sentence_bounds(text, lang, clauses=clauses) + [len(text)]:
        piece = text[start:end]
        stripped = piece.strip(strip)
        if stripped:
            lead = len(piece) - len(piece.lstrip(strip))
            spans.append((start + lead, start + lead + len(stripped)))
        start = end
    return spans


def _is_abbreviation(line: str, dot: int, punctuation: str, abbreviations: frozenset[str]) -> bool:
    """Whether the punctuation at ``dot`` closes an abbreviation, initial or list number."""
    if not punctuation.startswith(".") or punctuation.startswith(".."):
        return False
    match = _WORD_BEFORE.search(line, max(0, dot - 40), dot)
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    following = line[dot + len(punctuation) : dot + len(punctuation) + 16].lstrip(INDENT)
    if word in _BEFORE_NUMBERS:
        return bool(following) and (following[0].isdigit() or following[0].islower())
    if word in abbreviations:
        return True
    if len(word) == 1 and word.isalpha() and match.group(1)[0].isupper():
        return True  # an initial: "A. Smith"
    if _LIST_NUMBER.match(word) and match.start() <= 40 and not line[: match.start()].strip(INDENT):
        return True  # a list number opening the line: "1. The organiser ...", "2.1. ..."
    return bool(following) and following[0].islower()
