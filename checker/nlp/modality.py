"""Deontic modality of legal clauses, and the actor who bears it.

A clause may oblige ("shall", "must", "is obliged", «обязан», «должен»), prohibit ("shall
not", "may not", "is prohibited", "no person may", «запрещается», «не допускается», «не
вправе», «не может») or permit ("may", "has the right", «вправе», «имеет право»). Each
modality found carries:

* ``kind``: "obligation", "prohibition" or "permission";
* ``negated``: whether a negation made it what it is ("shall not" is a negated obligation
  read as a prohibition, "is not required" a negated obligation read as a permission, "no
  person may" a permission negated by its subject);
* ``cues``: the words that say it, with character offsets;
* ``actor``: who bears it — one of :data:`ACTORS` — found by a lexicon of English and
  Russian names: the nearest actor before the cue that is the subject (English: not the
  object of a preposition; Russian: a nominative, else a dative as in «участникам
  запрещается»), else the first actor after the cue ("shall be submitted by the organiser").

Russian drafting also states duties in the present tense of a passive verb («собрание
проводится в специально отведенных местах»); such a verb counts as an ``implicit``
obligation (prohibition when negated), unless it stands in a relative or conditional clause
(«которое проводится», «если собрание проводится») or merely describes («является»,
«признается», «понимается»).

Everything here reads the text with regular expressions and the pymorphy3 dictionary; no
parser or model is needed, and a clause is analysed in microseconds. Offsets are character
offsets into the analysed text (for a spaCy ``Span``, into its ``Doc``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, get_args

from pydantic import BaseModel
from spacy.tokens import Doc, Span

from checker.models import Language

ModalityKind = Literal["obligation", "prohibition", "permission"]
MODALITY_KINDS: tuple[ModalityKind, ...] = get_args(ModalityKind)

Actor = Literal[
    "organiser",
    "participant",
    "journalist",
    "association",
    "party",
    "trade_union",
    "authority",
    "police",
    "court",
    "everyone",
]
ACTORS: tuple[Actor, ...] = get_args(Actor)


class Cue(BaseModel):
    """A word that carries a modality: ``text`` at ``[start, end)``."""

    text: str
    start: int
    end: int


class ActorMention(BaseModel):
    """An actor named in a clause: ``actor`` (one of :data:`ACTORS`), its words and offsets."""

    actor: Actor
    text: str
    start: int
    end: int


class Modality(BaseModel):
    """One deontic statement of a clause.

    Attributes:
        kind: "obligation", "prohibition" or "permission", as the whole cue reads.
        negated: a negation is part of the cue ("shall not", «не вправе», "no person may").
        cues: the words of the cue, in text order (the negation included).
        actor: who bears it, or None when the clause names no actor.
        actor_mention: the words naming the actor.
        implicit: a Russian present-tense passive verb read as a duty (no modal word).
    """

    kind: ModalityKind
    negated: bool = False
    cues: list[Cue]
    actor: Actor | None = None
    actor_mention: ActorMention | None = None
    implicit: bool = False

    @property
    def start(self) -> int:
        """Offset of the first cue word."""
        return self.cues[0].start

    @property
    def cue_text(self) -> str:
        """The cue words joined by spaces: "shall not", «не вправе»."""
        return " ".join(c.text for c in self.cues)


# --------------------------------------------------------------------------- actors

_EN_ACTORS: dict[Actor, list[str]] = {
    "organiser": [r"organi[sz]ers?(?:'s?)?", r"organi[sz]ing committees?"],
    "participant": [r"participants?(?:'s?)?", r"protesters?", r"demonstrators?", r"assembly participants?"],
    "journalist": [
        r"journalists?(?:'s?)?", r"reporters?", r"bloggers?", r"(?:mass )?media(?: outlets?| organi[sz]ations?)?",
        r"editors?(?:-in-chief)?", r"editorial (?:offices?|boards?)", r"broadcasters?", r"the press",
        r"news agenc(?:y|ies)",
    ],
    "association": [
        r"(?:public|non-governmental|non-commercial|non-profit|civil society|voluntary) (?:associations?|organi[sz]ations?)",
        r"associations?", r"ngos?", r"foundations?",
    ],
    "party": [r"political part(?:y|ies)(?:'s?)?"],
    "trade_union": [r"trade[- ]unions?", r"labou?r unions?", r"unions? of workers"],
    "authority": [
        r"local executive bod(?:y|ies)", r"executive bod(?:y|ies)", r"akimats?", r"akims?",
        r"authori[sz]ed (?:state )?bod(?:y|ies)", r"competent (?:state )?(?:bod(?:y|ies)|authorit(?:y|ies))",
        r"state bod(?:y|ies)", r"public authorit(?:y|ies)", r"(?:local |state |public )?authorit(?:y|ies)",
        r"local (?:self-)?government(?: bod(?:y|ies))?", r"municipalit(?:y|ies)", r"mayors?(?:'s office)?",
        r"the government", r"ministr(?:y|ies)", r"(?:city |regional |district |local |municipal |state )?administrations?",
    ],
    "police": [
        r"police(?: officers?| forces?| bod(?:y|ies))?", r"law[- ]enforcement(?: bod(?:y|ies)| agenc(?:y|ies)| officials?| officers?| authorit(?:y|ies))?",
        r"internal affairs bod(?:y|ies)", r"bod(?:y|ies) of internal affairs", r"security services?",
    ],
    "court": [r"courts?(?: of law)?", r"judges?", r"judicial authorit(?:y|ies)", r"tribunals?"],
    "everyone": [
        r"everyone", r"everybody", r"every(?: natural)? person", r"any(?: natural)? person", r"anyone", r"no person",
        r"no one", r"no-one", r"nobody", r"all persons", r"citizens?", r"any individual",
    ],
}

_RU_ACTORS: dict[Actor, list[str]] = {
    "organiser": [r"организатор\w*", r"организационн\w+ комитет\w*"],
    "participant": [r"участник\w*"],
    "journalist": [
        r"журналист\w*", r"сми", r"средств\w* массов\w+ информации", r"редакци\w*", r"блогер\w*",
        r"главн\w+ редактор\w*", r"редактор\w*", r"информационн\w+ агентств\w*", r"телерадиовещател\w*",
    ],
    "association": [
        r"общественн\w+ объединени\w*", r"некоммерческ\w+ организаци\w*", r"неправительственн\w+ организаци\w*",
        r"объединени\w*", r"фонд\w{0,3}",
    ],
    "party": [r"политическ\w+ парти\w*", r"парти(?:я|и|ю|ей|ям|ями|ях|й)"],
    "trade_union": [r"профессиональн\w+ союз\w*", r"профсоюз\w*"],
    "authority": [
        r"местн\w+ исполнительн\w+ орган\w*", r"исполнительн\w+ орган\w*", r"уполномоченн\w+ (?:государственн\w+ )?орган\w*",
        r"государственн\w+ орган\w*", r"орган\w* (?:государственной )?власти", r"орган\w* местного самоуправления",
        r"акимат\w*", r"аким(?:а|у|ом|е|ы|ов)?", r"администраци\w*", r"министерств\w*", r"правительств\w*",
    ],
    "police": [
        r"полици\w*", r"сотрудник\w* полиции", r"правоохранительн\w+ орган\w*", r"орган\w* внутренних дел",
        r"служб\w* безопасности",
    ],
    "court": [r"суд(?:а|у|ом|е|ы|ов|ам|ами|ах)?", r"судь(?:я|и|е|ю|ей|ям|ями|ях)", r"судей", r"судебн\w+ орган\w*"],
    "everyone": [
        r"кажд(?:ый|ого|ому|ым|ом)", r"никто", r"никого", r"никому", r"люб(?:ое|ого|ому|ым) лиц\w*",
        r"всяк(?:ий|ое|ого|ому)", r"граждан\w*",
    ],
}


def _compile_actors(table: dict[Actor, list[str]]) -> list[tuple[Actor, re.Pattern[str]]]:
    return [
        (actor, re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE))
        for actor, patterns in table.items()
        for pattern in patterns
    ]


_ACTOR_PATTERNS: dict[str, list[tuple[Actor, re.Pattern[str]]]] = {
    "en": _compile_actors(_EN_ACTORS),
    "ru": _compile_actors(_RU_ACTORS),
}


@lru_cache(maxsize=4096)
def _actors(text: str, lang: Language) -> tuple[tuple[Actor, int, int], ...]:
    candidates = [
        (match.start(), -(match.end() - match.start()), actor, match.end())
        for actor, regex in _ACTOR_PATTERNS[lang]
        for match in regex.finditer(text)
    ]
    candidates.sort()
    chosen: list[tuple[Actor, int, int]] = []
    for start, _, actor, end in candidates:
        if chosen and start < chosen[-1][2]:
            continue
        chosen.append((actor, start, end))
    return tuple(chosen)


def find_actors(text: str, lang: Language) -> list[ActorMention]:
    """Every actor named in ``text``, in order; of overlapping names the longest, leftmost one.

    "the local executive body" is one ``authority`` mention, not two; "law enforcement
    authorities" is ``police``.
    """
    return [ActorMention(actor=a, text=text[s:e], start=s, end=e) for a, s, e in _actors(text, lang)]


# --------------------------------------------------------------------------- cues

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_BARRIERS = frozenset(",;:()[]")


class _Tok:
    __slots__ = ("text", "low", "start", "end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.low = text.lower().replace("ё", "е").replace("’", "'")
        self.start = start
        self.end = end


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_FLIP = {"obligation": "prohibition", "prohibition": "permission", "permission": "prohibition"}


def _negate(kind: str, by_predicate: bool) -> str:
    """The kind a negation makes of ``kind``.

    A negated modal auxiliary forbids ("shall not go", "may not go"); a negated duty predicate
    frees ("is not required to go", «не обязан»); a negated ban permits; a negated right forbids.
    """
    if kind == "obligation" and by_predicate:
        return "permission"
    return _FLIP[kind]


# English -------------------------------------------------------------------

_EN_MODALS = {"shall": "obligation", "must": "obligation", "may": "permission", "can": "permission"}
_EN_NEGATED_MODALS = {"cannot": "can", "can't": "can", "mustn't": "must", "shan't": "shall", "mayn't": "may"}
_EN_BE = frozenset({"be", "is", "are", "been", "being", "was", "were"})
_EN_PREDICATES = {
    **dict.fromkeys(["prohibited", "forbidden", "banned", "barred", "outlawed"], "prohibition"),
    **dict.fromkeys(["entitled", "permitted", "allowed", "authorised", "authorized", "free", "eligible"], "permission"),
    **dict.fromkeys(["obliged", "obligated", "required", "bound", "compelled", "liable"], "obligation"),
}
_EN_NOUN_PREDICATES = {"right": "permission", "obligation": "obligation", "duty": "obligation"}
_EN_FINITE = {"prohibits": "prohibition", "forbids": "prohibition", "bans": "prohibition"}
_EN_ADVERBS = frozenset({"hereby", "also", "expressly", "strictly", "therefore", "further", "only", "thus", "equally"})
_EN_NEGATIONS = frozenset({"not", "never"})
_EN_SUBJECT_NEGATIONS = frozenset({"no", "nobody", "none", "neither", "no-one"})
_EN_NOT_SUBJECT_AFTER_NO = frozenset({"later", "earlier", "more", "less", "fewer", "sooner", "longer"})
_EN_DETERMINERS = frozenset(
    {"the", "a", "an", "any", "every", "each", "its", "their", "his", "her", "such", "this", "that", "these",
     "those", "all", "relevant", "respective", "other", "another", "same", "said"}
)
_EN_PREPOSITIONS = frozenset(
    {"of", "by", "with", "to", "from", "for", "at", "on", "in", "against", "upon", "about", "before", "after",
     "between", "among", "under", "over", "towards", "toward", "into", "onto", "within", "without", "via",
     "through", "near", "behind", "beside", "besides", "except", "like", "than", "including"}
)


def _en_predicate(toks: list[_Tok], j: int) -> tuple[str, int, bool] | None:
    """A deontic predicate starting at ``j``: ``(kind, index past it, negated by "no")``."""
    if j >= len(toks):
        return None
    word = toks[j].low
    if word in _EN_PREDICATES:
        if word == "free" and (j + 1 >= len(toks) or toks[j + 1].low != "to"):
            return None
        if word in {"bound", "liable"} and (j + 1 >= len(toks) or toks[j + 1].low != "to"):
            return None
        return _EN_PREDICATES[word], j + 1, False
    return None


def _en_have(toks: list[_Tok], j: int) -> tuple[str, int, bool] | None:
    """"the right" / "no right" / "the duty" after a form of "have" at ``j``."""
    if j + 1 < len(toks) and toks[j].low in {"the", "a", "an", "no"} and toks[j + 1].low in _EN_NOUN_PREDICATES:
        return _EN_NOUN_PREDICATES[toks[j + 1].low], j + 2, toks[j].low == "no"
    return None


def _en_subject_negation(toks: list[_Tok], i: int) -> _Tok | None:
    """A "no"/"nobody" opening the subject of the modal at ``i`` ("No person may ...")."""
    for k in range(i - 1, max(-1, i - 7), -1):
        word = toks[k].low
        if word in _BARRIERS or word in _EN_MODALS:
            return None
        if word in _EN_SUBJECT_NEGATIONS:
            if word == "no" and k + 1 < len(toks) and toks[k + 1].low in _EN_NOT_SUBJECT_AFTER_NO:
                return None
            return toks[k]
    return None


def _skip_adverbs(toks: list[_Tok], j: int, negations: list[_Tok]) -> int:
    while j < len(toks) and (toks[j].low in _EN_ADVERBS or toks[j].low in _EN_NEGATIONS):
        if toks[j].low in _EN_NEGATIONS:
            negations.append(toks[j])
        j += 1
    return j


def _en_cues(toks: list[_Tok]) -> list[tuple[str, bool, list[_Tok], bool]]:
    """``(kind, negated, cue tokens, implicit)`` for each cue of an English clause."""
    found = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        word = tok.low
        modal = _EN_NEGATED_MODALS.get(word, word)
        if modal in _EN_MODALS:
            if modal == "may" and tok.text == "May" and (
                (i > 0 and toks[i - 1].low.isdigit()) or (i + 1 < n and toks[i + 1].low.isdigit())
            ):
                i += 1  # the month
                continue
            if modal == "may" and i > 0 and toks[i - 1].low == "case":
                i += 1  # "as the case may be"
                continue
            negations: list[_Tok] = [tok] if word in _EN_NEGATED_MODALS else []
            j = i + 1
            if word == "can" and not (j < n and toks[j].low == "not"):
                i += 1  # a bare "can" states ability more often than permission
                continue
            j = _skip_adverbs(toks, j, negations)
            cue = [tok] + [t for t in negations if t is not tok]
            kind = _EN_MODALS[modal]
            by_predicate = False
            predicate = None
            if j < n and toks[j].low in _EN_BE:
                k = _skip_adverbs(toks, j + 1, negations)
                predicate = _en_predicate(toks, k)
            elif j < n and toks[j].low == "have":
                predicate = _en_have(toks, j + 1)
            if predicate is not None:
                kind, end, no_right = predicate
                by_predicate = True
                cue = [t for t in toks[i:end] if t.low not in _EN_ADVERBS]
                if no_right:
                    negations.append(toks[end - 2])
                j = end
            negated = False
            for _ in negations:
                kind = _negate(kind, by_predicate)
                negated = True
            subject = _en_subject_negation(toks, i)
            if subject is not None:
                kind = _negate(kind, by_predicate)
                negated = True
                cue = [subject] + cue
            found.append((kind, negated, cue, False))
            i = max(j, i + 1)
            continue
        if word in _EN_BE:
            negations = []
            k = _skip_adverbs(toks, i + 1, negations)
            predicate = _en_predicate(toks, k)
            if predicate is not None:
                kind, end, _ = predicate
                for _ in negations:
                    kind = _negate(kind, True)
                cue = [tok] + negations + [toks[end - 1]]
                found.append((kind, bool(negations), cue, False))
                i = end
                continue
        if word in {"has", "have"} or (word in {"do", "does"} and i + 2 < n and toks[i + 1].low == "not" and toks[i + 2].low == "have"):
            negations = [toks[i + 1]] if word in {"do", "does"} else []
            start = i + 3 if negations else i + 1
            predicate = _en_have(toks, start)
            if predicate is not None:
                kind, end, no_right = predicate
                if no_right:
                    negations.append(toks[end - 2])
                for _ in negations:
                    kind = _negate(kind, True)
                found.append((kind, bool(negations), toks[i:end], False))
                i = end
                continue
        if word in _EN_FINITE:
            found.append((_EN_FINITE[word], False, [tok], False))
        elif word == "need" and i + 1 < n and toks[i + 1].low == "not":
            found.append(("permission", True, [tok, toks[i + 1]], False))
            i += 2
            continue
        i += 1
    return found


# Russian -------------------------------------------------------------------

_RU_WORDS: list[tuple[re.Pattern[str], str, bool]] = [
    # (form, kind, a negation works on it as on a duty predicate: «не обязан» frees)
    (re.compile(r"обязан[аоы]?|обязуе?тся|обязуются"), "obligation", True),
    (re.compile(r"требуе?тся|требуются"), "obligation", True),
    (re.compile(r"должн[аоы]|должен"), "obligation", False),
    (re.compile(r"подлежи[тм]|подлежат"), "obligation", False),
    (
        re.compile(r"вправе|может|могут|можно|допускае?тся|допускаются|допущен[аоы]?|разрешае?тся|разрешаются|разрешен[аоы]?"),
        "permission",
        False,
    ),
    (re.compile(r"запрещае?тся|запрещаются|запрещен[аоы]?|воспрещае?тся|недопустим[аоы]?|нельзя"), "prohibition", False),
]
_RU_HAVE = re.compile(r"имеет|имеют|имея|обладает|обладают")
_RU_RIGHT = re.compile(r"прав[оа]")
_RU_SUBORDINATORS = re.compile(r"котор\w+|если|когда|где|куда|откуда|чтобы|пока|поскольку|хотя|ежели|что")
_RU_IMPLICIT = re.compile(r"\w+(?:ет|ют|ит|ят)ся")
# present-tense passives that describe or define rather than oblige
_RU_DESCRIPTIVE = frozenset(
    {
        "являться", "считаться", "признаваться", "пониматься", "относиться", "находиться", "называться",
        "оставаться", "касаться", "зависеть", "основываться", "состоять", "содержаться", "отличаться",
        "включаться", "делиться", "подразделяться", "учитываться", "распространяться", "применяться",
        "допускаться", "запрещаться", "разрешаться", "требоваться", "обязываться", "воспрещаться",
        "стремиться", "нуждаться", "пользоваться", "заключаться", "использоваться", "планироваться",
        "предполагаться", "ожидаться", "регулироваться", "проживать", "руководствоваться",
    }
)
_RU_PREPOSITIONS = frozenset(
    {"в", "во", "на", "по", "с", "со", "от", "к", "ко", "у", "о", "об", "обо", "при", "для", "до", "за", "из",
     "изо", "без", "через", "перед", "между", "над", "под", "против", "согласно", "после", "вблизи", "около",
     "возле", "среди", "кроме", "вместо", "ради", "из-за", "из-под", "путем", "посредством"}
)


@lru_cache(maxsize=50_000)
def _ru_parse(word: str) -> tuple[frozenset[str], ...]:
    from checker.nlp.pipeline import _morph

    return tuple(frozenset(str(p.tag).replace(" ", ",").split(",")) | {"NF:" + p.normal_form} for p in _morph().parse(word))


def _ru_implicit(toks: list[_Tok], i: int) -> bool:
    """Whether the verb at ``i`` is a present-tense passive stating a duty («проводится»)."""
    word = toks[i].low
    if not _RU_IMPLICIT.fullmatch(word):
        return False
    parses = _ru_parse(word)
    if not any({"VERB", "pres", "3per", "impf"} <= p for p in parses[:1]):
        return False
    if any(("NF:" + lemma) in parses[0] for lemma in _RU_DESCRIPTIVE):
        return False
    for k in range(i - 1, -1, -1):
        if toks[k].low in _BARRIERS:
            break
        if _RU_SUBORDINATORS.fullmatch(toks[k].low):
            return False
    return True


def _ru_cues(toks: list[_Tok]) -> list[tuple[str, bool, list[_Tok], bool]]:
    """``(kind, negated, cue tokens, implicit)`` for each cue of a Russian clause."""
    found = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        negation = toks[i - 1] if i > 0 and toks[i - 1].low == "не" else None
        kind = None
        by_predicate = False
        cue = [tok]
        if _RU_HAVE.fullmatch(tok.low) and i + 1 < n and _RU_RIGHT.fullmatch(toks[i + 1].low):
            kind, cue = "permission", [tok, toks[i + 1]]
        else:
            for form, word_kind, duty_predicate in _RU_WORDS:
                if form.fullmatch(tok.low):
                    kind, by_predicate = word_kind, duty_predicate
                    break
        implicit = False
        if kind is None and _ru_implicit(toks, i):
            kind, implicit = "obligation", True
        if kind is None:
            i += 1
            continue
        if negation is not None:
            kind = _negate(kind, by_predicate)
            cue = [negation] + cue
        found.append((kind, negation is not None, cue, implicit))
        i += len(cue) - (1 if negation is not None else 0)
    return found


# --------------------------------------------------------------------------- actors of cues


def _en_subject_like(text: str, toks: list[_Tok], mention: tuple[Actor, int, int], after: bool) -> bool:
    """An English actor mention that can bear a modality: before the cue, not the object of a
    preposition; after it, only an agent ("by the organiser", "for participants")."""
    k = _token_before(toks, mention[1])
    while k is not None and k >= 0 and toks[k].low in _EN_DETERMINERS:
        k -= 1
    if k is None or k < 0:
        return not after
    word = toks[k].low
    if after:
        return word in {"by", "for"}
    return word not in _EN_PREPOSITIONS


def _ru_case_ok(
    text: str, toks: list[_Tok], mention: tuple[Actor, int, int], cases: set[str], likeliest: bool = False
) -> bool:
    """A Russian actor mention in one of ``cases`` and not after a preposition; with
    ``likeliest`` only the word's most frequent reading counts ("администрации" is a genitive)."""
    k = _token_before(toks, mention[1])
    if k is not None and k >= 0 and toks[k].low in _RU_PREPOSITIONS:
        return False
    first = text[mention[1] : mention[2]].split()[0].lower().replace("ё", "е")
    if first in {"сми"}:
        return True
    parses = _ru_parse(first)
    # only the readings of the word's likeliest lemma: "суда" is the court's genitive, not ships
    lemma = next(tag for tag in parses[0] if tag.startswith("NF:"))
    if likeliest:
        return bool(parses[0] & cases)
    return any(p & cases for p in parses if lemma in p)


