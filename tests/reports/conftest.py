"""Hand-built reports on a short English draft and its Russian twin.

The English draft has a notification article whose first paragraph draws three findings with
overlapping spans, a second paragraph whose text smuggles in a ``<script>`` element, and a
definitions article used as related context; one finding is for a safeguard the whole draft
lacks. Offsets are computed from the draft text, as the engine computes them.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

# The tests run from a checkout without installing rightscheck.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reports import SCHEMA_VERSION
from checker.models import (
    CitedStandard,
    CitationRef,
    Domain,
    DraftSummary,
    Finding,
    ProvisionRef,
    Report,
    Severity,
    Span,
)

EN_DRAFT = """DRAFT LAW ON THE HOLDING OF PEACEFUL ASSEMBLIES

Article 1. Basic concepts

1) organiser of an assembly - an adult citizen who initiates and leads an assembly;
2) participant - a citizen who has reached eighteen years of age and takes part in an assembly.

Article 9. Notice of an assembly

1. An assembly with fewer than 250 participants shall be held on the basis of a notice lodged by the organiser with the local executive body not later than ten working days before the day of the assembly.
2. The notice shall state the aim of the assembly, the sources of its funding and the slogans <script>alert(1)</script> to be displayed.
3. The local executive body shall reply within five working days.
"""

RU_DRAFT = """ПРОЕКТ ЗАКОНА О ПРОВЕДЕНИИ МИРНЫХ СОБРАНИЙ

Статья 9. Уведомление о собрании

