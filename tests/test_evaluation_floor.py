"""Regression guard: recall and precision over the gold drafts must not fall below their floors.

The floors live in ``tests/evaluation_floors.yaml`` (how to update them is written there).
The drafts are ``drafts/`` and, when it is beside the repository, ``../shared/corpus``; when
the corpus is absent the ``bundled_only`` totals apply instead of ``overall``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.evaluation import below_floors, run_evaluation, suggest_floors
from tests.conftest import CORPUS, DRAFTS

FLOORS_FILE = Path(__file__).with_name("evaluation_floors.yaml")


@pytest.fixture(scope="module")
def floors() -> dict:
    return yaml.safe_load(FLOORS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_present() -> bool:
    return (CORPUS / "kz-assembly-draft-2020.gold.yaml").is_file()


@pytest.fixture(scope="module")
def summary(corpus_present):
    return run_evaluation([DRAFTS, CORPUS] if corpus_present else [DRAFTS])


def _report(summary, problems: list[str]) -> str:
    lines = ["Evaluation below its floors:"] + [f"  {p}" for p in problems]
    lines.append("Misses:")
    lines += [f"  {Path(s.name).name} {m.provision}: {', '.join(m.standards)}" for s in summary.drafts for m in s.misses]
    lines.append("False alarms:")
    lines += [
        f"  {Path(s.name).name} {a.provision}: {a.standard_id} ({a.detector}) «{a.quote[:80]}»"
        + (" [on a compliant provision]" if a.on_compliant else "")
        for s in summary.drafts
        for a in s.false_alarms
    ]
    lines.append("If the drop is intended (a new draft, a stricter gold file), update tests/evaluation_floors.yaml;")
    lines.append(f"figures minus the margin would be: {suggest_floors(summary)}")
    return "\n".join(lines)


def test_floors_file_lists_existing_bundled_drafts(floors):
    bundled = {p.name for p in DRAFTS.iterdir()}
    corpus = {"kz-assembly-draft-2020.txt", "kz-assembly-draft-2020.ru.txt"}
    missing = sorted(set(floors["drafts"]) - bundled - corpus)
    assert not missing, f"floors for drafts that no longer exist (rename or remove them): {missing}"


def test_recall_and_precision_stay_above_their_floors(summary, floors, corpus_present):
    assert summary.drafts, "no gold draft found"
    totals = floors["overall"] if corpus_present else floors["bundled_only"]
    problems = below_floors(summary, totals, floors["drafts"])
    assert not problems, _report(summary, problems)


def test_the_held_out_drafts_stay_above_their_floors(floors):
    """The drafts written and annotated without seeing the rules: a guard, never a target."""
    held_out = [DRAFTS / "held-out", DRAFTS / "held-out-2"]
    summary = run_evaluation(held_out)
    assert len(summary.drafts) == 8
    problems = below_floors(summary, floors["held_out"], {})
    assert not problems, _report(summary, problems)
