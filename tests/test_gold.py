"""The gold drafts are tests: findings at the right provisions with the right standards,
none on compliant provisions, the same findings from a Word file and a PDF of the draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.evaluation import evaluate, load_gold
from checker.pipeline import build_report, load_document, parse_draft
from tests.conftest import DRAFTS, shared_file
from tests.draft_files import to_docx, to_pdf

RECALL_FLOOR = 0.9


def _evaluate(path: Path, gold_path: Path, lang: str = "auto", source=None, filename=None):
    document = load_document(source if source is not None else path, filename=filename)
    draft = parse_draft(document, lang)
    report = build_report(draft)
    return draft, report, evaluate(draft, report.findings, load_gold(gold_path))


def _assert_meets_bar(result, floor: float = RECALL_FLOOR) -> None:
    assert not result.unknown_labels, f"gold labels missing from the draft: {result.unknown_labels}"
    missed = [f"{i.provision}: {i.standards}" for i in result.missed]
    assert result.recall >= floor, f"recall {result.recall:.0%}; missed: {missed}"
    flagged = [(f.provision.label, f.standard_id, [s.quote for s in f.spans]) for f, _ in result.on_compliant]
    assert not flagged, f"findings on compliant provisions: {flagged}"


@pytest.mark.parametrize("name", ["kz-assembly-draft-2020.txt", "kz-assembly-draft-2020.ru.txt"])
def test_kazakhstan_gold_draft(name):
    path = shared_file(name)
    _, report, result = _evaluate(path, shared_file("kz-assembly-draft-2020.gold.yaml"))
    _assert_meets_bar(result)
    for finding in report.findings:  # every finding cites a standard with a pinpoint and quotes the draft
        assert finding.citations and all(c.paragraphs or c.locator for c in finding.citations)
        assert finding.explanation and finding.recommendation
        if not finding.absence:
            assert finding.spans and all(s.quote.strip() for s in finding.spans)


@pytest.mark.parametrize("name", ["arventa-public-events-2024.en.txt", "arventa-public-events-2024.ru.txt"])
def test_bundled_sample_draft(name):
    _, _, result = _evaluate(DRAFTS / name, DRAFTS / "arventa-public-events-2024.gold.yaml")
    _assert_meets_bar(result)


def _pairs(report) -> set[tuple[str, str]]:
    return {(f.provision.label if f.provision else "whole draft", f.standard_id) for f in report.findings}


@pytest.mark.parametrize("converter,filename", [(to_docx, "draft.docx"), (to_pdf, "draft.pdf")])
def test_docx_and_pdf_give_the_same_findings(converter, filename):
    path = shared_file("kz-assembly-draft-2020.txt")
    _, plain, _ = _evaluate(path, shared_file("kz-assembly-draft-2020.gold.yaml"))
    data = converter(path.read_text(encoding="utf-8"))
    _, converted, result = _evaluate(path, shared_file("kz-assembly-draft-2020.gold.yaml"), source=data, filename=filename)
    assert converted.draft.source_format == filename.split(".")[1]
    assert _pairs(converted) == _pairs(plain)
    _assert_meets_bar(result)
