"""Server-rendered pages for lawyers under ``/app``: sign in with the organisation's API key,
submit drafts, follow checks and download their reports.

    >>> from api.web import web_router
    >>> app.include_router(web_router(settings))

The session is a signed cookie (HMAC-SHA256 with ``Settings.session_secret``) that holds the
key's id and a random session id, never the key itself; every request looks the key up
again, so revoking it ends the session. Every form carries a CSRF token: an HMAC of the
session id (or, before signing in, of a random pre-session cookie); a POST without a valid
one is answered 403. The pages need no JavaScript.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from starlette.datastructures import UploadFile

from api.settings import Settings
from api.store import ApiKey, Check, Organisation, Principal, Store
from checker.errors import InputError

SESSION_COOKIE = "rc_session"
PRESESSION_COOKIE = "rc_presession"
CSRF_FIELD = "csrf_token"
_LANGUAGES = (("auto", "Detect automatically"), ("en", "English"), ("ru", "Russian"))
_FORMATS = ("json", "html", "md", "docx", "pdf")
_FORMAT_NAMES = {"json": "JSON", "html": "HTML", "md": "Markdown", "docx": "Word (DOCX)", "pdf": "PDF"}
_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


class SessionSigner:
    """Signs and reads the session cookie and makes and checks CSRF tokens.

    ``secret`` is any string of at least 16 characters. Values are
    ``base64url(JSON).hex-HMAC-SHA256``; :meth:`load` returns None for anything that was
    not signed with the same secret.
    """

    def __init__(self, secret: str) -> None:
        self._key = secret.encode("utf-8")

    def _mac(self, purpose: str, value: str) -> str:
        return hmac.new(self._key, f"{purpose}:{value}".encode("utf-8"), hashlib.sha256).hexdigest()

    def dump(self, key_id: str, session_id: str) -> str:
        """The cookie value for a session of key ``key_id``."""
        body = base64.urlsafe_b64encode(json.dumps({"k": key_id, "s": session_id}).encode()).decode().rstrip("=")
        return f"{body}.{self._mac('session', body)}"

    def load(self, value: str | None) -> tuple[str, str] | None:
        """``(key_id, session_id)`` of a cookie value this signer made, else None."""
        if not value or len(value) > 400 or "." not in value:
            return None
        body, mac = value.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac("session", body)):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            return str(data["k"]), str(data["s"])
        except (ValueError, KeyError, TypeError):
            return None

    def csrf(self, session_id: str) -> str:
        """The CSRF token that goes with ``session_id`` (64 hex digits)."""
        return self._mac("csrf", session_id)

    def csrf_ok(self, session_id: str | None, token) -> bool:
        """Whether ``token`` (a form value) is the CSRF token of ``session_id``."""
        if not session_id or not isinstance(token, str) or len(token) != 64:
            return False
        return hmac.compare_digest(token, self.csrf(session_id))


def principal_of_key_id(store: Store, key_id: str) -> Principal | None:
    """The organisation of the unrevoked key ``key_id``, or None."""
    if not key_id or len(key_id) > 32:
        return None
    with store.session() as session:
        row = session.execute(
            select(ApiKey, Organisation.name).join(Organisation).where(ApiKey.id == key_id)
        ).first()
    if row is None or row[0].revoked_at is not None:
        return None
    return Principal(organisation_id=row[0].organisation_id, organisation=row[1], key_id=row[0].id)


class _Forbidden(Exception):
    """A POST without a valid CSRF token."""


def web_router(settings: Settings) -> APIRouter:
    """The ``/app`` pages for ``settings`` (its ``session_secret`` signs the cookies).

    Routes: ``GET|POST /app/sign-in``, ``POST /app/sign-out``, ``GET|POST /app/checks``,
    ``GET /app/checks/{id}`` and ``GET /app/checks/{id}/report.{json,html,md,docx,pdf}``.
    A page asked for without a session redirects (303) to the sign-in page; another
    organisation's check is 404; a POST without a valid CSRF token is 403.
    """
    from api.app import _MEDIA, _CHECK_ID, _clean, submit_document

    signer = SessionSigner(settings.session_secret)
    router = APIRouter(prefix="/app", include_in_schema=False)

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        html = _TEMPLATES.get_template(template).render(request=request, **context)
        return HTMLResponse(html, status_code=status, headers={
            "Cache-Control": "no-store", "X-Frame-Options": "DENY",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                       "frame-ancestors 'none'; base-uri 'none'"})

    def secure(request: Request) -> bool:
        return request.url.scheme == "https"

    def session_of(request: Request) -> tuple[Principal, str] | None:
        loaded = signer.load(request.cookies.get(SESSION_COOKIE))
        if loaded is None:
            return None
        who = principal_of_key_id(request.app.state.store, loaded[0])
        return (who, loaded[1]) if who is not None else None

    def to_sign_in() -> RedirectResponse:
        return RedirectResponse("/app/sign-in", status_code=303)

    def forbidden(request: Request) -> HTMLResponse:
        return page(request, "error.html", 403, heading="Form expired",
                    message="The form was not sent from this session. Go back, reload the page and try again.",
                    who=None, csrf=None)

    def own_check(request: Request, who: Principal, check_id: str) -> Check | None:
        if not _CHECK_ID.match(check_id):
            return None
        return request.app.state.store.get_check(who.organisation_id, check_id)

    def not_found(request: Request, who: Principal, sid: str) -> HTMLResponse:
        return page(request, "error.html", 404, heading="No such check",
                    message="There is no such check in your organisation.", who=who, csrf=signer.csrf(sid))

    # ------------------------------------------------------------------ sign in and out

    def sign_in_page(request: Request, status: int = 200, error: str | None = None) -> HTMLResponse:
        token = request.cookies.get(PRESESSION_COOKIE)
        if not token or len(token) > 100:
            token = secrets.token_urlsafe(24)
        response = page(request, "sign_in.html", status, error=error, who=None, csrf=signer.csrf("pre:" + token))
        response.set_cookie(PRESESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure(request),
                            path="/app")
        return response

    @router.get("/sign-in")
    def sign_in_form(request: Request):
        if session_of(request) is not None:
            return RedirectResponse("/app/checks", status_code=303)
        return sign_in_page(request)

    @router.post("/sign-in")
    async def sign_in(request: Request):
        async with request.form(max_files=0, max_fields=5, max_part_size=4096) as form:
            token = request.cookies.get(PRESESSION_COOKIE)
            if not token or not signer.csrf_ok("pre:" + token, form.get(CSRF_FIELD)):
                return forbidden(request)
            key = form.get("api_key")
        key = key.strip() if isinstance(key, str) else ""
        who = await run_in_threadpool(request.app.state.store.authenticate, key) if key else None
        if who is None:
            return sign_in_page(request, 401, "That API key is not valid or has been revoked. "
                                              "Paste the whole key, starting with rck_.")
        response = RedirectResponse("/app/checks", status_code=303)
        response.set_cookie(SESSION_COOKIE, signer.dump(who.key_id, secrets.token_urlsafe(24)), httponly=True,
                            samesite="lax", secure=secure(request), path="/app", max_age=12 * 3600)
        response.delete_cookie(PRESESSION_COOKIE, path="/app")
        return response

    @router.post("/sign-out")
    async def sign_out(request: Request):
        found = signer.load(request.cookies.get(SESSION_COOKIE))
        async with request.form(max_files=0, max_fields=5, max_part_size=4096) as form:
            if found is None or not signer.csrf_ok(found[1], form.get(CSRF_FIELD)):
                return forbidden(request)
        response = to_sign_in()
        response.delete_cookie(SESSION_COOKIE, path="/app")
        return response

    # ------------------------------------------------------------------ checks

    def checks_page(request: Request, who: Principal, sid: str, status: int = 200, error: str | None = None,
                    form: dict | None = None) -> HTMLResponse:
        rows, total = request.app.state.store.list_checks(who.organisation_id, 100, 0)
        return page(request, "checks.html", status, who=who, csrf=signer.csrf(sid), checks=rows, total=total,
                    error=error, form=form or {}, languages=_LANGUAGES)

    @router.get("")
    @router.get("/")
    def home(request: Request):
        return RedirectResponse("/app/checks", status_code=303)

    @router.get("/checks")
    def list_checks(request: Request):
        found = session_of(request)
        if found is None:
            return to_sign_in()
        return checks_page(request, *found)

    @router.post("/checks")
    async def create_check(request: Request):
        from checker import ingest
        from checker.ingest.limits import IngestLimits

        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid = found
        limits = IngestLimits(max_file_bytes=settings.max_upload_bytes)
        async with request.form(max_files=1, max_fields=10, max_part_size=settings.max_upload_bytes) as form:
            if not signer.csrf_ok(sid, form.get(CSRF_FIELD)):
                return forbidden(request)
            fields = {name: form.get(name) if isinstance(form.get(name), str) else "" for name in
                      ("title", "language", "text")}
            upload = form.get("file")
            data = await upload.read() if isinstance(upload, UploadFile) and upload.filename else b""
            filename = _clean(upload.filename or "") if isinstance(upload, UploadFile) else ""
        language = fields["language"] if fields["language"] in dict(_LANGUAGES) else "auto"
        title = fields["title"][:500]
        kept = {"title": title, "language": language, "text": fields["text"]}
        if data and fields["text"].strip():
            return checks_page(request, who, sid, 422, "Give either a file or pasted text, not both.", kept)
        try:
            if data:
                document = await run_in_threadpool(ingest.load, data, filename=filename or "upload", limits=limits)
            elif fields["text"].strip():
                document = await run_in_threadpool(ingest.load_text, fields["text"], name="<text>", limits=limits)
            else:
                return checks_page(request, who, sid, 422, "Choose a file or paste the draft's text.", kept)
        except InputError as exc:
            accepted = f" Accepted: {exc.accepted}." if getattr(exc, "accepted", None) else ""
            return checks_page(request, who, sid, 422, f"The draft cannot be checked: {exc.message}.{accepted}", kept)
        row = await submit_document(request.app, settings, who, document, language=language, title=title or None,
                                    store_text=True)
        return RedirectResponse(f"/app/checks/{row.id}", status_code=303)

    @router.get("/checks/{check_id}")
    def show_check(request: Request, check_id: str):
        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid = found
        row = own_check(request, who, check_id)
        if row is None:
            return not_found(request, who, sid)
        counts = None
        if row.status == "done" and row.report:
            from checker.models import Report

            report = Report.model_validate_json(row.report)
            counts = {severity: sum(by[severity] for by in report.counts().values())
                      for severity in ("high", "medium", "low")}
        return page(request, "check.html", who=who, csrf=signer.csrf(sid), check=row, counts=counts,
                    formats=[(f, _FORMAT_NAMES[f]) for f in _FORMATS])

    @router.get("/checks/{check_id}/report.{fmt}")
    def report(request: Request, check_id: str, fmt: Literal["json", "html", "md", "docx", "pdf"]):
        from checker.models import Report
        from reports import render_bytes

        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid = found
        row = own_check(request, who, check_id)
        if row is None:
            return not_found(request, who, sid)
        if row.status != "done" or row.report is None:
            return page(request, "error.html", 409, heading="No report yet",
                        message=f"The check is {row.status}; its report is not ready.", who=who,
                        csrf=signer.csrf(sid))
        body = row.report if fmt == "json" else render_bytes(Report.model_validate_json(row.report), fmt)
        disposition = "attachment" if fmt in ("docx", "pdf") else "inline"
        return Response(body, media_type=_MEDIA[fmt], headers={
            "Content-Disposition": f'{disposition}; filename="rightscheck-{row.id}.{fmt}"',
            "Cache-Control": "no-store"})

    return router