1. Собрание численностью менее 250 участников проводится на основании уведомления, которое организатор подаёт в местный исполнительный орган не позднее чем за десять рабочих дней до дня собрания.
2. Местный исполнительный орган отвечает в течение пяти рабочих дней.
"""

GENERATED = datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)


def provision(draft: str, eid: str, label: str, first_words: str, *, label_local=None,
              heading=None, page=None) -> ProvisionRef:
    """The ProvisionRef of the line of ``draft`` that starts with ``first_words``."""
    start = draft.index(first_words)
    end = draft.index("\n", start)
    return ProvisionRef(eid=eid, label=label, label_local=label_local, heading=heading,
                        text=draft[start:end], start=start, end=end, page=page)


def span(draft: str, quote: str, after: int = 0) -> Span:
    """The Span of the first ``quote`` in ``draft`` at or after offset ``after``."""
    start = draft.index(quote, after)
    return Span(start=start, end=start + len(quote), quote=quote)


GC37 = dict(source="HRC-GC37", title="General comment No. 37 (2020) on the right of peaceful assembly",
            cite_as="HRC General Comment No. 37", symbol="CCPR/C/GC/37",
            url="https://docs.un.org/en/CCPR/C/GC/37")
ICCPR = dict(source="ICCPR", title="International Covenant on Civil and Political Rights", cite_as="ICCPR",
             unit="art.", url="https://www.ohchr.org/en/instruments-mechanisms/instruments/"
                              "international-covenant-civil-and-political-rights")
FOPA2 = dict(source="ODIHR-FOPA2",
             title="OSCE/ODIHR-Venice Commission Guidelines on Freedom of Peaceful Assembly (2nd ed.)",
             symbol="CDL-AD(2010)020", url="https://www.osce.org/odihr/73405")
SR2013 = dict(source="SR-FOAA-2013", title="Report of the Special Rapporteur on peaceful assembly and association (2013)",
              symbol="A/HRC/23/39", url="javascript:alert(2)")


def _period_finding(draft: str, prov: ProvisionRef, quote: str, overlap: str, step: str) -> Finding:
    return Finding(
        id=f"ASM-NOTIFY-PERIOD:quantity:notice-days:{prov.eid}",
        standard_id="ASM-NOTIFY-PERIOD",
        title="Short notice period",
        domain=Domain.assembly,
        severity=Severity.medium,
        confidence=0.9,
        provision=prov,
        spans=[span(draft, quote), span(draft, overlap)],
        citations=[
            CitationRef(**GC37, paragraphs=["72"], verified=True),
            CitationRef(**FOPA2, locator="Section A, guideline 4.1", verified=False),
        ],
        explanation=[step, "The notice period exceeds the limit of 5 days encoded for this standard."],
        recommendation="Shorten the notice period to a few days and let the authority answer within a short, fixed time.",
        detector="quantity:notice-days",
    )


def _en_report() -> Report:
    d = EN_DRAFT
    art1_1 = provision(d, "art_1__point_1", "Article 1(1)", "1) organiser", heading="Basic concepts")
    art1_2 = provision(d, "art_1__point_2", "Article 1(2)", "2) participant")
    art9_1 = provision(d, "art_9__para_1", "Article 9(1)", "1. An assembly", heading="Notice of an assembly",
                       page=2)
    art9_2 = provision(d, "art_9__para_2", "Article 9(2)", "2. The notice")
    art9_3 = provision(d, "art_9__para_3", "Article 9(3)", "3. The local")

    period = _period_finding(
        d, art9_1, "not later than ten working days", "ten working days before the day",
        "Quantity 'ten working days' (10 working days) is a notice period.",
    )
    not_auth = Finding(
        id="ASM-NOTIFY-NOT-AUTH:pattern:size-threshold:art_9__para_1",
        standard_id="ASM-NOTIFY-NOT-AUTH",
        title="Notification, never permission",
        domain=Domain.assembly,
        severity=Severity.high,
        confidence=0.75,
        provision=art9_1,
        spans=[span(d, "with fewer than 250 participants shall be held")],
        citations=[
            CitationRef(**GC37, paragraphs=["70", "73"], verified=True),
            CitationRef(**ICCPR, paragraphs=["21"], verified=True),
            CitationRef(**SR2013, paragraphs=["52"], verified=False),
        ],
        explanation=[
            "Pattern 'size-threshold' matched 'fewer than 250 participants'.",
            "A participant threshold splits assemblies into a notice regime and a permit regime.",
        ],
        recommendation="Replace the permit regime above 250 participants with notification only.",
        detector="pattern:size-threshold",
    )
    cap = Finding(
        id="ASM-NO-PARTICIPANT-CAP:quantity:participants:art_9__para_1",
        standard_id="ASM-NO-PARTICIPANT-CAP",
        title="No general limit on numbers",
        domain=Domain.assembly,
        severity=Severity.low,
        confidence=0.55,
        provision=art9_1,
        spans=[span(d, "fewer than 250 participants")],
        citations=[CitationRef(**GC37, paragraphs=["59"], verified=True)],
        explanation=["Quantity '250 participants' sets a numeric bound on an assembly."],
        recommendation="Drop numeric bounds on participants.",
        detector="quantity:participants",
        related=[art1_2],
    )
    funding = Finding(
        id="ASM-NO-FUNDING-DISCLOSURE:pattern:funding:art_9__para_2",
        standard_id="ASM-NO-FUNDING-DISCLOSURE",
        title="No funding disclosure for assemblies",
        domain=Domain.assembly,
        severity=Severity.medium,
        confidence=0.8,
        provision=art9_2,
        # The second span lies in Article 1, outside this provision: it must be ignored.
        spans=[span(d, "the sources of its funding"), span(d, "an adult citizen")],
        citations=[CitationRef(**GC37, paragraphs=["70"], verified=True)],
        explanation=["Pattern 'funding' matched 'sources of its funding' in a notice's contents."],
        recommendation="Remove the duty to disclose <b>funding</b> in a notice.",
        detector="pattern:funding",
        related=[art1_1],
    )
    legality = Finding(
        id="X-LEGALITY-PRECISION:pattern:slogans:art_9__para_2",
        standard_id="X-LEGALITY-PRECISION",
        title="Restrictions must be precise and foreseeable",
        domain=Domain.cross_cutting,
        severity=Severity.low,
        confidence=0.4,
        provision=art9_2,
        spans=[span(d, "slogans <script>alert(1)</script>")],
        citations=[CitationRef(**GC37, paragraphs=["39"], verified=True)],
        explanation=["Pattern 'slogans' matched content-based notice contents."],
        recommendation="Do not require the content of slogans in advance.",
        detector="pattern:slogans",
    )
    absence = Finding(
        id="ASM-LAST-RESORT:absence:presumption:draft",
        standard_id="ASM-LAST-RESORT",
        title="Presumption in favour of holding; prohibition only as a last resort",
        domain=Domain.assembly,
        severity=Severity.high,
        confidence=0.7,
        provision=None,
        absence=True,
        citations=[CitationRef(**GC37, paragraphs=["23", "27", "36"], verified=True)],
        explanation=["No provision states a presumption in favour of holding assemblies."],
        recommendation="Add a statutory presumption in favour of holding assemblies.",
        detector="absence:presumption",
    )
    return Report(
        schema_version=SCHEMA_VERSION,
        tool="rightscheck",
        tool_version="0.1.0",
        catalogue_version="2026.03",
        generated_at=GENERATED,
        draft=DraftSummary(
            title="Draft law on the holding of peaceful assemblies",
            language="en",
            source_name="assemblies-draft.docx",
            source_format="docx",
            sha256="ab" * 32,
            words=len(d.split()),
            provisions=5,
            structured=True,
        ),
        # Findings are deliberately out of draft order: the report must sort them.
        findings=[funding, cap, absence, period, legality, not_auth],
        provisions=[art1_1, art1_2, art9_1, art9_2, art9_3],
        standards=[
            CitedStandard(
                id=f.standard_id, title=f.title, domain=f.domain,
                principle=f"Principle of {f.standard_id}: authorities must justify every restriction.",
                status="unverified" if f.standard_id == "ASM-NOTIFY-NOT-AUTH" else "verified",
                citations=f.citations,
            )
            for f in sorted({f.standard_id: f for f in [funding, cap, absence, period, legality, not_auth]}.values(),
                            key=lambda f: f.standard_id)
        ],
    )


def _ru_report() -> Report:
    d = RU_DRAFT
    art9_1 = provision(d, "art_9__para_1", "Article 9(1)", "1. Собрание",
                       label_local="Статья 9 пункт 1", heading="Уведомление о собрании")
    art9_2 = provision(d, "art_9__para_2", "Article 9(2)", "2. Местный",
                       label_local="Статья 9 пункт 2")
    period = _period_finding(
        d, art9_1, "не позднее чем за десять рабочих дней", "десять рабочих дней до дня",
        "Quantity 'десять рабочих дней' (10 working days) is a notice period.",
    )
    return Report(
        schema_version=SCHEMA_VERSION,
        tool="rightscheck",
        tool_version="0.1.0",
        catalogue_version="2026.03",
        generated_at=GENERATED,
        draft=DraftSummary(
            title=None,
            language="ru",
            source_name="proekt-zakona.txt",
            source_format="txt",
            sha256="cd" * 32,
            words=len(d.split()),
            provisions=2,
            structured=True,
        ),
        findings=[period],
        provisions=[art9_1, art9_2],
        min_severity=Severity.medium,
    )


@pytest.fixture
def en_report() -> Report:
    """English draft: 5 provision findings on Article 9(1)-(2), one whole-draft finding."""
    return _en_report()


@pytest.fixture
def ru_report() -> Report:
    """Russian draft: one finding on Статья 9 пункт 1 / Article 9(1)."""
    return _ru_report()


@pytest.fixture
def en_draft_text() -> str:
    """The English draft's text: the coordinate system of ``en_report``'s offsets."""
    return EN_DRAFT
