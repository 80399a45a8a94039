"""The language layer: one spaCy pipeline per language, built once per process, and the
legal readings rightscheck makes of text.

* :func:`get_pipeline` (:mod:`.pipeline`) returns a blank spaCy ``Language`` whose tokens
  carry a lower-cased lemma in ``token.norm_`` (English: the spacy-lookups-data lemma table;
  Russian: the top pymorphy3 parse, cached), whose sentences do not break after legal
  abbreviations (``doc.sents``), and whose docs carry the quantities found in them
  (``doc._.quantities``). Every rule matches on ``NORM``, so a pattern written as
  "permission" also matches "permissions", and "разрешение" matches "разрешения". An
  installed trained spaCy package may be named instead (``get_pipeline("en", "en_core_web_sm")``).
* :func:`detect_language` / :func:`detect_block_languages` (:mod:`.language`): English or
  Russian, Kazakh refused, and the language of each block of a mixed draft.
* :func:`sentence_bounds` (:mod:`.sentences`): where sentences end.
* :func:`find_modalities` (:mod:`.modality`): obligation, prohibition or permission of a
  clause, and the actor bearing it (also ``span._.modalities``).
* :func:`find_terms` / :func:`load_terms` (:mod:`.terms`): the lexicon of vague terms and
  discretionary grants.
* quantities (:mod:`.quantities`): numbers with their units and comparators.
"""

from checker.nlp.language import detect_block_languages, detect_language
from checker.nlp.modality import find_modalities
from checker.nlp.pipeline import get_pipeline, lemmatize_word
from checker.nlp.sentences import sentence_bounds
from checker.nlp.terms import find_terms, load_terms

__all__ = [
    "detect_block_languages",
    "detect_language",
    "find_modalities",
    "find_terms",
    "get_pipeline",
    "lemmatize_word",
    "load_terms",
    "sentence_bounds",
]
