"""Cross-references inside a draft: "paragraph 4 of Article 4", «пунктом 2 статьи 7», "section 3(1)(a)".

A reference is a chain of components, smallest first, joined by "of" in English and by
juxtaposition (genitive case) in Russian: ``subparagraph 2) of paragraph 1 of Article 12``,
``подпункт 2) пункта 1 статьи 12``, ``п. 4 ст. 4``. A component is a level word (matched by
stem, so every inflected form counts) and a list of numbers ("Articles 9 and 10", «статьями 9
и 10», "paragraphs 1 to 3"); "this Article" / «настоящей статьи» stand for the provision
containing the reference. Path notation ("Article 7(2)", "section 3(1)(a)") is read too.
A chain followed by the name of another instrument ("of the Constitution", «Кодекса ...») is
a reference to another law and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product

from checker.models import CrossReference, Provision

from .labels import eid_number

_WS = r"[ \t\u00a0]"
_J_EN = rf"(?:{_WS}*,{_WS}*(?:and{_WS}+|or{_WS}+)?|{_WS}+(?:and|or|to|through){_WS}+|{_WS}*[\u2013\u2014]{_WS}*)"
_J_RU = rf"(?:{_WS}*,{_WS}*(?:и{_WS}+|или{_WS}+)?|{_WS}+(?:и|или|либо|по){_WS}+|{_WS}*[\u2013\u2014]{_WS}*)"
_PATH = r"(?:\([0-9a-zA-Z]{1,6}\))*"
_NUM = r"\d{1,4}(?:-\d{1,4})?(?:\.\d{1,3})?"
_ITEM_EN = rf"(?:{_NUM}\)?{_PATH}|\([0-9a-z]{{1,6}}\){_PATH}|[a-z]\))"
_ITEM_RU = rf"(?:{_NUM}\)?{_PATH}|[а-яё]\)|\([0-9а-яёa-z]{{1,6}}\))"
_ROMAN = r"(?-i:[IVXLC]{1,7})\b"
_ORDINALS_RU = {
    "перв": "1", "втор": "2", "трет": "3", "четверт": "4", "четвёрт": "4", "пят": "5", "шест": "6",
    "седьм": "7", "восьм": "8", "девят": "9", "десят": "10",
}
_ORD_RU = r"(?:" + "|".join(_ORDINALS_RU) + r")\w*"


_ITEM_SUBSEC = rf"\(\d{{1,3}}[A-Z]{{0,2}}\){_PATH}"
_ITEM_ART = rf"{_NUM}{_PATH}"
_ITEM_SEC = rf"\d{{1,4}}[A-Z]{{0,2}}{_PATH}"
_ITEM_GROUP = rf"(?:{_NUM}|{_ROMAN})"
_ITEM_RU_PARA = rf"(?:{_ITEM_RU}|{_ORD_RU})"
_ITEM_RU_PART = rf"(?:{_NUM}|{_ORD_RU})"


def _list(item: str, joiner: str) -> str:
    return rf"(?P<list>{item}(?:{joiner}{item})*)"


# (level word → level) components, tried in this order at each position.
_EN_COMPONENTS: list[tuple[str, re.Pattern[str]]] = [
    ("subpara", re.compile(rf"(?<!\w)(?:sub-?paragraphs?|subparas?\.){_WS}*{_list(_ITEM_EN, _J_EN)}", re.I)),
    ("para", re.compile(rf"(?<!\w)(?:paragraphs?|paras?\.){_WS}*{_list(_ITEM_EN, _J_EN)}", re.I)),
    ("subsec", re.compile(rf"(?<!\w)(?:sub-?sections?|subss?\.){_WS}*{_list(_ITEM_SUBSEC, _J_EN)}", re.I)),
    ("art", re.compile(rf"(?<!\w)(?:Articles?|Arts?\.){_WS}*{_list(_ITEM_ART, _J_EN)}", re.I)),
    ("sec", re.compile(rf"(?<!\w)(?:sections?|ss?\.){_WS}*{_list(_ITEM_SEC, _J_EN)}", re.I)),
    ("chp", re.compile(rf"(?<!\w)(?:Chapters?){_WS}+{_list(_ITEM_GROUP, _J_EN)}", re.I)),
    ("part", re.compile(rf"(?<!\w)(?:parts?){_WS}+{_list(_ITEM_GROUP, _J_EN)}", re.I)),
]
_EN_THIS = re.compile(
    rf"(?<!\w)(?:this|the{_WS}+present){_WS}+(?P<word>Article|paragraph|sub-?paragraph|Chapter|section|sub-?section|part)\b",
    re.I,
)
_EN_OF = re.compile(rf"{_WS}+of{_WS}+")
_EN_THIS_LAW = re.compile(rf"^{_WS}+(?:of|in|under){_WS}+(?:this|the{_WS}+present){_WS}+(?:Law|Act|Code|Bill|draft)\b", re.I)
_EN_OTHER_LAW = re.compile(
    rf"^(?:{_WS}+(?:of|in|under){_WS}+(?:(?:the|that|said|such){_WS}+)?"
    rf"(?:[A-Z\"“«]|(?:Law|Code|Act|Constitution|Convention|Covenant|Decree|Regulation|Treaty)\b)|{_WS}+thereof\b)"
)

_RU_COMPONENTS: list[tuple[str, re.Pattern[str]]] = [
    ("subpara", re.compile(rf"(?<!\w)(?:подпункт\w*|подп\.|пп\.){_WS}*{_list(_ITEM_RU, _J_RU)}", re.I)),
    ("para", re.compile(rf"(?<!\w)(?:пункт\w*|п\.){_WS}*{_list(_ITEM_RU_PARA, _J_RU)}", re.I)),
    ("part", re.compile(rf"(?<!\w)(?:част(?:ь|и|ью|ей|ям|ями|ях)\b|ч\.){_WS}*{_list(_ITEM_RU_PART, _J_RU)}", re.I)),
    ("art", re.compile(rf"(?<!\w)(?:стать(?:я|и|ю|ей|ёй|е|ям|ями|ях)\b|статей\b|ст\.ст\.|ст\.){_WS}*{_list(_ITEM_ART, _J_RU)}", re.I)),
    ("chp", re.compile(rf"(?<!\w)(?:глав(?:а|ы|е|у|ой|ам|ами|ах)?\b|гл\.){_WS}*{_list(_ITEM_GROUP, _J_RU)}", re.I)),
]
_RU_THIS = re.compile(
    rf"(?<!\w)(?:настоящ|данн)\w*{_WS}+(?P<word>стать|подпункт|пункт|част|глав)\w*", re.I,
)
_RU_CHAIN = re.compile(rf"{_WS}+")
_DESCENDING = re.compile(rf"{_WS}*,{_WS}*")
_RANK = {"art": 0, "sec": 0, "para": 1, "part": 1, "subsec": 1, "subpara": 2}
_RU_THIS_LAW = re.compile(rf"^{_WS}+(?:настоящ|данн)\w*{_WS}+(?:Закон|Кодекс|Указ|закон)", re.I)
_RU_OTHER_LAW = re.compile(
    rf"^{_WS}+(?:(?:указанн|названн|соответствующ|этого|того)\w*{_WS}+)?"
    r"(?:Кодекс|Конституци|Закон|закон|Гражданск|Уголовн|Трудов|Налогов|Бюджетн|Конвенци|Пакт|Указ|"
    r"Постановлени|Федеральн|Положени|Правил|Регламент|Договор|Соглашени|КоАП|УК\b|ГК\b|ТК\b|НК\b|"
    r"Международн|Всеобщ)"
)

# Where a chain may begin: any level word, abbreviation or "this"/«настоящий» of either language.
_STARTER = re.compile(
    r"(?<!\w)(?:sub-?par|par|sub-?sec|subs|sec|ss?\.|art|chapter|part|this|the\s+present|"
    r"подп|пп\.|пункт|п\.|част|ч\.|стат|ст\.|глав|гл\.|настоящ|данн)",
    re.I,
)

_THIS_WORDS = {
    "article": "art", "paragraph": "para", "subparagraph": "subpara", "sub-paragraph": "subpara",
    "chapter": "chp", "section": "sec", "subsection": "subsec", "sub-section": "subsec", "part": "part",
    "стать": "art", "пункт": "para", "подпункт": "subpara", "част": "part", "глав": "chp",
}
_PATH_ITEMS = re.compile(r"\(([0-9a-zA-Zа-яё]{1,6})\)")
_RANGE_JOINER = re.compile(r"^(?:[ \t\u00a0]*[\u2013\u2014][ \t\u00a0]*|[ \t\u00a0]+(?:to|through|по)[ \t\u00a0]+)$", re.I)


@dataclass
class _Component:
    level: str
    items: list[list[str]] = field(default_factory=list)  # each item: number then path numbers
    ranges: list[tuple[str, str]] = field(default_factory=list)
    relative: bool = False
    plural: bool = False


@dataclass
class _Chain:
    start: int
    end: int
    components: list[_Component]


class _Index:
    """eId lookup and each provision's chain of ancestors."""

    def __init__(self, provisions: list[Provision]) -> None:
        self.by_eid: dict[str, Provision] = {}
        self.parents: dict[str, Provision | None] = {}
        for provision in provisions:
            self._add(provision, None)

    def _add(self, provision: Provision, parent: Provision | None) -> None:
        self.by_eid[provision.eid] = provision
        self.parents[provision.eid] = parent
        for child in provision.children:
            self._add(child, provision)

    def lineage(self, eid: str) -> list[Provision]:
        """The provision and its ancestors, innermost first."""
        chain: list[Provision] = []
        current = self.by_eid.get(eid)
        while current is not None:
            chain.append(current)
            current = self.parents.get(current.eid)
        return chain


