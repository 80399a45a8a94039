"""Reading HTML drafts with lxml: no network, no entities, block elements as line breaks."""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from checker.errors import HostileFile, InputError
from checker.ingest.blocks import BlockSink, RawBlock
from checker.ingest.limits import IngestLimits
from checker.ingest.sniff import SUPPORTED_FORMATS
from checker.ingest.textfile import decode_text
from checker.ingest.worker import libxml2_out_of_memory

_BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre
    section summary table tbody tfoot thead title tr ul""".split()
)
_CELL = frozenset(("td", "th"))
_DROP = frozenset(("script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math", "select", "button"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_WHITESPACE = re.compile(r"\s+")


def decode_html(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of an HTML file: its BOM, else its ``<meta charset>``, else the
    plain-text detection of :func:`~checker.ingest.textfile.decode_text`.

    Raises:
        DecodingError: the bytes fit none of those encodings.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return decode_text(data, "the HTML file")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass  # the declaration lies: fall back to detection
    return decode_text(data, "the HTML file")


def read_html(data: bytes, limits: IngestLimits) -> list[RawBlock]:
    """Text of an HTML page, one block per line; block elements (p, div, li, h1-h6, tr, br,
    ...) end lines, scripts, styles and the head are dropped, and ``paragraph`` numbers the
    resulting lines. Must run inside the limited worker.

    Raises:
        HostileFile: the document declares entities in a DTD.
        DecodingError: the encoding cannot be determined.
        InputError: lxml cannot make a tree of it.
    """
    if _ENTITY_DECL.search(data):
        raise HostileFile(
            "the HTML file declares XML entities, which could expand without bound",
            "an ordinary web page",
        )
    text, _ = decode_html(data)
    text = _XML_DECL.sub("", text, count=1)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        if libxml2_out_of_memory(exc):
            raise MemoryError from None
        raise InputError(f"the HTML file cannot be parsed ({exc})", SUPPORTED_FORMATS) from None
    pieces: list[str] = []
    pre_depth = 0

    def add(value: str | None) -> None:
        if value:
            pieces.append(value if pre_depth else _WHITESPACE.sub(" ", value))

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if event == "start":
            if tag in _DROP:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                pieces.append("\n")
            elif tag == "br":
                pieces.append("\n")
            elif tag in _CELL:
                pieces.append(" ")
            if tag == "pre":
                pre_depth += 1
            add(element.text)
        else:
            if tag == "pre":
                pre_depth = max(0, pre_depth - 1)
            if tag in _BLOCK:
                pieces.append("\n")
            add(element.tail)
    sink = BlockSink(limits)
    for number, line in enumerate((ln for ln in "".join(pieces).split("\n") if ln.strip()), start=1):
        sink.add(line, number)
    return sink.blocks

