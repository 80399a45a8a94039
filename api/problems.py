"""Errors as RFC 9457 problem details (``application/problem+json``), and the request-size cap.

Every error body has ``type`` (``urn:rightscheck:problem:<code>``, or ``about:blank`` for a
plain HTTP status), ``title``, ``status`` and ``detail``; a rejected draft adds ``code`` and
``accepted`` from its :class:`~checker.errors.InputError`.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from checker.errors import FileTooLarge, InputError, UnsupportedFormat

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("rightscheck.api")


# RFC 9110 names, which older Pythons' http.HTTPStatus spells differently
_TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}


def problem_type(code: str | None) -> str:
    """The ``type`` URI of a problem code (``about:blank`` for None)."""
    return f"urn:rightscheck:problem:{code}" if code else "about:blank"


def problem_body(status: int, detail: str, code: str | None = None, title: str | None = None, **extra) -> dict:
    """The problem-details object: type, title, status, detail, then ``code`` and ``extra``."""
    body = {
        "type": problem_type(code),
        "title": title or _TITLES.get(status) or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if code:
        body["code"] = code
    body.update(extra)
    return body


def problem(status: int, detail: str, code: str | None = None, title: str | None = None,
            headers: dict[str, str] | None = None, **extra) -> JSONResponse:
    """A problem-details response."""
    return JSONResponse(problem_body(status, detail, code, title, **extra), status_code=status,
                        media_type=PROBLEM_JSON, headers=headers)


class ApiProblem(Exception):
    """Raised by handlers: answered as a problem with this status, code and detail."""

    def __init__(self, status: int, detail: str, code: str | None = None,
                 headers: dict[str, str] | None = None, **extra) -> None:
        super().__init__(detail)
        self.status, self.detail, self.code, self.headers, self.extra = status, detail, code, headers, extra


def input_error_status(exc: InputError) -> int:
    """415 for a format rightscheck does not read, 413 for a too large file, else 422."""
    if isinstance(exc, UnsupportedFormat):
        return 415
    if isinstance(exc, FileTooLarge):
        return 413
    return 422


def input_problem(exc: InputError) -> JSONResponse:
    """The response to a draft rightscheck cannot read or check."""
    return problem(input_error_status(exc), exc.message, exc.code, title="The draft cannot be checked",
                   accepted=exc.accepted)


def install_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` with problem details, never a traceback."""

    @app.exception_handler(ApiProblem)
    async def _api_problem(_request: Request, exc: ApiProblem):
        return problem(exc.status, exc.detail, exc.code, headers=exc.headers, **exc.extra)

    @app.exception_handler(InputError)
    async def _input(_request: Request, exc: InputError):
        return input_problem(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        code = getattr(exc, "code", None)
        return problem(exc.status_code, detail, code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError):
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
        return problem(422, f"the request is not valid: {where}", "invalid-request", errors=errors)

    @app.exception_handler(Exception)
    async def _internal(_request: Request, exc: Exception):
        log.exception("internal error", exc_info=exc)
        return problem(500, "an internal error occurred; it has been logged", "internal-error")


class BodyTooLarge(StarletteHTTPException):
    """The request body passed the size limit while it was being read."""

    code = "too-large"

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over the {_human(limit)} limit")


def _human(n: int) -> str:
    from checker.ingest.limits import human_bytes

    return human_bytes(n)


class BodySizeLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413.

    A declared ``Content-Length`` over the limit is refused before any of the body is read;
    otherwise the body is counted as it streams in and reading stops, with 413, at the first
    byte over the limit (Starlette would otherwise spool a whole multipart body to disk before
    the handler runs).

    Requests whose path starts with ``page_prefix`` (the web pages, ``/app/``) answer for
    themselves: a declared length over the limit reaches the handler, whose first read of
    the body raises :class:`BodyTooLarge` before any byte is read, so the page can show the
    refusal in its own error box. One that does not catch it is refused here as any other.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, page_prefix: str | None = "/app/") -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.page_prefix = page_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        over = declared is not None and declared > self.max_bytes
        page = bool(self.page_prefix) and str(scope.get("path", "")).startswith(self.page_prefix)
        if over and not page:
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            if over:
                raise BodyTooLarge(self.max_bytes)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(413, BodyTooLarge(self.max_bytes).detail, "too-large",
                           max_bytes=self.max_bytes, headers={"Connection": "close"})
        await response(scope, receive, send)