def find_cross_references(provisions: list[Provision], text: str, language: str, *, uk: bool) -> list[CrossReference]:
    """Every reference to a provision of this draft, in document order.

    ``target_eids`` lists the provisions the reference resolves to that exist in the draft
    (empty when none does). Headings of articles, chapters and sections are not searched.
    """
    index = _Index(provisions)
    found: list[CrossReference] = []
    for provision in _walk(provisions):
        for seg_start, seg_end in provision.own_segments():
            if provision.kind != "preamble" and _is_headed(provision) and seg_start == provision.start:
                newline = text.find("\n", seg_start, seg_end)
                if newline < 0:
                    continue
                seg_start = newline + 1
            found.extend(_scan(text, seg_start, seg_end, provision, index, language, uk))
    found.sort(key=lambda ref: ref.start)
    return found


def _is_headed(provision: Provision) -> bool:
    if provision.kind in ("chapter", "article", "section"):
        return True
    return provision.kind == "part" and "__" not in provision.eid


def _scan(
    text: str, start: int, end: int, source: Provision, index: _Index, language: str, uk: bool
) -> list[CrossReference]:
    refs: list[CrossReference] = []
    # Line breaks inside one provision's own text are read as spaces (the same length, so
    # offsets hold): a reference may be wrapped over two lines, as PDF text is.
    flat = text[start:end].replace("\n", " ")
    russian = language == "ru" or _looks_russian(flat)
    position = 0
    while position < len(flat):
        chain = _next_chain(flat, position, language)
        if chain is None:
            break
        position = chain.end
        if all(c.relative for c in chain.components):
            continue
        tail = flat[chain.end:]
        if russian and _RU_OTHER_LAW.match(tail) and not _RU_THIS_LAW.match(tail):
            continue
        if _EN_OTHER_LAW.match(tail) and not _EN_THIS_LAW.match(tail):
            continue
        refs.append(CrossReference(
            text=text[start + chain.start:start + chain.end], start=start + chain.start,
            end=start + chain.end, source_eid=source.eid, target_eids=_resolve(chain.components, source, index, uk),
        ))
    return refs


