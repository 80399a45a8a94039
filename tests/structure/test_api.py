"""parse()'s contract: the text is kept as it is, bad input gets an InputError, and the helpers
leaves(), ancestors() and find_by_label() behave at their edges."""

from __future__ import annotations

import pytest

from checker.errors import EmptyDraft, InputError
from checker.structure import ancestors, find_by_label, leaves, parse

from .helpers import document, parse_text, quote

SMALL = "Chapter 1. General\n\nArticle 1. Scope\n1. This Law applies.\n\nChapter 2. Empty chapter\n\nChapter 3. Final\nArticle 2. Entry into force\nThis Law enters into force at once.\n"


def test_text_and_document_are_kept():
    doc = document(SMALL)
    draft = parse(doc, "en")
    assert draft.text is doc.text
    assert draft.document == doc
    assert draft.language == "en"


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\ufeff\n"])
def test_empty_draft_is_refused(text):
    with pytest.raises(EmptyDraft) as caught:
        parse(document(text), "en")
    assert "no text" in str(caught.value)


@pytest.mark.parametrize("language", ["de", "EN", "", None])
def test_unknown_language_is_refused(language):
    with pytest.raises(InputError) as caught:
        parse(document(SMALL), language)
    assert "'en' or 'ru'" in str(caught.value)


def test_a_string_is_not_a_document():
    with pytest.raises(InputError) as caught:
        parse(SMALL, "en")
    assert "Document" in str(caught.value)


def test_leaves_skip_empty_chapters():
    draft = parse_text(SMALL)
    assert [p.eid for p in leaves(draft)] == ["art_1__para_1", "art_2"]
    assert draft.find("chp_2").children == []


def test_chapter_with_text_of_its_own_is_a_leaf():
    draft = parse_text("Chapter 1. General\nThis chapter is reserved.\n\nChapter 2. Other\nArticle 1. Scope\nText.\n")
    assert [p.eid for p in leaves(draft)] == ["chp_1", "art_1"]


def test_ancestors():
    draft = parse_text(SMALL)
    assert [p.eid for p in ancestors(draft, "art_1__para_1")] == ["chp_1", "art_1"]
    assert ancestors(draft, "chp_1") == []
    with pytest.raises(KeyError):
        ancestors(draft, "art_99")


@pytest.mark.parametrize(
    "label, eid",
    [("Article 1(1)", "art_1__para_1"), ("ARTICLE 1 (1)", "art_1__para_1"), ("Art.2", "art_2"),
     ("Chapter 2", "chp_2"), ("Article 1(2)", None), ("Preamble", None), ("", None)],
)
def test_find_by_label(label, eid):
    found = find_by_label(parse_text(SMALL), label)
    assert (found.eid if found else None) == eid


def test_windows_line_ends_and_byte_order_mark():
    text = "\ufeffDRAFT\r\nArticle 1. Scope\r\n1. This Law applies.\r\n2. It has two paragraphs.\r\n"
    draft = parse_text(text)
    paragraph = draft.find("art_1__para_2")
    assert quote(draft, paragraph) == "2. It has two paragraphs."
    assert quote(draft, draft.find("art_1")).startswith("Article 1. Scope")
    assert quote(draft, draft.provisions[0]) == "DRAFT"


def test_every_provision_has_labels_in_the_draft_language():
    text = "Глава 1. Общие положения\nСтатья 1. Сфера\n1. Закон применяется.\n"
    draft = parse_text(text, "ru")
    assert [(p.label, p.label_local) for p in draft.walk()] == [
        ("Chapter 1", "Глава 1"), ("Article 1", "Статья 1"), ("Article 1(1)", "Статья 1 пункт 1"),
    ]
    english = parse_text(text, "en")
    assert all(p.label_local is None for p in english.walk())


@pytest.mark.parametrize(
    "preamble, title",
    [
        ("DRAFT\n\nLAW OF THE REPUBLIC OF ARVENTA\n\nOn peaceful assemblies\n\nThis Law regulates assemblies.",
         "On peaceful assemblies"),
        ("ЗАКОН\nО мирных собраниях\nПРОЕКТ", "О мирных собраниях"),
        ("On the procedure for holding\nassemblies in the Republic\nThis Law regulates assemblies.",
         "On the procedure for holding assemblies in the Republic"),
        ("On the procedure for holding assemblies\n\nin the Republic.", "On the procedure for holding assemblies"),
        ("LAW OF THE REPUBLIC OF ARVENTA\nPEACEFUL ASSEMBLIES", "PEACEFUL ASSEMBLIES"),
        ("This Law regulates assemblies.", None),
        ("DRAFT", None),
    ],
)
def test_title(preamble, title):
    draft = parse_text(f"{preamble}\n\nArticle 1. Scope\nThis Law applies to assemblies.\n")
    assert draft.title == title
    assert draft.provisions[0].eid == "preamble"


def test_no_preamble_no_title():
    draft = parse_text("Article 1. Scope\nThis Law applies to assemblies.\n")
    assert draft.title is None
    assert [p.eid for p in draft.provisions] == ["art_1"]
