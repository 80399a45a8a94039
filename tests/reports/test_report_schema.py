"""reports.json_schema, the schema file in docs/ and its hand-written description."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.models import Domain, Report, Severity
from reports import SCHEMA_VERSION, json_schema, render_json, write_schema_docs
from reports.schema import main, schema_text

DOCS = Path(__file__).resolve().parents[2] / "docs"

_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def problems(instance, schema: dict, root: dict, path: str = "$") -> list[str]:
    """The ways ``instance`` breaks ``schema``, for the keywords pydantic emits
    ($ref, anyOf, type, enum, required, properties, items, minimum, maximum)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return problems(instance, root["$defs"][name], root, path)
    if "anyOf" in schema:
        options = [problems(instance, option, root, path) for option in schema["anyOf"]]
        return [] if any(not found for found in options) else [f"{path}: matches no anyOf option"]
    found = []
    kind = schema.get("type")
    if kind is not None:
        expected = _TYPES[kind]
        if isinstance(instance, bool) and kind in ("integer", "number"):
            return [f"{path}: boolean where {kind} is required"]
        if not isinstance(instance, expected):
            return [f"{path}: {type(instance).__name__} where {kind} is required"]
    if "enum" in schema and instance not in schema["enum"]:
        found.append(f"{path}: {instance!r} not in {schema['enum']}")
    if "minimum" in schema and instance < schema["minimum"]:
        found.append(f"{path}: below minimum")
    if "maximum" in schema and instance > schema["maximum"]:
        found.append(f"{path}: above maximum")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                found.append(f"{path}: missing required key {key!r}")
        for key, sub in schema.get("properties", {}).items():
            if key in instance:
                found += problems(instance[key], sub, root, f"{path}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            found += problems(item, schema["items"], root, f"{path}[{i}]")
    return found


def object_schemas(schema: dict) -> dict[str, dict]:
    """Every object schema: the top level as 'Report' and each object of $defs."""
    objects = {"Report": schema}
    objects.update({n: d for n, d in schema["$defs"].items() if d.get("type") == "object"})
    return objects


def test_schema_carries_its_identity_and_version():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:rightscheck:report-schema:{SCHEMA_VERSION}"
    assert schema["version"] == SCHEMA_VERSION
    assert schema["title"] == "rightscheck report"
    assert re.fullmatch(r"\d+\.\d+", SCHEMA_VERSION)


def test_schema_requires_every_top_level_key_the_report_writes(en_report):
    schema = json_schema()
    data = json.loads(render_json(en_report))
    assert schema["required"] == list(Report.model_fields) == list(data)
    for name, definition in object_schemas(schema).items():
        assert definition["required"] == list(definition["properties"]), name


@pytest.mark.parametrize("name", ["en_report", "ru_report"])
def test_rendered_json_validates_against_the_schema(request, name):
    schema = json_schema()
    data = json.loads(render_json(request.getfixturevalue(name)))
    assert problems(data, schema, schema) == []


def _drop(data, *path):
    node = data
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]


def _set(value, *path):
    def change(data):
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: _drop(d, "findings"), "$: missing required key 'findings'"),
        (lambda d: _drop(d, "schema_version"), "$: missing required key 'schema_version'"),
        (lambda d: _drop(d, "draft", "sha256"), "$.draft: missing required key 'sha256'"),
        (lambda d: _drop(d, "findings", 0, "provision"), "$.findings[0]: missing required key 'provision'"),
        (lambda d: _drop(d, "findings", 0, "spans", 0, "quote"), "$.findings[0].spans[0]: missing required key 'quote'"),
        (_set("severe", "findings", 0, "severity"), "$.findings[0].severity: 'severe' not in ['high', 'medium', 'low']"),
        (_set(1.5, "findings", 0, "confidence"), "$.findings[0].confidence: above maximum"),
        (_set("9", "findings", 0, "provision", "start"), "$.findings[0].provision: matches no anyOf option"),
        (_set("yes", "findings", 0, "citations", 0, "verified"), "$.findings[0].citations[0].verified: str where boolean is required"),
        (_set(None, "draft", "language"), "$.draft.language: NoneType where string is required"),
    ],
)
def test_the_schema_rejects_a_broken_report(en_report, change, expected):
    schema = json_schema()
    data = json.loads(render_json(en_report))
    change(data)
    assert expected in problems(data, schema, schema)


def test_docs_schema_file_is_up_to_date():
    committed = (DOCS / "report-schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "regenerate: python -m reports.schema docs/report-schema.json"


def test_docs_describe_every_field_and_value():
    text = (DOCS / "report-schema.md").read_text(encoding="utf-8")
    missing = [
        f"{name}.{key}"
        for name, definition in object_schemas(json_schema()).items()
        for key in definition["properties"]
        if f"| `{key}` |" not in text
    ]
    assert missing == []
    for value in [*(s.value for s in Severity), *(d.value for d in Domain)]:
        assert f"`{value}`" in text
    assert f"schema version {SCHEMA_VERSION}" in text


def test_docs_example_is_a_valid_report_with_consistent_offsets():
    text = (DOCS / "report-schema.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```json\n(.*?)```", text, flags=re.S)
    report = Report.model_validate_json(block)
    assert report.schema_version == SCHEMA_VERSION
    schema = json_schema()
    assert problems(json.loads(block), schema, schema) == []
    for finding in report.findings:
        assert (finding.provision is None) == finding.absence
        for span in finding.spans:
            offset = span.start - finding.provision.start
            assert finding.provision.text[offset:offset + len(span.quote)] == span.quote


def test_write_schema_docs_creates_the_file(tmp_path):
    target = write_schema_docs(tmp_path / "nested" / "report-schema.json")
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()


@pytest.mark.parametrize(
    ("argv", "status", "stdout_starts", "stderr"),
    [
        ([], 0, '{\n  "$schema"', ""),
        (["--help"], 0, "usage: python -m reports.schema", ""),
        (["a.json", "b.json"], 2, "", "usage: python -m reports.schema [PATH]\n"),
    ],
)
def test_schema_command_line(capsys, argv, status, stdout_starts, stderr):
    assert main(argv) == status
    out, err = capsys.readouterr()
    assert out.startswith(stdout_starts)
    assert err == stderr


def test_schema_command_line_writes_a_path(tmp_path, capsys):
    target = tmp_path / "schema.json"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    assert capsys.readouterr().out == ""
