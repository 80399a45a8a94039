"""The ``absence`` detector: a safeguard that the whole draft lacks."""

from __future__ import annotations

from dataclasses import dataclass

from checker.detectors.base import DraftContext, Hit
from checker.detectors.phrases import describe
from standards.model import AbsenceDetector, Standard


@dataclass
class CompiledAbsence:
    """An absence detector ready to run over one language's drafts."""

    standard_id: str
    name: str
    spec: AbsenceDetector
    applies_keys: list[str]
    present_keys: list[tuple[str, str]]

    def run(self, context: DraftContext) -> list[Hit]:
        """One hit for the draft when it regulates the subject but no safeguard phrase occurs."""
        if not self.applies_keys:
            return []
        applies = sorted((m for key in self.applies_keys for m in context.matches.anywhere(key)), key=lambda m: m.start)
        if len({(m.start, m.end) for m in applies}) < self.spec.min_mentions:
            return []
        for key, _ in self.present_keys:
            if context.matches.anywhere(key):
                return []
        first = applies[0]
        steps = [
            f"The draft regulates the subject ({len(applies)} mentions, the first in "
            f"{context.label_of(first.start)}: “{context.quote(first.start, first.end)}”).",
            f"Nowhere does it provide {self.spec.safeguard}: none of "
            + "; ".join(d for _, d in self.present_keys)
            + " occurs in the draft.",
            self.spec.explanation.strip(),
        ]
        return [
            Hit(self.standard_id, self.name, None, [], steps, self.spec.confidence,
                yields_to_provisions=self.spec.only_if_unflagged)
        ]


def build(standard: Standard, spec: AbsenceDetector, book) -> CompiledAbsence:
    """Register the ``applies_if`` and ``present_if`` phrases of ``book.lang``."""
    lang = book.lang
    prefix = f"{standard.id}/{spec.id}"
    applies = [book.add(f"{prefix}/applies/{i}", p) for i, p in enumerate(spec.applies_if.get(lang, []))]
    present = [(book.add(f"{prefix}/present/{i}", p), describe(p)) for i, p in enumerate(spec.present_if.get(lang, []))]
    return CompiledAbsence(standard.id, f"absence:{spec.id}", spec, applies, present)
