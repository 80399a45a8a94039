"""The standards catalogue and the health endpoint over HTTP — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from standards.loader import default_catalogue


def test_the_standards_list_names_every_encoded_standard(service):
    response = service.client.get("/v1/standards", headers=service.key())
    assert response.status_code == 200
    listed = {s["id"]: s for s in response.json()}
    assert set(listed) == set(default_catalogue().standards)
    notify = listed["ASM-NOTIFY-NOT-AUTH"]
    assert notify["domain"] == "assembly" and notify["severity"] == "high"
    assert {"en", "ru"} <= set(notify["languages"]) and "pattern" in notify["detector_kinds"]


@pytest.mark.parametrize(
    "standard_id, status, source",
    [
        ("ASM-NOTIFY-NOT-AUTH", 200, "HRC-GC37"),
        ("NO-SUCH-STANDARD", 404, None),
        ("asm-notify-not-auth", 404, None),
    ],
)
def test_one_standard_with_its_citations(service, standard_id, status, source):
    response = service.client.get(f"/v1/standards/{standard_id}", headers=service.key())
    assert response.status_code == status
    if source:
        body = response.json()
        assert body["principle"] and body["recommendation"] and body["compliant_alternative"]
        assert source in {c["source"] for c in body["citations"]}
    else:
        assert response.headers["content-type"] == "application/problem+json"


def test_health_counts_waiting_checks_and_reports_an_unreachable_database(service, monkeypatch):
    body = service.client.get("/v1/health").json()
    assert body == {"status": "ok", "version": body["version"], "database": "ok", "queued": 0, "running": 0}

    def unreachable():
        raise ConnectionError("no database")

    monkeypatch.setattr(service.store, "ping", unreachable)
    response = service.client.get("/v1/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_the_openapi_schema_documents_both_bodies_errors_and_the_key(service):
    schema = service.client.get("/openapi.json").json()
    create = schema["paths"]["/v1/checks"]["post"]
    assert set(create["requestBody"]["content"]) == {"multipart/form-data", "application/json"}
    assert create["requestBody"]["content"]["application/json"]["example"]["text"]
    for status in ("401", "413", "415", "422", "429"):
        assert "application/problem+json" in create["responses"][status]["content"]
    assert "ApiKey" in schema["components"]["securitySchemes"]
    assert set(schema["paths"]) == {
        "/v1/checks", "/v1/checks/{check_id}", "/v1/checks/{check_id}/report.{fmt}", "/v1/comparisons",
        "/v1/checks/{check_id}/findings/{finding_id}/review", "/v1/checks/{check_id}/reviews",
        "/v1/standards", "/v1/standards/{standard_id}", "/v1/health"}
