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
    ("at least fourteen days beforehand", "period", ">=", 14, "day", "before"),
    ("ten days ahead of the date of the meeting", "period", "=", 10, "day", "before"),
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
    # participants and members
    ("no more than 1,000 participants", "participants", "<=", 1000, "participant", None),
    ("at least 20,000 workers", "participants", ">=", 20000, "participant", None),
    ("not fewer than five hundred employees", "participants", ">=", 500, "participant", None),
    ("signatures of at least 40,000 voters", "participants", ">=", 40000, "participant", None),
    ("backed by no fewer than 10,000 supporters", "participants", ">=", 10000, "participant", None),
    ("up to one hundred participants", "participants", "<=", 100, "participant", None),
    ("a hundred participants", "participants", "=", 100, "participant", None),
    ("no fewer than 10 founders", "participants", ">=", 10, "participant", None),
    ("at least fifty members", "participants", ">=", 50, "participant", None),
    # time limits
    ("not later than 10 working days prior to the event", "period", ">=", 10, "working_day", "before"),
    ("not earlier than fifteen days before the day of the event", "period", "<=", 15, "day", "before"),
    ("no later than 72 hours after the notification is received", "period", "<=", 72, "hour", "after"),
    ("within three days of receiving the notification", "period", "<=", 3, "day", "within"),
    ("14 days in advance", "period", "=", 14, "day", "before"),
    # arrest and suspension
    ("administrative arrest for a term of up to fifteen days", "duration", "<=", 15, "day", None),
    ("activities suspended for up to six months", "duration", "<=", 6, "month", None),
    # fines
    ("a fine of up to 200 minimum wages", "fine", "<=", 200, "minimum_wage", None),
    ("a fine of fifty times the minimum wage", "fine", "=", 50, "minimum_wage", None),
    ("a fine of ten times the monthly calculation index", "fine", "=", 10, "mci", None),
    ("a fine of 300,000 roubles", "money", "=", 300_000, "RUB", None),
    # multipliers
    ("increased threefold", "multiplier", "=", 3, "times", None),
    ("a twentyfold increase", "multiplier", "=", 20, "times", None),
    # distances
    ("800 metres from the building", "distance", "=", 800, "metre", None),
    ("within a radius of 50 metres of the court", "distance", "<=", 50, "metre", None),
    ("no closer than 100 metres to the residence", "distance", ">=", 100, "metre", None),
    ("at a distance of less than 1 km from", "distance", "<", 1, "kilometre", None),
    # times of day
    ("between 22:00 and 09:00", "time_of_day", "=", 22, "clock", None),
    ("from 10 p.m. until the morning", "time_of_day", "=", 22, "clock", None),
    ("not after 8 o'clock", "time_of_day", "=", 8, "clock", None),
    # percentages and amounts
    ("exceeding 10 per cent of its annual budget", "percentage", ">", 10, "percent", None),
    ("EUR 500 in a calendar year", "money", "=", 500, "EUR", None),
    ("5 million tenge", "money", "=", 5_000_000, "KZT", None),
    # numerals in words
    ("one thousand two hundred participants", "participants", "=", 1200, "participant", None),
    ("twenty-one days", "duration", "=", 21, "day", None),
]

