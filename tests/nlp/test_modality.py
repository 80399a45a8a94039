"""Deontic modality and actors of clauses, and the pattern detector's modality/actor filter."""

from __future__ import annotations

import shutil
from typing import get_args

import pytest
import yaml
from pydantic import ValidationError

from checker.engine import Engine
from checker.ingest import load_text
from checker.nlp import get_pipeline
from checker.nlp.modality import ACTORS, MODALITY_KINDS, describe, find_actors, find_modalities, modalities_in
from checker.pipeline import parse_draft
from standards.loader import STANDARDS_DIR, load_catalogue
from standards.model import ActorName, PatternDetector


def _read(text: str, lang: str) -> list[tuple[str, bool, str | None]]:
    return [(m.kind, m.negated, m.actor) for m in find_modalities(text, lang)]


EN = [
    ("The organiser shall notify the local executive body in writing.", [("obligation", False, "organiser")]),
    ("Participants must leave the venue when the assembly ends.", [("obligation", False, "participant")]),
    ("The organiser is obliged to ensure public order.", [("obligation", False, "organiser")]),
    ("Political parties are required to publish their accounts.", [("obligation", False, "party")]),
    ("Participants shall not obstruct traffic.", [("prohibition", True, "participant")]),
    ("Journalists may not film the police.", [("prohibition", True, "journalist")]),
    ("No person may carry weapons at an assembly.", [("prohibition", True, "everyone")]),
    ("Assemblies near the buildings of courts are prohibited.", [("prohibition", False, None)]),
    ("It is forbidden for participants to cover their faces.", [("prohibition", False, "participant")]),
    ("Spontaneous assemblies cannot be held.", [("prohibition", True, None)]),
    ("A trade union does not have the right to strike.", [("prohibition", True, "trade_union")]),
    ("The police shall have no right to detain journalists.", [("prohibition", True, "police")]),
    ("Foreign citizens are not permitted to organise assemblies.", [("prohibition", True, "everyone")]),
    ("The akimat may refuse to register the notification.", [("permission", False, "authority")]),
    ("Everyone has the right to take part in peaceful assemblies.", [("permission", False, "everyone")]),
    ("Journalists are entitled to attend any assembly.", [("permission", False, "journalist")]),
    ("The organiser is not required to obtain permission.", [("permission", True, "organiser")]),
    ("No one shall be compelled to belong to an association.", [("permission", True, "everyone")]),
    ("The court shall have the right to suspend the association.", [("permission", False, "court")]),
    ("The notification shall be submitted by the organiser.", [("obligation", False, "organiser")]),
    # the actor is the subject, not a noun after a preposition
    ("The akimat, at the request of the organiser, may change the route.", [("permission", False, "authority")]),
    ("Where the court so orders, the police may end the assembly.", [("permission", False, "police")]),
    ("The organiser of an assembly held by a political party shall pay.", [("obligation", False, "organiser")]),
    # two modalities in one clause, each with its bearer
    ("The organiser shall notify the akimat, and the akimat may propose another place.",
     [("obligation", False, "organiser"), ("permission", False, "authority")]),
    ("The organiser may challenge it in court, which shall rule before the event.",
     [("permission", False, "organiser"), ("obligation", False, "court")]),
    # an agent after the cue bears only the cue before it
    ("Events without a notification are prohibited and shall be dispersed by the police.",
     [("prohibition", False, None), ("obligation", False, "police")]),
    ("The city administration shall publish the list of venues.", [("obligation", False, "authority")]),
    # no modality
    ("The assembly was held on 1 May 2020.", []),
    ("The route of the march runs along the embankment.", []),
    ("as the case may be", []),
]

