"""The ``quantity`` detector: a threshold, time limit or penalty compared with a limit."""

from __future__ import annotations

import operator
from dataclasses import dataclass

from checker.detectors.base import DraftContext, Hit, Match
from checker.detectors.conditions import Conditions
from standards.model import QuantityDetector, Standard

_OPS = {"<": operator.lt, "<=": operator.le, "==": operator.eq, ">=": operator.ge, ">": operator.gt}
_UNIT_WORDS = {
    "participant": "participants", "working_day": "working days", "calendar_day": "calendar days",
    "day": "days", "hour": "hours", "week": "weeks", "month": "months", "year": "years",
    "metre": "metres", "kilometre": "kilometres", "mci": "monthly calculation indices",
    "minimum_wage": "minimum wages", "times": "times", "percent": "per cent", "clock": "o'clock",
}


def _anchor(quantity) -> Match:
    return Match("quantity", quantity.start, quantity.end)


def _format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass
class CompiledQuantity:
    """A quantity detector ready to run over one language's drafts."""

    standard_id: str
    name: str
    spec: QuantityDetector
    conditions: Conditions | None  # None: the detector has no context for this language

    def _qualifies(self, quantity) -> bool:
        spec = self.spec
        if quantity.kind != spec.quantity:
            return False
        if spec.units and quantity.unit not in spec.units:
            return False
        if spec.comparators and quantity.comparator not in spec.comparators:
            return False
        if spec.relation and quantity.relation != spec.relation:
            return False
        if spec.condition:
            value = quantity.days if spec.condition.field == "days" else quantity.value
            if value is None or not _OPS[spec.condition.op](value, spec.condition.limit):
                return False
        return True

    def run(self, context: DraftContext) -> list[Hit]:
        """One hit per unit holding a qualifying quantity, when the context conditions hold."""
        if self.conditions is None:
            return []
        hits: list[Hit] = []
        candidates = [q for q in context.quantities if self._qualifies(q)]
        if not candidates:
            return hits
        for unit in context.units:
            if unit.is_preamble and not self.spec.include_preamble:
                continue
            inside = [q for q in candidates if unit.contains(q.start, q.end)]
            if self.conditions.scope == "sentence":
                inside = [q for q in inside if self.conditions.evaluate(context, unit, _anchor(q))[0]]
            if not inside:
                continue
            passed, context_matches, condition_steps = self.conditions.evaluate(context, unit, _anchor(inside[0]))
            if not passed:
                continue
            first = inside[0]
            unit_word = _UNIT_WORDS.get(first.unit, first.unit)
            reading = f"{_format_number(first.value)} {unit_word}"
            if first.comparator != "=":
                reading = f"{first.comparator} {reading}"
            if first.relation:
                reading += f", {first.relation} the event"
            steps = [
                f"{context.label_of(first.start)} sets a {first.kind.replace('_', ' ')} quantity: "
                f"“{context.quote(first.start, first.end)}”, read as {reading}"
                + (f" (about {_format_number(round(first.days, 1))} days)" if first.days is not None and first.unit != "day" else "")
                + "."
            ]
            if self.spec.condition:
                c = self.spec.condition
                what = "the length in days" if c.field == "days" else "the value"
                steps.append(f"The rule flags {what} {c.op} {_format_number(c.limit)}; this one does.")
            steps += condition_steps
            steps.append(self.spec.explanation.strip())
            owner = unit.owner(first.start, first.end) or unit.provision
            hits.append(
                Hit(
                    standard_id=self.standard_id,
                    detector=self.name,
                    provision=owner,
                    spans=[(q.start, q.end) for q in inside],
                    context_spans=[(m.start, m.end) for m in context_matches],
                    steps=steps,
                    confidence=self.spec.confidence,
                )
            )
        return hits


def build(standard: Standard, spec: QuantityDetector, book) -> CompiledQuantity:
    """Register ``spec``'s context phrases for ``book.lang`` and return the runnable detector.

    A detector whose ``context`` names other languages but not this one cannot be judged in
    this language and never fires in it.
    """
    lang = book.lang
    if spec.context and lang not in spec.context:
        conditions = None
    else:
        conditions = Conditions.register(
            book, f"{standard.id}/{spec.id}", spec.context.get(lang, []), spec.without.get(lang, []), spec.scope
        )
    return CompiledQuantity(standard.id, f"quantity:{spec.id}", spec, conditions)
