"""ODT, RTF and HTML drafts."""

from __future__ import annotations

import pytest
from odf import dc
from odf.office import Annotation
from odf.table import Table, TableCell, TableRow
from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S, Tab

from checker.errors import EmptyDraft
from checker.ingest import load
from ingest_builders import odt_bytes

# ----------------------------------------------------------------------------- ODT


def _odt_draft(document):
    document.text.addElement(H(outlinelevel=1, text="Закон о мирных собраниях"))
    paragraph = P(text="Статья 1. Организатор")
    comment = Annotation()
    comment.addElement(dc.Creator(text="Юрист НПО"))
    comment.addElement(P(text="Это замечание не часть текста"))
    paragraph.addElement(comment)
    paragraph.addText(" обязан уведомить акимат.")
    note = Note(noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Сноска не часть статьи"))
    note.addElement(body)
    paragraph.addElement(note)
    document.text.addElement(paragraph)
    document.text.addElement(P(text=""))
    spaced = P(text="a")
    spaced.addElement(S(c=3))
    spaced.addText("b")
    spaced.addElement(Tab())
    spaced.addText("c")
    spaced.addElement(LineBreak())
    spaced.addText("вторая строка")
    document.text.addElement(spaced)
    items = List()
    for text in ("первый пункт", "второй пункт"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    document.text.addElement(items)
    table, row, cell = Table(), TableRow(), TableCell()
    cell.addElement(P(text="ячейка таблицы"))
    row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)


def test_odt_paragraphs_headings_lists_and_tables_in_order_without_comments_or_notes():
    document = load(odt_bytes(_odt_draft), filename="проект.odt")
    assert document.source_format == "odt"
    assert document.text.split("\n") == [
        "Закон о мирных собраниях",
        "Статья 1. Организатор обязан уведомить акимат.",
        "a b c",
        "вторая строка",
        "первый пункт",
        "второй пункт",
        "ячейка таблицы",
    ]
    assert "замечание" not in document.text and "Сноска" not in document.text
    # paragraph 3 is empty; the line break keeps both lines in paragraph 4
    assert [b.paragraph for b in document.blocks] == [1, 2, 4, 4, 5, 6, 7]


def test_empty_odt_is_an_empty_draft():
    with pytest.raises(EmptyDraft):
        load(odt_bytes(lambda document: document.text.addElement(P(text="  "))), filename="blank.odt")


# ----------------------------------------------------------------------------- RTF

RTF_CP1251 = (
    rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}"
    rb"{\info{\title \'cd\'e5 \'f2\'e5\'ea\'f1\'f2}}"
    rb"\f0\fs24 \'d1\'f2\'e0\'f2\'fc\'ff 1. \'ce\'f1\'ed\'ee\'e2\'ed\'fb\'e5 \'ef\'ee\'ed\'ff\'f2\'e8\'ff\par"
    rb"\par "
    rb"{\listtext 1)\tab}\'ec\'e8\'f0\'ed\'ee\'e5 \'f1\'ee\'e1\'f0\'e0\'ed\'e8\'e5;\par}"
)
RTF_UNICODE = (
    rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\uc1 "
    rb"\u1057?\u1090?\u1072?\u1090?\u1100?\u1103? 2. Notification\line \u1059?\u1074?\u1077?\u1076?\u1086?\u1084?\u1083?\u1077?\u1085?\u1080?\u1077?\par}"
)
RTF_ENGLISH = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}\f0 Article 3.\tab Assemblies are \b free\b0 .\par Article 4.\par}"


@pytest.mark.parametrize(
    "data, lines, paragraphs",
    [
        (RTF_CP1251, ["Статья 1. Основные понятия", "1) мирное собрание;"], [1, 3]),
        (RTF_UNICODE, ["Статья 2. Notification", "Уведомление"], [1, 2]),
        (RTF_ENGLISH, ["Article 3. Assemblies are free.", "Article 4."], [1, 2]),
    ],
    ids=["ansicpg1251", "unicode-escapes", "english"],
)
def test_rtf(data, lines, paragraphs):
    document = load(data, filename="draft.rtf")
    assert document.source_format == "rtf"
    assert document.text.split("\n") == lines
    assert [b.paragraph for b in document.blocks] == paragraphs


# ----------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><title>Not part of the draft</title><style>p { color: red }</style>
<script>document.write("nor this")</script></head>
<body>
  <h1>Law on   peaceful
     assemblies</h1>
  <div><p>Article&nbsp;1. Basic concepts<br>1) assembly;<br/>2) organiser.</p></div>
  <!-- a comment -->
  <ul><li>first item</li><li>second <b>bold</b> item</li></ul>
  <table><tr><td>Fine</td><td>200 MCI</td></tr></table>
  <pre>Article 2.
  kept   spacing</pre>
  <noscript>enable scripts</noscript>
</body></html>"""


def test_html_block_elements_become_lines():
    document = load(PAGE.encode(), filename="draft.html")
    assert document.source_format == "html"
    assert document.text.split("\n") == [
        "Law on peaceful assemblies",
        "Article 1. Basic concepts",
        "1) assembly;",
        "2) organiser.",
        "first item",
        "second bold item",
        "Fine 200 MCI",
        "Article 2.",
        "kept spacing",
    ]
    assert [b.paragraph for b in document.blocks] == list(range(1, 10))


@pytest.mark.parametrize(
    "data, filename",
    [
        ('<html><head><meta charset="windows-1251"></head><body><p>Статья 5. Запрет</p></body></html>'.encode("cp1251"), "a.html"),
        ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><p>Статья 5. Запрет</p></body></html>'.encode(), "a.htm"),
        ("<p>Статья 5. Запрет</p>".encode("cp1251"), "fragment.htm"),  # no <html>, no charset
        ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Статья 5. Запрет</p></body></html>'.encode(), "a.xhtml"),
    ],
    ids=["meta-charset-cp1251", "http-equiv-utf8", "fragment-cp1251", "xhtml"],
)
def test_html_encodings(data, filename):
    assert load(data, filename=filename).text == "Статья 5. Запрет"
