"""Floors for the regression guard: suggested from today's figures, and checked."""

from __future__ import annotations

import pytest

from checker.evaluation import Counts, DraftScore, below_floors, suggest_floors, summarise


def _score(name: str, counts: Counts, language: str = "en") -> DraftScore:
    return DraftScore(name=name, draft=name.split(".")[0], language=language, counts=counts,
                      by_domain={"assembly": counts}, misses=[], false_alarms=[])


SUMMARY = summarise([
    _score("drafts/a.en.txt", Counts(required=10, found=9, findings=20, true_alarms=19)),   # 0.90 / 0.95
    _score("/elsewhere/b.txt", Counts(required=10, found=10, findings=10, true_alarms=10)),  # 1.00 / 1.00
])  # overall 0.95 / 29 of 30


def test_suggested_floors_are_figures_minus_the_margin_rounded_down():
    assert suggest_floors(SUMMARY, margin=0.02, draft_margin=0.02) == {
        "overall": {"recall": 0.93, "precision": 0.94},   # 0.95 - 0.02; 0.9667 - 0.02 = 0.9467
        "drafts": {"a.en.txt": {"recall": 0.88, "precision": 0.93}, "b.txt": {"recall": 0.98, "precision": 0.98}},
    }
    default = suggest_floors(SUMMARY)  # wider slack for one draft than for the totals
    assert default["overall"]["recall"] == 0.92 and default["drafts"]["b.txt"]["recall"] == 0.95
    assert suggest_floors(summarise([_score("z.txt", Counts(required=1, found=0))]))["drafts"]["z.txt"]["recall"] == 0.0


@pytest.mark.parametrize(
    "overall,drafts,expected",
    [
        ({"recall": 0.95, "precision": 0.96}, {}, []),                                   # exactly at the floors
        ({"recall": 0.96, "precision": 0.5}, {}, ["overall recall 95.0% is below its floor 96%"]),
        ({}, {"a.en.txt": {"precision": 0.96}}, ["a.en.txt precision 95.0% is below its floor 96%"]),
        ({}, {"b.txt": {"recall": 1.0, "precision": 1.0}}, []),
        ({}, {"gone.txt": {"recall": 1.0}}, []),                                         # not evaluated: ignored
    ],
)
def test_below_floors(overall, drafts, expected):
    assert below_floors(SUMMARY, overall, drafts) == expected
