"""A reviewed report says so in every format (HTML, Markdown, DOCX, PDF), and an unreviewed one
does not.

The reports are a real check of the Arventa sample draft with review decisions set by hand, the
way ``checker.review.apply_reviews`` sets them: the whole-draft finding accepted, one finding
edited (severity high → low, a new recommendation), one rejected with a reason, the rest left
undecided. Each rendered document is read back as text (python-docx for DOCX, pypdf for PDF).
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from checker.models import FindingReview, Report, ReviewSummary, Severity
from reports import render, render_bytes
from reports.pdf_report import render_submission_html
from reports.submission import build_submission
from reports.view import (
    DecisionView,
    build_view,
    decision_view,
    filing_review_lines,
    review_lines,
    reviewer_name,
)

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "drafts" / "arventa-public-events-2024.en.txt"

ANA = "Ana Lee (k_01)"
BEN = "Ben Ode (k_02)"
HOSTILE = "<b>x</b> (k_03)"
# The filing reports (DOCX, PDF) name reviewers without the organisation's key id.
NAMED = {"html": ANA, "md": ANA, "docx": "Ana Lee", "pdf": "Ana Lee"}
NAMED_BEN = {"html": BEN, "md": BEN, "docx": "Ben Ode", "pdf": "Ben Ode"}
FIRST = datetime(2026, 3, 14, 10, 0, tzinfo=timezone.utc)
LAST = datetime(2026, 3, 14, 10, 5, tzinfo=timezone.utc)

REJECT_REASON = "Article 1 only defines terms; the restriction is in Article 11, flagged separately."
NEW_RECOMMENDATION = "Name everyone within the jurisdiction as a possible participant."
EDITED_ID = "ASM-EVERYONE-NONCITIZENS:art_1__subpara_1"
REJECTED_ID = "ASM-EVERYONE-NONCITIZENS:art_1__subpara_2"
ACCEPTED_ID = "ASM-LAST-RESORT:draft"
PENDING_ID = "X-NONDISCRIMINATION:art_1__subpara_2"
FORMATS = ("html", "md", "docx", "pdf")


@lru_cache(maxsize=1)
def _checked() -> Report:
    report = check_draft()
    ids = {f.id for f in report.findings}
    assert {EDITED_ID, REJECTED_ID, ACCEPTED_ID, PENDING_ID} <= ids, "the sample draft changed"
    # Keep the PDFs short: the reviewed findings and a few undecided ones.
    eids = ("draft", "art_1__subpara_1", "art_1__subpara_2")
    keep = [f for f in report.findings if f.id.split(":")[1] in eids]
    assert len(keep) == 4
    return report.model_copy(update={"findings": keep})


def check_draft() -> Report:
    from checker.pipeline import check

    report = check(DRAFT)
    return report.model_copy(update={"generated_at": datetime(2026, 3, 14, 9, 0, tzinfo=timezone.utc)})


def _reviewed(*, accepted_only: bool, second_reviewer: str = BEN) -> Report:
    """The checked report after review, as ``checker.review.apply_reviews`` would make it."""
    report = _checked()
    reviews = {
        ACCEPTED_ID: FindingReview(finding_id=ACCEPTED_ID, decision="accepted", reviewer=ANA, reviewed_at=FIRST),
        EDITED_ID: FindingReview(
            finding_id=EDITED_ID, decision="edited", severity=Severity.low,
            recommendation=NEW_RECOMMENDATION, reviewer=second_reviewer, reviewed_at=LAST,
        ),
        REJECTED_ID: FindingReview(
            finding_id=REJECTED_ID, decision="rejected", reason=REJECT_REASON, reviewer=ANA, reviewed_at=FIRST,
        ),
    }
    findings = []
    for finding in report.findings:
        review = reviews.get(finding.id)
        update: dict = {"review": review}
        if review is not None and review.decision.value == "edited":
            update.update(severity=review.severity, recommendation=review.recommendation)
        if accepted_only and (review is None or review.decision.value == "rejected"):
            continue
        findings.append(finding.model_copy(update=update))
    summary = ReviewSummary(
        accepted_only=accepted_only, accepted=1, edited=1, rejected=1,
        pending=len(report.findings) - 3, reviewers=[ANA, second_reviewer], last_reviewed_at=LAST,
    )
    return report.model_copy(update={"findings": findings, "review": summary})


REPORTS = {
    "unreviewed": lambda: _checked(),
    "accepted_only": lambda: _reviewed(accepted_only=True),
    "all": lambda: _reviewed(accepted_only=False),
    "hostile": lambda: _reviewed(accepted_only=False, second_reviewer=HOSTILE),
}


@lru_cache(maxsize=None)
def text_of(kind: str, fmt: str) -> str:
    """The report ``kind`` rendered in ``fmt`` and read back as plain text, whitespace runs
    made one space (Markdown escapes and emphasis markers removed)."""
    report = REPORTS[kind]()
    if fmt == "html":
        text = lxml_html.fromstring(render(report, "html")).text_content()
    elif fmt == "md":
        text = re.sub(r"\\(.)", r"\1", render(report, "md").replace("**", "").replace("*(", "(").replace(")*", ")"))
    elif fmt == "docx":
        document = docx.Document(io.BytesIO(render_bytes(report, "docx")))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        text = "\n".join(parts)
    else:
        reader = PdfReader(io.BytesIO(render_bytes(report, "pdf")))
        text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def headline(fmt: str) -> str:
    """The first review sentence as ``fmt`` prints it."""
    return f"Reviewed by {NAMED[fmt]}, {NAMED_BEN[fmt]}; last decision 2026-03-14 10:05 UTC."


@pytest.mark.parametrize("fmt", FORMATS)
def test_accepted_only_report_says_it_was_reviewed_and_lists_accepted_findings_only(fmt):
    pending = len(_checked().findings) - 3
    text = text_of("accepted_only", fmt)
    assert headline(fmt) in text
    assert f"2 findings accepted (of which 1 edited), 1 rejected, {pending} not yet reviewed." in text
    assert "This report lists only the findings the reviewers accepted." in text
    assert "included unreviewed" not in text
    assert REJECT_REASON not in text
    assert "Not yet reviewed" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_all_findings_report_shows_rejected_finding_with_reason_and_unreviewed_ones(fmt):
    text = text_of("all", fmt)
    assert headline(fmt) in text
    assert "This report lists only the findings the reviewers accepted." not in text
    assert "included unreviewed" in text
    assert "Findings rejected by the reviewers" in text
    assert f"Rejected by the reviewer: {REJECT_REASON} — {NAMED[fmt]}, 2026-03-14 10:00 UTC" in text
    assert f"Accepted by the reviewer — {NAMED[fmt]}, 2026-03-14 10:00 UTC" in text
    assert "Not yet reviewed" in text


@pytest.mark.parametrize(
    ("fmt", "severity_words"),
    [
        ("html", "Severity: Low (Severity set by the reviewer)"),
        ("md", "Severity: Low (Severity set by the reviewer)"),
        ("docx", "Low severity (Severity set by the reviewer)"),
        ("pdf", "Low severity (Severity set by the reviewer)"),
    ],
)
def test_edited_finding_shows_the_reviewers_severity_and_recommendation(fmt, severity_words):
    text = text_of("all", fmt)
    assert severity_words in text
    assert f"{NEW_RECOMMENDATION} (Recommendation revised by the reviewer)" in text
    assert f"Edited and accepted by the reviewer — {NAMED_BEN[fmt]}," in text
    # The unreviewed report shows the detector's severity, with no note.
    assert "set by the reviewer" not in text_of("unreviewed", fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_without_review_has_no_review_wording(fmt):
    text = text_of("unreviewed", fmt)
    for words in ("Reviewed", "reviewer", "Rejected", "Not yet reviewed", "accepted"):
        assert words not in text, words
    # ... while its reviewed twin has them.
    assert "Reviewed by" in text_of("all", fmt)


@pytest.mark.parametrize(
    ("source", "escaped", "raw"),
    [
        (lambda r: render(r, "html"), "&lt;b&gt;x&lt;/b&gt; (k_03)", "<b>x</b>"),
        (render_submission_html, "Reviewed by Ana Lee, &lt;b&gt;x&lt;/b&gt;;", "<b>x</b>"),
        (lambda r: render(r, "md"), r"\<b\>x\</b\> (k\_03)", "<b>x</b>"),
    ],
    ids=["html", "pdf-source", "md"],
)
def test_reviewer_names_are_escaped(source, escaped, raw):
    out = source(REPORTS["hostile"]())
    assert escaped in out
    assert raw not in out


def test_hostile_reviewer_name_is_printed_as_written_in_the_docx():
    # Word text is not markup: the name is shown exactly as given, without the key id (the
    # PDF's source is escaped, see above).
    assert "Reviewed by Ana Lee, <b>x</b>;" in text_of("hostile", "docx")


@pytest.mark.parametrize("fmt", FORMATS)
def test_key_ids_are_printed_in_html_and_markdown_only(fmt):
    text = text_of("all", fmt)
    has_keys = fmt in ("html", "md")
    assert ("(k_01)" in text) == has_keys
    assert ("(k_02)" in text) == has_keys
    assert "Ana Lee" in text and "Ben Ode" in text


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Dana Osei (f3c2dc32ea39)", "Dana Osei"),
        ("Ana Lee (k_01)", "Ana Lee"),
        ("Ana Lee (OSCE) (abcdefabcdef)", "Ana Lee (OSCE)"),
        ("Ana Lee (OSCE)", "Ana Lee (OSCE)"),
        ("Ana Lee", "Ana Lee"),
        ("(k_01)", "(k_01)"),
        ("Lee (legal team 2)", "Lee (legal team 2)"),
    ],
)
def test_reviewer_name_drops_the_key_id_only(label, name):
    assert reviewer_name(label) == name


def test_filing_review_lines_name_reviewers_without_key_ids():
    summary = ReviewSummary(accepted_only=True, accepted=1, edited=0, rejected=0, pending=0,
                            reviewers=[ANA, "Ana Lee (k_09)", BEN], last_reviewed_at=LAST)
    assert filing_review_lines(summary)[0] == "Reviewed by Ana Lee, Ben Ode; last decision 2026-03-14 10:05 UTC."
    assert review_lines(summary)[0].startswith(f"Reviewed by {ANA}, Ana Lee (k_09), {BEN};")
    assert filing_review_lines(None) == []


def test_markdown_escapes_a_reason_that_would_break_emphasis_or_a_table():
    report = _reviewed(accepted_only=False)
    findings = [
        f.model_copy(update={"review": f.review.model_copy(update={"reason": "Wrong | *twice* _here_"})})
        if f.id == REJECTED_ID else f
        for f in report.findings
    ]
    md = render(report.model_copy(update={"findings": findings}), "md")
    assert r"Wrong \| \*twice\* \_here\_" in md
    assert "Wrong |" not in md


def test_rejected_findings_are_not_counted_numbered_or_highlighted():
    reviewed = _reviewed(accepted_only=False)
    view = build_view(reviewed)
    assert view.total == len(reviewed.findings) - 1
    assert view.total_row.total == view.total
    assert [rv.finding.finding.id for rv in view.rejected] == [REJECTED_ID]
    assert view.rejected[0].where == "Article 1(2)"
    shown = [fv.finding.id for pv in view.provisions for fv in pv.findings] + [fv.finding.id for fv in view.absences]
    assert REJECTED_ID not in shown and PENDING_ID in shown

    submission = build_submission(reviewed)
    numbered = [p.finding.finding.id for sec in submission.sections for p in sec.paragraphs]
    assert REJECTED_ID not in numbered
    assert len(submission.conflicts) == len(numbered) == view.total
    assert [p.label for p in submission.rejected] == ["R1."]
    assert submission.summary[0].startswith(f"The screening found {view.total} possible conflicts")

    # The same report unreviewed counts every finding.
    assert build_view(_checked()).total == len(reviewed.findings)
    assert build_view(_checked()).rejected == []


def _summary(**changes) -> ReviewSummary:
    fields = dict(accepted_only=False, accepted=3, edited=1, rejected=2, pending=4,
                  reviewers=[ANA], last_reviewed_at=LAST)
    fields.update(changes)
    return ReviewSummary(**fields)


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (None, []),
        (
            _summary(accepted_only=True),
            [f"Reviewed by {ANA}; last decision 2026-03-14 10:05 UTC.",
             "4 findings accepted (of which 1 edited), 2 rejected, 4 not yet reviewed.",
             "This report lists only the findings the reviewers accepted."],
        ),
        (
            _summary(),
            [f"Reviewed by {ANA}; last decision 2026-03-14 10:05 UTC.",
             "4 findings accepted (of which 1 edited), 2 rejected, 4 not yet reviewed.",
             "The 4 findings not yet reviewed are included unreviewed, marked “Not yet reviewed”.",
             "Rejected findings are listed apart, with the reviewers’ reasons, and are not counted as conflicts."],
        ),
        (
            _summary(accepted=0, edited=1, rejected=0, pending=1),
            [f"Reviewed by {ANA}; last decision 2026-03-14 10:05 UTC.",
             "1 finding accepted (of which 1 edited), 0 rejected, 1 not yet reviewed.",
             "The 1 finding not yet reviewed is included unreviewed, marked “Not yet reviewed”."],
        ),
        (
            _summary(pending=0, rejected=0),
            [f"Reviewed by {ANA}; last decision 2026-03-14 10:05 UTC.",
             "4 findings accepted (of which 1 edited), 0 rejected, 0 not yet reviewed."],
        ),
        (
            _summary(accepted=0, edited=0, rejected=0, reviewers=[], last_reviewed_at=None),
            ["Reviewed: no reviewer has decided on a finding yet.",
             "0 findings accepted (of which 0 edited), 0 rejected, 4 not yet reviewed.",
             "The 4 findings not yet reviewed are included unreviewed, marked “Not yet reviewed”."],
        ),
    ],
    ids=["unreviewed", "accepted-only", "all-with-pending-and-rejected", "one-pending", "all-decided",
         "no-decision-yet"],
)
def test_review_lines(summary, expected):
    assert review_lines(summary) == expected


@pytest.mark.parametrize(
    ("review", "expected_text", "severity_note", "recommendation_note"),
    [
        (None, "Not yet reviewed", None, None),
        (dict(decision="accepted"), f"Accepted by the reviewer — {ANA}, 2026-03-14 10:00 UTC", None, None),
        (dict(decision="accepted", reason="Clear  case."),
         f"Accepted by the reviewer — {ANA}, 2026-03-14 10:00 UTC. Reason: Clear case.", None, None),
        (dict(decision="rejected", reason="Not a restriction."),
         f"Rejected by the reviewer: Not a restriction. — {ANA}, 2026-03-14 10:00 UTC", None, None),
        (dict(decision="edited", severity=Severity.low),
         f"Edited and accepted by the reviewer — {ANA}, 2026-03-14 10:00 UTC",
         "Severity set by the reviewer", None),
        (dict(decision="edited", recommendation="Repeal it."),
         f"Edited and accepted by the reviewer — {ANA}, 2026-03-14 10:00 UTC",
         None, "Recommendation revised by the reviewer"),
    ],
    ids=["pending", "accepted", "accepted-with-reason", "rejected", "edited-severity", "edited-recommendation"],
)
def test_decision_view(review, expected_text, severity_note, recommendation_note):
    finding = _checked().findings[0]
    if review is not None:
        review = FindingReview(finding_id=finding.id, reviewer=ANA, reviewed_at=FIRST, **review)
    decision = decision_view(finding.model_copy(update={"review": review}))
    assert isinstance(decision, DecisionView)
    assert decision.text == expected_text
    assert decision.severity_note == severity_note
    assert decision.recommendation_note == recommendation_note
    assert decision.rejected == (review is not None and review.decision.value == "rejected")
