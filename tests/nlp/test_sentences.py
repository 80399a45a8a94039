"""Sentence ends in legal text: abbreviations, numbers and list numbers do not end a sentence."""

from __future__ import annotations

import shutil

import pytest
import yaml

from checker.engine import Engine
from checker.ingest import load_text
from checker.nlp import get_pipeline
from checker.nlp.sentences import sentence_bounds, sentence_spans
from checker.pipeline import parse_draft
from standards.loader import STANDARDS_DIR, load_catalogue


def _sentences(text: str, lang: str, **options) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, lang, **options)]


EN = [
    ("One. Two.", ["One.", "Two."]),
    ("As provided in Art. 5 of this Law. Next.", ["As provided in Art. 5 of this Law.", "Next."]),
    ("See Arts. 5 and 6. Next.", ["See Arts. 5 and 6.", "Next."]),
    ("Decision No. 12 of the akimat applies. Next.", ["Decision No. 12 of the akimat applies.", "Next."]),
    ("Under para. 2 the organiser acts. Next.", ["Under para. 2 the organiser acts.", "Next."]),
    ("Under paras. 2 and 3 the organiser acts. Next.", ["Under paras. 2 and 3 the organiser acts.", "Next."]),
    ("Compare cf. Art. 9 above. Next.", ["Compare cf. Art. 9 above.", "Next."]),
    ("Public places, e.g. squares, are open. Next.", ["Public places, e.g. squares, are open.", "Next."]),
    ("The akimat, i.e. the local executive body, decides. Next.", ["The akimat, i.e. the local executive body, decides.", "Next."]),
    ("As required by s. 4 of the Act. Next.", ["As required by s. 4 of the Act.", "Next."]),
    ("As required by ss. 4 to 6 of the Act. Next.", ["As required by ss. 4 to 6 of the Act.", "Next."]),
    ("Assemblies end by 22.00 hours. Next.", ["Assemblies end by 22.00 hours.", "Next."]),
    ("Paragraph 1.1 applies. Next.", ["Paragraph 1.1 applies.", "Next."]),
    ("1. The organiser shall notify the akimat.", ["1. The organiser shall notify the akimat."]),
    ("2.1. The akimat shall reply. It may not refuse.", ["2.1. The akimat shall reply.", "It may not refuse."]),
    ("1) the organiser's name;\n2) the route.", ["1) the organiser's name;", "2) the route."]),
    ("Signed by A. Smith today. Done.", ["Signed by A. Smith today.", "Done."]),
    ("Is a permit required? No. The akimat decides!", ["Is a permit required?", "No.", "The akimat decides!"]),
    ("It was adopted on 12.05.2020. It applies now.", ["It was adopted on 12.05.2020.", "It applies now."]),
    ("Assemblies are prohibited.» Next one.", ["Assemblies are prohibited.»", "Next one."]),
    ("Article 5. Notification\nThe organiser notifies.", ["Article 5.", "Notification", "The organiser notifies."]),
    ("Line one\nLine two", ["Line one", "Line two"]),
]

RU = [
    ("Одно. Два.", ["Одно.", "Два."]),
    ("Согласно ст. 5 настоящего Закона. Далее.", ["Согласно ст. 5 настоящего Закона.", "Далее."]),
    ("В соответствии с п. 2 решает аким. Далее.", ["В соответствии с п. 2 решает аким.", "Далее."]),
    ("Указанные в пп. 1 и 2 лица. Далее.", ["Указанные в пп. 1 и 2 лица.", "Далее."]),
    ("Согласно ч. 3 ст. 9 Закона. Далее.", ["Согласно ч. 3 ст. 9 Закона.", "Далее."]),
    ("Собрания запрещены, т.е. не допускаются. Далее.", ["Собрания запрещены, т.е. не допускаются.", "Далее."]),
    ("Пикеты, митинги и т.д. Организатор уведомляет.", ["Пикеты, митинги и т.д. Организатор уведомляет."]),
    ("В г. Алматы собрания проводятся. Далее.", ["В г. Алматы собрания проводятся.", "Далее."]),
    ("В 2019–2020 гг. Закон не применялся. Далее.", ["В 2019–2020 гг. Закон не применялся.", "Далее."]),
    ("Партии, объединения и др. Организации вправе.", ["Партии, объединения и др. Организации вправе."]),
    ("Собрание заканчивается до 22.00 часов. Далее.", ["Собрание заканчивается до 22.00 часов.", "Далее."]),
    ("Пункт 1.1 применяется. Далее.", ["Пункт 1.1 применяется.", "Далее."]),
    ("1. Организатор уведомляет акимат.", ["1. Организатор уведомляет акимат."]),
    ("3.2. Акимат отвечает. Он не вправе отказать.", ["3.2. Акимат отвечает.", "Он не вправе отказать."]),
    ("1) фамилия организатора;\n2) маршрут.", ["1) фамилия организатора;", "2) маршрут."]),
    ("Закон принят 12.05.2020. Он вступает в силу.", ["Закон принят 12.05.2020.", "Он вступает в силу."]),
    ("см. п. 4 ст. 4 и пп. 2 т.е. так. Далее.", ["см. п. 4 ст. 4 и пп. 2 т.е. так.", "Далее."]),
    ("Собрание запрещено! Почему? Так решил суд.", ["Собрание запрещено!", "Почему?", "Так решил суд."]),
    ("Подпись: И. Петров. Дата.", ["Подпись: И. Петров.", "Дата."]),
    ("Статья 5. Уведомление\nОрганизатор уведомляет.", ["Статья 5.", "Уведомление", "Организатор уведомляет."]),
]


