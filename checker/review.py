"""A lawyer's review of a report's findings: accept, reject (with a reason) or edit.

A decision is a :class:`~checker.models.FindingReview`; decisions are kept as a history and
the newest one on a finding counts. :func:`apply_reviews` turns an unreviewed report and its
decisions into a reviewed report: every finding carries its decision, edited findings carry
the lawyer's recommendation and severity, and ``Report.review`` summarises the review. With
``accepted_only`` the report keeps only the accepted and edited findings, fit for filing.

    >>> review = make_review(finding, "rejected", reviewer="A. Lawyer (3fa2c1d0b9e8)",
    ...                      reason="The article concerns sports events, not assemblies.")
    >>> filed = apply_reviews(report, [review], accepted_only=True)
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from checker.errors import InputError
from checker.models import Finding, FindingReview, Report, ReviewDecision, ReviewSummary, Severity

MAX_REASON = 2000
MAX_RECOMMENDATION = 5000
MAX_REVIEWER = 300
MAX_REVIEWER_NAME = 100

_DECISIONS = ", ".join(d.value for d in ReviewDecision)
_SEVERITIES = ", ".join(s.value for s in Severity)


class ReviewError(InputError):
    """A review decision that cannot be recorded: the message says what is wrong, ``accepted``
    what would be accepted instead (e.g. ``accepted: a reason of 1 to 2000 characters``)."""

    code = "invalid-review"


def reviewer_label(name: str, key_id: str) -> str:
    """The reviewer as stored: ``"<name> (<key id>)"``, e.g. ``"A. Lawyer (3fa2c1d0b9e8)"``.

    ``name`` is the person's name as they gave it (whitespace runs become one space; control
    characters are dropped); ``key_id`` the id of the organisation's API key.

    Raises:
        ReviewError: the name is blank or longer than 100 characters.
    """
    cleaned = " ".join("".join(ch if ch.isprintable() else " " for ch in name or "").split())
    if not cleaned:
        raise ReviewError("the reviewer's name is empty", f"accepted: a name of 1 to {MAX_REVIEWER_NAME} characters")
    if len(cleaned) > MAX_REVIEWER_NAME:
        raise ReviewError(f"the reviewer's name has {len(cleaned)} characters",
                          f"accepted: a name of 1 to {MAX_REVIEWER_NAME} characters")
    return f"{cleaned} ({key_id})"


def make_review(
    finding: Finding,
    decision: str | ReviewDecision,
    *,
    reviewer: str,
    reason: str | None = None,
    recommendation: str | None = None,
    severity: str | Severity | None = None,
    at: datetime | None = None,
) -> FindingReview:
    """A validated decision on ``finding``.

    Args:
        finding: the finding decided on (its ``id``, ``recommendation`` and ``severity`` are used).
        decision: ``accepted``, ``rejected`` or ``edited`` (case and surrounding spaces ignored).
        reviewer: who decides, as ``"<name> (<key id>)"`` (see :func:`reviewer_label`); 1–300
            characters.
        reason: why; required (non-blank, at most 2000 characters) to reject; may explain an
            acceptance or an edit.
        recommendation: for ``edited``, the lawyer's recommendation (at most 5000 characters).
        severity: for ``edited``, ``high``, ``medium`` or ``low``.
        at: when the decision was made; default now. A naive datetime is taken as UTC; the
            result is always UTC.

    Returns:
        A :class:`FindingReview` with every text stripped and blank texts as None. An edit
        keeps only what it changes: a recommendation equal to the finding's (whitespace
        aside) or the finding's own severity becomes None. With ``accepted`` and
        ``rejected``, ``recommendation`` and ``severity`` are not kept (a form may send the
        finding's current values with every decision), though an unknown severity is
        still refused.

    Raises:
        ReviewError: an unknown decision or severity; a rejection without a reason; an edit
            that changes neither the recommendation nor the severity; a blank reviewer; a
            text over its limit.
    """
    chosen = _decision(decision)
    who = _text(reviewer)
    if who is None:
        raise ReviewError("the reviewer is empty", "accepted: the reviewer's name and key id, as 'name (key id)'")
    if len(who) > MAX_REVIEWER:
        raise ReviewError(f"the reviewer has {len(who)} characters", f"accepted: at most {MAX_REVIEWER}")
    why = _text(reason)
    if why is not None and len(why) > MAX_REASON:
        raise ReviewError(f"the reason has {len(why)} characters", f"accepted: a reason of 1 to {MAX_REASON} characters")
    if chosen is ReviewDecision.rejected and why is None:
        raise ReviewError(f"rejecting finding {finding.id} needs a reason",
                          f"accepted: a reason of 1 to {MAX_REASON} characters saying why the finding is wrong")
    new_severity = _severity(severity)
    new_recommendation = _text(recommendation)
    if new_recommendation is not None and len(new_recommendation) > MAX_RECOMMENDATION:
        raise ReviewError(f"the recommendation has {len(new_recommendation)} characters",
                          f"accepted: at most {MAX_RECOMMENDATION}")
    if chosen is ReviewDecision.edited:
        if new_recommendation is not None and _same_words(new_recommendation, finding.recommendation):
            new_recommendation = None
        if new_severity == finding.severity:
            new_severity = None
        if new_recommendation is None and new_severity is None:
            raise ReviewError(
                f"the edit of finding {finding.id} changes neither its recommendation nor its severity",
                "accepted: a new recommendation, or a severity other than "
                f"{finding.severity.value}; to keep the finding as it is, accept it",
            )
    else:
        new_recommendation, new_severity = None, None
    return FindingReview(
        finding_id=finding.id,
        decision=chosen,
        reason=why,
        recommendation=new_recommendation,
        severity=new_severity,
        reviewer=who,
        reviewed_at=_utc(at) if at is not None else datetime.now(timezone.utc),
    )


def latest_reviews(reviews: Iterable[FindingReview]) -> dict[str, FindingReview]:
    """``{finding_id: the newest decision on it}``: by ``reviewed_at`` (naive times taken as
    UTC), and of decisions made at the same time, the later in the order given."""
    latest: dict[str, tuple[datetime, FindingReview]] = {}
    for review in reviews:
        when = _utc(review.reviewed_at)
        held = latest.get(review.finding_id)
        if held is None or when >= held[0]:
            latest[review.finding_id] = (when, review)
    return {finding_id: review for finding_id, (_, review) in latest.items()}


def apply_reviews(report: Report, reviews: Iterable[FindingReview], *, accepted_only: bool) -> Report:
    """A reviewed copy of ``report`` (which is left unchanged).

    Every finding gets its newest decision as ``review`` (None while pending); an edited
    finding takes the lawyer's ``severity`` and ``recommendation`` where the decision gives
    them. With ``accepted_only`` only accepted and edited findings stay, and the ``standards``
    annex keeps only the standards they rely on; otherwise every finding stays, in its order.
    ``Report.review`` is the :class:`ReviewSummary`: the counts are over every finding of
    ``report`` (accepted + edited + rejected + pending = ``len(report.findings)``), the
    reviewers in the order of their first decision, and the time of the newest decision.

    ``report`` should be the unreviewed report as the checker made it. Decisions on findings
    that are not in ``report`` (a finding id of another check or of an older version) are
    ignored.
    """
    known = {finding.id for finding in report.findings}
    relevant = sorted(
        (pair for pair in enumerate(reviews) if pair[1].finding_id in known),
        key=lambda pair: (_utc(pair[1].reviewed_at), pair[0]),
    )
    ordered = [review for _, review in relevant]
    latest = latest_reviews(ordered)
    counts = dict.fromkeys(ReviewDecision, 0)
    findings: list[Finding] = []
    pending = 0
    for finding in report.findings:
        review = latest.get(finding.id)
        if review is None:
            pending += 1
            if not accepted_only:
                findings.append(finding.model_copy(deep=True, update={"review": None}))
            continue
        counts[review.decision] += 1
        if accepted_only and review.decision is ReviewDecision.rejected:
            continue
        update: dict = {"review": review.model_copy()}
        if review.decision is ReviewDecision.edited:
            if review.severity is not None:
                update["severity"] = review.severity
            if review.recommendation is not None:
                update["recommendation"] = review.recommendation
        findings.append(finding.model_copy(deep=True, update=update))
    reviewers = list(dict.fromkeys(review.reviewer for review in ordered))
    summary = ReviewSummary(
        accepted_only=accepted_only,
        accepted=counts[ReviewDecision.accepted],
        edited=counts[ReviewDecision.edited],
        rejected=counts[ReviewDecision.rejected],
        pending=pending,
        reviewers=reviewers,
        last_reviewed_at=_utc(ordered[-1].reviewed_at) if ordered else None,
    )
    standards = [s.model_copy(deep=True) for s in report.standards]
    if accepted_only:
        relied_on = {finding.standard_id for finding in findings}
        standards = [s for s in standards if s.id in relied_on]
    return report.model_copy(deep=True, update={"findings": findings, "standards": standards, "review": summary})


# ---------------------------------------------------------------------- helpers


def _decision(value: str | ReviewDecision) -> ReviewDecision:
    if isinstance(value, ReviewDecision):
        return value
    word = value.strip().lower() if isinstance(value, str) else ""
    try:
        return ReviewDecision(word)
    except ValueError:
        shown = repr(value[:40]) if isinstance(value, str) else type(value).__name__
        raise ReviewError(f"unknown decision {shown}", f"accepted: {_DECISIONS}") from None


def _severity(value: str | Severity | None) -> Severity | None:
    if value is None or isinstance(value, Severity):
        return value
    word = value.strip().lower() if isinstance(value, str) else None
    if word == "":
        return None
    try:
        return Severity(word)
    except ValueError:
        shown = repr(value[:40]) if isinstance(value, str) else type(value).__name__
        raise ReviewError(f"unknown severity {shown}", f"accepted: {_SEVERITIES}") from None


def _text(value: str | None) -> str | None:
    """``value`` stripped; None when it is None or blank."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
