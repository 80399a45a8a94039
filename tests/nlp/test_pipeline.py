"""The per-language pipelines: built-in blank ones, and optional trained spaCy packages."""

from __future__ import annotations

import itertools

import pytest
import spacy
from click.testing import CliRunner

import checker
from checker.cli import main
from checker.engine import Engine, default_engine
from checker.errors import InputError
from checker.nlp import get_pipeline
from checker.pipeline import engine_with_pipeline

_NAMES = (f"fake_core_{i}" for i in itertools.count())


def _small_engine() -> Engine:
    """An engine over one standard of the bundled catalogue, quick to compile."""
    return Engine(default_engine().catalogue, only={"ASM-NOTIFY-NOT-AUTH"})


@pytest.mark.parametrize(
    "lang, text, norms",
    [
        ("en", "Assemblies require permissions", ["assembly", "require", "permission"]),
        ("ru", "Собрания требуют разрешения", ["собрание", "требовать", "разрешение"]),
    ],
)
def test_the_built_in_pipelines_write_lemmas_into_norm(lang, text, norms):
    doc = get_pipeline(lang)(text)
    assert [t.norm_ for t in doc] == norms
    assert get_pipeline(lang).pipe_names == ["legal_sentences", "legal_lemma", "legal_quantities"]


@pytest.mark.parametrize(
    "text, march_norm",
    [
        ("not later than 31 March each year", "march (month)"),
        ("by March 31", "march (month)"),
        ("from 1 to 15 March 2025", "march (month)"),
        ("any demonstration or march", "march"),
        ("a March through the city", "march"),   # capitalised, but no date beside it
        ("organisers of 3 marches", "march"),    # lower case: the procession, counted
    ],
)
def test_march_next_to_a_day_or_year_is_the_month_not_a_procession(text, march_norm):
    doc = get_pipeline("en")(text)
    (march,) = [t for t in doc if t.lower_.startswith("march")]
    assert march.norm_ == march_norm


@pytest.mark.parametrize(
    "text, word, norm",
    [
        ("not later than 1 May each year", "May", "may (month)"),
        ("The organiser may hold 2 events", "may", "may"),
    ],
)
def test_any_month_beside_a_number_is_a_date(text, word, norm):
    (token,) = [t for t in get_pipeline("en")(text) if t.text == word]
    assert token.norm_ == norm


def test_a_date_in_march_is_no_assembly_context():
    """"31 March" once satisfied a detector's need for an assembly word ("march")."""
    report = checker.check(
        "Article 8. Simplified reporting\n1. A small organisation submits once a year, not later than 31 March, "
        "a simplified report stating only its total income and the number of its members.\n",
        lang="en",
    )
    assert [f.standard_id for f in report.findings if f.standard_id == "ASM-NO-FUNDING-DISCLOSURE"] == []


def test_the_built_in_pipeline_is_built_once():
    assert get_pipeline("en") is get_pipeline("en") is get_pipeline("en", None)


@pytest.mark.parametrize("lang", ["kk", "de", ""])
def test_another_language_is_refused(lang):
    with pytest.raises(InputError, match="unsupported language"):
        get_pipeline(lang)


@pytest.mark.parametrize("name", ["en_core_web_sm_not_installed", "../en_core_web_sm", "", "x" * 120])
def test_a_missing_trained_package_is_named_and_said_to_be_optional(name):
    with pytest.raises(InputError) as caught:
        get_pipeline("en", name)
    assert repr(name) in caught.value.message and "not installed" in caught.value.message
    assert "optional" in caught.value.accepted


def test_check_refuses_a_missing_trained_package():
    with pytest.raises(InputError, match="'ru_core_news_absent' is not installed"):
        checker.check("Статья 1. Организатор обязан уведомить акимат.", pipeline="ru_core_news_absent")


