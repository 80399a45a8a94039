"""Choosing the reader: content signatures win over names; unknown formats are refused clearly."""

from __future__ import annotations

import hashlib

import pytest

from checker.errors import DecodingError, EncryptedFile, InputError, UnsupportedFormat
from checker.ingest import SUPPORTED_FORMATS, load
from checker.ingest.sniff import sniff
from ingest_builders import docx_bytes, new_docx, odt_bytes, pdf_with_stream, zip_bytes

ARTICLE = "Article 7. Assemblies near courts are allowed."


@pytest.fixture(scope="module")
def samples() -> dict[str, bytes]:
    from odf.text import P

    document = new_docx()
    document.add_paragraph(ARTICLE)
    return {
        "docx": docx_bytes(document),
        "odt": odt_bytes(lambda d: d.text.addElement(P(text=ARTICLE))),
        "pdf": pdf_with_stream(f"BT /F1 12 Tf 72 700 Td ({ARTICLE}) Tj ET".encode()),
        "rtf": ("{\\rtf1\\ansi " + ARTICLE + "\\par}").encode(),
        "html": f"<!doctype html><html><body><p>{ARTICLE}</p></body></html>".encode(),
        "txt": ARTICLE.encode(),
    }


@pytest.mark.parametrize(
    "kind, filename",
    [
        ("docx", "draft.docx"),
        ("docx", "draft.pdf"),  # mislabelled: the zip signature decides
        ("docx", "draft.txt"),
        ("docx", None),
        ("odt", "draft.odt"),
        ("odt", "draft.docx"),
        ("pdf", "draft.pdf"),
        ("pdf", "draft.docx"),
        ("pdf", "draft"),
        ("rtf", "draft.rtf"),
        ("rtf", "draft.doc.txt"),
        ("html", "draft.html"),
        ("html", "draft.txt"),
        ("txt", "draft.txt"),
        ("txt", "DRAFT.TXT"),
        ("txt", "draft"),
        ("txt", None),
    ],
)
def test_content_decides_the_format(samples, kind, filename):
    data = samples[kind]
    document = load(data, filename=filename)
    assert document.source_format == kind
    assert document.text == ARTICLE
    assert document.source_name == (filename or "<upload>")
    assert document.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data, filename, error, words",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "draft.doc", UnsupportedFormat, "legacy Word 97-2003"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100,
         "draft.docx", EncryptedFile, "password-protected"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "scan.png", UnsupportedFormat, "PNG image, not text: OCR it first"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 100, "scan.pdf", UnsupportedFormat, "JPEG image"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}), "fines.docx", UnsupportedFormat, "Excel workbook"),
        (zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "fines.odt", UnsupportedFormat, "OpenDocument spreadsheet"),
        (zip_bytes({"notes.txt": b"hello"}), "archive.zip", UnsupportedFormat, "zip archive"),
        (ARTICLE.encode(), "draft.docx", UnsupportedFormat, "named .docx but its content is not a DOCX"),
        (ARTICLE.encode(), "draft.pdf", UnsupportedFormat, "named .pdf"),
        (ARTICLE.encode(), "draft.xlsx", UnsupportedFormat, ".xlsx files cannot be read"),
        (b"\x00\x01\x02binary\x00" * 10, "draft.txt", DecodingError, "binary"),
    ],
    ids=["doc", "encrypted-docx", "png", "jpeg-as-pdf", "xlsx", "ods", "plain-zip", "text-as-docx",
         "text-as-pdf", "xlsx-name", "binary-txt"],
)
def test_unreadable_inputs_are_refused_clearly(data, filename, error, words):
    with pytest.raises(error) as caught:
        load(data, filename=filename)
    assert words in caught.value.message
    if error is UnsupportedFormat:
        assert caught.value.accepted == SUPPORTED_FORMATS
        assert ".docx" in str(caught.value) and ".txt" in str(caught.value)


@pytest.mark.parametrize(
    "path_kind, words",
    [("missing", "does not exist"), ("directory", "is not a regular file")],
)
def test_bad_paths(tmp_path, path_kind, words):
    target = tmp_path / "nothing.txt"
    if path_kind == "directory":
        target.mkdir()
    with pytest.raises(InputError, match=words):
        load(target)


def test_path_and_upload_name(tmp_path, samples):
    path = tmp_path / "upload-7f3a.tmp"
    path.write_bytes(samples["docx"])
    assert load(path).source_name == "upload-7f3a.tmp"
    named = load(str(path), filename="Проект закона.docx")
    assert (named.source_name, named.source_format) == ("Проект закона.docx", "docx")


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\r\n\r\n%PDF-1.4", "pdf"),
        (b"PK\x03\x04rest", "zip"),
        (b"{\\rtf1\\ansi", "rtf"),
        (b"\xef\xbb\xbf{\\rtf1", "rtf"),
        (b"  <!DOCTYPE html><html>", "html"),
        (b"<HTML><BODY>", "html"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        (b"Article 1. A draft that mentions no markup.", None),
        (b"Statja 1 <in angle brackets>", None),
    ],
)
def test_sniff(head, expected):
    assert sniff(head) == expected
