"""Lines of a draft and what each one starts with.

A draft's structure is line based: every line (text between two ``"\\n"``) is one candidate
heading or numbered item. :func:`split_lines` cuts the text into :class:`Line` objects whose
offsets point into the unchanged text; :func:`classify_post_soviet` and :func:`classify_uk`
recognise the markers of the two drafting conventions rightscheck reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

#: Characters allowed before a line's content (indentation, BOM, non-breaking spaces).
INDENT = " \t\u00a0\u2007\u202f\u3000\ufeff\r"
#: Dashes that may separate a number from a heading or introduce a list item.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"

_WS = r"[ \t\u00a0\u2007\u202f]"
_SEP = rf"(?:{_WS}*[.:)]{_WS}*[\u2013\u2014-]?|{_WS}*[\u2013\u2014]|{_WS}+-(?={_WS}))"
_NUM = r"\d{1,4}(?:[-\u2010\u2011]\d{1,4})*(?:\.\d{1,3})*"
_ROMAN_UPPER = r"[IVXLC]{1,7}"

_ARTICLE = re.compile(rf"^(?P<word>Article|ARTICLE|Art\.|ART\.|Статья|СТАТЬЯ|Ст\.){_WS}*(?P<num>{_NUM})(?P<rest>.*)$")
_CHAPTER = re.compile(rf"^(?P<word>Chapter|CHAPTER|Глава|ГЛАВА){_WS}+(?P<num>{_NUM}|{_ROMAN_UPPER})\b(?P<rest>.*)$")
_GROUP = re.compile(
    rf"^(?P<word>Part|PART|Раздел|РАЗДЕЛ|Section|SECTION){_WS}+(?P<num>{_NUM}|{_ROMAN_UPPER})\b(?P<rest>.*)$"
)
_SCHEDULE = re.compile(rf"^(?P<word>Schedule|SCHEDULE)(?:{_WS}+(?P<num>\d{{1,3}}[A-Z]?))?\b(?P<rest>.*)$")

_PARA = re.compile(
    rf"^(?:(?P<num>\d{{1,3}}(?:[-\u2010\u2011]\d{{1,3}})?)\.(?!\d)|(?P<dotted>\d{{1,3}}(?:\.\d{{1,3}})+)\.?(?={_WS}))"
    rf"{_WS}*(?P<rest>.*)$"
)
_SUBPARA = re.compile(
    rf"^(?:\((?P<n1>\d{{1,3}}(?:[-\u2010\u2011]\d{{1,3}})?)\)|(?P<n2>\d{{1,3}}(?:[-\u2010\u2011]\d{{1,3}})?)\)){_WS}*(?P<rest>.*)$"
)
_POINT = re.compile(rf"^(?:\((?P<l1>[a-zа-яё])\)|(?P<l2>[a-zа-яё])\)){_WS}+(?P<rest>.*)$")

_UK_SECTION_WORD = re.compile(rf"^(?P<word>Section|SECTION){_WS}+(?P<num>\d{{1,4}}[A-Z]{{0,2}})\b(?P<rest>.*)$")
_UK_SECTION_BARE = re.compile(
    rf"^(?P<num>\d{{1,4}}[A-Z]{{0,2}})(?P<sep>\.{_WS}*[\u2013\u2014-]?|{_WS}*[\u2013\u2014]|(?={_WS})){_WS}*(?P<rest>\S.*)$"
)
_UK_PART = re.compile(rf"^(?P<word>Part|PART){_WS}+(?P<num>\d{{1,3}}[A-Z]?|{_ROMAN_UPPER})\b(?P<rest>.*)$")
_UK_SUBSECTION = re.compile(rf"^\((?P<num>\d{{1,3}}[A-Z]{{0,2}})\){_WS}*(?P<rest>.*)$")
_UK_LETTERED = re.compile(rf"^\((?P<num>[a-z]{{1,6}})\){_WS}*(?P<rest>.*)$")
_INLINE_SUBSECTION = re.compile(rf"^\((?P<num>\d{{1,3}}[A-Z]{{0,2}})\)")

_ROMAN = re.compile(r"^(?=[ivxlc])(?:c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
_SEPARATOR_ONLY = re.compile(rf"^{_SEP}{_WS}*(?P<heading>.*)$")


@dataclass
class Line:
    """One line of the draft.

    ``start``/``end`` bound the line's content (indentation and trailing whitespace left
    out), so ``text[start:end]`` is what a reader sees. ``kind`` is what the line starts with:
    ``blank``, ``text`` or a marker kind (``chapter``, ``group``, ``schedule``, ``article``,
    ``section``, ``para``, ``subpara``, ``point``, ``subsec``, ``lettered``); ``num`` the
    marker's number as written; ``heading`` the heading written after an article, chapter,
    part or section number; ``explicit`` is True when the heading word ("Section") is written.
    ``inline`` holds ``(num, offset)`` of a subsection opened on the section's own line
    ("3.—(1) The police may ...").
    """

    index: int
    start: int
    end: int
    text: str
    kind: str = "text"
    num: str | None = None
    heading: str | None = None
    explicit: bool = False
    inline: tuple[str, int] | None = None

    @property
    def blank(self) -> bool:
        """True for an empty or whitespace-only line."""
        return self.kind == "blank"


def split_lines(text: str) -> list[Line]:
    """Cut ``text`` at ``"\\n"`` into :class:`Line` objects of kind ``text`` or ``blank``."""
    lines: list[Line] = []
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        lead = len(raw) - len(raw.lstrip(INDENT))
        body = raw.strip(INDENT + "\n\x0b\x0c\u2028\u2029")
        start = offset + lead
        end = start + len(body)
        kind = "text" if body else "blank"
        lines.append(Line(index=index, start=start, end=end if body else start, text=body, kind=kind))
        offset += len(raw) + 1
    return lines


def heading_like(candidate: str, max_words: int = 20) -> bool:
    """Whether ``candidate`` reads as a heading: short, and not ending like a sentence or item."""
    stripped = candidate.strip(INDENT)
    if not stripped or len(stripped.split()) > max_words:
        return False
    if stripped[-1] in ".;:,":
        return False
    first = stripped[0]
    return not first.islower()


def _drop_list_dash(line: Line) -> Line:
    """A line such as ``"— 1) ..."``: move its start past the leading dash."""
    if line.text and line.text[0] in DASHES:
        rest = line.text[1:].lstrip(INDENT)
        if rest and (rest[0].isdigit() or rest[0] == "(" or (len(rest) > 1 and rest[1] == ")")):
            shift = len(line.text) - len(rest)
            return replace(line, start=line.start + shift, text=rest)
    return line


def _heading_after_number(rest: str, *, loose_ok: bool = True) -> tuple[bool, str | None]:
    """Read what follows a heading number. Returns ``(is_heading_line, heading or None)``.

    ``". Notification"`` / ``" – Notification"`` / ``""`` are heading lines; ``" Notification"``
    is one when it reads as a heading (``loose_ok``); ``" of the Constitution"`` is not.
    """
    if not rest.strip(INDENT):
        return True, None
    sep = _SEPARATOR_ONLY.match(rest)
    if sep:
        heading = sep.group("heading").strip(INDENT).rstrip(".").strip(INDENT)
        return True, heading or None
    if loose_ok and rest[0] in INDENT and heading_like(rest):
        return True, rest.strip(INDENT)
    return False, None


def classify_post_soviet(line: Line) -> Line:
    """Mark a line's kind under the post-Soviet convention.

    Headings: ``Chapter``/``Глава`` (chapter), ``Article``/``Art.``/``Статья``/``Ст.``
    (article), ``Part``/``Section``/``Раздел`` (group of chapters). Items: ``1.`` and ``1.1``
    (para), ``1)`` or ``(1)`` (subpara), ``a)``/``а)`` or ``(a)`` (point).
    """
    if line.blank:
        return line
    for kind, pattern in (("article", _ARTICLE), ("chapter", _CHAPTER), ("group", _GROUP)):
        match = pattern.match(line.text)
        if match:
            ok, heading = _heading_after_number(match.group("rest"))
            if ok:
                return replace(line, kind=kind, num=match.group("num"), heading=heading, explicit=True)
    item = _drop_list_dash(line)
    match = _PARA.match(item.text)
    if match and match.group("rest"):
        return replace(item, kind="para", num=match.group("num") or match.group("dotted"))
    match = _SUBPARA.match(item.text)
    if match:
        return replace(item, kind="subpara", num=match.group("n1") or match.group("n2"))
    match = _POINT.match(item.text)
    if match:
        return replace(item, kind="point", num=match.group("l1") or match.group("l2"))
    return line


def classify_uk(line: Line) -> Line:
    """Mark a line's kind under the United Kingdom convention.

    ``Part 2`` (group), ``Schedule``/``SCHEDULE 1`` (schedule), ``Section 3`` / ``3 Short
    title`` / ``3. Powers of the police`` / ``3.—(1) ...`` (section), ``(1)`` (subsec),
    ``(a)``, ``(i)``, ``(aa)`` (lettered: letter or roman, settled by context when the tree
    is built).
    """
    if line.blank:
        return line
    match = _UK_PART.match(line.text)
    if match:
        ok, heading = _heading_after_number(match.group("rest"))
        if ok:
            return replace(line, kind="group", num=match.group("num"), heading=heading, explicit=True)
    match = _SCHEDULE.match(line.text)
    if match:
        ok, heading = _heading_after_number(match.group("rest"))
        if ok:
            return replace(line, kind="schedule", num=match.group("num"), heading=heading, explicit=True)
    match = _CHAPTER.match(line.text)
    if match:
        ok, heading = _heading_after_number(match.group("rest"))
        if ok:
            return replace(line, kind="chapter", num=match.group("num"), heading=heading, explicit=True)
    match = _UK_SECTION_WORD.match(line.text)
    if match:
        rest = match.group("rest")
        inline = _inline_subsection(line, rest)
        ok, heading = _heading_after_number(rest, loose_ok=True)
        if inline or ok:
            return replace(
                line, kind="section", num=match.group("num"), heading=None if inline else heading,
                explicit=True, inline=inline,
            )
    match = _UK_SECTION_BARE.match(line.text)
    if match:
        rest = match.group("rest")
        inline = _inline_subsection(line, rest)
        if inline:
            return replace(line, kind="section", num=match.group("num"), inline=inline)
        if rest[0].isupper() or rest[0] in "\"“«'":
            if heading_like(rest, max_words=15):
                return replace(line, kind="section", num=match.group("num"), heading=rest.strip(INDENT))
            if "." in match.group("sep"):
                return replace(line, kind="section", num=match.group("num"))
    match = _UK_SUBSECTION.match(line.text)
    if match:
        return replace(line, kind="subsec", num=match.group("num"))
    match = _UK_LETTERED.match(line.text)
    if match:
        return replace(line, kind="lettered", num=match.group("num"))
    return line


def _inline_subsection(line: Line, rest: str) -> tuple[str, int] | None:
    """``(num, offset)`` of a ``(1)`` that opens ``rest`` (after an optional dash), else None."""
    stripped = rest.lstrip(INDENT + ".:" + DASHES)
    match = _INLINE_SUBSECTION.match(stripped)
    if not match:
        return None
    offset = line.end - len(rest) + (len(rest) - len(stripped))
    return match.group("num"), offset


def is_roman(token: str) -> bool:
    """True for a lower-case roman numeral such as ``i``, ``iv``, ``xii``."""
    return bool(token) and bool(_ROMAN.match(token))


def roman_value(token: str) -> int:
    """Value of a lower-case roman numeral (``"iv"`` → 4). Raises ValueError if not one."""
    if not is_roman(token):
        raise ValueError(f"not a roman numeral: {token!r}")
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for index, char in enumerate(token):
        value = values[char]
        if index + 1 < len(token) and values[token[index + 1]] > value:
            total -= value
        else:
            total += value
    return total
