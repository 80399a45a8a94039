"""The phrase syntax standards use to say which words to match.

A phrase is a sequence of space-separated items, each matching one token unless said
otherwise. Words are compared by lemma (``token.norm_``), so inflected forms match:

==================  =========================================================================
``permission``       the lemma of "permission" (matches "permission", "permissions")
``permission|consent``  any of these lemmas
``=shall``          exactly this lower-cased form, not the lemma
``пятикратн*``      any word whose lower-cased form starts with "пятикратн"
``направлен*|нацелен*``  any word starting with one of these (all alternatives starred)
``only?``           an optional item (any item may end in ``?``)
``...``             up to 6 tokens of the same line (``...3``: up to 3)
``#num``            a number, in digits or in words ("250", "ten", "двухсот")
``(take part|attend)``  any of several word sequences (a group: several alternatives of
                    one or more words each, in brackets with no space after "(" or before ")")
``,`` ``(`` ...     punctuation matches itself
==================  =========================================================================

A phrase may instead be a raw spaCy Matcher pattern (a list of token dicts), for what the
syntax cannot say.
"""

from __future__ import annotations

import re

from spacy.language import Language as SpacyLanguage

from checker.models import Language
from checker.nlp.pipeline import lemmatize_word

_GAP = re.compile(r"^\.\.\.(\d*)$")


class PhraseError(ValueError):
    """A phrase that does not follow the syntax; the message names the item."""


def _lemmas(word: str, nlp: SpacyLanguage, lang: Language) -> list[str]:
    tokens = [t.text for t in nlp.make_doc(word)]
    return [lemmatize_word(t, lang) for t in tokens]


_GROUP = re.compile(r"\(([^()\s][^()]*\|[^()]*[^()\s])\)")
_MAX_VARIANTS = 64


_HYPHENATED = re.compile(r"\w-\w")


def _hyphenated_as_group(item: str) -> str:
    """``re-register|renew`` → ``(re-register|renew)``: a hyphenated word is several tokens
    ("re", "-", "register"), so a list of alternatives holding one becomes a group, whose
    alternatives may be several tokens long. Other items are returned unchanged."""
    if "|" not in item or "(" in item or ")" in item or item.endswith("?") or "*" in item or item.startswith("="):
        return item
    alternatives = item.split("|")
    if any(_HYPHENATED.search(a) for a in alternatives) and all(alternatives):
        return "(" + item + ")"
    return item


def expand_phrase(phrase: str | list[dict]) -> list[str | list[dict]]:
    """The plain phrases a phrase with groups stands for: "(may not|shall not) hold" →
    ["may not hold", "shall not hold"]. A phrase without groups, or a raw token pattern, is
    returned alone.

    Raises:
        PhraseError: a bracket left open or closed twice, or more than 64 variants.
    """
    if isinstance(phrase, list):
        return [phrase]
    variants = [" ".join(_hyphenated_as_group(item) for item in phrase.split())]
    while any(_GROUP.search(v) for v in variants):
        expanded = []
        for variant in variants:
            match = _GROUP.search(variant)
            if match is None:
                expanded.append(variant)
                continue
            for alternative in match.group(1).split("|"):
                expanded.append(variant[: match.start()] + alternative.strip() + variant[match.end():])
        variants = expanded
        if len(variants) > _MAX_VARIANTS:
            raise PhraseError(f"phrase {phrase!r} stands for more than {_MAX_VARIANTS} variants")
    for variant in variants:
        if re.search(r"(^|\s)\(\S|\S\)(\s|$)", variant) and "|" in variant:
            raise PhraseError(f"phrase {phrase!r} has a bracket that does not close a group of alternatives")
    return variants


def compile_phrases(phrase: str | list[dict], nlp: SpacyLanguage, lang: Language) -> list[list[dict]]:
    """Every token pattern a phrase stands for (see :func:`expand_phrase`), each compiled by
    :func:`compile_phrase`. Raises PhraseError."""
    return [compile_phrase(variant, nlp, lang) for variant in expand_phrase(phrase)]


