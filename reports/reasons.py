"""Which steps of a finding's explanation a filing report (DOCX, PDF) prints, and in what words.

A finding's ``explanation`` (:attr:`checker.models.Finding.explanation`) is the detector's
decision step by step, for traceability: which rule phrase matched which words, which context
words were required, which exception words were absent, how a quantity was read and compared
with a limit. Those *rule-trail* steps speak of the screening, not of the law, and quote the
rule's phrases in dictionary form ("без организатор"), so a filing report leaves them out and
keeps the *legal reasoning*: the standard's own explanation (with its General Comment
paragraphs), the vague or discretionary terms among the quoted words, where a defined term is
used, and which provisions the provision refers to. The HTML, Markdown and JSON reports keep
every step.

The explanation is a list of sentences with no marker of their kind, so the steps are told
apart by the fixed sentence templates the engine and the detectors write
(``checker/engine.py``, ``checker/detectors/*.py``); a step that fits no template is kept, as
the standards' explanations are free text. ``tests/reports/test_filing_reasons.py`` checks,
over the sample drafts, that every kept step is a standard's explanation, a term step, a
definition step or a cross-reference step, so a new template in the detectors shows up there.
"""

from __future__ import annotations

import re
from typing import Literal

StepKind = Literal["trail", "reason", "definition", "cross_reference"]

_ANY = r".+"
# Rule-trail templates, anchored; "“…”" is the draft's or the rule's words.
_TRAIL = [
    # pattern: "Article 9(1) says “...”, which matches the rule “...”."
    rf"^{_ANY} says “.*”, which matches the rule {_ANY}\.$",
    # conditions: a required context word in the unit, or in a provision it refers to
    r"^The same provision also says “.*” \(required context.*\)\.$",
    rf"^The provision refers to {_ANY}, which says “.*” \(required context.*\)\.$",
    # conditions: no exception phrase occurs
    r"^None of the words that would make the provision acceptable occurs in it \(.*\)\.$",
    # pattern: the clause's modality
    rf"^The clause of these words states {_ANY}\.$",
    # quantity: how the number was read, and the limit it was compared with
    rf"^{_ANY} sets an? {_ANY} quantity: “.*”, read as {_ANY}\.$",
    rf"^The rule flags the (?:length in days|value) {_ANY}; this one does\.$",
    # absence: how often the draft mentions the subject
    rf"^The draft regulates the subject \(\d+ mentions?, the first in {_ANY}\)\.$",
    # similarity: the scores and the caution that goes with them
    rf"^This finding is similarity-based: {_ANY}",
    rf"^The closest example of an acceptable provision, {_ANY}",
    r"^The standard has no example of an acceptable provision to compare with\.$",
    rf"^A closeness of wording is not a conflict by itself: {_ANY}",
]
_TRAIL_RE = [re.compile(p, re.S) for p in _TRAIL]

# absence: "Nowhere does it provide <safeguard>: none of “...”; “...” occurs in the draft."
_SAFEGUARD = re.compile(r"^Nowhere does it provide (?P<what>.+?): none of .* occurs in the draft\.$", re.S)
# engine: "The term “X” defined here is used in Article 2(1), ...: what the definition
# restricts, those provisions restrict too (quoted below as related)."
_DEFINITION = re.compile(
    r"^(?P<head>The term “.+” defined here is used in .+: what the definition restricts, "
    r"those provisions restrict too)(?: \(quoted below as related\))?\.$",
    re.S,
)
# engine: "It refers to Article 4(2) (“paragraph 2 of Article 4”), which is quoted below as related."
_REFERENCE = re.compile(r"^It refers to (?P<target>.+?) \(“(?P<words>.*)”\), which is quoted below as related\.$", re.S)


def step_kind(step: str) -> StepKind:
    """What one explanation step is.

    Returns:
        ``"trail"`` for a rule-trail step (rule matched, required context, absent exceptions,
        modality, quantity reading and limit, subject mentions, similarity scores);
        ``"definition"`` for "The term … defined here is used in …"; ``"cross_reference"`` for
        "It refers to …"; ``"reason"`` for anything else (the standard's explanation, a vague
        or discretionary term, a missing safeguard).
    """
    text = step.strip()
    if any(p.match(text) for p in _TRAIL_RE):
        return "trail"
    if _DEFINITION.match(text):
        return "definition"
    if _REFERENCE.match(text):
        return "cross_reference"
    return "reason"


def filing_reasons(explanation: list[str]) -> list[str]:
    """The legal reasoning of a finding in plain words, for a filing report.

    Args:
        explanation: a finding's steps (:attr:`checker.models.Finding.explanation`).

    Returns:
        The steps in their order without the rule trail (see :func:`step_kind`), each once:
        the missing safeguard of a whole-draft finding as "The draft nowhere provides …";
        the definition step without "(quoted below as related)", as the filing report does
        not quote related provisions; consecutive cross-references merged into one sentence,
        "The provision refers to Article 4(1) (“paragraph 1 of Article 4”) and Article 8
        (“Article 8”)." (targets named by the same words share them). May be empty.
    """
    out: list[str] = []
    references: list[tuple[str, str]] = []

    def flush() -> None:
        if not references:
            return
        groups: dict[str, list[str]] = {}
        for target, words in references:
            groups.setdefault(words, []).append(target)
        parts = [f"{_and(targets)} (“{words}”)" for words, targets in groups.items()]
        sentence = f"The provision refers to {_and(parts)}."
        if sentence not in out:
            out.append(sentence)
        references.clear()

    for step in explanation:
        text = " ".join(step.split())
        if not text:
            continue
        reference = _REFERENCE.match(text)
        if reference:
            references.append((reference["target"], reference["words"]))
            continue
        flush()
        if any(p.match(text) for p in _TRAIL_RE):
            continue
        safeguard = _SAFEGUARD.match(text)
        definition = _DEFINITION.match(text)
        if safeguard:
            text = f"The draft nowhere provides {safeguard['what']}."
        elif definition:
            text = definition["head"] + "."
        if text not in out:
            out.append(text)
    flush()
    return out


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
