"""The report page under /app/checks/{id} on the Arventa sample draft: the provisions with the
flagged words marked, filters, the review of findings (accept, reject with a reason, edit),
downloads with all or only the accepted findings, the standards pages, tenancy and escaping."""

from __future__ import annotations

from markupsafe import escape
import json
import re
from contextlib import ExitStack
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from api.web import SessionSigner
from checker.models import Report

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
DRAFT = (DRAFTS / "arventa-public-events-2024.en.txt").read_text("utf-8")
DRAFT_RU = (DRAFTS / "arventa-public-events-2024.ru.txt").read_text("utf-8")
UNTITLED = "Article 1. Notification\n1. A peaceful assembly may be held only with the permission of the local executive body.\n"
ORG = "Arventa Human Rights Centre"
OTHER_ORG = "Borealis Legal Aid"
NAME = "Dana Serikova"
SECRET = "test-secret-of-the-report-pages"
_TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One started service on SQLite; drafts up to 5000 words are checked within the request."""
    settings = Settings(database_url=f"sqlite:///{tmp_path_factory.mktemp('report') / 'web.db'}", warm_up=False,
                        rate_limit_per_minute=100_000, rate_limit_burst=10_000, inline_max_words=5000,
                        session_secret=SECRET)
    application = create_app(settings)
    with TestClient(application):
        yield application


def token(text: str) -> str:
    found = _TOKEN.search(text)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(client: TestClient, key: str, reviewer: str = NAME):
    form = client.get("/app/sign-in")
    return client.post("/app/sign-in", data={"api_key": key, "reviewer": reviewer, "csrf_token": token(form.text)})


class Lawyer:
    """A signed-in session of an organisation: its client, key and key id."""

    def __init__(self, app, stack: ExitStack, organisation: str = ORG, name: str = NAME):
        self.app = app
        self.client = stack.enter_context(TestClient(app, follow_redirects=False))
        info, self.key = app.state.store.create_key(organisation)
        self.key_id = info.id
        self.organisation_id = app.state.store.authenticate(self.key).organisation_id
        assert sign_in(self.client, self.key, name).status_code == 303

    def submit(self, text: str = DRAFT, title: str = "Arventa public events, first reading", language: str = "en") -> str:
        page = self.client.get("/app/checks")
        response = self.client.post("/app/checks", data={"csrf_token": token(page.text), "language": language,
                                                          "title": title, "text": text})
        assert response.status_code == 303, response.text[:500]
        return response.headers["location"].rsplit("/", 1)[1]

    def report(self, check_id: str) -> Report:
        row = self.app.state.store.get_check(self.organisation_id, check_id)
        assert row.status == "done", row.error_message
        return Report.model_validate_json(row.report)

    def review(self, check_id: str, n: int, query: str = "", with_token: bool = True, **fields):
        page = self.client.get(f"/app/checks/{check_id}")
        data = {"csrf_token": token(page.text)} if with_token else {}
        return self.client.post(f"/app/checks/{check_id}/findings/{n}/review{query}", data={**data, **fields})


@pytest.fixture(scope="module")
def lawyer(app):
    with ExitStack() as stack:
        yield Lawyer(app, stack)


@pytest.fixture(scope="module")
def read_only(lawyer):
    """``(check_id, report, page html)`` of a check of the sample nobody reviews."""
    check_id = lawyer.submit()
    return check_id, lawyer.report(check_id), lawyer.client.get(f"/app/checks/{check_id}").text


@pytest.fixture
def fresh(lawyer):
    """``(check_id, report)`` of a new check of the sample, for tests that record decisions."""
    check_id = lawyer.submit()
    return check_id, lawyer.report(check_id)


def article(page: str, n: int) -> str:
    """The HTML of finding ``n``'s article."""
    start = page.rindex("<article", 0, page.index(f'id="finding-{n}"'))
    return page[start:page.index("</article>", start)]


def isolated_spans(report: Report) -> list[tuple[int, int, str]]:
    """Spans that no other span of the report overlaps or touches: each is one <mark>."""
    ranges = sorted({(s.start, s.end, s.quote) for f in report.findings for s in f.spans})
    return [(a, b, q) for a, b, q in ranges
            if not any((c, d) != (a, b) and c <= b and a <= d for c, d, _ in ranges)]


