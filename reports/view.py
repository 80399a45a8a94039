"""What a printed report shows, computed once from a :class:`~checker.models.Report`.

The HTML and Markdown templates only lay out a :class:`ReportView`; every decision about
order, grouping, counting and highlighting is taken here, so both formats say the same thing.

Offsets: :class:`~checker.models.Span` offsets are character offsets into the draft text (end
exclusive); a :class:`~checker.models.ProvisionRef` ``text`` starts at ``provision.start`` in
the same coordinates, so a span is shown in a provision at ``span.start - provision.start``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from checker.models import (
    CitationRef,
    Domain,
    Finding,
    ProvisionRef,
    Report,
    Severity,
    Span,
)

LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}

DOMAIN_LABELS = {
    Domain.cross_cutting: "Cross-cutting",
    Domain.assembly: "Peaceful assembly",
    Domain.expression: "Expression",
    Domain.media: "Media",
    Domain.association: "Association",
    Domain.elections: "Elections",
}

SEVERITY_LABELS = {Severity.high: "High", Severity.medium: "Medium", Severity.low: "Low"}

# Columns of the summary table, most serious first.
SEVERITY_ORDER = (Severity.high, Severity.medium, Severity.low)


@dataclass(frozen=True)
class Segment:
    """A run of provision text; ``marked`` when it holds words a finding points at."""

    text: str
    marked: bool


@dataclass(frozen=True)
class CitationView:
    """A citation as printed.

    ``pinpoint`` as :attr:`checker.models.CitationRef.pinpoint` gives it (``HRC General Comment
    No. 37, paras. 70, 72``); ``symbol`` the document symbol when the pinpoint does not already
    show it (``CCPR/C/GC/37``), else None; ``url`` a safe ``http(s)`` address or None;
    ``verified`` False when the paragraph number is still to be confirmed.
    """

    pinpoint: str
    title: str
    symbol: str | None
    url: str | None
    verified: bool


@dataclass(frozen=True)
class FindingView:
    """One finding as printed.

    ``quotes`` are the distinct quoted words of its spans, in draft order; ``confidence_percent``
    is ``confidence`` × 100 rounded to a whole number (0–100).
    """

    finding: Finding
    severity: str
    severity_label: str
    domain_label: str
    confidence_percent: int
    quotes: list[str]
    citations: list[CitationView]
    related: list[ProvisionRef]


@dataclass(frozen=True)
class ProvisionView:
    """A provision with findings: its text cut into :class:`Segment` runs and its findings
    (most serious first)."""

    provision: ProvisionRef
    segments: list[Segment]
    findings: list[FindingView]
    location: str | None

    @property
    def labels(self) -> str:
        """``Article 9(1)``, or ``Статья 9 пункт 1 / Article 9(1)`` when a local label exists."""
        return provision_labels(self.provision)


@dataclass(frozen=True)
class SummaryRow:
    """One row of the domain × severity table: ``counts`` maps ``high``/``medium``/``low``
    to a number of findings."""

    label: str
    counts: dict[str, int]
    total: int


@dataclass(frozen=True)
class StandardCount:
    """A standard relied on by at least one finding, and how many findings rely on it."""

    standard_id: str
    title: str
    count: int


@dataclass(frozen=True)
class AnnexEntry:
    """A standard of the annex: its principle and its citations as printed."""

    standard_id: str
    title: str
    domain_label: str
    principle: str
    verified: bool
    citations: list[CitationView]


@dataclass
class ReportView:
    """Everything a rendered report shows, in the order it shows it."""

    title: str
    source_name: str
    source_format: str
    sha256: str
    language: str
    language_name: str
    generated: str
    catalogue_version: str
    tool: str
    tool_version: str
    schema_version: str
    min_severity: str | None
    structured: bool
    total: int
    rows: list[SummaryRow]
    total_row: SummaryRow
    standards: list[StandardCount]
    absences: list[FindingView]
    provisions: list[ProvisionView]
    provisions_checked: int
    provisions_clean: int
    annex: list[AnnexEntry] = field(default_factory=list)
    severities: list[tuple[str, str]] = field(
        default_factory=lambda: [(s.value, SEVERITY_LABELS[s]) for s in SEVERITY_ORDER]
    )


# --------------------------------------------------------------------------- helpers


def provision_labels(provision: ProvisionRef) -> str:
    """The label people read: ``label_local / label`` when the draft is not in English.

    >>> provision_labels(ProvisionRef(eid="art_9", label="Article 9", label_local="Статья 9",
    ...                               text="", start=0, end=0))
    'Статья 9 / Article 9'
    """
    if provision.label_local and provision.label_local != provision.label:
        return f"{provision.label_local} / {provision.label}"
    return provision.label


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute ``http``/``https`` address, else None (no ``javascript:``)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    return url


def format_generated(moment: datetime) -> str:
    """``2026-11-29 10:13 UTC`` for an aware datetime, ``2026-11-29 10:13`` for a naive one."""
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def _locate(text: str, base: int, span: Span) -> tuple[int, int] | None:
    """Where ``span`` lies in ``text`` (which starts at draft offset ``base``), as offsets
    relative to ``text``; None when it lies outside.

    The offsets decide when they agree with the quote; when they do not (a provision text that
    was normalised), the occurrence of the quote nearest to the offsets is used; failing that,
    the offsets are clipped to the text.
    """
    size = len(text)
    start, end = span.start - base, span.end - base
    if 0 <= start < end <= size and (not span.quote or text[start:end] == span.quote):
        return start, end
    quote = span.quote
    if quote.strip():
        best: int | None = None
        at = text.find(quote)
        while at != -1:
            if best is None or abs(at - start) < abs(best - start):
                best = at
            at = text.find(quote, at + 1)
        if best is not None:
            return best, best + len(quote)
    start, end = max(start, 0), min(end, size)
    if start < end:
        return start, end
    return None


def highlight(text: str, base: int, spans: list[Span]) -> list[Segment]:
    """Cut ``text`` into runs, marking the words the ``spans`` point at.

    Args:
        text: a provision's text.
        base: draft offset of ``text[0]`` (``provision.start``).
        spans: spans in draft offsets; they may overlap, touch, repeat or lie (partly)
            outside ``text``: overlapping and touching ranges are merged, the parts outside
            are dropped.

    Returns:
        Segments whose texts join to ``text`` exactly; no two neighbours share ``marked``.
    """
    ranges = sorted(r for r in (_locate(text, base, s) for s in spans) if r is not None)
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments: list[Segment] = []
    cursor = 0
    for start, end in merged:
        if start > cursor:
            segments.append(Segment(text[cursor:start], False))
        segments.append(Segment(text[start:end], True))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:], False))
    return segments


def _location(provision: ProvisionRef) -> str | None:
    parts = []
    if provision.page is not None:
        parts.append(f"page {provision.page}")
    if provision.paragraph is not None:
        parts.append(f"paragraph {provision.paragraph}")
    return ", ".join(parts) or None


def _citation_view(citation: CitationRef) -> CitationView:
    pinpoint = citation.pinpoint
    symbol = citation.symbol if citation.symbol and citation.symbol not in pinpoint else None
    return CitationView(
        pinpoint=pinpoint,
        title=citation.title,
        symbol=symbol,
        url=safe_url(citation.url),
        verified=citation.verified,
    )


def _finding_view(finding: Finding) -> FindingView:
    quotes: list[str] = []
    for span in sorted(finding.spans, key=lambda s: (s.start, s.end)):
        quote = " ".join(span.quote.split())
        if quote and quote not in quotes:
            quotes.append(quote)
    return FindingView(
        finding=finding,
        severity=finding.severity.value,
        severity_label=SEVERITY_LABELS[finding.severity],
        domain_label=DOMAIN_LABELS[finding.domain],
        confidence_percent=round(finding.confidence * 100),
        quotes=quotes,
        citations=[_citation_view(c) for c in finding.citations],
        related=list(finding.related),
    )


def _finding_order(finding: Finding) -> tuple:
    return (-finding.severity.rank, -finding.confidence, finding.standard_id, finding.id)


def _summary(report: Report) -> tuple[list[SummaryRow], SummaryRow]:
    table = report.counts()
    rows = []
    for domain in Domain:
        counts = {s.value: table[domain.value][s.value] for s in SEVERITY_ORDER}
        total = sum(counts.values())
        if total:
            rows.append(SummaryRow(DOMAIN_LABELS[domain], counts, total))
    totals = {s.value: sum(r.counts[s.value] for r in rows) for s in SEVERITY_ORDER}
    return rows, SummaryRow("Total", totals, sum(totals.values()))


def _standards(findings: list[Finding]) -> list[StandardCount]:
    counts: dict[str, int] = {}
    titles: dict[str, str] = {}
    for finding in findings:
        counts[finding.standard_id] = counts.get(finding.standard_id, 0) + 1
        titles.setdefault(finding.standard_id, finding.title)
    return [
        StandardCount(sid, titles[sid], n)
        for sid, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def build_view(report: Report) -> ReportView:
    """Group, order and count ``report``'s findings for printing.

    Whole-draft findings (``absence`` true, or no provision) come first; the others are
    grouped by provision eId, provisions in draft order (by ``start``, outer before inner),
    findings in each most serious first, then most confident.
    """
    absences = sorted(
        (f for f in report.findings if f.absence or f.provision is None), key=_finding_order
    )
    grouped: dict[str, list[Finding]] = {}
    refs: dict[str, ProvisionRef] = {}
    for finding in report.findings:
        if finding.absence or finding.provision is None:
            continue
        eid = finding.provision.eid
        grouped.setdefault(eid, []).append(finding)
        refs.setdefault(eid, finding.provision)

    provisions = []
    for eid in sorted(grouped, key=lambda e: (refs[e].start, -refs[e].end, e)):
        ref = refs[eid]
        findings = sorted(grouped[eid], key=_finding_order)
        spans = [span for f in findings for span in f.spans]
        provisions.append(
            ProvisionView(
                provision=ref,
                segments=highlight(ref.text, ref.start, spans),
                findings=[_finding_view(f) for f in findings],
                location=_location(ref),
            )
        )

    if report.provisions:
        checked = len(report.provisions)
        clean = sum(1 for p in report.provisions if p.eid not in grouped)
    else:
        checked = report.draft.provisions
        clean = max(checked - len(grouped), 0)

    rows, total_row = _summary(report)
    draft = report.draft
    return ReportView(
        title=draft.title or draft.source_name,
        source_name=draft.source_name,
        source_format=draft.source_format,
        sha256=draft.sha256,
        language=draft.language,
        language_name=LANGUAGE_NAMES.get(draft.language, draft.language),
        generated=format_generated(report.generated_at),
        catalogue_version=report.catalogue_version,
        tool=report.tool,
        tool_version=report.tool_version,
        schema_version=report.schema_version,
        min_severity=(
            SEVERITY_LABELS[report.min_severity].lower()
            if report.min_severity != Severity.low
            else None
        ),
        structured=draft.structured,
        total=len(report.findings),
        rows=rows,
        total_row=total_row,
        standards=_standards(report.findings),
        absences=[_finding_view(f) for f in absences],
        provisions=provisions,
        provisions_checked=checked,
        provisions_clean=clean,
        annex=[
            AnnexEntry(
                standard_id=cited.id,
                title=cited.title,
                domain_label=DOMAIN_LABELS[cited.domain],
                principle=cited.principle,
                verified=cited.status == "verified",
                citations=[_citation_view(c) for c in cited.citations],
            )
            for cited in report.standards
        ],
    )
