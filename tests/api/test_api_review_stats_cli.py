"""``rightscheck review-stats``: which detectors lawyers reject, from the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from api.store import Store
from checker.cli import main
from checker.models import Report
from checker.pipeline import check
from tests.api.test_api_review_store import CAP, CAP_SIZE, NOTICE, PERMISSION, decide, done_check, org_and_key
from tests.conftest import DRAFTS


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def report() -> Report:
    return check(DRAFTS / "arventa-public-events-2024.en.txt")


@pytest.fixture
def reviewed_db(db_url, report) -> str:
    """A database where two checks of the Arventa draft have been reviewed."""
    store = Store(db_url)
    store.upgrade()
    try:
        org, key_id = org_and_key(store)
        a, b = done_check(store, org, report), done_check(store, org, report)
        decide(store, report, org, key_id, a, CAP, "rejected", 0, reason="The cap is the venue's\nfire capacity.")
        decide(store, report, org, key_id, b, CAP, "rejected", 1, reason="x" * 200)
        decide(store, report, org, key_id, a, CAP_SIZE, "rejected", 2, reason="size sets the notice only")
        decide(store, report, org, key_id, a, PERMISSION, "accepted", 3)
        decide(store, report, org, key_id, b, PERMISSION, "rejected", 4, reason="sports events")
        decide(store, report, org, key_id, a, NOTICE, "edited", 5, severity="high")
    finally:
        store.dispose()
    return db_url


def test_the_table_puts_the_most_rejected_detectors_first(reviewed_db):
    result = run("review-stats", "--database", reviewed_db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["standard", "detector", "decisions", "rejected", "rejected", "share", "latest",
                                "reasons"]
    assert [line.split()[:2] for line in lines[1:]] == [
        ["ASM-NO-PARTICIPANT-CAP", "pattern:numerical-cap"],
        ["ASM-NO-PARTICIPANT-CAP", "quantity:size-consequence"],
        ["ASM-NOTIFY-NOT-AUTH", "pattern:permission-to-hold"],
        ["ASM-NOTIFY-PERIOD", "quantity:long-notice,"],
    ]
    cap = lines[1]
    assert " 2 " in cap and "100%" in cap
    assert "x" * 59 + "…" in cap and "x" * 61 not in cap  # long reasons are cut
    assert "The cap is the venue's fire capacity." in cap  # on one line
    assert "50%" in lines[3] and "sports events" in lines[3]
    assert lines[4].rstrip().endswith("-") and " 0%" in lines[4]


@pytest.mark.parametrize(
    "min_decisions, standards",
    [
        ("1", ["ASM-NO-PARTICIPANT-CAP", "ASM-NO-PARTICIPANT-CAP", "ASM-NOTIFY-NOT-AUTH", "ASM-NOTIFY-PERIOD"]),
        ("2", ["ASM-NO-PARTICIPANT-CAP", "ASM-NOTIFY-NOT-AUTH"]),
        ("3", []),
    ],
)
def test_json_lists_the_same_statistics(reviewed_db, min_decisions, standards):
    result = run("review-stats", "--database", reviewed_db, "--format", "json", "--min-decisions", min_decisions)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["standard_id"] for r in rows] == standards
    if rows:
        first = rows[0]
        assert (first["decisions"], first["accepted"], first["edited"], first["rejected"], first["rejected_share"]) \
            == (2, 0, 0, 2, 1.0)
        assert first["reasons"] == ["x" * 200, "The cap is the venue's\nfire capacity."]


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "No finding has been reviewed yet."),
        (["--min-decisions", "5"], "No finding has been reviewed yet."),
    ],
)
def test_an_empty_database_says_nothing_has_been_reviewed(db_url, args, message):
    assert run("db", "upgrade", "--database", db_url).exit_code == 0
    result = run("review-stats", "--database", db_url, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == message


def test_a_threshold_nobody_reaches_says_so(reviewed_db):
    result = run("review-stats", "--database", reviewed_db, "--min-decisions", "3")
    assert result.exit_code == 0
    assert result.stdout.strip() == "No detector has 3 or more reviewed findings yet (4 detector(s) have fewer)."


@pytest.mark.parametrize(
    "args, message",
    [
        (["--min-decisions", "0"], "--min-decisions"),
        (["--format", "csv"], "--format"),
    ],
)
def test_bad_options_are_refused(db_url, args, message):
    result = run("review-stats", "--database", db_url, *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
