"""Turning a plain-text draft into the files lawyers upload: a Word file whose paragraph
numbers ("1.", "1)") are Word's automatic list numbering, not typed text, and a PDF."""

from __future__ import annotations

import html
import io
import re

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

_PARAGRAPH = re.compile(r"^(\d+)\.\s+(.*)$")
_SUBPARAGRAPH = re.compile(r"^(\d+)\)\s+(.*)$")
_HEADING = re.compile(r"^(Article|Chapter|Статья|Глава)\s+\d+")
_ABSTRACT_ID = 70


def _numbering(document) -> None:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_ABSTRACT_ID}">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2)"/></w:lvl>'
        "</w:abstractNum>"
    )
    first = numbering.find(abstract.tag.replace("abstractNum", "num"))
    if first is not None:
        first.addprevious(abstract)
    else:
        numbering.append(abstract)


def _new_list(document, num_id: int) -> str:
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{_ABSTRACT_ID}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    return str(num_id)


def to_docx(text: str) -> bytes:
    """A DOCX of ``text``: headings as Heading 2, numbered lines as Word list items (the
    number is removed from the run text and given as ``w:numPr``), a new list per article."""
    document = docx.Document()
    _numbering(document)
    num_id = None
    next_id = 500
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _HEADING.match(line):
            document.add_paragraph(line, style="Heading 2")
            num_id = None
            continue
        for level, pattern in ((0, _PARAGRAPH), (1, _SUBPARAGRAPH)):
            match = pattern.match(line)
            if match:
                if num_id is None:
                    num_id = _new_list(document, next_id)
                    next_id += 1
                paragraph = document.add_paragraph(match.group(2))
                paragraph._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
                ))
                break
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(text: str) -> bytes:
    """A PDF of ``text``, one HTML paragraph per line, rendered by WeasyPrint (A4)."""
    from weasyprint import HTML

    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    page = (
        "<html><head><meta charset='utf-8'><style>@page { size: A4; margin: 2cm }"
        " body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt } p { margin: 0 0 4pt }"
        f"</style></head><body>{body}</body></html>"
    )
    return HTML(string=page).write_pdf()
