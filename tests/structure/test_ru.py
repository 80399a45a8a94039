"""The Russian post-Soviet draft: главы, статьи, пункты, подпункты, части; Russian labels,
definitions («основные понятия») and inflected cross-references («пунктом 2 статьи 7»)."""

from __future__ import annotations

import textwrap

import pytest

from checker.structure import ancestors, find_by_label, leaves

from .helpers import parse_text, quote


def test_title_preamble_and_chapters(kz_ru):
    assert kz_ru.title == "О порядке организации и проведения мирных собраний в Республике Казахстан"
    preamble = kz_ru.provisions[0]
    assert (preamble.label, preamble.label_local) == ("Preamble", "Преамбула")
    chapter = kz_ru.find("chp_2")
    assert (chapter.label, chapter.label_local, chapter.heading) == (
        "Chapter 2", "Глава 2", "Организаторы, участники и иные лица")


def test_article_9_paragraph_1(kz_ru):
    paragraph = find_by_label(kz_ru, "Статья 9 пункт 1")
    assert paragraph.eid == "art_9__para_1"
    assert paragraph.label == "Article 9(1)"
    assert paragraph.label_local == "Статья 9 пункт 1"
    text = quote(kz_ru, paragraph)
    assert text.startswith("1. Мирное собрание численностью менее 250 участников")
    assert text.endswith("до дня проведения мирного собрания.")
    assert paragraph.start == kz_ru.text.index("1. Мирное собрание численностью менее 250")


def test_definitions_article(kz_ru):
    article = find_by_label(kz_ru, "Статья 1")
    assert article.heading == "Основные понятия, используемые в настоящем Законе"
    assert len(article.children) == 6
    assert article.children[0].label_local == "Статья 1 подпункт 1"
    assert [d.term for d in kz_ru.definitions] == [
        "мирное собрание",
        "участник мирного собрания",
        "специализированное место для проведения мирных собраний",
        "организатор мирного собрания",
        "отличительный знак организатора",
        "пикетирование",
    ]
    assert all(d.provision_eid == f"art_1__subpara_{n}" for n, d in enumerate(kz_ru.definitions, start=1))
    assert kz_ru.definitions[5].meaning.startswith("публичное выражение взглядов")


def test_article_13_is_a_leaf(kz_ru):
    article = find_by_label(kz_ru, "Статья 13")
    assert not article.children and article in leaves(kz_ru)


def test_subparagraph_labels(kz_ru):
    item = find_by_label(kz_ru, "Статья 4 пункт 2 подпункт 5")
    assert item.eid == "art_4__para_2__subpara_5"
    assert item.label == "Article 4(2)(5)"
    assert find_by_label(kz_ru, "Article 4(2)(5)") is item
    assert [p.label_local for p in ancestors(kz_ru, item.eid)] == ["Глава 2", "Статья 4", "Статья 4 пункт 2"]


@pytest.mark.parametrize(
    "words, source, targets",
    [
        ("пункте 4 статьи 4", "art_12__para_1__subpara_2", ["art_4__para_4"]),
        ("статьями 9 и 10", "art_4__para_2__subpara_1", ["art_9", "art_10"]),
        ("пунктом 2 статьи 7", "art_8__para_1", ["art_7__para_2"]),
    ],
)
def test_cross_references(kz_ru, words, source, targets):
    ref = next(r for r in kz_ru.cross_references if r.text == words)
    assert (ref.source_eid, ref.target_eids) == (source, targets)
    assert kz_ru.text[ref.start : ref.end] == words


def test_same_structure_as_the_english_twin(kz_en, kz_ru):
    assert [p.eid for p in kz_ru.walk()] == [p.eid for p in kz_en.walk()]
    assert [p.label for p in kz_ru.walk()] == [p.label for p in kz_en.walk()]
    assert [r.target_eids for r in kz_ru.cross_references] == [r.target_eids for r in kz_en.cross_references]


