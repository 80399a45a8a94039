"""The similarity detector on a small hand-made catalogue of two standards.

The catalogue is written into a temporary folder (the bundled ``sources.yaml`` and two
standards), so these tests do not depend on which bundled standards carry similarity detectors.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
import yaml

from checker.detectors import similarity
from checker.engine import Engine
from checker.errors import StandardsError
from checker.examples import run_examples
from checker.ingest import load_text
from checker.pipeline import parse_draft
from standards.loader import STANDARDS_DIR, load_catalogue

# --------------------------------------------------------------------------- the catalogue

PERMIT_EXAMPLES = {
    "flag": [
        {"lang": "en", "text": "A meeting or street procession may take place only once the city administration "
                               "has granted its written permission to the organisers."},
        {"lang": "en", "text": "The organisers shall obtain the consent of the local executive authority before "
                               "any rally or picket is held."},
        {"lang": "ru", "text": "Собрание или шествие может проводиться только после получения организаторами "
                               "письменного разрешения городской администрации."},
        {"lang": "ru", "text": "Организаторы обязаны получить согласие местного исполнительного органа до "
                               "проведения любого митинга или пикета."},
    ],
    "no_flag": [
        {"lang": "en", "text": "The organisers shall inform the city administration of a planned meeting five "
                               "days in advance; no permission of any authority is needed."},
        {"lang": "en", "text": "A notice of a street procession is registered on the day it is received and "
                               "the procession may proceed as planned."},
        {"lang": "ru", "text": "Организаторы уведомляют городскую администрацию о собрании за пять дней; "
                               "разрешение какого-либо органа не требуется."},
    ],
}

FOOTAGE_EXAMPLES = {
    "flag": [
        {"lang": "en", "text": "Police officers may confiscate the cameras and recordings of persons who film "
                               "a public event or the officers on duty there."},
        {"lang": "ru", "text": "Сотрудники полиции вправе изымать фотоаппараты и записи у лиц, ведущих съемку "
                               "публичного мероприятия или действий сотрудников."},
    ],
    "no_flag": [
        {"lang": "en", "text": "Everyone may photograph, film and record a public event, including the actions "
                               "of the police officers on duty there."},
        {"lang": "ru", "text": "Каждый вправе фотографировать и снимать публичное мероприятие, в том числе "
                               "действия сотрудников полиции."},
    ],
}


def _detector(lang: str, **options) -> dict:
    spec = {
        "kind": "similarity",
        "id": "close-to-examples",
        "lang": lang,
        "threshold": 0.4,
        "margin": 0.05,
        "explanation": "The provision reads like a clause that makes an assembly depend on permission.",
    }
    spec.update(options)
    return spec


def _standard(standard_id: str, title: str, detectors: list[dict], examples: dict) -> dict:
    return {
        "id": standard_id,
        "title": title,
        "domain": "assembly",
        "principle": "A principle written for the tests of the similarity detector.",
        "citations": [{"source": "HRC-GC37", "paragraphs": ["70"], "verified": True}],
        "severity": "high",
        "status": "verified",
        "recommendation": "Replace the rule with one that respects the principle.",
        "compliant_alternative": "A rule that respects the principle.",
        "detectors": detectors,
        "examples": examples,
    }


def make_catalogue(root: Path, permit_detectors: list[dict], footage_detectors: list[dict] | None = None):
    """A catalogue folder holding the bundled sources and the two test standards; loaded."""
    (root / "catalogue").mkdir(parents=True)
    shutil.copy(STANDARDS_DIR / "sources.yaml", root / "sources.yaml")
    standards = [
        _standard("TST-SIM-PERMIT", "Assemblies need no permission", permit_detectors, PERMIT_EXAMPLES),
        _standard("TST-SIM-FOOTAGE", "Recording an assembly is free", footage_detectors or [], FOOTAGE_EXAMPLES),
    ]
    for data in standards:
        (root / "catalogue" / f"{data['id']}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return load_catalogue(root)


@pytest.fixture(scope="module")
def tfidf_engine(tmp_path_factory):
    catalogue = make_catalogue(tmp_path_factory.mktemp("tfidf"), [_detector("en"), _detector("ru")])
    return Engine(catalogue)


def _draft(text: str, lang: str):
    return parse_draft(load_text(text, name="test draft"), lang)


def _findings(engine: Engine, text: str, lang: str):
    return [f for f in engine.run(_draft(text, lang)) if f.detector.startswith("similarity")]


# --------------------------------------------------------------------------- drafts

EN_DRAFT = """Article 1. Purpose
This Law governs the holding of public events.

