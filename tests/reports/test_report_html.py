"""reports.render_html: the page a lawyer reads and prints."""

from __future__ import annotations

import re

import lxml.html
import pytest

from checker.models import Report
from reports import render_html


def page(report: Report):
    return lxml.html.fromstring(render_html(report))


def texts(elements) -> list[str]:
    return [" ".join(e.text_content().split()) for e in elements]


def provision_article(tree, label: str):
    (article,) = [a for a in tree.xpath("//article[@class='provision']")
                  if " ".join(a.xpath("string(.//h3)").split()).startswith(label)]
    return article


def test_title_block_names_draft_file_language_date_catalogue_and_tool(en_report):
    tree = page(en_report)
    assert texts(tree.xpath("//h1")) == ["Draft law on the holding of peaceful assemblies"]
    meta = dict(zip(texts(tree.xpath("//dl[@class='meta']/dt")), texts(tree.xpath("//dl[@class='meta']/dd"))))
    assert meta == {
        "Source file": "assemblies-draft.docx (docx)",
        "Language": "English",
        "Generated": "2026-03-14 09:30 UTC",
        "Standards catalogue": "version 2026.03",
        "Tool": "rightscheck 0.1.0 (report format 1.3)",
        "File SHA-256": "ab" * 32,
    }


def test_summary_table_has_domains_with_findings_and_a_total_row(en_report):
    tree = page(en_report)
    table = tree.xpath("//table[@class='counts']")[0]
    assert texts(table.xpath("thead/tr/th")) == ["Area", "High", "Medium", "Low", "Total"]
    assert [texts(row.xpath("th|td")) for row in table.xpath("tbody/tr")] == [
        ["Cross-cutting", "0", "0", "1", "1"],
        ["Peaceful assembly", "2", "2", "1", "5"],
    ]
    assert texts(table.xpath("tfoot/tr/*")) == ["Total", "2", "2", "2", "6"]
    assert "6 findings in this draft." in texts(tree.xpath("//p[@class='total']"))[0]
    assert "ASM-NOTIFY-PERIOD Short notice period — 1 finding" in texts(tree.xpath("//ul[@class='standards']/li"))


def test_conflicting_words_are_marked_and_overlapping_spans_merged(en_report):
    tree = page(en_report)
    article = provision_article(tree, "Article 9(1)")
    assert texts(article.xpath(".//blockquote[@class='draft-text']/mark")) == [
        "with fewer than 250 participants shall be held",
        "not later than ten working days before the day",
    ]
    # The whole provision text is there, marks included, nothing lost or doubled.
    quote = article.xpath(".//blockquote[@class='draft-text']")[0].text_content()
    assert quote == en_report.findings[3].provision.text


def test_a_span_outside_the_provision_is_left_out_of_the_marks(en_report):
    article = provision_article(page(en_report), "Article 9(2)")
    assert texts(article.xpath("./div[@class='keep']/blockquote/mark")) == [
        "the sources of its funding",
        "slogans <script>alert(1)</script>",
    ]


@pytest.mark.parametrize(
    ("needle", "present"),
    [
        ("slogans &lt;script&gt;alert(1)&lt;/script&gt;", True),
        ("disclose &lt;b&gt;funding&lt;/b&gt;", True),
        ("<script", False),
        ("<b>funding", False),
        ('href="javascript:', False),
    ],
)
def test_everything_from_the_draft_is_escaped(en_report, needle, present):
    assert (needle in render_html(en_report)) is present


def test_page_is_standalone_without_scripts_or_external_assets(en_report):
    tree = page(en_report)
    assert tree.xpath("//script | //link | //img | //iframe | //@src") == []
    assert tree.xpath("//style")  # inline stylesheet
    css = tree.xpath("string(//style)")
    assert "@page { size: A4" in css
    assert re.search(r"\.finding[^{]*\{[^}]*break-inside: avoid", css)
    assert 'a[href]::after { content: " <" attr(href) ">"' in css


def test_unverified_citations_say_paragraph_to_be_confirmed(en_report):
    items = texts(page(en_report).xpath("//ul[@class='citations']/li"))
    flagged = [i for i in items if "(paragraph to be confirmed)" in i]
    assert sorted({i.split(" — ")[0] for i in flagged}) == [
        "A/HRC/23/39, para. 52",
        "CDL-AD(2010)020, Section A, guideline 4.1",
    ]
    assert (
        "HRC General Comment No. 37, para. 72 (CCPR/C/GC/37) — "
        "General comment No. 37 (2020) on the right of peaceful assembly"
    ) in items
    assert "ICCPR, art. 21 — International Covenant on Civil and Political Rights" in items


