"""Property-based requests generated from the OpenAPI schema: no answer is a server error.

Runs schemathesis' pytest integration against the ASGI app in-process (no network), with a
valid API key and a bounded number of examples per operation.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from api.settings import Settings

_FOLDER = Path(tempfile.mkdtemp(prefix="rightscheck-schemathesis-"))
APP = create_app(Settings(database_url=f"sqlite:///{_FOLDER / 'api.db'}", warm_up=False, inline_max_words=50,
                          rate_limit_per_minute=1_000_000, rate_limit_burst=1_000_000,
                          max_upload_bytes=256 * 1024))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def key_headers():
    """Start the app (migrations, runner) and give a valid key; remove the database afterwards."""
    from fastapi.testclient import TestClient

    from api.runner import analyse
    from checker.ingest import load_text

    for text, language in (("Article 1. The organiser shall notify the authority.", "en"),
                           ("Статья 1. Организатор уведомляет орган.", "ru")):
        analyse(load_text(text), language)  # load the pipelines before the timed requests
    try:
        with TestClient(APP):
            _, key = APP.state.store.create_key("Schemathesis NGO")
            yield {"Authorization": f"Bearer {key}"}
    finally:
        shutil.rmtree(_FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case, key_headers):
    response = case.call(headers=dict(key_headers), timeout=60)
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400:
        assert response.headers["content-type"] == ["application/problem+json"]