# ---------------------------------------------------------------------- signing in with a name


@pytest.mark.parametrize(
    "typed, status, shown",
    [
        ("  Dana   Serikova ", 303, "Dana Serikova"),
        ("Әйгерім Сәдуақасова", 303, "Әйгерім Сәдуақасова"),
        ("x" * 100, 303, "x" * 100),
        ("", 422, None),
        ("   ", 422, None),
        ("x" * 101, 422, None),
    ],
)
def test_signing_in_takes_a_name_of_1_to_100_characters(app, typed, status, shown):
    with ExitStack() as stack:
        client = stack.enter_context(TestClient(app, follow_redirects=False))
        info, key = app.state.store.create_key(ORG)
        response = sign_in(client, key, typed)
        assert response.status_code == status
        if shown is None:
            assert "Give your name" in response.text and 'aria-invalid="true"' in response.text
            assert "rc_session" not in client.cookies
            return
        value = client.cookies.get("rc_session")
        assert key.split("_", 2)[2] not in value and key not in value and SECRET not in value
        assert SessionSigner(SECRET).load(value) [2] == shown
        header = client.get("/app/checks").text.split("</header>")[0]
        assert f"Signed in as {str(escape(shown))}, {ORG}" in header


def test_a_session_cookie_without_a_name_is_not_a_session(app, lawyer):
    with ExitStack() as stack:
        client = stack.enter_context(TestClient(app, follow_redirects=False))
        client.cookies.set("rc_session", SessionSigner(SECRET).dump(lawyer.key_id, "sid", ""))
        assert client.get("/app/checks").status_code == 303


# ---------------------------------------------------------------------- the report page


def test_the_page_shows_the_provisions_in_order_with_the_flagged_words_marked(read_only):
    check_id, report, page = read_only
    labels = [str(escape(p.label)) for p in report.provisions]
    positions = [page.index(f">{label}</h3>") for label in labels]
    assert positions == sorted(positions), "provisions in draft order"
    isolated = isolated_spans(report)
    assert len(isolated) >= 10
    for _, _, quote in isolated:
        assert f"<mark>{str(escape(quote))}</mark>" in page
    assert page.count("<mark>") >= len(isolated)
    assert f'<strong id="findings-total">{len(report.findings)}</strong>' in page
    assert f"Showing {len(report.findings)} of {len(report.findings)} findings." in page


def test_every_finding_shows_its_standard_severity_citations_and_words(read_only):
    check_id, report, page = read_only
    assert page.count('<article class="finding') == len(report.findings)
    for n, finding in enumerate(report.findings, start=1):
        part = article(page, n)
        assert f'data-finding-id="{str(escape(finding.id))}"' in part
        assert f'href="/app/standards/{finding.standard_id}"' in part
        assert f"<dt>Severity</dt><dd><span class=\"severity severity-{finding.severity.value}\">" \
               f"{finding.severity.value.capitalize()}</span>" in part
        assert str(escape(finding.recommendation)) in part
        for citation in finding.citations:
            assert str(escape(citation.pinpoint)) in part
        assert part.count("<strong>unverified</strong>, paragraph to be confirmed") == sum(
            1 for c in finding.citations if not c.verified)
        for span in finding.spans:
            assert str(escape(" ".join(span.quote.split()))) in part


def test_whole_draft_findings_have_their_own_section(read_only):
    check_id, report, page = read_only
    absent = [n for n, f in enumerate(report.findings, start=1) if f.provision is None or f.absence]
    assert absent, "the sample lacks at least one safeguard"
    section = page[page.index('id="whole-draft"'):page.index('id="downloads"')]
    for n in absent:
        assert f'id="finding-{n}"' in section


