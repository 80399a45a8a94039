"""Pieces without a server: the token bucket, settings from the environment, problem bodies."""

from __future__ import annotations

import pytest

from api.problems import input_error_status, problem_body
from api.ratelimit import RateLimiter
from api.runner import without_text
from api.settings import Settings, database_url
from checker.errors import EmptyDraft, FileTooLarge, HostileFile, InputError, UnsupportedFormat


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    "per_minute, burst, schedule, expected",
    [
        # (seconds elapsed before each request) → allowed?
        (60, 2, [0, 0, 0], [True, True, False]),
        (60, 2, [0, 0, 0, 1.0], [True, True, False, True]),
        (60, 2, [0, 0, 0.5], [True, True, False]),
        (6, 1, [0, 5, 5], [True, False, True]),
        (120, 3, [0, 0, 0, 0, 0.5, 0], [True, True, True, False, True, False]),
    ],
)
def test_token_bucket_allows_the_burst_then_the_rate(per_minute, burst, schedule, expected):
    clock = Clock()
    limiter = RateLimiter(per_minute, burst, clock=clock)
    allowed = []
    for step in schedule:
        clock.now += step
        allowed.append(limiter.acquire("key") == 0.0)
    assert allowed == expected


def test_each_key_has_its_own_bucket_and_the_wait_is_told():
    clock = Clock()
    limiter = RateLimiter(6, 1, clock=clock)
    assert limiter.acquire("a") == 0.0
    wait = limiter.acquire("a")
    assert wait == pytest.approx(10.0)
    assert RateLimiter.retry_after(wait) == 10 and RateLimiter.retry_after(0.2) == 1
    assert limiter.acquire("b") == 0.0


@pytest.mark.parametrize("per_minute, burst", [(0, 1), (-1, 5), (10, 0)])
def test_a_limiter_needs_a_positive_rate_and_burst(per_minute, burst):
    with pytest.raises(ValueError):
        RateLimiter(per_minute, burst)


@pytest.mark.parametrize(
    "given, expected",
    [
        ("postgresql://u:p@127.0.0.1/db", "postgresql+psycopg://u:p@127.0.0.1/db"),
        ("postgres://u:p@127.0.0.1:5433/db", "postgresql+psycopg://u:p@127.0.0.1:5433/db"),
        ("postgresql+psycopg://u@127.0.0.1/db", "postgresql+psycopg://u@127.0.0.1/db"),
        ("sqlite:////var/lib/rightscheck.db", "sqlite:////var/lib/rightscheck.db"),
        ("/var/lib/rightscheck.db", "sqlite:////var/lib/rightscheck.db"),
        ("checks.db", "sqlite:///checks.db"),
    ],
)
def test_database_urls_are_normalised(given, expected):
    assert database_url(given) == expected


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({}, "sqlite:///rightscheck.db"),
        ({"DATABASE_URL": "postgres://a@127.0.0.1/x"}, "postgresql+psycopg://a@127.0.0.1/x"),
        ({"DATABASE_URL": "postgres://a@127.0.0.1/x", "RIGHTSCHECK_DATABASE_URL": "sqlite:///own.db"}, "sqlite:///own.db"),
    ],
)
def test_the_database_comes_from_the_environment(monkeypatch, environment, expected):
    for name in ("DATABASE_URL", "RIGHTSCHECK_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env().database_url == expected
    assert Settings.from_env("given.db").database_url == "sqlite:///given.db"


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RIGHTSCHECK_MAX_UPLOAD_BYTES", "1048576")
    monkeypatch.setenv("RIGHTSCHECK_RATE_LIMIT_PER_MINUTE", "30")
    monkeypatch.setenv("RIGHTSCHECK_INLINE_MAX_WORDS", "100")
    settings = Settings.from_env(workers=3)
    assert (settings.max_upload_bytes, settings.rate_limit_per_minute, settings.inline_max_words, settings.workers) == (
        1048576, 30.0, 100, 3)
    monkeypatch.setenv("RIGHTSCHECK_MAX_UPLOAD_BYTES", "-5")
    with pytest.raises(ValueError):
        Settings.from_env()


@pytest.mark.parametrize(
    "error, status",
    [
        (UnsupportedFormat("x.doc is legacy", "docx"), 415),
        (FileTooLarge("too big", "smaller"), 413),
        (HostileFile("bomb"), 422),
        (EmptyDraft("empty"), 422),
        (InputError("bad"), 422),
    ],
)
def test_input_errors_map_to_statuses(error, status):
    assert input_error_status(error) == status


def test_a_problem_body_has_the_rfc_9457_members():
    body = problem_body(413, "over the limit", "too-large", max_bytes=10)
    assert body == {"type": "urn:rightscheck:problem:too-large", "title": "Content Too Large", "status": 413,
                    "detail": "over the limit", "code": "too-large", "max_bytes": 10}
    assert problem_body(404, "no such check")["type"] == "about:blank"


def test_without_text_keeps_findings_but_not_the_draft_words():
    from checker.pipeline import check
    from tests.api.api_helpers import SHORT_EN

    report = check(SHORT_EN)
    stripped = without_text(report)
    assert [f.id for f in stripped.findings] == [f.id for f in report.findings]
    assert stripped.provisions == [] and report.provisions
    for before, after in zip(report.findings, stripped.findings):
        assert [(s.start, s.end) for s in after.spans] == [(s.start, s.end) for s in before.spans]
        assert all(s.quote == "" for s in after.spans)
        if after.provision:
            assert (after.provision.eid, after.provision.label, after.provision.text) == (
                before.provision.eid, before.provision.label, "")
        assert after.citations == before.citations and after.recommendation == before.recommendation
    dumped = stripped.model_dump_json()
    # explanations name the few words a rule matched; no provision's wording survives whole
    for sentence in ("A peaceful assembly may be held only with the permission of the local executive body",
                     "The organiser shall submit an application no later than fifteen days",
                     "Foreign citizens may not take part in peaceful assemblies"):
        assert sentence not in dumped
