"""Inspecting DOCX/ODT containers before any parser touches them.

A container is refused when it has too many members, declares too much uncompressed data,
or holds a large member compressed suspiciously well (a zip bomb), and when any of its XML
parts declares a DTD (the way to an entity-expansion bomb; office programs never write one).
"""

from __future__ import annotations

import io
import re
import zipfile

from checker.errors import HostileFile, InputError, UnsupportedFormat
from checker.ingest.limits import IngestLimits, human_bytes
from checker.ingest.sniff import SUPPORTED_FORMATS

_EOCD = b"PK\x05\x06"
_PROLOG_BYTES = 65536
_NAME_START = re.compile(rb"<[A-Za-z_:\x80-\xff]")
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"


def open_guarded(data: bytes, limits: IngestLimits, what: str = "file") -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking its directory against ``limits``.

    Raises:
        HostileFile: too many members, too much declared uncompressed data, or a member over
            ``limits.ratio_checked_above_bytes`` compressed more than ``max_compression_ratio``.
        InputError: the zip is damaged.
    """
    tail = data[-(65535 + 22):]
    at = tail.rfind(_EOCD)
    if at >= 0 and len(tail) >= at + 12:
        declared = int.from_bytes(tail[at + 10 : at + 12], "little")
        if declared != 0xFFFF and declared > limits.max_zip_entries:
            raise _too_many(what, declared, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError(f"the {what} is a damaged zip container ({exc})", SUPPORTED_FORMATS) from None
    members = archive.infolist()
    if len(members) > limits.max_zip_entries:
        raise _too_many(what, len(members), limits)
    total = 0
    for member in members:
        total += member.file_size
        if total > limits.max_unpacked_bytes:
            raise HostileFile(
                f"the {what} unpacks to more than {human_bytes(limits.max_unpacked_bytes)}",
                "a document whose parts together stay under that size",
            )
        if member.file_size > limits.ratio_checked_above_bytes:
            ratio = member.file_size / max(1, member.compress_size)
            if ratio > limits.max_compression_ratio:
                raise HostileFile(
                    f"the {what} member {member.filename!r} is compressed {ratio:,.0f} times "
                    f"(limit {limits.max_compression_ratio:g}): a decompression bomb",
                    "an ordinary office document",
                )
    return archive


def _too_many(what: str, count: int, limits: IngestLimits) -> HostileFile:
    return HostileFile(
        f"the {what} holds {count:,} zip members (limit {limits.max_zip_entries:,})",
        "an ordinary office document",
    )


def container_kind(archive: zipfile.ZipFile) -> str:
    """``"docx"`` or ``"odt"`` for a guarded container.

    Raises:
        UnsupportedFormat: another OOXML/ODF type (spreadsheet, presentation) or a plain zip.
    """
    names = set(archive.namelist())
    if "mimetype" in names:
        with archive.open("mimetype") as fh:
            mimetype = fh.read(200).strip()
        if mimetype.startswith(_ODF_TEXT):
            return "odt"
        kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
        raise UnsupportedFormat(f"this is an OpenDocument {kind}, not a text document", SUPPORTED_FORMATS)
    if "[Content_Types].xml" in names:
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            raise UnsupportedFormat("this is an Excel workbook, not a Word document", SUPPORTED_FORMATS)
        if any(name.startswith("ppt/") for name in names):
            raise UnsupportedFormat("this is a PowerPoint presentation, not a Word document", SUPPORTED_FORMATS)
    if "content.xml" in names and "META-INF/manifest.xml" in names:
        return "odt"
    raise UnsupportedFormat("this is a zip archive, not a .docx or .odt document", SUPPORTED_FORMATS)


def refuse_dtds(archive: zipfile.ZipFile, what: str = "file") -> None:
    """Raise HostileFile if any XML part of ``archive`` declares a DTD or entities.

    Only each part's prolog (the bytes before its root element, at most 64 KB) is read.
    """
    for member in archive.infolist():
        name = member.filename
        if not name.endswith((".xml", ".rels")) or member.is_dir():
            continue
        try:
            with archive.open(member) as fh:
                head = fh.read(_PROLOG_BYTES)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise InputError(f"the {what} part {name!r} cannot be unpacked ({exc})", SUPPORTED_FORMATS) from None
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            head = head.decode("utf-16", "replace").encode("utf-8")
        problem = prolog_problem(head, complete=len(head) < _PROLOG_BYTES)
        if problem:
            raise HostileFile(
                f"the {what} part {name!r} {problem}; office programs never write that",
                "a document saved by Word or LibreOffice",
            )


def prolog_problem(head: bytes, complete: bool) -> str | None:
    """Why the XML prolog at the start of ``head`` is unsafe, or None if it is plain.

    The prolog (XML declaration, processing instructions, comments, white space) is walked
    item by item up to the root element. A DTD, or a prolog that does not end within
    ``head`` while more bytes follow (``complete`` False), is reported.
    """
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    pos = 0
    while pos < len(head):
        item = _PROLOG_ITEM.match(head, pos)
        if item:
            pos = item.end()
            continue
        if head.startswith(b"<!", pos) and not head.startswith(b"<!--", pos):
            return "declares a DTD, whose entities could expand without bound"
        if _NAME_START.match(head, pos):
            return None
        break
    return None if complete else f"has a prolog longer than {_PROLOG_BYTES // 1024} KB"
