"""Matching many phrases over a draft at once.

spaCy's Matcher tries every pattern at every token, which for a catalogue of a thousand
phrases costs seconds per draft. Almost every phrase starts with a known word, so this
matcher indexes phrases by the norms their first item accepts and tries a phrase only where
one of those norms occurs. Phrases that start with something else (a prefix, a number, an
optional item) are tried everywhere; raw token patterns from the standards, which may use any
spaCy attribute, still go to a spaCy Matcher.

Semantics follow the phrase syntax of :mod:`checker.detectors.phrases` and spaCy's
``greedy="LONGEST"``: for each phrase, the longest match at each start, then overlapping
matches of the same phrase are dropped in favour of the longer one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

_GAP_OP = re.compile(r"^\{0,(\d+)\}$")


@dataclass(frozen=True)
class Item:
    """One step of a compiled phrase.

    ``kind`` is "norm" (``values`` a frozenset of accepted norms), "lower" (exact form),
    "regex" (compiled on the lower-cased form), "num" (a number token) or "gap" (up to
    ``max_gap`` tokens, never a line break); ``optional`` items may be skipped.
    """

    kind: str
    values: frozenset[str] = frozenset()
    pattern: re.Pattern | None = None
    max_gap: int = 0
    optional: bool = False


def compile_items(token_pattern: list[dict]) -> list[Item] | None:
    """Turn a token pattern made by :func:`checker.detectors.phrases.compile_phrase` into
    items; None when it uses anything else (then it needs spaCy's Matcher)."""
    items: list[Item] = []
    for spec in token_pattern:
        spec = dict(spec)
        op = spec.pop("OP", None)
        gap = _GAP_OP.match(op) if isinstance(op, str) else None
        if gap and spec == {"IS_SPACE": False}:
            items.append(Item("gap", max_gap=int(gap.group(1))))
            continue
        if op not in (None, "?") or len(spec) != 1:
            return None
        optional = op == "?"
        (attr, value), = spec.items()
        if attr == "NORM" and isinstance(value, str):
            items.append(Item("norm", frozenset([value]), optional=optional))
        elif attr == "NORM" and isinstance(value, dict) and set(value) == {"IN"}:
            items.append(Item("norm", frozenset(value["IN"]), optional=optional))
        elif attr == "LOWER" and isinstance(value, str):
            items.append(Item("lower", frozenset([value]), optional=optional))
        elif attr == "LOWER" and isinstance(value, dict) and set(value) == {"REGEX"}:
            items.append(Item("regex", pattern=re.compile(value["REGEX"]), optional=optional))
        elif attr == "LIKE_NUM" and value is True:
            items.append(Item("num", optional=optional))
        else:
            return None
    return items if items and items[0].kind != "gap" and items[-1].kind != "gap" else None


@dataclass
class _Tokens:
    norms: list[str]
    lowers: list[str]
    like_num: list[bool]
    is_space: list[bool]


def _accepts(item: Item, tokens: _Tokens, i: int) -> bool:
    if tokens.is_space[i]:
        return False
    kind = item.kind
    if kind == "norm":
        return tokens.norms[i] in item.values
    if kind == "lower":
        return tokens.lowers[i] in item.values
    if kind == "regex":
        return item.pattern.search(tokens.lowers[i]) is not None  # type: ignore[union-attr]
    return tokens.like_num[i]  # "num"


def _longest(items: list[Item], tokens: _Tokens, start: int) -> int:
    """End (exclusive token index) of the longest match of ``items`` at ``start``, or -1."""
    n = len(tokens.norms)

    def step(k: int, i: int) -> int:
        if k == len(items):
            return i
        item = items[k]
        best = -1
        if item.kind == "gap":
            j = i
            for _ in range(item.max_gap + 1):
                best = max(best, step(k + 1, j))
                if j >= n or tokens.is_space[j]:
                    break
                j += 1
            return best
        if i < n and _accepts(item, tokens, i):
            best = step(k + 1, i + 1)
        if item.optional:
            best = max(best, step(k + 1, i))
        return best

    end = step(0, start)
    return end if end > start else -1


@dataclass
class PhraseIndex:
    """Compiled phrases under keys, indexed by the norms their first item accepts."""

    by_first_norm: dict[str, list[tuple[str, list[Item]]]] = field(default_factory=dict)
    anywhere: list[tuple[str, list[Item]]] = field(default_factory=list)

    def add(self, key: str, items: list[Item]) -> None:
        """Register ``items`` (from :func:`compile_items`) under ``key``."""
        first = items[0]
        if first.kind == "norm" and not first.optional:
            for norm in first.values:
                self.by_first_norm.setdefault(norm, []).append((key, items))
        else:
            self.anywhere.append((key, items))

    def match(self, doc: Doc) -> list[tuple[str, int, int]]:
        """``(key, start token, end token)`` of every match in ``doc``, longest per start,
        overlaps of the same key resolved in favour of the longer match."""
        tokens = _Tokens(
            norms=[t.norm_ for t in doc],
            lowers=[t.lower_ for t in doc],
            like_num=[t.like_num for t in doc],
            is_space=[t.is_space for t in doc],
        )
        present = set(tokens.norms)
        found: dict[str, list[tuple[int, int]]] = {}
        # id of a compiled variant → every required word of it occurs somewhere in the doc;
        # by variant, not by key: the variants of one phrase's groups need different words
        possible: dict[int, bool] = {}
        for i, norm in enumerate(tokens.norms):
            for key, items in self.by_first_norm.get(norm, ()):
                ok = possible.get(id(items))
                if ok is None:
                    ok = possible[id(items)] = all(
                        not item.values.isdisjoint(present)
                        for item in items
                        if item.kind == "norm" and not item.optional
                    )
                if not ok:
                    continue
                if items[-1] is items[0]:  # a one-word phrase
                    found.setdefault(key, []).append((i, i + 1))
                    continue
                end = _longest(items, tokens, i)
                if end > 0:
                    found.setdefault(key, []).append((i, end))
        if self.anywhere:
            for i in range(len(tokens.norms)):
                if tokens.is_space[i]:
                    continue
                for key, items in self.anywhere:
                    end = _longest(items, tokens, i)
                    if end > 0:
                        found.setdefault(key, []).append((i, end))
        results: list[tuple[str, int, int]] = []
        for key, spans in found.items():
            results.extend((key, start, end) for start, end in _without_overlaps(spans))
        return results


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (token ``(start, end)``, end > start) kept longest first, then leftmost, each
    dropped when it overlaps one already kept; the kept ones in order of start.

    The kept spans never overlap, so they stay sorted by start and by end at once, and a new
    span can only overlap its two neighbours in that order: a bisection finds them.
    """
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        p = bisect.bisect_right(starts, start)
        if p > 0 and ends[p - 1] > start:
            continue
        if p < len(starts) and starts[p] < end:
            continue
        starts.insert(p, start)
        ends.insert(p, end)
    return list(zip(starts, ends))
