"""Running stored checks: within the request for short drafts, in a thread pool for long ones.

Each check is claimed (``queued`` → ``running``) in the database before it runs, so a check
runs once even when it is submitted twice; whatever happens inside it ends as ``done`` with
a report or ``failed`` with a reason, and an exception in one check never reaches another
or the pool. Checks still queued or running when the service stops are taken up again when
it starts (:meth:`Runner.start`).

The spaCy pipelines are shared by the whole process, so the analysis itself runs under one
lock: more workers overlap database work and report rendering, not the analysis.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from api.store import Claim, Store
from checker.errors import InputError
from checker.models import Document, Report

log = logging.getLogger("rightscheck.api")

Analyse = Callable[[Document, str], Report]

_ANALYSIS_LOCK = threading.Lock()


def analyse(document: Document, language: str) -> Report:
    """Split ``document`` into provisions and check them: the report (any severity).

    ``language`` is "auto", "en" or "ru". Raises :class:`InputError` for a draft that cannot
    be checked (empty, unknown language).
    """
    from checker.pipeline import build_report, parse_draft

    with _ANALYSIS_LOCK:
        draft = parse_draft(document, language)
        return build_report(draft)


def without_text(report: Report) -> Report:
    """``report`` with the draft's words removed, for checks submitted with ``store_text=false``.

    The list of provisions is emptied, and the text of each finding's provision and related
    provisions and the quotes of its spans become ``""``; eIds, labels, headings, offsets,
    citations, explanations and recommendations stay. Explanations name the few words a rule
    matched.
    """
    findings = []
    for finding in report.findings:
        provision = finding.provision.model_copy(update={"text": ""}) if finding.provision else None
        findings.append(
            finding.model_copy(
                update={
                    "provision": provision,
                    "related": [r.model_copy(update={"text": ""}) for r in finding.related],
                    "spans": [s.model_copy(update={"quote": ""}) for s in finding.spans],
                }
            )
        )
    return report.model_copy(update={"findings": findings, "provisions": []})


class Runner:
    """Runs checks stored in ``store``.

    Args:
        store: the database.
        workers: threads for queued checks.
        analyse_fn: ``(document, language) -> Report``; :func:`analyse` by default.
    """

    def __init__(self, store: Store, workers: int = 1, analyse_fn: Analyse | None = None) -> None:
        self.store = store
        self.workers = workers
        self.analyse = analyse_fn or analyse
        self._pool: ThreadPoolExecutor | None = None
        self._futures: set[Future] = set()
        self._lock = threading.Lock()

    def start(self) -> int:
        """Start the pool and queue every check left queued or running; how many were queued."""
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="rightscheck-check")
        self.store.requeue_running()
        resumed = 0
        for check_id in self.store.queued_ids():
            self.submit(check_id)
            resumed += 1
        if resumed:
            log.info("resumed %d queued checks", resumed)
        return resumed

    def stop(self) -> None:
        """Finish the checks that are running, leave the others queued in the database."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    @property
    def pending(self) -> int:
        """Checks submitted to the pool and not yet finished."""
        with self._lock:
            return len(self._futures)

    def submit(self, check_id: str) -> None:
        """Run the check in the pool (it stays queued in the database until a worker takes it)."""
        if self._pool is None:
            raise RuntimeError("the runner is not started")
        future = self._pool.submit(self.run, check_id)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future) -> None:
        with self._lock:
            self._futures.discard(future)

    def run(self, check_id: str) -> None:
        """Claim and run one queued check, storing its report or the reason it failed.

        Never raises: an error of the draft (InputError) or of rightscheck ends as a failed
        check; a database error leaves it queued or running, to be taken up again at start.
        """
        try:
            claim = self.store.claim(check_id)
        except Exception:
            log.exception("check %s could not be claimed", check_id)
            return
        if claim is None:
            return
        try:
            code, message = None, None
            try:
                report_json, findings = self._report(claim)
            except InputError as exc:
                code, message = exc.code, str(exc)
            except Exception as exc:
                log.exception("check %s failed", check_id)
                code = "internal-error"
                message = f"the check stopped on an internal error ({type(exc).__name__}); it has been logged"
            if code is None:
                self.store.finish(claim, report_json, findings)
            else:
                self.store.fail(check_id, code, message)
        except Exception:
            log.exception("check %s: its result could not be stored", check_id)
            try:
                self.store.fail(check_id, "internal-error", "the result could not be stored")
            except Exception:
                log.exception("check %s: marking it failed did not work either", check_id)

    def _report(self, claim: Claim) -> tuple[str, int]:
        from reports import render_json

        document = Document.model_validate_json(claim.document)
        report = self.analyse(document, claim.language)
        if not claim.store_text:
            report = without_text(report)
        return render_json(report), len(report.findings)
