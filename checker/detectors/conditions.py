"""Conditions shared by detector kinds: phrase groups that must, or must not, occur in a unit."""

from __future__ import annotations

from dataclasses import dataclass

from checker.detectors.base import DraftContext, Match, Unit
from checker.detectors.phrases import describe


@dataclass
class Conditions:
    """Compiled ``with`` groups and ``without`` phrases of one detector.

    ``groups``: for each group, the matcher keys of its phrases and the group's description;
    ``exceptions``: ``(key, description)`` of each ``without`` phrase.
    """

    groups: list[tuple[list[str], str]]
    exceptions: list[tuple[str, str]]

    @classmethod
    def register(cls, book, prefix: str, groups: list[list], without: list) -> "Conditions":
        """Add the phrases to ``book`` (a PhraseBook) under keys starting with ``prefix``."""
        compiled_groups = []
        for g, group in enumerate(groups):
            keys = [book.add(f"{prefix}/with{g}/{p}", phrase) for p, phrase in enumerate(group)]
            compiled_groups.append((keys, " or ".join(describe(phrase) for phrase in group)))
        exceptions = [(book.add(f"{prefix}/without/{p}", phrase), describe(phrase)) for p, phrase in enumerate(without)]
        return cls(compiled_groups, exceptions)

    def evaluate(self, context: DraftContext, unit: Unit) -> tuple[bool, list[Match], list[str]]:
        """``(passed, context matches, explanation steps)`` for ``unit``.

        Fails when a group has no match in the unit or an exception phrase occurs in it.
        """
        steps: list[str] = []
        spans: list[Match] = []
        for keys, description in self.groups:
            hits = [m for key in keys for m in context.matches.in_unit(key, unit)]
            if not hits:
                return False, [], []
            first = min(hits, key=lambda m: m.start)
            spans.append(first)
            steps.append(
                f"The same provision also says “{context.quote(first.start, first.end)}” "
                f"(required context: {description})."
            )
        for key, description in self.exceptions:
            if context.matches.in_unit(key, unit):
                return False, [], []
        if self.exceptions:
            steps.append(
                "None of the words that would make the provision acceptable occurs in it ("
                + "; ".join(d for _, d in self.exceptions)
                + ")."
            )
        return True, spans, steps
