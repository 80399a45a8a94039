"""The English and Russian texts of one draft must get the same findings.

A lawyer may file either language version; the conflict report must not depend on which. The
two versions of each pair share their numbering, so findings are compared as (article number,
standard id) pairs; a finding about the draft as a whole counts as ("whole draft", id).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.engine import default_engine
from checker.models import Finding
from checker.pipeline import load_document, parse_draft
from tests.conftest import DRAFTS, shared_file

MIN_AGREEMENT = 0.9
CYRILLIC_WORD = re.compile(r"\b[а-яё]+\b", re.IGNORECASE)
LATIN_LETTER = re.compile(r"[A-Za-z]")
ARTICLE = re.compile(r"(?:^|__)art_([^_]+)")

PAIRS = {
    "kazakhstan-2020": (lambda: shared_file("kz-assembly-draft-2020.txt"), lambda: shared_file("kz-assembly-draft-2020.ru.txt")),
    "arventa-2024": (lambda: DRAFTS / "arventa-public-events-2024.en.txt", lambda: DRAFTS / "arventa-public-events-2024.ru.txt"),
}

_CACHE: dict[Path, list[Finding]] = {}


def findings_of(path: Path) -> list[Finding]:
    """The findings of the bundled catalogue on the draft at ``path`` (checked once per run)."""
    if path not in _CACHE:
        _CACHE[path] = default_engine().run(parse_draft(load_document(path)))
    return _CACHE[path]


def article_pairs(findings: list[Finding]) -> set[tuple[str, str]]:
    """``{(article number, standard id)}``; ("whole draft", id) for absences and unnumbered text."""
    pairs = set()
    for finding in findings:
        match = ARTICLE.search(finding.provision.eid) if finding.provision is not None else None
        pairs.add((match.group(1) if match else "whole draft", finding.standard_id))
    return pairs


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b|; 1.0 for two empty sets."""
    return len(a & b) / len(a | b) if a | b else 1.0


@pytest.mark.parametrize("a,b,expected", [
    ({("9", "X")}, {("9", "X")}, 1.0),
    ({("9", "X"), ("10", "Y")}, {("9", "X")}, 0.5),
    ({("9", "X")}, {("9", "Y")}, 0.0),
    (set(), set(), 1.0),
])
def test_jaccard(a, b, expected):
    assert jaccard(a, b) == expected


@pytest.mark.parametrize("eid,article", [
    ("art_9__para_1", "9"),
    ("chp_2__art_12__para_3__subpara_2", "12"),
    ("art_7", "7"),
])
def test_article_number_is_read_from_the_eid(eid, article):
    assert ARTICLE.search(eid).group(1) == article


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_english_and_russian_versions_get_the_same_findings(pair):
    english, russian = (article_pairs(findings_of(path())) for path in PAIRS[pair])
    assert english and russian
    agreement = jaccard(english, russian)
    assert agreement >= MIN_AGREEMENT, (
        f"{pair}: agreement {agreement:.0%} below {MIN_AGREEMENT:.0%}\n"
        f"only in English: {sorted(english - russian)}\nonly in Russian: {sorted(russian - english)}"
    )


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_russian_findings_name_their_provision_in_both_languages_and_quote_russian(pair):
    findings = [f for f in findings_of(PAIRS[pair][1]()) if not f.absence]
    assert findings
    for finding in findings:
        provision = finding.provision
        where = f"{finding.standard_id} at {provision.eid}"
        assert provision.label_local and provision.label_local.startswith(("Статья ", "Глава ", "Преамбула")), where
        assert not LATIN_LETTER.search(provision.label_local), where
        assert re.match(r"^(Article|Chapter|Preamble)\b", provision.label) and provision.label.isascii(), where
        assert finding.spans, where
        for span in finding.spans:
            assert CYRILLIC_WORD.search(span.quote), f"{where}: {span.quote!r}"


def test_a_russian_label_counts_its_paragraph_and_subparagraph():
    findings = findings_of(PAIRS["arventa-2024"][1]())
    labels = {(f.provision.label, f.provision.label_local) for f in findings if f.provision is not None}
    assert ("Article 15(1)(3)", "Статья 15 пункт 1 подпункт 3") in labels
