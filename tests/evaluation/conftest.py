"""A small draft, its gold, and hand-made findings for the evaluation tests."""

from __future__ import annotations

import pytest

from checker.engine import provision_ref
from checker.evaluation import Gold, GoldItem, CompliantItem
from checker.models import Draft, Finding, Severity, Span
from checker.pipeline import load_document, parse_draft

MINI_DRAFT = """LAW OF THE REPUBLIC OF TESSALIA
On street gatherings

Article 1. Notice

1. The organiser shall notify the district office of a gathering no later than fifteen days before it.
2. The notice shall list the sources of the money used to hold the gathering.

Article 2. Conduct

1. Participants may carry placards and use loudspeakers.
2. A gathering may be ended by the police where it threatens public order in any other case.

Article 3. Journalists

Journalists may attend a gathering only with accreditation issued by the district office.
"""

DOMAINS = {
    "ASM-NOTIFY-PERIOD": "assembly",
    "ASM-NO-FUNDING-DISCLOSURE": "assembly",
    "ASM-LAST-RESORT": "assembly",
    "X-LEGALITY-PRECISION": "cross-cutting",
    "MED-NO-JOURNALIST-LICENSING": "media",
    "EXP-VAGUE-DISCORD-OFFENCE": "expression",
}


@pytest.fixture(scope="session")
def mini_draft() -> Draft:
    """The Tessalian draft parsed as English."""
    return parse_draft(load_document(MINI_DRAFT), "en")


@pytest.fixture()
def mini_gold() -> Gold:
    """Four required items (one absence), an optional item, a compliant provision."""
    return Gold(
        draft="tessalia-gatherings",
        languages=["en"],
        required=[
            GoldItem(provision="Article 1(1)", standards=["ASM-NOTIFY-PERIOD"]),
            GoldItem(provision="Article 1(2)", standards=["ASM-NO-FUNDING-DISCLOSURE"]),
            GoldItem(provision="Article 2(2)", standards=["X-LEGALITY-PRECISION", "ASM-LAST-RESORT"]),
            GoldItem(provision="Article 3", standards=["MED-NO-JOURNALIST-LICENSING"]),
        ],
        optional=[GoldItem(provision="whole draft", absence=True, standards=["ASM-LAST-RESORT"])],
        compliant=[CompliantItem(provision="Article 2(1)", why="grants rights")],
    )


def make_finding(draft: Draft, label: str | None, standard_id: str, domain: str = "assembly",
                 quote: str = "", detector: str = "pattern:test") -> Finding:
    """A finding of ``standard_id`` on the provision labelled ``label`` (None: an absence)."""
    provision = next((p for p in draft.walk() if p.label == label), None) if label else None
    if label and provision is None:
        raise AssertionError(f"the mini draft has no {label}")
    spans = []
    if quote:
        start = draft.text.index(quote)
        spans = [Span(start=start, end=start + len(quote), quote=quote)]
    return Finding(
        id=f"{standard_id}:{provision.eid if provision else 'draft'}",
        standard_id=standard_id,
        title=standard_id,
        domain=domain,
        severity=Severity.high,
        confidence=0.8,
        provision=provision_ref(draft, provision) if provision else None,
        absence=provision is None,
        spans=spans,
        citations=[],
        explanation=[f"{label or 'The draft'} matched a rule of {standard_id}."],
        recommendation="Change it.",
        detector=detector,
    )
