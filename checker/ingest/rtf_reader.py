"""Reading RTF drafts with striprtf, Cyrillic code pages included."""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from checker.errors import InputError
from checker.ingest.blocks import BlockSink, RawBlock
from checker.ingest.limits import IngestLimits
from checker.ingest.sniff import SUPPORTED_FORMATS

_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def rtf_codepage(data: bytes) -> str:
    """The ANSI code page the RTF header declares (``\\ansicpg1251`` -> ``cp1251``),
    or ``cp1252``, RTF's default."""
    declared = _CODEPAGE.search(data[:4096])
    if declared:
        name = f"cp{declared.group(1).decode('ascii')}"
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    return "cp1252"


def read_rtf(data: bytes, limits: IngestLimits) -> list[RawBlock]:
    """Lines of an RTF document: ``\\par`` and ``\\line`` end lines; ``\\'xx`` bytes are decoded
    in the declared code page (or the font's charset) and ``\\uN`` escapes as Unicode;
    ``paragraph`` is the 1-based line number. Must run inside the limited worker.

    Raises:
        InputError: the RTF cannot be decoded.
    """
    codepage = rtf_codepage(data)
    source = data.decode(codepage, errors="replace")
    try:
        text = rtf_to_text(source, encoding=codepage, errors="replace")
    except (ValueError, LookupError, IndexError) as exc:
        raise InputError(f"the RTF file cannot be read ({exc})", SUPPORTED_FORMATS) from None
    sink = BlockSink(limits)
    for number, line in enumerate(text.replace("\r", "").split("\n"), start=1):
        sink.add(line, number)
    return sink.blocks
