"""Terms defined in a draft's definitions article or interpretation section.

The definitions provision is an article or section headed "Basic concepts", "Terms used",
"Definitions", "Interpretation", «Основные понятия», «Понятия, используемые ...», or one whose
opening words announce the terms ("The following basic concepts are used", "In this Act—",
«используются следующие основные понятия»). Each of its lines is read as
``term - meaning`` (hyphen, en or em dash between spaces) or ``"term" means meaning``.
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
    and a closing "and"/"or" left out.
    """
    result: list[Definition] = []
    for holder in definitions_provisions(provisions, text):
        first_newline = text.find("\n", holder.start, holder.end)
        body_start = holder.end if first_newline < 0 else first_newline + 1
        offset = body_start
        for raw in text[body_start:holder.end].split("\n"):
            definition = _read_line(raw, offset, holder)
            if definition is not None:
                result.append(definition)
            offset += len(raw) + 1
    return result


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
    trailing = _TRAILING.search(meaning_raw)
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
