"""Quantities in legal text: thresholds, time limits, terms of arrest, fines, distances.

A quantity is a number (digits or words, inflected Russian numerals included) with the unit
after it and the comparator before it: "fewer than 250 participants" → participants < 250;
"not later than ten working days before" → period ≥ 10 working days, relation "before";
"до двадцати суток" → duration ≤ 20 days; "в пять раз" / "fivefold" → multiplier 5.

Numerals in words are turned into values by number-parser, called on the numeral tokens only
(never on whole sentences, where it would also convert ordinals and pronouns).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel
from spacy.tokens import Doc, Token

from checker.models import Language

QuantityKind = Literal[
    "participants",
    "period",
    "duration",
    "distance",
    "time_of_day",
    "fine",
    "multiplier",
    "percentage",
    "money",
]
Comparator = Literal["<", "<=", "=", ">=", ">"]


class Quantity(BaseModel):
    """One quantity found in a text.

    Attributes:
        kind: what is measured; "period" is a time limit tied to an event (notice, response),
            "duration" a length of time (arrest, suspension) or a bare span of days/hours.
        value: the number as written, e.g. 10 for "ten working days".
        unit: "participant", "working_day", "calendar_day", "day", "hour", "week", "month",
            "year", "metre", "kilometre", "mci" (monthly calculation index), "minimum_wage",
            "times", "percent", "clock", or a currency code ("KZT", "RUB", "EUR", "USD", "HUF").
        comparator: how the law relates to the value ("<", "<=", "=", ">=", ">").
        relation: for periods, "before" / "after" an event or "within" a time.
        days: for periods and durations, the value in days (working days count 7/5 each,
            hours 1/24); None otherwise.
        start, end: character offsets of the words in the text the quantity was read from.
        text: those words.
    """

    kind: QuantityKind
    value: float
    unit: str
    comparator: Comparator = "="
    relation: Literal["before", "after", "within"] | None = None
    days: float | None = None
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- numerals

_EN_NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion",
}
_RU_NUMBER_LEMMAS = {"один", "тысяча", "миллион", "миллиард", "сто", "полтора"}
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
_GROUPED_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_CLOCK = re.compile(r"^([01]?\d|2[0-4])[:.]([0-5]\d)$")
_EN_FOLD = re.compile(r"^(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold$")
_RU_FOLD = re.compile(
    r"^(дву|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти|двадцати|тридцати|пятидесяти|сто)кратн"
)
_WORD_MULTIPLIERS = {
    "en": {"doubled": 2, "double": 2, "tripled": 3, "triple": 3, "treble": 3, "trebled": 3,
           "quadrupled": 4, "quadruple": 4, "twice": 2, "thrice": 3},
    "ru": {"вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5, "вшестеро": 6, "вдесятеро": 10},
}
_RU_FOLD_VALUES = {
    "дву": 2, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
    "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10, "двадцати": 20, "тридцати": 30,
    "пятидесяти": 50, "сто": 100,
}
# clock hours written with a.m. / p.m. or o'clock (English): "10 p.m." → 22.0
_EN_CLOCK_AFTER = {"a.m.": 0, "am": 0, "a.m": 0, "p.m.": 12, "pm": 12, "p.m": 12, "o'clock": 0, "o’clock": 0}
# words between the two numbers of a range ("from 50 to 100 MCI", "от 50 до 100 МРП", "5-10 days")
_RANGE_JOINERS = {"en": {"to", "-", "–", "and"}, "ru": {"до", "-", "–"}}
_RANGE_OPENERS = {"en": {"from", "between"}, "ru": {"от"}}
# deadline words whose direction turns round when the period runs after an event:
# "not later than 72 hours after" is at most 72 hours after, not at least 72 hours before
_DEADLINE_WORDS = {"later", "earlier", "позднее", "ранее"}
# a preposition before a clock time belongs to it: "from 22:00", «до 09:00»
_CLOCK_BEFORE = {
    "en": {"from", "between", "after", "before", "until", "till", "to", "at", "by", "past"},
    "ru": {"с", "со", "до", "после", "в", "к", "от", "по", "позднее", "ранее"},
}


@lru_cache(maxsize=50_000)
def _is_ru_numeral(lower: str) -> bool:
    from checker.nlp.pipeline import _morph

    parse = _morph().parse(lower)[0]
    return parse.tag.POS == "NUMR" or parse.normal_form in _RU_NUMBER_LEMMAS


def _is_number_token(token: Token, lang: Language) -> bool:
    text = token.text
    if _DIGITS.match(text) or _GROUPED_DIGITS.match(text):
        return True
    lower = token.lower_
    if lang == "en":
        return lower in _EN_NUMBER_WORDS
    return bool(re.match(r"^[а-яё]+$", lower)) and _is_ru_numeral(lower)


def _scale(token: Token) -> float | None:
    return _MULTIPLIER_SCALE.get(token.lower_) or _MULTIPLIER_SCALE.get(token.norm_)


def _number_value(tokens: list[Token], lang: Language) -> float | None:
    tokens = [t for t in tokens if t.text not in {"-", "and"}]
    if tokens and (tokens[0].norm_ == "полтора" or tokens[0].lower_ in {"полтора", "полторы", "полутора"}):
        value = 1.5  # "полутора тысяч" → 1500
        for t in tokens[1:]:
            scale = _scale(t)
            if scale is None:
                return None
            value *= scale
        return value
    if len(tokens) > 1 and _DIGITS.match(tokens[0].text) and all(_scale(t) for t in tokens[1:]):  # "7,2 миллиона"
        value = float(tokens[0].text.replace(",", "."))
        for t in tokens[1:]:
            value *= _scale(t)
        return value
    words = ["one" if t.lower_ == "a" else t.text for t in tokens]
    if len(words) == 1 and (_DIGITS.match(words[0]) or _GROUPED_DIGITS.match(words[0])):
        raw = words[0]
        raw = raw.replace(",", "") if _GROUPED_DIGITS.match(raw) else raw.replace(",", ".")
        return float(raw)
    if all(_DIGITS.match(w) for w in words):  # "5 000"
        return float("".join(words))
    if _DIGITS.match(words[0]) and all(w.lower() in _MULTIPLIER_SCALE for w in words[1:]):  # "7.2 million"
        value = float(words[0].replace(",", "."))
        for w in words[1:]:
            value *= _MULTIPLIER_SCALE[w.lower()]
        return value
    from number_parser import parse_number

    value = parse_number(" ".join(w.lower() for w in words), language=lang)
    return float(value) if value is not None else None


# --------------------------------------------------------------------------- units and comparators

# unit lemma (first word) → (kind, unit); multi-word units are handled by _unit_at
_UNITS: dict[Language, dict[str, tuple[QuantityKind, str]]] = {
    "en": {
        "participant": ("participants", "participant"), "person": ("participants", "participant"),
        "people": ("participants", "participant"), "individual": ("participants", "participant"),
        "citizen": ("participants", "participant"), "member": ("participants", "participant"),
        "founder": ("participants", "participant"), "signatory": ("participants", "participant"),
        "worker": ("participants", "participant"), "employee": ("participants", "participant"),
        "supporter": ("participants", "participant"), "adherent": ("participants", "participant"),
        "voter": ("participants", "participant"), "elector": ("participants", "participant"),
        "day": ("duration", "day"), "hour": ("duration", "hour"), "week": ("duration", "week"),
        "month": ("duration", "month"), "year": ("duration", "year"),
        "metre": ("distance", "metre"), "meter": ("distance", "metre"), "m": ("distance", "metre"),
        "m.": ("distance", "metre"), "kilometre": ("distance", "kilometre"),
        "km": ("distance", "kilometre"), "percent": ("percentage", "percent"),
        "%": ("percentage", "percent"), "time": ("multiplier", "times"),
        "tenge": ("money", "KZT"), "rouble": ("money", "RUB"), "ruble": ("money", "RUB"),
        "euro": ("money", "EUR"), "dollar": ("money", "USD"), "forint": ("money", "HUF"),
        "mci": ("fine", "mci"),
    },
    "ru": {
        "участник": ("participants", "participant"), "человек": ("participants", "participant"),
        "лицо": ("participants", "participant"), "гражданин": ("participants", "participant"),
        "член": ("participants", "participant"), "учредитель": ("participants", "participant"),
        "работник": ("participants", "participant"), "сторонник": ("participants", "participant"),
        "избиратель": ("participants", "participant"),
        "день": ("duration", "day"), "сутки": ("duration", "day"), "час": ("duration", "hour"),
        "неделя": ("duration", "week"), "месяц": ("duration", "month"), "год": ("duration", "year"),
        "метр": ("distance", "metre"), "м": ("distance", "metre"),
        "километр": ("distance", "kilometre"), "км": ("distance", "kilometre"),
        "процент": ("percentage", "percent"), "%": ("percentage", "percent"),
        "раз": ("multiplier", "times"), "тенге": ("money", "KZT"), "рубль": ("money", "RUB"),
        "евро": ("money", "EUR"), "доллар": ("money", "USD"), "форинт": ("money", "HUF"),
        "мрп": ("fine", "mci"),
    },
}
_DAY_MODIFIERS = {
    "work": "working_day", "working": "working_day", "business": "working_day",
    "calendar": "calendar_day", "clear": "day",
    "рабочий": "working_day", "календарный": "calendar_day",
}
_CURRENCY_BEFORE = {"huf": "HUF", "eur": "EUR", "€": "EUR", "$": "USD", "usd": "USD", "kzt": "KZT", "rub": "RUB"}
_MULTIPLIER_SCALE = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "тысяча": 1e3, "миллион": 1e6, "млн": 1e6, "млн.": 1e6, "тыс": 1e3, "тыс.": 1e3,  # "20 тыс. граждан"
}

# comparators, longest first, as sequences of lower-cased words before the number
_COMPARATORS_BEFORE: dict[Language, list[tuple[tuple[str, ...], Comparator, str | None]]] = {
    "en": [
        (("not", "later", "than"), ">=", "before"), (("no", "later", "than"), ">=", "before"),
        (("not", "earlier", "than"), "<=", "before"), (("no", "earlier", "than"), "<=", "before"),
        (("not", "less", "than"), ">=", None), (("no", "less", "than"), ">=", None),
        (("not", "fewer", "than"), ">=", None), (("no", "fewer", "than"), ">=", None),
        (("not", "more", "than"), "<=", None), (("no", "more", "than"), "<=", None),
        (("not", "exceeding"), "<=", None), (("in", "excess", "of"), ">", None),
        (("at", "least"), ">=", None), (("at", "most"), "<=", None),
        (("up", "to"), "<=", None), (("maximum", "of"), "<=", None), (("minimum", "of"), ">=", None),
        (("within", "a", "radius", "of"), "<=", None), (("no", "closer", "than"), ">=", None),
        (("not", "closer", "than"), ">=", None), (("no", "nearer", "than"), ">=", None),
        (("closer", "than"), "<", None), (("nearer", "than"), "<", None),
        (("fewer", "than"), "<", None), (("less", "than"), "<", None),
        (("more", "than"), ">", None), (("greater", "than"), ">", None),
        (("exceeding",), ">", None), (("over",), ">", None), (("above",), ">", None),
        (("under",), "<", None), (("below",), "<", None), (("within",), "<=", "within"),
    ],
    "ru": [
        (("не", "позднее", "чем", "за"), ">=", "before"), (("не", "позднее", "за"), ">=", "before"),
        (("не", "ранее", "чем", "за"), "<=", "before"), (("не", "ранее", "за"), "<=", "before"),
        (("не", "менее", "чем", "за"), ">=", "before"), (("не", "менее", "за"), ">=", "before"),
        (("не", "более", "чем", "за"), "<=", "before"), (("не", "более", "за"), "<=", "before"),
        (("не", "позднее", "чем", "через"), "<=", "after"), (("не", "позднее", "через"), "<=", "after"),
        (("не", "ранее", "чем", "через"), ">=", "after"), (("не", "ранее", "через"), ">=", "after"),
        (("не", "позднее", "чем"), ">=", "before"), (("не", "позднее"), ">=", "before"),
        (("не", "ранее", "чем"), "<=", "before"), (("не", "ранее"), "<=", "before"),
        (("не", "ближе", "чем", "в"), ">=", None), (("не", "ближе", "чем"), ">=", None), (("не", "ближе"), ">=", None),
        (("ближе", "чем", "в"), "<", None), (("ближе", "чем"), "<", None),
        (("не", "далее", "чем", "в"), "<=", None), (("не", "далее", "чем"), "<=", None), (("не", "далее"), "<=", None),
        (("не", "дальше"), "<=", None), (("в", "радиусе"), "<=", None), (("менее", "чем", "в"), "<", None),
        (("не", "менее", "чем"), ">=", None), (("не", "менее"), ">=", None),
        (("не", "меньше"), ">=", None), (("не", "более", "чем"), "<=", None),
        (("не", "более"), "<=", None), (("не", "свыше"), "<=", None),
        (("в", "течение"), "<=", "within"), (("менее", "чем"), "<", None), (("менее",), "<", None),
        (("меньше",), "<", None), (("ближе",), "<", None), (("дальше",), ">", None), (("более", "чем"), ">", None), (("более",), ">", None),
        (("свыше",), ">", None), (("больше",), ">", None), (("до",), "<=", None),
        (("через",), "=", "after"), (("за",), ">=", "before"),
    ],
}
_COMPARATORS_AFTER: dict[Language, list[tuple[tuple[str, ...], Comparator]]] = {
    "en": [(("or", "more"), ">="), (("or", "over"), ">="), (("or", "fewer"), "<="), (("or", "less"), "<=")],
    "ru": [(("и", "более"), ">="), (("и", "свыше"), ">="), (("и", "менее"), "<=")],
}
_RELATION_AFTER: dict[Language, dict[str, str]] = {
    "en": {"before": "before", "prior": "before", "in advance": "before", "beforehand": "before", "ahead": "before",
           "after": "after", "following": "after"},
    "ru": {"до": "before", "после": "after", "со": "after", "с": "after"},
}
_DAYS_PER_UNIT = {"day": 1.0, "calendar_day": 1.0, "working_day": 7 / 5, "hour": 1 / 24, "week": 7.0, "month": 30.0, "year": 365.0}


def _words_before(doc: Doc, index: int, n: int) -> tuple[str, ...]:
    words: list[str] = []
    j = index - 1
    while j >= 0 and len(words) < n:
        if doc[j].is_space or doc[j].text == "\n":
            break
        if not doc[j].is_punct:
            words.insert(0, doc[j].lower_)
        elif doc[j].text not in {"-", "–"}:
            break
        j -= 1
    return tuple(words)


def _comparator_before(doc: Doc, start: int, lang: Language) -> tuple[Comparator, str | None, int, tuple[str, ...]]:
    """Comparator, relation, the index of its first token (start if none) and its words."""
    context = _words_before(doc, start, 5)
    for words, comparator, relation in _COMPARATORS_BEFORE[lang]:
        if context[-len(words):] == words:
            first = start
            taken = 0
            while taken < len(words) and first > 0:
                first -= 1
                if not doc[first].is_punct:
                    taken += 1
            return comparator, relation, first, words
    return "=", None, start, ()


def _unit_at(doc: Doc, i: int, lang: Language) -> tuple[QuantityKind, str, int] | None:
    """Unit starting at token ``i`` (after up to two modifiers): kind, unit, index after it."""
    units = _UNITS[lang]
    modifier: str | None = None
    for j in range(i, min(i + 4, len(doc))):
        token = doc[j]
        if token.is_space:
            return None
        norm = token.norm_ or token.lower_
        lower = token.lower_
        if lang == "en" and lower == "monthly" and j + 2 < len(doc) and doc[j + 1].norm_.startswith("calculation"):
            return "fine", "mci", j + 3
        if lang == "en" and lower == "minimum" and j + 1 < len(doc) and doc[j + 1].norm_ in {"wage", "salary"}:
            return "fine", "minimum_wage", j + 2
        if lang == "ru" and norm == "месячный" and j + 2 < len(doc) and doc[j + 1].norm_.startswith("расч"):
            return "fine", "mci", j + 3
        if lang == "ru" and norm == "минимальный" and j + 1 < len(doc):
            following = [t.norm_ for t in doc[j + 1 : j + 4]]
            if following[:3] == ["размер", "оплата", "труд"]:
                return "fine", "minimum_wage", j + 4
            if following[:2] in (["заработный", "плата"], ["размер", "оплата"]):
                return "fine", "minimum_wage", j + 3
            if following[:1] in (["зарплата"], ["заработный"]):
                return "fine", "minimum_wage", j + 2
        if lang == "en" and lower == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent":
            return "percentage", "percent", j + 2
        if norm in units or lower in units:
            kind, unit = units.get(norm) or units[lower]
            if unit == "day" and modifier:
                unit = _DAY_MODIFIERS[modifier]
            return kind, unit, j + 1
        if norm in _DAY_MODIFIERS or lower in _DAY_MODIFIERS:
            modifier = norm if norm in _DAY_MODIFIERS else lower
            continue
        return None
    return None


def _relation_after(doc: Doc, i: int, lang: Language) -> str | None:
    for j in range(i, min(i + 3, len(doc))):
        lower = doc[j].lower_
        if lower in _RELATION_AFTER[lang]:
            return _RELATION_AFTER[lang][lower]
        if lang == "en" and lower == "in" and j + 1 < len(doc) and doc[j + 1].lower_ == "advance":
            return "before"
        if doc[j].is_punct or doc[j].is_space:
            return None
    return None


def _comparator_after(doc: Doc, i: int, lang: Language) -> tuple[Comparator | None, int]:
    for words, comparator in _COMPARATORS_AFTER[lang]:
        n = len(words)
        if i + n <= len(doc) and tuple(t.lower_ for t in doc[i : i + n]) == words:
            return comparator, i + n
    return None, i


def _run_end(doc: Doc, i: int, lang: Language) -> int:
    """The index after the run of numeral tokens starting at ``i`` ("two hundred and fifty")."""
    n = len(doc)
    j = i + 1
    while j < n and (
        _is_number_token(doc[j], lang)
        or (doc[j].text in {"-", "and"} and j + 1 < n and _is_number_token(doc[j + 1], lang) and not _DIGITS.match(doc[j + 1].text))
    ):
        j += 1
    return j


def _starts_number(doc: Doc, i: int, lang: Language) -> bool:
    token = doc[i]
    if _is_number_token(token, lang):
        return True
    # "a hundred participants"
    return lang == "en" and token.lower_ == "a" and i + 1 < len(doc) and doc[i + 1].lower_ in {"hundred", "thousand", "million"}


def _clock_after(doc: Doc, j: int, value: float, lang: Language) -> float | None:
    """The hour of "10 p.m." / "8 o'clock" when token ``j`` is such a marker, else None."""
    if lang != "en" or j >= len(doc) or not float(value).is_integer() or not 0 <= value <= 12:
        return None
    offset = _EN_CLOCK_AFTER.get(doc[j].lower_)
    if offset is None:
        return None
    hour = value % 12 + offset if doc[j].lower_ not in {"o'clock", "o’clock"} else value
    return float(hour)


def _ru_clock_range(doc: Doc, i: int) -> tuple[list[tuple[int, int, float]], int] | None:
    """"с 22 (часов) до 9 часов" at token ``i`` ("с"): the two hours as (first, end, value), and the end."""
    n = len(doc)
    if doc[i].lower_ not in {"с", "со"} or i + 1 >= n or not _is_number_token(doc[i + 1], "ru"):
        return None
    a_end = _run_end(doc, i + 1, "ru")
    a_value = _number_value(list(doc[i + 1 : a_end]), "ru")
    k = a_end
    if k < n and doc[k].norm_ == "час":
        k += 1
    if k + 1 >= n or doc[k].lower_ != "до" or not _is_number_token(doc[k + 1], "ru"):
        return None
    b_end = _run_end(doc, k + 1, "ru")
    b_value = _number_value(list(doc[k + 1 : b_end]), "ru")
    if b_end >= n or doc[b_end].norm_ != "час" or a_value is None or b_value is None:
        return None
    if not (0 <= a_value <= 24 and 0 <= b_value <= 24):
        return None
    return [(i, k, a_value), (k, b_end + 1, b_value)], b_end + 1


def _range_upper(doc: Doc, i: int, j: int, lang: Language) -> tuple[QuantityKind, str, int] | None:
    """For a number at ``i``..``j`` without a unit: the unit after a second number joined to it
    ("from 50 to 100 MCI", "от пяти до десяти суток"), as (kind, unit, index of the second number)."""
    n = len(doc)
    if j + 1 >= n or doc[j].lower_ not in _RANGE_JOINERS[lang] or not _is_number_token(doc[j + 1], lang):
        return None
    if doc[j].lower_ == "and" and (i == 0 or doc[i - 1].lower_ != "between"):
        return None  # "and" joins a range only after "between"
    k = _run_end(doc, j + 1, lang)
    unit_start = k + 1 if k < n and _scale(doc[k]) and _DIGITS.match(doc[k - 1].text) else k
    unit = _unit_at(doc, unit_start, lang)
    if unit is None:
        return None
    return unit[0], unit[1], j + 1


def extract_quantities(doc: Doc, lang: Language) -> list[Quantity]:
    """All quantities in ``doc`` (a spaCy Doc from :func:`checker.nlp.get_pipeline`).

    Returns quantities in text order. Offsets are character offsets into ``doc.text``.
    A number with neither a known unit nor a comparator is not reported; clock times
    ("22:00", "10 p.m.", «с 22 до 9 часов») are reported as ``time_of_day`` with value in hours
    (22.0), their words including the preposition before them ("from 22:00", «до 09:00»). A range ("from 50 to 100 MCI", «от 50 до 100 МРП») gives two quantities: the lower
    bound (">=") and the upper bound ("<="), both with the unit written after the second number.
    A period whose deadline words run after an event ("not later than 72 hours after",
    «не позднее чем через три дня после») is read as at most that long after it.
    """
    found: list[Quantity] = []
    text = doc.text  # built once: Doc.text joins every token again on each access
    i = 0
    n = len(doc)
    range_upper_at = -1  # index of the second number of a range already seen

    def clock_start(index: int) -> int:
        return index - 1 if index > 0 and doc[index - 1].lower_ in _CLOCK_BEFORE[lang] else index

    def add(kind, value, unit, start_token, end_token, comparator="=", relation=None, days=None):
        start_char = doc[start_token].idx
        last = doc[end_token - 1]
        end_char = last.idx + len(last.text)
        found.append(Quantity(kind=kind, value=value, unit=unit, comparator=comparator, relation=relation,
                              days=days, start=start_char, end=end_char, text=text[start_char:end_char]))

    while i < n:
        token = doc[i]
        clock = _CLOCK.match(token.text)
        if clock:
            value = int(clock.group(1)) + int(clock.group(2)) / 60
            add("time_of_day", value, "clock", clock_start(i), i + 1)
            i += 1
            continue
        if lang == "ru":
            clock_range = _ru_clock_range(doc, i)
            if clock_range:
                for first, end, value in clock_range[0]:
                    add("time_of_day", float(value), "clock", first, end)
                i = clock_range[1]
                continue
        fold = (_EN_FOLD.match(token.lower_) if lang == "en" else _RU_FOLD.match(token.lower_))
        if fold:
            if lang == "en":
                from number_parser import parse_number

                value = parse_number(fold.group(1), language="en")
            else:
                value = _RU_FOLD_VALUES.get(fold.group(1))
            if value:
                add("multiplier", float(value), "times", i, i + 1)
            i += 1
            continue
        word_multiplier = _WORD_MULTIPLIERS[lang].get(token.lower_)
        if word_multiplier:
            add("multiplier", float(word_multiplier), "times", i, i + 1)
            i += 1
            continue
        if not _starts_number(doc, i, lang):
            i += 1
            continue
        # a run of numeral tokens ("two hundred and fifty", "сорока восьми", "5 000")
        j = _run_end(doc, i, lang)
        value = _number_value(list(doc[i:j]), lang)
        if value is None:
            i = j
            continue
        hour = _clock_after(doc, j, value, lang)
        if hour is not None:
            add("time_of_day", hour, "clock", clock_start(i), j + 1)
            i = j + 1
            continue
        unit_start = j
        if j < n and _scale(doc[j]) and _DIGITS.match(doc[j - 1].text):
            value *= _scale(doc[j])
            unit_start = j + 1
        currency_before = doc[i - 1].lower_ if i > 0 else ""
        has_currency_before = currency_before in _CURRENCY_BEFORE
        comparator, relation, first, words = _comparator_before(doc, i - 1 if has_currency_before else i, lang)
        early_cmp, unit_start = _comparator_after(doc, unit_start, lang)  # "250 or more participants"
        unit = _unit_at(doc, unit_start, lang)
        end_index = unit[2] if unit else unit_start
        lower_bound = False
        if unit is None and has_currency_before:
            unit = ("money", _CURRENCY_BEFORE[currency_before], unit_start)
            first = min(first, i - 1)
        if unit is None and not early_cmp:
            upper = _range_upper(doc, i, unit_start, lang)
            if upper is not None:
                unit = (upper[0], upper[1], unit_start)
                end_index = unit_start
                comparator, relation, lower_bound = ">=", None, True
                range_upper_at = upper[2]
                if i > 0 and doc[i - 1].lower_ in _RANGE_OPENERS[lang]:
                    first = i - 1
        if i == range_upper_at and comparator == "=" and words in {(), ("to",), ("and",)}:
            comparator = "<="  # the upper bound of "from 50 to 100 MCI"
        after_cmp, after_end = _comparator_after(doc, end_index, lang)
        if early_cmp:
            comparator = early_cmp
        elif after_cmp and not lower_bound:
            comparator = after_cmp
            end_index = after_end
        if unit is None:
            i = j
            continue
        kind, unit_name, _ = unit
        # "ten times the minimum wage": a fine counted in minimum wages or indices
        if kind == "multiplier" and lang == "en" and end_index < n and doc[end_index].lower_ == "the":
            counted = _unit_at(doc, end_index + 1, lang)
            if counted is not None and counted[0] == "fine":
                kind, unit_name, end_index = counted
        if kind == "duration" and not lower_bound:
            rel = _relation_after(doc, end_index, lang)
            if relation == "before" and rel == "after" and _DEADLINE_WORDS & set(words):
                comparator = {">=": "<=", "<=": ">="}.get(comparator, comparator)
                relation = "after"
            elif rel is not None and (relation is None or relation == rel or relation == "within"):
                relation = rel if relation != "within" else relation
            if relation is not None:
                kind = "period"
            if lang == "ru" and relation == "before" and comparator == ">=" and rel is None and words == ("за",):
                kind = "duration"  # "за пять дней" without "до": not a deadline
                relation = None
        if lang == "ru" and kind == "multiplier" and _words_before(doc, i, 1) == ("в",):
            first -= 1
        days = None
        if kind in {"period", "duration"} and unit_name in _DAYS_PER_UNIT:
            days = value * _DAYS_PER_UNIT[unit_name]
        add(kind, value, unit_name, first, end_index, comparator, relation if kind == "period" else None, days)
        i = end_index if not lower_bound else j
    return found
