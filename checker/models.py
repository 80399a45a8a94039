"""The data that flows between rightscheck's modules.

ingest produces a :class:`Document`; structure turns it into a :class:`Draft` (a tree of
:class:`Provision`); the engine produces :class:`Finding` objects gathered in a
:class:`Report`. All offsets are character offsets (Python ``str`` indices, end exclusive)
into ``Document.text`` / ``Draft.text``, which are the same string.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["en", "ru"]
SourceFormat = Literal["txt", "docx", "pdf", "html", "odt", "rtf", "text"]


class Severity(str, Enum):
    """Legal weight of a conflict if it is real."""

    high = "high"
    medium = "medium"
    low = "low"

    @property
    def rank(self) -> int:
        """3 for high, 2 for medium, 1 for low: for sorting and thresholds."""
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class Domain(str, Enum):
    """Area of law a standard belongs to; ``cross_cutting`` applies to every right."""

    cross_cutting = "cross-cutting"
    assembly = "assembly"
    expression = "expression"
    media = "media"
    association = "association"
    elections = "elections"


# --------------------------------------------------------------------------- ingest


class TextBlock(BaseModel):
    """One block of the source (a paragraph of a DOCX, a line group of a PDF page...).

    ``start``/``end`` locate the block in ``Document.text``; ``page`` (1-based, PDFs only)
    and ``paragraph`` (1-based index of the block in the source) say where it came from.
    """

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    page: int | None = None
    paragraph: int | None = None


class Document(BaseModel):
    """Text extracted from one uploaded file, with provenance of each block.

    ``text`` is the blocks' text joined by ``"\\n"``; it is the coordinate system of every
    later offset.
    """

    text: str
    blocks: list[TextBlock]
    source_name: str = Field(description="file name as uploaded, or '<text>'")
    source_format: SourceFormat
    encoding: str | None = Field(default=None, description="detected encoding of a text file")
    sha256: str = Field(description="hex digest of the uploaded bytes")

    def block_at(self, offset: int) -> TextBlock | None:
        """The block containing character ``offset``, or None (between blocks / out of range)."""
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            block = self.blocks[mid]
            if offset < block.start:
                hi = mid - 1
            elif offset >= block.end:
                lo = mid + 1
            else:
                return block
        return None


# --------------------------------------------------------------------------- structure

ProvisionKind = Literal[
    "preamble",
    "chapter",
    "section",  # also a UK section (the article-level unit)
    "article",
    "part",  # часть: an unnumbered or numbered part of a Russian article
    "paragraph",
    "subparagraph",
    "subsection",
    "point",
    "sentence",  # unit of an unstructured text
]


class Provision(BaseModel):
    """A node of the draft's structure.

    Attributes:
        eid: Akoma Ntoso-style identifier, e.g. ``art_9__para_1__subpara_2``; ``preamble``;
            ``chp_2`` for a chapter; ``sent_12`` for a sentence of an unstructured text.
        kind: what the node is.
        num: its number as written, without punctuation ("9", "1", "a", "iv"), or None.
        label: English label for people, e.g. ``Article 9(1)(2)``, ``Section 3(1)(a)``.
        label_local: label in the draft's language when not English, e.g.
            ``Статья 9 пункт 1 подпункт 2``; None for English drafts.
        heading: the heading of an article or chapter, if any.
        start, end: offsets of the whole node (heading and children included).
        children: nested provisions in document order.
    """

    eid: str
    kind: ProvisionKind
    num: str | None = None
    label: str
    label_local: str | None = None
    heading: str | None = None
    start: int
    end: int
    children: list["Provision"] = Field(default_factory=list)

    def walk(self) -> Iterator["Provision"]:
        """This provision and all its descendants, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def own_segments(self) -> list[tuple[int, int]]:
        """``(start, end)`` ranges of this node's text that belong to no child, in order."""
        segments: list[tuple[int, int]] = []
        cursor = self.start
        for child in self.children:
            if child.start > cursor:
                segments.append((cursor, child.start))
            cursor = max(cursor, child.end)
        if cursor < self.end:
            segments.append((cursor, self.end))
        return segments


class Definition(BaseModel):
    """A term defined in the draft's definitions ("basic concepts") article.

    ``term`` as written ("participant of a peaceful assembly"), ``meaning`` the defining
    words; ``start``/``end`` cover the whole definition in the draft text.
    """

    term: str
    meaning: str
    provision_eid: str
    start: int
    end: int


class CrossReference(BaseModel):
    """A reference inside the draft to another of its provisions.

    ``text`` is the referring words ("paragraph 4 of Article 4"); ``target_eids`` the
    provisions they resolve to (empty when the target does not exist in the draft).
    """

    text: str
    start: int
    end: int
    source_eid: str
    target_eids: list[str]


class Draft(BaseModel):
    """A draft law split into provisions.

    ``structured`` is False when no articles or sections were recognised and ``provisions``
    are the draft's sentences.
    """

    title: str | None = None
    language: Language
    text: str
    provisions: list[Provision]
    definitions: list[Definition] = Field(default_factory=list)
    cross_references: list[CrossReference] = Field(default_factory=list)
    structured: bool = True
    document: Document

    def walk(self) -> Iterator[Provision]:
        """Every provision of the tree, depth first, in document order."""
        for provision in self.provisions:
            yield from provision.walk()

    def find(self, eid: str) -> Provision | None:
        """The provision with this eId, or None."""
        return next((p for p in self.walk() if p.eid == eid), None)


# --------------------------------------------------------------------------- findings


class Span(BaseModel):
    """Words of the draft a finding points at: offsets into the draft text and the quote."""

    start: int
    end: int
    quote: str