def test_bundled_arventa_draft(arventa_ru, arventa_en):
    assert [p.eid for p in arventa_ru.walk()] == [p.eid for p in arventa_en.walk()]
    assert len(arventa_ru.definitions) == 6
    assert [(r.source_eid, r.target_eids) for r in arventa_ru.cross_references] == [
        (r.source_eid, r.target_eids) for r in arventa_en.cross_references
    ]


PARTS = """ЗАКОН
О собраниях

ГЛАВА 1
ОБЩИЕ ПОЛОЖЕНИЯ

Статья 4. Организатор
1. Организатор обязан уведомить акимат.

Статья 5. Права участников
Участники собрания вправе выражать мнения.
Участники обязаны соблюдать порядок, установленный частью первой настоящей статьи, и требования:
1) законности;
2) безопасности.
Нарушение требований части 2 настоящей статьи влечет ответственность согласно статье 7 Кодекса об административных правонарушениях и п. 1 ст. 4.
"""


def test_unnumbered_paragraphs_are_parts():
    draft = parse_text(PARTS, "ru")
    article = draft.find("art_5")
    assert [c.eid for c in article.children] == ["art_5__part_1", "art_5__part_2", "art_5__part_3"]
    part = draft.find("art_5__part_2")
    assert (part.kind, part.label, part.label_local) == ("part", "Article 5, part 2", "Статья 5 часть 2")
    assert [c.label_local for c in part.children] == ["Статья 5 часть 2 подпункт 1", "Статья 5 часть 2 подпункт 2"]
    assert quote(draft, draft.find("art_5__part_3")).startswith("Нарушение требований")
    assert draft.find("chp_1").heading == "ОБЩИЕ ПОЛОЖЕНИЯ"
    assert draft.title == "О собраниях"


def test_references_to_parts_and_abbreviations():
    draft = parse_text(PARTS, "ru")
    refs = [(r.text, r.source_eid, r.target_eids) for r in draft.cross_references]
    assert refs == [
        ("частью первой настоящей статьи", "art_5__part_2", ["art_5__part_1"]),
        ("части 2 настоящей статьи", "art_5__part_3", ["art_5__part_2"]),
        ("п. 1 ст. 4", "art_5__part_3", ["art_4__para_1"]),
    ]


def test_a_single_unnumbered_paragraph_is_not_a_part():
    draft = parse_text("Статья 13. Запрет\nПроведение собрания без уведомления запрещается.\n", "ru")
    article = draft.provisions[0]
    assert article.children == [] and article.label_local == "Статья 13"


@pytest.mark.parametrize(
    "line, eid, heading",
    [
        ("Статья 9. Уведомление", "art_9", "Уведомление"),
        ("Статья 9 — Уведомление", "art_9", "Уведомление"),
        ("СТАТЬЯ 9-1. Уведомление", "art_9-1", "Уведомление"),
        ("Ст. 9. Уведомление", "art_9", "Уведомление"),
    ],
)
def test_russian_article_headings(line, eid, heading):
    draft = parse_text(f"{line}\n1. Организатор уведомляет акимат.\nа) письменно;\n", "ru")
    article = draft.provisions[0]
    assert (article.eid, article.heading) == (eid, heading)
    point = article.children[0].children[0]
    assert (point.kind, point.num, point.eid) == ("point", "а", f"{eid}__para_1__point_a")
    assert point.label_local == f"Статья {eid[4:]} пункт 1 подпункт а"


@pytest.mark.parametrize("width", [70, 100])
def test_lines_wrapped_as_in_a_pdf_give_the_same_structure(kz_ru, width):
    wrapped_text = "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)) if line else line
        for line in kz_ru.text.split("\n")
    )
    wrapped = parse_text(wrapped_text, "ru")
    assert [(p.eid, p.heading, p.label_local) for p in wrapped.walk()] == [
        (p.eid, p.heading, p.label_local) for p in kz_ru.walk()
    ]
    assert wrapped.title == kz_ru.title
    assert [(d.term, d.meaning) for d in wrapped.definitions] == [(d.term, d.meaning) for d in kz_ru.definitions]
    assert [(r.text.replace("\n", " "), r.target_eids) for r in wrapped.cross_references] == [
        (r.text, r.target_eids) for r in kz_ru.cross_references
    ]
