"""reports.pdf_report: the filing report as PDF — every finding in its text (Cyrillic too),
numbered pages, a contents page whose page numbers are right, embedded fonts, readable pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from checker.cli import main
from reports import render_bytes, render_pdf
from reports.pdf_report import css_string, render_submission_html, shorten
from reports.view import provision_labels
SHORT_DRAFT = """DRAFT LAW ON PEACEFUL GATHERINGS

Article 1. Notification

1. A gathering of more than 100 persons may be held only on the basis of a permit issued by the city administration.
2. The organiser shall notify the city administration not later than fifteen working days before the gathering.

Article 2. Liability

Organisers shall be liable for unlawful acts committed by participants.
"""


@pytest.fixture
def short_draft(tmp_path):
    """A three-provision English draft with findings, written to a file."""
    path = tmp_path / "gatherings.txt"
    path.write_text(SHORT_DRAFT, encoding="utf-8")
    return path


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, whitespace runs as one space."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def en_pdf(request):
    from tests.reports.conftest import _en_report

    report = _en_report()
    report = report.model_copy(update={"draft": report.draft.model_copy(update={"country": "Arventa"})})
    return report, render_pdf(report)


@pytest.fixture(scope="module")
def ru_pdf():
    from tests.reports.conftest import _ru_report

    report = _ru_report()
    report = report.model_copy(update={"draft": report.draft.model_copy(update={"country": "Казахстан"})})
    return report, render_pdf(report)


@pytest.fixture(params=["en", "ru"])
def rendered(request, en_pdf, ru_pdf):
    return en_pdf if request.param == "en" else ru_pdf


def test_pdf_text_holds_every_finding_by_standard_and_provision(rendered):
    report, data = rendered
    assert data.startswith(b"%PDF-")
    text = " ".join(pdf_pages(data))
    for finding in report.findings:
        assert finding.standard_id in text
        if finding.provision is not None:
            assert provision_labels(finding.provision) in text
    for quote in {span.quote for f in report.findings for span in f.spans}:
        if "<" not in quote:
            assert " ".join(quote.split()) in text


def test_cyrillic_words_survive_in_the_pdf_text(ru_pdf):
    _, data = ru_pdf
    text = " ".join(pdf_pages(data))
    assert "Статья 9 пункт 1 / Article 9(1)" in text
    assert "не позднее чем за десять рабочих дней" in text
    assert "Казахстан" in text


def test_title_page_names_draft_country_date_and_catalogue(en_pdf):
    report, data = en_pdf
    first = pdf_pages(data)[0]
    assert "Draft law on the holding of peaceful assemblies" in first
    assert "Country Arventa" in first
    assert "Date 2026-03-14" in first
    assert "Standards catalogue version 2026.03" in first
    assert "page 1 of" not in first


def test_pages_are_numbered_page_x_of_y(en_pdf):
    _, data = en_pdf
    pages = pdf_pages(data)
    for number, text in enumerate(pages[1:], start=2):
        assert f"page {number} of {len(pages)}" in text


@pytest.mark.parametrize("entry", ["Executive summary", "Table of conflicts", "Annex A: standards relied on",
                                   "Annex B: sources cited", "The draft as a whole", "Article 9(1)"])
def test_contents_give_the_page_each_part_starts_on(en_pdf, entry):
    _, data = en_pdf
    pages = pdf_pages(data)
    contents = pages[1]
    assert contents.startswith("Contents") or " Contents " in f" {contents} "
    match = re.search(re.escape(entry) + r"[ .]*?(\d+)\b", contents)
    assert match, contents
    page = int(match.group(1))
    assert entry in pages[page - 1]
    assert all(entry not in text for text in pages[2:page - 1])


def test_numbered_paragraphs_follow_the_table_of_conflicts(en_pdf):
    report, data = en_pdf
    text = " ".join(pdf_pages(data))
    table = text[text.rindex("Table of conflicts"):text.index("Annex A: standards relied on", text.rindex("Table of conflicts"))]
    for number in range(1, len(report.findings) + 1):
        assert re.search(rf"\b{number} ", table)
    assert table.count("ASM-") + table.count("X-") >= len(report.findings)


def test_fonts_are_embedded_dejavu(en_pdf, ru_pdf):
    for _, data in (en_pdf, ru_pdf):
        reader = PdfReader(io.BytesIO(data))
        fonts = {}
        for page in reader.pages:
            resources = page["/Resources"]
            for font in resources.get("/Font", {}).values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object()
                fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        assert fonts and all(fonts.values()), fonts
        assert all("DejaVu" in name for name in fonts), fonts


def test_pdf_metadata_names_rightscheck_not_a_person(en_pdf):
    report, data = en_pdf
    info = PdfReader(io.BytesIO(data)).metadata
    assert info.author == "rightscheck"
    assert info.title == f"Compliance screening — {report.draft.title}"
    assert report.draft.source_name not in (info.title or "")


def test_a_hostile_title_cannot_break_out_of_the_stylesheet(en_pdf):
    report, _ = en_pdf
    hostile = report.model_copy(update={"draft": report.draft.model_copy(
        update={"title": 'Law "on order" </style><script>alert(1)</script>'})})
    html = render_submission_html(hostile)
    assert "<script>" not in html
    text = " ".join(pdf_pages(render_pdf(hostile)))
    assert 'Law "on order" </style><script>alert(1)</script>' in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Law 5", '"Law 5"'), ('a"b', '"a\\000022 b"'), ("</style>", '"\\00003c \\00002f style\\00003e "'),
     ("Закон", '"Закон"'), ("a\\b", '"a\\00005c b"')],
)
def test_css_string_escapes_all_but_letters_digits_and_spaces(text, expected):
    assert css_string(text) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("On public events", 70, "On public events"),
     ("On the procedure for organising and holding peaceful assemblies", 30, "On the procedure for…"),
     ("  spaced\n title ", 70, "spaced title")],
)
def test_shorten_cuts_long_titles_at_a_word(text, limit, expected):
    assert shorten(text, limit) == expected


def test_render_pdf_refuses_something_that_is_not_a_report(en_report):
    with pytest.raises(TypeError, match="checker.models.Report"):
        render_pdf(en_report.model_dump())


def test_render_bytes_pdf_is_the_filing_report(en_pdf):
    report, data = en_pdf
    assert pdf_pages(render_bytes(report, " PDF ")) == pdf_pages(data)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_every_page_renders_to_a_readable_image(ru_pdf, tmp_path):
    from PIL import Image, ImageStat

    _, data = ru_pdf
    (tmp_path / "report.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / "report.pdf"), str(tmp_path / "page")],
                   check=True, timeout=120)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(PdfReader(io.BytesIO(data)).pages)
    blank = Image.new("L", Image.open(images[0]).size, 255)
    assert ImageStat.Stat(blank).stddev[0] == 0
    for path in images:
        with Image.open(path) as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:128]) / (grey.width * grey.height)
            assert ImageStat.Stat(grey).stddev[0] > 5, path.name
            assert dark > 0.002, path.name


def test_cli_writes_a_pdf_report_with_the_country(tmp_path, short_draft):
    out = tmp_path / "report.pdf"
    result = CliRunner().invoke(main, ["check", str(short_draft), "-f", "pdf",
                                       "-o", str(out), "--country", "Arventa", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(out.read_bytes())
    assert "Country Arventa" in pages[0]
    assert "ASM-NOTIFY-NOT-AUTH" in " ".join(pages)
    assert "Article 1(1)" in " ".join(pages)


@pytest.mark.parametrize(("fmt", "refused"), [("pdf", True), ("docx", True), ("md", False)])
def test_cli_refuses_binary_reports_on_a_terminal(monkeypatch, short_draft, fmt, refused):
    monkeypatch.setattr("checker.cli._stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(main, ["check", str(short_draft), "-f", fmt, "-o", "-", "-q"])
    if refused:
        assert result.exit_code == 2
        assert f"a {fmt} report is binary" in result.output and "-o FILE" in result.output
    else:
        assert result.exit_code == 0
        assert "ASM-NOTIFY-NOT-AUTH" in result.output


def test_cli_pipes_a_pdf_when_standard_output_is_not_a_terminal(short_draft):
    result = CliRunner().invoke(main, ["check", str(short_draft), "-f", "pdf", "-q"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")