class ProvisionRef(BaseModel):
    """The provision a finding is about, as printed in reports.

    ``page`` and ``paragraph`` come from the source file's block where the provision
    starts (page numbers for PDFs only).
    """

    eid: str
    label: str
    label_local: str | None = None
    heading: str | None = None
    text: str
    start: int
    end: int
    page: int | None = None
    paragraph: int | None = None


class CitationRef(BaseModel):
    """A pinpoint citation as printed in a finding.

    ``paragraphs`` are the paragraph numbers of the source ("70", "72"); ``locator`` is used
    instead when the source has no usable paragraph number (a section or page).
    ``verified`` is False when the catalogue marks the paragraph number as unconfirmed.
    """

    source: str
    title: str
    cite_as: str = Field(default="", description="short name of the source, e.g. 'HRC General Comment No. 37'")
    symbol: str | None = None
    url: str | None = None
    unit: Literal["para.", "art.", "§"] = "para."
    paragraphs: list[str] = Field(default_factory=list)
    locator: str | None = None
    verified: bool

    @property
    def pinpoint(self) -> str:
        """E.g. ``HRC General Comment No. 37, paras. 70, 72``, ``ICCPR, art. 21`` or the locator."""
        name = self.cite_as or self.symbol or self.source
        if self.paragraphs:
            plural = {"para.": "paras.", "art.": "arts.", "§": "§§"}[self.unit]
            word = self.unit if len(self.paragraphs) == 1 else plural
            return f"{name}, {word} {', '.join(self.paragraphs)}"
        return f"{name}, {self.locator}" if self.locator else name


class ReviewDecision(str, Enum):
    """What a lawyer decided about one finding."""

    accepted = "accepted"
    rejected = "rejected"
    edited = "edited"


class FindingReview(BaseModel):
    """A lawyer's decision on one finding, with who made it and when.

    ``reason`` is required for a rejection; an ``edited`` finding carries the replacement
    ``recommendation`` and/or ``severity`` (None keeps the detector's). An edited finding
    counts as accepted. ``reviewer`` is the name the lawyer gave at sign-in, with the
    organisation's key id in brackets; ``reviewed_at`` is UTC.
    """

    finding_id: str
    decision: ReviewDecision
    reason: str | None = None
    recommendation: str | None = None
    severity: Severity | None = None
    reviewer: str
    reviewed_at: datetime


class ReviewSummary(BaseModel):
    """How a report's findings were reviewed; present only on a reviewed report.

    ``accepted_only`` True means the report lists only the accepted and edited findings;
    the counts are over every finding the check produced.
    """

    accepted_only: bool
    accepted: int = Field(ge=0)
    edited: int = Field(ge=0)
    rejected: int = Field(ge=0)
    pending: int = Field(ge=0, description="findings nobody has decided on yet")
    reviewers: list[str]
    last_reviewed_at: datetime | None


class Finding(BaseModel):
    """One conflict between a provision and a standard.

    ``provision`` is None and ``absence`` True for a safeguard the whole draft lacks.
    ``spans`` are the draft's words that triggered the finding (empty for an absence);
    ``explanation`` lists the detector's steps in order; ``related`` are provisions the
    finding relies on through a definition or a cross-reference.
    """

    id: str = Field(description="stable id: standard, detector and provision")
    standard_id: str
    title: str
    domain: Domain
    severity: Severity
    confidence: float = Field(ge=0.0, le=1.0)
    provision: ProvisionRef | None
    absence: bool = False
    spans: list[Span] = Field(default_factory=list)
    citations: list[CitationRef]
    explanation: list[str]
    recommendation: str
    detector: str = Field(description="'<kind>:<detector id>' of the standard's detector")
    related: list[ProvisionRef] = Field(default_factory=list)
    review: FindingReview | None = Field(
        default=None, description="the lawyer's decision, on a reviewed report only"
    )


class CitedStandard(BaseModel):
    """A standard that at least one finding relies on, for the report's annex.

    ``principle`` is the catalogue's own wording of the rule; ``status`` "unverified" means
    the standard's lead citation still has to be checked against its source.
    """

    id: str
    title: str
    domain: Domain
    principle: str
    status: Literal["verified", "unverified"]
    citations: list[CitationRef]


class DraftSummary(BaseModel):
    """What was checked."""

    title: str | None
    language: Language
    source_name: str
    source_format: SourceFormat
    sha256: str
    words: int
    provisions: int
    structured: bool
    other_language_blocks: int = Field(
        default=0, description="blocks of the source in another language than `language` (read all the same)"
    )
    country: str | None = Field(
        default=None, description="the country whose draft this is, when the user gave it; else null"
    )


class Report(BaseModel):
    """The result of checking one draft; the stable public JSON format (see docs/report-schema.md).

    ``provisions`` lists every checkable provision (leaves of the tree, or sentences) so a
    report can show the draft with the findings beside it.
    """

    schema_version: str
    tool: str
    tool_version: str
    catalogue_version: str
    generated_at: datetime
    draft: DraftSummary
    findings: list[Finding]
    provisions: list[ProvisionRef]
    standards: list[CitedStandard] = Field(
        default_factory=list, description="annex: every standard a finding relies on, by id"
    )
    min_severity: Severity = Severity.low
    review: ReviewSummary | None = Field(
        default=None, description="how the findings were reviewed; null for an unreviewed report"
    )

    def counts(self) -> dict[str, dict[str, int]]:
        """``{domain: {severity: n}}`` over the findings, every key present."""
        table = {d.value: {s.value: 0 for s in Severity} for d in Domain}
        for finding in self.findings:
            table[finding.domain.value][finding.severity.value] += 1
        return table