@pytest.mark.parametrize("text, expected", EN)
def test_english_sentences(text, expected):
    assert _sentences(text, "en") == expected


@pytest.mark.parametrize("text, expected", RU)
def test_russian_sentences(text, expected):
    assert _sentences(text, "ru") == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("The organiser shall: notify the akimat; inform the police.", "en",
         ["The organiser shall:", "notify the akimat;", "inform the police."]),
        ("Организатор обязан: уведомить акимат; сообщить в полицию.", "ru",
         ["Организатор обязан:", "уведомить акимат;", "сообщить в полицию."]),
        ("Time 22:00 and ratio 1;2 stay whole.", "en", ["Time 22:00 and ratio 1;2 stay whole."]),
        ("Under Art. 5: the akimat decides.", "en", ["Under Art. 5:", "the akimat decides."]),
    ],
)
def test_clauses_also_end_at_semicolons_and_colons(text, lang, expected):
    assert _sentences(text, lang, clauses=True) == expected


def test_without_clauses_semicolons_do_not_end_a_sentence():
    assert _sentences("The organiser shall: notify the akimat; inform the police.", "en") == [
        "The organiser shall: notify the akimat; inform the police."
    ]


@pytest.mark.parametrize(
    "text, bounds",
    [
        ("One. Two.", [4]),
        ("One.\nTwo.", [5]),  # the line break closes the sentence
        ("Art. 5 applies.\n", [16]),
        ("", []),
        ("no end", []),
    ],
)
def test_bounds_are_offsets_past_each_end(text, bounds):
    assert sentence_bounds(text, "en") == bounds


@pytest.mark.parametrize(
    "lang, text, count",
    [
        ("en", "The fee is 5 руб. Далее.", 2),  # a Russian abbreviation is not read in English
        ("ru", "Сбор составляет 5 руб. Далее.", 1),
        (None, "Сбор составляет 5 руб. Далее.", 1),
        ("ru", "См. No. 5 Закона. Далее.", 2),  # Latin abbreviations are read in Russian
        ("en", "See No. 5 of the Law. Next.", 2),
    ],
)
def test_abbreviations_follow_the_language(lang, text, count):
    assert len(sentence_spans(text, lang)) == count


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("en", "1. The organiser, cf. Art. 5, shall notify.\n2. Under s. 4 the akimat replies. It may refuse.",
         ["1. The organiser, cf. Art. 5, shall notify.", "2. Under s. 4 the akimat replies.", "It may refuse."]),
        ("ru", "Согласно ст. 5 и п. 2 ч. 1 Закона, т.е. в г. Алматы, собрание проводится. Организатор обязан уведомить.",
         ["Согласно ст. 5 и п. 2 ч. 1 Закона, т.е. в г. Алматы, собрание проводится.", "Организатор обязан уведомить."]),
    ],
)
def test_the_pipelines_mark_the_same_sentences(lang, text, expected):
    doc = get_pipeline(lang)(text)
    assert [sentence.text.strip() for sentence in doc.sents] == expected


def test_an_empty_text_passes_through_the_pipeline():
    assert list(get_pipeline("en")("").sents) == []


# --------------------------------------------------------------------------- the engine


def _catalogue(root):
    (root / "catalogue").mkdir(parents=True)
    shutil.copy(STANDARDS_DIR / "sources.yaml", root / "sources.yaml")
    standard = {
        "id": "TST-SENTENCE-SCOPE",
        "title": "Bans tied to a place in the same sentence",
        "domain": "assembly",
        "principle": "A principle written for the tests of sentence-scoped conditions.",
        "citations": [{"source": "HRC-GC37", "paragraphs": ["55"], "verified": True}],
        "severity": "medium",
        "status": "verified",
        "recommendation": "Replace the blanket ban with a rule that weighs each assembly.",
        "compliant_alternative": "A rule that weighs each assembly.",
        "detectors": [
            {"kind": "pattern", "id": "ban-near-square", "lang": "en", "scope": "sentence",
             "match": ["prohibit"], "with": [["square"]],
             "explanation": "A blanket ban on assemblies in a place is rarely proportionate."},
        ],
    }
    (root / "catalogue" / "TST-SENTENCE-SCOPE.yaml").write_text(yaml.safe_dump(standard), encoding="utf-8")
    return load_catalogue(root)


@pytest.mark.parametrize(
    "text, flagged",
    [
        # "Art." does not end the sentence: the square and the ban are in one sentence
        ("Article 1. Places\nAs set out in Art. 5 of the Code, assemblies on the square are prohibited.", True),
        ("Article 1. Places\nAssemblies on the square are prohibited.", True),
        # a real sentence end keeps them apart
        ("Article 1. Places\nThe square is public. Assemblies at night are prohibited.", False),
    ],
)
def test_the_engine_reads_sentences_past_abbreviations(tmp_path, text, flagged):
    engine = Engine(_catalogue(tmp_path))
    draft = parse_draft(load_text(text, name="test draft"), "en")
    assert bool(engine.run(draft)) is flagged