def _token_before(toks: list[_Tok], offset: int) -> int | None:
    """Index of the last token ending at or before ``offset`` (None when there is none)."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1 if lo > 0 else None


def _bearer(
    text: str,
    toks: list[_Tok],
    mentions: tuple[tuple[Actor, int, int], ...],
    cue_start: int,
    cue_end: int,
    next_cue: int,
    lang: Language,
) -> tuple[Actor, int, int] | None:
    """The actor mention bearing the cue at ``[cue_start, cue_end)``; ``next_cue`` is where
    the clause's next cue starts (an agent after the cue is looked for before it)."""
    before = [m for m in mentions if m[2] <= cue_start]
    # after the cue, only up to the next comma or cue: «запрещается участникам», not «..., Правительства»
    barrier = next((t.start for t in toks if t.start >= cue_end and t.low in _BARRIERS), len(text))
    after = [m for m in mentions if cue_end <= m[1] and m[2] <= min(barrier, next_cue)]
    if lang == "en":
        k = _token_before(toks, cue_start)
        while k is not None and k >= 0 and toks[k].low in _EN_ADVERBS:
            k -= 1
        if k is not None and k >= 0 and toks[k].low in {"which", "who", "whom"}:
            # "in court, which shall rule": the relative pronoun's antecedent bears the cue
            antecedent = [m for m in before if m[2] <= toks[k].start]
            if antecedent:
                return antecedent[-1]
        for mention in reversed(before):
            if _en_subject_like(text, toks, mention, after=False):
                return mention
        for mention in after:
            if _en_subject_like(text, toks, mention, after=True):
                return mention
        return None
    for cases, likeliest in (({"nomn"}, False), ({"datv"}, True)):
        for mention in reversed(before):
            if _ru_case_ok(text, toks, mention, cases, likeliest):
                return mention
    for mention in after:
        if _ru_case_ok(text, toks, mention, {"nomn", "datv", "ablt"}, likeliest=True):
            return mention
    return None


