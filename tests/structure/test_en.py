"""The English post-Soviet draft: chapters, articles, paragraphs, subparagraphs, definitions and
cross-references of the reconstructed Kazakhstan 2020 draft and the bundled Arventa draft."""

from __future__ import annotations

import textwrap

import pytest

from checker.structure import ancestors, find_by_label, leaves

from .helpers import parse_text, quote


def test_title_and_preamble(kz_en):
    assert kz_en.structured
    assert kz_en.title == "On the procedure for organising and holding peaceful assemblies in the Republic of Kazakhstan"
    preamble = kz_en.provisions[0]
    assert (preamble.eid, preamble.kind, preamble.label, preamble.label_local) == ("preamble", "preamble", "Preamble", None)
    assert quote(kz_en, preamble).startswith("DRAFT\n\nLAW OF THE REPUBLIC OF KAZAKHSTAN")
    assert quote(kz_en, preamble).endswith("marches and pickets.")


def test_chapters_hold_their_articles(kz_en):
    chapters = [p for p in kz_en.provisions if p.kind == "chapter"]
    assert [c.eid for c in chapters] == ["chp_1", "chp_2", "chp_3", "chp_4", "chp_5"]
    assert chapters[1].heading == "Organisers, participants and other persons"
    assert chapters[1].label == "Chapter 2"
    assert [a.eid for a in chapters[1].children] == ["art_4", "art_5", "art_6"]
    articles = [p for p in kz_en.walk() if p.kind == "article"]
    assert [a.num for a in articles] == [str(n) for n in range(1, 18)]


def test_article_9_paragraph_1_text_and_offsets(kz_en):
    paragraph = find_by_label(kz_en, "Article 9(1)")
    assert paragraph is not None
    assert (paragraph.eid, paragraph.kind, paragraph.num) == ("art_9__para_1", "paragraph", "1")
    expected = (
        "1. A peaceful assembly with fewer than 250 participants shall be held on the basis of a notification "
        "submitted by the organiser to the local executive body not later than ten working days before the day "
        "of the assembly."
    )
    assert paragraph.start == kz_en.text.index(expected)
    assert paragraph.end == paragraph.start + len(expected)
    assert quote(kz_en, paragraph) == expected
    article = kz_en.find("art_9")
    assert article.heading == "Notification of a peaceful assembly"
    assert quote(kz_en, article).startswith("Article 9. Notification of a peaceful assembly\n\n1. A peaceful")
    assert quote(kz_en, article).endswith("propose another place or time.")


def test_definitions_article_hangs_subparagraphs_under_the_article(kz_en):
    article = find_by_label(kz_en, "Article 1")
    assert article.heading == "Basic concepts used in this Law"
    assert [c.eid for c in article.children] == [f"art_1__subpara_{n}" for n in range(1, 7)]
    assert [c.label for c in article.children][:2] == ["Article 1(1)", "Article 1(2)"]
    own = [kz_en.text[s:e].strip() for s, e in article.own_segments() if kz_en.text[s:e].strip()]
    assert own == ["Article 1. Basic concepts used in this Law\n\nThe following basic concepts are used in this Law:"]


def test_definitions(kz_en):
    terms = [(d.term, d.provision_eid) for d in kz_en.definitions]
    assert terms == [
        ("peaceful assembly", "art_1__subpara_1"),
        ("participant of a peaceful assembly", "art_1__subpara_2"),
        ("special place for peaceful assemblies", "art_1__subpara_3"),
        ("organiser of a peaceful assembly", "art_1__subpara_4"),
        ("distinguishing sign of the organiser", "art_1__subpara_5"),
        ("picket", "art_1__subpara_6"),
    ]
    picket = kz_en.definitions[-1]
    assert picket.meaning == (
        "the public expression of views by one or more citizens, without marching and without the use of "
        "sound-amplifying equipment"
    )
    assert kz_en.text[picket.start : picket.end] == f"picket - {picket.meaning}"


def test_article_without_paragraphs_is_one_leaf(kz_en):
    article = find_by_label(kz_en, "Article 13")
    assert article.children == []
    assert article in leaves(kz_en)
    assert quote(kz_en, article).endswith("and such an assembly shall be terminated.")


def test_nested_subparagraph_label_and_ancestors(kz_en):
    item = find_by_label(kz_en, "Article 4(2)(5)")
    assert item.eid == "art_4__para_2__subpara_5"
    assert item.kind == "subparagraph"
    assert quote(kz_en, item).startswith("5) report to the local executive body")
    assert [p.eid for p in ancestors(kz_en, item.eid)] == ["chp_2", "art_4", "art_4__para_2"]
    chapeau = kz_en.find("art_4__para_2")
    own = [kz_en.text[s:e].strip() for s, e in chapeau.own_segments()]
    assert [segment for segment in own if segment] == ["2. The organiser shall:"]


def test_leaves_are_the_checkable_provisions_in_order(kz_en):
    found = leaves(kz_en)
    eids = [p.eid for p in found]
    assert eids[:3] == ["preamble", "art_1__subpara_1", "art_1__subpara_2"]
    assert "art_4__para_2" not in eids and "art_4__para_2__subpara_1" in eids
    assert not any(p.kind == "chapter" for p in found)
    assert eids[-1] == "art_17"
    assert [p.start for p in found] == sorted(p.start for p in found)
    assert len(found) == 69


