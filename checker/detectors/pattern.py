"""The ``pattern`` detector: words of a provision that match the standard's phrases."""

from __future__ import annotations

from dataclasses import dataclass

from checker.detectors.base import DraftContext, Hit
from checker.detectors.conditions import Conditions
from checker.detectors.phrases import describe
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


def build(standard: Standard, spec: PatternDetector, book) -> CompiledPattern:
    """Register ``spec``'s phrases in ``book`` (a PhraseBook) and return the runnable detector."""
    prefix = f"{standard.id}/{spec.id}"
    keys = [(book.add(f"{prefix}/match/{i}", phrase), describe(phrase)) for i, phrase in enumerate(spec.match)]
    conditions = Conditions.register(book, prefix, spec.with_, spec.without, spec.scope)
    return CompiledPattern(standard.id, f"pattern:{spec.id}", spec, keys, conditions)
