"""The draft's own structure: provisions with eIds, definitions and cross-references.

:func:`parse` turns an ingested :class:`~checker.models.Document` into a
:class:`~checker.models.Draft`: a tree of :class:`~checker.models.Provision` (chapter ›
article › paragraph › subparagraph for post-Soviet drafts in English or Russian; part ›
section › subsection › paragraph › sub-paragraph for United Kingdom style drafts; sentences
when no structure is recognisable), the terms of its definitions article and the references
between its provisions. The text is never altered; every offset points into ``document.text``.

:func:`leaves`, :func:`ancestors` and :func:`find_by_label` help the engine and the reports
walk the result.
"""

from __future__ import annotations

import re

from checker.errors import EmptyDraft, InputError
from checker.models import Document, Draft, Language, Provision

from .definitions import extract_definitions
from .lines import split_lines
from .navigate import ancestors, find_by_label, leaves
from .references import find_cross_references
from .sentences import split_sentences
from .tree import Node, build_tree, detect_convention, to_provisions

__all__ = ["parse", "leaves", "ancestors", "find_by_label"]

_LANGUAGES = ("en", "ru")
_TITLE_OPENING = re.compile(r"^(?:On|About|Concerning|О|Об|Обо)\s+\S", re.I)
_LAW_LINE = re.compile(
    r"^(?:(?:draft\s+)?(?:law|act|code|bill|decree)\b|(?:проект\s+)?(?:закон|кодекс|указ|постановление)\b)", re.I)
_DRAFT_LINE = re.compile(r"^(?:draft|проект)\b\W*$", re.I)
_DANGLING = re.compile(
    r"\s(?:of|in|and|or|the|for|on|to|by|with|a|an|at|в|во|и|или|о|об|на|по|с|со|для|к|от|из|при)$", re.I)
_UK_TITLE = re.compile(r"\b(?:Act|Bill)(?:\s+\d{4})?$")


def parse(document: Document, language: Language) -> Draft:
    """Split ``document`` into provisions.

    Args:
        document: the ingested draft; its ``text`` is kept unchanged as ``Draft.text``.
        language: ``"en"`` or ``"ru"``: the language of ``label_local`` ("Статья 9 пункт 1");
            English and Russian headings are recognised either way.

    Returns:
        a :class:`~checker.models.Draft` with ``structured=True`` and a provision tree when
        articles or sections were recognised, else ``structured=False`` and one provision per
        sentence (``sent_1``, ``sent_2``, ...). ``definitions`` and ``cross_references`` are
        filled from the tree; ``title`` is the law's name when the opening lines show it.

    Raises:
        InputError: ``document`` is not a Document or ``language`` is not "en" or "ru".
        EmptyDraft: the document holds no text.
    """
    if not isinstance(document, Document):
        raise InputError(f"cannot parse a {type(document).__name__}", "a checker.models.Document from ingest")
    if language not in _LANGUAGES:
        raise InputError(f"unsupported draft language {language!r}", "'en' or 'ru'")
    text = document.text
    if not text.replace("\ufeff", "").strip():
        raise EmptyDraft("the draft holds no text", "a draft law with at least one sentence")

    lines = split_lines(text)
    convention = detect_convention(lines)
    if convention is None:
        provisions = _sentences(text, language)
        return Draft(
            title=None, language=language, text=text, provisions=provisions, structured=False,
            cross_references=find_cross_references(provisions, text, language, uk=False), document=document,
        )
    preamble, roots = build_tree(text, lines, convention)
    provisions = to_provisions(preamble, roots, language=language)
    return Draft(
        title=_title(text, preamble, convention),
        language=language,
        text=text,
        provisions=provisions,
        definitions=extract_definitions(provisions, text),
        cross_references=find_cross_references(provisions, text, language, uk=convention == "uk"),
        structured=True,
        document=document,
    )


def _sentences(text: str, language: Language) -> list[Provision]:
    russian = language == "ru"
    return [
        Provision(
            eid=f"sent_{number}", kind="sentence", num=str(number), label=f"Sentence {number}",
            label_local=f"Предложение {number}" if russian else None, start=start, end=end,
        )
        for number, (start, end) in enumerate(split_sentences(text, language), start=1)
    ]


def _title(text: str, preamble: Node | None, convention: str) -> str | None:
    """The law's name from the preamble: the "On ..." / «О ...» line, or the line after "LAW OF ..."."""
    if preamble is None:
        return None
    raw = [line.strip() for line in text[preamble.start:preamble.end].split("\n")]
    for position, line in enumerate(raw):
        if line and _TITLE_OPENING.match(line) and len(line) <= 300 and not line.endswith((".", ";", ":")):
            return _unwrapped(line, raw[position + 1:])
    lines = [line for line in raw if line]
    for position, line in enumerate(lines[:-1]):
        if _LAW_LINE.match(line) and line.upper() == line:
            following = lines[position + 1]
            if len(following) <= 300 and not following.endswith((".", ";", ":")) and not _DRAFT_LINE.match(following):
                return following
    if convention == "uk":
        for line in lines:
            if _UK_TITLE.search(line) and len(line) <= 200:
                return line
    return None


def _unwrapped(title: str, after: list[str]) -> str:
    """``title`` with the lines that only continue it (as a PDF wraps a long name): the next
    lines, with no blank line between, while the title ends with a linking word or the next
    line is a short tail without a full stop."""
    for tail in after:
        if not tail or len(title) >= 300 or _LAW_LINE.match(tail) or _DRAFT_LINE.match(tail):
            break
        short_tail = len(tail.split()) <= 4 and not tail.endswith((".", ";", ":")) and tail.upper() != tail
        if not (_DANGLING.search(title) or short_tail):
            break
        title = f"{title} {tail}"
    return title
