"""Finding one's way in a parsed draft: checkable leaves, ancestors, look-up by label."""

from __future__ import annotations

import re

from checker.models import Draft, Provision

_GROUP_KINDS = frozenset({"chapter"})
_SPACES = re.compile(r"\s+")
_ABBREVIATIONS = (
    (re.compile(r"^art\.?\s*(?=\d)", re.I), "article "),
    (re.compile(r"^s\.\s*(?=\d)", re.I), "section "),
    (re.compile(r"^sec\.?\s*(?=\d)", re.I), "section "),
    (re.compile(r"^ст\.\s*(?=\d)", re.I), "статья "),
    (re.compile(r"\bп\.\s*(?=\d)", re.I), "пункт "),
    (re.compile(r"\bпп\.\s*(?=\d)", re.I), "подпункт "),
    (re.compile(r"\bч\.\s*(?=\d)", re.I), "часть "),
)


def _is_grouping(provision: Provision) -> bool:
    """Chapters, parts of an act and schedules: provisions that group others."""
    return provision.kind in _GROUP_KINDS or (provision.kind == "part" and "__" not in provision.eid)


def leaves(draft: Draft) -> list[Provision]:
    """The checkable provisions of ``draft``, in document order.

    A leaf is a provision without children: a subparagraph, a paragraph without
    subparagraphs, an article without paragraphs, the preamble, or a sentence of an
    unstructured text. A chapter (or part, or schedule) with no children and no text besides
    its heading line is left out. The chapeau of an article or paragraph that has
    subparagraphs is not a leaf: it is the parent's ``own_segments()``.
    """
    result: list[Provision] = []
    for provision in draft.walk():
        if provision.children:
            continue
        if _is_grouping(provision) and not _has_body(draft.text, provision):
            continue
        result.append(provision)
    return result


def _has_body(text: str, provision: Provision) -> bool:
    newline = text.find("\n", provision.start, provision.end)
    return newline >= 0 and bool(text[newline:provision.end].strip())


def ancestors(draft: Draft, eid: str) -> list[Provision]:
    """The provisions containing the one with ``eid``, root first; the provision itself excluded.

    Raises KeyError when no provision of ``draft`` has that eId.
    """

    def search(nodes: list[Provision], trail: list[Provision]) -> list[Provision] | None:
        for node in nodes:
            if node.eid == eid:
                return trail
            found = search(node.children, [*trail, node])
            if found is not None:
                return found
        return None

    found = search(draft.provisions, [])
    if found is None:
        raise KeyError(f"no provision with eId {eid!r} in this draft")
    return found


def normalise_label(label: str) -> str:
    """A label in a comparable form: case folded, spaces collapsed, none before ``(``, abbreviations spelt out."""
    text = _SPACES.sub(" ", label.replace("\u00a0", " ")).strip().casefold()
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\s+\(", "(", text)
    text = re.sub(r"\(\s*([^)]*?)\s*\)", r"(\1)", text)
    return _SPACES.sub(" ", text).strip()


def find_by_label(draft: Draft, label: str) -> Provision | None:
    """The first provision whose English or local label is ``label`` ("Article 9(1)(2)",
    "Section 3(1)(a)", "Preamble", "Статья 9 пункт 1"), compared without regard to case or
    spacing, "Art." read as "Article"; None when there is none.
    """
    wanted = normalise_label(label)
    for provision in draft.walk():
        if normalise_label(provision.label) == wanted:
            return provision
        if provision.label_local and normalise_label(provision.label_local) == wanted:
            return provision
    return None