Article 2. Holding of events
1. A march or a meeting can be held solely after the administration of the city has issued a written permission to the organisers.
2. The organisers shall inform the city administration of the planned meeting five days in advance; no permission of any authority is required.
3. This Law enters into force ten calendar days after the day of its first official publication.
"""

RU_DRAFT = """Статья 1. Цель
Настоящий Закон регулирует проведение публичных мероприятий.

Статья 2. Проведение мероприятий
1. Митинг или шествие проводится лишь при наличии у организаторов письменного разрешения, выданного администрацией города.
2. Организаторы уведомляют администрацию города о собрании за пять дней; разрешение какого-либо органа не требуется.
3. Настоящий Закон вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования.
"""


@pytest.mark.parametrize("lang,draft,label,flagged", [
    ("en", EN_DRAFT, "Article 2(1)", True),    # permission in other words: close to the flag examples
    ("en", EN_DRAFT, "Article 2(2)", False),   # notification: closer to a no_flag example
    ("en", EN_DRAFT, "Article 2(3)", False),   # entry into force: close to nothing
    ("en", EN_DRAFT, "Article 1", False),
    ("ru", RU_DRAFT, "Article 2(1)", True),
    ("ru", RU_DRAFT, "Article 2(2)", False),
    ("ru", RU_DRAFT, "Article 2(3)", False),
    ("ru", RU_DRAFT, "Article 1", False),
])
def test_provisions_close_to_flag_examples_are_flagged(tfidf_engine, lang, draft, label, flagged):
    labels = {f.provision.label for f in _findings(tfidf_engine, draft, lang)}
    assert (label in labels) == flagged, labels


@pytest.mark.parametrize("lang,draft,quoted,example", [
    ("en", EN_DRAFT, "A march or a meeting can be held solely after the administration of the city has issued a "
                     "written permission to the organisers.", "A meeting or street procession may take place"),
    ("ru", RU_DRAFT, "Митинг или шествие проводится лишь при наличии у организаторов письменного разрешения, "
                     "выданного администрацией города.", "Собрание или шествие может проводиться"),
])
def test_a_similarity_finding_quotes_the_provision_and_names_its_example(tfidf_engine, lang, draft, quoted, example):
    (finding,) = [f for f in _findings(tfidf_engine, draft, lang) if f.provision.label == "Article 2(1)"]
    assert finding.standard_id == "TST-SIM-PERMIT"
    assert finding.confidence <= 0.5
    assert [s.quote for s in finding.spans] == ["1. " + quoted]
    explanation = " ".join(finding.explanation)
    assert "similarity-based" in explanation
    assert example in explanation
    assert "similarity 0." in explanation and "threshold 0.40" in explanation
    assert "margin" in explanation


@pytest.mark.parametrize("margin,labels", [
    (0.0, {"Article 2(1)"}),   # 2(2) passes the threshold but is closer to a no_flag example
    (0.9, set()),              # 2(1) is closer to a flag example, but not by this much
])
def test_the_margin_over_the_no_flag_examples_decides(tmp_path, margin, labels):
    engine = Engine(make_catalogue(tmp_path, [_detector("en", threshold=0.1, margin=margin)]))
    assert {f.provision.label for f in _findings(engine, EN_DRAFT, "en")} == labels


@pytest.mark.parametrize("threshold,flagged", [(0.4, True), (0.95, False)])
def test_the_threshold_bounds_the_closeness(tmp_path, threshold, flagged):
    engine = Engine(make_catalogue(tmp_path, [_detector("en", threshold=threshold)]))
    assert bool(_findings(engine, EN_DRAFT, "en")) == flagged


def test_the_vectorizer_is_fitted_once_per_language_on_every_standards_examples(tfidf_engine):
    space = tfidf_engine.setup("en").book.example_space
    _findings(tfidf_engine, EN_DRAFT, "en")
    vectorizer = space.vectorizer()
    _findings(tfidf_engine, EN_DRAFT.replace("written", "prior"), "en")
    assert space.vectorizer() is vectorizer
    vocabulary = vectorizer.vocabulary_
    assert "confi" in vocabulary      # from the footage standard, which has no similarity detector
    assert "permi" in vocabulary
    assert not any("разр" in gram for gram in vocabulary)  # Russian examples fit the Russian space
    assert tfidf_engine.setup("ru").book.example_space.vectorizer() is not vectorizer


def test_the_vectorizer_is_fitted_lazily(tmp_path):
    engine = Engine(make_catalogue(tmp_path, [_detector("en")]))
    space = engine.setup("en").book.example_space
    assert space._vectorizer is None
    _findings(engine, EN_DRAFT, "en")
    assert space._vectorizer is not None


def test_the_standards_own_examples_pass(tfidf_engine):
    results = run_examples(tfidf_engine.catalogue, only="TST-SIM-PERMIT", engine=tfidf_engine)
    assert results and all(r.passed for r in results)


def test_definitions_and_preamble_are_not_compared_by_default(tmp_path):
    text = (
        "Preamble\nA meeting or street procession may take place only once the city administration has granted "
        "its written permission to the organisers.\n\nArticle 1. Scope\nThis Law governs public events.\n"
    )
    engine = Engine(make_catalogue(tmp_path, [_detector("en")]))
    wide = Engine(make_catalogue(tmp_path / "wide", [_detector("en", include_preamble=True)]))
    draft = _draft(text, "en")
    if not any(p.kind == "preamble" for p in draft.walk()):
        pytest.skip("the structure parser reads no preamble here")
    assert [f for f in engine.run(draft) if f.detector.startswith("similarity")] == []
    assert [f for f in wide.run(draft) if f.detector.startswith("similarity")]


@pytest.mark.parametrize("options,problem", [
    ({"confidence": 0.8}, "less than or equal to 0.5"),
    ({"cross_lingual": True}, "cross_lingual needs method: encoder"),
    ({"method": "embeddings"}, "'tfidf' or 'encoder'"),
    ({"threshold": 0}, "greater than 0"),
])
def test_bad_similarity_specs_are_refused_with_the_field_named(tmp_path, options, problem):
    with pytest.raises(StandardsError) as raised:
        make_catalogue(tmp_path, [_detector("en", **options)])
    assert problem in str(raised.value)
    assert "TST-SIM-PERMIT" in str(raised.value)


def test_a_missing_encoder_leaves_the_detector_silent_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(similarity, "encoder_available", lambda: False)
    engine = Engine(make_catalogue(tmp_path, [_detector("en", method="encoder", threshold=0.1, margin=0.0)]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _findings(engine, EN_DRAFT, "en") == []
    assert any(issubclass(w.category, similarity.SimilarityUnavailable) and "TST-SIM-PERMIT" in str(w.message)
               for w in caught)


# --------------------------------------------------------------------------- the optional encoder

needs_encoder = pytest.mark.skipif(not similarity.encoder_available(), reason="the [encoder] extra is not installed")


def _english_examples_only(catalogue):
    examples = catalogue.standards["TST-SIM-PERMIT"].examples
    examples.flag = [e for e in examples.flag if e.lang == "en"]
    examples.no_flag = [e for e in examples.no_flag if e.lang == "en"]
    return catalogue


@needs_encoder
@pytest.mark.parametrize("label,flagged", [("Article 2(1)", True), ("Article 2(2)", False), ("Article 2(3)", False)])
def test_the_encoder_reads_russian_provisions_against_english_examples(tmp_path, label, flagged):
    catalogue = _english_examples_only(make_catalogue(
        tmp_path, [_detector("ru", method="encoder", cross_lingual=True, threshold=0.5, margin=0.05)]
    ))
    findings = _findings(Engine(catalogue), RU_DRAFT, "ru")
    assert (label in {f.provision.label for f in findings}) == flagged
    for finding in findings:
        assert "an example in English" in " ".join(finding.explanation)
        assert "sentence encoder" in " ".join(finding.explanation)


@needs_encoder
def test_without_cross_lingual_the_encoder_keeps_to_the_drafts_language(tmp_path):
    catalogue = _english_examples_only(make_catalogue(
        tmp_path, [_detector("ru", method="encoder", threshold=0.5, margin=0.05)]
    ))
    assert _findings(Engine(catalogue), RU_DRAFT, "ru") == []


def test_a_standard_without_examples_in_the_drafts_language_gets_no_similarity_finding(tmp_path):
    catalogue = make_catalogue(tmp_path, [_detector("en")])
    for standard in catalogue.standards.values():  # no English example left anywhere
        standard.examples.flag = [e for e in standard.examples.flag if e.lang == "ru"]
        standard.examples.no_flag = [e for e in standard.examples.no_flag if e.lang == "ru"]
    assert _findings(Engine(catalogue), EN_DRAFT, "en") == []
