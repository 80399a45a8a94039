"""Builders of test inputs for the ingest tests: every file is made here, in memory."""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# ----------------------------------------------------------------------------- DOCX


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_list_definition(document, levels: list[tuple[str, str, int]], abstract_id: int = 90, num_id: int = 90) -> str:
    """Add a w:abstractNum with ``levels`` = [(numFmt, lvlText, start), ...] and a w:num
    pointing at it to the document's numbering part; return the numId."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstractNum elements precede num elements
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return str(num_id)


def add_restart(document, abstract_id: int, num_id: int, level: int = 0, start: int = 1) -> str:
    """A new w:num over an existing abstractNum whose ``level`` starts again at ``start``."""
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
    )
    return str(num_id)


def numbered(document, text: str, num_id: str, ilvl: int = 0):
    """A paragraph numbered by Word's automatic numbering (w:numPr), text without the number."""
    paragraph = document.add_paragraph(text)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def new_docx():
    return docx.Document()


def docx_with_document_xml(xml: bytes) -> bytes:
    """A DOCX from python-docx's template whose word/document.xml is replaced by ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(docx.Document())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = xml if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n"
)


def document_xml(body: str, prolog: bytes = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n') -> bytes:
    return prolog + (
        f'<w:document {nsdecls("w")}><w:body>{body}<w:sectPr/></w:body></w:document>'
    ).encode()


# ----------------------------------------------------------------------------- zips


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_plus(extra: dict[str, bytes]) -> bytes:
    """A valid DOCX with extra zip members added."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(_sample_docx())))
    members = {item.filename: source.read(item) for item in source.infolist()}
    members.update(extra)
    return zip_bytes(members)


def _sample_docx():
    document = docx.Document()
    document.add_paragraph("Article 1. Peaceful assemblies may be held without permission.")
    return document


# ----------------------------------------------------------------------------- ODT


def odt_bytes(build) -> bytes:
    """An ODT made by ``build(document)`` with odfpy."""
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    build(document)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- PDF


def pdf_from_html(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


def pdf_with_stream(stream: bytes, filter_flate: bool = True) -> bytes:
    """A one-page PDF whose content stream is ``stream`` (Flate-compressed when asked)."""
    body = zlib.compress(stream, 9) if filter_flate else stream
    flate = b"/Filter /FlateDecode " if filter_flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< " + flate + b"/Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
