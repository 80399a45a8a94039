"""Building the per-language spaCy pipelines.

Both pipelines are blank (tokenizer only, no trained weights) plus three components:

* ``legal_sentences`` sets ``token.is_sent_start`` where :func:`checker.nlp.sentences.sentence_bounds`
  ends sentences, so ``doc.sents`` does not break after "Art." or "ст.";
* ``legal_lemma`` writes a lower-cased lemma into ``token.lemma_`` and ``token.norm_``;
* ``legal_quantities`` stores the quantities of the text in ``doc._.quantities``
  (see :mod:`checker.nlp.quantities`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language as SpacyLanguage
from spacy.tokens import Doc

from checker.errors import InputError
from checker.models import Language
from checker.nlp.language import validate_language

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


@lru_cache(maxsize=1)
def _english_table():
    """spacy-lookups-data's English lemma table (a spaCy ``Table``: ``get(word, default)``)."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


# words whose entry in the lookup table would merge them with another word, or is missing
_EN_OVERRIDES = {"as": "as", "media": "media", "data": "data", "'s": "'s"}


@lru_cache(maxsize=200_000)
def _lemma_en(lower: str) -> str:
    if lower in _EN_OVERRIDES:
        return _EN_OVERRIDES[lower]
    table = _english_table()
    lemma = table.get(lower)
    if lemma is not None:
        return lemma
    # plurals missing from the table ("bloggers", "livestreams"): strip the ending when the
    # singular is a known word or the word is plainly a regular plural
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 3:
        return lower[:-1]
    return lower


@lru_cache(maxsize=200_000)
def _lemma_ru(lower: str) -> str:
    lower = lower.replace("ё", "е")
    if not any("\u0400" <= ch <= "\u04ff" for ch in lower):
        return lower
    parse = _morph().parse(lower)[0]
    if parse.tag.POS in {"PRTF", "PRTS"}:
        # participles keep their own lemma ("специализированный", not "специализировать"),
        # so that every form of them, adjectival or verbal in the dictionary, meets in one norm
        nominative = parse.inflect({"masc", "sing", "nomn"} if parse.tag.POS == "PRTF" else {"masc", "sing"})
        if nominative is not None:
            return nominative.word.replace("ё", "е")
    lemma = parse.normal_form.replace("ё", "е")
    if parse.tag.POS in {"VERB", "INFN", "GRND"} and lemma.endswith(("ться", "чься", "тись")):
        # reflexive and plain verbs meet in one norm: "запрещается" and "запрещать" both
        # say that something is prohibited
        lemma = lemma[:-2]
    return lemma


def lemmatize_word(word: str, lang: Language) -> str:
    """Lower-cased lemma of one word in ``lang``: "Assemblies" → "assembly", "дней" → "день"."""
    lower = word.lower()
    return _lemma_ru(lower) if lang == "ru" else _lemma_en(lower)


_MONTHS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"})


def _next_to_number(doc: Doc, i: int) -> bool:
    """Whether the token before or after ``doc[i]`` (spaces skipped) is a number."""
    for j in (i - 1, i + 1):
        while 0 <= j < len(doc) and doc[j].is_space:
            j += -1 if j < i else 1
        if 0 <= j < len(doc) and doc[j].like_num:
            return True
    return False


@SpacyLanguage.factory("legal_lemma", default_config={"lang": "en"})
def _make_legal_lemma(nlp: SpacyLanguage, name: str, lang: str):
    lemma = _lemma_ru if lang == "ru" else _lemma_en

    def legal_lemma(doc: Doc) -> Doc:
        for token in doc:
            if token.is_space:
                continue
            value = lemma(token.lower_)
            if lang == "en" and token.text in _MONTHS and _next_to_number(doc, token.i):
                value = f"{token.lower_} (month)"  # "31 March", "May 2025": a date, not a march or "may"
            token.lemma_ = value
            token.norm_ = value
        return doc

    return legal_lemma


@SpacyLanguage.factory("legal_quantities", default_config={"lang": "en"})
def _make_legal_quantities(nlp: SpacyLanguage, name: str, lang: str):
    from checker.nlp.quantities import extract_quantities

    def legal_quantities(doc: Doc) -> Doc:
        doc._.quantities = extract_quantities(doc, lang)  # type: ignore[arg-type]
        return doc

    return legal_quantities


@SpacyLanguage.factory("legal_sentences", default_config={"lang": "en"})
def _make_legal_sentences(nlp: SpacyLanguage, name: str, lang: str):
    from checker.nlp.sentences import sentence_bounds

    def legal_sentences(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        bounds = sentence_bounds(doc.text, lang)  # type: ignore[arg-type]
        # one array write: setting token.is_sent_start one by one re-checks the whole doc
        starts = numpy.full(len(doc), -1, dtype="int64")
        starts[0] = 1
        i = 0
        for k, token in enumerate(doc):
            if k == 0:
                continue
            # the first word at or after a bound opens a sentence; white space stays behind
            if not token.is_space:
                while i < len(bounds) and bounds[i] <= token.idx:
                    starts[k] = 1
                    i += 1
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
        return doc

    return legal_sentences


_PACKAGE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{0,99}$")


def require_trained(name: str) -> None:
    """Check that ``name`` is an installed spaCy pipeline package ("en_core_web_sm").

    Raises :class:`checker.errors.InputError` naming the package when it is not installed
    (a trained pipeline is optional: rightscheck's own blank pipelines need none).
    """
    if not _PACKAGE_NAME.match(name or "") or not spacy.util.is_package(name):
        raise InputError(
            f"the spaCy pipeline package {name!r} is not installed",
            "a trained pipeline is optional: install it with pip (e.g. en_core_web_sm), "
            "or leave out --pipeline to use rightscheck's own",
        )


def get_pipeline(lang: Language, trained: str | None = None) -> SpacyLanguage:
    """The process-wide pipeline for ``lang`` ("en" or "ru"), built on first use.

    ``trained`` names an installed trained spaCy package (e.g. "en_core_web_sm") to use
    instead of the blank pipeline; rightscheck's ``legal_lemma`` and ``legal_quantities`` are
    added after its own components, so ``token.norm_`` is still rightscheck's lemma and every
    rule matches as with the blank pipeline (``legal_sentences`` is added when the package
    does not split sentences itself).

    Raises:
        InputError: another language code; a ``trained`` package that is not installed, or
            that is for another language.
    """
    return _pipeline(lang, trained)


@lru_cache(maxsize=None)
def _pipeline(lang: Language, trained: str | None) -> SpacyLanguage:
    validate_language(lang)
    if trained is not None:
        return _trained(lang, trained)
    nlp = spacy.blank(lang)
    nlp.max_length = 6_000_000
    nlp.add_pipe("legal_sentences", config={"lang": lang})
    nlp.add_pipe("legal_lemma", config={"lang": lang})
    nlp.add_pipe("legal_quantities", config={"lang": lang})
    return nlp


def _trained(lang: Language, name: str) -> SpacyLanguage:
    require_trained(name)
    nlp = spacy.load(name)
    if nlp.lang != lang:
        raise InputError(
            f"the spaCy pipeline {name!r} reads {nlp.lang!r} texts, but the draft is in {lang!r}",
            f"give a pipeline for {lang!r}, or leave out --pipeline",
        )
    nlp.max_length = 6_000_000
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("legal_sentences", config={"lang": lang}, first=True)
    nlp.add_pipe("legal_lemma", config={"lang": lang}, last=True)
    nlp.add_pipe("legal_quantities", config={"lang": lang}, last=True)
    return nlp
