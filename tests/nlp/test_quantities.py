"""Quantities read from English and Russian legal phrases: kind, comparator, value, unit."""

from __future__ import annotations

import pytest

from checker.nlp import get_pipeline

EN = [
    ("with fewer than 250 participants", "participants", "<", 250, "participant", None),
    ("with 250 or more participants", "participants", ">=", 250, "participant", None),
    ("gatherings of not more than fifty persons", "participants", "<=", 50, "participant", None),
    ("at least one hundred citizens", "participants", ">=", 100, "participant", None),
    ("more than two thousand people", "participants", ">", 2000, "participant", None),
    ("not later than ten working days before the day of the assembly", "period", ">=", 10, "working_day", "before"),
    ("no later than 15 days before the event", "period", ">=", 15, "day", "before"),
    ("at least 48 hours in advance", "period", ">=", 48, "hour", "before"),
    ("within five working days of registering the notification", "period", "<=", 5, "working_day", "within"),
    ("within 48 hours", "period", "<=", 48, "hour", "within"),
    ("ten calendar days after the day of its first official publication", "period", "=", 10, "calendar_day", "after"),
    ("administrative arrest for up to twenty days", "duration", "<=", 20, "day", None),
    ("imprisonment for up to seven years", "duration", "<=", 7, "year", None),
    ("suspension for three months", "duration", "=", 3, "month", None),
    ("a fine of two hundred monthly calculation indices", "fine", "=", 200, "mci", None),
    ("a fine of up to 50 MCI", "fine", "<=", 50, "mci", None),
    ("ten minimum wages", "fine", "=", 10, "minimum_wage", None),
    ("five times the amount previously in force", "multiplier", "=", 5, "times", None),
    ("a fivefold increase", "multiplier", "=", 5, "times", None),
    ("fines are tripled", "multiplier", "=", 3, "times", None),
    ("less than eight hundred metres from the buildings", "distance", "<", 800, "metre", None),
    ("within 50 metres of a school", "distance", "<=", 50, "metre", None),
    ("more than 20% of its income", "percentage", ">", 20, "percent", None),
    ("above HUF 7.2 million per year", "money", ">", 7_200_000, "HUF", None),
    ("a fine of 5,000 tenge", "money", "=", 5000, "KZT", None),
    ("twenty-four hours", "duration", "=", 24, "hour", None),
    ("two hundred and fifty participants", "participants", "=", 250, "participant", None),
]

RU = [
    ("численностью менее 250 участников", "participants", "<", 250, "participant", None),
    ("численностью 250 и более участников", "participants", ">=", 250, "participant", None),
    ("не менее 250 человек", "participants", ">=", 250, "participant", None),
    ("свыше ста человек", "participants", ">", 100, "participant", None),
    ("не более пятидесяти граждан", "participants", "<=", 50, "participant", None),
    ("не позднее чем за десять рабочих дней до дня проведения", "period", ">=", 10, "working_day", "before"),
    ("не позднее чем за пятнадцать рабочих дней до дня", "period", ">=", 15, "working_day", "before"),
    ("в течение пяти рабочих дней со дня регистрации уведомления", "period", "<=", 5, "working_day", "within"),
    ("в течение сорока восьми часов", "period", "<=", 48, "hour", "within"),
    ("по истечении десяти календарных дней после дня", "period", "=", 10, "calendar_day", "after"),
    ("административный арест на срок до двадцати суток", "duration", "<=", 20, "day", None),
    ("лишение свободы на срок до семи лет", "duration", "<=", 7, "year", None),
    ("штраф в размере двухсот месячных расчетных показателей", "fine", "=", 200, "mci", None),
    ("штраф до 50 МРП", "fine", "<=", 50, "mci", None),
    ("что в пять раз превышает ранее действовавший размер", "multiplier", "=", 5, "times", None),
    ("в пятикратном размере", "multiplier", "=", 5, "times", None),
    ("штраф в размере, втрое превышающем действующий", "multiplier", "=", 3, "times", None),
    ("на расстоянии менее восьмисот метров от зданий", "distance", "<", 800, "metre", None),
    ("ближе 50 метров от здания суда", "distance", "<", 50, "metre", None),
    ("более 20 процентов дохода", "percentage", ">", 20, "percent", None),
    ("штраф в размере 5000 тенге", "money", "=", 5000, "KZT", None),
    ("одной тысячи пятисот участников", "participants", "=", 1500, "participant", None),
]


def _first(lang: str, text: str):
    doc = get_pipeline(lang)(text)
    return doc._.quantities[0] if doc._.quantities else None


@pytest.mark.parametrize("text,kind,comparator,value,unit,relation", EN)
def test_english_quantities(text, kind, comparator, value, unit, relation):
    quantity = _first("en", text)
    assert quantity is not None, text
    assert (quantity.kind, quantity.comparator, quantity.value, quantity.unit, quantity.relation) == (
        kind, comparator, value, unit, relation)
    assert text[quantity.start:quantity.end] == quantity.text


@pytest.mark.parametrize("text,kind,comparator,value,unit,relation", RU)
def test_russian_quantities(text, kind, comparator, value, unit, relation):
    quantity = _first("ru", text)
    assert quantity is not None, text
    assert (quantity.kind, quantity.comparator, quantity.value, quantity.unit, quantity.relation) == (
        kind, comparator, value, unit, relation)


@pytest.mark.parametrize("lang,text", [
    ("en", "The first article applies to everyone."),
    ("en", "One of the organisers shall be present."),
    ("en", "Article 9 and paragraph 2 of Article 7 apply."),
    ("ru", "Один из организаторов присутствует на собрании."),
    ("ru", "В соответствии с пунктом 2 статьи 7 настоящего Закона."),
])
def test_numbers_without_units_are_not_quantities(lang, text):
    assert get_pipeline(lang)(text)._.quantities == []


def test_working_days_are_converted_to_calendar_days():
    quantity = _first("en", "not later than ten working days before the assembly")
    assert quantity.days == pytest.approx(14.0)
