"""Reading PDF drafts with pypdf: one block per line, with its page."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

from checker.errors import EncryptedFile, FileTooLarge, HostileFile, InputError, NoTextLayer
from checker.ingest.blocks import BlockSink, RawBlock
from checker.ingest.limits import IngestLimits
from checker.ingest.sniff import SUPPORTED_FORMATS

# A page with fewer visible characters than this counts as a page without text (a scan,
# perhaps with a stamped page number).
MIN_CHARS_PER_PAGE = 20


def read_pdf(data: bytes, limits: IngestLimits) -> list[RawBlock]:
    """Paragraphs of every page of a PDF, rebuilt from its lines by
    :func:`join_wrapped_lines`; ``page`` is 1-based and ``paragraph`` is the 1-based number
    on that page of the paragraph's first line. Must run inside the limited worker.

    A PDF encrypted with an empty user password (only printing or copying restricted) is
    read; one that needs a password is refused.

    Raises:
        EncryptedFile: the PDF needs a password.
        NoTextLayer: no page, or fewer than half of the pages, has a text layer.
        FileTooLarge: more than ``limits.max_pdf_pages`` pages or ``limits.max_chars`` characters.
        HostileFile: a stream exceeds pypdf's decompression limits.
        InputError: the PDF is damaged.
    """
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise EncryptedFile(f"the PDF is encrypted in a way that cannot be opened here ({exc})", _NO_PASSWORD) from None
            if not decrypted:
                raise EncryptedFile("the PDF is protected by a password", _NO_PASSWORD)
        pages = reader.pages
        count = len(pages)
        if count > limits.max_pdf_pages:
            raise FileTooLarge(
                f"the PDF has {count:,} pages (limit {limits.max_pdf_pages:,})",
                "split the draft into smaller files",
            )
        sink = BlockSink(limits)
        blank_pages: list[int] = []
        for number, page in enumerate(pages, start=1):
            text = page.extract_text() or ""
            if sum(1 for ch in text if not ch.isspace()) < MIN_CHARS_PER_PAGE:
                blank_pages.append(number)
            for line_number, line in join_wrapped_lines(text.splitlines()):
                sink.add(line, line_number, number)
    except LimitReachedError as exc:
        raise HostileFile(f"the PDF holds a stream that exceeds the decompression limit ({exc})", _ORDINARY) from None
    except FileNotDecryptedError:
        raise EncryptedFile("the PDF is protected by a password", _NO_PASSWORD) from None
    except (EncryptedFile, FileTooLarge, HostileFile):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
            RecursionError, UnicodeError, OSError, ZeroDivisionError) as exc:
        raise InputError(f"the PDF is damaged and cannot be read ({type(exc).__name__}: {exc})", SUPPORTED_FORMATS) from None
    if count == 0 or len(blank_pages) == count or len(blank_pages) * 2 > count:
        detail = "" if len(blank_pages) == count else f"; {len(blank_pages)} of {count} pages have no text"
        raise NoTextLayer(f"no text layer: OCR it first{detail}", "a PDF whose text can be selected, or the .docx")
    return sink.blocks


_TERMINAL = tuple(".;:!?")
_STARTS_PROVISION = re.compile(
    r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\(?[a-zа-я]\)|\([ivx]{1,5}\)|[-–—•]\s"
    r"|(?:article|chapter|section|part|статья|глава|раздел|часть)\s)",
    re.I,
)


def join_wrapped_lines(lines: list[str], full: float = 0.75) -> list[tuple[int, str]]:
    """Undo the line wrapping of one page: ``[(first line number, paragraph text), ...]``.

    A line continues the previous one when the previous line is full (at least ``full``
    times the longest line of the page), does not end a sentence or a list item (``.;:!?``),
    and the line does not start a provision ("2.", "3)", "б)", "(iv)", "Article", "Статья",
    a dash or bullet). Lines are joined with a space, or without one after a hyphen.
    Everything else is kept line by line; empty lines end paragraphs.
    """
    longest = max((len(line.rstrip()) for line in lines), default=0)
    out: list[tuple[int, str]] = []
    previous_full = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            previous_full = False
            continue
        if out and previous_full and not _STARTS_PROVISION.match(stripped):
            first, text = out[-1]
            joined = f"{text}{stripped}" if text.endswith("-") and text[-2:-1].isalpha() else f"{text} {stripped}"
            out[-1] = (first, joined)
        else:
            out.append((number, stripped))
        previous_full = len(stripped) >= full * longest and not stripped.endswith(_TERMINAL)
    return out


_NO_PASSWORD = "remove the password, or upload the .docx"
_ORDINARY = "an ordinary PDF"
