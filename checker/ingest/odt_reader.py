"""Reading OpenDocument text (.odt) drafts with odfpy."""

from __future__ import annotations

import contextlib
import io
import zipfile
from xml.sax import SAXException

from odf import opendocument
from odf.office import Annotation, AnnotationEnd

from checker.errors import HostileFile, InputError
from checker.ingest.blocks import BlockSink, RawBlock
from checker.ingest.limits import IngestLimits
from checker.ingest.sniff import SUPPORTED_FORMATS

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
SVG_NS = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"

_PARAGRAPHS = {(TEXT_NS, "p"), (TEXT_NS, "h")}
# Subtrees that are not the draft's running text: comments, footnotes/endnotes, the record
# of tracked changes (deleted text), drawings' titles and descriptions.
_SKIP = {
    (OFFICE_NS, "annotation"),
    (OFFICE_NS, "annotation-end"),
    (TEXT_NS, "note"),
    (TEXT_NS, "tracked-changes"),
    (SVG_NS, "title"),
    (SVG_NS, "desc"),
}


class _FailureProbe(io.TextIOBase):
    """Stands in for stdout while odfpy loads: odfpy prints a whole XML part instead of
    raising when SAX fails, so remember that it happened and keep nothing else."""

    failed = False

    def write(self, text: str) -> int:
        if "SAX FAILED" in text:
            self.failed = True
        return len(text)


def read_odt(data: bytes, limits: IngestLimits) -> list[RawBlock]:
    """Paragraphs and headings of a guarded ODT in document order (tables, lists, sections
    and text frames included), with comments (``office:annotation``) removed first;
    ``paragraph`` counts every ``text:p``/``text:h``, empty ones included. Must run inside
    the limited worker.

    Raises:
        HostileFile: an XML part declares entities.
        InputError: the package is not a readable ODT.
    """
    probe = _FailureProbe()
    try:
        with contextlib.redirect_stdout(probe):
            document = opendocument.load(io.BytesIO(data))
    except ValueError as exc:  # defusedxml's EntitiesForbidden / DTDForbidden are ValueErrors
        if "entit" in str(exc).lower() or "dtd" in str(exc).lower():
            raise HostileFile("the ODT file declares XML entities", "a document saved by LibreOffice or Word") from None
        raise InputError(f"the ODT file cannot be read ({exc})", SUPPORTED_FORMATS) from None
    except (KeyError, SAXException, UnicodeDecodeError, AssertionError, AttributeError, zipfile.BadZipFile, EOFError) as exc:
        raise InputError(f"the ODT file cannot be read ({type(exc).__name__}: {exc})", SUPPORTED_FORMATS) from None
    if probe.failed:
        raise InputError("the ODT file holds an XML part that is not well-formed", SUPPORTED_FORMATS)
    for kind in (Annotation, AnnotationEnd):
        for element in list(document.getElementsByType(kind)):
            if element.parentNode is not None:
                element.parentNode.removeChild(element)
    sink = BlockSink(limits)
    index = 0
    stack = [document.text]
    while stack:
        node = stack.pop()
        qname = getattr(node, "qname", None)
        if qname in _SKIP:
            continue
        if qname in _PARAGRAPHS:
            index += 1
            sink.add(_paragraph_text(node), index)
        children = getattr(node, "childNodes", ())
        stack.extend(reversed([child for child in children if getattr(child, "qname", None)]))
    return sink.blocks


def _paragraph_text(paragraph) -> str:
    """Text of a ``text:p``/``text:h`` without nested paragraphs (text boxes), notes or
    comments; ``text:s`` spaces, tabs and line breaks kept."""
    out: list[str] = []
    stack = list(reversed(paragraph.childNodes))
    while stack:
        node = stack.pop()
        qname = getattr(node, "qname", None)
        if qname is None:
            out.append(getattr(node, "data", "") or "")
            continue
        if qname in _SKIP or qname in _PARAGRAPHS:
            continue
        namespace, name = qname
        if namespace == TEXT_NS and name == "s":
            try:
                count = int(node.getAttrNS(TEXT_NS, "c") or 1)
            except ValueError:
                count = 1
            out.append(" " * min(max(count, 1), 1000))
        elif namespace == TEXT_NS and name == "tab":
            out.append("\t")
        elif namespace == TEXT_NS and name == "line-break":
            out.append("\n")
        else:
            stack.extend(reversed(node.childNodes))
    return "".join(out)

