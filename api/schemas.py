"""The JSON bodies of the HTTP API, as pydantic models (they also document the OpenAPI schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.models import CitationRef

Status = Literal["queued", "running", "done", "failed"]
RequestedLanguage = Literal["auto", "en", "ru"]

EXAMPLE_ID = "3f0c2a9d8e7b4c1fa6d5e4c3b2a19080"


class CheckRequest(BaseModel):
    """A draft sent as JSON text."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "Article 1. Notification\n1. A public event may be held only with the permission "
                            "of the local executive body.",
                    "language": "en",
                    "title": "Draft law on public events",
                    "store_text": False,
                }
            ]
        },
    )

    text: str = Field(min_length=1, description="the draft's text")
    language: RequestedLanguage = Field(default="auto", description="'auto' tells English from Russian by script")
    title: str | None = Field(default=None, max_length=500, description="your name for this check")
    store_text: bool = Field(
        default=True,
        description="keep the draft's text and the report's quotes after the check; false keeps only the findings",
    )


class CheckError(BaseModel):
    """Why a check failed."""

    code: str = Field(examples=["empty"])
    message: str = Field(examples=["the draft contains no letters to check (accepted: English or Russian text)"])


class CheckLinks(BaseModel):
    """Where to fetch the check and its report."""

    self: str = Field(examples=[f"/v1/checks/{EXAMPLE_ID}"])
    report_json: str = Field(examples=[f"/v1/checks/{EXAMPLE_ID}/report.json"])
    report_html: str = Field(examples=[f"/v1/checks/{EXAMPLE_ID}/report.html"])
    report_md: str = Field(examples=[f"/v1/checks/{EXAMPLE_ID}/report.md"])
    report_docx: str = Field(examples=[f"/v1/checks/{EXAMPLE_ID}/report.docx"],
                             description="the filing report as Word; add ?findings=accepted for the accepted findings only")
    report_pdf: str = Field(examples=[f"/v1/checks/{EXAMPLE_ID}/report.pdf"],
                            description="the filing report as PDF; add ?findings=accepted for the accepted findings only")
    reviews: str = Field(examples=[f"/v1/checks/{EXAMPLE_ID}/reviews"],
                         description="the lawyers' decisions on the findings, oldest first")


class CheckSummary(BaseModel):
    """A check as listed: its state, without the report."""

    id: str = Field(examples=[EXAMPLE_ID])
    status: Status = Field(description="queued → running → done | failed")
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    title: str | None = Field(default=None, examples=["Draft law on public events"])
    language: str = Field(description="language the draft is checked in: en or ru", examples=["en"])
    source_name: str = Field(description="uploaded file name, or '<text>'", examples=["draft.docx"])
    source_format: str = Field(examples=["docx"])
    words: int = Field(description="words in the extracted text", examples=[1394])
    store_text: bool
    findings: int | None = Field(default=None, description="number of findings once done", examples=[60])
    error: CheckError | None = Field(default=None, description="why the check failed, when it did")
    links: CheckLinks


class CheckOut(CheckSummary):
    """A check with, once done, its report (the JSON format of docs/report-schema.md)."""

    report: dict[str, Any] | None = Field(
        default=None,
        description="the report once status is done; without the draft's words when store_text is false",
    )


class CheckPage(BaseModel):
    """A page of the organisation's checks, newest first."""

    items: list[CheckSummary]
    total: int = Field(description="checks of the organisation in all", examples=[42])
    limit: int = Field(examples=[20])
    offset: int = Field(examples=[0])


class StandardSummary(BaseModel):
    """An encoded standard as listed."""

    id: str = Field(examples=["ASM-NOTIFY-NOT-AUTH"])
    title: str = Field(examples=["Notification, never permission"])
    domain: str = Field(examples=["assembly"])
    also_domains: list[str] = Field(default_factory=list)
    severity: Literal["high", "medium", "low"]
    status: Literal["verified", "unverified"] = Field(
        description="unverified: the lead citation still has to be checked against its source"
    )
    languages: list[str] = Field(description="languages with a detector for this standard", examples=[["en", "ru"]])
    detector_kinds: list[str] = Field(examples=[["pattern", "absence"]])


class StandardOut(StandardSummary):
    """An encoded standard: its rule, citations and recommendation."""

    principle: str
    recommendation: str
    compliant_alternative: str
    citations: list[CitationRef]


class Health(BaseModel):
    """The service's state."""

    status: Literal["ok", "unavailable"]
    version: str = Field(examples=["0.1.0"])
    database: Literal["ok", "unreachable"]
    queued: int = Field(description="checks waiting for a worker", examples=[0])
    running: int = Field(description="checks being analysed", examples=[0])


class Problem(BaseModel):
    """An error, as RFC 9457 problem details (media type application/problem+json)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:rightscheck:problem:unsupported-format",
                    "title": "The draft cannot be checked",
                    "status": 415,
                    "detail": "draft.doc is a legacy Word 97-2003 (.doc) file; save it as .docx",
                    "code": "unsupported-format",
                    "accepted": "accepted: .txt, .docx, .pdf, .html, .odt, .rtf",
                }
            ]
        },
    )

    type: str
    title: str
    status: int
    detail: str
    code: str | None = Field(default=None, description="machine-readable reason, e.g. too-large")
    accepted: str | None = Field(default=None, description="what would be accepted instead")


class ComparisonRequest(BaseModel):
    """Two done checks of the organisation: an earlier and a revised version of one draft."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"old_check_id": "3f2a" + "0" * 28, "new_check_id": "9b1c" + "0" * 28}]},
    )

    old_check_id: str = Field(description="id of the check of the earlier version")
    new_check_id: str = Field(description="id of the check of the revised version")


class ReviewRequest(BaseModel):
    """A lawyer's decision on one finding of a done check."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"decision": "rejected", "reviewer": "Dana Osei",
                 "reason": "Article 3(2) sets the venue's fire-safety capacity, not a cap on the assembly."},
                {"decision": "edited", "reviewer": "Dana Osei", "severity": "medium",
                 "recommendation": "Replace the approval by a notification filed 48 hours ahead."},
                {"decision": "accepted", "reviewer": "Dana Osei"},
            ]
        },
    )

    decision: Literal["accepted", "rejected", "edited"] = Field(
        description="accepted: the finding stands; rejected: it is wrong (give a reason); "
                    "edited: it stands with your recommendation and/or severity"
    )
    reviewer: str = Field(min_length=1, max_length=100, description="your name; stored as 'name (key id)'",
                          examples=["Dana Osei"])
    reason: str | None = Field(default=None, max_length=2000,
                               description="why: required to reject, optional otherwise")
    recommendation: str | None = Field(default=None, max_length=5000,
                                       description="edited: the recommendation that replaces the checker's")
    severity: Literal["high", "medium", "low"] | None = Field(
        default=None, description="edited: the severity that replaces the checker's"
    )
