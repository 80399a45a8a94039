"""Reports: a checked draft's :class:`~checker.models.Report` rendered for people and programs.

    >>> from reports import render, render_bytes
    >>> html = render(report, "html")          # also "json" and "md"
    >>> pdf = render_bytes(report, "pdf")      # also "docx" (and the text formats, UTF-8)

* :func:`render_json` — the stable public format, described by :func:`json_schema` and
  ``docs/report-schema.md``; its version is :data:`SCHEMA_VERSION`.
* :func:`render_html` — a standalone page a lawyer reads and prints.
* :func:`render_markdown` — the same content in GitHub-flavoured Markdown.
* :func:`render_docx`, :func:`render_pdf` — the report for filing: title page, executive
  summary, numbered paragraphs, table of conflicts, annexes (:mod:`reports.submission`).
* :func:`annotate_docx` — the draft itself as DOCX with a Word comment on each finding's words.

Every renderer is a pure function of the report.
"""

from reports.render import (
    BINARY_FORMATS,
    FORMATS,
    TEXT_FORMATS,
    BinaryReportFormat,
    UnknownReportFormat,
    render,
    render_bytes,
    render_html,
    render_json,
    render_markdown,
)
from reports._schema import SCHEMA_VERSION, json_schema, write_schema_docs
from reports.docx_report import render_docx
from reports.pdf_report import render_pdf
from reports.annotate import annotate_docx


__all__ = [
    "BINARY_FORMATS",
    "BinaryReportFormat",
    "FORMATS",
    "TEXT_FORMATS",
    "annotate_docx",
    "SCHEMA_VERSION",
    "UnknownReportFormat",
    "json_schema",
    "render",
    "render_bytes",
    "render_docx",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "write_schema_docs",
]
