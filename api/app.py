"""The FastAPI application: checks, reports, standards and health under ``/v1``.

    >>> from api.app import create_app
    >>> from api.settings import Settings
    >>> app = create_app(Settings(database_url="sqlite:///rightscheck.db"))

Serve it with ``rightscheck serve`` (uvicorn). See docs/api.md for the endpoints, their
errors and limits.
"""

import json
import re
import threading
import unicodedata
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from api.problems import PROBLEM_JSON, ApiProblem, BodySizeLimit, install_handlers
from api.ratelimit import RateLimiter
from api.runner import Analyse, Runner
from api.schemas import (
    ComparisonRequest,
    CheckError,
    CheckLinks,
    CheckOut,
    CheckPage,
    CheckRequest,
    CheckSummary,
    Health,
    Problem,
    ReviewRequest,
    StandardOut,
    StandardSummary,
)
from api.settings import Settings
from api.store import Check, Principal, Store
from checker import __version__
from checker.models import FindingReview

_CHECK_ID = re.compile(r"^[0-9a-f]{32}$")
_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}
_MEDIA = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key from `rightscheck keys create --org NAME`, sent as `Authorization: Bearer rck_…`.",
)


def _problem_responses(*statuses: int) -> dict:
    descriptions = {
        400: "The request body cannot be parsed.",
        401: "No API key, or one that is not valid or has been revoked.",
        404: "No such check (or it belongs to another organisation), or no such finding in its report.",
        409: "The check has no report yet (queued or running) or failed.",
        413: "The request body or the file is over the size limit.",
        415: "A content type or file format that is not accepted.",
        422: "The draft cannot be checked, a field is not valid, or the review is incomplete.",
        429: "Too many requests for this API key; wait Retry-After seconds.",
        503: "The database cannot be reached.",
    }
    return {
        status: {"description": descriptions[status], "model": Problem, "content": {PROBLEM_JSON: {}}}
        for status in statuses
    }


_UPLOAD_SCHEMA = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": ".txt .docx .pdf .html .odt .rtf"},
        "language": {"type": "string", "enum": ["auto", "en", "ru"], "default": "auto"},
        "title": {"type": "string", "maxLength": 500},
        "store_text": {"type": "boolean", "default": True},
    },
}

_CREATE_BODY = {
    "requestBody": {
        "required": True,
        "description": "A file upload (multipart/form-data) or the draft's text (application/json).",
        "content": {
            "multipart/form-data": {"schema": _UPLOAD_SCHEMA},
            "application/json": {
                "schema": CheckRequest.model_json_schema(),
                "example": CheckRequest.model_config["json_schema_extra"]["examples"][0],
            },
        },
    }
}

_DESCRIPTION = """\
Check draft laws against UN and OSCE standards on peaceful assembly, expression and
association.

Every endpoint except `/v1/health` needs an API key: `Authorization: Bearer rck_…`.
An organisation sees and deletes only its own checks. Errors are RFC 9457 problem details
(`application/problem+json`).

Short drafts are checked within the request (`status: done`); longer ones are queued and
run in the background: poll `GET /v1/checks/{id}` until the status is `done` or `failed`.

A lawyer can accept, reject or edit each finding of a done check
(`PUT /v1/checks/{id}/findings/{finding_id}/review`); the report files then carry the
decisions, and `?findings=accepted` gives a report of the accepted findings only.
"""


