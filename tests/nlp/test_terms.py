"""The lexicon of vague terms and discretionary grants, its command, and the steps it adds."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.detectors.phrases import compile_phrase
from checker.engine import default_engine
from checker.ingest import load_text
from checker.nlp import get_pipeline
from checker.nlp.terms import TermsError, find_terms, load_terms, term_steps
from checker.pipeline import parse_draft
from standards.loader import default_catalogue

LEXICON = load_terms()


def test_every_term_compiles_and_cites_known_standards():
    catalogue = default_catalogue()
    for term in LEXICON.terms:
        assert compile_phrase(term.phrase, get_pipeline(term.lang), term.lang)
        unknown = [s for s in term.standards if s not in catalogue.standards]
        assert unknown == [], f"{term.phrase}: unknown standards {unknown}"


def test_both_languages_have_both_kinds():
    kinds = {(t.lang, LEXICON.categories[t.category].kind) for t in LEXICON.terms}
    assert kinds == {("en", "vague"), ("en", "discretionary"), ("ru", "vague"), ("ru", "discretionary")}


@pytest.mark.parametrize(
    "text, lang, found",
    [
        ("activities qualified as extremism by the prosecutor", "en", [("extremism", "extremism")]),
        ("calls aimed at discrediting State bodies", "en", [("discrediting", "reputation")]),
        ("contrary to public morals", "en", [("public morals", "morals")]),
        ("inciting social discord", "en", [("discord", "discord")]),
        ("dissemination of false information", "en", [("false information", "false-information")]),
        ("threats to stability and traditional values", "en", [("stability", "stability"), ("traditional values", "stability")]),
        ("at the discretion of the akim", "en", [("at the discretion of", "official-discretion")]),
        ("in the procedure determined by the authorised body", "en",
         [("procedure determined by the authorised body", "delegated-rules")]),
        ("The assembly shall be held in the square.", "en", []),
        ("the organiser discloses the information", "en", []),
        ("признанных экстремистскими материалов", "ru", [("экстремистскими", "extremism")]),
        ("возбуждение социальной розни", "ru", [("розни", "discord")]),
        ("дискредитирующих государственные органы", "ru", [("дискредитирующих", "reputation")]),
        ("против общественной нравственности", "ru", [("нравственности", "morals")]),
        ("распространение заведомо ложной информации", "ru",
         [("заведомо ложной", "false-information"), ("ложной информации", "false-information")]),
        ("в иных случаях, предусмотренных законодательством", "ru",
         [("в иных случаях", "open-grounds"), ("иных случаях, предусмотренных законодательством", "open-grounds")]),
        ("по усмотрению акима", "ru", [("по усмотрению", "official-discretion")]),
        ("в порядке, определяемом уполномоченным органом", "ru",
         [("порядке, определяемом уполномоченным органом", "delegated-rules")]),
        ("Собрание проводится на площади.", "ru", []),
        ("информация о собрании публикуется", "ru", []),
    ],
)
def test_find_terms(text, lang, found):
    assert [(h.text, h.term.category) for h in find_terms(text, lang)] == found


@pytest.mark.parametrize(
    "quotes, lang, standard, steps",
    [
        (["inciting social discord"], "en", "EXP-VAGUE-DISCORD-OFFENCE",
         ["“discord” is a vague term (category: social discord) that the cited standards require to be defined narrowly."]),
        # a term concerns only the standards it names
        (["inciting social discord"], "en", "ASM-NOTIFY-PERIOD", []),
        (["распространение заведомо ложной информации"], "ru", "EXP-FALSE-INFORMATION",
         ["“заведомо ложной информации” is a vague term (category: false information) that the cited standards "
          "require to be defined narrowly."]),
        (["в иных случаях", "в иных случаях"], "ru", "X-LEGALITY-PRECISION",
         ["“в иных случаях” leaves the decision to official discretion (category: open-ended grounds); the cited "
          "standards require the law itself to set the grounds and criteria."]),
        (["ten working days"], "en", "X-LEGALITY-PRECISION", []),
    ],
)
def test_term_steps(quotes, lang, standard, steps):
    assert term_steps(quotes, lang, standard) == steps


@pytest.mark.parametrize(
    "text, lang, standard, term",
    [
        ("Article 1. Offences\n1. Inciting social, national or class discord is punishable by imprisonment.",
         "en", "EXP-VAGUE-DISCORD-OFFENCE", "“discord” is a vague term"),
        ("Статья 1. Правонарушения\n1. Возбуждение социальной, национальной или сословной розни наказывается лишением свободы.",
         "ru", "EXP-VAGUE-DISCORD-OFFENCE", "“розни” is a vague term"),
    ],
)
def test_the_engine_explains_vague_terms_in_findings(text, lang, standard, term):
    findings = default_engine().run(parse_draft(load_text(text, name="draft"), lang))
    finding = next(f for f in findings if f.standard_id == standard)
    assert any(step.startswith(term) for step in finding.explanation)
    others = [f for f in findings if f.standard_id not in {s for t in LEXICON.terms for s in t.standards}]
    assert all("vague term" not in step for f in others for step in f.explanation)


def test_a_malformed_lexicon_is_a_clear_error(tmp_path):
    bad = tmp_path / "terms.yaml"
    bad.write_text("categories: {}\nterms:\n  - {category: nope, lang: en, phrase: x y, standards: [X-A]}\n", encoding="utf-8")
    with pytest.raises(TermsError, match="unknown category 'nope'"):
        load_terms(bad)
    with pytest.raises(TermsError, match="cannot read"):
        load_terms(tmp_path / "missing.yaml")
    bad.write_text("categories: [", encoding="utf-8")
    with pytest.raises(TermsError, match="not valid YAML"):
        load_terms(bad)


@pytest.mark.parametrize(
    "args, present, absent",
    [
        (["terms", "list"], ["extremism|extremist", "рознь"], []),
        (["terms", "list", "--lang", "ru"], ["рознь", "в иной|другой случай"], ["extremism|extremist"]),
        (["terms", "list", "--lang", "en", "--category", "discord"], ["discord"], ["рознь", "extremism|extremist"]),
    ],
)
def test_terms_list_command(args, present, absent):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for text in present:
        assert text in result.output
    for text in absent:
        assert text not in result.output


def test_terms_list_refuses_an_unknown_category():
    result = CliRunner().invoke(main, ["terms", "list", "--category", "nope"])
    assert result.exit_code == 2
    assert "no category 'nope'" in result.output
