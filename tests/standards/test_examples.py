"""Every standard's own examples: each ``flag`` clause is flagged by its standard, no
``no_flag`` clause is. The examples are written per language and run through the same path
as a real draft (ingest → structure → engine)."""

from __future__ import annotations

import pytest

from checker.engine import Engine
from checker.examples import run_examples
from standards.loader import load_catalogue

CATALOGUE = load_catalogue()
ENGINE = Engine(CATALOGUE)
CASES = [
    pytest.param(standard.id, expectation, i, id=f"{standard.id}-{expectation}-{example.lang}-{i}")
    for standard in CATALOGUE.standards.values()
    for expectation in ("flag", "no_flag")
    for i, example in enumerate(getattr(standard.examples, expectation))
]


@pytest.fixture(scope="module")
def results():
    return {
        (r.standard_id, r.expectation, r.text): r
        for r in run_examples(CATALOGUE, engine=ENGINE)
    }


@pytest.mark.parametrize("standard_id,expectation,index", CASES)
def test_example(results, standard_id, expectation, index):
    example = getattr(CATALOGUE.standards[standard_id].examples, expectation)[index]
    result = results[(standard_id, expectation, example.text)]
    assert result.passed, f"{expectation} example not honoured: {example.text}\n" + "\n".join(result.explanation)


@pytest.mark.parametrize("standard_id", sorted(CATALOGUE.standards))
def test_every_standard_has_examples_both_ways_in_both_languages(standard_id):
    examples = CATALOGUE.standards[standard_id].examples
    for expectation in ("flag", "no_flag"):
        for lang in ("en", "ru"):
            count = sum(1 for e in getattr(examples, expectation) if e.lang == lang)
            assert count >= 3, f"{standard_id}: only {count} {expectation} examples in {lang}"
