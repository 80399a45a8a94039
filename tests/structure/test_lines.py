"""What a single line starts with, under each drafting convention."""

from __future__ import annotations

import pytest

from checker.structure.labels import eid_number
from checker.structure.lines import classify_post_soviet, classify_uk, roman_value, split_lines


def _one(text: str):
    lines = split_lines(text)
    assert len(lines) == 1
    return lines[0]


@pytest.mark.parametrize(
    "text, kind, num, heading",
    [
        ("Article 9. Notification of a peaceful assembly", "article", "9", "Notification of a peaceful assembly"),
        ("Article 9", "article", "9", None),
        ("Article 9-1. Extra", "article", "9-1", "Extra"),
        ("Art. 9.", "article", "9", None),
        ("Статья 9. Уведомление", "article", "9", "Уведомление"),
        ("  Статья 9 — Уведомление", "article", "9", "Уведомление"),
        ("Chapter 1. General provisions", "chapter", "1", "General provisions"),
        ("ГЛАВА IV", "chapter", "IV", None),
        ("Раздел 2. Особенная часть", "group", "2", "Особенная часть"),
        ("1. A peaceful assembly may not be held without an organiser.", "para", "1", None),
        ("1-1. Inserted paragraph.", "para", "1-1", None),
        ("2.1 Dotted paragraph.", "para", "2.1", None),
        ("1) legality;", "subpara", "1", None),
        ("(2) voluntariness;", "subpara", "2", None),
        ("\u2013 3) dashed item;", "subpara", "3", None),
        ("а) в письменной форме;", "point", "а", None),
        ("b) in writing;", "point", "b", None),
        # not headings or items
        ("Article 5 of the Constitution guarantees the right.", "text", None, None),
        ("Статья 5 Конституции гарантирует право собираться мирно.", "text", None, None),
        ("2020 was the year of the draft.", "text", None, None),
        ("250 participants or more.", "text", None, None),
        ("The organiser shall:", "text", None, None),
        ("", "blank", None, None),
    ],
)
def test_post_soviet_lines(text, kind, num, heading):
    line = classify_post_soviet(_one(text))
    assert (line.kind, line.num, line.heading) == (kind, num, heading)


@pytest.mark.parametrize(
    "text, kind, num, heading",
    [
        ("Section 3 Powers of the police", "section", "3", "Powers of the police"),
        ("Section 3", "section", "3", None),
        ("3 Powers of the police", "section", "3", "Powers of the police"),
        ("3. Powers of the police", "section", "3", "Powers of the police"),
        ("12A Further powers", "section", "12A", "Further powers"),
        ("3.—(1) The police may stop a procession.", "section", "3", None),
        ("Part 2", "group", "2", None),
        ("PART 2 PROCESSIONS", "group", "2", "PROCESSIONS"),
        ("SCHEDULE 1", "schedule", "1", None),
        ("Schedule", "schedule", None, None),
        ("(1) The organiser shall give notice.", "subsec", "1", None),
        ("(2A) Inserted subsection.", "subsec", "2A", None),
        ("(a) the date;", "lettered", "a", None),
        ("(iv) the route;", "lettered", "iv", None),
        # not headings
        ("3 persons may form an assembly.", "text", None, None),
        ("Schedule 2 applies to Scotland.", "text", None, None),
        ("Part of the road is closed.", "text", None, None),
    ],
)
def test_uk_lines(text, kind, num, heading):
    line = classify_uk(_one(text))
    assert (line.kind, line.num, line.heading) == (kind, num, heading)


def test_inline_subsection_offset():
    line = classify_uk(_one("3.—(1) The police may stop a procession."))
    assert line.inline == ("1", 3)


def test_offsets_skip_indentation_and_keep_the_text():
    text = "Article 1\n\u00a0\t 1. Text.  \n\n"
    lines = split_lines(text)
    assert [(line.kind, text[line.start : line.end]) for line in lines] == [
        ("text", "Article 1"), ("text", "1. Text."), ("blank", ""), ("blank", ""),
    ]


@pytest.mark.parametrize(
    "num, eid", [("9", "9"), ("9-1", "9-1"), ("9\u20111", "9-1"), ("а", "a"), ("ж", "zh"), ("(ii)", "ii"), ("2)", "2")]
)
def test_eid_numbers(num, eid):
    assert eid_number(num) == eid


@pytest.mark.parametrize("token, value", [("i", 1), ("iv", 4), ("ix", 9), ("xiv", 14), ("xl", 40)])
def test_roman_values(token, value):
    assert roman_value(token) == value


def test_roman_value_rejects_letters():
    with pytest.raises(ValueError):
        roman_value("h")