# --------------------------------------------------------------------------- public API


@lru_cache(maxsize=8192)
def _analyse(text: str, lang: Language) -> tuple[Modality, ...]:
    toks = _tokens(text)
    cues = _en_cues(toks) if lang == "en" else _ru_cues(toks)
    mentions = _actors(text, lang)
    result = []
    starts = [min(t.start for t in cue[2]) for cue in cues] + [len(text)]
    for number, (kind, negated, cue_toks, implicit) in enumerate(cues):
        cue_toks = sorted(cue_toks, key=lambda t: t.start)
        # a negation that names the actor ("No person may") is not where the cue starts
        own = [t for t in cue_toks if not any(m[1] <= t.start and t.end <= m[2] for m in mentions)] or cue_toks
        bearer = _bearer(text, toks, mentions, own[0].start, own[-1].end, starts[number + 1], lang)
        result.append(
            Modality(
                kind=kind,  # type: ignore[arg-type]
                negated=negated,
                cues=[Cue(text=t.text, start=t.start, end=t.end) for t in cue_toks],
                actor=bearer[0] if bearer else None,
                actor_mention=(
                    ActorMention(actor=bearer[0], text=text[bearer[1] : bearer[2]], start=bearer[1], end=bearer[2])
                    if bearer
                    else None
                ),
                implicit=implicit,
            )
        )
    return tuple(result)