def create_app(settings: Settings | None = None, *, analyse_fn: Analyse | None = None) -> FastAPI:
    """The FastAPI application for ``settings`` (default: :meth:`Settings.from_env`).

    The database is migrated (when ``settings.migrate_on_start``) and the check runner
    started when the application starts (its lifespan); ``analyse_fn`` replaces the analysis
    ``(document, language) -> Report`` (for tests).
    """
    settings = settings or Settings.from_env()
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        store = Store(settings.database_url)
        if settings.migrate_on_start:
            await run_in_threadpool(store.upgrade)
        runner = Runner(store, settings.workers, analyse_fn)
        await run_in_threadpool(runner.start)
        app.state.store, app.state.runner = store, runner
        if settings.warm_up and analyse_fn is None:
            threading.Thread(target=_warm_up, name="rightscheck-warm-up", daemon=True).start()
        try:
            yield
        finally:
            await run_in_threadpool(runner.stop)
            store.dispose()

    app = FastAPI(
        title="rightscheck",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "checks", "description": "Submit drafts, follow their checks, fetch reports."},
            {"name": "reviews", "description": "A lawyer's decisions on the findings of a check."},
            {"name": "standards", "description": "The encoded standards drafts are checked against."},
            {"name": "service", "description": "Health of the service."},
        ],
    )
    install_handlers(app)
    from api.web import web_router

    app.include_router(web_router(settings))
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_upload_bytes)

    def store_of(request: Request) -> Store:
        return request.app.state.store

    def principal(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    ) -> Principal:
        if credentials is None:
            raise ApiProblem(401, "an API key is required: send 'Authorization: Bearer <key>'", "unauthorised",
                             headers={"WWW-Authenticate": "Bearer"})
        who = store_of(request).authenticate(credentials.credentials)
        if who is None:
            raise ApiProblem(401, "the API key is not valid or has been revoked", "unauthorised",
                             headers={"WWW-Authenticate": "Bearer"})
        wait = limiter.acquire(who.key_id)
        if wait > 0:
            seconds = RateLimiter.retry_after(wait)
            raise ApiProblem(429, f"too many requests for this API key; retry in {seconds} s", "rate-limited",
                             headers={"Retry-After": str(seconds)})
        return who

    Who = Annotated[Principal, Depends(principal)]

    # ------------------------------------------------------------------ checks

    @app.post(
        "/v1/checks",
        status_code=201,
        response_model=CheckOut,
        tags=["checks"],
        summary="Submit a draft for checking",
        openapi_extra=_CREATE_BODY,
        responses={201: {"description": "The check was created: done at once, or queued."},
                   **_problem_responses(400, 401, 413, 415, 422, 429)},
    )
    async def create_check(request: Request, who: Who):
        """Upload a file (`multipart/form-data`: `file`, optional `language`, `title`,
        `store_text`) or send the text (`application/json`). Drafts up to the configured
        number of words are checked at once; longer ones are queued."""
        from checker import ingest
        from checker.ingest.limits import IngestLimits

        limits = IngestLimits(max_file_bytes=settings.max_upload_bytes)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/json":
            try:
                body = CheckRequest.model_validate_json(await request.body())
            except ValidationError as exc:
                raise _invalid(exc) from None
            document = await run_in_threadpool(ingest.load_text, body.text, name="<text>", limits=limits)
            language, title, store_text = body.language, body.title, body.store_text
        elif content_type == "multipart/form-data":
            async with request.form(max_files=1, max_fields=10, max_part_size=64 * 1024) as form:
                upload = form.get("file")
                if not isinstance(upload, UploadFile):
                    raise ApiProblem(422, "the upload needs a 'file' part holding the draft", "invalid-request")
                language = _form_choice(form.get("language"), "language", ("auto", "en", "ru"), "auto")
                store_text = _form_bool(form.get("store_text"), "store_text", True)
                title = _form_text(form.get("title"), "title", 500)
                data = await upload.read()
                name = _clean(upload.filename or "") or "upload"
            document = await run_in_threadpool(ingest.load, data, filename=name, limits=limits)
        else:
            raise ApiProblem(415, "send multipart/form-data with a 'file' part, or application/json with 'text'",
                             "unsupported-media-type")
        row = await submit_document(request.app, settings, who, document, language=language, title=title,
                                    store_text=store_text)
        out = _check_out(row, with_report=True)
        return JSONResponse(out.model_dump(mode="json"), status_code=201, headers={"Location": out.links.self})

    @app.get("/v1/checks", response_model=CheckPage, tags=["checks"], summary="List the organisation's checks",
             responses=_problem_responses(401, 422, 429))
    def list_checks(
        request: Request,
        who: Who,
        limit: Annotated[int, Query(ge=1, le=100, description="checks per page")] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000, description="checks to skip")] = 0,
    ):
        """The organisation's checks, newest first, without their reports."""
        rows, total = store_of(request).list_checks(who.organisation_id, limit, offset)
        return CheckPage(items=[_summary(r) for r in rows], total=total, limit=limit, offset=offset)

    @app.get("/v1/checks/{check_id}", response_model=CheckOut, tags=["checks"], summary="A check and its report",
             responses=_problem_responses(401, 404, 429))
    def get_check(request: Request, who: Who, check_id: str):
        """The check's status and, when it is done, its report as JSON."""
        return _check_out(_own_check(store_of(request), who, check_id), with_report=True)

    @app.get(
        "/v1/checks/{check_id}/report.{fmt}",
        tags=["checks"],
        summary="The report as a file",
        response_class=Response,
        responses={200: {"description": "The report.", "content": {
            "application/json": {}, "text/html": {}, "text/markdown": {}, _MEDIA["docx"]: {}, "application/pdf": {}}},
            **_problem_responses(401, 404, 409, 422, 429)},
    )
    def get_report(
        request: Request,
        who: Who,
        check_id: str,
        fmt: Literal["json", "html", "md", "docx", "pdf"],
        findings: Annotated[Literal["accepted", "all"] | None, Query(
            description="once a finding has been reviewed: 'all' (the default then) lists every finding with "
                        "its decision, 'accepted' only the accepted and edited ones; before any review the "
                        "report is the checker's, whatever this says")] = None,
    ):
        """The report of a done check as JSON, a standalone HTML page, Markdown, or the
        filing report as DOCX or PDF. Once any finding is reviewed, the report carries the
        decisions (edited findings with the lawyer's recommendation and severity) and says
        how it was reviewed."""
        from checker.models import Report
        from checker.review import apply_reviews
        from reports import render_bytes, render_json

        store = store_of(request)
        row = _done_check(store, who, check_id)
        reviews = store.reviews_of(who.organisation_id, row.id)
        accepted_only = bool(reviews) and findings == "accepted"
        if not reviews:
            body = row.report if fmt == "json" else render_bytes(Report.model_validate_json(row.report), fmt)
        else:
            report = apply_reviews(Report.model_validate_json(row.report), reviews, accepted_only=accepted_only)
            body = render_json(report) if fmt == "json" else render_bytes(report, fmt)
        disposition = "attachment" if fmt in ("docx", "pdf") else "inline"
        name = f"rightscheck-{row.id}-accepted.{fmt}" if accepted_only else f"rightscheck-{row.id}.{fmt}"
        return Response(body, media_type=_MEDIA[fmt], headers={
            "Content-Disposition": f'{disposition}; filename="{name}"'})

    # ------------------------------------------------------------------ reviews

    @app.put(
        "/v1/checks/{check_id}/findings/{finding_id}/review",
        response_model=FindingReview,
        tags=["reviews"],
        summary="Accept, reject or edit a finding",
        responses=_problem_responses(401, 404, 409, 422, 429),
    )
    def review_finding(request: Request, who: Who, check_id: str, finding_id: str, body: ReviewRequest):
        """Record a decision on the finding `finding_id` (its `id` in the report, e.g.
        `ASM-NOTIFY-PERIOD:art_9__para_1`; URL-encode it) of a done check. A rejection needs
        a `reason`; an edit a `recommendation` or `severity` other than the finding's. Earlier
        decisions are kept as history (`GET /v1/checks/{id}/reviews`); the newest counts.
        The reviewer is stored as `name (key id)`."""
        from checker.models import Report
        from checker.review import ReviewError, make_review, reviewer_label

        store = store_of(request)
        row = _done_check(store, who, check_id)
        report = Report.model_validate_json(row.report)
        finding = next((f for f in report.findings if f.id == finding_id), None)
        if finding is None:
            raise ApiProblem(404, f"the check has no finding {finding_id[:200]!r}; the report lists their ids",
                             "not-found")
        try:
            review = make_review(finding, body.decision, reviewer=reviewer_label(body.reviewer, who.key_id),
                                 reason=body.reason, recommendation=body.recommendation, severity=body.severity)
        except ReviewError as exc:
            raise ApiProblem(422, exc.message, exc.code, title="The review is not valid",
                             accepted=exc.accepted) from None
        if not store.record_review(who.organisation_id, row.id, review, standard_id=finding.standard_id,
                                   detector=finding.detector, key_id=who.key_id):
            raise ApiProblem(404, "no such check", "not-found")
        return review

    @app.get("/v1/checks/{check_id}/reviews", response_model=list[FindingReview], tags=["reviews"],
             summary="The decisions on a check's findings", responses=_problem_responses(401, 404, 429))
    def list_reviews(request: Request, who: Who, check_id: str):
        """Every decision on the check's findings, oldest first, superseded ones included
        (the newest decision on a finding is the one that counts). Empty before any review."""
        store = store_of(request)
        row = _own_check(store, who, check_id)
        return store.reviews_of(who.organisation_id, row.id)

    @app.post(
        "/v1/comparisons",
        tags=["checks"],
        summary="Compare two versions of a draft",
        response_class=Response,
        responses={200: {"description": "The comparison: every concern of either version as resolved, "
                         "persists, changed or new, with a summary.",
                         "content": {"application/json": {}, "text/html": {}, "text/markdown": {},
                                     _MEDIA["docx"]: {}, "application/pdf": {}}},
                   **_problem_responses(401, 404, 409, 422, 429)},
    )
    def create_comparison(
        request: Request,
        who: Who,
        body: ComparisonRequest,
        format: Annotated[Literal["json", "html", "md", "docx", "pdf"], Query(description="output format")] = "json",
    ):
        """Compare the reports of two done checks of the organisation (the earlier version
        first). Provisions are aligned by their text, so renumbered articles are followed;
        checks stored with `store_text=false` are aligned by eId only."""
        from checker.compare import compare_reports
        from checker.models import Report
        from reports.comparison import render_comparison_bytes

        store = store_of(request)
        old = Report.model_validate_json(_done_check(store, who, body.old_check_id).report)
        new = Report.model_validate_json(_done_check(store, who, body.new_check_id).report)
        comparison = compare_reports(old, new)
        data = render_comparison_bytes(comparison, format)
        disposition = "attachment" if format in ("docx", "pdf") else "inline"
        return Response(data, media_type=_MEDIA[format], headers={
            "Content-Disposition": f'{disposition}; filename="rightscheck-comparison.{format}"'})

    @app.delete("/v1/checks/{check_id}", status_code=204, tags=["checks"], summary="Delete a check",
                responses=_problem_responses(401, 404, 429))
    def delete_check(request: Request, who: Who, check_id: str):
        """Delete the check, its stored text and its report. A queued or running check is
        dropped: its result is discarded."""
        if not _CHECK_ID.match(check_id) or not store_of(request).delete_check(who.organisation_id, check_id):
            raise ApiProblem(404, "no such check", "not-found")
        return Response(status_code=204)

    # ------------------------------------------------------------------ standards

    @app.get("/v1/standards", response_model=list[StandardSummary], tags=["standards"],
             summary="The encoded standards", responses=_problem_responses(401, 429))
    def list_standards(who: Who):
        """Every standard drafts are checked against."""
        catalogue = _catalogue()
        return [_standard_summary(s) for s in catalogue.standards.values()]

    @app.get("/v1/standards/{standard_id}", response_model=StandardOut, tags=["standards"],
             summary="One standard", responses=_problem_responses(401, 404, 429))
    def get_standard(who: Who, standard_id: str):
        """A standard's principle, citations and recommendation."""
        from checker.engine import citation_refs

        catalogue = _catalogue()
        standard = catalogue.standards.get(standard_id)
        if standard is None:
            raise ApiProblem(404, "no such standard; see GET /v1/standards", "not-found")
        return StandardOut(
            **_standard_summary(standard).model_dump(),
            principle=" ".join(standard.principle.split()),
            recommendation=" ".join(standard.recommendation.split()),
            compliant_alternative=" ".join(standard.compliant_alternative.split()),
            citations=citation_refs(catalogue, standard),
        )

    # ------------------------------------------------------------------ service

    @app.get("/v1/health", response_model=Health, tags=["service"], summary="Health of the service",
             responses={503: {"description": "The database cannot be reached.", "model": Health}})
    def health(request: Request):
        """Whether the database answers, and how many checks wait or run. Needs no key."""
        store = store_of(request)
        try:
            store.ping()
            counts = store.count_by_status()
        except Exception:
            body = Health(status="unavailable", version=__version__, database="unreachable", queued=0, running=0)
            return JSONResponse(body.model_dump(), status_code=503)
        return Health(status="ok", version=__version__, database="ok",
                      queued=counts["queued"], running=counts["running"])

    return app