@pytest.mark.parametrize(
    "query, keep",
    [
        ("", lambda f: True),
        ("?domain=assembly", lambda f: f.domain.value == "assembly"),
        ("?severity=medium", lambda f: f.severity.value == "medium"),
        ("?domain=cross-cutting&severity=high", lambda f: f.domain.value == "cross-cutting" and f.severity.value == "high"),
        ("?domain=elections", lambda f: False),
        ("?decision=pending", lambda f: True),
        ("?decision=rejected", lambda f: False),
        ("?domain=bogus&severity=%3Cscript%3E", lambda f: True),
    ],
)
def test_filters_narrow_the_list_and_say_how_many_are_shown(lawyer, read_only, query, keep):
    check_id, report, _ = read_only
    page = lawyer.client.get(f"/app/checks/{check_id}{query}").text
    expected = sum(1 for f in report.findings if keep(f))
    assert f"Showing {expected} of {len(report.findings)} findings." in page
    assert page.count('<article class="finding') == expected
    assert "<script>" not in page


def test_the_filter_form_is_a_get_form_with_labelled_selects(read_only):
    _, _, page = read_only
    start = page.rindex("<form", 0, page.index('class="filter"'))
    form = page[start:page.index("</form>", start)]
    assert 'method="get"' in form and "<button type=\"submit\">Filter</button>" in form
    for name, label in (("domain", "By domain"), ("severity", "By severity"), ("decision", "By decision")):
        assert f'<label for="filter-{name}">{label}</label>' in form
        assert f'<select id="filter-{name}" name="{name}">' in form


def test_the_page_carries_the_hooks_other_tools_rely_on(read_only):
    check_id, report, page = read_only
    first = report.findings[0]
    assert (f'<article class="finding finding-pending" id="finding-1" data-finding-id="{str(escape(first.id))}" '
            f'data-standard="{first.standard_id}"') in page
    form = article(page, 1)
    assert '<form method="post" class="review"' in form and "<legend>Your decision</legend>" in form
    for value, label in (("accepted", "Accept"), ("rejected", "Reject"), ("edited", "Edit")):
        assert (f'<input type="radio" id="decision-1-{value}" name="decision" value="{value}" required>'
                f'<label for="decision-1-{value}">{label}</label>') in form
    assert '<label for="reason-1">Reason (required to reject)</label>' in form
    assert '<textarea id="reason-1" name="reason"' in form
    assert '<label for="recommendation-1">Recommendation</label>' in form
    assert '<textarea id="recommendation-1" name="recommendation"' in form
    assert '<label for="severity-1">Severity</label>' in form and '<select id="severity-1" name="severity"' in form
    assert "<button type=\"submit\">Save decision</button>" in form
    downloads = page[page.index('<ul class="downloads">'):]
    for fmt, name in (("json", "JSON"), ("html", "HTML"), ("md", "Markdown"), ("docx", "Word (DOCX)"), ("pdf", "PDF")):
        assert f'<a href="/app/checks/{check_id}/report.{fmt}">{name}</a>' in downloads
        assert (f'<a href="/app/checks/{check_id}/report.{fmt}?findings=accepted">'
                f"{name}, accepted findings only</a>") in downloads
    assert "No finding has been reviewed yet" in page


# ---------------------------------------------------------------------- reviewing


def test_rejecting_with_a_reason_stores_the_decision_under_the_reviewers_name(lawyer, fresh):
    check_id, report = fresh
    n = 3
    before = datetime.now(timezone.utc)
    response = lawyer.review(check_id, n, "?severity=high", decision="rejected",
                             reason="  The armband rule was dropped at second reading.  ")
    assert response.status_code == 303
    assert response.headers["location"] == f"/app/checks/{check_id}?severity=high#finding-{n}"
    stored = lawyer.app.state.store.reviews_of(lawyer.organisation_id, check_id)
    assert len(stored) == 1
    review = stored[0]
    assert review.finding_id == report.findings[n - 1].id and review.decision.value == "rejected"
    assert review.reviewer == f"{NAME} ({lawyer.key_id})"
    assert review.reason == "The armband rule was dropped at second reading."
    assert before - timedelta(seconds=5) <= review.reviewed_at <= datetime.now(timezone.utc) + timedelta(seconds=5)

    page = lawyer.client.get(f"/app/checks/{check_id}").text
    part = article(page, n)
    assert 'class="finding finding-rejected"' in part, "a rejected finding stays on the page, marked"
    decision = re.search(r'<p class="decision[^"]*">(.*?)</p>', part).group(1)
    assert re.sub(r"<[^>]+>", "", decision).startswith(f"Rejected by {NAME} ({lawyer.key_id}) on ")
    assert "The armband rule was dropped at second reading." in part
    total = len(report.findings)
    assert f"Review: 0 accepted, 0 edited, 1 rejected, {total - 1} pending." in page
    rejected = lawyer.client.get(f"/app/checks/{check_id}?decision=rejected").text
    assert f"Showing 1 of {total} findings." in rejected and f'id="finding-{n}"' in rejected
    assert f"Showing {total - 1} of {total}" in lawyer.client.get(f"/app/checks/{check_id}?decision=pending").text