RU = [
    ("не менее 20 тыс. граждан", "participants", ">=", 20000, "participant", None),
    ("не менее 5 тыс. членов партии", "participants", ">=", 5000, "participant", None),
    ("не менее 500 работников", "participants", ">=", 500, "participant", None),
    ("не менее десяти тысяч сторонников", "participants", ">=", 10000, "participant", None),
    ("подписи не менее 40 000 избирателей", "participants", ">=", 40000, "participant", None),
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
    # participants and members
    ("с числом участников менее 250 человек", "participants", "<", 250, "participant", None),
    ("не более ста участников", "participants", "<=", 100, "participant", None),
    ("численностью до тридцати человек", "participants", "<=", 30, "participant", None),
    ("не менее десяти учредителей", "participants", ">=", 10, "participant", None),
    ("полутора тысяч человек", "participants", "=", 1500, "participant", None),
    # time limits
    ("не позднее чем за пять рабочих дней", "period", ">=", 5, "working_day", "before"),
    ("не позднее 10 дней до дня проведения", "period", ">=", 10, "day", "before"),
    ("не ранее чем за пятнадцать дней до дня проведения", "period", "<=", 15, "day", "before"),
    ("не менее чем за пять дней до мероприятия", "period", ">=", 5, "day", "before"),
    ("не позднее чем через три дня после получения уведомления", "period", "<=", 3, "day", "after"),
    ("в течение двадцати четырех часов", "period", "<=", 24, "hour", "within"),
    # arrest and suspension
    ("до двадцати суток", "duration", "<=", 20, "day", None),
    ("административный арест на срок до пятнадцати суток", "duration", "<=", 15, "day", None),
    ("приостановление деятельности на срок до шести месяцев", "duration", "<=", 6, "month", None),
    ("двадцатью сутками", "duration", "=", 20, "day", None),
    # fines
    ("штраф в размере до 200 МРП", "fine", "<=", 200, "mci", None),
    ("штраф в размере пятидесяти минимальных размеров оплаты труда", "fine", "=", 50, "minimum_wage", None),
    ("штраф в размере десяти минимальных заработных плат", "fine", "=", 10, "minimum_wage", None),
    ("штраф в размере 300 000 рублей", "money", "=", 300_000, "RUB", None),
    # multipliers
    ("в десятикратном размере", "multiplier", "=", 10, "times", None),
    ("в размере двадцатикратного МРП", "multiplier", "=", 20, "times", None),
    ("увеличивается вдвое", "multiplier", "=", 2, "times", None),
    # distances
    ("800 метров", "distance", "=", 800, "metre", None),
    ("ближе чем в пятистах метрах от здания", "distance", "<", 500, "metre", None),
    ("в радиусе 50 метров от здания суда", "distance", "<=", 50, "metre", None),
    ("не ближе 100 метров от резиденции", "distance", ">=", 100, "metre", None),
    ("на расстоянии менее одного километра", "distance", "<", 1, "kilometre", None),
    # times of day
    ("с 22:00 до 09:00", "time_of_day", "=", 22, "clock", None),
    ("с 22 часов до 9 часов", "time_of_day", "=", 22, "clock", None),
    # percentages and amounts
    ("свыше 10% годового бюджета", "percentage", ">", 10, "percent", None),
    ("свыше 7,2 миллиона форинтов в год", "money", ">", 7_200_000, "HUF", None),
    ("5 млн тенге", "money", "=", 5_000_000, "KZT", None),
    # numerals in words, inflected
    ("двухсот пятидесяти человек", "participants", "=", 250, "participant", None),
    ("сорока восьми часов", "duration", "=", 48, "hour", None),
    ("двадцати одного дня", "duration", "=", 21, "day", None),
    ("тридцатью участниками", "participants", "=", 30, "participant", None),
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
    ("en", "I am one of the organisers."),
    ("en", "Articles 5 to 7 apply."),
    ("ru", "Статьи с 5 по 7 применяются."),
    ("ru", "с 1 до 3 пункта"),
])
def test_numbers_without_units_are_not_quantities(lang, text):
    assert get_pipeline(lang)(text)._.quantities == []


@pytest.mark.parametrize("lang,text,expected", [
    # both ends of a range, the unit written once
    ("en", "a fine of from 50 to 100 MCI", [("fine", ">=", 50, "mci", "from 50"), ("fine", "<=", 100, "mci", "100 MCI")]),
    ("en", "between 20 and 50 monthly calculation indices",
     [("fine", ">=", 20, "mci", "between 20"), ("fine", "<=", 50, "mci", "50 monthly calculation indices")]),
    ("ru", "штраф в размере от пятидесяти до ста МРП",
     [("fine", ">=", 50, "mci", "от пятидесяти"), ("fine", "<=", 100, "mci", "до ста МРП")]),
    ("ru", "арест на срок от пяти до десяти суток",
     [("duration", ">=", 5, "day", "от пяти"), ("duration", "<=", 10, "day", "до десяти суток")]),
    # both ends of a night-time ban
    ("en", "between 10 p.m. and 7 a.m.",
     [("time_of_day", "=", 22, "clock", "between 10 p.m."), ("time_of_day", "=", 7, "clock", "7 a.m.")]),
    ("en", "from 22:00 to 06:00", [("time_of_day", "=", 22, "clock", "from 22:00"), ("time_of_day", "=", 6, "clock", "to 06:00")]),
    ("ru", "с 22:00 до 09:00", [("time_of_day", "=", 22, "clock", "с 22:00"), ("time_of_day", "=", 9, "clock", "до 09:00")]),
    ("ru", "с восьми до двадцати двух часов",
     [("time_of_day", "=", 8, "clock", "с восьми"), ("time_of_day", "=", 22, "clock", "до двадцати двух часов")]),
    # a duration range is not a clock time: "от" (not "с") opens it
    ("ru", "от двух до пяти часов", [("duration", ">=", 2, "hour", "от двух"), ("duration", "<=", 5, "hour", "до пяти часов")]),
    # "and" joins numbers into a range only after "between"
    ("en", "Articles 5 and 10 days", [("duration", "=", 10, "day", "10 days")]),
])
def test_every_quantity_of_a_phrase(lang, text, expected):
    found = get_pipeline(lang)(text)._.quantities
    assert [(q.kind, q.comparator, q.value, q.unit, q.text) for q in found] == expected


def test_working_days_are_converted_to_calendar_days():
    quantity = _first("en", "not later than ten working days before the assembly")
    assert quantity.days == pytest.approx(14.0)
