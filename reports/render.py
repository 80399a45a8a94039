"""Renderers: a :class:`~checker.models.Report` in, a document (``str``) out.

Each renderer is a pure function of the report: the same report gives the same text. The
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

FORMATS = ("json", "html", "md")
"""The formats :func:`render` accepts."""


class UnknownReportFormat(InputError):
    """A report was asked for in a format rightscheck does not write."""

    code = "unknown-report-format"


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


def render(report: Report, fmt: str) -> str:
    """Render ``report`` in ``fmt``, one of :data:`FORMATS` (``"json"``, ``"html"``, ``"md"``;
    case and surrounding spaces ignored).

    Raises:
        UnknownReportFormat: (an :class:`~checker.errors.InputError`) for any other format.
    """
    key = fmt.strip().lower() if isinstance(fmt, str) else None
    renderer = _RENDERERS.get(key) if key is not None else None
    if renderer is None:
        raise UnknownReportFormat(
            f"unknown report format {fmt!r}", f"accepted formats: {', '.join(FORMATS)}"
        )
    return renderer(report)
