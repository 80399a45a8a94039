"""The ``pattern`` detector: words of a provision that match the standard's phrases."""

from __future__ import annotations

from dataclasses import dataclass

from checker.detectors.base import DraftContext, Hit, Match, Unit
from checker.detectors.conditions import Conditions
from checker.detectors.phrases import describe
from checker.nlp.modality import describe as describe_modality
from checker.nlp.modality import modalities_in
from standards.model import PatternDetector, Standard


@dataclass
class CompiledPattern:
    """A pattern detector ready to run over one language's drafts."""

    standard_id: str
    name: str
    spec: PatternDetector
    match_keys: list[tuple[str, str]]  # (matcher key, description)
    conditions: Conditions

    def run(self, context: DraftContext) -> list[Hit]:
        """One hit per unit where a ``match`` phrase occurs and the conditions hold."""
        hits: list[Hit] = []
        for unit in context.units:
            if unit.is_preamble and not self.spec.include_preamble:
                continue
            if self.spec.where == "definitions" and not unit.is_definition:
                continue
            if self.spec.where == "operative" and unit.is_definition:
                continue
            primary = [(m, d) for key, d in self.match_keys for m in context.matches.in_unit(key, unit)]
            if not primary:
                continue
            primary.sort(key=lambda item: item[0].start)
            if self.conditions.scope == "sentence":
                primary = [(m, d) for m, d in primary if self.conditions.evaluate(context, unit, m)[0]]
                if not primary:
                    continue
            modality_step = None
            if self.spec.modality or self.spec.actor:
                kept = []
                for m, d in primary:
                    found = clause_modality(context, unit, m, self.spec.modality, self.spec.actor)
                    if found is not None:
                        kept.append((m, d))
                        modality_step = modality_step or found
                primary = kept
                if not primary:
                    continue
            passed, context_matches, condition_steps = self.conditions.evaluate(context, unit, primary[0][0])
            if not passed:
                continue
            # the finding is about the most specific provision holding the matched words
            owners = [unit.owner(m.start, m.end) for m, _ in primary]
            depth = {p.eid: i for i, p in enumerate(unit.chain)}
            provision = max((o for o in owners if o is not None), key=lambda p: depth.get(p.eid, -1))
            first, description = primary[0]
            steps = [
                f"{context.label_of(first.start)} says “{context.quote(first.start, first.end)}”, "
                f"which matches the rule {description}."
            ]
            steps += condition_steps
            if modality_step:
                steps.append(modality_step)
            steps.append(self.spec.explanation.strip())
            hits.append(
                Hit(
                    standard_id=self.standard_id,
                    detector=self.name,
                    provision=provision,
                    spans=[(m.start, m.end) for m, _ in primary],
                    context_spans=[(m.start, m.end) for m in context_matches],
                    steps=steps,
                    confidence=self.spec.confidence,
                )
            )
        return hits


def clause_pieces(context: DraftContext, unit: Unit, match: Match) -> list[tuple[int, int]]:
    """The clause of ``match`` in ``unit``: ``(start, end)`` ranges of the draft, in order.

    The clause is the sentence or list item holding the matched words, with what governs it:
    the items before it on a list written inline ("are prohibited: a) ...; b) ..."), up to the
    lead-in ending in a colon, and the last sentence of each ancestor's own text in the unit
    ("2. The organiser shall:" for its subparagraph "3) wear the distinguishing sign").
    """
    text = context.draft.text
    lo, hi = context.sentence_of(match.start, match.end)
    for segment in unit.segments:
        if segment.start <= match.start and match.end <= segment.end:
            lo, hi = max(lo, segment.start), min(hi, segment.end)
    pieces = [(lo, hi)]
    # walk back over the items of a list to the lead-in that ends in a colon
    for _ in range(50):
        if lo <= 0:
            break
        before = text[max(0, lo - 200) : lo].rstrip()
        if before.endswith(":"):
            lead = context.sentence_of(lo - 1, lo - 1)
            if unit.contains(lead[0], lead[0]):
                pieces.append(lead)
            break
        if not before.endswith(";"):
            break
        previous = context.sentence_of(lo - 1, lo - 1)
        if previous[0] >= lo or not unit.contains(previous[0], previous[0]):
            break
        lo = previous[0]
    # the lead-in of each ancestor ("2. The organiser shall:") governs its subparagraphs
    owner = unit.owner(match.start, match.end)
    for segment in unit.segments:
        if segment.provision is owner or segment.end > match.start:
            continue
        if not text[segment.start : segment.end].rstrip().endswith(":"):
            continue
        end = segment.start + len(text[segment.start : segment.end].rstrip())
        last = context.sentence_of(end - 1, end - 1)
        pieces.append((max(last[0], segment.start), end))
    return sorted(set(pieces))


def clause_modality(
    context: DraftContext, unit: Unit, match: Match, kinds: list[str], actors: list[str]
) -> str | None:
    """An explanation step when the clause of ``match`` states a modality of one of ``kinds``
    borne by one of ``actors`` (an empty list allows any), else None."""
    pieces = clause_pieces(context, unit, match)
    for modality in modalities_in(context.draft.text, pieces, context.draft.language):
        if kinds and modality.kind not in kinds:
            continue
        if actors and modality.actor not in actors:
            continue
        return f"The clause of these words states {describe_modality(modality)}."
    return None


def build(standard: Standard, spec: PatternDetector, book) -> CompiledPattern:
    """Register ``spec``'s phrases in ``book`` (a PhraseBook) and return the runnable detector."""
    prefix = f"{standard.id}/{spec.id}"
    keys = [(book.add(f"{prefix}/match/{i}", phrase), describe(phrase)) for i, phrase in enumerate(spec.match)]
    conditions = Conditions.register(book, prefix, spec.with_, spec.without, spec.scope)
    return CompiledPattern(standard.id, f"pattern:{spec.id}", spec, keys, conditions)
