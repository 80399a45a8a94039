"""Escaping for GitHub-flavoured Markdown.

Everything taken from a draft is untrusted: a Markdown renderer would otherwise turn its
``<script>`` into HTML, its ``*`` into emphasis, its ``1.`` into a list. The Markdown template
environment escapes every value it prints unless the value is a :class:`MarkdownSafe`
(already-built Markdown), the way Jinja2's HTML autoescape treats ``Markup``.
"""

from __future__ import annotations

import re
from typing import Iterable

from reports.view import Segment

# Characters that start inline constructs anywhere in a line (CommonMark lets a backslash
# escape any ASCII punctuation).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# "&amp;" and "&#60;" would be read as entity references.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block constructs recognised at the start of a line (headings, list items, setext underlines,
# thematic breaks): a marker followed by a space or the end of the line.
_LINE_START = re.compile(r"^(\s*)([#+\-=]+|\d{1,9}[.)])(?=\s|$)")


class MarkdownSafe(str):
    """A string that is already Markdown and must be printed as is."""


def escape_inline(text: object) -> MarkdownSafe:
    r"""``text`` as literal Markdown on one line: whitespace runs (newlines too) become one
    space and every character Markdown would interpret is backslash-escaped, e.g.
    ``<b>1. *x*</b>`` becomes ``\<b\>1\. \*x\*\</b\>``. A :class:`MarkdownSafe` is returned
    unchanged.
    """
    if isinstance(text, MarkdownSafe):
        return text
    line = " ".join(str(text).split())
    return MarkdownSafe(_escape_line(line))


def _escape_chars(text: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def _escape_line(line: str) -> str:
    """Escape ``line`` for use at the start of a Markdown line."""
    line = _escape_chars(line)
    match = _LINE_START.match(line)
    if match:
        lead, marker = match.group(1), match.group(2)
        # "1." becomes "1\.", "#" becomes "\#", "---" becomes "\---".
        if marker[-1] in ".)":
            escaped = marker[:-1] + "\\" + marker[-1]
        else:
            escaped = "\\" + marker
        line = lead + escaped + line[match.end():]
    return line


def _bold(text: str) -> str:
    """``**text**`` with surrounding spaces kept outside, so the emphasis stays valid."""
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}**{stripped}**{trail}"


def blockquote(segments: Iterable[Segment]) -> MarkdownSafe:
    """A provision's text as a Markdown blockquote, marked runs in bold.

    Each line of the text becomes a paragraph of the quote (subparagraphs stay on their own
    lines); a marked run that crosses a line break is bolded on each line.
    """
    lines: list[list[tuple[str, bool]]] = [[]]
    for segment in segments:
        pieces = segment.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((piece, segment.marked))
    out: list[str] = []
    for parts in lines:
        raw = "".join(text for text, _ in parts)
        if not raw.strip():
            continue
        rendered = []
        first = True
        for text, marked in parts:
            if first:
                text = text.lstrip()
                if not text:
                    continue
            escaped = _escape_line(text) if first else _escape_chars(text)
            rendered.append(_bold(escaped) if marked else escaped)
            first = False
        if out:
            out.append(">")
        out.append("> " + "".join(rendered).rstrip())
    return MarkdownSafe("\n".join(out) if out else ">")


def link_destination(url: str) -> str:
    """``url`` made safe inside ``[text](...)``: spaces and angle brackets percent-encoded,
    parentheses and backslashes escaped."""
    url = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return re.sub(r"([\\()])", r"\\\1", url)
