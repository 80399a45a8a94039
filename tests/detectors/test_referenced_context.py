"""A detector's required context read from a sibling provision that the provision refers to
by number ("a direction under subsection (1)"), and only from such a sibling."""

from __future__ import annotations

import pytest

from checker.pipeline import check

SEIZURE_AFTER_DIRECTION = """PUBLIC ORDER (RECORDING) BILL

Section 4. Recording in public places
(1) A constable may direct a person who is filming an assembly to stop filming.
(2) A constable may seize and retain any device used in breach of a direction under subsection (1).
"""

SEIZURE_WITHOUT_REFERENCE = """PUBLIC ORDER (RECORDING) BILL

Section 4. Recording in public places
(1) A constable may direct a person who is filming an assembly to stop filming.
(2) A constable may seize and retain any device used in breach of a direction.
"""

SEIZURE_REFERRING_TO_ANOTHER_SECTION = """PUBLIC ORDER (RECORDING) BILL

Section 2. Directions
(1) A constable may direct a person who is filming an assembly to stop filming.

Section 4. Stolen property
(1) A constable may seize and retain any device used in breach of a direction under section 2(1).
"""

SEIZURE_WITH_COURT_ORDER = """PUBLIC ORDER (RECORDING) BILL

Section 4. Recording in public places
(1) A constable may direct a person who is filming an assembly to stop filming.
(2) A constable may seize and retain any device used in breach of a direction under subsection (1),
but only under an order of a court.
"""


def _seizure_findings(text: str) -> list:
    report = check(text, lang="en")
    return [f for f in report.findings if f.standard_id == "ASM-NO-FOOTAGE-SEIZURE"]


@pytest.mark.parametrize(
    "text, flagged",
    [
        (SEIZURE_AFTER_DIRECTION, ["Section 4(2)"]),        # the subject is in the subsection referred to
        (SEIZURE_WITHOUT_REFERENCE, []),                    # a sibling that is not referred to is not read
        (SEIZURE_REFERRING_TO_ANOTHER_SECTION, []),         # another section is quoted, not read for context
        (SEIZURE_WITH_COURT_ORDER, []),                     # the safeguard in the provision itself still counts
    ],
)
def test_context_comes_from_a_referenced_sibling_only(text, flagged):
    assert [f.provision.label for f in _seizure_findings(text)] == flagged


def test_the_explanation_names_the_referenced_provision_and_its_words():
    (finding,) = _seizure_findings(SEIZURE_AFTER_DIRECTION)
    step = next(s for s in finding.explanation if "refers to" in s and "required context" in s)
    assert "Section 4(1)" in step and "“subsection (1)”" in step
    assert "“assembly”" in step
    assert [finding.provision.label] == ["Section 4(2)"]
