"""Detector kinds: the tests a standard can carry.

* ``pattern`` — words that match in a provision, with conditions (:mod:`.pattern`);
* ``quantity`` — a predicate on an extracted quantity (:mod:`.quantity`);
* ``absence`` — a safeguard the whole draft lacks (:mod:`.absence`);
* ``similarity`` — closeness to the standard's own example clauses (:mod:`.similarity`).

A new kind is a module here with a ``build(standard, spec, book)`` function, registered in
:data:`BUILDERS` under the ``kind`` name its YAML uses.
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language as SpacyLanguage
from spacy.matcher import Matcher

from checker.detectors.base import CompiledDetector, DraftContext, Hit, Match, MatchIndex, Unit
from checker.detectors.matching import PhraseIndex, compile_items
from checker.detectors.phrases import PhraseError, compile_phrases
from checker.models import Language


class PhraseBook:
    """All phrases of all detectors of one language, matched over a draft in one pass.

    Detectors register phrases under keys; :meth:`match` returns every match of a Doc as
    :class:`Match` objects with character offsets. Phrases in the rule syntax go to a
    first-word index (:mod:`checker.detectors.matching`); raw spaCy token patterns go to a
    spaCy Matcher. ``example_space`` (an :class:`~checker.detectors.similarity.ExampleSpace`,
    or None) holds the examples of all standards for detectors that compare provisions with them.
    """

    def __init__(self, nlp: SpacyLanguage, lang: Language, example_space=None) -> None:
        self.nlp = nlp
        self.lang = lang
        self.example_space = example_space
        self.index = PhraseIndex()
        self.matcher = Matcher(nlp.vocab, validate=True)
        self._matcher_used = False
        self.phrases: dict[str, object] = {}

    def add(self, key: str, phrase: str | list[dict]) -> str:
        """Register ``phrase`` under ``key``; returns the key. Raises PhraseError."""
        for pattern in compile_phrases(phrase, self.nlp, self.lang):
            items = compile_items(pattern)
            if items is not None:
                self.index.add(key, items)
                continue
            try:
                self.matcher.add(key, [pattern], greedy="LONGEST")
            except ValueError as exc:  # spaCy's own pattern validation
                raise PhraseError(f"invalid token pattern for {phrase!r}: {exc}") from None
            self._matcher_used = True
        self.phrases[key] = phrase
        return key

    def match(self, doc) -> list[Match]:
        """Every registered phrase found in ``doc`` (a Doc of this book's pipeline)."""
        found = [
            Match(key, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
            for key, start, end in self.index.match(doc)
        ]
        if self._matcher_used:
            strings = self.nlp.vocab.strings
            for match_id, start, end in self.matcher(doc):
                span = doc[start:end]
                found.append(Match(strings[match_id], span.start_char, span.end_char))
        return found


def _builders() -> dict[str, Callable]:
    from checker.detectors import absence, pattern, quantity, similarity

    return {
        "pattern": pattern.build,
        "quantity": quantity.build,
        "absence": absence.build,
        "similarity": similarity.build,
    }


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
