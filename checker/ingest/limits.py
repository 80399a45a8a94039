"""Resource limits applied while reading an uploaded file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024


class IngestLimits(BaseModel):
    """Bounds on what one upload may cost; every field is a hard limit.

    Attributes:
        max_file_bytes: size of the uploaded file in bytes (20 MB).
        max_zip_entries: members of a DOCX/ODT container (2,000).
        max_unpacked_bytes: sum of the declared uncompressed sizes of a container's
            members, in bytes (100 MB).
        max_compression_ratio: uncompressed/compressed size allowed for a container
            member larger than ``ratio_checked_above_bytes`` (200).
        ratio_checked_above_bytes: members at most this large (1 MB) are not ratio-checked.
        max_pdf_pages: pages of a PDF (2,000).
        max_chars: characters of extracted text (5,000,000).
        timeout_s: wall-clock seconds the parser worker may run (60).
        memory_bytes: address space (``RLIMIT_AS``) the parser worker may add to what it
            had when it started, in bytes (1.5 GB).

    Exceeding the first three, or the last two, raises :class:`~checker.errors.HostileFile`;
    a file, page count or text over its limit raises :class:`~checker.errors.FileTooLarge`.
    """

    model_config = ConfigDict(frozen=True)

    max_file_bytes: int = Field(default=20 * MB, gt=0)
    max_zip_entries: int = Field(default=2_000, gt=0)
    max_unpacked_bytes: int = Field(default=100 * MB, gt=0)
    max_compression_ratio: float = Field(default=200.0, gt=1.0)
    ratio_checked_above_bytes: int = Field(default=1 * MB, ge=0)
    max_pdf_pages: int = Field(default=2_000, gt=0)
    max_chars: int = Field(default=5_000_000, gt=0)
    timeout_s: float = Field(default=60.0, gt=0)
    memory_bytes: int = Field(default=1536 * MB, gt=0)


DEFAULT_LIMITS = IngestLimits()


def human_bytes(n: int) -> str:
    """``n`` bytes as a short human string: ``"20 MB"``, ``"512 KB"``, ``"17 bytes"``."""
    if n >= MB:
        value = n / MB
        return f"{value:.0f} MB" if value == int(value) or value >= 10 else f"{value:.1f} MB"
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} bytes"
