"""Word drafts: body order, tables, and Word's automatic list numbering."""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from checker.ingest import load
from checker.ingest.docx_reader import format_number
from ingest_builders import add_list_definition, add_restart, docx_bytes, new_docx, numbered


def read(document):
    return load(docx_bytes(document), filename="draft.docx")


def test_paragraphs_and_tables_in_body_order():
    document = new_docx()
    document.add_heading("Law on peaceful assemblies", level=1)
    document.add_paragraph("Article 1. Basic concepts")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Fine for organisers"
    table.cell(0, 1).text = "200 MCI"
    table.cell(1, 0).text = "Fine for participants"
    table.cell(1, 1).text = "50 MCI"
    document.add_paragraph("Article 2. Notification")
    result = read(document)
    assert result.source_format == "docx"
    assert result.text.split("\n") == [
        "Law on peaceful assemblies",
        "Article 1. Basic concepts",
        "Fine for organisers",
        "200 MCI",
        "Fine for participants",
        "50 MCI",
        "Article 2. Notification",
    ]
    # the empty paragraph 3 is skipped; numbering stays true to the source
    assert [b.paragraph for b in result.blocks] == [1, 2, 4, 5, 6, 7, 8]
    assert all(b.page is None for b in result.blocks)


def test_line_breaks_split_a_paragraph_into_blocks_with_one_number():
    document = new_docx()
    paragraph = document.add_paragraph("1) the organiser;")
    paragraph.add_run().add_break()
    paragraph.add_run("2) the participant.")
    result = read(document)
    assert result.text == "1) the organiser;\n2) the participant."
    assert [b.paragraph for b in result.blocks] == [1, 1]


def test_hidden_and_deleted_text_is_left_out_and_insertions_kept():
    document = new_docx()
    paragraph = document.add_paragraph("The organiser ")
    hidden = paragraph.add_run("SECRET ")
    hidden.font.hidden = True
    paragraph.add_run("shall notify")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText> and obtain permission</w:delText></w:r></w:del>'
        )
    )
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t> the akimat.</w:t></w:r></w:ins>')
    )
    assert read(document).text == "The organiser shall notify the akimat."


RU_LIST = [("decimal", "%1)", 1), ("russianLower", "%2)", 1)]
LEGAL = [("decimal", "Статья %1.", 1), ("decimal", "%1.%2.", 1), ("lowerLetter", "(%3)", 1)]


@pytest.mark.parametrize(
    "levels, items, expected",
    [
        (
            RU_LIST,
            [("мирное собрание", 0), ("организатор", 0), ("участник", 0)],
            ["1) мирное собрание", "2) организатор", "3) участник"],
        ),
        (
            RU_LIST,
            [("основания", 0), ("угроза", 1), ("нарушение", 1), ("сроки", 0), ("день", 1)],
            ["1) основания", "а) угроза", "б) нарушение", "2) сроки", "а) день"],
        ),
        (
            LEGAL,
            [("Notification", 0), ("The organiser notifies", 1), ("in writing", 2), ("online", 2), ("Refusal", 0), ("Grounds", 1)],
            ["Статья 1. Notification", "1.1. The organiser notifies", "(a) in writing", "(b) online",
             "Статья 2. Refusal", "2.1. Grounds"],
        ),
        (
            [("upperRoman", "%1.", 1), ("upperLetter", "%2.", 1)],
            [("General provisions", 0), ("Scope", 1), ("Assemblies", 0)],
            ["I. General provisions", "A. Scope", "II. Assemblies"],
        ),
        (
            [("lowerRoman", "(%1)", 4)],
            [("four", 0), ("five", 0)],
            ["(iv) four", "(v) five"],
        ),
        (
            [("bullet", "\uf0b7", 1)],
            [("journalists", 0), ("observers", 0)],
            ["\u2022 journalists", "\u2022 observers"],
        ),
    ],
    ids=["decimal-paren", "russian-letters-reset", "multilevel-legal", "roman-letters", "start-4", "bullet"],
)
def test_word_list_numbering_is_rendered(levels, items, expected):
    document = new_docx()
    num_id = add_list_definition(document, levels)
    for text, ilvl in items:
        numbered(document, text, num_id, ilvl)
    assert read(document).text.split("\n") == expected


def test_numbering_counts_empty_paragraphs_and_restarts_with_a_new_instance():
    document = new_docx()
    num_id = add_list_definition(document, [("decimal", "%1)", 1)], abstract_id=91, num_id=91)
    numbered(document, "first", num_id)
    numbered(document, "", num_id)  # Word shows "2)" for it
    numbered(document, "third", num_id)
    document.add_paragraph("Unnumbered paragraph between lists")
    numbered(document, "continued", num_id)
    restart = add_restart(document, abstract_id=91, num_id=92)
    numbered(document, "restarted", restart)
    assert read(document).text.split("\n") == [
        "1) first",
        "3) third",
        "Unnumbered paragraph between lists",
        "4) continued",
        "1) restarted",
    ]


def test_numbering_inherited_from_the_list_number_style():
    document = new_docx()
    document.add_paragraph("Article 5. Restrictions")
    document.add_paragraph("restrictions are set by law;", style="List Number")
    document.add_paragraph("restrictions are necessary and proportionate.", style="List Number")
    assert read(document).text.split("\n") == [
        "Article 5. Restrictions",
        "1. restrictions are set by law;",
        "2. restrictions are necessary and proportionate.",
    ]


def test_numbered_paragraphs_inside_a_table_are_numbered():
    document = new_docx()
    num_id = add_list_definition(document, [("decimal", "%1.", 1)], abstract_id=93, num_id=93)
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "Grounds for refusal:"
    for text in ("no notification", "a second assembly"):
        paragraph = cell.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
    assert read(document).text.split("\n") == ["Grounds for refusal:", "1. no notification", "2. a second assembly"]


@pytest.mark.parametrize(
    "value, fmt, expected",
    [
        (1, "decimal", "1"),
        (3, "lowerLetter", "c"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (4, "lowerRoman", "iv"),
        (1994, "upperRoman", "MCMXCIV"),
        (6, "russianLower", "е"),
        (9, "russianLower", "и"),
        (10, "russianLower", "к"),  # й is skipped
        (2, "russianUpper", "Б"),
        (7, "decimalZero", "07"),
        (2, "ordinal", "2nd"),
        (12, "ordinal", "12th"),
        (5, "none", ""),
        (5, "someFutureFormat", "5"),
    ],
)
def test_number_formats(value, fmt, expected):
    assert format_number(value, fmt) == expected