def test_the_cli_refuses_a_missing_trained_package(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Article 1. The organiser shall notify the akimat.", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-q", "-f", "json", "--pipeline", "en_core_web_absent", str(draft)])
    assert result.exit_code == 2
    assert "'en_core_web_absent' is not installed" in result.output
    assert "optional" in result.output


# --------------------------------------------------------------------------- a stand-in trained package


@pytest.fixture
def installed(monkeypatch):
    """Pretend that packages are installed: ``spacy.load`` gives a blank pipeline of the
    package's language ("ru_..." Russian, else English) with a stand-in tagger-like component,
    and records the names it was asked for."""
    loaded: list[str] = []

    def load(name, *args, **kwargs):
        loaded.append(name)
        nlp = spacy.blank("ru" if name.startswith("ru_") else "en")
        nlp.add_pipe("sentencizer")
        return nlp

    monkeypatch.setattr(spacy.util, "is_package", lambda name: True)
    monkeypatch.setattr(spacy, "load", load)
    return loaded


def test_a_trained_package_gets_the_legal_components_last(installed):
    name = next(_NAMES)
    nlp = get_pipeline("en", name)
    assert installed == [name]
    assert nlp.pipe_names == ["sentencizer", "legal_lemma", "legal_quantities"]
    doc = nlp("The organisers shall submit notifications ten days before.")
    assert [t.norm_ for t in doc][:4] == ["the", "organiser", "shall", "submit"]
    assert [q.kind for q in doc._.quantities] == ["period"]
    assert get_pipeline("en", name) is nlp  # loaded once


def test_a_trained_package_without_sentence_splitting_gets_ours(installed, monkeypatch):
    monkeypatch.setattr(spacy, "load", lambda name, *a, **k: spacy.blank("en"))
    nlp = get_pipeline("en", next(_NAMES))
    assert nlp.pipe_names == ["legal_sentences", "legal_lemma", "legal_quantities"]


def test_a_trained_package_for_another_language_is_refused(installed):
    with pytest.raises(InputError, match="reads 'en' texts, but the draft is in 'ru'"):
        get_pipeline("ru", "en_" + next(_NAMES))


def test_check_reads_the_draft_with_the_named_package(installed):
    name = "ru_" + next(_NAMES)
    report = checker.check(
        "Статья 1. Собрания\n1. Проведение собраний допускается только с разрешения акимата.",
        engine=_small_engine(),
        pipeline=name,
    )
    assert installed == [name]
    assert report.draft.language == "ru"
    assert any(f.standard_id == "ASM-NOTIFY-NOT-AUTH" for f in report.findings)


def test_engines_with_a_package_are_made_once_and_keep_the_catalogue(installed):
    base = default_engine()
    name = next(_NAMES)
    engine = engine_with_pipeline(base, name)
    assert engine is engine_with_pipeline(base, name)
    assert engine is not base and engine.catalogue is base.catalogue and engine.pipeline == name
    assert engine_with_pipeline(engine, name) is engine


def test_the_engine_uses_its_package(installed):
    name = next(_NAMES)
    engine = Engine(default_engine().catalogue, only={"ASM-NOTIFY-NOT-AUTH"}, pipeline=name)
    assert engine.setup("en").nlp is get_pipeline("en", name)


def test_the_cli_passes_the_package_name_through(installed, monkeypatch, tmp_path):
    seen = {}
    original = checker.pipeline.check

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return original(*args, engine=_small_engine(), **kwargs)

    monkeypatch.setattr(checker.pipeline, "check", spy)
    draft = tmp_path / "draft.txt"
    draft.write_text("Article 1. Assemblies\n1. Assemblies may be held only with the permission of the akimat.", encoding="utf-8")
    name = next(_NAMES)
    result = CliRunner().invoke(main, ["check", "-q", "-f", "json", "--pipeline", name, str(draft)])
    assert result.exit_code == 0, result.output
    assert seen["pipeline"] == name
    assert installed == [name]
