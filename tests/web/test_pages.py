"""The lawyers' pages under /app: sign-in with the organisation's key, the session cookie,
CSRF tokens, submitting a draft, the check page and its report downloads, tenancy, escaping."""

from __future__ import annotations

import re
from contextlib import ExitStack

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from api.web import SessionSigner
from tests.api.api_helpers import SHORT_EN

ORG = "Arventa Human Rights Centre"
OTHER_ORG = "Borealis Legal Aid"
_TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One started service on SQLite for the module (real analysis, drafts checked at once)."""
    settings = Settings(database_url=f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}", warm_up=False,
                        rate_limit_per_minute=100_000, rate_limit_burst=10_000, inline_max_words=500,
                        session_secret="test-secret-of-the-web-pages")
    application = create_app(settings)
    with TestClient(application):
        yield application


@pytest.fixture
def clients(app):
    """``make(base_url=...)``: a fresh TestClient (its own cookie jar) on the shared app."""
    with ExitStack() as stack:
        yield lambda base_url="http://testserver": stack.enter_context(
            TestClient(app, base_url=base_url, follow_redirects=False))


def token(html: str) -> str:
    found = _TOKEN.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(client: TestClient, key: str, reviewer: str = "Dana Serikova"):
    form = client.get("/app/sign-in")
    return client.post("/app/sign-in", data={"api_key": key, "reviewer": reviewer, "csrf_token": token(form.text)})


def signed_in(app, clients, organisation: str = ORG) -> TestClient:
    client = clients()
    _, key = app.state.store.create_key(organisation)
    assert sign_in(client, key).status_code == 303
    return client


def submit(client: TestClient, **fields) -> str:
    page = client.get("/app/checks")
    response = client.post("/app/checks", data={"csrf_token": token(page.text), "language": "auto", **fields})
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/app/checks/([0-9a-f]{32})", response.headers["location"])
    assert match, response.headers["location"]
    return match.group(1)


# ---------------------------------------------------------------------- signing in


@pytest.mark.parametrize("base_url, secure", [("http://testserver", False), ("https://testserver", True)])
def test_a_valid_key_signs_in_with_a_signed_cookie_holding_the_key_id_only(app, clients, base_url, secure):
    client = clients(base_url)
    info, key = app.state.store.create_key(ORG)
    response = sign_in(client, key)
    assert response.status_code == 303 and response.headers["location"] == "/app/checks"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("rc_session="))
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert ("secure" in cookie.lower().split("; ")) is secure
    value = client.cookies.get("rc_session")
    secret = key.split("_", 2)[2]  # the secret may itself hold "_" (URL-safe base64)
    assert key not in value and secret not in value
    assert SessionSigner("test-secret-of-the-web-pages").load(value)[0] == info.id
    assert ORG in client.get("/app/checks").text


@pytest.mark.parametrize(
    "presented",
    ["rck_000000000000_notakey", "", "Bearer something", "revoked"],
)
def test_a_wrong_or_revoked_key_is_refused_with_a_message(app, clients, presented):
    client = clients()
    if presented == "revoked":
        info, presented = app.state.store.create_key(ORG)
        app.state.store.revoke_key(info.id)
    response = sign_in(client, presented)
    assert response.status_code == 401
    assert "not valid or has been revoked" in response.text
    assert "rc_session" not in client.cookies
    assert client.get("/app/checks").status_code == 303


def test_a_forged_or_tampered_session_cookie_is_not_a_session(app, clients):
    client = signed_in(app, clients)
    good = client.cookies.get("rc_session")
    info, _ = app.state.store.create_key(OTHER_ORG)
    tampered = good[:-1] + ("0" if good[-1] != "0" else "1")
    for forged in (SessionSigner("another-secret-entirely").dump(info.id, "sid", "Dana Serikova"), tampered):
        other = clients()
        other.cookies.set("rc_session", forged)
        assert other.get("/app/checks").status_code == 303


def test_signing_out_ends_the_session(app, clients):
    client = signed_in(app, clients)
    page = client.get("/app/checks")
    response = client.post("/app/sign-out", data={"csrf_token": token(page.text)})
    assert response.status_code == 303 and response.headers["location"] == "/app/sign-in"
    assert client.get("/app/checks").status_code == 303


@pytest.mark.parametrize(
    "path",
    ["/app/checks", "/app/checks/" + "0" * 32, "/app/checks/" + "0" * 32 + "/report.pdf"],
)
def test_pages_without_a_session_redirect_to_sign_in(clients, path):
    response = clients().get(path)
    assert response.status_code == 303 and response.headers["location"] == "/app/sign-in"


# ---------------------------------------------------------------------- CSRF


@pytest.mark.parametrize(
    "path, data",
    [
        ("/app/checks", {"text": SHORT_EN}),
        ("/app/checks", {"text": SHORT_EN, "csrf_token": "0" * 64}),
        ("/app/sign-out", {}),
        ("/app/sign-out", {"csrf_token": "f" * 64}),
    ],
)
def test_a_post_without_a_valid_csrf_token_is_forbidden(app, clients, path, data):
    client = signed_in(app, clients, "Csrf Test Organisation")
    organisation = organisation_id(app, "Csrf Test Organisation")
    before = app.state.store.list_checks(organisation, 1, 0)[1]
    response = client.post(path, data=data)
    assert response.status_code == 403
    assert client.get("/app/checks").status_code == 200, "the session survives"
    assert app.state.store.list_checks(organisation, 1, 0)[1] == before


@pytest.mark.parametrize("with_cookie, field_ok, expected", [(True, True, 303), (True, False, 403), (False, True, 403)])
def test_sign_in_is_protected_by_a_pre_session_token(app, clients, with_cookie, field_ok, expected):
    client = clients()
    _, key = app.state.store.create_key(ORG)
    csrf = token(client.get("/app/sign-in").text)
    if not with_cookie:
        client.cookies.clear()
    response = client.post("/app/sign-in", data={"api_key": key, "reviewer": "Dana Serikova",
                                                 "csrf_token": csrf if field_ok else "a" * 64})
    assert response.status_code == expected


def test_another_sessions_csrf_token_is_refused(app, clients):
    first, second = signed_in(app, clients), signed_in(app, clients)
    foreign = token(first.get("/app/checks").text)
    assert second.post("/app/checks", data={"csrf_token": foreign, "text": SHORT_EN}).status_code == 403


# ---------------------------------------------------------------------- checks


def organisation_id(app, name: str) -> int:
    _, key = app.state.store.create_key(name)
    return app.state.store.authenticate(key).organisation_id


@pytest.fixture(scope="module")
def done_check(app):
    """``(client, check_id)``: a session of ORG and a done check of SHORT_EN it submitted."""
    with ExitStack() as stack:
        client = stack.enter_context(TestClient(app, follow_redirects=False))
        _, key = app.state.store.create_key(ORG)
        assert sign_in(client, key).status_code == 303
        yield client, submit(client, title="Assemblies draft, second reading", text=SHORT_EN)


def test_an_uploaded_text_draft_is_listed_newest_first_with_its_findings(app, done_check):
    client, check_id = done_check
    later = submit(client, title="Later draft", text=SHORT_EN)
    listing = client.get("/app/checks").text
    assert listing.index(f'href="/app/checks/{later}"') < listing.index(f'href="/app/checks/{check_id}"')
    row = app.state.store.get_check(organisation_id(app, ORG), check_id)
    assert row.status == "done" and row.findings > 0
    assert "Assemblies draft, second reading" in listing
    assert f'<td data-label="Findings">{row.findings}</td>' in listing


def test_the_check_page_shows_the_findings_count_by_severity_and_download_links(app, done_check):
    from checker.models import Report

    client, check_id = done_check
    page = client.get(f"/app/checks/{check_id}")
    assert page.status_code == 200
    row = app.state.store.get_check(organisation_id(app, ORG), check_id)
    assert f'<strong id="findings-total">{row.findings}</strong>' in page.text
    high = sum(1 for f in Report.model_validate_json(row.report).findings if f.severity.value == "high")
    assert f"<dt>High</dt><dd>{high}</dd>" in page.text
    for fmt in ("json", "html", "md", "docx", "pdf"):
        assert f'href="/app/checks/{check_id}/report.{fmt}"' in page.text


@pytest.mark.parametrize(
    "fmt, content_type, starts_with",
    [
        ("json", "application/json", b"{"),
        ("html", "text/html; charset=utf-8", b"<!"),
        ("md", "text/markdown; charset=utf-8", b"#"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_every_report_download_works_for_the_session(done_check, fmt, content_type, starts_with):
    client, check_id = done_check
    response = client.get(f"/app/checks/{check_id}/report.{fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert response.content.lstrip().upper().startswith(starts_with.upper())


@pytest.mark.parametrize("suffix", ["", "/report.json", "/report.pdf"])
def test_another_organisations_check_is_not_found(app, clients, done_check, suffix):
    _, check_id = done_check
    other = signed_in(app, clients, OTHER_ORG)
    response = other.get(f"/app/checks/{check_id}{suffix}")
    assert response.status_code == 404
    assert "Assemblies draft" not in response.text


@pytest.mark.parametrize("path", ["/app/checks/not-a-check", "/app/checks/" + "a" * 32])
def test_an_unknown_check_is_not_found(app, clients, path):
    assert signed_in(app, clients).get(path).status_code == 404


def test_a_title_holding_markup_is_escaped(app, done_check):
    client, _ = done_check
    check_id = submit(client, title="<script>alert(1)</script> draft", text=SHORT_EN)
    for page in (client.get("/app/checks").text, client.get(f"/app/checks/{check_id}").text):
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; draft" in page


def test_a_file_upload_is_checked_like_pasted_text(app, done_check):
    client, _ = done_check
    page = client.get("/app/checks")
    response = client.post("/app/checks", data={"csrf_token": token(page.text), "language": "en"},
                           files={"file": ("assemblies.txt", SHORT_EN.encode(), "text/plain")})
    assert response.status_code == 303
    check = client.get(response.headers["location"]).text
    assert "assemblies.txt" in check and "findings-total" in check


@pytest.mark.parametrize(
    "fields, files, message",
    [
        ({"text": "   "}, None, "Choose a file or paste"),
        ({"text": SHORT_EN}, {"file": ("a.txt", SHORT_EN.encode(), "text/plain")}, "not both"),
        ({}, {"file": ("a.exe", b"MZ\x90\x00binary", "application/octet-stream")}, "cannot be checked"),
    ],
)
def test_an_upload_that_cannot_be_checked_shows_why_and_keeps_the_form(done_check, fields, files, message):
    client, _ = done_check
    page = client.get("/app/checks")
    response = client.post("/app/checks", data={"csrf_token": token(page.text), "title": "Kept title", **fields},
                           files=files)
    assert response.status_code == 422
    assert message in response.text and 'role="alert"' in response.text
    assert 'value="Kept title"' in response.text


@pytest.mark.parametrize("path", ["/app/sign-in", "/app/checks", "check"])
def test_pages_have_a_main_labelled_inputs_and_ordered_headings(app, clients, done_check, path):
    client, check_id = done_check
    if path == "/app/sign-in":
        client = clients()
    html = client.get(f"/app/checks/{check_id}" if path == "check" else path).text
    assert html.count("<main") == 1 and 'name="viewport"' in html
    ids = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
    fields = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*>', html)
    assert len(ids) == len(fields), "every visible field has an id"
    for field in ids:
        assert f'<label for="{field}"' in html
    levels = [int(n) for n in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
