"""checker.review: a lawyer's accept / reject / edit decisions applied to the report of the
Arventa draft law on public events."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from checker.errors import InputError
from checker.models import FindingReview, Report, ReviewDecision, Severity
from checker.pipeline import check
from checker.review import ReviewError, apply_reviews, latest_reviews, make_review, reviewer_label
from tests.conftest import DRAFTS

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
LAWYER = "Dana Osei (3fa2c1d0b9e8)"
SECOND = "Ilya Markov (77c0d1e2f3a4)"

# findings the Arventa draft is known to produce (see drafts/arventa-public-events-2024.gold.yaml)
PERMISSION = "ASM-NOTIFY-NOT-AUTH:art_4__para_3"
NOTICE = "ASM-NOTIFY-PERIOD:art_4__para_1"
NO_PRESUMPTION = "ASM-LAST-RESORT:draft"
CAP = "ASM-NO-PARTICIPANT-CAP:art_3__para_2"
NIGHT_BAN = "X-NECESSITY-PROPORTIONALITY:art_9__para_1"


@pytest.fixture(scope="module")
def report() -> Report:
    return check(DRAFTS / "arventa-public-events-2024.en.txt")


def finding(report: Report, finding_id: str):
    found = [f for f in report.findings if f.id == finding_id]
    assert found, f"the Arventa report no longer has {finding_id}"
    return found[0]


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


# ---------------------------------------------------------------------- make_review


@pytest.mark.parametrize(
    "decision, options, expected",
    [
        ("accepted", {}, ("accepted", None, None, None)),
        (" Accepted ", {"reason": "  matches the gold  "}, ("accepted", "matches the gold", None, None)),
        (ReviewDecision.accepted, {"recommendation": "ignored", "severity": "low"}, ("accepted", None, None, None)),
        ("rejected", {"reason": " Article 4(3) is about sports events. "},
         ("rejected", "Article 4(3) is about sports events.", None, None)),
        ("rejected", {"reason": "x" * 2000}, ("rejected", "x" * 2000, None, None)),
        ("edited", {"severity": "medium"}, ("edited", None, None, Severity.medium)),
        ("edited", {"severity": "HIGH ", "recommendation": "Replace the permission by a notification."},
         ("edited", None, "Replace the permission by a notification.", None)),
        ("edited", {"recommendation": "  Replace the permission by a notification.  ", "severity": "",
                    "reason": "sharper wording"},
         ("edited", "sharper wording", "Replace the permission by a notification.", None)),
    ],
)
def test_make_review_keeps_what_the_decision_needs(report, decision, options, expected):
    review = make_review(finding(report, PERMISSION), decision, reviewer=f"  {LAWYER} ", at=T0, **options)
    assert (review.decision.value, review.reason, review.recommendation, review.severity) == expected
    assert (review.finding_id, review.reviewer, review.reviewed_at) == (PERMISSION, LAWYER, T0)


@pytest.mark.parametrize(
    "decision, options, message, accepted",
    [
        ("maybe", {}, "unknown decision 'maybe'", "accepted, rejected, edited"),
        ("", {}, "unknown decision ''", "accepted, rejected, edited"),
        ("rejected", {}, "needs a reason", "a reason of 1 to 2000 characters"),
        ("rejected", {"reason": "   \n "}, "needs a reason", "a reason of 1 to 2000 characters"),
        ("rejected", {"reason": "x" * 2001}, "the reason has 2001 characters", "1 to 2000"),
        ("edited", {}, "changes neither its recommendation nor its severity", "accept it"),
        ("edited", {"severity": "high"}, "changes neither", "a severity other than high"),
        ("edited", {"recommendation": "same", "severity": "high"}, "changes neither", "new recommendation"),
        ("edited", {"severity": "critical"}, "unknown severity 'critical'", "high, medium, low"),
        ("accepted", {"severity": "urgent"}, "unknown severity 'urgent'", "high, medium, low"),
        ("edited", {"recommendation": "y" * 5001}, "the recommendation has 5001 characters", "at most 5000"),
    ],
)
def test_make_review_refuses_an_invalid_decision_with_a_clear_message(report, decision, options, message, accepted):
    target = finding(report, PERMISSION)
    if options.get("recommendation") == "same":
        options = {**options, "recommendation": "  " + target.recommendation.replace(" ", "\n  ") + " "}
    with pytest.raises(ReviewError) as caught:
        make_review(target, decision, reviewer=LAWYER, **options)
    assert isinstance(caught.value, InputError) and caught.value.code == "invalid-review"
    assert message in caught.value.message and accepted in caught.value.accepted
    assert message in str(caught.value)


@pytest.mark.parametrize("reviewer, message", [("", "the reviewer is empty"), ("  ", "the reviewer is empty"),
                                               ("r" * 301, "the reviewer has 301 characters")])
def test_make_review_needs_a_reviewer(report, reviewer, message):
    with pytest.raises(ReviewError, match=message):
        make_review(finding(report, PERMISSION), "accepted", reviewer=reviewer)


@pytest.mark.parametrize(
    "when, expected",
    [
        (datetime(2026, 12, 1, 9, 0), T0),  # naive: taken as UTC
        (datetime(2026, 12, 1, 12, 0, tzinfo=timezone(timedelta(hours=3))), T0),
        (T0, T0),
    ],
)
def test_make_review_records_the_time_in_utc(report, when, expected):
    review = make_review(finding(report, NOTICE), "accepted", reviewer=LAWYER, at=when)
    assert review.reviewed_at == expected and review.reviewed_at.utcoffset() == timedelta(0)


def test_make_review_defaults_to_now(report):
    before = datetime.now(timezone.utc)
    review = make_review(finding(report, NOTICE), "accepted", reviewer=LAWYER)
    assert before <= review.reviewed_at <= datetime.now(timezone.utc)


@pytest.mark.parametrize(
    "name, key_id, expected",
    [
        ("Dana Osei", "3fa2c1d0b9e8", "Dana Osei (3fa2c1d0b9e8)"),
        ("  Dana \n  Osei ", "3fa2c1d0b9e8", "Dana Osei (3fa2c1d0b9e8)"),
        ("Дана\x00 Осей", "3fa2c1d0b9e8", "Дана Осей (3fa2c1d0b9e8)"),
        ("d" * 100, "k", "d" * 100 + " (k)"),
        ("", "k", ReviewError),
        (" \t ", "k", ReviewError),
        ("d" * 101, "k", ReviewError),
    ],
)
def test_reviewer_label_is_name_and_key_id(name, key_id, expected):
    if expected is ReviewError:
        with pytest.raises(ReviewError, match="reviewer's name"):
            reviewer_label(name, key_id)
    else:
        assert reviewer_label(name, key_id) == expected


# ---------------------------------------------------------------------- latest_reviews


def decided(finding_id: str, decision: str, minute: int, reviewer: str = LAWYER, **extra) -> FindingReview:
    if decision == "rejected":
        extra.setdefault("reason", "not a restriction of assemblies")
    return FindingReview(finding_id=finding_id, decision=decision, reviewer=reviewer, reviewed_at=at(minute), **extra)


@pytest.mark.parametrize(
    "history, expected",
    [
        ([], {}),
        ([("a", "accepted", 0)], {"a": "accepted"}),
        ([("a", "accepted", 0), ("a", "rejected", 5)], {"a": "rejected"}),
        ([("a", "rejected", 5), ("a", "accepted", 0)], {"a": "rejected"}),  # by time, not by order given
        ([("a", "accepted", 3), ("a", "rejected", 3)], {"a": "rejected"}),  # same time: the later given
        ([("a", "accepted", 0), ("b", "rejected", 1), ("a", "edited", 2)], {"a": "edited", "b": "rejected"}),
    ],
)
def test_latest_reviews_keeps_the_newest_decision_per_finding(history, expected):
    reviews = [decided(fid, decision, minute, severity="low" if decision == "edited" else None)
               for fid, decision, minute in history]
    assert {fid: r.decision.value for fid, r in latest_reviews(reviews).items()} == expected


def test_latest_reviews_compares_naive_and_aware_times():
    naive = FindingReview(finding_id="a", decision="accepted", reviewer=LAWYER, reviewed_at=datetime(2026, 12, 1, 10))
    aware = decided("a", "rejected", 30)  # 09:30 UTC, before the naive 10:00 taken as UTC
    assert latest_reviews([naive, aware])["a"].decision is ReviewDecision.accepted


# ---------------------------------------------------------------------- apply_reviews


@pytest.fixture(scope="module")
def reviews(report) -> list[FindingReview]:
    """Two lawyers' decisions on the Arventa report, with one changed mind."""
    return [
        make_review(finding(report, PERMISSION), "accepted", reviewer=LAWYER, at=at(0)),
        make_review(finding(report, NOTICE), "edited", reviewer=LAWYER, at=at(1), severity="high",
                    recommendation="Shorten the notice to 48 hours and accept late notice for urgent events."),
        make_review(finding(report, CAP), "accepted", reviewer=SECOND, at=at(2)),
        make_review(finding(report, CAP), "rejected", reviewer=LAWYER, at=at(3),
                    reason="The cap in Article 3(2) concerns the venue's fire-safety capacity."),
        make_review(finding(report, NIGHT_BAN), "edited", reviewer=SECOND, at=at(4), severity="medium"),
        make_review(finding(report, NO_PRESUMPTION), "rejected", reviewer=SECOND, at=at(5),
                    reason="Article 2 states the presumption in other words."),
        FindingReview(finding_id="ASM-NOTIFY-NOT-AUTH:art_99", decision="accepted", reviewer="Someone (k)",
                      reviewed_at=at(9)),
    ]


