"""reports.render_markdown and the Markdown escaping it relies on."""

from __future__ import annotations

import pytest

from reports import render_markdown
from reports.markdown import MarkdownSafe, blockquote, escape_inline, link_destination
from reports.view import Segment


def test_summary_table(en_report):
    md = render_markdown(en_report)
    assert (
        "| Area | High | Medium | Low | Total |\n"
        "|:---|---:|---:|---:|---:|\n"
        "| Cross-cutting | 0 | 0 | 1 | 1 |\n"
        "| Peaceful assembly | 2 | 2 | 1 | 5 |\n"
        "| **Total** | **2** | **2** | **2** | **6** |\n"
    ) in md
    assert "- ASM-NOTIFY-PERIOD — Short notice period: 1 finding\n" in md


@pytest.mark.parametrize("name", ["en_report", "ru_report"])
def test_every_citation_of_every_finding_is_printed_with_its_pinpoint(request, name):
    report = request.getfixturevalue(name)
    md = render_markdown(report)
    for finding in report.findings:
        section = md[md.index(f"#### {finding.standard_id} — "):]
        section = section[: section.index("*Detector ")]
        for citation in finding.citations:
            assert citation.pinpoint in section


def test_unverified_citation_is_marked_and_linked_citation_is_a_link(en_report):
    md = render_markdown(en_report)
    assert (
        "- [CDL-AD(2010)020, Section A, guideline 4.1](https://www.osce.org/odihr/73405) — "
        "*OSCE/ODIHR-Venice Commission Guidelines on Freedom of Peaceful Assembly (2nd ed.)* "
        "*(paragraph to be confirmed)*\n"
    ) in md
    assert (
        "- [HRC General Comment No. 37, para. 72](https://docs.un.org/en/CCPR/C/GC/37) (CCPR/C/GC/37) — "
        "*General comment No. 37 (2020) on the right of peaceful assembly*\n"
    ) in md
    assert "- A/HRC/23/39, para. 52 — *Report" in md  # javascript: address dropped
    assert "javascript" not in md


def test_provision_text_is_a_blockquote_with_matched_words_in_bold(en_report):
    md = render_markdown(en_report)
    assert (
        "### Article 9(1) — Notice of an assembly\n\n*In the file: page 2*\n\n"
        "> 1\\. An assembly **with fewer than 250 participants shall be held** on the basis of a "
        "notice lodged by the organiser with the local executive body **not later than ten working "
        "days before the day** of the assembly.\n"
    ) in md


def test_explanation_steps_are_numbered(en_report):
    md = render_markdown(en_report)
    assert (
        "**Why it was flagged:**\n\n"
        "1. Quantity 'ten working days' (10 working days) is a notice period.\n"
        "2. The notice period exceeds the limit of 5 days encoded for this standard.\n"
    ) in md


@pytest.mark.parametrize(
    ("needle", "present"),
    [
        ("**slogans \\<script\\>alert(1)\\</script\\>**", True),
        ("disclose \\<b\\>funding\\</b\\>", True),
        ("<script>", False),
        ("<b>", False),
    ],
)
def test_draft_text_cannot_inject_html_or_markdown(en_report, needle, present):
    assert (needle in render_markdown(en_report)) is present


def test_sections_and_footer(en_report, ru_report):
    md = render_markdown(en_report)
    order = ["# Draft law on the holding", "## Summary", "## Safeguards missing from the whole draft",
             "#### ASM-LAST-RESORT", "## Provision by provision", "### Article 9(1)", "### Article 9(2)",
             "A lawyer must review every finding"]
    positions = [md.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "3 of the 5 provisions checked had no findings and are not shown." in md
    assert "\n\n\n" not in md
    ru = render_markdown(ru_report)
    assert "### Статья 9 пункт 1 / Article 9(1) — Уведомление о собрании\n" in ru
    assert "**не позднее чем за десять рабочих дней до дня**" in ru
    assert "Safeguards missing" not in ru


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 9(1)", "Article 9(1)"),
        ("version 2026.03", "version 2026.03"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("a *starred* _word_", "a \\*starred\\* \\_word\\_"),
        ("col | col", "col \\| col"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("AT&T &amp; co", "AT&T \\&amp; co"),
        ("1. first step", "1\\. first step"),
        ("2) second", "2\\) second"),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("--- ", "\\---"),
        ("-5 days", "-5 days"),
        ("two\n\nparagraphs   here", "two paragraphs here"),
        ("~~struck~~ `code`", "\\~\\~struck\\~\\~ \\`code\\`"),
        (MarkdownSafe("**already markdown**"), "**already markdown**"),
        (3, "3"),
    ],
)
def test_escape_inline(text, expected):
    assert escape_inline(text) == expected


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        ([Segment("plain text", False)], "> plain text"),
        (
            [Segment("1. An assembly ", False), Segment("not later than", True), Segment(" ten days.", False)],
            "> 1\\. An assembly **not later than** ten days.",
        ),
        (
            [Segment("The organiser shall:\n1) wear a ", False), Segment("sign\n2) report", True),
             Segment(" funding.", False)],
            "> The organiser shall:\n>\n> 1\\) wear a **sign**\n>\n> **2\\) report** funding.",
        ),
        ([Segment("ends with a ", False), Segment("marked run ", True)], "> ends with a **marked run**"),
        ([Segment("  indented line", False)], "> indented line"),
        ([Segment("", False)], ">"),
    ],
)
def test_blockquote(segments, expected):
    assert blockquote(segments) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://docs.un.org/en/CCPR/C/GC/37", "https://docs.un.org/en/CCPR/C/GC/37"),
        ("https://www.venice.coe.int/?pdf=CDL-AD(2019)017rev-e",
         "https://www.venice.coe.int/?pdf=CDL-AD\\(2019\\)017rev-e"),
        ("https://x.org/a b<c>", "https://x.org/a%20b%3Cc%3E"),
    ],
)
def test_link_destination(url, expected):
    assert link_destination(url) == expected


def test_markdown_renders_as_intended_in_a_commonmark_renderer(en_report):
    markdown_it = pytest.importorskip("markdown_it")
    lxml_html = pytest.importorskip("lxml.html")
    # The commonmark preset passes raw HTML through, as GitHub's renderer would before sanitising.
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(render_markdown(en_report))
    tree = lxml_html.fromstring(f"<div>{html}</div>")
    assert tree.xpath("//script") == []
    assert "<script>alert(1)</script>" in tree.text_content()
    quotes = tree.xpath("//blockquote")
    assert [s.text_content() for s in quotes[0].xpath(".//strong")] == [
        "with fewer than 250 participants shall be held",
        "not later than ten working days before the day",
    ]
    assert quotes[0].text_content().strip().startswith("1. An assembly")
    rows = [[c.text_content() for c in tr.xpath("th|td")] for tr in tree.xpath("//table//tr")]
    assert rows[-1] == ["Total", "2", "2", "2", "6"]
    assert len(tree.xpath("//ol")) == 6  # one list of steps per finding
    links = tree.xpath("//a/@href")
    assert "https://www.osce.org/odihr/73405" in links
    assert len(tree.xpath("//h4")) == 6


def test_markdown_ends_with_the_annex_of_standards(en_report):
    from reports import render_markdown

    text = render_markdown(en_report)
    annex = text[text.index("## Annex: standards relied on"):]
    for standard in en_report.standards:
        assert f"### {standard.id}" in annex
        assert standard.principle.split(":")[0] in annex