# ---------------------------------------------------------------------- helpers


async def submit_document(app: FastAPI, settings: Settings, who: Principal, document, *, language: str,
                          title: str | None, store_text: bool) -> Check:
    """Store a new check of ``document`` (a :class:`~checker.models.Document`) for ``who`` and
    run it: within the call when it has at most ``settings.inline_max_words`` words, else on
    the runner's queue. ``language`` is ``auto``, ``en`` or ``ru``; ``title`` is cleaned of
    control characters (empty becomes None). Returns the check as stored afterwards
    (``done``/``failed`` when run at once, else ``queued`` or ``running``).
    """
    if title is not None:
        title = _clean(title) or None
    if language == "auto":
        from checker.nlp.language import detect_language

        language = detect_language(document.text)
    words = len(document.text.split())
    store: Store = app.state.store
    row = await run_in_threadpool(
        store.add_check, who.organisation_id, document_json=document.model_dump_json(), language=language,
        title=title, source_name=_clean(document.source_name) or "upload", source_format=document.source_format,
        words=words, store_text=store_text,
    )
    runner: Runner = app.state.runner
    if words <= settings.inline_max_words:
        await run_in_threadpool(runner.run, row.id)
    else:
        runner.submit(row.id)
    return await run_in_threadpool(store.get_check, who.organisation_id, row.id) or row


