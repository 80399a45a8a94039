"""Server-rendered pages for lawyers under ``/app``: sign in with the organisation's API key,
submit drafts, follow checks and download their reports.

    >>> from api.web import web_router
    >>> app.include_router(web_router(settings))

The session is a signed cookie (HMAC-SHA256 with ``Settings.session_secret``) that holds the
key's id, a random session id and the name the lawyer gave at sign-in, never the key itself;
every request looks the key up again, so revoking it ends the session. A decision on a
finding is stored under ``"<name> (<key id>)"``. Every form carries a CSRF token: an HMAC of the
session id (or, before signing in, of a random pre-session cookie); a POST without a valid
one is answered 403. The pages need no JavaScript (the CSP forbids scripts).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.settings import Settings
from api.store import ApiKey, Check, Organisation, Principal, Store
from checker.errors import InputError
from checker.models import Domain, Finding, FindingReview, ProvisionRef, Report, Severity

SESSION_COOKIE = "rc_session"
PRESESSION_COOKIE = "rc_presession"
CSRF_FIELD = "csrf_token"
MAX_NAME = 100
DECISIONS = ("pending", "accepted", "rejected", "edited")
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

    def dump(self, key_id: str, session_id: str, name: str) -> str:
        """The cookie value for a session of key ``key_id`` opened by the reviewer ``name``
        (the name given at sign-in, at most :data:`MAX_NAME` characters)."""
        data = json.dumps({"k": key_id, "s": session_id, "n": name}, ensure_ascii=False).encode("utf-8")
        body = base64.urlsafe_b64encode(data).decode().rstrip("=")
        return f"{body}.{self._mac('session', body)}"

    def load(self, value: str | None) -> tuple[str, str, str] | None:
        """``(key_id, session_id, name)`` of a cookie value this signer made, else None."""
        if not value or len(value) > 1500 or "." not in value:
            return None
        body, mac = value.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac("session", body)):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            return str(data["k"]), str(data["s"]), str(data.get("n") or "")
        except (ValueError, KeyError, TypeError, AttributeError):
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


def clean_name(value) -> str | None:
    """The reviewer's name as typed at sign-in: characters that do not print become spaces,
    spaces are trimmed and runs of them made one; None unless 1 to :data:`MAX_NAME`
    characters remain."""
    if not isinstance(value, str):
        return None
    name = " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())
    return name if 1 <= len(name) <= MAX_NAME else None


def _capital(text: str) -> str:
    """``text`` trimmed, with a capital first letter and one full stop at the end."""
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "." if text else ""


_ACCEPTED_PREFIX = re.compile(r"^\s*accepted\s*:\s*", re.IGNORECASE)
_CLI_OVERRIDE = re.compile(r";?\s*give --lang to override", re.IGNORECASE)


def expected_hint(accepted: str | None) -> str:
    """What an error box says would do instead: ``"Expected: a reason of 1 to 2000
    characters."``, or ``""`` when ``accepted`` is empty.

    ``accepted`` is an :attr:`InputError.accepted`; a leading ``accepted:`` (any case) is
    dropped so the word is read once and never as a decision on a finding, and the command
    line's ``give --lang to override`` is left out (the page has its own language field).
    """
    text = _CLI_OVERRIDE.sub("", _ACCEPTED_PREFIX.sub("", accepted or "")).strip().rstrip(" .;,")
    return f"Expected: {text}." if text else ""


def _sentence(exc: InputError, lead: str = "") -> str:
    """An input error as sentences for an error box: ``lead`` (e.g. ``"The draft cannot be
    checked: "``), the message, then :func:`expected_hint`, e.g. ``"Rejecting finding X needs a
    reason. Expected: a reason of 1 to 2000 characters saying why the finding is wrong."``."""
    message = _capital(exc.message)
    if lead:
        message = lead + message[:1].lower() + message[1:]
    return f"{message} {expected_hint(getattr(exc, 'accepted', ''))}".strip()


LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
PASTED_TEXT = "Pasted text"


def source_label(source_name: str | None) -> str:
    """The source of a check as a person reads it: the file name, or :data:`PASTED_TEXT` for
    text pasted or sent as JSON (stored as ``<text>``)."""
    name = (source_name or "").strip()
    return PASTED_TEXT if not name or name == "<text>" else name


_TEMPLATES.globals["source_label"] = source_label


def display_title(title: str | None, report: Report | None, source_name: str | None) -> str:
    """The heading of a check: the title the lawyer gave, else the title the checker found in
    the draft (``Report.draft.title``), else :func:`source_label`."""
    for candidate in (title, report.draft.title if report is not None else None):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return source_label(source_name)


_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
                      "a", "g", "q", "n", "o", "u", "u", "h", "i"]))