@pytest.mark.parametrize(
    "accepted_only, kept",
    [
        (False, None),  # every finding
        (True, {PERMISSION, NOTICE, NIGHT_BAN}),
    ],
)
def test_apply_reviews_summarises_over_every_finding(report, reviews, accepted_only, kept):
    reviewed = apply_reviews(report, reviews, accepted_only=accepted_only)
    total = len(report.findings)
    summary = reviewed.review
    assert summary is not None and summary.accepted_only is accepted_only
    assert (summary.accepted, summary.edited, summary.rejected, summary.pending) == (1, 2, 2, total - 5)
    assert summary.reviewers == [LAWYER, SECOND]  # the unknown finding's reviewer is not counted
    assert summary.last_reviewed_at == at(5)
    ids = [f.id for f in reviewed.findings]
    if kept is None:
        assert ids == [f.id for f in report.findings]
    else:
        assert set(ids) == kept and ids == [f.id for f in report.findings if f.id in kept]
        assert {s.id for s in reviewed.standards} == {f.standard_id for f in reviewed.findings}


@pytest.mark.parametrize(
    "finding_id, decision, severity, recommendation_starts",
    [
        (PERMISSION, "accepted", "high", None),
        (NOTICE, "edited", "high", "Shorten the notice to 48 hours"),
        (NIGHT_BAN, "edited", "medium", None),
        (CAP, "rejected", "medium", None),
        (NO_PRESUMPTION, "rejected", "high", None),
        ("ASM-SPONTANEOUS:art_14", None, "high", None),
    ],
)
def test_apply_reviews_marks_each_finding_and_applies_edits(report, reviews, finding_id, decision, severity,
                                                              recommendation_starts):
    original = finding(report, finding_id)
    reviewed = finding(apply_reviews(report, reviews, accepted_only=False), finding_id)
    assert (reviewed.review.decision.value if reviewed.review else None) == decision
    assert reviewed.severity.value == severity
    if recommendation_starts:
        assert reviewed.recommendation.startswith(recommendation_starts)
        assert reviewed.recommendation != original.recommendation
    else:
        assert reviewed.recommendation == original.recommendation


