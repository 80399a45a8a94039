"""Plain-text drafts: encodings, newlines, blocks and pasted text."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from checker.errors import DecodingError, EmptyDraft, FileTooLarge
from checker.ingest import IngestLimits, load, load_text
from checker.ingest.textfile import decode_text

RU = (
    "Статья 10. Уведомление о проведении мирного собрания\n"
    "1. Организатор подаёт уведомление в местный исполнительный орган "
    "не позднее чем за десять рабочих дней до дня проведения собрания.\n"
)
EN = (
    "Article 10. Notification of a peaceful assembly\n"
    "1. The organiser shall notify the local executive body not later than ten "
    "working days before the assembly.\n"
)
GREEK = (
    "Οι ειρηνικές συναθροίσεις είναι ελεύθερες και ο διοργανωτής ενημερώνει την αρχή "
    "για τον τόπο και τη διαδρομή.\n"
)
FR = "Article 3. Les réunions pacifiques sont libres; l'organisateur déclare le lieu et l'itinéraire à l'autorité.\n"


@pytest.mark.parametrize(
    "data, expected_encoding, expected_text",
    [
        (RU.encode("utf-8"), "utf-8", RU),
        (codecs.BOM_UTF8 + RU.encode("utf-8"), "utf-8-sig", RU),
        (RU.encode("utf-16"), "utf-16", RU),  # with BOM, native order
        (codecs.BOM_UTF16_BE + RU.encode("utf-16-be"), "utf-16", RU),
        (RU.encode("utf-16-le"), "utf-16-le", RU),  # no BOM: Cyrillic high bytes give it away
        (EN.encode("utf-16-be"), "utf-16-be", EN),  # no BOM: zero high bytes give it away
        (RU.encode("cp1251"), "cp1251", RU),
        (RU.encode("koi8-r"), "koi8-r", RU),
        (EN.encode("ascii"), "utf-8", EN),
        (FR.encode("cp1252"), "cp1252", FR),  # accented letters inside Latin words: not Russian
        (("Draft “on assemblies” — 2020\n").encode("cp1252"), "cp1252", "Draft “on assemblies” — 2020\n"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom",
         "cp1251", "koi8r", "ascii", "cp1252-french", "cp1252-quotes"],
)
def test_encodings_are_detected(data, expected_encoding, expected_text):
    text, encoding = decode_text(data)
    assert encoding == expected_encoding
    assert text == expected_text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x00\x01\x02\x03binary\x00\xff" * 20, "binary"),
        (bytes(range(0x80, 0x100)) * 4 + b"\x81\x8d", "encoding"),  # no code page fits
        (GREEK.encode("cp1253"), "encoding"),  # reads as Cyrillic letters, not as Russian
    ],
    ids=["binary", "undecodable-bytes", "greek-single-byte"],
)
def test_undecodable_bytes_are_refused(data, message):
    with pytest.raises(DecodingError) as caught:
        decode_text(data, "draft.txt")
    assert message in str(caught.value)
    assert "UTF-8" in caught.value.accepted


def test_cp1251_file_records_encoding_and_keeps_line_numbers(tmp_path):
    path = tmp_path / "проект.txt"
    path.write_bytes(("ПРОЕКТ\r\n\r\nЗАКОН\r\n" + RU).encode("cp1251"))
    document = load(path)
    assert document.encoding == "cp1251"
    assert document.source_format == "txt"
    assert document.source_name == "проект.txt"
    assert document.text.splitlines()[:2] == ["ПРОЕКТ", "ЗАКОН"]
    # empty line 2 is skipped but numbering stays true to the file
    assert [b.paragraph for b in document.blocks] == [1, 3, 4, 5]
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "raw, expected_text",
    [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("  indented line  \n\n\n\ttabbed\tword ", "indented line\ntabbed word"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("Статья\u00a05", "Статья 5"),
        ("й composed", "й composed"),  # и + combining breve -> NFC й
    ],
    ids=["newlines", "whitespace", "invisible", "nbsp", "nfc"],
)
def test_pasted_text_is_normalised(raw, expected_text):
    document = load_text(raw)
    assert document.text == expected_text
    assert document.source_format == "text"
    assert document.source_name == "<text>"
    assert document.encoding is None


def test_blocks_point_into_the_text():
    document = load_text(RU + "\n\n" + EN)
    assert len(document.blocks) == 4
    for block in document.blocks:
        piece = document.text[block.start : block.end]
        assert piece and "\n" not in piece
    assert document.text[document.blocks[2].start :].startswith("Article 10.")
    assert document.block_at(document.blocks[2].start + 3) == document.blocks[2]
    assert [b.paragraph for b in document.blocks] == [1, 2, 5, 6]


@pytest.mark.parametrize("blank", ["", "   \n\t\n", "\ufeff\n"], ids=["empty", "whitespace", "bom-only"])
def test_blank_text_is_an_empty_draft(blank):
    with pytest.raises(EmptyDraft):
        load_text(blank)


@pytest.mark.parametrize("blank", [b"", b"\r\n\r\n", codecs.BOM_UTF8], ids=["empty", "newlines", "bom-only"])
def test_blank_file_is_an_empty_draft(blank):
    with pytest.raises(EmptyDraft):
        load(blank, filename="draft.txt")


@pytest.mark.parametrize("size, allowed", [(100, True), (101, False)])
def test_text_length_limit(size, allowed):
    limits = IngestLimits(max_chars=100)
    text = "x" * size
    if allowed:
        assert load_text(text, limits=limits).text == text
        assert load(text.encode(), filename="a.txt", limits=limits).text == text
    else:
        with pytest.raises(FileTooLarge):
            load_text(text, limits=limits)
        with pytest.raises(FileTooLarge):
            load(text.encode(), filename="a.txt", limits=limits)


def test_sample_drafts_load(shared_corpus):
    for name, language_word in (("kz-assembly-draft-2020.txt", "Article"), ("kz-assembly-draft-2020.ru.txt", "Статья")):
        document = load(shared_corpus / name)
        assert document.encoding == "utf-8"
        assert language_word in document.text
        assert len(document.blocks) > 50
