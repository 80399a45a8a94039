"""Hostile input is refused with bounded memory and time."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from checker.errors import FileTooLarge, HostileFile, InputError
from checker.ingest import IngestLimits, load
from checker.ingest.worker import run_limited
from checker.ingest.zipguard import prolog_problem
from ingest_builders import (
    BILLION_LAUGHS,
    docx_plus,
    docx_with_document_xml,
    document_xml,
    odt_bytes,
    zip_bytes,
)

MB = 1024 * 1024


# ----------------------------------------------------------------------------- size


@pytest.mark.parametrize("size, allowed", [(1000, True), (1001, False)])
def test_upload_size_limit_for_bytes(size, allowed):
    limits = IngestLimits(max_file_bytes=1000)
    data = b"Article 1. " + b"x" * (size - 11)
    if allowed:
        assert load(data, filename="a.txt", limits=limits).text.startswith("Article 1.")
    else:
        with pytest.raises(FileTooLarge, match="over the 1000 bytes limit"):
            load(data, filename="a.txt", limits=limits)


def test_path_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.docx"
    with path.open("wb") as fh:  # a sparse 30 MB file: costs no disk, must not be read
        fh.truncate(30 * MB)
    with pytest.raises(FileTooLarge) as caught:
        load(path)
    assert caught.value.code == "too-large"
    assert "huge.docx is 30 MB, over the 20 MB limit" in caught.value.message


# ----------------------------------------------------------------------------- zips


def test_zip_with_too_many_entries_is_hostile():
    data = docx_plus({f"word/media/part{i}.bin": b"x" for i in range(60)})
    assert "Peaceful assemblies" in load(data, filename="ok.docx").text
    with pytest.raises(HostileFile, match="zip members"):
        load(data, filename="many.docx", limits=IngestLimits(max_zip_entries=50))


def test_zip_declaring_too_much_uncompressed_data_is_hostile():
    data = docx_plus({"word/media/padding.bin": os.urandom(2 * MB)})
    assert load(data, filename="ok.docx").source_format == "docx"
    with pytest.raises(HostileFile, match="unpacks to more than 1 MB"):
        load(data, filename="big.docx", limits=IngestLimits(max_unpacked_bytes=1 * MB))


def test_zip_bomb_member_is_hostile():
    bomb = docx_plus({"word/media/image1.png": b"\0" * (50 * MB)})  # ~50 KB on disk
    assert len(bomb) < MB
    with pytest.raises(HostileFile, match="compressed .* times"):
        load(bomb, filename="bomb.docx")


def test_small_members_are_not_ratio_checked():
    data = docx_plus({"word/media/blank.bin": b"\0" * (MB // 2)})  # ratio ~1000, but small
    assert load(data, filename="ok.docx").source_format == "docx"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"PK\x03\x04" + b"\0" * 200, "damaged zip"),
        (zip_bytes({"a.txt": b"hello"})[:-30], "damaged zip"),
    ],
    ids=["header-only", "truncated"],
)
def test_corrupt_zip_is_a_clear_input_error(data, message):
    with pytest.raises(InputError, match=message) as caught:
        load(data, filename="draft.docx")
    assert not isinstance(caught.value, HostileFile)


def _lie_about_size(data: bytes, member: bytes, size: int) -> bytes:
    """Rewrite the uncompressed size of ``member`` in its local and central headers."""
    out = bytearray(data)
    for marker, name_len_at, header, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = out.find(marker)
        while at >= 0:
            name_len = int.from_bytes(out[at + name_len_at : at + name_len_at + 2], "little")
            if bytes(out[at + header : at + header + name_len]) == member:
                out[at + size_at : at + size_at + 4] = size.to_bytes(4, "little")
            at = out.find(marker, at + 4)
    return bytes(out)


def test_zip_lying_about_its_size_fails_cleanly():
    honest = docx_plus({})
    liar = _lie_about_size(honest, b"word/document.xml", 10)
    assert liar != honest
    with pytest.raises(InputError, match="'word/document.xml' cannot be unpacked .*CRC"):
        load(liar, filename="liar.docx")


# ----------------------------------------------------------------------------- entities


def test_billion_laughs_in_docx_document_xml_is_refused():
    body = '<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
    data = docx_with_document_xml(document_xml(body, prolog=BILLION_LAUGHS))
    with pytest.raises(HostileFile, match="declares a DTD"):
        load(data, filename="lol.docx")


def test_billion_laughs_in_odt_content_xml_is_refused():
    from odf.text import P

    data = odt_bytes(lambda document: document.text.addElement(P(text="Статья 1.")))
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = {item.filename: archive.read(item) for item in archive.infolist()}
    content = members["content.xml"]
    members["content.xml"] = BILLION_LAUGHS + content.split(b"?>", 1)[1].replace(b"\xd0\xa1\xd1\x82", b"&lol9;", 1)
    with pytest.raises(HostileFile, match="content.xml' declares a DTD"):
        load(zip_bytes(members, compression=zipfile.ZIP_STORED), filename="lol.odt")


def test_billion_laughs_in_html_does_not_expand():
    page = BILLION_LAUGHS.replace(b'<?xml version="1.0"?>\n<!DOCTYPE lolz', b"<!DOCTYPE html") + b"<html><body><p>&lol9;</p></body></html>"
    with pytest.raises(HostileFile, match="entities"):
        load(page, filename="lol.html")


@pytest.mark.parametrize(
    "head, complete, expected",
    [
        (b'<?xml version="1.0"?>\n<w:document>', True, None),
        (b'\xef\xbb\xbf<?xml version="1.0"?><!-- note --><root/>', True, None),
        (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]><x/>', True, "declares a DTD"),
        (b"<!-- <a --><!DOCTYPE x><x/>", True, "declares a DTD"),
        (b"<!--" + b" " * 100, False, "prolog longer"),
    ],
    ids=["plain", "bom-comment", "dtd", "dtd-after-tricky-comment", "endless-comment"],
)
def test_prolog_scan(head, complete, expected):
    problem = prolog_problem(head, complete)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


# ----------------------------------------------------------------------------- worker


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * MB))


def _spin() -> None:
    while True:
        pass


def _refuse() -> None:
    raise FileTooLarge("too big for this test", "less")


def test_worker_returns_results_and_passes_input_errors_through():
    assert run_limited(_allocate, 10, limits=IngestLimits()) == 10 * MB
    with pytest.raises(FileTooLarge) as caught:
        run_limited(_refuse, limits=IngestLimits())
    assert (caught.value.message, caught.value.accepted) == ("too big for this test", "less")


def test_worker_memory_cap_becomes_hostile_file():
    with pytest.raises(HostileFile, match="exceeded the 64 MB memory limit"):
        run_limited(_allocate, 512, limits=IngestLimits(memory_bytes=64 * MB), what="DOCX file")


def test_worker_time_limit_becomes_hostile_file():
    with pytest.raises(HostileFile, match="exceeded the 0.5 s time limit"):
        run_limited(_spin, limits=IngestLimits(timeout_s=0.5), what="PDF file")


def test_real_parser_over_the_memory_cap_is_hostile():
    # two million tiny paragraphs: 16 MB of HTML, hundreds of MB as a parsed tree
    page = b"<html><body>" + b"<p>x</p>" * 2_000_000 + b"</body></html>"
    assert len(page) < 20 * MB
    with pytest.raises(HostileFile, match="memory limit"):
        load(page, filename="big.html", limits=IngestLimits(memory_bytes=32 * MB))


def test_text_limit_applies_inside_the_worker():
    page = ("<html><body>" + "<p>Article 1. Assemblies are free.</p>" * 2000 + "</body></html>").encode()
    assert load(page, filename="ok.html").text.count("Article 1.") == 2000
    with pytest.raises(FileTooLarge, match="more than 10,000 characters"):
        load(page, filename="long.html", limits=IngestLimits(max_chars=10_000))
