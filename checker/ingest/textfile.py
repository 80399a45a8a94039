"""Decoding plain-text drafts: UTF-8/16/32 with or without a BOM, Windows-1251, KOI8-R, cp1252."""

from __future__ import annotations

import codecs
import re

from checker.errors import DecodingError
from checker.ingest.blocks import RawBlock

_ACCEPTED = "save the draft as UTF-8 text, or upload the .docx, .odt or .pdf"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
# The fifteen commonest letters of Russian text: about four in five letters of any page.
_COMMON_RUSSIAN = frozenset("оеаинтсрвлкмдпу")


def decode_text(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Decode the bytes of a plain-text draft.

    Returns ``(text, encoding)`` where ``encoding`` is one of ``utf-8``, ``utf-8-sig``,
    ``utf-16``, ``utf-16-le``, ``utf-16-be``, ``utf-32``, ``cp1251``, ``koi8-r``, ``cp1252``.
    Single-byte Russian text is told from Western text by its words: in Windows-1251 or
    KOI8-R they are whole Cyrillic words, while accented Latin letters read as Cyrillic would
    sit inside Latin words; the letters must also be spread like Russian ones (which keeps
    Greek or other single-byte text out), and KOI8-R and Windows-1251 are told apart by letter
    case. Anything else that is mostly ASCII with a few Western accented letters is cp1252.

    Raises:
        DecodingError: the bytes are binary, or none of these encodings fits them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode(data, encoding, name), name), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_decode(data, utf16, name), name), utf16
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    cyrillic = _single_byte_cyrillic(data)
    if cyrillic:
        return _checked(cyrillic[0], name), cyrillic[1]
    try:
        text = _checked(data.decode("cp1252"), name)
    except UnicodeDecodeError:
        raise _undecodable(name) from None
    letters = _WORD.findall(text)
    total = sum(map(len, letters))
    non_ascii = sum(1 for word in letters for ch in word if ord(ch) > 127)
    if total and non_ascii / total > 0.3:
        raise _undecodable(name)
    return text, "cp1252"


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DecodingError(
            f"{name} starts like {encoding.upper()} text but holds bytes that are not {encoding.upper()}",
            _ACCEPTED,
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when every other byte is mostly zero (ASCII-heavy UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    # Russian UTF-16 without a BOM: high bytes 0x04 in every other position.
    if odd.count(4) / len(odd) > 0.3 and even.count(4) / len(even) < 0.05:
        return "utf-16-le"
    if even.count(4) / len(even) > 0.3 and odd.count(4) / len(odd) < 0.05:
        return "utf-16-be"
    return None


def _checked(text: str, name: str) -> str:
    """``text`` unless it is binary data: NUL characters, or over 1% other C0 controls."""
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise DecodingError(f"{name} is binary data, not text", _ACCEPTED)
    return text


def _single_byte_cyrillic(data: bytes) -> tuple[str, str] | None:
    """``(text, "cp1251" | "koi8-r")`` when the bytes read as whole Cyrillic words, else None."""
    best: tuple[float, str, str] | None = None
    for encoding in ("cp1251", "koi8-r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        cyrillic_words = mixed = 0
        lower = upper = 0
        for word in _WORD.findall(text):
            if _CYRILLIC.search(word):
                cyrillic_words += 1
                if _LATIN.search(word):
                    mixed += 1
                for ch in word:
                    if ch.islower():
                        lower += 1
                    elif ch.isupper():
                        upper += 1
        if not cyrillic_words or mixed / cyrillic_words > 0.1:
            continue
        if not _plausibly_russian(text):
            continue
        lower_share = lower / max(1, lower + upper)
        if encoding == "koi8-r" and lower_share < 0.5:
            continue  # Windows-1251 text read as KOI8-R comes out in capitals
        if best is None or lower_share > best[0]:
            best = (lower_share, text, encoding)
    if best is None:
        return None
    return best[1], best[2]


def _plausibly_russian(text: str) -> bool:
    """Most non-ASCII characters are Cyrillic letters, and the letters are distributed like
    Russian (the commonest fifteen make up at least 65% of them, given 40 letters or more)."""
    non_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    letters = [ch.lower() for ch in non_ascii if "\u0400" <= ch <= "\u04ff"]
    if not letters or len(letters) / len(non_ascii) < 0.75:
        return False
    if len(letters) < 40:
        return True
    return sum(ch in _COMMON_RUSSIAN for ch in letters) / len(letters) >= 0.65


def _undecodable(name: str) -> DecodingError:
    return DecodingError(
        f"cannot tell the text encoding of {name}: it is not UTF-8, UTF-16, Windows-1251 "
        "or KOI8-R text",
        _ACCEPTED,
    )


def text_blocks(text: str) -> list[RawBlock]:
    """One block per line (``\\r\\n``, ``\\r`` and ``\\n`` all end a line), numbered from 1."""
    return [RawBlock(line, number) for number, line in enumerate(text.splitlines(), start=1)]