def slug(text: str, *, ascii_only: bool = True, max_length: int = 60) -> str:
    """``text`` as a file-name part: lower case, words joined by ``-``, at most ``max_length``
    characters (cut at a word boundary); ``""`` when nothing is left.

    With ``ascii_only`` Russian and Kazakh letters are transliterated (``"Закон о собраниях"``
    → ``"zakon-o-sobraniyakh"``), accents are dropped and any other letter is left out;
    without it letters of every script are kept.
    """
    text = text.lower()
    if ascii_only:
        text = "".join(_TRANSLIT.get(ch, ch) for ch in text)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = [w for w in re.split(r"[^\w]+|_", text) if w]
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > max_length:
            return out or word[:max_length]
        out = joined
    return out


def report_filename(title: str, check_id: str, fmt: str, *, accepted_only: bool) -> tuple[str, str]:
    """``(ascii name, unicode name)`` of a report download, e.g.
    ``("arventa-public-events-rightscheck-report-3f0c2a9d-accepted.pdf", same)``: the slug of
    ``title``, ``rightscheck-report``, the first 8 characters of ``check_id`` (two drafts of
    one title do not overwrite each other), ``-accepted`` for the accepted-only report, the
    format. The unicode name keeps Cyrillic letters where the ascii one transliterates them.
    """
    tail = f"rightscheck-report-{check_id[:8]}{'-accepted' if accepted_only else ''}.{fmt}"
    ascii_part, unicode_part = slug(title) or "draft", slug(title, ascii_only=False) or "draft"
    return f"{ascii_part}-{tail}", f"{unicode_part}-{tail}"


def content_disposition(disposition: str, ascii_name: str, unicode_name: str) -> str:
    """A ``Content-Disposition`` value (RFC 6266): ``filename=`` the ascii name and, when the
    unicode name differs, ``filename*=UTF-8''`` it percent-encoded."""
    value = f'{disposition}; filename="{ascii_name}"'
    if unicode_name != ascii_name:
        value += f"; filename*=UTF-8''{quote(unicode_name, safe='')}"
    return value


# ---------------------------------------------------------------------- the report page


@dataclass(frozen=True)
class ReportFilter:
    """The report page's filters, from its query string; ``""`` means every value.

    ``domain`` is a :class:`~checker.models.Domain` value, ``severity`` a
    :class:`~checker.models.Severity` value, ``decision`` one of :data:`DECISIONS`. Unknown
    values are read as ``""``.
    """

    domain: str = ""
    severity: str = ""
    decision: str = ""

    @classmethod
    def from_query(cls, query) -> "ReportFilter":
        """The filter of a query mapping (``request.query_params``)."""
        def pick(name: str, allowed) -> str:
            value = query.get(name)
            return value if isinstance(value, str) and value in allowed else ""

        return cls(domain=pick("domain", {d.value for d in Domain}),
                   severity=pick("severity", {s.value for s in Severity}),
                   decision=pick("decision", set(DECISIONS)))

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list."""
        return bool(self.domain or self.severity or self.decision)

    @property
    def query(self) -> str:
        """``"?domain=assembly&severity=high"`` for the active filters, ``""`` for none."""
        pairs = [(k, v) for k, v in (("domain", self.domain), ("severity", self.severity),
                                     ("decision", self.decision)) if v]
        return "?" + urlencode(pairs) if pairs else ""

    def keeps(self, finding: Finding, status: str) -> bool:
        """Whether ``finding`` (as reviewed) with review status ``status`` is shown."""
        return ((not self.domain or finding.domain.value == self.domain)
                and (not self.severity or finding.severity.value == self.severity)
                and (not self.decision or status == self.decision))


@dataclass
class FindingItem:
    """One finding as the report page shows it.

    ``n`` is its 1-based position in the stored report (the ``finding-N`` anchor and the
    review URL); ``finding`` is the finding as reviewed (an edit's severity and
    recommendation applied, ``.review`` its latest decision), ``original`` the checker's;
    ``status`` is ``pending``, ``accepted``, ``rejected`` or ``edited``; ``form`` the values
    of its review form; ``error`` a refused decision's message; ``earlier`` the decisions
    on it before the latest, newest first.
    """

    n: int
    finding: Finding
    original: Finding
    status: str
    quotes: list[str]
    citations: list
    form: dict
    error: str | None = None
    earlier: list[FindingReview] = field(default_factory=list)

    @property
    def severity_changed(self) -> bool:
        """Whether an edit changed the severity."""
        return self.finding.severity != self.original.severity

    @property
    def recommendation_changed(self) -> bool:
        """Whether an edit changed the recommendation."""
        return _same_words(self.finding.recommendation, self.original.recommendation) is False


@dataclass
class ProvisionItem:
    """A provision of the draft with the findings shown beside it; ``segments`` is its text
    cut into marked and unmarked runs, None when the draft's words were not stored."""

    ref: ProvisionRef
    labels: str
    segments: list | None
    findings: list[FindingItem] = field(default_factory=list)


def _same_words(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def _status(finding: Finding) -> str:
    return finding.review.decision.value if finding.review is not None else "pending"


def _form_values(finding: Finding) -> dict:
    return {"decision": "", "reason": "", "recommendation": finding.recommendation,
            "severity": finding.severity.value}


def build_report_page(report: Report, reviews: list, flt: ReportFilter, *, errors: dict | None = None,
                      kept: dict | None = None, text_stored: bool = True) -> dict:
    """The context of the report page: ``report`` (as stored) with the organisation's
    ``reviews`` (:class:`~checker.models.FindingReview`, oldest first) applied and narrowed by
    ``flt``.

    ``errors`` and ``kept`` map a finding's position to a refused decision's message and the
    form values the lawyer sent; ``text_stored`` is whether the check kept the draft's words
    (``Check.store_text``). Returns a dict with ``items`` (every finding, a
    :class:`FindingItem`), ``shown`` (how many pass the filter), ``total``, ``standing``
    (findings not rejected), ``provisions`` (:class:`ProvisionItem` in draft order, only
    those with a shown finding when a filter is active), ``whole_draft`` (shown findings
    without a provision), ``has_text`` (the provisions' words are there to show),
    ``no_provisions`` (the text was stored but no provision could be read from it),
    ``severity_rows`` / ``domain_rows`` (label, count) pairs over the findings that stand (as
    edited; rejected ones are counted in no total, as in the reviewed reports), ``progress``
    (decision → count) and ``reviewed`` (whether any decision exists).
    """
    from reports.view import DOMAIN_LABELS, highlight, provision_labels, _citation_view, _finding_view

    errors, kept = errors or {}, kept or {}
    reviewed_by_id: dict[str, Finding] = {}
    if reviews:
        from checker.review import apply_reviews

        reviewed_by_id = {f.id: f for f in apply_reviews(report, reviews, accepted_only=False).findings}
    history: dict[str, list[FindingReview]] = {}
    for review in reviews:
        history.setdefault(review.finding_id, []).append(review)
    items: list[FindingItem] = []
    for n, original in enumerate(report.findings, start=1):
        finding = reviewed_by_id.get(original.id, original)
        view = _finding_view(finding)
        decided = history.get(original.id, [])  # oldest first, as the store gives them
        items.append(FindingItem(n=n, finding=finding, original=original, status=_status(finding),
                                 quotes=view.quotes, citations=[_citation_view(c) for c in finding.citations],
                                 form=kept.get(n) or _form_values(finding), error=errors.get(n),
                                 earlier=decided[-2::-1]))
    shown = [item for item in items if flt.keeps(item.finding, item.status) or item.n in errors]

    no_provisions = text_stored and report.draft.provisions == 0 and not report.provisions
    has_text = bool(report.provisions)
    groups: dict[str, ProvisionItem] = {}
    for ref in report.provisions:
        groups.setdefault(ref.eid, ProvisionItem(ref, provision_labels(ref), None))
    whole_draft: list[FindingItem] = []
    for item in shown:
        ref = item.finding.provision
        if ref is None or item.finding.absence:
            whole_draft.append(item)
            continue
        group = groups.get(ref.eid)
        if group is None:  # a provision that is not a leaf: show it with the leaf it starts in
            group = next((g for g in groups.values() if g.ref.start <= ref.start < g.ref.end and g.ref.text), None)
        if group is None:
            group = groups[ref.eid] = ProvisionItem(ref, provision_labels(ref), None)
        group.findings.append(item)
    provisions = sorted(groups.values(), key=lambda g: (g.ref.start, -g.ref.end, g.ref.eid))
    if flt.active or not has_text:
        provisions = [g for g in provisions if g.findings]
    spans = [span for item in shown for span in item.finding.spans]
    for group in provisions:
        group.findings.sort(key=lambda i: (-i.finding.severity.rank, -i.finding.confidence, i.n))
        if group.ref.text:
            inside = [s for s in spans if s.start < group.ref.end and s.end > group.ref.start]
            group.segments = highlight(group.ref.text, group.ref.start, inside)

    effective = [item.finding for item in items if item.status != "rejected"]
    severity_rows = [(s.value.capitalize(), sum(1 for f in effective if f.severity == s)) for s in Severity]
    domain_rows = [(DOMAIN_LABELS[d], n) for d in Domain if (n := sum(1 for f in effective if f.domain == d))]
    progress = {d: sum(1 for item in items if item.status == d) for d in ("accepted", "edited", "rejected", "pending")}
    return {"items": items, "shown": len(shown), "total": len(items), "standing": len(effective),
            "provisions": provisions, "whole_draft": whole_draft, "has_text": has_text,
            "no_provisions": no_provisions, "severity_rows": severity_rows,
            "domain_rows": domain_rows, "progress": progress, "reviewed": bool(reviews),
            "domain_labels": {d.value: DOMAIN_LABELS[d] for d in Domain}}


def web_router(settings: Settings) -> APIRouter:
    """The ``/app`` pages for ``settings`` (its ``session_secret`` signs the cookies).

    Routes: ``GET|POST /app/sign-in``, ``POST /app/sign-out``, ``GET|POST /app/checks``,
    ``GET /app/checks/{id}`` (the report page, filtered by ``?domain=&severity=&decision=``),
    ``POST /app/checks/{id}/findings/{n}/review``,
    ``GET /app/checks/{id}/report.{json,html,md,docx,pdf}[?findings=accepted]``,
    ``GET /app/standards`` and ``GET /app/standards/{id}``.
    A page asked for without a session redirects (303) to the sign-in page; another
    organisation's check is 404; a POST without a valid CSRF token is 403.
    """
    from api.app import _MEDIA, _CHECK_ID, _catalogue, _clean, submit_document

    signer = SessionSigner(settings.session_secret)
    router = APIRouter(prefix="/app", include_in_schema=False)

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("name", None)
        html = _TEMPLATES.get_template(template).render(request=request, **context)
        return HTMLResponse(html, status_code=status, headers={
            "Cache-Control": "no-store", "X-Frame-Options": "DENY",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                       "frame-ancestors 'none'; base-uri 'none'"})

    def secure(request: Request) -> bool:
        return request.url.scheme == "https"

    def session_of(request: Request) -> tuple[Principal, str, str] | None:
        loaded = signer.load(request.cookies.get(SESSION_COOKIE))
        if loaded is None or clean_name(loaded[2]) is None:
            return None
        who = principal_of_key_id(request.app.state.store, loaded[0])
        return (who, loaded[1], loaded[2]) if who is not None else None

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

    def error_page(request: Request, status: int, heading: str, message: str, who: Principal, sid: str,
                   name: str) -> HTMLResponse:
        return page(request, "error.html", status, heading=heading, message=message, who=who,
                    csrf=signer.csrf(sid), name=name)

    def not_found(request: Request, who: Principal, sid: str, name: str = "") -> HTMLResponse:
        return error_page(request, 404, "No such check", "There is no such check in your organisation.",
                          who, sid, name)

    # ------------------------------------------------------------------ sign in and out

    def sign_in_page(request: Request, status: int = 200, error: str | None = None,
                     reviewer: str = "", field: str | None = None) -> HTMLResponse:
        token = request.cookies.get(PRESESSION_COOKIE)
        if not token or len(token) > 100:
            token = secrets.token_urlsafe(24)
        response = page(request, "sign_in.html", status, error=error, error_field=field, reviewer=reviewer,
                        who=None, csrf=signer.csrf("pre:" + token), max_name=MAX_NAME)
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
            key, typed = form.get("api_key"), form.get("reviewer")
        key = key.strip() if isinstance(key, str) else ""
        typed = typed[:200] if isinstance(typed, str) else ""
        who = await run_in_threadpool(request.app.state.store.authenticate, key) if key else None
        if who is None:
            return sign_in_page(request, 401, "That API key is not valid or has been revoked. "
                                              "Paste the whole key, starting with rck_.", typed, "api_key")
        name = clean_name(typed)
        if name is None:
            return sign_in_page(request, 422, f"Give your name, 1 to {MAX_NAME} characters: it is recorded "
                                              "with every decision you save.", typed, "reviewer")
        response = RedirectResponse("/app/checks", status_code=303)
        response.set_cookie(SESSION_COOKIE, signer.dump(who.key_id, secrets.token_urlsafe(24), name), httponly=True,
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

    def checks_page(request: Request, who: Principal, sid: str, name: str, status: int = 200,
                    error: str | None = None, form: dict | None = None) -> HTMLResponse:
        rows, total = request.app.state.store.list_checks(who.organisation_id, 100, 0)
        return page(request, "checks.html", status, who=who, name=name, csrf=signer.csrf(sid), checks=rows,
                    total=total, error=error, form=form or {}, languages=_LANGUAGES)

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
        from checker.errors import FileTooLarge
        from checker.ingest.limits import IngestLimits, human_bytes

        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid, name = found
        limits = IngestLimits(max_file_bytes=settings.max_upload_bytes)
        limit = human_bytes(settings.max_upload_bytes)

        def refuse(status: int, message: str, kept: dict | None = None, **headers) -> HTMLResponse:
            response = checks_page(request, who, sid, name, status, message, kept)
            response.headers.update(headers)
            return response

        try:
            async with request.form(max_files=1, max_fields=10, max_part_size=settings.max_upload_bytes) as form:
                if not signer.csrf_ok(sid, form.get(CSRF_FIELD)):
                    return forbidden(request)
                fields = {field: form.get(field) if isinstance(form.get(field), str) else "" for field in
                          ("title", "language", "text")}
                upload = form.get("file")
                chosen = isinstance(upload, UploadFile) and bool(upload.filename)
                data = await upload.read() if chosen else b""
                filename = _clean(upload.filename or "") if chosen else ""
        except StarletteHTTPException as exc:  # over the size limit, or a form that cannot be parsed
            if exc.status_code == 413:
                return refuse(413, f"The draft cannot be checked: the form sent is over the {limit} limit. "
                                   f"Expected: a draft file of at most {limit}, or its text pasted.",
                              Connection="close")
            return refuse(400, "The form could not be read. Expected: a draft file or its text; "
                               "reload the page and try again.")
        language = fields["language"] if fields["language"] in dict(_LANGUAGES) else "auto"
        title = fields["title"][:500]
        kept = {"title": title, "language": language, "text": fields["text"]}
        pasted = bool(fields["text"].strip())
        if chosen and pasted:
            return refuse(422, "Give either a file or pasted text, not both.", kept)
        if chosen and not data:
            return refuse(422, f"The draft cannot be checked: the file {filename or 'you chose'} is empty "
                               "(0 bytes). Expected: a file holding the draft's text, or the text pasted.", kept)
        if not chosen and not pasted:
            return refuse(422, "Choose a file or paste the draft's text.", kept)
        lead = "The draft cannot be checked: "
        try:
            if chosen:
                document = await run_in_threadpool(ingest.load, data, filename=filename or "upload", limits=limits)
            else:
                document = await run_in_threadpool(ingest.load_text, fields["text"], name="<text>", limits=limits)
            row = await submit_document(request.app, settings, who, document, language=language,
                                        title=title or None, store_text=True)
        except InputError as exc:  # unreadable, too large once unpacked, empty, or not English or Russian
            return refuse(413 if isinstance(exc, FileTooLarge) else 422, _sentence(exc, lead), kept)
        return RedirectResponse(f"/app/checks/{row.id}", status_code=303)

    def check_page(request: Request, who: Principal, sid: str, name: str, row: Check, flt: ReportFilter,
                   status: int = 200, errors: dict | None = None, kept: dict | None = None) -> HTMLResponse:
        context: dict = {"report": None}
        report = None
        if row.status == "done" and row.report:
            report = Report.model_validate_json(row.report)
            reviews = request.app.state.store.reviews_of(who.organisation_id, row.id)
            context = build_report_page(report, reviews, flt, errors=errors, kept=kept, text_stored=row.store_text)
            context["report"] = report
        heading = display_title(row.title, report, row.source_name)
        from_draft = report is not None and not (row.title or "").strip() and bool((report.draft.title or "").strip())
        context.update(heading=heading, heading_lang=report.draft.language if from_draft else None,
                       draft_lang=report.draft.language if report is not None else row.language,
                       language_name=LANGUAGE_NAMES.get(row.language, row.language),
                       source=source_label(row.source_name))
        return page(request, "check.html", status, who=who, name=name, csrf=signer.csrf(sid), check=row, flt=flt,
                    formats=[(f, _FORMAT_NAMES[f]) for f in _FORMATS], decisions=DECISIONS,
                    severities=[s.value for s in Severity], wide=True, **context)

    @router.get("/checks/{check_id}")
    def show_check(request: Request, check_id: str):
        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid, name = found
        row = own_check(request, who, check_id)
        if row is None:
            return not_found(request, who, sid, name)
        return check_page(request, who, sid, name, row, ReportFilter.from_query(request.query_params))

    @router.post("/checks/{check_id}/findings/{n}/review")
    async def review_finding(request: Request, check_id: str, n: str):
        from checker.review import ReviewError, make_review, reviewer_label

        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid, name = found
        async with request.form(max_files=0, max_fields=10, max_part_size=16 * 1024) as form:
            if not signer.csrf_ok(sid, form.get(CSRF_FIELD)):
                return forbidden(request)
            sent = {field: form.get(field) if isinstance(form.get(field), str) else "" for field in
                    ("decision", "reason", "recommendation", "severity", "finding_id")}
        row = own_check(request, who, check_id)
        if row is None:
            return not_found(request, who, sid, name)
        if row.status != "done" or not row.report:
            return error_page(request, 409, "No report yet", f"The check is {row.status}; there is nothing to "
                              "review yet.", who, sid, name)
        report = Report.model_validate_json(row.report)
        position = int(n) if n.isdigit() and len(n) < 7 else 0
        if not 1 <= position <= len(report.findings):
            return error_page(request, 404, "No such finding", "The report of this check has no such finding.",
                              who, sid, name)
        finding = report.findings[position - 1]
        if sent["finding_id"] and sent["finding_id"] != finding.id:
            return error_page(request, 409, "The report has changed",
                              "The finding you decided on is no longer at this place in the report. "
                              "Reload the report and decide again.", who, sid, name)
        flt = ReportFilter.from_query(request.query_params)
        edited = sent["decision"].strip().lower() == "edited"
        try:
            review = make_review(finding, sent["decision"], reviewer=reviewer_label(name, who.key_id),
                                 reason=sent["reason"] or None,
                                 recommendation=(sent["recommendation"] or None) if edited else None,
                                 severity=(sent["severity"] or None) if edited else None)
        except ReviewError as exc:
            return check_page(request, who, sid, name, row, flt, 422, errors={position: _sentence(exc)},
                              kept={position: {k: sent[k] for k in ("decision", "reason", "recommendation",
                                                                    "severity")}})
        stored = await run_in_threadpool(
            request.app.state.store.record_review, who.organisation_id, row.id, review,
            standard_id=finding.standard_id, detector=finding.detector, key_id=who.key_id)
        if not stored:
            return not_found(request, who, sid, name)
        return RedirectResponse(f"/app/checks/{row.id}{flt.query}#finding-{position}", status_code=303)

    @router.get("/checks/{check_id}/report.{fmt}")
    def report(request: Request, check_id: str, fmt: Literal["json", "html", "md", "docx", "pdf"],
               findings: str = "all"):
        from reports import render_bytes

        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid, name = found
        row = own_check(request, who, check_id)
        if row is None:
            return not_found(request, who, sid, name)
        if row.status != "done" or row.report is None:
            return error_page(request, 409, "No report yet", f"The check is {row.status}; its report is not ready.",
                              who, sid, name)
        accepted_only = findings == "accepted"
        reviews = request.app.state.store.reviews_of(who.organisation_id, row.id)
        stored = Report.model_validate_json(row.report)
        if reviews or accepted_only:
            from checker.review import apply_reviews

            reviewed = apply_reviews(stored, reviews, accepted_only=accepted_only)
            body = render_bytes(reviewed, fmt)
        else:
            body = row.report if fmt == "json" else render_bytes(stored, fmt)
        disposition = "attachment" if fmt in ("docx", "pdf") else "inline"
        source = source_label(row.source_name)
        named = display_title(row.title, stored, source if source == PASTED_TEXT else Path(source).stem)
        return Response(body, media_type=_MEDIA[fmt], headers={
            "Content-Disposition": content_disposition(
                disposition, *report_filename(named, row.id, fmt, accepted_only=accepted_only)),
            "Cache-Control": "no-store"})

    # ------------------------------------------------------------------ standards

    @router.get("/standards")
    def list_standards(request: Request):
        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid, name = found
        from reports.view import DOMAIN_LABELS

        standards = sorted(_catalogue().standards.values(), key=lambda s: (s.domain.value, s.id))
        return page(request, "standards.html", who=who, name=name, csrf=signer.csrf(sid), standards=standards,
                    domain_labels=DOMAIN_LABELS)

    @router.get("/standards/{standard_id}")
    def show_standard(request: Request, standard_id: str):
        found = session_of(request)
        if found is None:
            return to_sign_in()
        who, sid, name = found
        from checker.engine import citation_refs
        from reports.view import DOMAIN_LABELS, _citation_view

        catalogue = _catalogue()
        standard = catalogue.standards.get(standard_id)
        if standard is None:
            return error_page(request, 404, "No such standard",
                              "No standard of the catalogue has that id; see the list of standards.", who, sid, name)
        return page(request, "standard.html", who=who, name=name, csrf=signer.csrf(sid), standard=standard,
                    domain=DOMAIN_LABELS[standard.domain],
                    also=[DOMAIN_LABELS[d] for d in standard.also_domains],
                    citations=[_citation_view(c) for c in citation_refs(catalogue, standard)],
                    principle=" ".join(standard.principle.split()),
                    recommendation=" ".join(standard.recommendation.split()),
                    alternative=" ".join(standard.compliant_alternative.split()))

    return router