RU = [
    ("Организатор собрания обязан уведомить местный исполнительный орган.", [("obligation", False, "organiser")]),
    ("Участники собрания должны соблюдать общественный порядок.", [("obligation", False, "participant")]),
    ("Общественное объединение обязано ежегодно отчитываться.", [("obligation", False, "association")]),
    ("Решение о регистрации подлежит опубликованию.", [("obligation", False, None)]),
    ("Для проведения пикета требуется согласование акимата.", [("obligation", False, None)]),
    ("Участникам собрания запрещается скрывать лицо.", [("prohibition", False, "participant")]),
    ("Запрещается участникам собраний иметь при себе оружие.", [("prohibition", False, "participant")]),
    ("Не допускается проведение собраний вблизи зданий суда.", [("prohibition", True, None)]),
    ("Политическая партия не вправе получать иностранное финансирование.", [("prohibition", True, "party")]),
    ("Никто не может быть принужден к вступлению в объединение.", [("prohibition", True, "everyone")]),
    ("Профсоюз не имеет права проводить забастовку.", [("prohibition", True, "trade_union")]),
    ("Участники собрания не должны препятствовать движению транспорта.", [("prohibition", True, "participant")]),
    ("Журналистам запрещено вести съемку.", [("prohibition", False, "journalist")]),
    ("Решение суда не подлежит обжалованию.", [("prohibition", True, None)]),
    ("Местный исполнительный орган вправе предложить иное место.", [("permission", False, "authority")]),
    ("Каждый имеет право на участие в мирных собраниях.", [("permission", False, "everyone")]),
    ("Журналисты имеют право присутствовать на собрании.", [("permission", False, "journalist")]),
    ("Организатор не обязан получать разрешение.", [("permission", True, "organiser")]),
    ("Разрешение на проведение пикета не требуется.", [("permission", True, None)]),
    ("Суд может приостановить деятельность объединения.", [("permission", False, "court")]),
    ("Допускается проведение пикетов одним лицом.", [("permission", False, None)]),
    # the subject is the nominative, not the genitive or instrumental before the cue
    ("Местный исполнительный орган по заявлению организатора вправе изменить маршрут.",
     [("permission", False, "authority")]),
    ("В случае нарушения порядка участниками собрания полиция вправе прекратить собрание.",
     [("permission", False, "police")]),
    # the present tense of a passive verb states a duty; the agent in the instrumental bears it
    ("Собрание проводится в специально отведенных местах.", [("obligation", False, None)]),
    ("Уведомление подается организатором в письменной форме.", [("obligation", False, "organiser")]),
    ("Собрание не проводится в ночное время.", [("prohibition", True, None)]),
    # ... but not in a relative or conditional clause, nor a verb that describes
    ("Собрание, которое проводится на площади, считается законным.", []),
    ("Если собрание проводится ночью, организатор обязан обеспечить освещение.", [("obligation", False, "organiser")]),
    ("Собранием является публичное мероприятие.", []),
    ("Для целей настоящего Закона используются следующие термины:", []),
    # an agent after the cue is looked for only up to the next comma
    ("Собрания запрещаются на расстоянии менее 500 метров от зданий Парламента, Правительства.",
     [("prohibition", False, None)]),
    ("Отказ направляется организатору в письменной форме.", [("obligation", False, "organiser")]),
]


@pytest.mark.parametrize("text, expected", EN)
def test_english_clauses(text, expected):
    assert _read(text, "en") == expected


@pytest.mark.parametrize("text, expected", RU)
def test_russian_clauses(text, expected):
    assert _read(text, "ru") == expected


def test_implicit_duties_are_marked():
    (duty,) = find_modalities("Собрание проводится в специально отведенных местах.", "ru")
    assert duty.implicit is True and duty.cue_text == "проводится"
    (explicit,) = find_modalities("Организатор обязан уведомить акимат.", "ru")
    assert explicit.implicit is False


