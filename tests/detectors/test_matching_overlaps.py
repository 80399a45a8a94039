"""Overlapping matches of one phrase: the longest wins, then the leftmost (spaCy's LONGEST)."""

from __future__ import annotations

import random

import pytest

from checker.detectors.matching import _without_overlaps


def _reference(spans):
    """The plain quadratic reading of the rule, to compare the bisecting one with."""
    taken = []
    for start, end in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
    return sorted(taken)


@pytest.mark.parametrize(
    "spans,kept",
    [
        ([(0, 2), (1, 3)], [(0, 2)]),                    # same length: the leftmost
        ([(0, 2), (1, 5)], [(1, 5)]),                    # the longer one, though it starts later
        ([(0, 2), (2, 4)], [(0, 2), (2, 4)]),            # touching is not overlapping
        ([(3, 4), (0, 10), (11, 12)], [(0, 10), (11, 12)]),
        ([(5, 6), (5, 7), (5, 8)], [(5, 8)]),            # several at one start
        ([(4, 6), (0, 5), (5, 9)], [(0, 5), (5, 9)]),
        ([], []),
    ],
)
def test_without_overlaps(spans, kept):
    assert _without_overlaps(spans) == kept == _reference(spans)


@pytest.mark.parametrize("seed", range(20))
def test_without_overlaps_agrees_with_the_plain_rule(seed):
    rng = random.Random(seed)
    spans = []
    for _ in range(rng.randint(1, 200)):
        start = rng.randint(0, 300)
        spans.append((start, start + rng.randint(1, 8)))
    assert _without_overlaps(spans) == _reference(spans)
