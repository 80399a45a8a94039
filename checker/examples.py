"""Running the standards' own examples: every ``flag`` example must be flagged by its
standard, and no ``no_flag`` example may be."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.engine import Engine
from standards.model import Catalogue


@dataclass
class ExampleResult:
    """The outcome of one example: ``expectation`` is "flag" or "no_flag"."""

    standard_id: str
    expectation: str
    lang: str
    text: str
    passed: bool
    explanation: list[str] = field(default_factory=list)


def run_examples(catalogue: Catalogue, only: str | None = None, engine: Engine | None = None) -> list[ExampleResult]:
    """Check every example of every standard (or of the standard ``only``).

    Each example is checked as a small draft of its own by an engine over the whole
    catalogue; only the findings of the example's standard count, and absence findings count
    only for examples whose ``scope`` is "draft".
    """
    from checker.ingest import load_text
    from checker.pipeline import parse_draft

    engine = engine or Engine(catalogue)
    results: list[ExampleResult] = []
    for standard in catalogue.standards.values():
        if only and standard.id != only:
            continue
        for expectation in ("flag", "no_flag"):
            for example in getattr(standard.examples, expectation):
                draft = parse_draft(load_text(example.text, name=f"{standard.id} example"), example.lang)
                findings = [
                    f for f in engine.run(draft)
                    if f.standard_id == standard.id and (example.scope == "draft" or not f.absence)
                ]
                flagged = bool(findings)
                passed = flagged if expectation == "flag" else not flagged
                explanation = [step for f in findings for step in f.explanation] if flagged else [
                    "No detector of this standard fired on the text."
                ]
                results.append(ExampleResult(standard.id, expectation, example.lang, example.text, passed, explanation))
    return results
