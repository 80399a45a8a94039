"""Reports: a checked draft's :class:`~checker.models.Report` rendered for people and programs.

    >>> from reports import render
    >>> html = render(report, "html")          # also "json" and "md"

* :func:`render_json` — the stable public format, described by :func:`json_schema` and
  ``docs/report-schema.md``; its version is :data:`SCHEMA_VERSION`.
* :func:`render_html` — a standalone page a lawyer reads and prints.
* :func:`render_markdown` — the same content in GitHub-flavoured Markdown.

Every renderer is a pure function of the report.
"""

from reports.render import (
    FORMATS,
    UnknownReportFormat,
    render,
    render_html,
    render_json,
    render_markdown,
)
from reports._schema import SCHEMA_VERSION, json_schema, write_schema_docs

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "UnknownReportFormat",
    "json_schema",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "write_schema_docs",
]