@pytest.mark.parametrize(
    "text, lang, cue",
    [
        ("Participants shall not obstruct traffic.", "en", "shall not"),
        ("No person may carry weapons.", "en", "No may"),
        ("It is not permitted to film.", "en", "is not permitted"),
        ("The police shall have no right to detain.", "en", "shall have no right"),
        ("Политическая партия не вправе получать средства.", "ru", "не вправе"),
        ("Профсоюз не имеет права бастовать.", "ru", "не имеет права"),
    ],
)
def test_cue_words_and_their_offsets(text, lang, cue):
    (modality,) = find_modalities(text, lang)
    assert modality.cue_text == cue
    assert all(text[c.start : c.end] == c.text for c in modality.cues)
    mention = modality.actor_mention
    assert mention is None or text[mention.start : mention.end] == mention.text


def test_a_span_is_read_with_document_offsets():
    doc = get_pipeline("en")("Article 3. Rights\nThe police may not disperse a peaceful assembly.")
    sentence = list(doc.sents)[-1]
    (modality,) = find_modalities(sentence)
    assert (modality.kind, modality.negated, modality.actor) == ("prohibition", True, "police")
    assert doc.text[modality.cues[0].start : modality.cues[-1].end] == "may not"
    assert doc.text[modality.actor_mention.start : modality.actor_mention.end] == "police"
    assert [m.kind for m in sentence._.modalities] == ["prohibition"]
    assert [m.kind for m in doc._.modalities] == ["prohibition"]


def test_a_text_without_language_is_read_by_script():
    assert [m.kind for m in find_modalities("Организатор обязан уведомить акимат.")] == ["obligation"]
    assert [m.kind for m in find_modalities("The organiser shall notify the akimat.")] == ["obligation"]


def test_modalities_of_pieces_keep_draft_offsets():
    text = "2. The organiser shall:\n1) notify the akimat;\n2) wear a sign."
    lead = (0, text.index("\n"))
    item = (text.index("2) wear"), len(text))
    (modality,) = modalities_in(text, [lead, item], "en")
    assert text[modality.cues[0].start : modality.cues[0].end] == "shall"
    assert modality.actor == "organiser"


@pytest.mark.parametrize(
    "text, lang, actors",
    [
        ("The local executive body and the law enforcement authorities", "en", ["authority", "police"]),
        ("the mass media, trade unions and political parties", "en", ["journalist", "trade_union", "party"]),
        ("public associations, NGOs and judges", "en", ["association", "association", "court"]),
        ("The organiser and the participants", "en", ["organiser", "participant"]),
        ("The court of appeal", "en", ["court"]),
        ("courtesy and partisanship", "en", []),
        ("Местный исполнительный орган и органы внутренних дел", "ru", ["authority", "police"]),
        ("средства массовой информации, профсоюзы и политические партии", "ru", ["journalist", "trade_union", "party"]),
        ("общественные объединения, суд и судьи", "ru", ["association", "court", "court"]),
        ("организаторы и участники", "ru", ["organiser", "participant"]),
        ("судно и судоходство", "ru", []),
    ],
)
def test_actor_lexicon(text, lang, actors):
    assert [m.actor for m in find_actors(text, lang)] == actors


@pytest.mark.parametrize(
    "text, lang, phrase",
    [
        ("Participants shall not obstruct traffic.", "en", "a prohibition (“shall not”) borne by the participant"),
        ("Everyone has the right to assemble.", "en", "a permission (“has the right”) borne by everyone"),
        ("Собрание проводится в отведенных местах.", "ru", "an obligation stated in the present tense (“проводится”)"),
    ],
)
def test_describe(text, lang, phrase):
    (modality,) = find_modalities(text, lang)
    assert describe(modality) == phrase


def test_the_standards_model_names_the_same_actors_and_kinds():
    assert get_args(ActorName) == ACTORS
    assert set(get_args(PatternDetector.model_fields["modality"].annotation.__args__[0])) == set(MODALITY_KINDS)


@pytest.mark.parametrize("field, value", [("modality", ["duty"]), ("actor", ["mayor"])])
def test_an_unknown_modality_or_actor_is_refused(field, value):
    spec = {"kind": "pattern", "id": "x", "lang": "en", "match": ["assembly"], "explanation": "An explanation.", field: value}
    with pytest.raises(ValidationError):
        PatternDetector.model_validate(spec)


