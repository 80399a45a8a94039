"""Turning an uploaded file into a :class:`~checker.models.Document`, safely.

Public API:

- :func:`load` reads a path, or the raw bytes of an upload with its file name;
- :func:`load_text` wraps pasted text;
- :class:`IngestLimits` bounds size, containers, pages, text, time and memory;
- :data:`SUPPORTED_FORMATS` says what is accepted, for error messages.

The format is taken from the content's signature when it has one (``%PDF-``, a zip holding
``word/`` or an ODF ``mimetype``, ``{\\rtf``, ``<html``), so a mislabelled file is still read
right; the extension decides only for content without a signature. Every parser of a
structured format runs in a forked worker under ``RLIMIT_AS`` and a time limit
(:mod:`checker.ingest.worker`); plain text is decoded in-process.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.errors import EncryptedFile, FileTooLarge, InputError, UnsupportedFormat
from checker.ingest.blocks import RawBlock, build_document, too_much_text
from checker.ingest.limits import DEFAULT_LIMITS, IngestLimits, human_bytes
from checker.ingest.sniff import EXTENSIONS, SUPPORTED_FORMATS, extension, sniff
from checker.ingest.textfile import decode_text, text_blocks
from checker.ingest.worker import run_limited
from checker.ingest.zipguard import container_kind, open_guarded, refuse_dtds
from checker.models import Document

__all__ = ["load", "load_text", "IngestLimits", "SUPPORTED_FORMATS", "DEFAULT_LIMITS"]

_WHAT = {"docx": "DOCX file", "odt": "ODT file", "pdf": "PDF file", "rtf": "RTF file", "html": "HTML file", "zip": "file"}


def load(
    source: str | os.PathLike | bytes,
    *,
    filename: str | None = None,
    limits: IngestLimits | None = None,
) -> Document:
    """Read a draft from a path or from uploaded bytes.

    Args:
        source: a filesystem path (``str`` or ``PathLike``), or the file's raw bytes.
        filename: the name the file was uploaded under; used for ``Document.source_name``
            and, when the content has no signature, to choose the format. Defaults to the
            path's base name, or ``"<upload>"`` for bytes.
        limits: resource limits; :data:`DEFAULT_LIMITS` when None.

    Returns:
        a Document whose ``text`` is the non-empty lines of the source joined by ``"\\n"``,
        with one block per line, ``source_format`` one of txt/docx/pdf/html/odt/rtf,
        ``encoding`` set for text files and ``sha256`` of the raw bytes.

    Raises:
        FileTooLarge: the file, its page count or its text exceeds ``limits``.
        HostileFile: a zip bomb, an entity declaration, a PDF decompression bomb, or a parse
            that exceeds the worker's memory or time limit.
        UnsupportedFormat: a format other than those in :data:`SUPPORTED_FORMATS`.
        EncryptedFile, NoTextLayer, DecodingError, EmptyDraft: as their names say.
        InputError: a damaged file, or a path that cannot be read.
    """
    limits = limits or DEFAULT_LIMITS
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = filename or "<upload>"
        _check_size(len(data), name, limits)
    else:
        path = Path(source)
        name = filename or path.name
        data = _read_path(path, name, limits)
    kind = _choose_format(data, name)
    encoding: str | None = None
    if kind == "txt":
        text, encoding = decode_text(data, name)
        if len(text) > limits.max_chars:
            raise too_much_text(limits.max_chars)
        raw = text_blocks(text)
    else:
        _readers(kind)  # imported before forking, so each worker starts with them loaded
        kind, raw = run_limited(_extract, kind, data, limits, limits=limits, what=_WHAT.get(kind, "file"))
    return build_document(raw, source_name=name, source_format=kind, data=data, limits=limits, encoding=encoding)


def load_text(text: str, *, name: str = "<text>", limits: IngestLimits | None = None) -> Document:
    """A Document for pasted text: one block per non-empty line, ``paragraph`` = line number.

    ``source_format`` is ``"text"``, ``encoding`` None, ``sha256`` the digest of the text in
    UTF-8.

    Raises:
        EmptyDraft: the text is blank.
        FileTooLarge: the text is longer than ``limits.max_chars``.
    """
    limits = limits or DEFAULT_LIMITS
    if len(text) > limits.max_chars:
        raise too_much_text(limits.max_chars)
    data = text.encode("utf-8", "surrogatepass")
    return build_document(text_blocks(text), source_name=name, source_format="text", data=data, limits=limits)


def _check_size(size: int, name: str, limits: IngestLimits) -> None:
    if size > limits.max_file_bytes:
        raise FileTooLarge(
            f"{name} is {human_bytes(size)}, over the {human_bytes(limits.max_file_bytes)} limit",
            "a smaller file, or the draft split into parts",
        )


def _read_path(path: Path, name: str, limits: IngestLimits) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"{path} is not a regular file", "a path to a draft file")
        _check_size(size, name, limits)
        with path.open("rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist", "a path to a draft file") from None
    except PermissionError:
        raise InputError(f"{path} cannot be read: permission denied", "a readable draft file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory", "a path to a draft file") from None
    _check_size(len(data), name, limits)  # the file grew while we read it
    return data


def _choose_format(data: bytes, name: str) -> str:
    """txt, pdf, rtf, html or zip (DOCX/ODT, settled in the worker) for these bytes.

    The content's signature wins over the extension; the extension decides only for
    content with no signature.
    """
    ext = extension(name)
    magic = sniff(data)
    if magic in ("pdf", "zip", "rtf", "html"):
        return magic
    if magic == "encrypted-office":
        raise EncryptedFile(f"{name} is a password-protected Office document", "remove the password and upload it again")
    if magic == "ole":
        raise UnsupportedFormat(
            f"{name} is a legacy Word 97-2003 (.doc) file; save it as .docx", SUPPORTED_FORMATS
        )
    if magic and magic.startswith("image:"):
        raise UnsupportedFormat(
            f"{name} is a {magic.split(':', 1)[1]} image, not text: OCR it first", SUPPORTED_FORMATS
        )
    promised = EXTENSIONS.get(ext) if ext else "txt"
    if promised == "txt":
        return "txt"
    if promised == "html":
        return "html"  # an HTML fragment without <html> is still HTML
    if promised is not None:
        raise UnsupportedFormat(
            f"{name} is named .{ext} but its content is not a {ext.upper()} file", SUPPORTED_FORMATS
        )
    raise UnsupportedFormat(f"{name}: .{ext} files cannot be read", SUPPORTED_FORMATS)


def _readers(kind: str) -> dict:
    """The reader functions a payload of ``kind`` may need, imported on first use."""
    import importlib

    modules = {
        "docx": ("checker.ingest.docx_reader", "read_docx"),
        "odt": ("checker.ingest.odt_reader", "read_odt"),
        "pdf": ("checker.ingest.pdf_reader", "read_pdf"),
        "rtf": ("checker.ingest.rtf_reader", "read_rtf"),
        "html": ("checker.ingest.html_reader", "read_html"),
    }
    wanted = ("docx", "odt") if kind == "zip" else (kind,)
    return {k: getattr(importlib.import_module(modules[k][0]), modules[k][1]) for k in wanted if k in modules}


def _extract(kind: str, data: bytes, limits: IngestLimits) -> tuple[str, list[RawBlock]]:
    """Worker entry: ``(format, blocks)`` for a pdf/zip/rtf/html payload."""
    if kind == "zip":
        archive = open_guarded(data, limits)
        kind = container_kind(archive)
        refuse_dtds(archive, _WHAT[kind])
        archive.close()
    readers = _readers(kind)
    if kind not in readers:
        raise UnsupportedFormat(f"no reader for {kind}", SUPPORTED_FORMATS)
    return kind, readers[kind](data, limits)