def test_apply_reviews_leaves_the_report_unchanged(report, reviews):
    before = report.model_dump_json()
    apply_reviews(report, reviews, accepted_only=True)
    assert report.model_dump_json() == before and report.review is None
    assert all(f.review is None for f in report.findings)


def test_the_latest_decision_wins_in_the_report(report, reviews):
    changed_mind = [*reviews, make_review(finding(report, CAP), "accepted", reviewer=SECOND, at=at(20))]
    reviewed = apply_reviews(report, changed_mind, accepted_only=True)
    assert CAP in {f.id for f in reviewed.findings}
    assert (reviewed.review.accepted, reviewed.review.rejected) == (2, 1)
    assert reviewed.review.reviewers == [LAWYER, SECOND] and reviewed.review.last_reviewed_at == at(20)


@pytest.mark.parametrize("accepted_only, findings_left", [(False, "all"), (True, 0)])
def test_without_decisions_every_finding_is_pending(report, accepted_only, findings_left):
    unknown_only = [FindingReview(finding_id="NO-SUCH:art_1", decision="accepted", reviewer=LAWYER, reviewed_at=T0)]
    reviewed = apply_reviews(report, unknown_only, accepted_only=accepted_only)
    assert reviewed.review.pending == len(report.findings)
    assert (reviewed.review.accepted, reviewed.review.reviewers, reviewed.review.last_reviewed_at) == (0, [], None)
    expected = len(report.findings) if findings_left == "all" else 0
    assert len(reviewed.findings) == expected


def test_a_reviewed_report_reads_back_from_its_json(report, reviews):
    reviewed = apply_reviews(report, reviews, accepted_only=False)
    again = Report.model_validate_json(reviewed.model_dump_json())
    assert again == reviewed
    assert finding(again, NOTICE).review.severity is Severity.high
