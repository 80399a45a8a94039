"""reports.render_json: the stable public format."""

from __future__ import annotations

import json

import pytest

from checker.models import Report
from reports import SCHEMA_VERSION, render_json


@pytest.mark.parametrize("name", ["en_report", "ru_report"])
def test_json_round_trips_through_the_model(request, name):
    report = request.getfixturevalue(name)
    text = render_json(report)
    assert Report.model_validate_json(text) == report


def test_json_is_pretty_utf8_with_keys_in_model_order(ru_report):
    text = render_json(ru_report)
    data = json.loads(text)
    assert list(data) == list(Report.model_fields)
    assert list(data["findings"][0]["provision"])[:3] == ["eid", "label", "label_local"]
    assert text.startswith('{\n  "schema_version": "1.3",\n  "tool": "rightscheck",')
    assert text.endswith("}\n")
    assert '"label_local": "Статья 9 пункт 1"' in text
    assert "\\u04" not in text


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("schema_version",), SCHEMA_VERSION),
        (("generated_at",), "2026-03-14T09:30:00Z"),
        (("min_severity",), "low"),
        (("findings", 2, "provision"), None),  # the whole-draft finding
        (("findings", 2, "absence"), True),
        (("findings", 2, "spans"), []),
        (("findings", 0, "absence"), False),
        (("findings", 0, "domain"), "assembly"),
        (("findings", 4, "domain"), "cross-cutting"),
        (("findings", 3, "severity"), "medium"),
        (("findings", 3, "confidence"), 0.9),
        (("findings", 3, "citations", 1, "paragraphs"), []),
        (("findings", 3, "citations", 1, "locator"), "Section A, guideline 4.1"),
        (("findings", 3, "citations", 1, "verified"), False),
        (("findings", 3, "provision", "label_local"), None),
    ],
)
def test_json_values(en_report, path, expected):
    node = json.loads(render_json(en_report))
    for step in path:
        node = node[step]
    assert node == expected


def test_json_spans_are_offsets_into_the_draft_text(en_report, en_draft_text):
    data = json.loads(render_json(en_report))
    for finding in data["findings"]:
        for span in finding["spans"]:
            assert en_draft_text[span["start"]:span["end"]] == span["quote"]
        if finding["provision"]:
            prov = finding["provision"]
            assert en_draft_text[prov["start"]:prov["end"]] == prov["text"]
