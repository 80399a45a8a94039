"""reports.view: highlighting, ordering and counting shared by the HTML and Markdown reports."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from checker.models import ProvisionRef, Span
from reports.view import build_view, format_generated, highlight, provision_labels, safe_url

TEXT = "1. The notice shall be lodged not later than ten working days before the assembly."
BASE = 1000  # the provision starts at offset 1000 of the draft


def at(quote: str, nth: int = 0, shift: int = 0) -> Span:
    """Span of ``quote`` in TEXT in draft offsets; ``shift`` moves the offsets, not the quote."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(quote, start + 1)
    return Span(start=BASE + start + shift, end=BASE + start + len(quote) + shift, quote=quote)


def marked(segments) -> list[str]:
    return [s.text for s in segments if s.marked]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        pytest.param([], [], id="no span"),
        pytest.param([at("ten working days")], ["ten working days"], id="one span"),
        pytest.param(
            [at("not later than ten"), at("ten working days")],
            ["not later than ten working days"],
            id="overlapping spans merge",
        ),
        pytest.param(
            [at("not later than "), at("ten working days")],
            ["not later than ten working days"],
            id="touching spans merge",
        ),
        pytest.param(
            [at("notice"), at("assembly")], ["notice", "assembly"], id="separate spans stay apart"
        ),
        pytest.param(
            [at("ten working days"), at("ten working days")], ["ten working days"], id="repeated span"
        ),
        pytest.param(
            [at("not later than ten working days"), at("working")],
            ["not later than ten working days"],
            id="span inside another",
        ),
        pytest.param(
            [Span(start=10, end=40, quote="words of another article")], [], id="span before the provision"
        ),
        pytest.param(
            [Span(start=BASE + 5000, end=BASE + 5010, quote="far away")], [], id="span after the provision"
        ),
        pytest.param(
            [Span(start=BASE - 5, end=BASE + 9, quote="xxxxx1. The no")],
            ["1. The no"],
            id="span starting before the provision is clipped",
        ),
        pytest.param(
            [at("ten working days", shift=3)],
            ["ten working days"],
            id="offsets off by three: the quote decides",
        ),
        pytest.param([Span(start=BASE + 4, end=BASE + 4, quote="")], [], id="empty span"),
    ],
)
def test_highlight_marks_the_words_the_spans_point_at(spans, expected):
    segments = highlight(TEXT, BASE, spans)
    assert marked(segments) == expected
    assert "".join(s.text for s in segments) == TEXT
    assert all(a.marked != b.marked for a, b in zip(segments, segments[1:]))


def test_highlight_picks_the_occurrence_nearest_to_the_offsets():
    text = "ten days here, and ten days there"
    second = text.index("ten days", 5)
    # Offsets point just past the second occurrence and do not match the quote.
    segments = highlight(text, 0, [Span(start=second + 2, end=second + 10, quote="ten days")])
    assert [s.text for s in segments] == ["ten days here, and ", "ten days", " there"]


@pytest.mark.parametrize(
    ("label", "label_local", "expected"),
    [
        ("Article 9(1)", "Статья 9 пункт 1", "Статья 9 пункт 1 / Article 9(1)"),
        ("Article 9(1)", None, "Article 9(1)"),
        ("Article 9(1)", "Article 9(1)", "Article 9(1)"),
    ],
)
def test_provision_labels(label, label_local, expected):
    ref = ProvisionRef(eid="art_9__para_1", label=label, label_local=label_local, text="", start=0, end=0)
    assert provision_labels(ref) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://docs.un.org/en/CCPR/C/GC/37", "https://docs.un.org/en/CCPR/C/GC/37"),
        ("http://www.osce.org/odihr/73405", "http://www.osce.org/odihr/73405"),
        (" https://normlex.ilo.org ", "https://normlex.ilo.org"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("docs.un.org/en/CCPR/C/GC/37", None),
        ("https://exa mple.org", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url_keeps_only_web_addresses(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc), "2026-03-14 09:30 UTC"),
        (datetime(2026, 3, 14, 15, 30, tzinfo=timezone(timedelta(hours=6))), "2026-03-14 09:30 UTC"),
        (datetime(2026, 3, 14, 9, 30), "2026-03-14 09:30"),
    ],
)
def test_format_generated(moment, expected):
    assert format_generated(moment) == expected


def test_view_puts_whole_draft_findings_apart_and_provisions_in_draft_order(en_report):
    view = build_view(en_report)
    assert [f.finding.standard_id for f in view.absences] == ["ASM-LAST-RESORT"]
    assert [p.provision.label for p in view.provisions] == ["Article 9(1)", "Article 9(2)"]
    first = view.provisions[0]
    # Most serious first, then most confident.
    assert [f.finding.standard_id for f in first.findings] == [
        "ASM-NOTIFY-NOT-AUTH",
        "ASM-NOTIFY-PERIOD",
        "ASM-NO-PARTICIPANT-CAP",
    ]
    assert [f.confidence_percent for f in first.findings] == [75, 90, 55]
    assert marked(first.segments) == [
        "with fewer than 250 participants shall be held",
        "not later than ten working days before the day",
    ]
    assert first.location == "page 2"


def test_view_counts_domains_with_findings_and_clean_provisions(en_report, ru_report):
    view = build_view(en_report)
    assert [(r.label, r.counts, r.total) for r in view.rows] == [
        ("Cross-cutting", {"high": 0, "medium": 0, "low": 1}, 1),
        ("Peaceful assembly", {"high": 2, "medium": 2, "low": 1}, 5),
    ]
    assert (view.total_row.counts, view.total_row.total) == ({"high": 2, "medium": 2, "low": 2}, 6)
    assert (view.provisions_checked, view.provisions_clean) == (5, 3)
    assert view.min_severity is None

    ru = build_view(ru_report)
    assert (ru.provisions_checked, ru.provisions_clean) == (2, 1)
    assert ru.min_severity == "medium"
    assert ru.title == "proekt-zakona.txt"  # no title: the file name stands in
    assert ru.language_name == "Russian"


def test_view_lists_standards_by_number_of_findings(en_report):
    extra = en_report.findings[3].model_copy(update={"id": "second-period-finding"})
    report = en_report.model_copy(update={"findings": [*en_report.findings, extra]})
    standards = build_view(report).standards
    assert (standards[0].standard_id, standards[0].count) == ("ASM-NOTIFY-PERIOD", 2)
    assert [s.count for s in standards[1:]] == [1] * 5
    assert [s.standard_id for s in standards[1:]] == sorted(s.standard_id for s in standards[1:])


def test_view_of_a_report_without_provision_list_uses_the_draft_count(en_report):
    report = en_report.model_copy(update={"provisions": []})
    view = build_view(report)
    assert (view.provisions_checked, view.provisions_clean) == (5, 3)


@pytest.mark.parametrize(
    ("page", "paragraph", "expected"),
    [
        (3, 41, "page 3, paragraph 41"),
        (None, 41, "paragraph 41"),
        (3, None, "page 3"),
        (None, None, None),
    ],
)
def test_view_says_where_in_the_file_a_provision_starts(en_report, page, paragraph, expected):
    finding = en_report.findings[0]
    moved = finding.provision.model_copy(update={"page": page, "paragraph": paragraph})
    report = en_report.model_copy(update={"findings": [finding.model_copy(update={"provision": moved})]})
    (provision,) = build_view(report).provisions
    assert provision.location == expected
