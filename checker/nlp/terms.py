"""The lexicon of vague terms and discretionary grants (``terms.yaml`` beside this module).

``load_terms()`` reads and validates the lexicon; :func:`find_terms` finds its phrases in a
text; :func:`term_steps` turns the terms quoted by a finding into explanation steps, which
the engine appends to findings of the standards the terms concern:

    “discrediting” is a vague term (category: reputation of the State and its officials) that
    the cited standards require to be defined narrowly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from checker.errors import InputError
from checker.models import Language

TERMS_FILE = Path(__file__).with_name("terms.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TermCategory(_Strict):
    """A group of terms: ``kind`` vague or discretionary, and a ``label`` for reports."""

    kind: Literal["vague", "discretionary"]
    label: str = Field(min_length=3)


class Term(_Strict):
    """One entry of the lexicon.

    Attributes:
        category: a key of :attr:`Lexicon.categories`.
        lang: "en" or "ru".
        phrase: in the phrase syntax of :mod:`checker.detectors.phrases`.
        standards: ids of the standards whose findings this term concerns.
    """

    category: str
    lang: Language
    phrase: str = Field(min_length=2)
    standards: list[str] = Field(min_length=1)


class Lexicon(_Strict):
    """The whole lexicon: categories by key, and the terms."""

    categories: dict[str, TermCategory]
    terms: list[Term]

    @model_validator(mode="after")
    def _known_categories(self) -> "Lexicon":
        for term in self.terms:
            if term.category not in self.categories:
                raise ValueError(f"term {term.phrase!r} names an unknown category {term.category!r}")
        return self

    def of(self, lang: Language | None = None) -> list[Term]:
        """The terms of ``lang`` (all terms for None), in file order."""
        return [t for t in self.terms if lang is None or t.lang == lang]


class TermHit(BaseModel):
    """A lexicon term found in a text: the term, its category and the words at ``[start, end)``."""

    term: Term
    category: TermCategory
    start: int
    end: int
    text: str


class TermsError(InputError):
    """The terms lexicon is malformed; the message names the file and the problem."""

    code = "bad-terms"


def load_terms(path: Path | str | None = None) -> Lexicon:
    """Read and validate the lexicon (default: the bundled ``checker/nlp/terms.yaml``).

    Raises:
        TermsError: the file is missing, is not YAML, or breaks the schema.
    """
    if path is None:
        return _default_lexicon()
    return _read(Path(path))


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return _read(TERMS_FILE)


def _read(path: Path) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TermsError(f"cannot read the terms lexicon {path}: {exc.strerror}", "a YAML file of categories and terms") from None
    except yaml.YAMLError as exc:
        raise TermsError(f"the terms lexicon {path} is not valid YAML: {exc}", "a YAML file of categories and terms") from None
    try:
        return Lexicon.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        raise TermsError(f"the terms lexicon {path} is malformed: {problems}", "see the comment at the top of terms.yaml") from None


@lru_cache(maxsize=2)
def _matcher(lang: Language):
    """A spaCy Matcher holding every term of ``lang`` under its index in the lexicon."""
    from spacy.matcher import Matcher

    from checker.detectors.phrases import compile_phrases
    from checker.nlp.pipeline import get_pipeline

    nlp = get_pipeline(lang)
    matcher = Matcher(nlp.vocab)
    for index, term in enumerate(_default_lexicon().terms):
        if term.lang == lang:
            matcher.add(str(index), compile_phrases(term.phrase, nlp, lang), greedy="LONGEST")
    return nlp, matcher


def find_terms(text: str, lang: Language) -> list[TermHit]:
    """The lexicon terms of ``lang`` found in ``text``, in text order (offsets into ``text``).

    Overlapping hits of different terms are all kept.
    """
    nlp, matcher = _matcher(lang)
    # only the lemmas are needed: skip sentence marking and quantities
    doc = nlp.get_pipe("legal_lemma")(nlp.make_doc(text))
    lexicon = _default_lexicon()
    hits = []
    for match_id, start, end in matcher(doc):
        term = lexicon.terms[int(nlp.vocab.strings[match_id])]
        span = doc[start:end]
        hits.append(
            TermHit(term=term, category=lexicon.categories[term.category], start=span.start_char, end=span.end_char, text=span.text)
        )
    hits.sort(key=lambda h: (h.start, -h.end))
    return hits


def term_step(hit: TermHit) -> str:
    """The explanation step for one term quoted by a finding."""
    words = " ".join(hit.text.split())
    if hit.category.kind == "vague":
        return (
            f"“{words}” is a vague term (category: {hit.category.label}) that the cited standards "
            "require to be defined narrowly."
        )
    return (
        f"“{words}” leaves the decision to official discretion (category: {hit.category.label}); the cited "
        "standards require the law itself to set the grounds and criteria."
    )


@lru_cache(maxsize=4096)
def _steps(quote: str, lang: Language, standard_id: str) -> tuple[str, ...]:
    hits = [hit for hit in find_terms(quote, lang) if standard_id in hit.term.standards]
    # overlapping hits of one category make one term: "knowingly false" + "false information"
    merged: list[TermHit] = []
    for hit in hits:
        same = next((m for m in merged if m.term.category == hit.term.category and hit.start < m.end and m.start < hit.end), None)
        if same is None:
            merged.append(hit)
            continue
        start, end = min(same.start, hit.start), max(same.end, hit.end)
        merged[merged.index(same)] = same.model_copy(update={"start": start, "end": end, "text": quote[start:end]})
    return tuple(term_step(hit) for hit in merged)


def term_steps(quotes: list[str], lang: Language, standard_id: str) -> list[str]:
    """Explanation steps for the lexicon terms in a finding's quoted words.

    Only terms that concern ``standard_id`` count; each step appears once, in quote order.
    """
    steps: list[str] = []
    for quote in quotes:
        for step in _steps(quote, lang, standard_id):
            if step not in steps:
                steps.append(step)
    return steps