def _warm_up() -> None:
    """Load the pipelines and the standards before the first request needs them."""
    from api.runner import analyse
    from checker.ingest import load_text

    try:
        analyse(load_text("Article 1. The organiser shall notify the authority."), "en")
        analyse(load_text("Статья 1. Организатор уведомляет местный исполнительный орган."), "ru")
    except Exception:  # a failure here shows again, with its reason, in the first check
        pass


def _catalogue():
    from standards.loader import default_catalogue

    return default_catalogue()


def _languages(standard) -> list[str]:
    found: set[str] = set()
    for detector in standard.detectors:
        if getattr(detector, "lang", None):
            found.add(detector.lang)
        for attribute in ("applies_if", "context"):
            found.update(getattr(detector, attribute, None) or {})
    return sorted(found)


def _standard_summary(standard) -> StandardSummary:
    return StandardSummary(
        id=standard.id,
        title=standard.title,
        domain=standard.domain.value,
        also_domains=[d.value for d in standard.also_domains],
        severity=standard.severity.value,
        status=standard.status,
        languages=_languages(standard),
        detector_kinds=sorted({d.kind for d in standard.detectors}),
    )


def _own_check(store: Store, who: Principal, check_id: str) -> Check:
    """The organisation's check, or 404 (also for another organisation's check)."""
    row = store.get_check(who.organisation_id, check_id) if _CHECK_ID.match(check_id) else None
    if row is None:
        raise ApiProblem(404, "no such check", "not-found")
    return row


