"""Fixtures of the HTTP API tests: a service on SQLite and, when RIGHTSCHECK_TEST_DATABASE_URL
names a PostgreSQL database, the same service on PostgreSQL.

The PostgreSQL database is emptied before each test that uses it; CI starts a server and
sets the variable (see .ci/run).
"""

from __future__ import annotations

import os
import time
from contextlib import ExitStack
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

from api.settings import Settings, database_url

PG_VARIABLE = "RIGHTSCHECK_TEST_DATABASE_URL"

def _empty_postgresql(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS finding_reviews, checks, api_keys, organisations, alembic_version CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file, or the test PostgreSQL database emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'api.db'}"
    raw = os.environ.get(PG_VARIABLE)
    if not raw:
        pytest.skip(f"{PG_VARIABLE} is not set (CI sets it; see .ci/run)")
    url = database_url(raw)
    _empty_postgresql(url)
    return url


@dataclass
class Service:
    """A running app under a TestClient, with helpers to make keys and wait for checks."""

    app: object
    client: object

    @property
    def store(self):
        return self.app.state.store

    def key(self, organisation: str = "Arventa Human Rights Centre") -> dict[str, str]:
        """Authorization headers with a new key of ``organisation``."""
        _, key = self.store.create_key(organisation)
        return {"Authorization": f"Bearer {key}"}

    def wait(self, check_id: str, headers: dict[str, str], timeout: float = 120.0) -> dict:
        """The check once done or failed (polls GET /v1/checks/{id})."""
        deadline = time.monotonic() + timeout
        while True:
            body = self.client.get(f"/v1/checks/{check_id}", headers=headers).json()
            if body["status"] in ("done", "failed") or time.monotonic() > deadline:
                return body
            time.sleep(0.05)


@pytest.fixture
def make_service(db_url):
    """``make_service(analyse_fn=None, **settings)``: a started service on the test database.

    Defaults: no warm-up, a generous rate limit, drafts up to 200 words checked at once.
    """
    from fastapi.testclient import TestClient

    from api.app import create_app

    with ExitStack() as stack:
        def make(analyse_fn=None, **overrides) -> Service:
            values = {"database_url": db_url, "warm_up": False, "rate_limit_per_minute": 100_000,
                      "rate_limit_burst": 10_000, "inline_max_words": 200}
            values.update(overrides)
            app = create_app(Settings(**values), analyse_fn=analyse_fn)
            client = stack.enter_context(TestClient(app))
            return Service(app=app, client=client)

        yield make


@pytest.fixture
def service(make_service) -> Service:
    """A started service with default test settings."""
    return make_service()
