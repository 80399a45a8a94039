"""API keys, tenancy, limits and bad input over HTTP — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.runner import analyse
from api.store import ApiKey, Check
from tests.api.api_helpers import SHORT_EN, zip_bomb_docx

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status and body["detail"]
    if code:
        assert body["code"] == code and body["type"] == f"urn:rightscheck:problem:{code}"
    return body


# ---------------------------------------------------------------------- authentication

@pytest.mark.parametrize(
    "method, path",
    [
        ("post", "/v1/checks"),
        ("get", "/v1/checks"),
        ("get", "/v1/checks/0123456789abcdef0123456789abcdef"),
        ("get", "/v1/checks/0123456789abcdef0123456789abcdef/report.json"),
        ("delete", "/v1/checks/0123456789abcdef0123456789abcdef"),
        ("get", "/v1/standards"),
        ("get", "/v1/standards/ASM-NOTIFY-NOT-AUTH"),
    ],
)
def test_every_endpoint_but_health_needs_a_key(service, method, path):
    response = getattr(service.client, method)(path)
    assert_problem(response, 401, "unauthorised")
    assert response.headers["www-authenticate"] == "Bearer"


def test_health_needs_no_key(service):
    response = service.client.get("/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["database"] == "ok"


@pytest.mark.parametrize(
    "make_header",
    [
        lambda key: f"Bearer {key}x",                           # wrong secret
        lambda key: f"Bearer {key.replace('rck_', 'rck_0', 1)}",  # unknown key id
        lambda key: "Bearer rck_only-two-parts",                  # malformed
        lambda key: "Bearer ",                                   # empty
        lambda key: f"Basic {key}",                              # another scheme
        lambda key: key,                                         # no scheme
    ],
)
def test_a_wrong_key_is_refused(service, make_header):
    key = service.key()["Authorization"].removeprefix("Bearer ")
    response = service.client.get("/v1/checks", headers={"Authorization": make_header(key)})
    assert_problem(response, 401, "unauthorised")


def test_the_same_key_is_accepted(service):
    assert service.client.get("/v1/checks", headers=service.key()).status_code == 200


def test_a_revoked_key_stops_working_at_once(service):
    headers = service.key()
    assert service.client.get("/v1/checks", headers=headers).status_code == 200
    key_id = headers["Authorization"].split("_")[1]
    assert service.store.revoke_key(key_id)
    assert_problem(service.client.get("/v1/checks", headers=headers), 401, "unauthorised")


def test_only_a_hash_of_the_key_is_stored(service):
    key = service.key()["Authorization"].removeprefix("Bearer ")
    with service.store.session() as session:
        row = session.scalars(select(ApiKey)).one()
    assert key not in (row.key_hash, row.id) and key.split("_", 2)[2] not in row.key_hash
    assert len(row.key_hash) == 64 and int(row.key_hash, 16) >= 0


# ---------------------------------------------------------------------- tenancy

def test_an_organisation_never_sees_or_deletes_another_ones_checks(service):
    own = service.key("Arventa Human Rights Centre")
    other = service.key("Brenna Legal Aid")
    check_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=own).json()["id"]
    for method, path in [("get", f"/v1/checks/{check_id}"), ("get", f"/v1/checks/{check_id}/report.md"),
                         ("delete", f"/v1/checks/{check_id}")]:
        assert_problem(getattr(service.client, method)(path, headers=other), 404, "not-found")
    assert service.client.get("/v1/checks", headers=other).json() == {"items": [], "total": 0, "limit": 20, "offset": 0}
    assert service.client.get(f"/v1/checks/{check_id}", headers=own).json()["status"] == "done"
    assert service.client.get("/v1/checks", headers=own).json()["total"] == 1


def test_two_keys_of_one_organisation_share_its_checks(service):
    first = service.key("Arventa Human Rights Centre")
    second = service.key("Arventa Human Rights Centre")
    check_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=first).json()["id"]
    assert service.client.get(f"/v1/checks/{check_id}", headers=second).status_code == 200


@pytest.mark.parametrize("check_id", ["nope", "0" * 32, "ZZ" * 16, "a" * 200])
def test_unknown_or_malformed_check_ids_are_not_found(service, check_id):
    assert_problem(service.client.get(f"/v1/checks/{check_id}", headers=service.key()), 404, "not-found")


# ---------------------------------------------------------------------- rate limit

def test_a_key_over_its_rate_gets_429_with_retry_after(make_service):
    service = make_service(rate_limit_per_minute=6, rate_limit_burst=3)
    headers = service.key()
    statuses = [service.client.get("/v1/checks", headers=headers).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = service.client.get("/v1/checks", headers=headers)
    assert_problem(response, 429, "rate-limited")
    assert 1 <= int(response.headers["retry-after"]) <= 10
    assert service.client.get("/v1/checks", headers=service.key("Another NGO")).status_code == 200


# ---------------------------------------------------------------------- size limit

def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(make_service):
    service = make_service(max_upload_bytes=1000)
    headers = {**service.key(), "Content-Type": "application/json", "Content-Length": "5000000"}
    body = assert_problem(service.client.post("/v1/checks", content=b"{}", headers=headers), 413, "too-large")
    assert body["max_bytes"] == 1000


@pytest.mark.parametrize("kind", ["multipart", "json"])
def test_a_body_over_the_limit_is_refused(make_service, kind):
    service = make_service(max_upload_bytes=2000)
    headers = service.key()
    if kind == "multipart":
        response = service.client.post("/v1/checks", files={"file": ("big.txt", SHORT_EN.encode() * 20)}, headers=headers)
    else:
        response = service.client.post("/v1/checks", json={"text": SHORT_EN * 20}, headers=headers)
    assert_problem(response, 413, "too-large")
    assert service.client.get("/v1/checks", headers=headers).json()["total"] == 0


def test_a_streamed_body_without_length_is_cut_at_the_limit(make_service):
    service = make_service(max_upload_bytes=2000)
    sent = []

    def chunks():
        for _ in range(100):
            sent.append(1)
            yield b'{"text": "' + b"a" * 500

    headers = {**service.key(), "Content-Type": "application/json"}
    assert_problem(service.client.post("/v1/checks", content=chunks(), headers=headers), 413, "too-large")


def test_a_body_under_the_limit_passes(make_service):
    service = make_service(max_upload_bytes=5000)
    response = service.client.post("/v1/checks", files={"file": ("small.txt", SHORT_EN.encode())}, headers=service.key())
    assert response.status_code == 201


# ---------------------------------------------------------------------- bad input

@pytest.mark.parametrize(
    "filename, data, status, code",
    [
        ("draft.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 415, "unsupported-format"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, 415, "unsupported-format"),
        ("draft.xlsx", b"Article 1.", 415, "unsupported-format"),
        ("bomb.docx", zip_bomb_docx(), 422, "hostile-file"),
        ("broken.pdf", b"%PDF-1.7\n" + b"garbage" * 50, 422, None),
        ("empty.txt", b"   \n\n", 422, "empty"),
        ("digits.txt", b"12 34 56", 422, None),
    ],
)
def test_unsupported_or_hostile_files_get_the_input_error(service, filename, data, status, code):
    headers = service.key()
    response = service.client.post("/v1/checks", files={"file": (filename, data)}, headers=headers)
    body = assert_problem(response, status, code)
    assert "accepted" in body
    assert service.client.get("/v1/checks", headers=headers).json()["total"] == 0


@pytest.mark.parametrize(
    "request_kwargs, status",
    [
        ({"json": {"text": ""}}, 422),
        ({"json": {"text": SHORT_EN, "language": "kk"}}, 422),
        ({"json": {"text": SHORT_EN, "title": "t" * 501}}, 422),
        ({"json": {"text": SHORT_EN, "unknown": 1}}, 422),
        ({"json": ["not", "an", "object"]}, 422),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422),
        ({"content": SHORT_EN.encode(), "headers": {"Content-Type": "text/plain"}}, 415),
        ({"data": {"title": "no file"}, "files": {"other": ("a.txt", b"x")}}, 422),
        ({"data": {"language": "de"}, "files": {"file": ("a.txt", SHORT_EN.encode())}}, 422),
        ({"data": {"store_text": "maybe"}, "files": {"file": ("a.txt", SHORT_EN.encode())}}, 422),
        ({"content": b"--x\r\nbroken", "headers": {"Content-Type": "multipart/form-data; boundary=x"}}, 422),
        ({"content": b"--x\r\nbroken", "headers": {"Content-Type": "multipart/form-data"}}, 400),
    ],
)
def test_bad_requests_are_problems_naming_the_field(service, request_kwargs, status):
    request_kwargs = dict(request_kwargs)
    headers = {**service.key(), **request_kwargs.pop("headers", {})}
    response = service.client.post("/v1/checks", headers=headers, **request_kwargs)
    assert_problem(response, status)


def test_a_valid_multipart_request_beside_the_bad_ones_passes(service):
    response = service.client.post("/v1/checks", data={"language": "EN", "store_text": "no", "title": "ok"},
                                   files={"file": ("a.txt", SHORT_EN.encode())}, headers=service.key())
    assert response.status_code == 201
    assert response.json()["store_text"] is False and response.json()["language"] == "en"


# ---------------------------------------------------------------------- crash isolation

def test_a_crash_inside_one_check_fails_only_that_check(make_service):
    def fragile(document, language):
        if "explode" in document.text:
            raise RuntimeError("boom")
        return analyse(document, language)

    service = make_service(analyse_fn=fragile, inline_max_words=5, workers=2)
    headers = service.key()
    bad = service.client.post("/v1/checks", json={"text": SHORT_EN + "Article 3. This provision will explode.\n"},
                              headers=headers).json()["id"]
    good = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()["id"]
    failed, done = service.wait(bad, headers), service.wait(good, headers)
    assert failed["status"] == "failed" and failed["report"] is None
    assert failed["error"]["code"] == "internal-error" and "RuntimeError" in failed["error"]["message"]
    assert done["status"] == "done" and done["findings"] > 0
    assert_problem(service.client.get(f"/v1/checks/{bad}/report.json", headers=headers), 409, "check-failed")
    with service.store.session() as session:
        row = session.scalar(select(Check).where(Check.id == bad))
    assert row.document is None and row.report is None and row.finished_at is not None
    inline = service.client.post("/v1/checks", json={"text": "explode now"}, headers=headers)
    assert inline.status_code == 201 and inline.json()["status"] == "failed"
