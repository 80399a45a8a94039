"""Reviewing findings over HTTP: PUT a decision, read the history, download reviewed reports —
on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from urllib.parse import quote

import docx
import pytest

from tests.conftest import DRAFTS

SAMPLE = DRAFTS / "arventa-public-events-2024.en.txt"
PERMISSION = "ASM-NOTIFY-NOT-AUTH:art_4__para_3"
NOTICE = "ASM-NOTIFY-PERIOD:art_4__para_1"
CAP = "ASM-NO-PARTICIPANT-CAP:art_3__para_2"
NO_PRESUMPTION = "ASM-LAST-RESORT:draft"
REJECT_CAP = {"decision": "rejected", "reviewer": "Dana Osei",
              "reason": "Article 3(2) is the venue's fire-safety capacity, not a cap on the assembly."}


class Reviewing:
    """A service holding a done check of the Arventa draft, and helpers to review it."""

    def __init__(self, service, headers, check_id, report):
        self.service, self.headers, self.check_id, self.report = service, headers, check_id, report
        self.key_id = headers["Authorization"].split("_")[1]

    def put(self, finding_id: str, body: dict, *, check_id: str | None = None, headers=None):
        path = f"/v1/checks/{check_id or self.check_id}/findings/{quote(finding_id, safe='')}/review"
        return self.service.client.put(path, json=body, headers=self.headers if headers is None else headers)

    def get(self, path: str, **params):
        return self.service.client.get(f"/v1/checks/{self.check_id}/{path}", params=params, headers=self.headers)


@pytest.fixture
def reviewing(make_service) -> Reviewing:
    service = make_service(inline_max_words=5000)
    headers = service.key()
    response = service.client.post("/v1/checks", json={"text": SAMPLE.read_text(encoding="utf-8"), "language": "en"},
                                   headers=headers)
    assert response.status_code == 201 and response.json()["status"] == "done", response.text
    body = response.json()
    return Reviewing(service, headers, body["id"], body["report"])


@pytest.mark.parametrize(
    "body, status, expected",
    [
        ({"decision": "accepted", "reviewer": "Dana Osei"}, 200, {"decision": "accepted", "reason": None}),
        ({"decision": "accepted", "reviewer": "  Dana   Osei ", "severity": "high"}, 200,
         {"decision": "accepted", "severity": None}),
        ({"decision": "rejected", "reviewer": "Dana Osei", "reason": " Sports events only. "}, 200,
         {"decision": "rejected", "reason": "Sports events only."}),
        ({"decision": "edited", "reviewer": "Dana Osei", "severity": "medium"}, 200,
         {"decision": "edited", "severity": "medium", "recommendation": None}),
        ({"decision": "edited", "reviewer": "Dana Osei", "recommendation": "Ask for notice, never approval."}, 200,
         {"decision": "edited", "severity": None, "recommendation": "Ask for notice, never approval."}),
        ({"decision": "rejected", "reviewer": "Dana Osei"}, 422, "needs a reason"),
        ({"decision": "rejected", "reviewer": "Dana Osei", "reason": "   "}, 422, "needs a reason"),
        ({"decision": "edited", "reviewer": "Dana Osei", "severity": "high"}, 422, "changes neither"),
        ({"decision": "edited", "reviewer": "Dana Osei"}, 422, "changes neither"),
        ({"decision": "accepted", "reviewer": "   "}, 422, "the reviewer's name is empty"),
        ({"decision": "accepted", "reviewer": ""}, 422, "reviewer"),
        ({"decision": "accepted", "reviewer": "d" * 101}, 422, "reviewer"),
        ({"decision": "maybe", "reviewer": "Dana Osei"}, 422, "decision"),
        ({"decision": "edited", "reviewer": "Dana Osei", "severity": "critical"}, 422, "severity"),
        ({"decision": "rejected", "reviewer": "Dana Osei", "reason": "x" * 2001}, 422, "reason"),
        ({"decision": "accepted"}, 422, "reviewer"),
        ({"decision": "accepted", "reviewer": "Dana Osei", "approved": True}, 422, "approved"),
    ],
)
def test_a_decision_is_stored_or_refused_with_a_clear_message(reviewing, body, status, expected):
    response = reviewing.put(PERMISSION, body)
    assert response.status_code == status, response.text
    history = reviewing.get("reviews").json()
    if status == 200:
        review = response.json()
        assert review["finding_id"] == PERMISSION and review["reviewer"] == f"Dana Osei ({reviewing.key_id})"
        assert {k: review[k] for k in expected} == expected
        assert history == [review]
    else:
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 422 and expected in problem["detail"]
        assert problem["code"] in ("invalid-review", "invalid-request")
        if problem["code"] == "invalid-review":
            assert problem["title"] == "The review is not valid" and problem["accepted"].startswith("accepted: ")
        assert history == []


@pytest.mark.parametrize(
    "finding_id, encode",
    [
        (PERMISSION, True),   # ':' sent as %3A
        (PERMISSION, False),  # ':' sent as it is
        (NO_PRESUMPTION, True),
    ],
)
def test_finding_ids_work_in_the_path_encoded_or_not(reviewing, finding_id, encode):
    path_id = quote(finding_id, safe="") if encode else finding_id
    response = reviewing.service.client.put(
        f"/v1/checks/{reviewing.check_id}/findings/{path_id}/review",
        json={"decision": "accepted", "reviewer": "Dana Osei"}, headers=reviewing.headers)
    assert response.status_code == 200, response.text
    assert response.json()["finding_id"] == finding_id


def test_unknown_checks_and_findings_answer_404_and_unfinished_checks_409(reviewing):
    service = reviewing.service
    accept = {"decision": "accepted", "reviewer": "Dana Osei"}
    other = service.key("Brenna Legal Aid")
    cases = [
        (reviewing.put("ASM-NOTIFY-NOT-AUTH:art_99", accept), 404, "no finding"),
        (reviewing.put("ASM-NOTIFY-NOT-AUTH", accept), 404, "no finding"),
        (reviewing.put(PERMISSION, accept, check_id="0" * 32), 404, "no such check"),
        (reviewing.put(PERMISSION, accept, check_id="not-a-check"), 404, "no such check"),
        (reviewing.put(PERMISSION, accept, headers=other), 404, "no such check"),
        (service.client.get(f"/v1/checks/{reviewing.check_id}/reviews", headers=other), 404, "no such check"),
        (reviewing.put(PERMISSION, accept, headers={}), 401, "API key"),
    ]
    org = service.store.authenticate(reviewing.headers["Authorization"].split(" ")[1]).organisation_id
    queued = service.store.add_check(org, document_json="{}", language="en", title=None, source_name="q.txt",
                                     source_format="txt", words=1, store_text=True)
    failed = service.store.add_check(org, document_json="{}", language="en", title=None, source_name="f.txt",
                                     source_format="txt", words=1, store_text=True)
    service.store.fail(failed.id, "empty", "the draft is empty")
    cases += [
        (reviewing.put(PERMISSION, accept, check_id=queued.id), 409, "not ready"),
        (reviewing.put(PERMISSION, accept, check_id=failed.id), 409, "the check failed"),
    ]
    for response, status, detail in cases:
        assert response.status_code == status, response.text
        assert detail in response.json()["detail"]
    assert reviewing.get("reviews").json() == []
    assert service.client.get(f"/v1/checks/{queued.id}/reviews", headers=reviewing.headers).json() == []


def test_the_history_keeps_every_decision_oldest_first(reviewing):
    reviewing.put(CAP, {"decision": "accepted", "reviewer": "Ilya Markov"})
    reviewing.put(NOTICE, {"decision": "edited", "reviewer": "Dana Osei", "severity": "high"})
    reviewing.put(CAP, REJECT_CAP)
    check = reviewing.service.client.get(f"/v1/checks/{reviewing.check_id}", headers=reviewing.headers).json()
    assert reviewing.service.client.get(check["links"]["reviews"], headers=reviewing.headers).json() == \
        reviewing.get("reviews").json()
    history = reviewing.get("reviews").json()
    assert [(r["finding_id"], r["decision"], r["reviewer"].split(" (")[0]) for r in history] == [
        (CAP, "accepted", "Ilya Markov"),
        (NOTICE, "edited", "Dana Osei"),
        (CAP, "rejected", "Dana Osei"),
    ]
    assert history[0]["reviewed_at"] <= history[1]["reviewed_at"] <= history[2]["reviewed_at"]


@pytest.mark.parametrize("findings", [None, "all", "accepted"])
def test_before_any_review_the_report_is_the_checkers(reviewing, findings):
    params = {"findings": findings} if findings else {}
    response = reviewing.get("report.json", **params)
    assert response.status_code == 200
    assert response.json() == reviewing.report and response.json()["review"] is None
    assert response.headers["content-disposition"] == f'inline; filename="rightscheck-{reviewing.check_id}.json"'


@pytest.mark.parametrize(
    "findings, accepted_only, listed",
    [
        (None, False, "every"),
        ("all", False, "every"),
        ("accepted", True, {PERMISSION, NOTICE}),
    ],
)
def test_a_reviewed_report_carries_the_decisions(reviewing, findings, accepted_only, listed):
    reviewing.put(PERMISSION, {"decision": "accepted", "reviewer": "Dana Osei"})
    reviewing.put(NOTICE, {"decision": "edited", "reviewer": "Ilya Markov", "severity": "high",
                           "recommendation": "Ask for 48 hours' notice and accept urgent events."})
    reviewing.put(CAP, {"decision": "accepted", "reviewer": "Ilya Markov"})
    reviewing.put(CAP, REJECT_CAP)  # the latest decision wins
    params = {"findings": findings} if findings else {}
    report = reviewing.get("report.json", **params).json()
    total = len(reviewing.report["findings"])
    summary = report["review"]
    assert summary["accepted_only"] is accepted_only
    assert (summary["accepted"], summary["edited"], summary["rejected"], summary["pending"]) == (1, 1, 1, total - 3)
    assert summary["reviewers"] == [f"Dana Osei ({reviewing.key_id})", f"Ilya Markov ({reviewing.key_id})"]
    ids = {f["id"] for f in report["findings"]}
    assert ids == ({f["id"] for f in reviewing.report["findings"]} if listed == "every" else listed)
    notice = next(f for f in report["findings"] if f["id"] == NOTICE)
    assert (notice["severity"], notice["review"]["decision"]) == ("high", "edited")
    assert notice["recommendation"].startswith("Ask for 48 hours")
    if not accepted_only:
        cap = next(f for f in report["findings"] if f["id"] == CAP)
        assert cap["review"]["reason"] == REJECT_CAP["reason"]
        assert next(f for f in report["findings"] if f["id"] == NO_PRESUMPTION)["review"] is None


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_format_follows_the_findings_parameter(reviewing, fmt):
    reviewing.put(CAP, REJECT_CAP)
    reviewing.put(PERMISSION, {"decision": "accepted", "reviewer": "Dana Osei"})
    unreviewed_all, accepted = reviewing.get(f"report.{fmt}"), reviewing.get(f"report.{fmt}", findings="accepted")
    assert unreviewed_all.status_code == accepted.status_code == 200
    assert accepted.content != unreviewed_all.content
    assert f'rightscheck-{reviewing.check_id}-accepted.{fmt}"' in accepted.headers["content-disposition"]
    if fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(accepted.content)).paragraphs)
        everything = "\n".join(p.text for p in docx.Document(io.BytesIO(unreviewed_all.content)).paragraphs)
        assert len(text) < len(everything)
    else:
        assert len(accepted.text) < len(unreviewed_all.text)


@pytest.mark.parametrize("findings", ["rejected", "ALL", ""])
def test_an_unknown_findings_parameter_is_refused(reviewing, findings):
    response = reviewing.get("report.json", findings=findings)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "findings" in response.json()["detail"]


def test_deleting_a_check_deletes_its_reviews(reviewing):
    reviewing.put(CAP, REJECT_CAP)
    assert reviewing.service.client.delete(f"/v1/checks/{reviewing.check_id}",
                                           headers=reviewing.headers).status_code == 204
    assert reviewing.get("reviews").status_code == 404
    assert reviewing.service.store.review_stats() == []


def test_the_openapi_schema_documents_the_review_endpoints(reviewing):
    schema = reviewing.service.client.get("/openapi.json").json()
    put = schema["paths"]["/v1/checks/{check_id}/findings/{finding_id}/review"]["put"]
    assert {"200", "404", "409", "422"} <= set(put["responses"])
    body = schema["components"]["schemas"]["ReviewRequest"]
    assert body["required"] == ["decision", "reviewer"]
    report_params = {p["name"] for p in schema["paths"]["/v1/checks/{check_id}/report.{fmt}"]["get"]["parameters"]}
    assert "findings" in report_params
    assert json.dumps(schema["paths"]["/v1/checks/{check_id}/reviews"]["get"]["responses"]["200"])
