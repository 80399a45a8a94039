"""eIds and people's labels of provisions, in English and Russian.

eIds follow the Akoma Ntoso naming convention: ``<type>_<num>`` components joined by ``__``
(``art_9__para_1__subpara_2``); articles and sections carry no chapter or part prefix.
Numbers are written as in the draft, Cyrillic letters transliterated so that eIds stay ASCII.
"""

from __future__ import annotations

import re

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
_UNSAFE = re.compile(r"[^0-9A-Za-z.\-]+")
_HYPHENS = re.compile(r"[\u2010\u2011\u2012\u2013\u2014]")


def eid_number(num: str) -> str:
    """The eId form of a number as written: ``"9-1"`` → ``"9-1"``, ``"а"`` → ``"a"``, ``"2)"`` → ``"2"``."""
    lowered = _HYPHENS.sub("-", num.strip().strip("()").strip())
    out = "".join(_TRANSLIT.get(ch.lower(), ch) for ch in lowered)
    return _UNSAFE.sub("-", out).strip("-") or "x"


def clean_number(num: str) -> str:
    """The number as a label shows it: brackets and closing parentheses dropped, dashes made ``-``."""
    return _HYPHENS.sub("-", num.strip().strip("()").strip())


#: eId component of each node type.
EID_TYPE = {
    "chapter": "chp",
    "group": "part",
    "schedule": "sched",
    "article": "art",
    "section": "sec",
    "sched_para": "para",
    "para": "para",
    "part": "part",
    "subpara": "subpara",
    "point": "point",
    "subsec": "subsec",
    "letter": "para",
    "roman": "subpara",
}

#: Provision kind of each node type.
PROVISION_KIND = {
    "chapter": "chapter",
    "group": "part",
    "schedule": "part",
    "article": "article",
    "section": "section",
    "sched_para": "paragraph",
    "para": "paragraph",
    "part": "part",
    "subpara": "subparagraph",
    "point": "point",
    "subsec": "subsection",
    "letter": "paragraph",
    "roman": "subparagraph",
}

#: Node types that group articles or sections; their children's eIds carry no prefix.
GROUPS = frozenset({"chapter", "group"})


def root_label(node_type: str, num: str | None) -> tuple[str, str]:
    """``(English label, Russian label)`` of a node that starts a label chain."""
    n = clean_number(num) if num else ""
    english, russian = {
        "chapter": ("Chapter", "Глава"),
        "group": ("Part", "Раздел"),
        "schedule": ("Schedule", "Приложение"),
        "article": ("Article", "Статья"),
        "section": ("Section", "Статья"),
    }[node_type]
    if not n:
        return english, russian
    return f"{english} {n}", f"{russian} {n}"


def child_label(parent: tuple[str, str], node_type: str, num: str) -> tuple[str, str]:
    """Extend a parent's ``(English, Russian)`` labels with one level.

    ``("Article 9", "Статья 9")`` + para ``1`` → ``("Article 9(1)", "Статья 9 пункт 1")``;
    + part ``2`` → ``("Article 5, part 2", "Статья 5 часть 2")``.
    """
    english, russian = parent
    n = clean_number(num)
    if node_type == "part":
        return f"{english}, part {n}", f"{russian} часть {n}"
    if node_type == "sched_para":
        return f"{english}, paragraph {n}", f"{russian} пункт {n}"
    if node_type == "para":
        return f"{english}({n})", f"{russian} пункт {n}"
    if node_type in ("subpara", "point"):
        return f"{english}({n})", f"{russian} подпункт {n}"
    return f"{english}({n})", f"{russian}({n})"
