"""What a printed report shows, computed once from a :class:`~checker.models.Report`.

The HTML and Markdown templates only lay out a :class:`ReportView`; every decision about
order, grouping, counting and highlighting is taken here, so both formats say the same thing.

A reviewed report (``Report.review`` set) is worded here too, once for every format (HTML,
Markdown, and the DOCX and PDF filing reports through :mod:`reports.submission`):
:attr:`ReportView.review_lines` says who reviewed, when, and how many findings were accepted,
edited, rejected and left unreviewed; :attr:`FindingView.decision` gives each finding's
decision. Rejected findings (present only when the report is not ``accepted_only``) are *not*
conflicts: they are left out of every count (the totals, the domain × severity table, the
standards cited), out of the provision-by-provision grouping and out of the highlighted words,
and are listed apart in :attr:`ReportView.rejected` with the reviewer's reason, so no total
counts a finding the reviewers threw out. An unreviewed report is shown exactly as before.

Offsets: :class:`~checker.models.Span` offsets are character offsets into the draft text (end
exclusive); a :class:`~checker.models.ProvisionRef` ``text`` starts at ``provision.start`` in
the same coordinates, so a span is shown in a provision at ``span.start - provision.start``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from checker.models import (
    CitationRef,
    Domain,
    Finding,
    ProvisionRef,
    Report,
    ReviewDecision,
    ReviewSummary,
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
class DecisionView:
    """A reviewer's decision on one finding, as printed (reviewed reports only).

    ``decision`` is ``accepted``, ``edited``, ``rejected`` or ``pending`` (nobody decided yet);
    ``headline`` the words every format prints first ("Accepted by the reviewer", "Edited and
    accepted by the reviewer", "Rejected by the reviewer", "Not yet reviewed"); ``reason`` the reviewer's reason (always there for a rejection);
    ``by`` who and when (``Ana Lee (k_01), 2026-03-14 10:00 UTC``), None when pending;
    ``severity_note`` / ``recommendation_note`` are "Severity set by the reviewer" /
    "Recommendation revised by the reviewer" when an edit changed them, else None (the
    finding's ``severity`` and ``recommendation`` already hold the reviewer's values).
    Reviewer names and reasons are user input: the templates escape them like draft text.
    """

    decision: str
    headline: str
    reason: str | None = None
    by: str | None = None
    severity_note: str | None = None
    recommendation_note: str | None = None

    @property
    def rejected(self) -> bool:
        """True for a rejected finding."""
        return self.decision == ReviewDecision.rejected.value

    @property
    def lead(self) -> str:
        """The part printed in bold: the headline, with a colon before a rejection's reason
        (``Rejected by the reviewer:``)."""
        return self.headline + (":" if self.rejected and self.reason else "")

    @property
    def detail(self) -> str:
        """What follows :attr:`lead` after a space (empty when nothing does): a rejection's
        reason, then who and when, e.g. ``The period is lawful here. — Ana Lee (k_01),
        2026-03-14 10:00 UTC``; the reason of an accepted or edited finding comes last,
        introduced by "Reason:"."""
        parts = []
        if self.rejected and self.reason:
            parts.append(self.reason)
        if self.by:
            parts.append(f"— {self.by}")
        text = " ".join(parts)
        if self.reason and not self.rejected:
            text = (text + ". " if text else "") + f"Reason: {self.reason}"
        return text

    @property
    def text(self) -> str:
        """The whole decision on one line: :attr:`lead`, a space, :attr:`detail`."""
        return f"{self.lead} {self.detail}" if self.detail else self.lead


@dataclass(frozen=True)
class FindingView:
    """One finding as printed.

    ``quotes`` are the distinct quoted words of its spans, in draft order; ``confidence_percent``
    is ``confidence`` × 100 rounded to a whole number (0–100); ``decision`` the reviewer's
    decision on a reviewed report, None on an unreviewed one.
    """

    finding: Finding
    severity: str
    severity_label: str
    domain_label: str
    confidence_percent: int
    quotes: list[str]
    citations: list[CitationView]
    related: list[ProvisionRef]
    decision: DecisionView | None = None


@dataclass(frozen=True)
class RejectedView:
    """A finding the reviewers rejected, listed apart from the conflicts: ``where`` is its
    provision's label (``Article 9(1)``) or "The draft as a whole"."""

    where: str
    finding: FindingView


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
    review_lines: list[str] = field(default_factory=list)
    """Sentences saying how the report was reviewed (see :func:`review_lines`); empty for an
    unreviewed report."""
    rejected: list[RejectedView] = field(default_factory=list)
    """Findings the reviewers rejected, in draft order (whole-draft findings first); never
    counted in ``total``, ``rows`` or ``standards``."""

    @property
    def reviewed(self) -> bool:
        """True when the report carries a review."""
        return bool(self.review_lines)


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


WHOLE_DRAFT = "The draft as a whole"
"""Where a whole-draft finding is, as printed."""


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


_KEY_ID = re.compile(r"^(?P<name>.*\S) \((?:[0-9a-f]{12}|[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*)\)$", re.S)


def reviewer_name(label: str) -> str:
    """The reviewer's name without the organisation's key id that the service appends
    (:func:`checker.review.reviewer_label`): ``"Dana Osei (f3c2dc32ea39)"`` → ``"Dana Osei"``.

    Only a last bracket holding one word with a digit (or twelve hex digits) is taken for a
    key id, so ``"Ana Lee (OSCE)"`` stays as it is.
    """
    match = _KEY_ID.match(label.strip())
    return match["name"] if match else label.strip()


def filing_review_lines(review: ReviewSummary | None) -> list[str]:
    """:func:`review_lines` for the filing reports (DOCX, PDF): the same sentences, with each
    reviewer named without the organisation's key id (see :func:`reviewer_name`)."""
    if review is None:
        return []
    names = list(dict.fromkeys(reviewer_name(r) for r in review.reviewers))
    return review_lines(review.model_copy(update={"reviewers": names}))


def review_lines(review: ReviewSummary | None) -> list[str]:
    """The sentences every format prints at the top of a reviewed report; ``[]`` for None.

    ``accepted`` in the first count is ``review.accepted + review.edited`` (an edited finding
    counts as accepted), e.g.::

        Reviewed by Ana Lee (k_01), Ben Ode (k_02); last decision 2026-03-14 10:00 UTC.
        5 findings accepted (of which 1 edited), 1 rejected, 2 not yet reviewed.
        This report lists only the findings the reviewers accepted.

    When the report is not ``accepted_only``, the third sentence says instead that findings not
    yet reviewed are included unreviewed (when there are any) and that rejected findings are
    listed apart and not counted (when there are any).
    """
    if review is None:
        return []
    if review.reviewers and review.last_reviewed_at is not None:
        lines = [
            f"Reviewed by {', '.join(review.reviewers)}; "
            f"last decision {format_generated(review.last_reviewed_at)}."
        ]
    elif review.reviewers:
        lines = [f"Reviewed by {', '.join(review.reviewers)}."]
    else:
        lines = ["Reviewed: no reviewer has decided on a finding yet."]
    accepted = review.accepted + review.edited
    lines.append(
        f"{_plural(accepted, 'finding')} accepted (of which {review.edited} edited), "
        f"{review.rejected} rejected, {review.pending} not yet reviewed."
    )
    if review.accepted_only:
        lines.append("This report lists only the findings the reviewers accepted.")
    else:
        if review.pending:
            lines.append(
                f"The {_plural(review.pending, 'finding')} not yet reviewed "
                f"{'is' if review.pending == 1 else 'are'} included unreviewed, marked "
                "“Not yet reviewed”."
            )
        if review.rejected:
            lines.append(
                "Rejected findings are listed apart, with the reviewers’ reasons, and are not "
                "counted as conflicts."
            )
    return lines


def decision_view(finding: Finding, *, key_ids: bool = True) -> DecisionView:
    """How ``finding``'s review decision is printed; "Not yet reviewed" when it has none.

    ``key_ids`` False names the reviewer without the organisation's key id, as the filing
    reports do (see :func:`reviewer_name`). Only meaningful on a reviewed report:
    :func:`build_view` calls it only then.
    """
    review = finding.review
    if review is None:
        return DecisionView(decision="pending", headline="Not yet reviewed")
    who = review.reviewer if key_ids else reviewer_name(review.reviewer)
    by = f"{who}, {format_generated(review.reviewed_at)}"
    reason = " ".join(review.reason.split()) if review.reason and review.reason.strip() else None
    if review.decision == ReviewDecision.rejected:
        return DecisionView(
            decision="rejected", headline="Rejected by the reviewer", reason=reason, by=by
        )
    if review.decision == ReviewDecision.edited:
        return DecisionView(
            decision="edited",
            headline="Edited and accepted by the reviewer",
            reason=reason,
            by=by,
            severity_note="Severity set by the reviewer" if review.severity is not None else None,
            recommendation_note=(
                "Recommendation revised by the reviewer"
                if review.recommendation is not None
                else None
            ),
        )
    return DecisionView(decision="accepted", headline="Accepted by the reviewer", reason=reason, by=by)


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


def _finding_view(finding: Finding, reviewed: bool = False) -> FindingView:
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
        decision=decision_view(finding) if reviewed else None,
    )