def test_a_changed_mind_shows_the_latest_decision_with_the_earlier_ones_listed_newest_first(lawyer, fresh):
    check_id, _ = fresh
    n = 4
    assert lawyer.review(check_id, n, decision="rejected", reason="Sports events only.").status_code == 303
    assert lawyer.review(check_id, n, decision="accepted").status_code == 303
    part = article(lawyer.client.get(f"/app/checks/{check_id}").text, n)
    assert 'class="finding finding-accepted"' in part
    history = part[part.index('<details class="history">'):]
    history = history[:history.index("</details>")]
    assert "Earlier decisions (1)" in history
    assert re.sub(r"<[^>]+>", "", history).count(f"Rejected by {NAME} ({lawyer.key_id}) on ") == 1
    assert "Sports events only." in history and "Accepted by" not in history

    assert lawyer.review(check_id, n, decision="edited", severity="low", reason="").status_code == 303
    part = article(lawyer.client.get(f"/app/checks/{check_id}").text, n)
    listed = re.findall(r"<li>(Accepted|Rejected|Edited) by", part[part.index('<details class="history">'):])
    assert listed == ["Accepted", "Rejected"]


def test_a_finding_decided_once_has_no_history(lawyer, fresh):
    check_id, _ = fresh
    assert lawyer.review(check_id, 2, decision="accepted").status_code == 303
    assert 'class="history"' not in article(lawyer.client.get(f"/app/checks/{check_id}").text, 2)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"decision": "rejected", "reason": "   "}, "needs a reason"),
        ({"decision": "rejected"}, "needs a reason"),
        ({"decision": "edited", "reason": "kept", "severity": "same"}, "changes neither"),
        ({"decision": "maybe", "reason": "kept"}, "Unknown decision"),
        ({"reason": "kept"}, "Unknown decision"),
        ({"decision": "edited", "severity": "critical", "reason": "kept"}, "Unknown severity"),
        ({"decision": "rejected", "reason": "x" * 2001}, "2001 characters"),
    ],
)
def test_a_decision_that_cannot_be_recorded_is_refused_beside_its_form(lawyer, read_only, fields, message):
    check_id, report, _ = read_only
    n = 2
    finding = report.findings[n - 1]
    if fields.get("severity") == "same":
        fields = {**fields, "severity": finding.severity.value, "recommendation": finding.recommendation}
    response = lawyer.review(check_id, n, "?domain=assembly", **fields)
    assert response.status_code == 422
    part = article(response.text, n)
    error = re.search(rf'<p class="error" id="review-error-{n}">([^<]*)</p>', part)
    assert error and message in error.group(1)
    assert "Expected: " in error.group(1) and "ccepted:" not in error.group(1), "the hint cannot read as a decision"
    assert 'role="alert"' in response.text.split("<nav")[0]
    assert f'aria-describedby="review-error-{n}"' in part
    if fields.get("decision") in ("rejected", "edited"):
        assert f'value="{fields["decision"]}" required checked>' in part, "the choice is kept"
    if fields.get("reason", "").strip() and len(fields["reason"]) < 100:
        assert f">{fields['reason']}</textarea>" in part, "the reason is kept"
    assert f'action="/app/checks/{check_id}/findings/{n}/review?domain=assembly"' in part
    assert lawyer.app.state.store.reviews_of(lawyer.organisation_id, check_id) == []


