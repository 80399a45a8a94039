"""The JSON Schema of the report, and the version of that schema.

The schema is generated from :class:`checker.models.Report`, so it cannot drift from what
:func:`reports.render_json` writes. ``docs/report-schema.json`` is a copy kept in the
repository for partners who never run Python; regenerate it with::

    python -m reports.schema docs/report-schema.json

Versioning (semver on ``MAJOR.MINOR``): a change that only adds (a new optional field, a new
enum value documented as possible) raises MINOR; a change that removes, renames or changes the
meaning or type of a field raises MAJOR. ``docs/report-schema.md`` explains every field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.models import Report

SCHEMA_VERSION = "1.3"
"""Version of the report's JSON format; the engine copies it into ``Report.schema_version``."""

SCHEMA_ID = f"urn:rightscheck:report-schema:{SCHEMA_VERSION}"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _require_all(node: dict[str, Any]) -> None:
    """Mark every property of an object schema as required: the report's JSON always writes
    every field, with ``null`` or ``[]`` when there is nothing to say."""
    properties = node.get("properties")
    if isinstance(properties, dict):
        node["required"] = list(properties)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report's JSON, as a new dict each call.

    It describes the output of :func:`reports.render_json`: every object lists all its keys
    as required (absent values are written as ``null`` or ``[]``); unknown keys are allowed, so
    a consumer written for ``1.0`` accepts a ``1.x`` report. Top-level keys added here:
    ``$schema``, ``$id``, ``title``, ``version`` (= :data:`SCHEMA_VERSION`) and
    ``description``.
    """
    schema = Report.model_json_schema(mode="serialization")
    _require_all(schema)
    for definition in schema.get("$defs", {}).values():
        _require_all(definition)
    schema["properties"]["schema_version"]["description"] = (
        f"version of this format, MAJOR.MINOR; this schema is version {SCHEMA_VERSION}"
    )
    head = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "rightscheck report",
        "version": SCHEMA_VERSION,
        "description": (
            "The result of checking one draft law against international standards on "
            "peaceful assembly, expression and association. Offsets are character offsets "
            "into the draft text, end exclusive. See docs/report-schema.md."
        ),
    }
    schema.pop("title", None)
    schema.pop("description", None)
    return {**head, **schema}


def schema_text() -> str:
    """:func:`json_schema` as pretty JSON (two-space indent, sorted as generated, final newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema_docs(path: str | Path) -> Path:
    """Write :func:`schema_text` to ``path`` (UTF-8), creating parent folders; return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    return target
