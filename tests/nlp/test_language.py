"""Language of drafts and of their blocks: English, Russian, and Kazakh refused."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.ingest import load_text
from checker.nlp.language import (
    detect_block_languages,
    detect_language,
    mixed,
    other_language_blocks,
    text_language,
    validate_language,
)
from checker.pipeline import build_report, parse_draft

KAZAKH = (
    "Бейбіт жиналыстарды ұйымдастыру және өткізу тәртібі туралы. Ұйымдастырушы жергілікті "
    "атқарушы органға жиналыс өткізілетін күнге дейін бес жұмыс күнінен кешіктірмей хабарлама береді."
)
RUSSIAN = (
    "Организатор собрания не позднее чем за пять рабочих дней до дня его проведения подает "
    "уведомление в местный исполнительный орган."
)
ENGLISH = (
    "The organiser shall submit a notification to the local executive body not later than five "
    "working days before the day of the assembly."
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Article 5", "en"),
        ("fine", "en"),
        ("штраф", "ru"),
        ("Статья 5", "ru"),
        ("On peaceful assemblies", "en"),
        ("О мирных собраниях", "ru"),
        (ENGLISH, "en"),
        (RUSSIAN, "ru"),
        # a Russian sentence naming the republic in Kazakh spelling stays Russian
        ("Акимат города Алматы и полиция Республики Қазақстан обеспечивают порядок на собрании.", "ru"),
        # mixed: the language with more letters wins
        (ENGLISH + " Организатор.", "en"),
        ("The organiser. " + RUSSIAN, "ru"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        KAZAKH,
        "Қазақстан Республикасының Заңы\n" + KAZAKH,
        KAZAKH + "\nСтатья 1. Организатор.",  # mostly Kazakh, one Russian line
    ],
)
def test_a_kazakh_draft_is_refused_with_a_clear_error(text):
    with pytest.raises(InputError) as caught:
        detect_language(text)
    assert "Kazakh" in caught.value.message
    assert "Russian version" in caught.value.accepted and "--lang" not in caught.value.accepted


@pytest.mark.parametrize("named", ["ru", "en"])
def test_naming_a_language_does_not_let_a_kazakh_draft_through(named):
    """Read with the Russian rules, a Kazakh permit clause gives a clean-looking report."""
    with pytest.raises(InputError, match="Kazakh"):
        parse_draft(load_text(KAZAKH + "\n" + KAZAKH), named)


def test_naming_a_language_still_reads_a_russian_draft_with_a_kazakh_line():
    draft = parse_draft(load_text(KAZAKH + "\n" + RUSSIAN + "\n" + RUSSIAN + "\n" + RUSSIAN), "ru")
    assert draft.language == "ru"


def test_a_mostly_russian_draft_with_a_kazakh_line_is_russian():
    assert detect_language(KAZAKH + "\n" + RUSSIAN + "\n" + RUSSIAN + "\n" + RUSSIAN) == "ru"


@pytest.mark.parametrize("text", ["", "  \n", "12.05.2020 — 15:00", "§ 5 (1)"])
def test_a_text_without_letters_is_refused(text):
    with pytest.raises(InputError, match="no letters"):
        detect_language(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Article 5", "en"),
        ("штраф", "ru"),
        ("жиналыс ұйымдастырушы", "kk"),
        (KAZAKH, "kk"),
        (RUSSIAN, "ru"),
        ("1) 2)", None),
    ],
)
def test_text_language(text, expected):
    assert text_language(text) == expected


def _document(lines: list[str]):
    return load_text("\n".join(lines), name="mixed.txt")


def test_each_block_gets_its_language_and_short_blocks_inherit():
    document = _document(
        [
            "Article 1",  # short: takes the language of the next long block
            ENGLISH,
            "Статья 1",  # short, between English and Russian: belongs to what follows
            RUSSIAN,
            "1)",  # short, between Russian and Kazakh: the next block
            KAZAKH,
            "Signed",  # short, last: the block before
        ]
    )
    assert len(document.blocks) == 7
    assert detect_block_languages(document) == ["en", "en", "ru", "ru", "kk", "kk", "kk"]


def test_a_short_block_between_two_blocks_of_one_language_keeps_it():
    document = _document([RUSSIAN, "Article 5", RUSSIAN])
    assert detect_block_languages(document) == ["ru", "ru", "ru"]


def test_only_short_blocks_are_judged_one_by_one():
    document = _document(["Article 5", "fine", "штраф", "1)"])
    assert detect_block_languages(document) == ["en", "en", "ru", "en"]


@pytest.mark.parametrize(
    "languages, main, is_mixed, others",
    [
        (["en", "en", "en"], "en", False, 0),
        (["en", "ru", "en"], "en", True, 1),
        (["ru", "kk", "kk", "ru"], "ru", True, 2),
        (["ru"], "en", True, 1),
        ([], "en", False, 0),
    ],
)
def test_mixed_and_other_language_blocks(languages, main, is_mixed, others):
    assert mixed(languages, main) is is_mixed
    assert other_language_blocks(languages, main) == others


def test_mixed_without_a_main_language_needs_two_languages():
    assert mixed(["en", "ru"]) is True
    assert mixed(["ru", "ru"]) is False


def test_the_report_counts_blocks_in_another_language():
    document = _document(["Article 1. Notification", ENGLISH, RUSSIAN, ENGLISH])
    report = build_report(parse_draft(document))
    assert report.draft.language == "en"
    assert report.draft.other_language_blocks == 1


def test_a_draft_in_one_language_has_no_other_language_blocks():
    document = _document(["Article 1. Notification", ENGLISH])
    assert build_report(parse_draft(document)).draft.other_language_blocks == 0


@pytest.mark.parametrize("code, ok", [("en", True), ("ru", True), ("kk", False), ("auto", False), ("EN", False)])
def test_validate_language(code, ok):
    if ok:
        assert validate_language(code) == code
    else:
        with pytest.raises(InputError, match="unsupported language"):
            validate_language(code)
