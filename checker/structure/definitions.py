"""Terms defined in a draft's definitions article or interpretation section.

The definitions provision is an article or section headed "Basic concepts", "Terms used",
"Definitions", "Interpretation", «Основные понятия», «Понятия, используемые ...», or one whose
opening words announce the terms ("The following basic concepts are used", "In this Act—",
«используются следующие основные понятия»). Each of its items (a line, or lines wrapped
into one) is read as ``term - meaning`` (hyphen, en or em dash between spaces) or
``"term" means meaning``.
"""

from __future__ import annotations

import re

from checker.models import Definition, Provision

_HEADING = re.compile(
    r"basic\s+(?:concepts|terms)|terms\s+used|definitions?|interpretation|meaning\s+of\s+terms|"
    r"concepts\s+used|основные\s+понятия|понятия,?\s+используемые|термины|определени[ея]",
    re.IGNORECASE,
)
_OPENING = re.compile(
    r"following\s+(?:basic\s+)?(?:concepts|terms|definitions)|\bin\s+this\s+(?:law|act)\s*[\u2013\u2014:,-]|"
    r"следующие\s+(?:основные\s+)?(?:понятия|термины)",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"^(?:\(?\d{1,3}(?:[-\u2010\u2011]\d{1,3})?[.)]|\(\d{1,3}[A-Z]{0,2}\)|\(?[a-zа-яё][.)]|\([a-z]{1,6}\))[ \t\u00a0]*"
)
_QUOTED = re.compile(
    r"[\"“«‘'](?P<term>[^\"”»’'\n]{1,120})[\"”»’']\s+"
    r"(?P<verb>means|includes|has\s+the\s+(?:same\s+)?meaning(?:\s+given\s+(?:in|by))?|означает|понимается)\s+"
    r"(?P<meaning>.+)$"
)
_DASH = re.compile(r"[ \t\u00a0]+[-\u2013\u2014][ \t\u00a0]+")
_TRAILING = re.compile(r"(?:[;,.:]|\s)*(?:\b(?:and|or|и|или)\b)?(?:[;,.:]|\s)*$")
_BLOCK_END = re.compile(r"(?:[.;:\u2014\u2013]|[;,]\s*(?:and|or|и|или))$")
_QUOTES = "\"'“”«»‘’ \t\u00a0"
_MAX_TERM_WORDS = 12


def definitions_provisions(provisions: list[Provision], text: str) -> list[Provision]:
    """Articles and sections that hold the draft's definitions, in document order."""
    found: list[Provision] = []
    for provision in _walk(provisions):
        if provision.kind not in ("article", "section"):
            continue
        if provision.heading and _HEADING.search(provision.heading):
            found.append(provision)
            continue
        if _OPENING.search(_opening_lines(provision, text)):
            found.append(provision)
    return found


def extract_definitions(provisions: list[Provision], text: str) -> list[Definition]:
    """Every ``term → meaning`` pair in the definitions provisions.

    ``provision_eid`` is the deepest provision holding the definition; ``start``/``end`` run
    from the term (its opening quote included) to the end of the meaning, trailing ``;``/``.``
    and a closing "and"/"or" left out. A definition wrapped over several lines (as PDF text
    is) is read whole.
    """
    result: list[Definition] = []
    for holder in definitions_provisions(provisions, text):
        first_newline = text.find("\n", holder.start, holder.end)
        if first_newline < 0:
            continue
        for start, end in _blocks(text, first_newline + 1, holder.end):
            flat = text[start:end].replace("\n", " ")  # same length: offsets stay valid
            definition = _read_line(flat, start, holder)
            if definition is not None:
                result.append(definition)
    return result


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of ``text[start:end]`` joined where one only wraps the previous (no marker opens
    it and the previous line does not end with ``.``, ``;`` or ``:``)."""
    blocks: list[tuple[int, int]] = []
    offset = start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip(" \t\u00a0\ufeff\r")
        line_end = offset + len(raw)
        if stripped:
            previous = text[blocks[-1][0]:blocks[-1][1]].rstrip() if blocks else ""
            wraps = bool(previous) and not _BLOCK_END.search(previous) and not _MARKER.match(stripped) \
                and _joined(text, blocks[-1][1], offset)
            if wraps:
                blocks[-1] = (blocks[-1][0], line_end)
            else:
                blocks.append((offset, line_end))
        offset = line_end + 1
    return blocks


def _joined(text: str, previous_end: int, line_start: int) -> bool:
    """True when only one line break (no blank line) separates two lines."""
    return text.count("\n", previous_end, line_start) <= 1


def _read_line(raw: str, offset: int, holder: Provision) -> Definition | None:
    lead = len(raw) - len(raw.lstrip(" \t\u00a0\ufeff"))
    content = raw[lead:]
    marker = _MARKER.match(content)
    body_at = lead + (marker.end() if marker else 0)
    body = raw[body_at:].rstrip()
    if not body:
        return None
    quoted = _QUOTED.search(body)
    if quoted and (quoted.start() == 0 or body[: quoted.start()].rstrip().endswith(("—", "–", "-", ",", ":"))
                   or re.match(r"(?i)in\s+this\s+", body)):
        term = quoted.group("term").strip(_QUOTES)
        meaning_from = quoted.start("meaning") if quoted.group("verb") in ("means", "означает", "понимается") \
            else quoted.start("verb")
        term_from = quoted.start()
    else:
        dash = _DASH.search(body)
        if not dash:
            return None
        term_text = body[: dash.start()]
        if not term_text.strip(_QUOTES) or len(term_text.split()) > _MAX_TERM_WORDS or term_text.rstrip()[-1] in ":;":
            return None
        term = term_text.strip(_QUOTES)
        meaning_from = dash.end()
        term_from = 0
    meaning_raw = body[meaning_from:]
    tail_from = max(0, len(meaning_raw) - 40)
    trailing = _TRAILING.search(meaning_raw, tail_from)
    kept = meaning_raw[: trailing.start()] if trailing else meaning_raw
    meaning = kept.strip()
    if not term or not meaning:
        return None
    start = offset + body_at + term_from
    end = offset + body_at + meaning_from + len(kept.rstrip())
    return Definition(term=term, meaning=meaning, provision_eid=_deepest(holder, start).eid, start=start, end=end)


def _deepest(provision: Provision, offset: int) -> Provision:
    for child in provision.children:
        if child.start <= offset < child.end:
            return _deepest(child, offset)
    return provision


def _opening_lines(provision: Provision, text: str) -> str:
    """The provision's first two non-blank lines: its number and heading line and the one after."""
    lines = [line for line in text[provision.start: provision.end].split("\n", 4) if line.strip()]
    return "\n".join(lines[:2])


def _walk(provisions: list[Provision]):
    for provision in provisions:
        yield from provision.walk()
