"""Articles written on one line: the words after the number are the article's text when
nothing else follows, or when they open it with a colon or a long sentence; a short title
stays a heading, with or without a full stop."""

from __future__ import annotations

import pytest

from checker.engine import build_units

from .helpers import parse_text


def _own_texts(text: str, language: str) -> dict[str, str]:
    """``{eId: the words a detector reads for that leaf}``."""
    draft = parse_text(text, language)
    return {unit.provision.eid: " ".join(draft.text[s.start:s.end] for s in unit.segments) for unit in build_units(draft)}


@pytest.mark.parametrize(
    "text, language, eid, heading, read",
    [
        # one line each, nothing below: the sentence is the article
        ("Article 1. Holding a rally requires the permission of the akimat.\n"
         "Article 2. Organisers shall apply at least 15 days before the rally.\n",
         "en", "art_1", None, "requires the permission of the akimat"),
        ("Статья 1. Проведение митинга допускается только с разрешения акимата.\n"
         "Статья 2. Организатор подаёт заявление за пятнадцать дней.\n",
         "ru", "art_2", None, "за пятнадцать дней"),
        # a lead-in ending with a colon opens the text of its subparagraphs
        ("Article 5. The organiser shall not be obliged to:\n1) wear a distinguishing sign;\n"
         "2) report the sources of funding.\n",
         "en", "art_5__subpara_1", None, "The organiser shall not be obliged to"),
        # a long sentence on the number's line, paragraphs below
        ("Article 6. A peaceful assembly may be held in any public place accessible to everyone, "
         "subject to the conditions set out below.\n1. Notice shall be given five days ahead.\n",
         "en", "art_6__para_1", None, "in any public place accessible to everyone"),
    ],
)
def test_the_words_after_the_number_are_read_as_text(text, language, eid, heading, read):
    draft = parse_text(text, language)
    article = next(p for p in draft.walk() if p.kind == "article" and eid.startswith(p.eid))
    assert article.heading == heading
    assert read in _own_texts(text, language)[eid]


@pytest.mark.parametrize(
    "text, language, heading, not_read",
    [
        ("Article 7. Rights and duties of the organiser.\n1. The organiser may choose the place.\n",
         "en", "Rights and duties of the organiser", "Rights and duties"),
        ("Article 7. Rights and duties of the organiser\n1. The organiser may choose the place.\n",
         "en", "Rights and duties of the organiser", "Rights and duties"),
        ("Статья 7. Права и обязанности организатора\n1. Организатор вправе выбрать место.\n",
         "ru", "Права и обязанности организатора", "Права и обязанности"),
    ],
)
def test_a_title_stays_a_heading_and_is_not_read_as_text(text, language, heading, not_read):
    draft = parse_text(text, language)
    article = next(p for p in draft.walk() if p.kind == "article")
    assert article.heading == heading
    assert all(not_read not in words for words in _own_texts(text, language).values())