def _looks_russian(line: str) -> bool:
    return bool(re.search(r"[а-яё]", line, re.I))


def _next_chain(line: str, position: int, language: str) -> _Chain | None:
    """The first reference chain starting at or after ``position``, or None."""
    grammars = ("ru", "en") if language == "ru" else ("en", "ru")
    while True:
        starter = _STARTER.search(line, position)
        if starter is None:
            return None
        for grammar in grammars:
            chain = _parse_chain(line, starter.start(), grammar)
            if chain:
                return chain
        position = starter.start() + 1


def _parse_chain(line: str, start: int, grammar: str) -> _Chain | None:
    components: list[_Component] = []
    position = start
    while True:
        component, end = _component_at(line, position, grammar)
        if component is None:
            break
        components.append(component)
        position = end
        connector = (_EN_OF if grammar == "en" else _RU_CHAIN).match(line, position)
        if not connector and component.level in _RANK and not component.relative:
            connector = _DESCENDING.match(line, position)  # "Article 9, paragraph 2"
            if connector:
                following, _ = _component_at(line, connector.end(), grammar)
                if following is None or following.relative or \
                        _RANK.get(following.level, -1) <= _RANK[component.level]:
                    break
        if not connector:
            break
        following, _ = _component_at(line, connector.end(), grammar)
        if following is None:
            break
        position = connector.end()
    if not components:
        return None
    end = position
    return _Chain(start, end, components)


