"""The language layer: one spaCy pipeline per language, built once per process.

``get_pipeline(lang)`` returns a blank spaCy ``Language`` whose tokens carry a lower-cased
lemma in ``token.norm_`` (English: the spacy-lookups-data lemma table; Russian: the top
pymorphy3 parse, cached) and whose docs carry the quantities found in them
(``doc._.quantities``). Every rule matches on ``NORM``, so a pattern written as "permission"
also matches "permissions", and "разрешение" matches "разрешения".
"""

from checker.nlp.pipeline import get_pipeline, lemmatize_word
from checker.nlp.language import detect_language

__all__ = ["get_pipeline", "lemmatize_word", "detect_language"]
