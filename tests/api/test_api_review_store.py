"""Stored reviews of findings: the history of decisions on a check, its deletion with the check,
the per-detector statistics, and migration 0002 over a database already holding checks — on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, inspect, select

from api.migrate import current, upgrade
from api.store import ReviewRecord, ReviewStat, Store
from checker.ingest import load_text
from checker.models import FindingReview, Report, ReviewDecision, Severity
from checker.pipeline import check
from checker.review import make_review
from reports import render_json
from tests.conftest import DRAFTS

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PERMISSION = "ASM-NOTIFY-NOT-AUTH:art_4__para_3"
NOTICE = "ASM-NOTIFY-PERIOD:art_4__para_1"
CAP = "ASM-NO-PARTICIPANT-CAP:art_3__para_2"
CAP_SIZE = "ASM-NO-PARTICIPANT-CAP:art_4__para_1"
FOREIGNERS = "ASM-EVERYONE-NONCITIZENS:art_11__para_3"


@pytest.fixture(scope="module")
def report() -> Report:
    return check(DRAFTS / "arventa-public-events-2024.en.txt")


@pytest.fixture
def store(db_url):
    store = Store(db_url)
    store.upgrade()
    yield store
    store.dispose()


def org_and_key(store: Store, name: str = "Arventa Human Rights Centre") -> tuple[int, str]:
    _, key = store.create_key(name)
    who = store.authenticate(key)
    return who.organisation_id, who.key_id


def done_check(store: Store, organisation_id: int, report: Report) -> str:
    """A done check of the Arventa draft holding ``report``; its id."""
    document = load_text((DRAFTS / "arventa-public-events-2024.en.txt").read_text(encoding="utf-8"))
    row = store.add_check(organisation_id, document_json=document.model_dump_json(), language="en",
                          title="Arventa public events", source_name="arventa.txt", source_format="txt",
                          words=len(document.text.split()), store_text=True)
    claim = store.claim(row.id)
    assert store.finish(claim, render_json(report), len(report.findings))
    return row.id


def decide(store, report, org, key_id, check_id, finding_id, decision, minute, reviewer="Dana Osei", **extra):
    finding = next(f for f in report.findings if f.id == finding_id)
    review = make_review(finding, decision, reviewer=f"{reviewer} ({key_id})", at=T0 + timedelta(minutes=minute),
                         **extra)
    return store.record_review(org, check_id, review, standard_id=finding.standard_id, detector=finding.detector,
                               key_id=key_id)


def review_rows(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(ReviewRecord))


def test_decisions_are_kept_as_a_history_oldest_first(store, report):
    org, key_id = org_and_key(store)
    check_id = done_check(store, org, report)
    assert decide(store, report, org, key_id, check_id, NOTICE, "edited", 2, severity="high",
                  recommendation="Ask for 48 hours' notice.", reason="the period is far too long")
    assert decide(store, report, org, key_id, check_id, PERMISSION, "accepted", 0)
    assert decide(store, report, org, key_id, check_id, PERMISSION, "rejected", 5, reason="sports events only")
    history = store.reviews_of(org, check_id)
    assert [(r.finding_id, r.decision, r.reviewed_at) for r in history] == [
        (PERMISSION, ReviewDecision.accepted, T0),
        (NOTICE, ReviewDecision.edited, T0 + timedelta(minutes=2)),
        (PERMISSION, ReviewDecision.rejected, T0 + timedelta(minutes=5)),
    ]
    edit = history[1]
    assert edit == FindingReview(finding_id=NOTICE, decision="edited", reason="the period is far too long",
                                 recommendation="Ask for 48 hours' notice.", severity=Severity.high,
                                 reviewer=f"Dana Osei ({key_id})", reviewed_at=T0 + timedelta(minutes=2))
    assert edit.reviewed_at.tzinfo is not None


@pytest.mark.parametrize(
    "whose, check_id, stored",
    [
        ("own", None, True),
        ("other", None, False),  # another organisation's check looks like no check
        ("own", "0" * 32, False),
        ("own", "not-a-check", False),
    ],
)
def test_a_review_is_stored_only_on_the_organisations_own_check(store, report, whose, check_id, stored):
    own, own_key = org_and_key(store, "Arventa Human Rights Centre")
    other, other_key = org_and_key(store, "Brenna Legal Aid")
    real = done_check(store, own, report)
    org, key_id = (own, own_key) if whose == "own" else (other, other_key)
    assert decide(store, report, org, key_id, check_id or real, PERMISSION, "accepted", 0) is stored
    assert review_rows(store) == (1 if stored else 0)
    assert len(store.reviews_of(own, real)) == (1 if stored else 0)
    assert store.reviews_of(other, real) == []


def test_deleting_a_check_deletes_its_reviews_only(store, report):
    org, key_id = org_and_key(store)
    deleted, kept = done_check(store, org, report), done_check(store, org, report)
    for check_id in (deleted, kept):
        decide(store, report, org, key_id, check_id, PERMISSION, "accepted", 0)
        decide(store, report, org, key_id, check_id, CAP, "rejected", 1, reason="fire-safety capacity")
    assert review_rows(store) == 4
    assert store.delete_check(org, deleted)
    assert review_rows(store) == 2
    assert store.reviews_of(org, deleted) == [] and len(store.reviews_of(org, kept)) == 2


def test_review_stats_of_an_empty_database(store):
    assert store.review_stats() == []


def test_review_stats_count_each_finding_by_its_newest_decision(store, report):
    first, first_key = org_and_key(store, "Arventa Human Rights Centre")
    second, second_key = org_and_key(store, "Brenna Legal Aid")
    a, b = done_check(store, first, report), done_check(store, second, report)
    # the cap detectors: rejected everywhere, once after a changed mind
    decide(store, report, first, first_key, a, CAP, "accepted", 0)
    decide(store, report, first, first_key, a, CAP, "rejected", 10, reason="venue capacity, not a cap")
    decide(store, report, second, second_key, b, CAP, "rejected", 3, reason="fire safety rule")
    decide(store, report, second, second_key, b, CAP_SIZE, "rejected", 4, reason="size only sets the notice")
    # the permission detector: accepted in one check, rejected in the other
    decide(store, report, first, first_key, a, PERMISSION, "accepted", 1)
    decide(store, report, second, second_key, b, PERMISSION, "rejected", 2, reason="about sports events")
    # notice period: edited, then accepted as it stands
    decide(store, report, first, first_key, a, NOTICE, "edited", 5, severity="high")
    decide(store, report, second, second_key, b, NOTICE, "accepted", 6)
    decide(store, report, first, first_key, a, FOREIGNERS, "edited", 7, severity="medium")

    stats = store.review_stats()
    rows = [(s.standard_id, s.detector, s.accepted, s.edited, s.rejected, s.reasons) for s in stats]
    assert rows == [
        ("ASM-NO-PARTICIPANT-CAP", "pattern:numerical-cap", 0, 0, 2,
         ["venue capacity, not a cap", "fire safety rule"]),
        ("ASM-NO-PARTICIPANT-CAP", "quantity:size-consequence", 0, 0, 1, ["size only sets the notice"]),
        ("ASM-NOTIFY-NOT-AUTH", "pattern:permission-to-hold", 1, 0, 1, ["about sports events"]),
        ("ASM-EVERYONE-NONCITIZENS", "pattern:noncitizens-excluded", 0, 1, 0, []),
        ("ASM-NOTIFY-PERIOD", "quantity:long-notice, quantity:long-notice-despite-waiver", 1, 1, 0, []),
    ]
    assert [(s.decisions, s.rejected_share) for s in stats[:3]] == [(2, 1.0), (1, 1.0), (2, 0.5)]
    assert isinstance(stats[0], ReviewStat)
    with pytest.raises(AttributeError):
        stats[0].rejected = 0  # frozen


def test_review_stats_keep_the_five_newest_rejection_reasons(store, report):
    org, key_id = org_and_key(store)
    for minute in range(7):
        check_id = done_check(store, org, report)
        decide(store, report, org, key_id, check_id, CAP, "rejected", minute, reason=f"reason {minute}")
    [stat] = store.review_stats()
    assert stat.rejected == 7
    assert stat.reasons == ["reason 6", "reason 5", "reason 4", "reason 3", "reason 2"]


def test_migration_0002_keeps_the_checks_of_an_existing_database(db_url, report):
    store = Store(db_url)
    try:
        upgrade(store.engine, "0001")
        assert current(store.engine) == "0001"
        assert "finding_reviews" not in inspect(store.engine).get_table_names()
        _, key = store.create_key("Arventa Human Rights Centre")
        who = store.authenticate(key)
        check_id = done_check(store, who.organisation_id, report)

        store.upgrade()
        assert current(store.engine) == "0002"
        assert store.authenticate(key) == who
        row = store.get_check(who.organisation_id, check_id)
        assert (row.status, row.findings) == ("done", len(report.findings))
        assert Report.model_validate_json(row.report).findings == report.findings
        assert decide(store, report, who.organisation_id, who.key_id, check_id, PERMISSION, "accepted", 0)
        assert len(store.reviews_of(who.organisation_id, check_id)) == 1
    finally:
        store.dispose()
