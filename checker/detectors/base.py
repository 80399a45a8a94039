"""What every detector kind shares: the units it reads, the matches it sees, what it returns.

A *unit* is one checkable provision (a leaf of the draft's tree, or a sentence of an
unstructured text) read together with the lead-in words of its ancestors ("The organiser
shall:" + "2) wear the distinguishing sign ..."), so that a rule sees the obligation and its
object together. Headings are not part of a unit.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable, Protocol

from checker.models import Draft, Provision


@dataclass(frozen=True)
class Segment:
    """A piece of a unit's text: ``[start, end)`` in the draft, owned by ``provision``."""

    start: int
    end: int
    provision: Provision


@dataclass
class Unit:
    """One checkable provision and the text a detector reads for it.

    ``segments`` are in document order: the ancestors' own text first, then the provision's.
    ``chain`` lists the provision's ancestors and itself, root first.
    """

    provision: Provision
    chain: list[Provision]
    segments: list[Segment]
    is_definition: bool = False
    is_preamble: bool = False

    def owner(self, start: int, end: int) -> Provision | None:
        """The provision whose own text contains ``[start, end)``, or None."""
        for segment in self.segments:
            if segment.start <= start and end <= segment.end:
                return segment.provision
        return None

    def clipped(self, start: int, end: int) -> "Unit":
        """This unit restricted to ``[start, end)`` (e.g. one sentence of it)."""
        segments = [
            Segment(max(s.start, start), min(s.end, end), s.provision)
            for s in self.segments
            if s.start < end and start < s.end
        ]
        return Unit(self.provision, self.chain, segments, self.is_definition, self.is_preamble)

    def contains(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one segment of this unit."""
        return self.owner(start, end) is not None


@dataclass(frozen=True)
class Match:
    """A phrase matched in the draft: the key names standard, detector, role and phrase."""

    key: str
    start: int
    end: int


class MatchIndex:
    """The matches of one draft, by key, sorted by start, for fast lookup within a unit."""

    def __init__(self, matches: list[Match]) -> None:
        self._by_key: dict[str, list[Match]] = {}
        for match in sorted(matches, key=lambda m: (m.start, -m.end)):
            self._by_key.setdefault(match.key, []).append(match)
        self._starts = {key: [m.start for m in items] for key, items in self._by_key.items()}

    def in_range(self, key: str, start: int, end: int) -> list[Match]:
        """Matches of ``key`` lying inside ``[start, end)``."""
        items = self._by_key.get(key)
        if not items:
            return []
        lo = bisect.bisect_left(self._starts[key], start)
        hi = bisect.bisect_left(self._starts[key], end)
        return [m for m in items[lo:hi] if m.end <= end]

    def in_unit(self, key: str, unit: Unit) -> list[Match]:
        """Matches of ``key`` lying inside one of ``unit``'s segments, in document order."""
        found: list[Match] = []
        for segment in unit.segments:
            found.extend(self.in_range(key, segment.start, segment.end))
        return found

    def anywhere(self, key: str) -> list[Match]:
        """All matches of ``key`` in the draft."""
        return list(self._by_key.get(key, []))


@dataclass
class Hit:
    """A detector's positive decision, before the engine turns it into a Finding.

    ``spans`` are the primary words ``(start, end)``; ``context_spans`` words that satisfied
    a condition; ``steps`` the explanation in order; ``provision`` None for an absence.
    """

    standard_id: str
    detector: str
    provision: Provision | None
    spans: list[tuple[int, int]]
    steps: list[str]
    confidence: float
    context_spans: list[tuple[int, int]] = field(default_factory=list)
    related_eids: list[str] = field(default_factory=list)
    yields_to_provisions: bool = False  # an absence hit dropped when the standard flags a provision


@dataclass
class DraftContext:
    """Everything a detector may read about the draft being checked."""

    draft: Draft
    units: list[Unit]
    matches: MatchIndex
    quantities: list  # list[checker.nlp.quantities.Quantity], sorted by start
    label_of: Callable[[int], str]  # "Article 9(1)" for a character offset
    sentence_bounds: list[int] = field(default_factory=list)  # sorted offsets where sentences end
    _provisions: dict | None = field(default=None, repr=False)

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the sentence (or list item, or line) holding the given words."""
        i = bisect.bisect_left(self.sentence_bounds, start)
        lo = self.sentence_bounds[i - 1] if i > 0 else 0
        j = bisect.bisect_left(self.sentence_bounds, end)
        hi = self.sentence_bounds[j] if j < len(self.sentence_bounds) else len(self.draft.text)
        return lo, hi

    def quote(self, start: int, end: int) -> str:
        """The draft's words in ``[start, end)``, with runs of white space folded."""
        return " ".join(self.draft.text[start:end].split())

    def referenced_from(self, unit: Unit) -> list[tuple[str, Provision]]:
        """``(referring words, target provision)`` for each provision that ``unit``'s own
        text refers to explicitly ("the offence under subsection (1)", "paragraph 4 of
        Article 4"), in the order of the references; targets missing from the draft are
        left out."""
        if self._provisions is None:
            self._provisions = {p.eid: p for p in self.draft.walk()}
        found: list[tuple[str, Provision]] = []
        for reference in self.draft.cross_references:
            if reference.source_eid != unit.provision.eid:
                continue
            for eid in reference.target_eids:
                target = self._provisions.get(eid)
                if target is not None and target is not unit.provision:
                    found.append((reference.text, target))
        return found


class CompiledDetector(Protocol):
    """A detector of a standard, its phrases registered in the engine's matcher."""

    standard_id: str
    name: str  # "<kind>:<id>"

    def run(self, context: DraftContext) -> list[Hit]:
        """Every hit in the draft."""
        ...