def _finding_order(finding: Finding) -> tuple:
    return (-finding.severity.rank, -finding.confidence, finding.standard_id, finding.id)


def _summary(report: Report) -> tuple[list[SummaryRow], SummaryRow]:
    """Domain × severity rows of ``report``'s findings (pass a report holding the findings
    to count)."""
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

    On a reviewed report (``report.review`` set) every finding carries its
    :class:`DecisionView`, and rejected findings go to ``rejected`` instead: they are not
    counted, grouped or highlighted (see the module's docstring).
    """
    reviewed = report.review is not None
    kept: list[Finding] = []
    thrown: list[Finding] = []
    for finding in report.findings:
        decided = finding.review.decision if reviewed and finding.review is not None else None
        (thrown if decided == ReviewDecision.rejected else kept).append(finding)
    counted = report if not thrown else report.model_copy(update={"findings": kept})
    absences = sorted((f for f in kept if f.absence or f.provision is None), key=_finding_order)
    grouped: dict[str, list[Finding]] = {}
    refs: dict[str, ProvisionRef] = {}
    for finding in kept:
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
                findings=[_finding_view(f, reviewed) for f in findings],
                location=_location(ref),
            )
        )

    if report.provisions:
        checked = len(report.provisions)
        clean = sum(1 for p in report.provisions if p.eid not in grouped)
    else:
        checked = report.draft.provisions
        clean = max(checked - len(grouped), 0)

    rows, total_row = _summary(counted)
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
        total=len(kept),
        rows=rows,
        total_row=total_row,
        standards=_standards(kept),
        absences=[_finding_view(f, reviewed) for f in absences],
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
        review_lines=review_lines(report.review),
        rejected=[
            RejectedView(
                where=provision_labels(f.provision) if f.provision is not None else WHOLE_DRAFT,
                finding=_finding_view(f, reviewed),
            )
            for f in sorted(thrown, key=_draft_order)
        ],
    )


def _draft_order(finding: Finding) -> tuple:
    if finding.absence or finding.provision is None:
        return (0, 0, 0, *_finding_order(finding))
    return (1, finding.provision.start, -finding.provision.end, *_finding_order(finding))