def compile_phrase(phrase: str | list[dict], nlp: SpacyLanguage, lang: Language) -> list[dict]:
    """Turn a phrase into a spaCy Matcher token pattern.

    Args:
        phrase: a phrase in the syntax above, or a raw token pattern (returned unchanged).
        nlp: the pipeline of ``lang`` (its tokenizer splits multi-token words like
            "sound-amplifying" the way the draft's text is split).
        lang: "en" or "ru", for lemmatising the phrase's words.

    Returns:
        A list of token dicts for ``Matcher.add``.

    Raises:
        PhraseError: an empty phrase, an alternative of several tokens, or a phrase that
            starts or ends with a gap.
    """
    if isinstance(phrase, list):
        if not phrase or not all(isinstance(t, dict) for t in phrase):
            raise PhraseError("a raw pattern must be a non-empty list of token mappings")
        return phrase
    items = phrase.split()
    if not items:
        raise PhraseError("empty phrase")
    if _GAP.match(items[0]) or _GAP.match(items[-1]):
        raise PhraseError(f"phrase {phrase!r} may not start or end with '...'")
    pattern: list[dict] = []
    for item in items:
        gap = _GAP.match(item)
        if gap:
            pattern.append({"IS_SPACE": False, "OP": "{0,%d}" % int(gap.group(1) or 6)})
            continue
        optional = item.endswith("?") and len(item) > 1
        if optional:
            item = item[:-1]
        if item == "#num":
            tokens = [{"LIKE_NUM": True}]
        elif item.startswith("=") and len(item) > 1:
            tokens = [{"LOWER": item[1:].lower()}]
        elif "|" in item and all(a.endswith("*") and len(a) > 1 for a in item.split("|")):
            stems = "|".join(re.escape(a[:-1].lower()) for a in item.split("|"))
            tokens = [{"LOWER": {"REGEX": f"^(?:{stems})"}}]
        elif item.endswith("*") and len(item) > 1 and "|" not in item:
            tokens = [{"LOWER": {"REGEX": "^" + re.escape(item[:-1].lower())}}]
        elif "|" in item:
            alternatives = [a for a in item.split("|") if a]
            if any(a.endswith("*") for a in alternatives):
                raise PhraseError(f"in {item!r} of {phrase!r} either every alternative or none ends in '*'")
            norms: list[str] = []
            for alternative in alternatives:
                lemmas = _lemmas(alternative, nlp, lang)
                if len(lemmas) != 1:
                    raise PhraseError(f"alternative {alternative!r} in {phrase!r} is more than one word")
                norms.append(lemmas[0])
                if alternative.lower() != lemmas[0]:
                    norms.append(alternative.lower())
            tokens = [{"NORM": {"IN": sorted(set(norms))}}]
        else:
            lemmas = _lemmas(item, nlp, lang)
            tokens = [{"NORM": lemma} for lemma in lemmas]
        if optional:
            if len(tokens) != 1:
                raise PhraseError(f"optional item {item!r} in {phrase!r} is more than one word")
            tokens[0]["OP"] = "?"
        pattern.extend(tokens)
    return pattern


def describe(phrase: str | list[dict]) -> str:
    """A phrase as a lawyer reads it in an explanation: alternatives joined by " / ", a gap
    shown as "…", a number as "[number]", an optional word in brackets, a prefix with "…".

    >>> describe("only with|after the permission|consent ... of the ...3 body")
    '“only with / after the permission / consent … of the … body”'
    """
    if isinstance(phrase, list):
        return f"a token pattern ({len(phrase)} tokens)"
    phrase = _GROUP.sub(lambda m: "(" + m.group(1).replace(" ", "\u00a0") + ")", phrase)
    words = []
    for item in phrase.split():
        if item.startswith("(") and item.endswith(")") and "|" in item:
            words.append("(" + " / ".join(a.replace("\u00a0", " ") for a in item[1:-1].split("|")) + ")")
            continue
        if _GAP.match(item):
            words.append("…")
            continue
        optional = item.endswith("?") and len(item) > 1
        item = item[:-1] if optional else item
        if item == "#num":
            text = "[number]"
        else:
            text = " / ".join(
                (a[1:] if a.startswith("=") else a[:-1] + "…" if a.endswith("*") and len(a) > 1 else a)
                for a in item.split("|") if a
            )
        words.append(f"({text})" if optional else text)
    return "“" + " ".join(words) + "”"
