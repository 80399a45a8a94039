"""What every reader promises about the Document it returns."""

from __future__ import annotations

import pytest
from odf.text import P

from checker.ingest import load
from ingest_builders import docx_bytes, new_docx, odt_bytes, pdf_from_html

LINES = [
    "Статья 3. Принципы проведения мирных собраний",
    "1. Мирные собрания проводятся на основе принципов законности.",
    "Article 4. Notification",
]


def _docx() -> bytes:
    document = new_docx()
    document.add_paragraph("")
    for line in LINES:
        document.add_paragraph(line)
    return docx_bytes(document)


def _odt() -> bytes:
    def build(document):
        for line in LINES:
            document.text.addElement(P(text=line))

    return odt_bytes(build)


def _pdf() -> bytes:
    return pdf_from_html("<body style='font-family: DejaVu Sans'>" + "".join(f"<p>{line}</p>" for line in LINES) + "</body>")


def _rtf() -> bytes:
    escaped = "\\par ".join("".join(f"\\u{ord(ch)}?" if ord(ch) > 127 else ch for ch in line) for line in LINES)
    return ("{\\rtf1\\ansi " + escaped + "\\par}").encode("ascii")


BUILDERS = {
    "txt": lambda: ("\r\n".join(LINES) + "\r\n").encode("utf-16"),
    "docx": _docx,
    "odt": _odt,
    "pdf": _pdf,
    "rtf": _rtf,
    "html": lambda: ("<html><body>" + "".join(f"<p>{line}</p>" for line in LINES) + "</body></html>").encode(),
}


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_blocks_tile_the_text(kind):
    document = load(BUILDERS[kind](), filename=f"draft.{kind}")
    assert document.source_format == kind
    assert document.text.split("\n") == LINES
    cursor = 0
    for block in document.blocks:
        assert block.start == cursor
        piece = document.text[block.start : block.end]
        assert piece and piece == piece.strip() and "\n" not in piece
        cursor = block.end + 1
        assert block.paragraph is not None and block.paragraph >= 1
        assert (block.page is not None) == (kind == "pdf")
    assert cursor == len(document.text) + 1
    assert (document.encoding is not None) == (kind == "txt")