def test_editing_the_severity_shows_on_the_page_and_in_the_accepted_only_download(lawyer, fresh):
    check_id, report = fresh
    n, accepted_n = next((i, i + 1) for i, f in enumerate(report.findings, start=1) if f.severity.value == "high")
    finding = report.findings[n - 1]
    response = lawyer.review(check_id, n, decision="edited", severity="low", recommendation=finding.recommendation,
                             reason="The fine is modest in this jurisdiction.")
    assert response.status_code == 303 and response.headers["location"].endswith(f"#finding-{n}")
    assert lawyer.review(check_id, accepted_n, decision="accepted", severity="high").status_code == 303

    page = lawyer.client.get(f"/app/checks/{check_id}").text
    part = article(page, n)
    assert '<span class="severity severity-low">Low</span> (edited; the checker said High)' in part
    assert "severity High → Low" in part
    assert re.sub(r"<[^>]+>", "", re.search(r'<p class="decision[^"]*">(.*?)</p>', part).group(1)).startswith("Edited")
    assert 'selected>Low</option>' in part

    accepted = json.loads(lawyer.client.get(f"/app/checks/{check_id}/report.json?findings=accepted").text)
    assert [f["id"] for f in accepted["findings"]] == [finding.id, report.findings[accepted_n - 1].id]
    edited = accepted["findings"][0]
    assert edited["severity"] == "low" and edited["review"]["decision"] == "edited"
    assert edited["review"]["reviewer"] == f"{NAME} ({lawyer.key_id})"
    assert accepted["review"]["accepted_only"] is True
    assert (accepted["review"]["accepted"], accepted["review"]["edited"], accepted["review"]["rejected"]) == (1, 1, 0)
    assert accepted["review"]["pending"] == len(report.findings) - 2

    everything = json.loads(lawyer.client.get(f"/app/checks/{check_id}/report.json").text)
    assert len(everything["findings"]) == len(report.findings) and everything["review"]["accepted_only"] is False
    docx = lawyer.client.get(f"/app/checks/{check_id}/report.docx?findings=accepted")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert "accepted" in docx.headers["content-disposition"]


@pytest.mark.parametrize("findings, count, review", [("", "all", None), ("?findings=accepted", 0, "summary")])
def test_downloads_of_an_unreviewed_check(lawyer, read_only, findings, count, review):
    check_id, report, _ = read_only
    data = json.loads(lawyer.client.get(f"/app/checks/{check_id}/report.json{findings}").text)
    assert len(data["findings"]) == (len(report.findings) if count == "all" else count)
    if review is None:
        assert data["review"] is None
    else:
        assert data["review"]["pending"] == len(report.findings) and data["review"]["accepted_only"] is True


@pytest.mark.parametrize("with_token", [False, True])
def test_a_review_without_a_valid_csrf_token_is_forbidden(lawyer, read_only, with_token):
    check_id, _, _ = read_only
    fields = {"csrf_token": "0" * 64} if with_token else {}
    response = lawyer.review(check_id, 1, with_token=False, decision="accepted", **fields)
    assert response.status_code == 403
    assert lawyer.app.state.store.reviews_of(lawyer.organisation_id, check_id) == []


@pytest.mark.parametrize("n, finding_id, status", [("0", None, 404), ("9999", None, 404), ("x", None, 404),
                                                    ("1", "OTHER:art_1", 409)])
def test_a_review_of_a_finding_that_is_not_there_is_refused(lawyer, read_only, n, finding_id, status):
    check_id, _, _ = read_only
    fields = {"decision": "accepted"} | ({"finding_id": finding_id} if finding_id else {})
    response = lawyer.review(check_id, n, **fields)
    assert response.status_code == status
    assert lawyer.app.state.store.reviews_of(lawyer.organisation_id, check_id) == []


def test_another_organisation_can_neither_see_nor_review_the_check(app, lawyer, read_only):
    check_id, report, _ = read_only
    with ExitStack() as stack:
        other = Lawyer(app, stack, OTHER_ORG, "Ilya Borisov")
        for path in ("", "?severity=high", "/report.json?findings=accepted"):
            response = other.client.get(f"/app/checks/{check_id}{path}")
            assert response.status_code == 404 and "Arventa public events" not in response.text
        page = other.client.get("/app/checks").text
        response = other.client.post(f"/app/checks/{check_id}/findings/1/review",
                                     data={"csrf_token": token(page), "decision": "accepted",
                                           "finding_id": report.findings[0].id})
        assert response.status_code == 404
    assert lawyer.app.state.store.reviews_of(lawyer.organisation_id, check_id) == []


