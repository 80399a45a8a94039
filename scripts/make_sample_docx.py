"""Make the Word version of a bundled plain-text draft, as a lawyer would receive it.

    .venv/bin/python scripts/make_sample_docx.py                      # the Arventa sample
    .venv/bin/python scripts/make_sample_docx.py IN.txt OUT.docx

The heading lines ("LAW OF ...", "Chapter N. ...", "Article N. ...") become Word headings; every other line becomes one paragraph with its numbering ("1.", "1)") typed as
written in the text, so the reader finds the same chapters, articles, paragraphs and
subparagraphs as in the .txt. The file is reproducible: its document properties and the
dates inside the ZIP are fixed, so running the script again gives the same bytes.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "drafts" / "arventa-public-events-2024.en.txt"
SAMPLE_DOCX = ROOT / "drafts" / "arventa-public-events-2024.en.docx"

_CHAPTER = re.compile(r"^(Chapter|Глава)\s+\d+")
_ARTICLE = re.compile(r"^(Article|Статья)\s+\d+")
_FIXED_DATE = datetime(2024, 3, 1, tzinfo=timezone.utc)
_ZIP_DATE = (2024, 3, 1, 0, 0, 0)


def build_docx(text: str, *, title: str | None = None) -> bytes:
    """The DOCX bytes of a plain-text draft ``text`` (lines separated by ``\\n``).

    Lines all in capitals ("LAW OF THE REPUBLIC OF ...", but not "DRAFT") are Heading 1,
    "Chapter N." lines Heading 2, "Article N." lines Heading 3; every other non-blank line is
    a Normal paragraph with its text, numbering included, unchanged. Blank lines are dropped
    (Word separates paragraphs by itself). ``title`` sets the document's core "title" property.
    """
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if _CHAPTER.match(line):
            document.add_heading(line, level=2)
        elif _ARTICLE.match(line):
            document.add_heading(line, level=3)
        elif line.isupper() and len(line) > 3 and not line.startswith("DRAFT"):
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    properties = document.core_properties
    properties.title = title or ""
    properties.author = "rightscheck sample drafts"
    properties.last_modified_by = "rightscheck sample drafts"
    properties.created = _FIXED_DATE
    properties.modified = _FIXED_DATE
    properties.revision = 1
    raw = io.BytesIO()
    document.save(raw)
    return _with_fixed_zip_dates(raw.getvalue())


def _with_fixed_zip_dates(data: bytes) -> bytes:
    """The same ZIP with every member dated ``_ZIP_DATE``, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def _title_of(text: str) -> str | None:
    """The draft's title: the first line after the "LAW OF ..." line, if any."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for index, line in enumerate(lines[:-1]):
        if line.startswith("LAW"):
            return lines[index + 1]
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=SAMPLE_TXT, help="plain-text draft (UTF-8)")
    parser.add_argument("target", nargs="?", type=Path, default=None, help="DOCX to write (default: beside it)")
    args = parser.parse_args(argv)
    target = args.target or args.source.with_suffix(".docx")
    try:
        text = args.source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"make_sample_docx: cannot read {args.source}: {exc}; give a UTF-8 .txt draft", file=sys.stderr)
        return 2
    target.write_bytes(build_docx(text, title=_title_of(text)))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