def test_citations_link_to_their_source_when_the_address_is_safe(en_report):
    tree = page(en_report)
    links = {a.text_content(): a.get("href") for a in tree.xpath("//ul[@class='citations']//a")}
    assert links["HRC General Comment No. 37, para. 72"] == "https://docs.un.org/en/CCPR/C/GC/37"
    assert "A/HRC/23/39, para. 52" not in links  # its address is a javascript: one
    assert "A/HRC/23/39, para. 52" in texts(tree.xpath("//span[@class='pinpoint']"))


def test_each_finding_shows_severity_as_text_confidence_quote_steps_and_recommendation(en_report):
    article = provision_article(page(en_report), "Article 9(1)")
    (card,) = [c for c in article.xpath(".//div[contains(@class, 'finding')]")
               if "ASM-NOTIFY-PERIOD" in c.xpath("string(h4)")]
    assert texts(card.xpath("h4")) == ["ASM-NOTIFY-PERIOD Short notice period"]
    assert texts(card.xpath(".//span[contains(@class, 'badge')]")) == ["Severity: Medium"]
    assert "Confidence: 90%" in texts(card.xpath(".//span[@class='fact']"))
    assert texts(card.xpath(".//q")) == ["not later than ten working days", "ten working days before the day"]
    assert texts(card.xpath("ol[@class='steps']/li")) == [
        "Quantity 'ten working days' (10 working days) is a notice period.",
        "The notice period exceeds the limit of 5 days encoded for this standard.",
    ]
    assert texts(card.xpath("p[@class='recommendation']")) == [
        "Recommendation: Shorten the notice period to a few days and let the authority answer "
        "within a short, fixed time."
    ]


def test_related_provisions_are_printed_with_label_and_text(en_report):
    article = provision_article(page(en_report), "Article 9(2)")
    related = article.xpath(".//div[@class='related']")
    assert texts(related[0].xpath("p[@class='related-label']")) == ["Article 1(1) — Basic concepts"]
    assert texts(related[0].xpath("blockquote")) == [
        "1) organiser of an assembly - an adult citizen who initiates and leads an assembly;"
    ]


def test_whole_draft_findings_come_before_the_provisions(en_report, ru_report):
    html = render_html(en_report)
    assert html.index("Safeguards missing from the whole draft") < html.index("Provision by provision")
    section = lxml.html.fromstring(html).xpath("//section[@id='whole-draft']")[0]
    assert texts(section.xpath(".//h4")) == [
        "ASM-LAST-RESORT Presumption in favour of holding; prohibition only as a last resort"
    ]
    assert "Safeguards missing from the whole draft" not in render_html(ru_report)


def test_provisions_come_in_draft_order_with_a_note_of_those_without_findings(en_report):
    tree = page(en_report)
    assert [h.split(" — ")[0] for h in texts(tree.xpath("//article[@class='provision']/div/h3"))] == [
        "Article 9(1)",
        "Article 9(2)",
    ]
    note = texts(tree.xpath("//section[@id='provisions']/p[@class='none']"))[0]
    assert "3 of the 5 provisions checked had no findings" in note


def test_russian_provision_shows_both_labels(ru_report):
    tree = page(ru_report)
    assert texts(tree.xpath("//article[@class='provision']//h3")) == [
        "Статья 9 пункт 1 / Article 9(1) — Уведомление о собрании"
    ]
    (quote,) = tree.xpath("//article//blockquote[@class='draft-text']")
    assert quote.get("lang") == "ru"
    assert texts(quote.xpath("mark")) == ["не позднее чем за десять рабочих дней до дня"]
    assert "Only findings of medium severity or above are listed." in texts(tree.xpath("//p[@class='total']"))[0]
    assert texts(tree.xpath("//h1")) == ["proekt-zakona.txt"]


def test_footer_says_a_lawyer_must_review(en_report):
    footer = texts(page(en_report).xpath("//footer"))[0]
    assert "automated screening" in footer
    assert "A lawyer must review every finding" in footer


def test_report_without_findings(en_report):
    report = en_report.model_copy(update={"findings": []})
    tree = page(report)
    assert "No findings in this draft." in texts(tree.xpath("//p[@class='total']"))[0]
    assert tree.xpath("//table") == []
    assert tree.xpath("//article") == []
    assert texts(tree.xpath("//section[@id='provisions']/p")) == ["No provision had findings (5 checked)."]


def test_annex_lists_each_cited_standard_with_its_principle_and_sources(en_report):
    from lxml import html as lxml_html

    from reports import render_html

    page = lxml_html.fromstring(render_html(en_report))
    entries = page.xpath('//section[@id="annex"]/div[@class="annex-entry"]')
    assert [e.get("id") for e in entries] == [f"standard-{s.id}" for s in en_report.standards]
    first = entries[0].text_content()
    assert en_report.standards[0].principle in first
    assert en_report.standards[0].citations[0].pinpoint in first
    unverified = page.xpath('//div[@id="standard-ASM-NOTIFY-NOT-AUTH"]')[0].text_content()
    assert "lead citation to be confirmed" in unverified
