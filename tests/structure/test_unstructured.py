"""Texts without articles or sections: one provision per sentence, abbreviations kept whole."""

from __future__ import annotations

import pytest

from checker.structure import find_by_label, leaves
from checker.structure.sentences import split_sentences

from .helpers import parse_text, quote

EXCERPT = (
    "The organiser shall notify the akimat, i.e. the local executive body, ten days in advance. "
    "Assemblies near state buildings are prohibited!\n"
    "Is a permit required? The akimat decides, cf. Art. 5 of the Law.\n"
)


def test_sentences_become_provisions():
    draft = parse_text(EXCERPT, "en")
    assert draft.structured is False
    assert [p.eid for p in draft.provisions] == ["sent_1", "sent_2", "sent_3", "sent_4"]
    assert [quote(draft, p) for p in draft.provisions] == [
        "The organiser shall notify the akimat, i.e. the local executive body, ten days in advance.",
        "Assemblies near state buildings are prohibited!",
        "Is a permit required?",
        "The akimat decides, cf. Art. 5 of the Law.",
    ]
    first = draft.provisions[0]
    assert (first.kind, first.num, first.label, first.label_local) == ("sentence", "1", "Sentence 1", None)
    assert leaves(draft) == draft.provisions
    assert find_by_label(draft, "Sentence 3").eid == "sent_3"
    assert draft.definitions == [] and draft.title is None


def test_russian_sentences_have_russian_labels():
    draft = parse_text("Собрания запрещены, т.е. не допускаются. Согласно ст. 5 и п. 2 ч. 1 г. Алматы решает.", "ru")
    assert [quote(draft, p) for p in draft.provisions] == [
        "Собрания запрещены, т.е. не допускаются.",
        "Согласно ст. 5 и п. 2 ч. 1 г. Алматы решает.",
    ]
    assert draft.provisions[1].label_local == "Предложение 2"


def test_references_in_unstructured_text_have_no_targets():
    draft = parse_text("The organiser acts under paragraph 2 of Article 9 of this Law.", "en")
    assert [(r.text, r.source_eid, r.target_eids) for r in draft.cross_references] == [
        ("paragraph 2 of Article 9", "sent_1", []),
    ]


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("One. Two.", ["One.", "Two."]),
        ("See Art. 5 and No. 3 here. Next.", ["See Art. 5 and No. 3 here.", "Next."]),
        ("E.g. pickets, etc. are covered. Then more.", ["E.g. pickets, etc. are covered.", "Then more."]),
        ("Signed by A. Smith today. Done.", ["Signed by A. Smith today.", "Done."]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("Ends with a quote.» Next one.", ["Ends with a quote.»", "Next one."]),
        ("см. п. 4 ст. 4 и пп. 2 т.е. так. Далее.", ["см. п. 4 ст. 4 и пп. 2 т.е. так.", "Далее."]),
        ("2020 г. был трудным. Да.", ["2020 г. был трудным.", "Да."]),
        ("  \n\n", []),
    ],
)
def test_sentence_splitter(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


@pytest.mark.parametrize(
    "text",
    [
        "1. The organiser shall notify the akimat.\n2. The akimat shall reply.",
        "Chapter one of the story. It has no articles.",
        "(1) A person may assemble.\n(2) The police may not interfere.",
    ],
)
def test_numbered_lists_without_article_or_section_headings_are_unstructured(text):
    assert parse_text(text).structured is False