@pytest.mark.parametrize(
    "words, source, targets",
    [
        ("paragraph 4 of Article 4", "art_12__para_1__subpara_2", ["art_4__para_4"]),
        ("Articles 9 and 10", "art_4__para_2__subpara_1", ["art_9", "art_10"]),
        ("paragraph 2 of Article 7", "art_8__para_1", ["art_7__para_2"]),
    ],
)
def test_cross_references(kz_en, words, source, targets):
    matches = [r for r in kz_en.cross_references if r.text == words]
    assert len(matches) == 1
    ref = matches[0]
    assert (ref.source_eid, ref.target_eids) == (source, targets)
    assert kz_en.text[ref.start : ref.end] == words


def test_references_to_other_laws_are_left_out(kz_en):
    texts = [r.text for r in kz_en.cross_references]
    assert texts == ["Articles 9 and 10", "paragraph 2 of Article 7", "paragraph 4 of Article 4"]


@pytest.mark.parametrize(
    "label, eid",
    [
        ("Article 9(1)", "art_9__para_1"),
        ("article 9 (1)", "art_9__para_1"),
        ("Art. 12(1)(2)", "art_12__para_1__subpara_2"),
        ("Preamble", "preamble"),
        ("Chapter 3", "chp_3"),
        ("Article 18", None),
        ("Article 9(4)", None),
        ("Article 13(1)", None),
    ],
)
def test_find_by_label(kz_en, label, eid):
    found = find_by_label(kz_en, label)
    assert (found.eid if found else None) == eid


def test_bundled_arventa_draft(arventa_en):
    assert arventa_en.title == "On public events and the procedure for holding them"
    assert [d.term for d in arventa_en.definitions] == [
        "public event", "participant", "organiser", "listed venue", "picket", "organiser's armband",
    ]
    refs = {(r.source_eid, r.text): r.target_eids for r in arventa_en.cross_references}
    assert refs[("art_6__para_1__subpara_3", "Articles 8 and 9")] == ["art_8", "art_9"]
    assert refs[("art_6__para_1__subpara_2", "paragraph 2 of Article 5")] == ["art_5__para_2"]
    assert find_by_label(arventa_en, "Article 10(1)(2)").eid == "art_10__para_1__subpara_2"


@pytest.mark.parametrize(
    "heading_line, eid, heading",
    [
        ("Article 9. Notification", "art_9", "Notification"),
        ("Article 9 - Notification", "art_9", "Notification"),
        ("Article 9 – Notification", "art_9", "Notification"),
        ("Article 9: Notification.", "art_9", "Notification"),
        ("Article 9 Notification", "art_9", "Notification"),
        ("Art. 9. Notification", "art_9", "Notification"),
        ("\u00a0\tArticle 9-1. Notification", "art_9-1", "Notification"),
        ("ARTICLE 9", "art_9", None),
    ],
)
def test_article_heading_forms(heading_line, eid, heading):
    draft = parse_text(f"{heading_line}\n1. The organiser shall notify the akimat.\n")
    article = draft.provisions[0]
    assert (article.eid, article.heading) == (eid, heading)
    assert article.children[0].eid == f"{eid}__para_1"


def test_heading_on_the_line_after_the_number():
    draft = parse_text("Article 9\nNotification of an assembly\n1. The organiser shall notify.\n")
    article = draft.provisions[0]
    assert article.heading == "Notification of an assembly"
    assert [c.eid for c in article.children] == ["art_9__para_1"]


def test_a_line_opening_with_a_reference_is_not_an_article():
    draft = parse_text(
        "Article 1. Scope\n1. This Law applies to assemblies.\n"
        "Article 5 of the Constitution guarantees the right to assemble.\n"
    )
    assert [p.eid for p in draft.provisions] == ["art_1"]
    assert quote(draft, draft.find("art_1__para_1")).endswith("right to assemble.")


def test_repeated_numbers_get_a_suffix():
    draft = parse_text(
        "Article 2. First\n1. One.\n1. One again.\nArticle 2. Second\nText of the second article two.\n"
    )
    assert [p.eid for p in draft.walk()] == ["art_2", "art_2__para_1", "art_2__para_1_2", "art_2_2"]
    assert find_by_label(draft, "Article 2").eid == "art_2"


def test_continuation_and_closing_lines_of_a_list():
    draft = parse_text(
        "Article 3. Duties\n"
        "1. The organiser shall:\n"
        "1) notify the akimat in writing\n"
        "not later than ten days before;\n"
        "2) wear a sign.\n"
        "This list is exhaustive.\n"
        "2. Participants shall obey lawful orders.\n"
    )
    first = draft.find("art_3__para_1__subpara_1")
    assert quote(draft, first) == "1) notify the akimat in writing\nnot later than ten days before;"
    second = draft.find("art_3__para_1__subpara_2")
    assert quote(draft, second) == "2) wear a sign."
    paragraph = draft.find("art_3__para_1")
    assert quote(draft, paragraph).endswith("This list is exhaustive.")
    assert draft.text[paragraph.own_segments()[-1][0] : paragraph.end].strip() == "This list is exhaustive."


@pytest.mark.parametrize("width", [70, 90, 120])
def test_lines_wrapped_as_in_a_pdf_give_the_same_structure(kz_en, width):
    wrapped_text = "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)) if line else line
        for line in kz_en.text.split("\n")
    )
    wrapped = parse_text(wrapped_text, "en")
    assert [(p.eid, p.heading) for p in wrapped.walk()] == [(p.eid, p.heading) for p in kz_en.walk()]
    assert wrapped.title == kz_en.title
    assert [(d.term, d.meaning) for d in wrapped.definitions] == [(d.term, d.meaning) for d in kz_en.definitions]
    assert [(r.text.replace("\n", " "), r.source_eid, r.target_eids) for r in wrapped.cross_references] == [
        (r.text, r.source_eid, r.target_eids) for r in kz_en.cross_references
    ]
