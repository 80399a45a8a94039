"""Cross-references, resolved against a small draft: absolute, relative, lists, ranges, path
notation, inflected Russian forms and abbreviations; references to other laws left out."""

from __future__ import annotations

import pytest

from .helpers import parse_text

EN_DRAFT = """Article 1. Basic concepts
The following basic concepts are used in this Law:
1) assembly - a gathering of persons;
2) organiser - a person who organises an assembly.

Article 2. Notification
1. The organiser shall notify the akimat.
2. The notification shall state:
1) the place;
2) the time.
3. {sentence}

Article 3. Other
The final text.
"""

RU_DRAFT = """Статья 1. Основные понятия
В настоящем Законе используются следующие основные понятия:
1) собрание – собрание людей;
2) организатор – лицо, организующее собрание.

Статья 2. Уведомление
1. Организатор уведомляет акимат.
2. В уведомлении указываются:
1) место;
2) время.
3. {sentence}

Статья 3. Иное
Заключительный текст.
"""


def _refs(template: str, sentence: str, language: str) -> list[tuple[str, list[str]]]:
    draft = parse_text(template.format(sentence=sentence), language)
    found = [r for r in draft.cross_references if r.source_eid == "art_2__para_3"]
    for ref in found:
        assert draft.text[ref.start : ref.end] == ref.text
    return [(r.text, r.target_eids) for r in found]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Paragraph 1 of Article 2 applies.", [("Paragraph 1 of Article 2", ["art_2__para_1"])]),
        ("See subparagraph 2) of paragraph 2 of Article 2 of this Law.",
         [("subparagraph 2) of paragraph 2 of Article 2", ["art_2__para_2__subpara_2"])]),
        ("See Article 2(2)(1).", [("Article 2(2)(1)", ["art_2__para_2__subpara_1"])]),
        ("See Articles 1 and 3.", [("Articles 1 and 3", ["art_1", "art_3"])]),
        ("See Articles 1 to 3.", [("Articles 1 to 3", ["art_1", "art_2", "art_3"])]),
        ("See Articles 1, 2 and 3.", [("Articles 1, 2 and 3", ["art_1", "art_2", "art_3"])]),
        ("See paragraph 2 of this Article.", [("paragraph 2 of this Article", ["art_2__para_2"])]),
        ("See paragraph 1.", [("paragraph 1", ["art_2__para_1"])]),
        ("See paragraphs 1 and 2 of Article 2.", [("paragraphs 1 and 2 of Article 2", ["art_2__para_1", "art_2__para_2"])]),
        ("See subparagraph 2) of Article 1.", [("subparagraph 2) of Article 1", ["art_1__subpara_2"])]),
        ("See Art. 3.", [("Art. 3", ["art_3"])]),
        ("See Article 2, paragraph 2, subparagraph 1).",
         [("Article 2, paragraph 2, subparagraph 1)", ["art_2__para_2__subpara_1"])]),
        ("See paragraph 2, subparagraph 2).", [("paragraph 2, subparagraph 2)", ["art_2__para_2__subpara_2"])]),
        ("See paragraph 1, Article 3.", [("paragraph 1", ["art_2__para_1"]), ("Article 3", ["art_3"])]),
        ("See paragraph 7 of Article 2.", [("paragraph 7 of Article 2", [])]),
        ("See Article 40 of this Law.", [("Article 40", [])]),
        ("Article 5 of the Constitution applies.", []),
        ("See Article 3 of the Code of the Republic on Administrative Offences.", []),
        ("See Article 2 of the Law on Mass Media.", []),
        ("See Article 19 of the International Covenant.", []),
        ("The akimat shall consider this Article carefully.", []),
        ("No reference at all, nor to the paragraph above.", []),
    ],
)
def test_english_references(sentence, expected):
    assert _refs(EN_DRAFT, sentence, "en") == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Согласно пункту 1 статьи 2 организатор уведомляет.", [("пункту 1 статьи 2", ["art_2__para_1"])]),
        ("Согласно пунктом 1 статьи 2.", [("пунктом 1 статьи 2", ["art_2__para_1"])]),
        ("См. подпункт 2) пункта 2 статьи 2 настоящего Закона.",
         [("подпункт 2) пункта 2 статьи 2", ["art_2__para_2__subpara_2"])]),
        ("См. пп. 1) п. 2 ст. 2.", [("пп. 1) п. 2 ст. 2", ["art_2__para_2__subpara_1"])]),
        ("См. п. 1 ст. 2.", [("п. 1 ст. 2", ["art_2__para_1"])]),
        ("В соответствии со статьями 1 и 3 настоящего Закона.", [("статьями 1 и 3", ["art_1", "art_3"])]),
        ("См. пункт 2 настоящей статьи.", [("пункт 2 настоящей статьи", ["art_2__para_2"])]),
        ("См. подпункт 2) статьи 1.", [("подпункт 2) статьи 1", ["art_1__subpara_2"])]),
        ("См. пункт 2 статьи 1.", [("пункт 2 статьи 1", ["art_1__subpara_2"])]),
        ("См. статью 3.", [("статью 3", ["art_3"])]),
        ("См. пункты 1–2 статьи 2.", [("пункты 1–2 статьи 2", ["art_2__para_1", "art_2__para_2"])]),
        ("См. пункт 9 статьи 2.", [("пункт 9 статьи 2", [])]),
        ("Согласно статье 5 Кодекса Республики об административных правонарушениях.", []),
        ("Согласно статье 29 Конституции.", []),
        ("Согласно статье 3 Закона «О средствах массовой информации».", []),
        ("Без ссылок, в пунктуальном порядке.", []),
    ],
)
def test_russian_references(sentence, expected):
    assert _refs(RU_DRAFT, sentence, "ru") == expected


def test_headings_are_not_references():
    draft = parse_text(EN_DRAFT.format(sentence="Nothing."), "en")
    assert draft.cross_references == []


def test_russian_headings_are_not_references():
    draft = parse_text(RU_DRAFT.format(sentence="Ничего."), "ru")
    assert draft.cross_references == []
