"""reports.render: format dispatch and errors."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from reports import (
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


@pytest.mark.parametrize(
    ("fmt", "starts_with"),
    [
        ("json", '{\n  "schema_version": "1.3"'),
        ("html", "<!DOCTYPE html>"),
        ("md", "# Draft law on the holding of peaceful assemblies\n"),
        ("HTML", "<!DOCTYPE html>"),
        (" md ", "# Draft law"),
    ],
)
def test_render_dispatches_each_accepted_format(en_report, fmt, starts_with):
    assert render(en_report, fmt).startswith(starts_with)


def test_render_gives_the_same_text_as_the_named_renderers(en_report):
    assert render(en_report, "json") == render_json(en_report)
    assert render(en_report, "html") == render_html(en_report)
    assert render(en_report, "md") == render_markdown(en_report)


@pytest.mark.parametrize("fmt", ["markdown", "", "json ld", "odt", None, 3])
def test_unknown_format_is_an_input_error_naming_the_accepted_ones(en_report, fmt):
    with pytest.raises(InputError) as caught:
        render(en_report, fmt)
    assert isinstance(caught.value, UnknownReportFormat)
    assert caught.value.code == "unknown-report-format"
    assert "json, html, md" in str(caught.value)
    assert repr(fmt) in str(caught.value)


@pytest.mark.parametrize("fmt", ["pdf", "docx", " PDF "])
def test_render_sends_binary_formats_to_render_bytes(en_report, fmt):
    with pytest.raises(BinaryReportFormat) as caught:
        render(en_report, fmt)
    assert isinstance(caught.value, UnknownReportFormat)
    assert "render_bytes" in str(caught.value) and "json, html, md" in str(caught.value)


@pytest.mark.parametrize(
    ("fmt", "starts_with"),
    [("json", b'{\n  "schema_version"'), ("md", b"# Draft law"), ("docx", b"PK\x03\x04"), ("pdf", b"%PDF-")],
)
def test_render_bytes_writes_every_format(en_report, fmt, starts_with):
    assert render_bytes(en_report, fmt).startswith(starts_with)


@pytest.mark.parametrize("fmt", ["markdown", "odt", None])
def test_render_bytes_refuses_unknown_formats_naming_all_accepted(en_report, fmt):
    with pytest.raises(UnknownReportFormat, match="json, html, md, docx, pdf"):
        render_bytes(en_report, fmt)


def test_formats_lists_what_render_and_render_bytes_accept():
    assert TEXT_FORMATS == ("json", "html", "md")
    assert BINARY_FORMATS == ("docx", "pdf")
    assert FORMATS == TEXT_FORMATS + BINARY_FORMATS


@pytest.mark.parametrize("renderer", [render_json, render_html, render_markdown])
def test_renderers_refuse_something_that_is_not_a_report(en_report, renderer):
    with pytest.raises(TypeError, match="checker.models.Report"):
        renderer(en_report.model_dump())


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_rendering_is_a_pure_function_of_the_report(en_report, fmt):
    copy = en_report.model_copy(deep=True)
    assert render(en_report, fmt) == render(copy, fmt)
    assert en_report == copy
