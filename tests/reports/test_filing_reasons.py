"""The filing reports (DOCX, PDF) print a finding's legal reasoning, not the detector's trail.

Unit cases take each sentence template the engine and the detectors write (rule-trail steps
beside the legal-reasoning steps that look like them); the sample-draft cases check real
English and Russian reports of the Arventa draft read back as text (python-docx, pypdf), and
that every step kept on any sample draft is one the filing report means to keep.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from checker.models import Report
from reports import render, render_bytes
from reports.pdf_report import shorten
from reports.reasons import filing_reasons, step_kind
from reports.submission import build_submission

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {lang: ROOT / "drafts" / f"arventa-public-events-2024.{lang}.txt" for lang in ("en", "ru")}
TRAIL_WORDS = ("matches the rule", "required context", "None of the words", "confidence", "this one does",
               "read as", "similarity-based")


@pytest.mark.parametrize(
    ("step", "kind"),
    [
        # rule trail
        ("Article 1(1) says “citizens of the Republic”, which matches the rule “citizen / citizens of the "
         "Republic / State”.", "trail"),
        ("Article 4(1) says “без организатора”, which matches the rule “без организатор”.", "trail"),
        ("The same provision also says “event” (required context: “assembly / rally / event”).", "trail"),
        ("The same provision also says “event” (required context in the same sentence: “assembly / event”).",
         "trail"),
        ("The provision refers to Article 3(1) (“subsection (1)”), which says “offence” (required context: "
         "“offence / crime”).", "trail"),
        ("None of the words that would make the provision acceptable occurs in it (“не мочь проводиться”).",
         "trail"),
        ("The clause of these words states a prohibition (“shall not”) borne by the organiser.", "trail"),
        ("Article 4(1) sets a period quantity: “no later than ten working days”, read as <= 10 working days, "
         "before the event (about 14 days).", "trail"),
        ("Article 5(1) sets an arrest quantity: “15 суток”, read as 15 days.", "trail"),
        ("The rule flags the length in days > 5; this one does.", "trail"),
        ("The rule flags the value >= 2; this one does.", "trail"),
        ("The draft regulates the subject (48 mentions, the first in Preamble: “public events”).", "trail"),
        ("This finding is similarity-based: no rule word matched; Article 2 reads like the standard's example.",
         "trail"),
        ("The closest example of an acceptable provision, “Anyone may gather”, scores 0.41: 0.20 lower.", "trail"),
        ("The standard has no example of an acceptable provision to compare with.", "trail"),
        ("A closeness of wording is not a conflict by itself: read the provision before relying on it.", "trail"),
        # legal reasoning, kept
        ("A notice deadline of more than five days before the event goes beyond the short lead time "
         "(GC37 para. 72).", "reason"),
        ("The provision says nothing about what matches the rules of procedure (GC37 para. 70).", "reason"),
        ("“undermining social harmony” is a vague term (category: vague public-order grounds) that the cited "
         "standards require to be defined narrowly.", "reason"),
        ("Nowhere does it provide a presumption in favour of holding assemblies: none of “presumption” occurs "
         "in the draft.", "reason"),
        ("The term “participant” defined here is used in Article 3(2), Article 11(1): what the definition "
         "restricts, those provisions restrict too (quoted below as related).", "definition"),
        ("It refers to Article 4(2) (“paragraph 2 of Article 4”), which is quoted below as related.",
         "cross_reference"),
    ],
)
def test_step_kind(step, kind):
    assert step_kind(step) == kind


@pytest.mark.parametrize(
    ("explanation", "expected"),
    [
        (
            ["Article 9(1) says “ten working days”, which matches the rule “ten working days”.",
             "The same provision also says “notice” (required context: “notice”).",
             "Too long a notice period (GC37 para. 72).",
             "It refers to Article 4(1) (“paragraph 1 of Article 4”), which is quoted below as related.",
             "It refers to Article 8 (“Articles 8 and 9”), which is quoted below as related.",
             "It refers to Article 9 (“Articles 8 and 9”), which is quoted below as related."],
            ["Too long a notice period (GC37 para. 72).",
             "The provision refers to Article 4(1) (“paragraph 1 of Article 4”) and Article 8 and Article 9 "
             "(“Articles 8 and 9”)."],
        ),
        (
            ["The draft regulates the subject (3 mentions, the first in Article 1: “assembly”).",
             "Nowhere does it provide a presumption in favour of holding assemblies: none of “presumption”; "
             "“least restrictive” occurs in the draft.",
             "Nothing tells the authorities to start from enabling the assembly (GC37 para. 23)."],
            ["The draft nowhere provides a presumption in favour of holding assemblies.",
             "Nothing tells the authorities to start from enabling the assembly (GC37 para. 23)."],
        ),
        (
            ["Article 1(2) says “гражданин”, which matches the rule “гражданин”.",
             "Defining participants as citizens excludes foreigners (GC37 para. 5).",
             "The term “участник” defined here is used in Article 3(2), Article 4(1): what the definition "
             "restricts, those provisions restrict too (quoted below as related)."],
            ["Defining participants as citizens excludes foreigners (GC37 para. 5).",
             "The term “участник” defined here is used in Article 3(2), Article 4(1): what the definition "
             "restricts, those provisions restrict too."],
        ),
        (
            # two detectors of one standard: the trail of both goes, repeated reasons print once
            ["The rule flags the length in days > 5; this one does.", "Too long (GC37 para. 72).",
             "The rule flags the length in days > 7; this one does.", "Too long (GC37 para. 72)."],
            ["Too long (GC37 para. 72)."],
        ),
        (["The rule flags the value >= 2; this one does."], []),
        ([], []),
    ],
    ids=["pattern-and-references", "absence", "definition-ru", "merged-detectors", "trail-only", "empty"],
)
def test_filing_reasons(explanation, expected):
    assert filing_reasons(explanation) == expected


# ----------------------------------------------------------------- real reports of the sample


@lru_cache(maxsize=None)
def sample_report(lang: str) -> Report:
    from checker.pipeline import check

    report = check(SAMPLES[lang])
    return report.model_copy(update={"generated_at": datetime(2026, 3, 14, 9, 0, tzinfo=timezone.utc)})


@lru_cache(maxsize=None)
def filing_text(lang: str, fmt: str) -> str:
    """The sample's filing report in ``fmt`` read back as text, whitespace runs made one space."""
    data = render_bytes(sample_report(lang), fmt)
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        text = "\n".join(parts)
    else:
        # Each page's text ends with the running title and "page x of y", after what is laid
        # out outside the text flow (the page's paragraph numbers and list bullets).
        running = r"\s+".join(map(re.escape, shorten(build_submission(sample_report(lang)).title, 70).split()))
        furniture = re.compile(rf"\s*{running}\s+rightscheck screening\s+page \d+ of \d+\s*$")
        text = "\n".join(furniture.sub("", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def pdf_words(text: str) -> str:
    """``text`` as compared with a PDF's text: without white space, as PDF text breaks lines
    inside words ("CCPR/C/" / "KAZ/CO/2"), and without the words that may be paragraph
    numbers or bullets ("19.", "•"), which the PDF's text puts at the end of their page."""
    return re.sub(r"\s+", "", re.sub(r"(?<!\S)(?:\d+\.|•)(?!\S)", " ", text))


CASES = [(lang, fmt) for lang in ("en", "ru") for fmt in ("docx", "pdf")]


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_filing_report_prints_no_rule_trail(lang, fmt):
    text = filing_text(lang, fmt)
    for words in TRAIL_WORDS:
        assert words not in text, words
    assert "In the file:" not in text and not re.search(r"paragraph \d+ of the file", text)
    # the Russian trail quotes rule phrases in dictionary form
    for words in ("без организатор ", "не мочь проводиться"):
        assert words not in text


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_filing_report_keeps_words_reasoning_citations_and_recommendation(lang, fmt):
    report = sample_report(lang)
    text = filing_text(lang, fmt)
    squeeze = (lambda s: s) if fmt == "docx" else pdf_words
    flat = squeeze(text)
    open_q, close_q = ("«", "»") if lang == "ru" else ("“", "”")
    assert report.findings
    for paragraph in (p for sec in build_submission(report).sections for p in sec.paragraphs):
        for quote in paragraph.quotes:
            assert squeeze(f"{open_q}{quote}{close_q}") in flat
        assert paragraph.reasons, paragraph.finding.finding.id
        for reason in paragraph.reasons:
            assert squeeze(reason) in flat
        for citation in paragraph.citations:
            assert squeeze(citation.pinpoint) in flat
        assert squeeze(paragraph.recommendation) in flat
    assert "GC37 para. 72" in text
    assert "The draft nowhere provides a presumption in favour of holding assemblies" in text
    assert "About this report" in text and "full reasoning trail" in text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_html_report_keeps_the_full_trail(lang):
    text = " ".join(lxml_html.fromstring(render(sample_report(lang), "html")).text_content().split())
    for words in ("matches the rule", "required context", "None of the words", "this one does"):
        assert words in text
    for finding in sample_report(lang).findings:
        for step in finding.explanation:
            assert " ".join(step.split()) in text


def _kept_on_purpose(step: str, explanations: set[str]) -> bool:
    return (
        step in explanations
        or step.startswith(("The draft nowhere provides ", "The term “", "The provision refers to "))
        or bool(re.match(r"^“.+” (is a vague term|leaves the decision to official discretion) \(category: ", step))
    )


@pytest.mark.parametrize("path", sorted((ROOT / "drafts").glob("*.txt")), ids=lambda p: p.name)
def test_every_kept_step_is_a_standards_explanation_or_plain_context(path):
    """A step kept for the filing report that is neither a standard's own explanation nor one
    of the plain-words steps means the detectors write a new trail template that
    reports/reasons.py does not know yet."""
    from checker.pipeline import check
    from standards.loader import default_catalogue

    explanations = {
        " ".join(d.explanation.split())
        for s in default_catalogue().standards.values()
        for d in s.detectors
        if getattr(d, "explanation", None)
    }
    report = check(path)
    unexpected = {
        step
        for finding in report.findings
        for step in filing_reasons(finding.explanation)
        if not _kept_on_purpose(step, explanations)
    }
    assert not unexpected
    dropped = [s for f in report.findings for s in f.explanation if step_kind(s) == "trail"]
    assert dropped or not report.findings
