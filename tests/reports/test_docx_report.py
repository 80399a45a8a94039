"""reports.docx_report: the filing report as a Word document — its parts in order, one numbered
paragraph per finding, the table of conflicts, Cyrillic text, and no personal metadata."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from click.testing import CliRunner

from checker.cli import main
from reports import render_bytes, render_docx
from reports.docx_report import AUTHOR
from reports.view import provision_labels


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(document, level: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == level]


def numbered(document) -> list[tuple[int, str]]:
    """(number, text) of the numbered finding paragraphs ("3.<tab>Title (ID) — ...")."""
    out = []
    for paragraph in document.paragraphs:
        match = re.match(r"^(\d+)\.\t(.*)$", paragraph.text)
        if match:
            out.append((int(match.group(1)), match.group(2)))
    return out


@pytest.fixture
def with_country(en_report):
    return en_report.model_copy(update={"draft": en_report.draft.model_copy(update={"country": "Arventa"})})


def test_parts_come_in_filing_order(with_country):
    document = open_docx(render_docx(with_country))
    assert headings(document, "Heading 1") == [
        "Contents", "Executive summary", "Findings, provision by provision", "Table of conflicts",
        "Annex A: standards relied on", "Annex B: sources cited",
    ]
    assert headings(document, "Heading 2") == [
        "The draft as a whole — Safeguards no provision of the draft provides",
        "Article 9(1) — Notice of an assembly",
        "Article 9(2)",
    ]
    assert headings(document, "Title") == ["Draft law on the holding of peaceful assemblies"]


def test_title_page_gives_country_date_and_catalogue(with_country, en_report):
    facts = {row.cells[0].text: row.cells[1].text for row in open_docx(render_docx(with_country)).tables[0].rows}
    assert facts["Country"] == "Arventa"
    assert facts["Date"] == "2026-03-14"
    assert facts["Standards catalogue"] == "version 2026.03"
    assert "Country" not in {row.cells[0].text for row in open_docx(render_docx(en_report)).tables[0].rows}


def test_one_numbered_paragraph_per_finding_most_serious_first_in_each_provision(en_report):
    document = open_docx(render_docx(en_report))
    items = numbered(document)
    assert [n for n, _ in items] == list(range(1, len(en_report.findings) + 1))
    ids = [re.search(r"\(([A-Z][A-Z0-9-]+)\)", text).group(1) for _, text in items]
    assert ids == ["ASM-LAST-RESORT", "ASM-NOTIFY-NOT-AUTH", "ASM-NOTIFY-PERIOD", "ASM-NO-PARTICIPANT-CAP",
                   "ASM-NO-FUNDING-DISCLOSURE", "X-LEGALITY-PRECISION"]


@pytest.mark.parametrize("label", ["Words:", "The conflict:", "Recommendation:", "Standards:"])
def test_each_finding_says_words_conflict_citations_recommendation(en_report, label):
    document = open_docx(render_docx(en_report))
    assert sum(1 for p in document.paragraphs if p.text.startswith(label)) == len(en_report.findings)


def test_table_of_conflicts_lists_every_finding_with_its_provision(en_report):
    document = open_docx(render_docx(en_report))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "No."]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [int(r[0]) for r in rows] == list(range(1, len(en_report.findings) + 1))
    for finding in en_report.findings:
        where = provision_labels(finding.provision) if finding.provision else "The draft as a whole"
        assert any(r[1] == where and r[2].startswith(finding.standard_id) for r in rows)
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(docx.oxml.ns.qn("w:tblHeader")) is not None


def test_russian_report_keeps_cyrillic_labels_and_quotes(ru_report):
    document = open_docx(render_docx(ru_report))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Статья 9 пункт 1 / Article 9(1) — Уведомление о собрании" in headings(document, "Heading 2")
    assert "«не позднее чем за десять рабочих дней»" in text
    assert "Only findings of medium severity or above are reported." in text


def test_footer_numbers_pages_x_of_y(en_report):
    document = open_docx(render_docx(en_report))
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert document.sections[0].different_first_page_header_footer


def test_no_personal_metadata_and_no_comments(en_report):
    data = render_docx(en_report)
    core = open_docx(data).core_properties
    assert (core.author, core.last_modified_by) == (AUTHOR, AUTHOR)
    assert core.title == "Compliance screening — Draft law on the holding of peaceful assemblies"
    assert core.comments == "" and core.created.year == 2026
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert "word/comments.xml" not in names
        assert not any(name.startswith(("customXml/", "docProps/thumbnail", "docProps/custom")) for name in names)
        everything = b"".join(package.read(name) for name in names if name.endswith(".xml"))
    assert b"python-docx" not in everything
    assert b"Microsoft Macintosh Word" not in everything


def test_hostile_draft_text_is_text_not_markup(en_report):
    text = "\n".join(p.text for p in open_docx(render_docx(en_report)).paragraphs)
    assert "slogans <script>alert(1)</script> to be displayed" in text


def test_render_bytes_docx_matches_render_docx(en_report):
    a, b = open_docx(render_bytes(en_report, "docx")), open_docx(render_docx(en_report))
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]


def test_render_docx_refuses_something_that_is_not_a_report(en_report):
    with pytest.raises(TypeError, match="checker.models.Report"):
        render_docx(en_report.model_dump())


def test_cli_writes_a_docx_report(tmp_path):
    draft = tmp_path / "gatherings.txt"
    draft.write_text("DRAFT LAW ON GATHERINGS\n\nArticle 1. Permits\n\n1. A gathering of more than 100 persons "
                     "may be held only on the basis of a permit issued by the city administration.\n",
                     encoding="utf-8")
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(main, ["check", str(draft), "-f", "docx", "-o", str(out), "--country", "Selvania",
                                       "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document = open_docx(out.read_bytes())
    assert any("ASM-NOTIFY-NOT-AUTH" in text for _, text in numbered(document))
    assert {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}["Country"] == "Selvania"