# --------------------------------------------------------------------------- the detector filter


def _catalogue(root, detectors):
    (root / "catalogue").mkdir(parents=True)
    shutil.copy(STANDARDS_DIR / "sources.yaml", root / "sources.yaml")
    standard = {
        "id": "TST-MODALITY",
        "title": "Face coverings",
        "domain": "assembly",
        "principle": "A principle written for the tests of the modality filter of patterns.",
        "citations": [{"source": "HRC-GC37", "paragraphs": ["60"], "verified": True}],
        "severity": "medium",
        "status": "verified",
        "recommendation": "Replace the blanket ban with a rule tied to conduct.",
        "compliant_alternative": "A rule tied to conduct.",
        "detectors": detectors,
    }
    (root / "catalogue" / "TST-MODALITY.yaml").write_text(yaml.safe_dump(standard, allow_unicode=True), encoding="utf-8")
    return load_catalogue(root)


def _detector(lang: str, phrase: str, **filters) -> dict:
    return {"kind": "pattern", "id": "face", "lang": lang, "match": [phrase],
            "explanation": "A blanket ban on face coverings is rarely necessary.", **filters}


EN_DRAFT = """Article 1. Participants
1. Participants shall not cover their faces.
2. The organiser shall:
1) mark the route;
2) ask participants to cover their faces in cold weather.
3. The police may ask a person who covers the face to uncover it.
4. Covering the face is common in winter.
"""

RU_DRAFT = """Статья 1. Участники
1. Участникам запрещается скрывать лицо.
2. Организатор обязан:
1) обозначить маршрут;
2) просить участников скрывать лицо в холодную погоду.
3. Полиция вправе попросить лицо, скрывающее лицо, открыть его.
4. Люди часто скрывают лицо зимой.
"""


@pytest.mark.parametrize(
    "lang, phrase, filters, flagged",
    [
        ("en", "cover|covers|covering ... face", {}, ["Article 1(1)", "Article 1(2)(2)", "Article 1(3)", "Article 1(4)"]),
        ("en", "cover|covers|covering ... face", {"modality": ["prohibition"]}, ["Article 1(1)"]),
        ("en", "cover|covers|covering ... face", {"modality": ["obligation"]}, ["Article 1(2)(2)"]),
        ("en", "cover|covers|covering ... face", {"actor": ["police"]}, ["Article 1(3)"]),
        ("en", "cover|covers|covering ... face", {"modality": ["obligation", "permission"], "actor": ["organiser"]},
         ["Article 1(2)(2)"]),
        ("en", "cover|covers|covering ... face", {"modality": ["prohibition"], "actor": ["organiser"]}, []),
        ("ru", "скрывать|скрывающий ... лицо", {}, ["Article 1(1)", "Article 1(2)(2)", "Article 1(3)", "Article 1(4)"]),
        ("ru", "скрывать|скрывающий ... лицо", {"modality": ["prohibition"]}, ["Article 1(1)"]),
        ("ru", "скрывать|скрывающий ... лицо", {"modality": ["obligation"], "actor": ["organiser"]}, ["Article 1(2)(2)"]),
        ("ru", "скрывать|скрывающий ... лицо", {"actor": ["police"]}, ["Article 1(3)"]),
        ("ru", "скрывать|скрывающий ... лицо", {"actor": ["participant"]}, ["Article 1(1)"]),
    ],
)
def test_the_pattern_detector_keeps_matches_whose_clause_has_the_modality(tmp_path, lang, phrase, filters, flagged):
    engine = Engine(_catalogue(tmp_path, [_detector(lang, phrase, **filters)]))
    draft = parse_draft(load_text(EN_DRAFT if lang == "en" else RU_DRAFT, name="draft"), lang)
    findings = engine.run(draft)
    assert [f.provision.label for f in findings] == flagged
    if filters and findings:
        assert any(step.startswith("The clause of these words states") for step in findings[0].explanation)
