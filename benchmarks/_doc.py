"""Writing generated text between two HTML-comment markers of a page in docs/."""

from __future__ import annotations

import sys
from pathlib import Path


def replace_between(doc: Path, begin: str, end: str, text: str) -> bool:
    """Put ``text`` between the markers ``begin`` and ``end`` of ``doc`` (a UTF-8 file),
    keeping the markers and everything outside them. Returns False, after saying so on
    standard error, when a marker is missing (the file is then left as it was)."""
    page = doc.read_text(encoding="utf-8")
    if begin not in page or end not in page:
        print(f"{doc}: markers {begin} / {end} not found", file=sys.stderr)
        return False
    head, rest = page.split(begin, 1)
    doc.write_text(head + begin + "\n" + text + end + rest.split(end, 1)[1], encoding="utf-8")
    return True