def _shifted(modality: Modality, offset: int) -> Modality:
    if not offset:
        return modality.model_copy(deep=True)
    mention = modality.actor_mention
    return modality.model_copy(
        update={
            "cues": [c.model_copy(update={"start": c.start + offset, "end": c.end + offset}) for c in modality.cues],
            "actor_mention": mention.model_copy(update={"start": mention.start + offset, "end": mention.end + offset})
            if mention
            else None,
        }
    )


def find_modalities(clause: str | Span | Doc, lang: Language | None = None, offset: int = 0) -> list[Modality]:
    """The modalities of one clause, in text order.

    Args:
        clause: the clause's text, or a spaCy ``Span``/``Doc`` of a rightscheck pipeline.
        lang: "en" or "ru"; for a Span or Doc, default the pipeline's language; for a text,
            default by script (Cyrillic letters outnumbering Latin ones: Russian).
        offset: added to every offset of a text clause (its position in a larger text).

    Returns:
        :class:`Modality` objects; offsets are into the text given (plus ``offset``), or into
        the Doc for a Span.
    """
    if isinstance(clause, (Span, Doc)):
        text = clause.text
        offset = clause.start_char if isinstance(clause, Span) else 0
        if lang is None:
            lang = clause.doc.lang_ if isinstance(clause, Span) else clause.lang_  # type: ignore[assignment]
    else:
        text = clause
    if lang not in ("en", "ru"):
        cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
        lang = "ru" if cyrillic * 2 > sum(1 for ch in text if ch.isalpha()) else "en"
    return [_shifted(m, offset) for m in _analyse(text, lang)]


def modalities_in(text: str, pieces: list[tuple[int, int]], lang: Language) -> list[Modality]:
    """The modalities of the clause made of ``pieces`` (``(start, end)`` ranges of ``text``).

    Each piece is read on its own (a lead-in "The organiser shall:" and the item it governs
    are two pieces); offsets are into ``text``.
    """
    found: list[Modality] = []
    for start, end in pieces:
        found.extend(find_modalities(text[start:end], lang, offset=start))
    return found


def describe(modality: Modality) -> str:
    """A phrase for explanations: "a prohibition (“shall not”) borne by the organiser"."""
    article = "an" if modality.kind == "obligation" else "a"
    words = f"{article} {modality.kind}"
    if modality.implicit:
        words = f"{article} {modality.kind} stated in the present tense"
    words += f" (“{modality.cue_text}”)"
    if modality.actor:
        words += f" borne by the {modality.actor.replace('_', ' ')}"
        if modality.actor == "everyone":
            words = words.replace("borne by the everyone", "borne by everyone")
    return words


if not Span.has_extension("modalities"):
    Span.set_extension("modalities", getter=lambda span: find_modalities(span))
if not Doc.has_extension("modalities"):
    Doc.set_extension("modalities", getter=lambda doc: find_modalities(doc))
