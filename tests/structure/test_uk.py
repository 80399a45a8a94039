"""A United Kingdom style bill: parts, sections, subsections (1), paragraphs (a), sub-paragraphs
(i), an interpretation section and a schedule; "(i)" read as a letter or a roman numeral by context."""

from __future__ import annotations

import pytest

from checker.structure import ancestors, find_by_label, leaves

from .helpers import parse_text, quote

BILL = """Public Gatherings (Notice) Bill

A BILL to make provision about notice of public processions and assemblies.

Part 1
Notice of processions

1 Advance notice of public processions
(1) The organiser of a public procession shall give written notice to the police not less than three days before the procession.
(2) The notice shall state—
(a) the date of the procession;
(b) the proposed route;
(c) the time at which it is intended to start;
(d) the name and address of the organiser;
(e) the expected number of participants;
(f) any vehicles to be used;
(g) any stewards to be appointed;
(h) the arrangements for first aid;
(i) the arrangements for dispersal at its end.
(3) Subsection (1) does not apply where it was not reasonably practicable to give any notice.

2 Conditions on processions
(1) A senior police officer may give directions imposing conditions on a procession if he reasonably believes that—
(a) it may result in serious public disorder, where—
(i) the disorder is likely to endanger life, or
(ii) the disorder is likely to cause serious damage to property; or
(b) the purpose of the organiser is to intimidate others.
(2) A direction under paragraph (a) of subsection (1) must be given in writing.
(3) A person who knowingly fails to comply with a condition imposed under section 2(1)(b) commits an offence, as does a person who breaches section 4 of the Public Order Act 1986.

Part 2
General

3.—(1) In this Act—
"public assembly" means an assembly of 20 or more persons in a public place which is wholly or partly open to the air;
"public procession" means a procession in a public place; and
"senior police officer" has the meaning given in section 1.
(2) Sections 1 and 2 apply in England only.

4. Short title
This Act may be cited as the Public Gatherings (Notice) Act 2026.

SCHEDULE 1
Forms of notice
1 A notice may be given by post or by hand.
"""


@pytest.fixture(scope="module")
def bill():
    return parse_text(BILL, "en")


def test_parts_group_sections(bill):
    assert bill.structured
    assert bill.title == "Public Gatherings (Notice) Bill"
    assert [p.eid for p in bill.provisions] == ["preamble", "part_1", "part_2", "sched_1"]
    part = bill.find("part_1")
    assert (part.kind, part.label, part.heading) == ("part", "Part 1", "Notice of processions")
    assert [s.eid for s in part.children] == ["sec_1", "sec_2"]
    assert bill.find("sec_1").heading == "Advance notice of public processions"


def test_subsections_paragraphs_and_labels(bill):
    item = find_by_label(bill, "Section 2(1)(a)(ii)")
    assert item.eid == "sec_2__subsec_1__para_a__subpara_ii"
    assert item.kind == "subparagraph"
    assert quote(bill, item) == "(ii) the disorder is likely to cause serious damage to property; or"
    assert [p.eid for p in ancestors(bill, item.eid)] == ["part_1", "sec_2", "sec_2__subsec_1", "sec_2__subsec_1__para_a"]
    assert find_by_label(bill, "Section 1(2)").kind == "subsection"


@pytest.mark.parametrize(
    "label, eid, kind",
    [
        ("Section 1(2)(h)", "sec_1__subsec_2__para_h", "paragraph"),
        ("Section 1(2)(i)", "sec_1__subsec_2__para_i", "paragraph"),  # (i) after (h): a letter
        ("Section 2(1)(a)(i)", "sec_2__subsec_1__para_a__subpara_i", "subparagraph"),  # (i) under (a): roman
        ("Section 2(1)(b)", "sec_2__subsec_1__para_b", "paragraph"),
    ],
)
def test_letter_or_roman_by_context(bill, label, eid, kind):
    provision = find_by_label(bill, label)
    assert (provision.eid, provision.kind) == (eid, kind)


def test_no_roman_list_under_paragraph_h(bill):
    assert bill.find("sec_1__subsec_2__para_h").children == []
    assert len(bill.find("sec_1__subsec_2").children) == 9


def test_section_number_with_inline_subsection(bill):
    section = bill.find("sec_3")
    assert section.heading is None
    assert quote(bill, section).startswith("3.—(1) In this Act—")
    assert [c.eid for c in section.children] == ["sec_3__subsec_1", "sec_3__subsec_2"]
    assert quote(bill, section.children[0]).startswith("(1) In this Act—")
    assert quote(bill, section.children[0]).endswith('has the meaning given in section 1.')


def test_interpretation_definitions(bill):
    found = [(d.term, d.provision_eid) for d in bill.definitions]
    assert found == [
        ("public assembly", "sec_3__subsec_1"),
        ("public procession", "sec_3__subsec_1"),
        ("senior police officer", "sec_3__subsec_1"),
    ]
    procession = bill.definitions[1]
    assert procession.meaning == "a procession in a public place"
    assert bill.text[procession.start : procession.end] == '"public procession" means a procession in a public place'
    assert bill.definitions[2].meaning == "has the meaning given in section 1"


def test_cross_references(bill):
    refs = [(r.text, r.source_eid, r.target_eids) for r in bill.cross_references]
    assert refs == [
        ("Subsection (1)", "sec_1__subsec_3", ["sec_1__subsec_1"]),
        ("paragraph (a) of subsection (1)", "sec_2__subsec_2", ["sec_2__subsec_1__para_a"]),
        ("section 2(1)(b)", "sec_2__subsec_3", ["sec_2__subsec_1__para_b"]),
        ("section 1", "sec_3__subsec_1", ["sec_1"]),
        ("Sections 1 and 2", "sec_3__subsec_2", ["sec_1", "sec_2"]),
    ]


def test_schedule(bill):
    schedule = bill.find("sched_1")
    assert (schedule.label, schedule.heading) == ("Schedule 1", "Forms of notice")
    paragraph = schedule.children[0]
    assert (paragraph.eid, paragraph.label) == ("sched_1__para_1", "Schedule 1, paragraph 1")


def test_leaves(bill):
    eids = [p.eid for p in leaves(bill)]
    assert "sec_2__subsec_1__para_a" not in eids
    assert "sec_2__subsec_1__para_a__subpara_i" in eids
    assert "sec_4" in eids and "part_1" not in eids


@pytest.mark.parametrize(
    "text, sections",
    [
        ("Section 1\nThe police may give directions.\n", ["sec_1"]),
        ("1 Short title\nThis Act may be cited as the Test Act.\n2 Commencement\nIt comes into force at once.\n",
         ["sec_1", "sec_2"]),
        ("3. Powers of the police\n(1) The police may stop a procession.\n", ["sec_3"]),
    ],
)
def test_section_heading_forms(text, sections):
    draft = parse_text(text)
    assert draft.structured
    assert [p.eid for p in draft.provisions] == sections
