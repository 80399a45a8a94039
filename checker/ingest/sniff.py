"""Telling a file's format from its first bytes and its name."""

from __future__ import annotations

import codecs
import os
import re

SUPPORTED_FORMATS = (
    "accepted: .txt (UTF-8, UTF-16 or Windows-1251), .docx, .odt, .pdf with a text layer, "
    ".rtf, .html/.htm, or pasted text"
)

# Extension (lower case, no dot) -> format it promises.
EXTENSIONS = {
    "txt": "txt",
    "text": "txt",
    "docx": "docx",
    "odt": "odt",
    "pdf": "pdf",
    "rtf": "rtf",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", None),  # too short to be sure: checked with the header size below
)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_ANYWHERE = re.compile(rb"<html[\s>]|<body[\s>]|<head[\s>]", re.I)


def extension(filename: str | None) -> str | None:
    """Lower-case extension of ``filename`` without the dot, or None."""
    if not filename:
        return None
    ext = os.path.splitext(filename)[1].lower().lstrip(".")
    return ext or None


def sniff(data: bytes) -> str | None:
    """The format the content declares by its signature.

    Returns ``"pdf"``, ``"zip"`` (DOCX, ODT or another container: told apart later, inside the
    worker), ``"rtf"``, ``"html"``, ``"ole"`` (legacy .doc or a password-protected Office
    file), ``"encrypted-office"``, ``"image:<KIND>"``, or None when there is no signature
    (plain text, or an unknown binary).
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(_OLE):
        return "encrypted-office" if _ENCRYPTED_PACKAGE in data else "ole"
    for signature, kind in _IMAGES:
        if data.startswith(signature):
            if kind is None:
                if len(data) > 14 and int.from_bytes(data[2:6], "little") == len(data):
                    return "image:BMP"
                continue
            return f"image:{kind}"
    text_head = head[len(codecs.BOM_UTF8):] if head.startswith(codecs.BOM_UTF8) else head
    if text_head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if _HTML_START.match(text_head) or _HTML_ANYWHERE.search(text_head):
        return "html"
    return None
