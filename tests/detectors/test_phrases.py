"""The phrase syntax: what a phrase compiles to, and what it matches in real clauses."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from checker.detectors.phrases import PhraseError, compile_phrase, compile_phrases, describe, expand_phrase
from checker.nlp import get_pipeline


def _matches(lang: str, phrase: str, text: str) -> list[str]:
    nlp = get_pipeline(lang)
    matcher = Matcher(nlp.vocab, validate=True)
    matcher.add("p", compile_phrases(phrase, nlp, lang), greedy="LONGEST")
    doc = nlp(text)
    return [doc[s:e].text for _, s, e in matcher(doc)]


@pytest.mark.parametrize("lang,phrase,text,expected", [
    ("en", "permission of the ... body", "only with the permission of the local executive body.",
     ["permission of the local executive body"]),
    ("en", "permission|approval", "after approvals are granted", ["approvals"]),
    ("en", "assembly", "Assemblies are held", ["Assemblies"]),
    ("en", "=shall not", "shall not be held", ["shall not"]),
    ("en", "only? in special place", "held in special places", ["in special places"]),
    ("en", "only? in special place", "held only in special places", ["only in special places"]),
    ("en", "#num participant", "fewer than 250 participants", ["250 participants"]),
    ("en", "sound-amplifying equipment", "without sound-amplifying equipment", ["sound-amplifying equipment"]),
    ("en", "permission of the ... body", "permission of the\nlocal executive body", []),
    ("en", "(may not|shall not) be held", "the rally shall not be held", ["shall not be held"]),
    ("en", "(may not|shall not) be held", "the rally shall be held", []),
    ("en", "(take part|attend) in", "foreigners may not take part in assemblies", ["take part in"]),
    ("ru", "(не может|не вправе) проводиться", "собрание не может проводиться", ["не может проводиться"]),
    ("ru", "с разрешения местного исполнительного органа", "только с разрешения местного исполнительного органа",
     ["с разрешения местного исполнительного органа"]),
    ("ru", "разрешение|согласование", "после согласования уведомления", ["согласования"]),
    ("ru", "пятикратн*", "в пятикратном размере", ["пятикратном"]),
    ("ru", "соразмерн*|пропорциональн*", "наказание должно быть соразмерно вреду", ["соразмерно"]),
    ("ru", "специализированный место", "только в специализированных местах", ["специализированных местах"]),
])
def test_phrase_matches(lang, phrase, text, expected):
    assert _matches(lang, phrase, text) == expected


@pytest.mark.parametrize("phrase", ["", "... permission", "permission ...", "sound-amplifying|loud", "permit*|approval"])
def test_malformed_phrases_are_refused(phrase):
    with pytest.raises(PhraseError):
        compile_phrase(phrase, get_pipeline("en"), "en")


def test_raw_token_patterns_pass_through():
    raw = [{"LOWER": "akimat"}]
    assert compile_phrase(raw, get_pipeline("en"), "en") is raw


@pytest.mark.parametrize("phrase,variants", [
    ("(may not|shall not) be held", ["may not be held", "shall not be held"]),
    ("(a b|c) x (d|e f)", ["a b x d", "a b x e f", "c x d", "c x e f"]),
    ("permission|consent of", ["permission|consent of"]),
])
def test_groups_expand_into_plain_phrases(phrase, variants):
    assert expand_phrase(phrase) == variants


def test_groups_are_described_as_alternatives():
    assert describe("(may not|shall not) be held") == "“(may not / shall not) be held”"


def test_too_many_variants_are_refused():
    with pytest.raises(PhraseError):
        expand_phrase(" ".join("(a b|c d)" for _ in range(7)))


def _book_matches(lang: str, phrase: str, text: str) -> list[str]:
    """What the engine's PhraseBook (the first-word index) finds of ``phrase`` in ``text``."""
    from checker.detectors import PhraseBook

    nlp = get_pipeline(lang)
    book = PhraseBook(nlp, lang)
    book.add("p", phrase)
    doc = nlp(text)
    return [text[m.start:m.end] for m in book.match(doc)]


@pytest.mark.parametrize("lang,phrase,text,expected", [
    # the first variant needs "engage", absent from the text: the second must still be tried
    ("en", "(any person|free to) may? ...2 (engage|practise)", "Any person may practise journalism.",
     ["Any person may practise"]),
    ("en", "(any person|free to) may? ...2 (engage|practise)", "Everyone is free to engage in journalism.",
     ["free to engage"]),
    ("en", "(any person|free to) may? ...2 (engage|practise)", "Any person may write.", []),
    ("ru", "(не может|не вправе) проводиться", "собрание не вправе проводиться", ["не вправе проводиться"]),
])
def test_every_variant_of_a_group_is_tried_in_the_engines_index(lang, phrase, text, expected):
    assert _book_matches(lang, phrase, text) == expected == _matches(lang, phrase, text)


@pytest.mark.parametrize("lang,phrase,text,expected", [
    ("en", "must re-register|renew", "every union must re-register each year", ["must re-register"]),
    ("en", "must re-register|renew", "every union must renew its statute", ["must renew"]),
    ("en", "non-registered|unregistered union", "a non-registered union may not act", ["non-registered union"]),
    ("en", "must re-register|renew", "every union must register", []),
    ("ru", "какой-либо|любой орган", "без согласования с каким-либо органом", ["каким-либо органом"]),
])
def test_a_hyphenated_word_may_stand_among_alternatives(lang, phrase, text, expected):
    assert _book_matches(lang, phrase, text) == expected == _matches(lang, phrase, text)
