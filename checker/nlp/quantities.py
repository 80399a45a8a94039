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
_RU_FOLD = re.compile(r"^(дву|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти)кратн")
_WORD_MULTIPLIERS = {
    "en": {"doubled": 2, "double": 2, "tripled": 3, "triple": 3, "treble": 3, "trebled": 3,
           "quadrupled": 4, "quadruple": 4, "twice": 2, "thrice": 3},
    "ru": {"вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5, "вшестеро": 6, "вдесятеро": 10},
}
_RU_FOLD_VALUES = {
    "дву": 2, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
    "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
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


def _number_value(tokens: list[Token], lang: Language) -> float | None:
    words = [t.text for t in tokens if t.text not in {"-", "and"}]
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
        "день": ("duration", "day"), "сутки": ("duration", "day"), "час": ("duration", "hour"),
        "неделя": ("duration", "week"), "месяц": ("duration", "month"), "год": ("duration", "year"),
        "метр": ("distance", "metre"), "м": ("distance", "metre"),
        "километр": ("distance", "kilometre"), "км": ("distance", "kilometre"),
        "процент": ("percentage", "percent"), "%": ("percentage", "percent"),
        "раз": ("multiplier", "times"), "тенге": ("money", "KZT"), "рубль": ("money", "RUB"),
        "евро": ("money", "EUR"), "доллар": ("money", "USD"), "мрп": ("fine", "mci"),
    },
}
_DAY_MODIFIERS = {
    "work": "working_day", "working": "working_day", "business": "working_day",
    "calendar": "calendar_day", "clear": "day",
    "рабочий": "working_day", "календарный": "calendar_day",
}
_CURRENCY_BEFORE = {"huf": "HUF", "eur": "EUR", "€": "EUR", "$": "USD", "usd": "USD", "kzt": "KZT", "rub": "RUB"}
_MULTIPLIER_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "тысяча": 1e3, "миллион": 1e6, "млн": 1e6, "тыс": 1e3}

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
        (("fewer", "than"), "<", None), (("less", "than"), "<", None),
        (("more", "than"), ">", None), (("greater", "than"), ">", None),
        (("exceeding",), ">", None), (("over",), ">", None), (("above",), ">", None),
        (("under",), "<", None), (("below",), "<", None), (("within",), "<=", "within"),
    ],
    "ru": [
        (("не", "позднее", "чем", "за"), ">=", "before"), (("не", "позднее", "за"), ">=", "before"),
        (("не", "ранее", "чем", "за"), "<=", "before"), (("не", "ранее", "за"), "<=", "before"),
        (("не", "менее", "чем"), ">=", None), (("не", "менее"), ">=", None),
        (("не", "меньше"), ">=", None), (("не", "более", "чем"), "<=", None),
        (("не", "более"), "<=", None), (("не", "свыше"), "<=", None),
        (("в", "течение"), "<=", "within"), (("менее", "чем"), "<", None), (("менее",), "<", None),
        (("меньше",), "<", None), (("ближе",), "<", None), (("дальше",), ">", None), (("более", "чем"), ">", None), (("более",), ">", None),
        (("свыше",), ">", None), (("больше",), ">", None), (("до",), "<=", None),
        (("за",), ">=", "before"),
    ],
}
_COMPARATORS_AFTER: dict[Language, list[tuple[tuple[str, ...], Comparator]]] = {
    "en": [(("or", "more"), ">="), (("or", "over"), ">="), (("or", "fewer"), "<="), (("or", "less"), "<=")],
    "ru": [(("и", "более"), ">="), (("и", "свыше"), ">="), (("и", "менее"), "<=")],
}
_RELATION_AFTER: dict[Language, dict[str, str]] = {
    "en": {"before": "before", "prior": "before", "in advance": "before", "after": "after", "following": "after"},
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


def _comparator_before(doc: Doc, start: int, lang: Language) -> tuple[Comparator, str | None, int]:
    """Comparator, relation and the index of its first token (start if none)."""
    context = _words_before(doc, start, 5)
    for words, comparator, relation in _COMPARATORS_BEFORE[lang]:
        if context[-len(words):] == words:
            first = start
            taken = 0
            while taken < len(words) and first > 0:
                first -= 1
                if not doc[first].is_punct:
                    taken += 1
            return comparator, relation, first
    return "=", None, start


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
        if lang == "ru" and norm in {"минимальный"} and j + 1 < len(doc) and doc[j + 1].norm_ in {"заработный", "зарплата", "размер"}:
            return "fine", "minimum_wage", j + 3
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


def extract_quantities(doc: Doc, lang: Language) -> list[Quantity]:
    """All quantities in ``doc`` (a spaCy Doc from :func:`checker.nlp.get_pipeline`).

    Returns quantities in text order. Offsets are character offsets into ``doc.text``.
    A number with neither a known unit nor a comparator is not reported; clock times
    ("22:00") are reported as ``time_of_day`` with value in hours (22.0).
    """
    found: list[Quantity] = []
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        clock = _CLOCK.match(token.text)
        if clock:
            value = int(clock.group(1)) + int(clock.group(2)) / 60
            found.append(Quantity(kind="time_of_day", value=value, unit="clock", start=token.idx,
                                  end=token.idx + len(token.text), text=token.text))
            i += 1
            continue
        fold = (_EN_FOLD.match(token.lower_) if lang == "en" else _RU_FOLD.match(token.lower_))
        if fold:
            if lang == "en":
                from number_parser import parse_number

                value = parse_number(fold.group(1), language="en")
            else:
                value = _RU_FOLD_VALUES.get(fold.group(1))
            if value:
                found.append(Quantity(kind="multiplier", value=float(value), unit="times", comparator="=",
                                      start=token.idx, end=token.idx + len(token.text), text=token.text))
            i += 1
            continue
        word_multiplier = _WORD_MULTIPLIERS[lang].get(token.lower_)
        if word_multiplier:
            found.append(Quantity(kind="multiplier", value=float(word_multiplier), unit="times", comparator="=",
                                  start=token.idx, end=token.idx + len(token.text), text=token.text))
            i += 1
            continue
        if not _is_number_token(token, lang):
            i += 1
            continue
        # a run of numeral tokens ("two hundred and fifty", "сорока восьми", "5 000")
        j = i + 1
        while j < n and (
            _is_number_token(doc[j], lang)
            or (doc[j].text in {"-", "and"} and j + 1 < n and _is_number_token(doc[j + 1], lang) and not _DIGITS.match(doc[j + 1].text))
        ):
            j += 1
        value = _number_value(list(doc[i:j]), lang)
        if value is None:
            i = j
            continue
        unit_start = j
        scale_word = doc[j].norm_ if j < n else ""
        if scale_word in _MULTIPLIER_SCALE and _DIGITS.match(doc[j - 1].text):
            value *= _MULTIPLIER_SCALE[scale_word]
            unit_start = j + 1
        currency_before = doc[i - 1].lower_ if i > 0 else ""
        has_currency_before = currency_before in _CURRENCY_BEFORE
        comparator, relation, first = _comparator_before(doc, i - 1 if has_currency_before else i, lang)
        early_cmp, unit_start = _comparator_after(doc, unit_start, lang)  # "250 or more participants"
        unit = _unit_at(doc, unit_start, lang)
        end_index = unit[2] if unit else unit_start
        if unit is None and has_currency_before:
            unit = ("money", _CURRENCY_BEFORE[currency_before], unit_start)
            first = min(first, i - 1)
        after_cmp, after_end = _comparator_after(doc, end_index, lang)
        if early_cmp:
            comparator = early_cmp
        elif after_cmp:
            comparator = after_cmp
            end_index = after_end
        if unit is None:
            i = j
            continue
        kind, unit_name, _ = unit
        if kind == "duration":
            rel = _relation_after(doc, end_index, lang)
            if rel is not None and (relation is None or relation == rel or relation == "within"):
                relation = rel if relation != "within" else relation
            if relation is not None:
                kind = "period"
            if lang == "ru" and relation == "before" and comparator == ">=" and rel is None and _words_before(doc, i, 1) == ("за",):
                kind = "duration"  # "за пять дней" without "до": not a deadline
                relation = None
        if lang == "ru" and kind == "multiplier" and _words_before(doc, i, 1) == ("в",):
            first -= 1
        days = None
        if kind in {"period", "duration"} and unit_name in _DAYS_PER_UNIT:
            days = value * _DAYS_PER_UNIT[unit_name]
        start_char = doc[first].idx
        last = doc[end_index - 1]
        end_char = last.idx + len(last.text)
        found.append(Quantity(kind=kind, value=value, unit=unit_name, comparator=comparator,
                              relation=relation if kind == "period" else None, days=days,
                              start=start_char, end=end_char, text=doc.text[start_char:end_char]))
        i = end_index
    return found
