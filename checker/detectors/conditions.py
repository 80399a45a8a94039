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
    scope: str = "provision"

    @classmethod
    def register(cls, book, prefix: str, groups: list[list], without: list, scope: str = "provision") -> "Conditions":
        """Add the phrases to ``book`` (a PhraseBook) under keys starting with ``prefix``.

        ``scope`` "sentence" makes the groups count only in the sentence of the matched words
        (exceptions still apply to the whole provision).
        """
        compiled_groups = []
        for g, group in enumerate(groups):
            keys = [book.add(f"{prefix}/with{g}/{p}", phrase) for p, phrase in enumerate(group)]
            compiled_groups.append((keys, " or ".join(describe(phrase) for phrase in group)))
        exceptions = [(book.add(f"{prefix}/without/{p}", phrase), describe(phrase)) for p, phrase in enumerate(without)]
        return cls(compiled_groups, exceptions, scope)

    def evaluate(self, context: DraftContext, unit: Unit, anchor: Match | None = None) -> tuple[bool, list[Match], list[str]]:
        """``(passed, context matches, explanation steps)`` for ``unit``.

        Fails when a group has no match in the unit (in the sentence of ``anchor`` when the
        scope is "sentence") or an exception phrase occurs in the unit. With the scope
        "provision", a group may instead be matched in a provision the unit refers to by
        number ("a person convicted of the offence under subsection (1) ..." reads the
        offence in subsection (1)). Exception phrases count in the unit's own text only.
        """
        steps: list[str] = []
        spans: list[Match] = []
        where = unit
        if self.scope == "sentence" and anchor is not None:
            where = unit.clipped(*context.sentence_of(anchor.start, anchor.end))
        for keys, description in self.groups:
            hits = [m for key in keys for m in context.matches.in_unit(key, where)]
            if hits:
                first = min(hits, key=lambda m: m.start)
                spans.append(first)
                steps.append(
                    f"The same provision also says “{context.quote(first.start, first.end)}” "
                    f"(required context{' in the same sentence' if where is not unit else ''}: {description})."
                )
                continue
            found = self._in_referenced(context, unit, keys) if self.scope == "provision" else None
            if found is None:
                return False, [], []
            match, words, target = found
            spans.append(match)
            steps.append(
                f"The provision refers to {context.label_of(target.start)} (“{' '.join(words.split())}”), which says "
                f"“{context.quote(match.start, match.end)}” (required context: {description})."
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

    @staticmethod
    def _in_referenced(context: DraftContext, unit: Unit, keys: list[str]):
        """``(first match, referring words, target provision)`` of ``keys`` in a provision the
        unit refers to explicitly; None when none matches."""
        article = next((p for p in reversed(unit.chain) if p.kind in ("article", "section")), None)
        for words, target in context.referenced_from(unit):
            if article is None or not (article.start <= target.start and target.end <= article.end):
                continue  # only a sibling of the same article or section gives the subject
            hits = [m for key in keys for m in context.matches.in_range(key, target.start, target.end)]
            if hits:
                return min(hits, key=lambda m: m.start), words, target
        return None