def _component_at(line: str, position: int, grammar: str) -> tuple[_Component | None, int]:
    components = _EN_COMPONENTS if grammar == "en" else _RU_COMPONENTS
    for level, pattern in components:
        match = pattern.match(line, position)
        if match:
            word = match.group(0)[: match.start("list") - match.start()].strip()
            return _component(level, match.group("list"), word, grammar), match.end()
    this = (_EN_THIS if grammar == "en" else _RU_THIS).match(line, position)
    if this:
        word = this.group("word").lower()
        level = _THIS_WORDS.get(word) or _THIS_WORDS.get(word.replace("-", ""), "art")
        return _Component(level, relative=True), this.end()
    return None, position


def _component(level: str, listing: str, word: str, grammar: str) -> _Component:
    joiner = _J_RU if grammar == "ru" else _J_EN
    component = _Component(level)
    lowered = word.lower().rstrip(".")
    if grammar == "en":
        component.plural = lowered.endswith("s") or lowered in ("arts", "paras", "subparas", "ss")
    else:
        component.plural = lowered in ("пп", "ст.ст") or lowered.endswith(("ями", "ям", "ях", "ов", "ей", "ы")) \
            and not lowered.startswith("част") or lowered in ("статей", "пункты", "подпункты")
    pieces = re.split(f"({joiner})", listing)
    items, joiners = pieces[0::2], pieces[1::2]
    for position, raw in enumerate(items):
        parsed = _item(raw.strip(), grammar)
        if parsed is None:
            continue
        component.items.append(parsed)
        if position > 0 and _RANGE_JOINER.match(joiners[position - 1]) and len(component.items) >= 2:
            component.ranges.append((component.items[-2][0], parsed[0]))
    return component


def _item(raw: str, grammar: str) -> list[str] | None:
    """``"7(2)(a)"`` → ``["7", "2", "a"]``; ``"2)"`` → ``["2"]``; ``"(b)"`` → ``["b"]``; ordinals to digits."""
    if not raw:
        return None
    lowered = raw.lower()
    if grammar == "ru":
        for stem, value in _ORDINALS_RU.items():
            if lowered.startswith(stem):
                return [value]
    path = _PATH_ITEMS.findall(raw)
    head = raw.split("(", 1)[0].rstrip(")") if not raw.startswith("(") else (path.pop(0) if path else "")
    if not head:
        return None
    return [head, *path]


# ------------------------------------------------------------------------------- resolving

_PS_ORDER = ["art", "p1", "subpara", "point"]
_UK_ORDER = ["sec", "subsec", "para", "subpara"]


