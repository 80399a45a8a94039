"""Every refusal of the upload form on /app/checks is the checks page again, with the reason
in its error box and the lawyer's values kept: a draft in Kazakh, a file over the size limit,
an empty file, a format rightscheck does not read; never the API's problem JSON."""

from __future__ import annotations

import html
import re
from contextlib import ExitStack

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from api.web import expected_hint
from tests.api.api_helpers import SHORT_EN
from tests.web.test_pages import sign_in, token

LIMIT = 4096
ORG = "Qarasu Legal Clinic"
KAZAKH = " ".join(["Бейбіт жиналыстар туралы заң. Жиналыс өткізу үшін әкімдіктің рұқсаты қажет."] * 6)
_BOX = re.compile(r'<p class="error" role="alert" id="upload-error">([^<]*)</p>')


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A signed-in session on a service whose requests may hold at most 4 KB."""
    settings = Settings(database_url=f"sqlite:///{tmp_path_factory.mktemp('upload') / 'web.db'}", warm_up=False,
                        rate_limit_per_minute=100_000, rate_limit_burst=10_000, inline_max_words=500,
                        max_upload_bytes=LIMIT, session_secret="test-secret-of-the-upload-form")
    application = create_app(settings)
    with ExitStack() as stack:
        stack.enter_context(TestClient(application))
        session = stack.enter_context(TestClient(application, follow_redirects=False))
        _, key = application.state.store.create_key(ORG)
        assert sign_in(session, key).status_code == 303
        session.store = application.state.store
        session.organisation_id = application.state.store.authenticate(key).organisation_id
        yield session


def post(client: TestClient, fields: dict, files: dict | None):
    page = client.get("/app/checks")
    return client.post("/app/checks", files=files,
                       data={"csrf_token": token(page.text), "title": "Kept title", "language": "auto", **fields})


@pytest.mark.parametrize(
    "fields, files, status, says",
    [
        ({"text": SHORT_EN}, None, 303, None),
        ({}, {"file": ("assemblies.txt", SHORT_EN.encode(), "text/plain")}, 303, None),
        ({"text": KAZAKH}, None, 422, "appears to be in Kazakh"),
        ({}, {"file": ("zang.txt", KAZAKH.encode(), "text/plain")}, 422, "appears to be in Kazakh"),
        ({}, {"file": ("big.txt", (SHORT_EN * 20).encode(), "text/plain")}, 413, "over the 4 KB limit"),
        ({}, {"file": ("empty.txt", b"", "text/plain")}, 422, "the file empty.txt is empty"),
        ({"text": "   "}, None, 422, "Choose a file or paste the draft's text."),
        ({}, {"file": ("a.exe", b"MZ\x90\x00binary", "application/octet-stream")}, 422, "Expected: .txt"),
    ],
)
def test_a_refused_upload_is_the_checks_page_with_the_reason_in_its_error_box(client, fields, files, status, says):
    before = client.store.list_checks(client.organisation_id, 1, 0)[1]
    response = post(client, fields, files)
    assert response.status_code == status, response.text[:300]
    if says is None:
        assert re.fullmatch(r"/app/checks/[0-9a-f]{32}", response.headers["location"])
        return
    assert response.headers["content-type"].startswith("text/html")
    assert '"type"' not in response.text and "urn:rightscheck:problem" not in response.text
    box = _BOX.search(response.text)
    assert box, "the page has its error box"
    shown = html.unescape(box.group(1))
    assert says in shown, shown
    assert not re.search(r"accepted:\s*accepted", shown, re.IGNORECASE) and "--lang" not in shown
    assert '<input type="file" id="file" name="file"' in response.text, "the form is there to try again"
    if status != 413:  # a form over the limit is refused before any of it is read
        assert 'value="Kept title"' in response.text
    if fields.get("text", "").strip():
        assert f">{fields['text']}</textarea>" in response.text, "the pasted text is kept"
    assert client.store.list_checks(client.organisation_id, 1, 0)[1] == before, "no check was stored"


@pytest.mark.parametrize(
    "accepted, hint",
    [
        ("accepted: .txt (UTF-8, UTF-16 or Windows-1251), .docx", "Expected: .txt (UTF-8, UTF-16 or Windows-1251), .docx."),
        ("Accepted:  a reason of 1 to 2000 characters", "Expected: a reason of 1 to 2000 characters."),
        ("ACCEPTED: English or Russian; give --lang to override", "Expected: English or Russian."),
        ("a name of 1 to 100 characters.", "Expected: a name of 1 to 100 characters."),
        ("", ""),
        (None, ""),
    ],
)
def test_the_hint_of_an_error_box_says_what_is_expected_once(accepted, hint):
    assert expected_hint(accepted) == hint
