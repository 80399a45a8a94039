"""Building Documents from text and checking the invariants every parsed draft must keep."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from checker.models import Document, Draft, Provision, TextBlock
from checker.structure import parse

REPO = Path(__file__).resolve().parents[2]
SHARED_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
DRAFTS = REPO / "drafts"

_HEADING_WORDS = {
    "article": r"(?:Article|ARTICLE|Art\.|Статья|СТАТЬЯ|Ст\.)",
    "chapter": r"(?:Chapter|CHAPTER|Глава|ГЛАВА)",
    "section": r"(?:Section|SECTION)?",
}


def document(text: str, name: str = "<text>") -> Document:
    """A Document holding ``text`` as one block, as ingest makes of a plain-text upload."""
    return Document(
        text=text,
        blocks=[TextBlock(start=0, end=len(text), paragraph=1)],
        source_name=name,
        source_format="text",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def parse_text(text: str, language: str = "en") -> Draft:
    """Parse ``text`` and check the tree's invariants before handing the draft to the test."""
    draft = parse(document(text), language)
    assert_invariants(draft)
    return draft


def corpus_text(name: str) -> str:
    """A draft of the shared corpus (beside the repository); skips the test when it is absent."""
    path = SHARED_CORPUS / name
    if not path.is_file():
        pytest.skip(f"shared corpus not available: {path}")
    return path.read_text(encoding="utf-8")


def bundled_text(name: str) -> str:
    """A sample draft bundled in the repository's ``drafts/`` folder."""
    path = DRAFTS / name
    if not path.is_file():
        pytest.skip(f"bundled draft not available: {path}")
    return path.read_text(encoding="utf-8")


def quote(draft: Draft, provision: Provision) -> str:
    """The provision's text as it stands in the draft."""
    return draft.text[provision.start : provision.end]


def _expected_opening(provision: Provision) -> str | None:
    """A regex the provision's text must start with, from its kind and number."""
    num = re.escape(provision.num) if provision.num else None
    if provision.kind in _HEADING_WORDS and num:
        return rf"{_HEADING_WORDS[provision.kind]}\s*{num}\b"
    if provision.kind == "paragraph" and num and provision.eid.startswith(("art_", "sched_")):
        return rf"{num}\.?(?=\s)"
    if provision.kind in ("subparagraph", "point", "subsection", "paragraph") and num:
        return rf"\(?{num}\)"
    return None


def assert_invariants(draft: Draft) -> None:
    """Every provision lies in the text, starts with its number or heading, holds its children
    in order without overlap, and has a unique eId."""
    text = draft.text
    seen: set[str] = set()

    def check(nodes: list[Provision], lower: int, upper: int) -> None:
        cursor = lower
        for node in nodes:
            assert node.eid not in seen, f"duplicate eId {node.eid}"
            seen.add(node.eid)
            assert lower <= node.start < node.end <= upper, f"{node.eid} outside its parent"
            assert node.start >= cursor, f"{node.eid} overlaps its previous sibling"
            cursor = node.end
            body = text[node.start : node.end]
            assert body == body.strip(), f"{node.eid} has untrimmed whitespace"
            pattern = _expected_opening(node)
            if pattern:
                assert re.match(pattern, body), f"{node.eid} does not start with its number: {body[:40]!r}"
            if node.heading:
                assert node.heading in "\n".join(body.split("\n")[:3]), f"{node.eid} heading not at its start"
            check(node.children, node.start, node.end)

    check(draft.provisions, 0, len(text))
