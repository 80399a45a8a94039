"""Detector kinds: the tests a standard can carry.

* ``pattern`` — words that match in a provision, with conditions (:mod:`.pattern`);
* ``quantity`` — a predicate on an extracted quantity (:mod:`.quantity`);
* ``absence`` — a safeguard the whole draft lacks (:mod:`.absence`).

A new kind is a module here with a ``build(standard, spec, book)`` function, registered in
:data:`BUILDERS` under the ``kind`` name its YAML uses.
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language as SpacyLanguage
from spacy.matcher import Matcher

from checker.detectors.base import CompiledDetector, DraftContext, Hit, Match, MatchIndex, Unit
from checker.detectors.phrases import PhraseError, compile_phrase
from checker.models import Language


class PhraseBook:
    """All phrases of all detectors of one language, compiled into one spaCy Matcher.

    Detectors register phrases under keys; after :meth:`finish`, :meth:`match` returns
    every match of a Doc as :class:`Match` objects with character offsets.
    """

    def __init__(self, nlp: SpacyLanguage, lang: Language) -> None:
        self.nlp = nlp
        self.lang = lang
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.phrases: dict[str, object] = {}

    def add(self, key: str, phrase: str | list[dict]) -> str:
        """Register ``phrase`` under ``key``; returns the key. Raises PhraseError."""
        pattern = compile_phrase(phrase, self.nlp, self.lang)
        try:
            self.matcher.add(key, [pattern], greedy="LONGEST")
        except ValueError as exc:  # spaCy's own pattern validation
            raise PhraseError(f"invalid token pattern for {phrase!r}: {exc}") from None
        self.phrases[key] = phrase
        return key

    def match(self, doc) -> list[Match]:
        """Every registered phrase found in ``doc`` (a Doc of this book's pipeline)."""
        found: list[Match] = []
        strings = self.nlp.vocab.strings
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            found.append(Match(strings[match_id], span.start_char, span.end_char))
        return found


def _builders() -> dict[str, Callable]:
    from checker.detectors import absence, pattern, quantity

    return {"pattern": pattern.build, "quantity": quantity.build, "absence": absence.build}


BUILDERS = _builders()

__all__ = [
    "BUILDERS",
    "CompiledDetector",
    "DraftContext",
    "Hit",
    "Match",
    "MatchIndex",
    "PhraseBook",
    "PhraseError",
    "Unit",
]