def test_hostile_draft_text_is_escaped_in_the_highlighted_provision(lawyer):
    hostile = ("Article 1. Notification\n"
               '1. A peaceful assembly may be held only with the permission of the local executive body '
               '<script>alert("x")</script> and the organiser\'s "consent" <img src=x onerror=alert(1)>.\n'
               "2. Foreign citizens may not take part in peaceful assemblies "
               "Verylongwordwithoutanyspacesthatmustwrapinsteadofscrollingthepagesideways.\n")
    check_id = lawyer.submit(hostile, title="Hostile")
    page = lawyer.client.get(f"/app/checks/{check_id}").text
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "organiser&#39;s &#34;consent&#34;" in page
    assert re.search(r"<mark>[^<]*permission[^<]*</mark>", page)


def test_a_check_stored_without_its_text_lists_findings_without_the_draft(lawyer):
    response = lawyer.client.post("/v1/checks", headers={"Authorization": f"Bearer {lawyer.key}"},
                                  json={"text": DRAFT, "language": "en", "store_text": False,
                                        "title": "Arventa, words not kept"})
    assert response.status_code == 201 and response.json()["status"] == "done"
    check_id = response.json()["id"]
    report = lawyer.report(check_id)
    page = lawyer.client.get(f"/app/checks/{check_id}").text
    assert "The draft's words were not stored with this check" in page
    assert "<mark>" not in page
    assert page.count('<article class="finding') == len(report.findings)
    assert f"Showing {len(report.findings)} of {len(report.findings)} findings." in page
    with_provision = next(f for f in report.findings if f.provision is not None)
    assert f">{str(escape(with_provision.provision.label))}</h3>" in page


# ---------------------------------------------------------------------- heading, language, counts, file names


@pytest.mark.parametrize(
    "text, title, language, heading, language_name",
    [
        (DRAFT, "Arventa public events, first reading", "en", "Arventa public events, first reading", "English"),
        (DRAFT, "", "en", "On public events and the procedure for holding them", "English"),
        (DRAFT_RU, "", "auto", "О публичных мероприятиях и порядке их проведения", "Russian"),
        (UNTITLED, "", "en", "Pasted text", "English"),
    ],
)
def test_the_heading_is_the_given_title_else_the_drafts_else_the_source(lawyer, text, title, language, heading,
                                                                          language_name):
    check_id = lawyer.submit(text, title=title, language=language)
    page = lawyer.client.get(f"/app/checks/{check_id}").text
    found = re.search(r"<h1[^>]*>([^<]*)</h1>", page).group(1)
    assert found == str(escape(heading))
    assert "&lt;text&gt;" not in page and "<text>" not in page
    status = re.sub(r"\s+", " ", page[page.index("<p>Status:"):page.index("</p>", page.index("<p>Status:"))])
    assert f"words in {language_name}, from" in status
    assert not re.search(r"words, (en|ru),", status)


@pytest.mark.parametrize("text, lang", [(DRAFT_RU, "ru"), (DRAFT, "en")])
def test_the_drafts_words_and_quotes_carry_the_drafts_language(lawyer, text, lang):
    check_id = lawyer.submit(text, title="", language="auto")
    page = lawyer.client.get(f"/app/checks/{check_id}").text
    texts = re.findall(r'<p class="text"( lang="[a-z]+")?>', page)
    quotes = re.findall(r"<q( lang=\"[a-z]+\")?>", page)
    assert texts and quotes
    assert set(texts) == {f' lang="{lang}"'} and set(quotes) == {f' lang="{lang}"'}
    assert '<html lang="en">' in page, "the page's own words stay English"


def _severity_counts(page: str) -> dict[str, int]:
    grid = page[page.index("By severity"):page.index("By domain")]
    return {label: int(n) for label, n in re.findall(r"<dt>(High|Medium|Low)</dt><dd>(\d+)</dd>", grid)}


