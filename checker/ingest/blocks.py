"""From extracted pieces of text to a :class:`~checker.models.Document`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import NamedTuple

from checker.errors import EmptyDraft, FileTooLarge
from checker.ingest.limits import IngestLimits
from checker.models import Document, SourceFormat, TextBlock


class RawBlock(NamedTuple):
    """A piece of extracted text and where it came from.

    ``paragraph`` is the 1-based index of its paragraph (or line) in the source, counting
    empty ones; ``page`` is the 1-based page of a PDF, else None. ``text`` may hold
    newlines: each line becomes its own block with the same provenance.
    """

    text: str
    paragraph: int | None
    page: int | None = None


class BlockSink:
    """Collects :class:`RawBlock` s while a parser runs and enforces ``max_chars``.

    Raises:
        FileTooLarge: from :meth:`add` once the text passes ``limits.max_chars``.
    """

    def __init__(self, limits: IngestLimits) -> None:
        self.blocks: list[RawBlock] = []
        self.chars = 0
        self.max_chars = limits.max_chars

    def add(self, text: str, paragraph: int | None, page: int | None = None) -> None:
        """Append one block (empty text is dropped)."""
        if not text:
            return
        self.chars += len(text)
        if self.chars > self.max_chars:
            raise too_much_text(self.max_chars)
        self.blocks.append(RawBlock(text, paragraph, page))


def too_much_text(max_chars: int) -> FileTooLarge:
    """The error for text over ``max_chars`` characters."""
    return FileTooLarge(
        f"the file holds more than {max_chars:,} characters of text",
        "split the draft into smaller files",
    )


# Invisible or layout-only characters that would split words for later matching.
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_line(line: str) -> str:
    """One line made fit for matching: NFC, no soft hyphens or zero-width characters,
    no control characters, runs of spaces/tabs/no-break spaces as one space, stripped."""
    line = unicodedata.normalize("NFC", line.translate(_DROP))
    line = _CONTROL.sub(" ", line)
    return _SPACES.sub(" ", line).strip()


def build_document(
    raw: list[RawBlock],
    *,
    source_name: str,
    source_format: SourceFormat,
    data: bytes,
    limits: IngestLimits,
    encoding: str | None = None,
) -> Document:
    """Join cleaned, non-empty lines of ``raw`` into a Document; ``sha256`` of ``data``.

    Raises:
        EmptyDraft: no block holds any text.
        FileTooLarge: the text is longer than ``limits.max_chars``.
    """
    parts: list[str] = []
    blocks: list[TextBlock] = []
    offset = 0
    for item in raw:
        for line in item.text.splitlines():
            line = clean_line(line)
            if not line:
                continue
            if parts:
                offset += 1  # the "\n" joining this block to the previous one
            blocks.append(
                TextBlock(start=offset, end=offset + len(line), page=item.page, paragraph=item.paragraph)
            )
            parts.append(line)
            offset += len(line)
            if offset > limits.max_chars:
                raise too_much_text(limits.max_chars)
    if not parts:
        raise EmptyDraft(f"{source_name} holds no text to check", "a draft with at least one provision")
    return Document(
        text="\n".join(parts),
        blocks=blocks,
        source_name=source_name,
        source_format=source_format,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )
