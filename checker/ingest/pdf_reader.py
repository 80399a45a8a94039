"""Reading PDF drafts with pypdf: one block per line, with its page."""

from __future__ import annotations

import io
import logging

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
    """Lines of every page of a PDF; ``page`` is 1-based and ``paragraph`` is the 1-based
    line number on that page. Must run inside the limited worker.

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
            for line_number, line in enumerate(text.splitlines(), start=1):
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


_NO_PASSWORD = "remove the password, or upload the .docx"
_ORDINARY = "an ordinary PDF"