def test_the_summary_counts_the_findings_that_stand_as_the_reviewed_reports_do(lawyer, fresh):
    check_id, report = fresh
    highs = [n for n, f in enumerate(report.findings, start=1) if f.severity.value == "high"]
    accept, edit, reject = highs[:3]
    assert lawyer.review(check_id, accept, decision="accepted").status_code == 303
    assert lawyer.review(check_id, edit, decision="edited", severity="low",
                         recommendation=report.findings[edit - 1].recommendation).status_code == 303
    assert lawyer.review(check_id, reject, decision="rejected", reason="Repealed at second reading.").status_code == 303

    page = lawyer.client.get(f"/app/checks/{check_id}").text
    total = len(report.findings)
    reviewed = json.loads(lawyer.client.get(f"/app/checks/{check_id}/report.json").text)
    standing = [f for f in reviewed["findings"] if f["review"] is None or f["review"]["decision"] != "rejected"]
    assert len(standing) == total - 1
    expected = {s.capitalize(): sum(1 for f in standing if f["severity"] == s) for s in ("high", "medium", "low")}
    assert _severity_counts(page) == expected
    assert expected["High"] == sum(1 for f in report.findings if f.severity.value == "high") - 2
    summary = re.sub(r"<[^>]+>|\s+", " ", page[page.index('id="findings-total"') - 8:page.index("review-progress")])
    assert f"{total} findings: {total - 1} stand, 1 rejected" in " ".join(summary.split())
    assert f'<strong id="findings-total">{total}</strong>' in page, "the total is every finding of the check"
    domains = page[page.index("By domain"):page.index("By decision")]
    assert sum(int(n) for n in re.findall(r"<dd>(\d+)</dd>", domains)) == total - 1


def test_an_unreviewed_summary_counts_every_finding(read_only):
    _, report, page = read_only
    assert _severity_counts(page) == {s.capitalize(): sum(1 for f in report.findings if f.severity.value == s)
                                      for s in ("high", "medium", "low")}
    assert "stand," not in page


@pytest.mark.parametrize(
    "title, query, fmt, stem, unicode_stem",
    [
        ("Arventa public events, first reading", "", "pdf", "arventa-public-events-first-reading", None),
        ("Arventa public events, first reading", "?findings=accepted", "docx", "arventa-public-events-first-reading",
         None),
        ("Закон «О мирных собраниях», проект", "", "pdf", "zakon-o-mirnykh-sobraniyakh-proekt",
         "закон-о-мирных-собраниях-проект"),
        ("", "?findings=accepted", "pdf", "on-public-events-and-the-procedure-for-holding-them", None),
    ],
)
def test_downloads_are_named_after_the_draft(lawyer, title, query, fmt, stem, unicode_stem):
    from urllib.parse import quote

    check_id = lawyer.submit(title=title)
    response = lawyer.client.get(f"/app/checks/{check_id}/report.{fmt}{query}")
    assert response.status_code == 200
    suffix = f"-rightscheck-report-{check_id[:8]}{'-accepted' if query else ''}.{fmt}"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith(f'attachment; filename="{stem}{suffix}"')
    assert disposition.isascii() and check_id not in disposition
    if unicode_stem is None:
        assert "filename*" not in disposition
    else:
        assert disposition.endswith(f"; filename*=UTF-8''{quote(unicode_stem + suffix, safe='')}")


@pytest.mark.parametrize(
    "title, fmt, ascii_name",
    [
        ("Arventa: Law on Public Events (2024)", "pdf", "arventa-law-on-public-events-2024-rightscheck-report-3f0c2a9d.pdf"),
        ("Бейбіт жиналыстар туралы заң", "docx", "beybit-zhinalystar-turaly-zan-rightscheck-report-3f0c2a9d.docx"),
        ("Zákon o shromažďování", "md", "zakon-o-shromazdovani-rightscheck-report-3f0c2a9d.md"),
        ("«»—!!", "json", "draft-rightscheck-report-3f0c2a9d.json"),
    ],
)
def test_report_file_names_are_ascii_slugs_with_a_short_check_id(title, fmt, ascii_name):
    from api.web import report_filename

    assert report_filename(title, "3f0c2a9d" + "0" * 24, fmt, accepted_only=False)[0] == ascii_name