def _resolve(components: list[_Component], source: Provision, index: _Index, uk: bool) -> list[str]:
    """eIds of the existing provisions a chain refers to (empty when none exists).

    Levels above the highest one the chain names are taken from the provision holding the
    reference ("paragraph 2" inside Article 7 → Article 7(2); "subsection (2)" inside section 3
    → section 3(2)); "this Article" / «настоящей статьи» likewise.
    """
    order = _UK_ORDER if uk else _PS_ORDER
    context = _context(index.lineage(source.eid), uk)
    slots: dict[str, list[list[str]]] = {}
    p1_kind = "para"
    for component in components:
        level = component.level
        if not uk:
            if level in ("para", "part"):
                p1_kind, level = ("part" if level == "part" else "para"), "p1"
            if level in ("p1", "subpara") and component.items and all(_is_letter(i[0]) for i in component.items):
                level = "point"
        if component.relative:
            continue
        values = _expand(component, index, level, uk)
        if level in ("chp",) or (uk and level == "part"):
            slots[level] = values
            continue
        if level not in order:
            return []
        slots[level] = values
        # Path notation: "Article 7(2)(3)", "section 3(1)(a)" name the lower levels too.
        position = order.index(level)
        for item in values:
            for depth, extra in enumerate(item[1:], start=1):
                if position + depth < len(order):
                    slots.setdefault(order[position + depth], [[extra]])
    named = [level for level in order if level in slots]
    if not named:
        if "chp" in slots:
            return _existing([f"chp_{eid_number(v[0])}" for v in slots["chp"]], index)
        if "part" in slots:
            return _existing([f"part_{eid_number(v[0])}" for v in slots["part"]], index)
        return []
    highest = order.index(named[0])
    for level in order[:highest]:
        value = context.get(level)
        if value is None:
            if level == order[0]:
                return []
            continue
        slots[level] = [[value]]
        if level == "p1":
            p1_kind = context.get("p1_kind") or p1_kind

    levels = [level for level in order if level in slots]
    targets: list[str] = []
    for combination in product(*(slots[level] for level in levels)):
        numbers = dict(zip(levels, (item[0] for item in combination)))
        for eid in _alternatives(numbers, p1_kind, uk):
            if eid in index.by_eid:
                if eid not in targets:
                    targets.append(eid)
                break
    return targets


def _alternatives(numbers: dict[str, str], p1_kind: str, uk: bool) -> list[str]:
    """Candidate eIds for one set of numbers, most likely first."""
    if uk:
        return ["__".join(f"{level}_{eid_number(num)}" for level, num in numbers.items())]
    head = f"art_{eid_number(numbers['art'])}"
    lower = [f"{level}_{eid_number(numbers[level])}" for level in ("subpara", "point") if level in numbers]
    if "p1" not in numbers:
        return ["__".join([head, *lower])]
    p1 = eid_number(numbers["p1"])
    kinds = ["part", "para"] if p1_kind == "part" else ["para", "part"]
    options = ["__".join([head, f"{kind}_{p1}", *lower]) for kind in kinds]
    if not lower:
        options.append(f"{head}__subpara_{p1}")  # «пункт 2 статьи 1» for a list hanging under the article
    return options


def _existing(eids: list[str], index: _Index) -> list[str]:
    return [eid for eid in dict.fromkeys(eids) if eid in index.by_eid]


def _expand(component: _Component, index: _Index, level: str, uk: bool) -> list[list[str]]:
    """Items of a component with ranges spelt out ("paragraphs 1 to 3", "Articles 9–12")."""
    values = [list(item) for item in component.items]
    for first, last in component.ranges:
        if first.isdigit() and last.isdigit() and int(first) < int(last) <= int(first) + 200:
            at = next(i for i, item in enumerate(values) if item[0] == last)
            values[at:at] = [[str(n)] for n in range(int(first) + 1, int(last))]
    if component.plural and len(values) == 1:
        match = re.fullmatch(r"(\d+)-(\d+)", values[0][0])
        exists = level in ("art", "sec") and f"{'sec' if uk else 'art'}_{values[0][0]}" in index.by_eid
        if match and not exists:
            low, high = int(match.group(1)), int(match.group(2))
            if low < high <= low + 200:
                values = [[str(n)] for n in range(low, high + 1)]
    return values


def _is_letter(value: str) -> bool:
    return len(value) == 1 and value.isalpha()


def _context(lineage: list[Provision], uk: bool) -> dict[str, str | None]:
    """Numbers of the article, paragraph, ... holding a reference (from the innermost lineage)."""
    context: dict[str, str | None] = {}
    for provision in lineage:
        component = provision.eid.rsplit("__", 1)[-1]
        kind, _, number = component.partition("_")
        if not number:
            continue
        number = re.sub(r"_\d+$", "", number)
        if not uk and kind in ("para", "part") and "__" in provision.eid:
            if "p1" not in context:
                context["p1"], context["p1_kind"] = number, kind
            continue
        if kind in ("art", "sec", "subpara", "point", "subsec") or (uk and kind == "para"):
            context.setdefault(kind, number)
    return context


def _walk(provisions: list[Provision]):
    for provision in provisions:
        yield from provision.walk()
