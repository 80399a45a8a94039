"""The bundled Word sample (drafts/arventa-public-events-2024.en.docx): made from the .txt by
scripts/make_sample_docx.py, kept in step with it, and checked to the same findings."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import docx
import pytest

from checker import check

REPO = Path(__file__).resolve().parents[2]
TXT = REPO / "drafts" / "arventa-public-events-2024.en.txt"
DOCX = REPO / "drafts" / "arventa-public-events-2024.en.docx"


def _script():
    spec = importlib.util.spec_from_file_location("make_sample_docx", REPO / "scripts" / "make_sample_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_sample_docx = _script()


def pairs(report) -> set[tuple[str, str]]:
    """(provision eId or "(draft)" for an absence, standard id) of every finding."""
    return {(f.provision.eid if f.provision else "(draft)", f.standard_id) for f in report.findings}


def test_the_committed_docx_is_what_the_script_makes_from_the_txt():
    built = make_sample_docx.build_docx(TXT.read_text(encoding="utf-8"),
                                        title="On public events and the procedure for holding them")
    assert DOCX.read_bytes() == built, "run: .venv/bin/python scripts/make_sample_docx.py"


def test_making_the_docx_twice_gives_the_same_bytes():
    text = TXT.read_text(encoding="utf-8")
    assert make_sample_docx.build_docx(text) == make_sample_docx.build_docx(text)


@pytest.mark.parametrize(
    "line, style",
    [
        ("LAW OF THE REPUBLIC OF ARVENTA", "Heading 1"),
        ("DRAFT", "Normal"),
        ("Chapter 2. Notification and permits", "Heading 2"),
        ("Article 4. Notification of a public event", "Heading 3"),
        ("1. A public event in which not more than one hundred persons ...", "Normal"),
        ("5) the sources from which the event is financed ...", "Normal"),
        ("an Article 4 cross-reference at the start of nothing", "Normal"),
        ("Глава 3. Место и время", "Heading 2"),
        ("Статья 9. Время проведения", "Heading 3"),
    ],
)
def test_each_line_becomes_one_paragraph_of_its_style_with_its_text_unchanged(line, style):
    document = docx.Document(io.BytesIO(make_sample_docx.build_docx(line)))
    assert [(p.style.name, p.text) for p in document.paragraphs] == [(style, line)]


@pytest.fixture(scope="module")
def reports():
    return check(TXT), check(DOCX)


def test_the_docx_has_the_same_provisions_as_the_txt(reports):
    from_txt, from_docx = reports
    eids = [p.eid for p in from_docx.provisions]
    assert eids == [p.eid for p in from_txt.provisions]
    assert {"art_1__subpara_6", "art_4__para_2__subpara_5", "art_9__para_1"} <= set(eids)


def test_the_docx_gives_the_same_findings_as_the_txt(reports):
    from_txt, from_docx = reports
    assert pairs(from_docx) == pairs(from_txt)
    assert {("art_4__para_3", "ASM-NOTIFY-NOT-AUTH"), ("art_9__para_1", "ASM-TIME-RESTRICTIONS"),
            ("(draft)", "ASM-LAST-RESORT")} <= pairs(from_docx)