# ---------------------------------------------------------------------- a draft without provisions


@pytest.fixture(scope="module")
def no_provision_lawyer(tmp_path_factory):
    """A session on a service whose checker reads no provision from any draft (its report
    keeps only the whole-draft findings), as for a draft whose articles cannot be told apart."""
    from api.runner import analyse

    def without_provisions(document, language):
        report = analyse(document, language)
        return report.model_copy(update={
            "provisions": [], "draft": report.draft.model_copy(update={"provisions": 0}),
            "findings": [f for f in report.findings if f.provision is None or f.absence]})

    settings = Settings(database_url=f"sqlite:///{tmp_path_factory.mktemp('none') / 'web.db'}", warm_up=False,
                        rate_limit_per_minute=100_000, rate_limit_burst=10_000, inline_max_words=5000,
                        session_secret=SECRET)
    application = create_app(settings, analyse_fn=without_provisions)
    with ExitStack() as stack:
        stack.enter_context(TestClient(application))
        yield Lawyer(application, stack)


@pytest.mark.parametrize("reads_provisions", [False, True])
def test_a_report_without_provisions_says_none_could_be_read(lawyer, no_provision_lawyer, reads_provisions):
    who = lawyer if reads_provisions else no_provision_lawyer
    check_id = who.submit(title="One-line articles")
    report = who.report(check_id)
    page = who.client.get(f"/app/checks/{check_id}").text
    notice = re.search(r'<p class="warning" role="alert" id="no-provisions">(.*?)</p>', page, re.S)
    if reads_provisions:
        assert report.draft.provisions > 0 and notice is None
        return
    assert report.draft.provisions == 0 and report.findings, "the whole-draft findings remain"
    assert notice and "No provision could be read from the draft" in notice.group(1)
    assert "numbered" in notice.group(1)
    assert "were not stored with this check" not in page
    assert "No provision has a finding" not in page


# ---------------------------------------------------------------------- standards


def test_a_standard_has_its_own_page(lawyer, read_only):
    from standards.loader import default_catalogue

    _, report, _ = read_only
    standard = default_catalogue().standards[report.findings[0].standard_id]
    page = lawyer.client.get(f"/app/standards/{standard.id}")
    assert page.status_code == 200
    text = page.text
    assert f"{str(escape(standard.title))}</h1>" in text
    for words in (standard.principle, standard.recommendation, standard.compliant_alternative):
        assert str(escape(" ".join(words.split()))) in text
    assert standard.severity.value.capitalize() in text
    assert "verified" in text


@pytest.mark.parametrize("path, status", [("/app/standards/NO-SUCH-STANDARD", 404), ("/app/standards/%3Cb%3E", 404),
                                          ("/app/standards", 200)])
def test_unknown_standards_are_not_found_and_the_list_is_served(lawyer, path, status):
    response = lawyer.client.get(path)
    assert response.status_code == status
    assert "<b>" not in response.text


@pytest.mark.parametrize("path", ["/app/standards", "/app/standards/ASM-NOTIFY-NOT-AUTH"])
def test_standards_pages_need_a_session(app, path):
    with TestClient(app, follow_redirects=False) as client:
        response = client.get(path)
    assert response.status_code == 303 and response.headers["location"] == "/app/sign-in"


# ---------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("path", ["report", "/app/standards", "standard", "/app/sign-in"])
def test_pages_have_labelled_fields_unique_ids_and_ordered_headings(app, lawyer, read_only, path):
    check_id, report, _ = read_only
    client = lawyer.client
    url = {"report": f"/app/checks/{check_id}", "standard": f"/app/standards/{report.findings[0].standard_id}"}
    if path == "/app/sign-in":
        client = TestClient(app, follow_redirects=False)
    text = client.get(url.get(path, path)).text
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "ids are unique"
    fields = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*>', text)
    for field in fields:
        field_id = re.search(r'\bid="([^"]+)"', field).group(1)
        assert f'<label for="{field_id}"' in text
    levels = [int(n) for n in re.findall(r"<h([1-6])", text)]
    assert levels[0] == 1 and levels.count(1) == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