def _done_check(store: Store, who: Principal, check_id: str) -> Check:
    """The organisation's check ``check_id`` with its report; 404 when it is not the
    organisation's, 409 when it failed or is not done yet."""
    row = _own_check(store, who, check_id)
    if row.status == "failed":
        raise ApiProblem(409, f"the check failed: {row.error_message}", "check-failed", status_of_check=row.status)
    if row.status != "done" or row.report is None:
        raise ApiProblem(409, f"the check is {row.status}; the report is not ready yet", "not-ready",
                         status_of_check=row.status)
    return row


def _links(check_id: str) -> CheckLinks:
    base = f"/v1/checks/{check_id}"
    return CheckLinks(self=base, report_json=f"{base}/report.json", report_html=f"{base}/report.html",
                      report_md=f"{base}/report.md", report_docx=f"{base}/report.docx",
                      report_pdf=f"{base}/report.pdf", reviews=f"{base}/reviews")


def _summary(row: Check) -> CheckSummary:
    return CheckSummary(
        id=row.id,
        status=row.status,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        title=row.title,
        language=row.language,
        source_name=row.source_name,
        source_format=row.source_format,
        words=row.words,
        store_text=row.store_text,
        findings=row.findings,
        error=CheckError(code=row.error_code, message=row.error_message or "") if row.status == "failed" else None,
        links=_links(row.id),
    )


def _check_out(row: Check, with_report: bool) -> CheckOut:
    report = json.loads(row.report) if with_report and row.status == "done" and row.report else None
    return CheckOut(**_summary(row).model_dump(), report=report)


def _clean(value: str) -> str:
    """``value`` without control characters (NUL and the like), trimmed."""
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cc").strip()


def _invalid(exc: ValidationError) -> ApiProblem:
    errors = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"]} for e in exc.errors()]
    where = "; ".join(f"{'.'.join(e['loc']) or 'body'}: {e['msg']}" for e in errors[:5])
    return ApiProblem(422, f"the request is not valid: {where}", "invalid-request", errors=errors)


def _form_text(value, field: str, max_length: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiProblem(422, f"'{field}' must be a text field, not a file", "invalid-request")
    if len(value) > max_length:
        raise ApiProblem(422, f"'{field}' is longer than {max_length} characters", "invalid-request")
    return value


def _form_choice(value, field: str, choices: tuple[str, ...], default: str) -> str:
    text = _form_text(value, field, 20)
    if text is None or not text.strip():
        return default
    if text.strip().lower() not in choices:
        raise ApiProblem(422, f"'{field}' must be one of {', '.join(choices)}, not {text[:20]!r}", "invalid-request")
    return text.strip().lower()


def _form_bool(value, field: str, default: bool) -> bool:
    text = _form_text(value, field, 10)
    if text is None or not text.strip():
        return default
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ApiProblem(422, f"'{field}' must be true or false, not {text[:10]!r}", "invalid-request")
