"""The filing report as PDF: the print HTML of :mod:`reports.submission` laid out by WeasyPrint.

A4 pages numbered "page x of y" in the bottom margin, a title page, a table of contents with
page numbers, an executive summary, numbered paragraphs per provision, a table of conflicts
(with the page of each paragraph) and annexes of the standards and the sources. Every text is
set in DejaVu Serif / DejaVu Sans (the Debian package ``fonts-dejavu-core``), which WeasyPrint
embeds as subsets, so Cyrillic drafts print and their text can be extracted again.

The PDF's information dictionary names the report and ``rightscheck`` as its author, never the
person who uploaded the draft.
"""

from __future__ import annotations

from markupsafe import Markup

from checker.errors import InputError
from checker.models import Report
from reports.submission import build_submission


class PdfUnavailable(InputError):
    """WeasyPrint (or the Pango library it needs) is not installed, so no PDF can be made."""

    code = "pdf-unavailable"


def render_submission_html(report: Report) -> str:
    """The filing report as one standalone HTML document laid out for print (the PDF's source).

    Raises:
        TypeError: ``report`` is not a :class:`~checker.models.Report`.
    """
    from reports.render import _html_env

    submission = build_submission(report)
    return _html_env().get_template("submission.html.j2").render(
        s=submission, running_title=Markup(css_string(shorten(submission.title, 70)))
    )


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters with an
    ellipsis when it is longer.

    >>> shorten("On the procedure for organising and holding peaceful assemblies", 30)
    'On the procedure for…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.-–—") + "…"


def css_string(text: str) -> str:
    r"""``text`` as a quoted CSS string literal in which every character other than a letter,
    a digit or a space is a hex escape, so no value can close the string or the style element.

    >>> print(css_string('a"b<'))
    "a\000022 b\00003c "
    """
    out = []
    for ch in text:
        if ch.isalnum() or ch == " ":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x} ")
    return '"' + "".join(out) + '"'


def render_pdf(report: Report) -> bytes:
    """The filing report as PDF bytes (A4, fonts embedded, starts with ``%PDF-``).

    Raises:
        TypeError: ``report`` is not a :class:`~checker.models.Report`.
        PdfUnavailable: WeasyPrint cannot be imported on this machine (an
            :class:`~checker.errors.InputError`: install it, or ask for another format).
    """
    html = render_submission_html(report)
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise PdfUnavailable(
            f"PDF reports need WeasyPrint and Pango, which cannot be loaded here ({exc})",
            "install them with scripts/setup.sh, or ask for a docx, html, md or json report",
        ) from None
    return HTML(string=html).write_pdf()
