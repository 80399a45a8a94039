"""Renderers: a :class:`~checker.models.Report` in, a document out — text (``str``) for JSON,
HTML and Markdown, bytes for the filing formats DOCX and PDF.

Each text renderer is a pure function of the report: the same report gives the same text. The
HTML and Markdown documents come from the Jinja2 templates in ``reports/templates``; the
HTML environment escapes every value (the draft's text is untrusted), the Markdown
environment escapes every value for Markdown (see :mod:`reports.markdown`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from checker.errors import InputError
from checker.models import Report
from reports.markdown import MarkdownSafe, blockquote, escape_inline, link_destination
from reports.view import Segment, build_view, provision_labels

TEXT_FORMATS = ("json", "html", "md")
"""The formats :func:`render` writes as text."""

BINARY_FORMATS = ("docx", "pdf")
"""The filing formats, written as bytes by :func:`render_bytes` only."""

FORMATS = TEXT_FORMATS + BINARY_FORMATS
"""Every format rightscheck writes a report in (:func:`render_bytes` accepts them all)."""


class UnknownReportFormat(InputError):
    """A report was asked for in a format rightscheck does not write."""

    code = "unknown-report-format"


class BinaryReportFormat(UnknownReportFormat):
    """A binary format (docx, pdf) was asked of :func:`render`, which returns text."""

    code = "binary-report-format"


def _check(report: object) -> Report:
    if not isinstance(report, Report):
        raise TypeError(f"expected a checker.models.Report, got {type(report).__name__}")
    return report


@lru_cache(maxsize=1)
def _html_env() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["labels"] = provision_labels
    return env


def _md_finalize(value: object) -> str:
    if value is None:
        return ""
    return escape_inline(value)


@lru_cache(maxsize=1)
def _md_env() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_md_finalize,
    )
    env.filters["blockquote"] = blockquote
    env.filters["blockquote_plain"] = lambda text: blockquote([Segment(str(text), False)])
    env.filters["link"] = lambda url: MarkdownSafe(link_destination(url))
    env.filters["raw"] = MarkdownSafe
    env.globals["labels"] = provision_labels
    return env


def render_json(report: Report) -> str:
    """The report as pretty JSON (two-space indent, keys in model order, non-ASCII characters
    written as themselves, final newline). It validates against :func:`reports.json_schema`
    and reads back with ``Report.model_validate_json``."""
    return _check(report).model_dump_json(indent=2) + "\n"


def render_html(report: Report) -> str:
    """The report as a standalone HTML page (inline CSS, no scripts, no external assets),
    laid out for reading on screen and printing on A4."""
    view = build_view(_check(report))
    return _html_env().get_template("report.html.j2").render(r=view)


def render_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown: the same sections as the HTML page, the
    provision texts as blockquotes with the flagged words in bold."""
    view = build_view(_check(report))
    text = _md_env().get_template("report.md.j2").render(r=view)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


_RENDERERS = {"json": render_json, "html": render_html, "md": render_markdown}


def _format_key(fmt: object) -> str | None:
    return fmt.strip().lower() if isinstance(fmt, str) else None


def render(report: Report, fmt: str) -> str:
    """Render ``report`` as text in ``fmt``, one of :data:`TEXT_FORMATS` (``"json"``,
    ``"html"``, ``"md"``; case and surrounding spaces ignored).

    Raises:
        BinaryReportFormat: for ``"docx"`` or ``"pdf"``: use :func:`render_bytes`.
        UnknownReportFormat: (an :class:`~checker.errors.InputError`) for any other format.
    """
    key = _format_key(fmt)
    if key in BINARY_FORMATS:
        raise BinaryReportFormat(
            f"report format {fmt!r} is binary and is written by render_bytes",
            f"accepted formats here: {', '.join(TEXT_FORMATS)}",
        )
    renderer = _RENDERERS.get(key) if key is not None else None
    if renderer is None:
        raise UnknownReportFormat(
            f"unknown report format {fmt!r}", f"accepted formats: {', '.join(TEXT_FORMATS)}"
        )
    return renderer(report)


def render_bytes(report: Report, fmt: str) -> bytes:
    """Render ``report`` in any of :data:`FORMATS` as bytes: DOCX and PDF filing reports as
    they are, the text formats encoded in UTF-8 (case and surrounding spaces of ``fmt``
    ignored).

    Raises:
        UnknownReportFormat: for a format not in :data:`FORMATS`.
        reports.pdf_report.PdfUnavailable: ``"pdf"`` on a machine without WeasyPrint.
    """
    key = _format_key(fmt)
    if key == "docx":
        from reports.docx_report import render_docx

        return render_docx(_check(report))
    if key == "pdf":
        from reports.pdf_report import render_pdf

        return render_pdf(_check(report))
    renderer = _RENDERERS.get(key) if key is not None else None
    if renderer is None:
        raise UnknownReportFormat(
            f"unknown report format {fmt!r}", f"accepted formats: {', '.join(FORMATS)}"
        )
    return renderer(report).encode("utf-8")
