"""What a report for filing shows (the DOCX and PDF reports), computed once from a
:class:`~checker.models.Report`.

A filing report is laid out like a written legal opinion: a title page, an executive summary,
then numbered paragraphs — one per finding, grouped by provision, whole-draft findings first —
each giving the quoted words, the conflict, the pinpoint citations and the recommendation; a
table of every conflict by paragraph number; and an annex of the standards and sources relied
on. :func:`build_submission` takes every decision about order, numbering and wording, so the
DOCX writer (:mod:`reports.docx_report`) and the PDF template (``submission.html.j2``) only lay
it out and say the same thing.

A reviewed report (``Report.review`` set) says so on its title page
(:attr:`Submission.review`, the sentences of :func:`reports.view.review_lines`), and each
numbered paragraph carries its decision (``finding.decision``). Rejected findings are not
conflicts: they get no paragraph number, no row in the table of conflicts and no place in the
counts; they are listed in their own section, "Findings rejected by the reviewers"
(:attr:`Submission.rejected`, numbered R1, R2, ...), each with the reviewer's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from checker.models import CitationRef, Report
from reports.reasons import filing_reasons
from reports.view import (
    AnnexEntry,
    CitationView,
    FindingView,
    ReportView,
    Segment,
    SummaryRow,
    build_view,
    decision_view,
    filing_review_lines,
    provision_labels,
    safe_url,
)

DISCLAIMER = (
    "This report is an automated screening, not legal advice. A lawyer must review every "
    "finding against the draft and the cited sources before relying on it or filing it."
)

ABOUT = (
    "Each numbered paragraph quotes the words of the draft in question, states the conflict "
    "with the international standard and the legal reasoning, cites the standard's sources "
    "with their paragraphs, and recommends a change.",
    "The screening's full reasoning trail for each finding (which rule matched which words, "
    "and which limits were compared) is in the HTML and JSON reports of the same check.",
)
"""The sentences of the section "About this report"."""


@dataclass(frozen=True)
class NumberedParagraph:
    """One finding as a numbered paragraph of the filing report.

    ``number`` counts from 1 across the whole report; ``where`` is the provision's label
    (``Статья 9 пункт 1 / Article 9(1)``) or ``"The draft as a whole"``; ``conflict`` is the
    standard's principle as encoded (the finding's title when the report carries no annex
    entry for it); ``reasons`` the legal reasoning in plain words, without the rule trail
    (:func:`reports.reasons.filing_reasons`); ``anchor`` is an id for links (``para-3``).
    ``finding.decision`` names the reviewer without the organisation's key id.
    """

    number: int
    anchor: str
    where: str
    finding: FindingView
    quotes: list[str]
    conflict: str
    reasons: list[str]
    citations: list[CitationView]
    recommendation: str
    marker: str = ""

    @property
    def label(self) -> str:
        """How the paragraph is numbered in print: ``3.``, or ``R1.`` for a rejected finding."""
        return f"{self.marker}{self.number}."


@dataclass(frozen=True)
class SubmissionSection:
    """A provision with its numbered paragraphs, or the whole-draft section (``provision``
    None, ``segments`` empty). ``location`` is "Page 3 of the file" for a provision of a
    paginated source (PDF), else None."""

    anchor: str
    heading: str
    subheading: str | None
    location: str | None
    segments: list[Segment]
    paragraphs: list[NumberedParagraph]


@dataclass(frozen=True)
class ConflictRow:
    """One row of the table of conflicts: paragraph number, where, standard, severity,
    the first quoted words (or an em dash for a whole-draft finding)."""

    number: int
    anchor: str
    where: str
    standard_id: str
    title: str
    severity: str
    severity_label: str
    domain_label: str
    words: str


@dataclass(frozen=True)
class SourceEntry:
    """A source document cited anywhere in the report (annex B): its catalogue id, full
    title, short name, symbol and safe address."""

    source: str
    title: str
    cite_as: str
    symbol: str | None
    url: str | None


@dataclass
class Submission:
    """Everything a filing report shows, in the order it shows it.

    ``date`` is the day of the check (``2026-03-14``); ``summary`` the executive summary's
    sentences; ``rows``/``total_row`` the domain × severity counts; ``sections`` whole-draft
    first, then provisions in draft order; ``conflicts`` one row per numbered paragraph.
    """

    view: ReportView
    title: str
    country: str | None
    date: str
    language: str
    summary: list[str]
    rows: list[SummaryRow]
    total_row: SummaryRow
    sections: list[SubmissionSection]
    conflicts: list[ConflictRow]
    annex: list[AnnexEntry]
    sources: list[SourceEntry]
    disclaimer: str = DISCLAIMER
    severities: list[tuple[str, str]] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    """How the report was reviewed, as sentences; empty for an unreviewed report."""
    rejected: list[NumberedParagraph] = field(default_factory=list)
    """Findings the reviewers rejected, numbered R1, R2, ... (anchors ``rejected-1``...);
    empty unless the report is reviewed and not ``accepted_only``."""
    about: tuple[str, ...] = ABOUT
    """The sentences of "About this report"."""


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _summary(view: ReportView, report: Report) -> list[str]:
    sentences: list[str] = []
    total = view.total
    if not total:
        sentences.append(
            f"The screening found no conflict between the draft and the standards of catalogue "
            f"version {view.catalogue_version} ({_plural(view.provisions_checked, 'provision')} checked)."
        )
    else:
        counts = view.total_row.counts
        by_severity = ", ".join(
            f"{counts[key]} of {label.lower()} severity" for key, label in view.severities if counts[key]
        )
        sentences.append(
            f"The screening found {_plural(total, 'possible conflict')} between the draft and "
            f"the international standards ({by_severity}), in "
            f"{_plural(len(view.provisions), 'provision')} of the {view.provisions_checked} checked"
            + (
                f", and {_plural(len(view.absences), 'safeguard')} missing from the draft as a whole."
                if view.absences
                else "."
            )
        )
        areas = "; ".join(f"{row.label.lower()}: {row.total}" for row in view.rows)
        sentences.append(f"By area of law: {areas}.")
        top = view.standards[:3]
        if top:
            sentences.append(
                "The standards most often engaged are "
                + "; ".join(f"{s.title} ({s.standard_id}, {_plural(s.count, 'finding')})" for s in top)
                + "."
            )
    if view.min_severity:
        sentences.append(f"Only findings of {view.min_severity} severity or above are reported.")
    unverified = sum(1 for a in view.annex for c in a.citations if not c.verified)
    if unverified:
        sentences.append(
            f"{_plural(unverified, 'citation')} in the annex {'is' if unverified == 1 else 'are'} marked "
            "“paragraph to be confirmed” and must be checked against the source before filing."
        )
    return sentences


def _page(page: int | None) -> str | None:
    """Where a provision is in a paginated source file (a PDF): "Page 3 of the file"; None
    for a source without pages (the paragraph index of a Word or text file is left out)."""
    return f"Page {page} of the file" if page is not None else None


def _sources(report: Report) -> list[SourceEntry]:
    seen: dict[str, CitationRef] = {}
    for standard in report.standards:
        for citation in standard.citations:
            seen.setdefault(citation.source, citation)
    for finding in report.findings:
        for citation in finding.citations:
            seen.setdefault(citation.source, citation)
    return [
        SourceEntry(
            source=c.source,
            title=c.title,
            cite_as=c.cite_as,
            symbol=c.symbol,
            url=safe_url(c.url),
        )
        for c in sorted(seen.values(), key=lambda c: (c.cite_as or c.symbol or c.source).lower())
    ]


def build_submission(report: Report) -> Submission:
    """Number, group and word ``report``'s findings for a filing report.

    Args:
        report: a checked draft's report.

    Returns:
        a :class:`Submission`: numbered paragraphs count from 1, whole-draft findings first
        (most serious first), then provision by provision in draft order (most serious
        first within a provision); one conflict row per paragraph. Rejected findings of a
        reviewed report are in ``rejected`` only.

    Raises:
        TypeError: ``report`` is not a :class:`~checker.models.Report`.
    """
    if not isinstance(report, Report):
        raise TypeError(f"expected a checker.models.Report, got {type(report).__name__}")
    view = build_view(report)
    principles = {s.id: s.principle for s in report.standards}
    number = 0
    sections: list[SubmissionSection] = []
    conflicts: list[ConflictRow] = []

    def numbered(
        fv: FindingView, where: str, count: int, anchor: str, marker: str = ""
    ) -> NumberedParagraph:
        finding = fv.finding
        if fv.decision is not None:
            fv = replace(fv, decision=decision_view(finding, key_ids=False))
        return NumberedParagraph(
            number=count,
            anchor=anchor,
            where=where,
            finding=fv,
            quotes=fv.quotes,
            conflict=principles.get(finding.standard_id) or finding.title,
            reasons=filing_reasons(finding.explanation),
            citations=fv.citations,
            recommendation=" ".join(finding.recommendation.split()),
            marker=marker,
        )

    def paragraph(fv: FindingView, where: str) -> NumberedParagraph:
        nonlocal number
        number += 1
        finding = fv.finding
        item = numbered(fv, where, number, f"para-{number}")
        conflicts.append(
            ConflictRow(
                number=number,
                anchor=item.anchor,
                where=where,
                standard_id=finding.standard_id,
                title=finding.title,
                severity=fv.severity,
                severity_label=fv.severity_label,
                domain_label=fv.domain_label,
                words=fv.quotes[0] if fv.quotes else "—",
            )
        )
        return item

    if view.absences:
        where = "The draft as a whole"
        sections.append(
            SubmissionSection(
                anchor="whole-draft",
                heading=where,
                subheading="Safeguards no provision of the draft provides",
                location=None,
                segments=[],
                paragraphs=[paragraph(fv, where) for fv in view.absences],
            )
        )
    for pv in view.provisions:
        where = provision_labels(pv.provision)
        sections.append(
            SubmissionSection(
                anchor=f"provision-{pv.provision.eid}",
                heading=where,
                subheading=pv.provision.heading,
                location=_page(pv.provision.page),
                segments=pv.segments,
                paragraphs=[paragraph(fv, where) for fv in pv.findings],
            )
        )
    return Submission(
        view=view,
        title=view.title,
        country=report.draft.country,
        date=report.generated_at.strftime("%Y-%m-%d"),
        language=view.language,
        summary=_summary(view, report),
        rows=view.rows,
        total_row=view.total_row,
        sections=sections,
        conflicts=conflicts,
        annex=view.annex,
        sources=_sources(report),
        severities=view.severities,
        review=filing_review_lines(report.review),
        rejected=[
            numbered(rv.finding, rv.where, i, f"rejected-{i}", "R")
            for i, rv in enumerate(view.rejected, start=1)
        ],
    )
