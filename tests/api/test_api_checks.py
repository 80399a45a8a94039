"""Checks over HTTP: submit (JSON text, file upload), follow, list, fetch reports, delete —
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import select

from api.runner import analyse
from api.store import Check
from tests.api.api_helpers import SHORT_EN, SHORT_RU, docx_with_metadata
from tests.conftest import DRAFTS
from tests.draft_files import to_docx

SAMPLE = DRAFTS / "arventa-public-events-2024.en.txt"


@pytest.mark.parametrize(
    "text, language, expected_language, expected_standard",
    [
        (SHORT_EN, "auto", "en", "ASM-NOTIFY-NOT-AUTH"),
        (SHORT_RU, "auto", "ru", "ASM-NOTIFY-NOT-AUTH"),
        (SHORT_EN, "en", "en", "ASM-NOTIFY-PERIOD"),
    ],
)
def test_a_short_draft_sent_as_json_is_checked_at_once(service, text, language, expected_language, expected_standard):
    headers = service.key()
    response = service.client.post("/v1/checks", json={"text": text, "language": language,
                                                       "title": "Assemblies draft"}, headers=headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "done"
    assert response.headers["location"] == f"/v1/checks/{body['id']}"
    assert body["language"] == expected_language and body["title"] == "Assemblies draft"
    assert body["source_format"] == "text" and body["words"] == len(text.split())
    assert expected_standard in {f["standard_id"] for f in body["report"]["findings"]}
    assert body["findings"] == len(body["report"]["findings"])


def test_a_compliant_short_draft_is_done_without_the_permission_finding(service):
    text = ("Article 1. Notification\n1. The organiser may inform the city administration of an assembly in advance.\n"
            "2. The police shall protect participants of peaceful assemblies.\n")
    body = service.client.post("/v1/checks", json={"text": text}, headers=service.key()).json()
    assert body["status"] == "done"
    assert "ASM-NOTIFY-NOT-AUTH" not in {f["standard_id"] for f in body["report"]["findings"]}


def test_an_uploaded_word_file_is_checked_and_its_name_kept(service):
    headers = service.key()
    files = {"file": ("assemblies.docx", to_docx(SHORT_EN),
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}
    response = service.client.post("/v1/checks", files=files, data={"language": "en", "title": "Word draft"},
                                   headers=headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["status"], body["source_name"], body["source_format"]) == ("done", "assemblies.docx", "docx")
    assert "ASM-NOTIFY-NOT-AUTH" in {f["standard_id"] for f in body["report"]["findings"]}


def test_a_long_draft_is_queued_then_done_by_a_worker(make_service):
    service = make_service(inline_max_words=100)
    headers = service.key()
    text = SAMPLE.read_text(encoding="utf-8")
    response = service.client.post("/v1/checks", files={"file": ("arventa.txt", text.encode(), "text/plain")},
                                   headers=headers)
    assert response.status_code == 201
    created = response.json()
    assert created["status"] in ("queued", "running") and created["report"] is None
    final = service.wait(created["id"], headers)
    assert final["status"] == "done", final
    assert final["started_at"] and final["finished_at"] and final["words"] > 100
    assert "ASM-NOTIFY-NOT-AUTH" in {f["standard_id"] for f in final["report"]["findings"]}


def test_status_goes_queued_running_done_and_the_report_waits_for_done(make_service):
    release = threading.Event()
    started = threading.Event()

    def held(document, language):
        started.set()
        release.wait(60)
        return analyse(document, language)

    service = make_service(analyse_fn=held, inline_max_words=5)
    headers = service.key()
    created = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()
    assert created["status"] in ("queued", "running") and created["report"] is None
    assert started.wait(30)
    running = service.client.get(f"/v1/checks/{created['id']}", headers=headers).json()
    assert running["status"] == "running" and running["report"] is None
    not_ready = service.client.get(f"/v1/checks/{created['id']}/report.html", headers=headers)
    assert not_ready.status_code == 409
    assert not_ready.json()["code"] == "not-ready"
    release.set()
    assert service.wait(created["id"], headers)["status"] == "done"
    assert service.client.get(f"/v1/checks/{created['id']}/report.html", headers=headers).status_code == 200


@pytest.mark.parametrize(
    "fmt, media_type, marker",
    [
        ("json", "application/json", '"schema_version"'),
        ("html", "text/html", "<html"),
        ("md", "text/markdown", "ASM-NOTIFY-NOT-AUTH"),
    ],
)
def test_the_report_downloads_in_each_format(service, fmt, media_type, marker):
    headers = service.key()
    check_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()["id"]
    response = service.client.get(f"/v1/checks/{check_id}/report.{fmt}", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert marker in response.text
    assert "ASM-NOTIFY-NOT-AUTH" in response.text


@pytest.mark.parametrize("fmt, media_type, magic", [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ("pdf", "application/pdf", b"%PDF-"),
])
def test_the_filing_report_downloads_as_docx_and_pdf(service, fmt, media_type, magic):
    headers = service.key()
    check_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()["id"]
    response = service.client.get(f"/v1/checks/{check_id}/report.{fmt}", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.content.startswith(magic)


@pytest.mark.parametrize(
    "link, suffix, media_type",
    [
        ("report_json", "/report.json", "application/json"),
        ("report_html", "/report.html", "text/html"),
        ("report_md", "/report.md", "text/markdown"),
        ("report_docx", "/report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("report_pdf", "/report.pdf", "application/pdf"),
        ("reviews", "/reviews", "application/json"),
    ],
)
def test_a_checks_links_lead_to_every_report_format(service, link, suffix, media_type):
    headers = service.key()
    created = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()
    assert created["links"][link] == f"/v1/checks/{created['id']}{suffix}"
    listed = service.client.get("/v1/checks", headers=headers).json()["items"][0]
    assert listed["links"][link] == created["links"][link]
    response = service.client.get(created["links"][link], headers=headers)
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)


def test_two_versions_are_compared(service):
    headers = service.key()
    old_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()["id"]
    revised = SHORT_EN.replace("only with the permission of", "after notifying")
    new_id = service.client.post("/v1/checks", json={"text": revised}, headers=headers).json()["id"]
    response = service.client.post("/v1/comparisons", json={"old_check_id": old_id, "new_check_id": new_id},
                                   headers=headers)
    assert response.status_code == 200, response.text
    comparison = response.json()
    statuses = {(e["standard_id"], e["status"]) for e in comparison["findings"]}
    assert ("ASM-NOTIFY-NOT-AUTH", "resolved") in statuses
    markdown = service.client.post("/v1/comparisons", params={"format": "md"},
                                   json={"old_check_id": old_id, "new_check_id": new_id}, headers=headers)
    assert markdown.status_code == 200 and "resolved" in markdown.text


def test_a_comparison_needs_the_organisations_own_done_checks(service):
    mine, theirs = service.key(), service.key("Another NGO")
    my_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=mine).json()["id"]
    their_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=theirs).json()["id"]
    response = service.client.post("/v1/comparisons", json={"old_check_id": my_id, "new_check_id": their_id},
                                   headers=mine)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    missing = service.client.post("/v1/comparisons", json={"old_check_id": my_id}, headers=mine)
    assert missing.status_code == 422


def test_an_unknown_report_format_is_not_found_or_invalid(service):
    headers = service.key()
    check_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()["id"]
    response = service.client.get(f"/v1/checks/{check_id}/report.odt", headers=headers)
    assert response.status_code in (404, 422)
    assert response.headers["content-type"] == "application/problem+json"


def test_the_list_is_newest_first_and_paginated(service):
    headers = service.key()
    ids = [service.client.post("/v1/checks", json={"text": SHORT_EN, "title": f"draft {i}"}, headers=headers).json()["id"]
           for i in range(3)]
    first = service.client.get("/v1/checks", params={"limit": 2}, headers=headers).json()
    second = service.client.get("/v1/checks", params={"limit": 2, "offset": 2}, headers=headers).json()
    assert first["total"] == second["total"] == 3
    assert [c["id"] for c in first["items"] + second["items"]] == ids[::-1]
    assert [c["title"] for c in first["items"]] == ["draft 2", "draft 1"]
    assert all("report" not in c for c in first["items"])


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "many"}])
def test_bad_pagination_is_a_problem_not_a_crash(service, params):
    response = service.client.get("/v1/checks", params=params, headers=service.key())
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "invalid-request"


def test_delete_removes_the_check_and_its_report(service):
    headers = service.key()
    check_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()["id"]
    assert service.client.delete(f"/v1/checks/{check_id}", headers=headers).status_code == 204
    assert service.client.get(f"/v1/checks/{check_id}", headers=headers).status_code == 404
    assert service.client.get(f"/v1/checks/{check_id}/report.json", headers=headers).status_code == 404
    assert service.client.delete(f"/v1/checks/{check_id}", headers=headers).status_code == 404
    assert service.client.get("/v1/checks", headers=headers).json()["total"] == 0


def test_a_check_deleted_while_it_runs_is_not_written_back(make_service):
    release = threading.Event()
    started = threading.Event()

    def held(document, language):
        started.set()
        release.wait(60)
        return analyse(document, language)

    service = make_service(analyse_fn=held, inline_max_words=5)
    headers = service.key()
    check_id = service.client.post("/v1/checks", json={"text": SHORT_EN}, headers=headers).json()["id"]
    assert started.wait(30)
    assert service.client.delete(f"/v1/checks/{check_id}", headers=headers).status_code == 204
    release.set()
    service.app.state.runner.stop()
    with service.store.session() as session:
        assert session.scalars(select(Check)).all() == []


@pytest.mark.parametrize(
    "store_text, text_kept, quotes_kept",
    [(True, True, True), (False, False, False)],
)
def test_store_text_decides_whether_the_draft_words_are_kept(service, store_text, text_kept, quotes_kept):
    headers = service.key()
    body = service.client.post("/v1/checks", json={"text": SHORT_EN, "store_text": store_text}, headers=headers).json()
    assert body["status"] == "done" and body["store_text"] is store_text
    with service.store.session() as session:
        row = session.scalar(select(Check).where(Check.id == body["id"]))
    assert (row.document is not None) is text_kept
    report = json.loads(row.report)
    assert report["findings"], "findings are kept either way"
    assert all(f["citations"] and f["recommendation"] for f in report["findings"])
    quotes = [s["quote"] for f in report["findings"] for s in f["spans"]]
    assert any(quotes) is quotes_kept
    assert ("only with the permission of the local executive body" in row.report) is quotes_kept
    assert bool(report["provisions"]) is quotes_kept
    html = service.client.get(f"/v1/checks/{body['id']}/report.html", headers=headers)
    assert html.status_code == 200 and "ASM-NOTIFY-NOT-AUTH" in html.text


def test_word_metadata_and_comments_are_never_stored(service):
    secrets_ = ("Irina Secretauthor", "Ministry of Confidential Affairs", "Delete this before sending to the OSCE")
    data = docx_with_metadata(SHORT_EN.splitlines(), author=secrets_[0], company=secrets_[1], comment=secrets_[2])
    headers = service.key()
    response = service.client.post("/v1/checks", files={"file": ("draft.docx", data)}, headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "done"
    with service.store.session() as session:
        row = session.scalar(select(Check).where(Check.id == response.json()["id"]))
    stored = " ".join(str(getattr(row, column.name)) for column in Check.__table__.columns)
    assert "only with the permission" in stored  # the text itself is kept (store_text defaults to true)
    for secret in secrets_:
        assert secret not in stored
        assert secret not in response.text
