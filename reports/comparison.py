"""The comparison of two versions of a draft (:class:`checker.compare.Comparison`) rendered in
every report format: JSON, HTML, Markdown (text) and DOCX, PDF (bytes).

Every format says the same thing, in the order of a recommendation-implementation review: the
summary sentence ("Of 20 concerns, 18 persist, 2 partly addressed, 0 resolved; 1 new
concern."), the counts, new concerns, concerns partly addressed, persisting concerns, resolved
concerns, then how the provisions were aligned (renumbered, removed, added).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from checker.compare import Comparison, ComparedFinding
from reports.markdown import escape_inline
from reports.render import FORMATS, TEXT_FORMATS, BinaryReportFormat, UnknownReportFormat
from reports.view import SEVERITY_LABELS, format_generated

STATUS_ORDER = ("new", "changed", "persists", "resolved")
STATUS_HEADINGS = {
    "new": "New concerns",
    "changed": "Concerns partly addressed",
    "persists": "Concerns that persist",
    "resolved": "Concerns resolved",
}
STATUS_LABELS = {"new": "New", "changed": "Partly addressed", "persists": "Persists", "resolved": "Resolved"}


@dataclass(frozen=True)
class Row:
    """One finding of the comparison as printed: where it was and is, the words then and now."""

    status: str
    status_label: str
    standard_id: str
    title: str
    severity_label: str
    old_where: str
    new_where: str
    old_words: str
    new_words: str
    explanation: str
    recommendation: str


@dataclass(frozen=True)
class Group:
    """The rows of one status, under its heading."""

    status: str
    heading: str
    rows: list[Row]


@dataclass
class ComparisonView:
    """Everything a rendered comparison shows, in order."""

    title: str
    sentence: str
    country: str | None
    old_name: str
    new_name: str
    old_generated: str
    new_generated: str
    old_catalogue: str
    new_catalogue: str
    same_catalogue: bool
    counts: list[tuple[str, int]]
    groups: list[Group]
    renumbered: list[tuple[str, str, str]]
    removed: list[str]
    added: list[str]
    generated: str
    tool: str
    schema_version: str


def _where(finding) -> str:
    if finding is None:
        return "—"
    if finding.provision is None or finding.absence:
        return "The draft as a whole"
    ref = finding.provision
    if ref.label_local and ref.label_local != ref.label:
        return f"{ref.label_local} / {ref.label}"
    return ref.label


def _words(finding) -> str:
    if finding is None or not finding.spans:
        return "—"
    quotes: list[str] = []
    for span in sorted(finding.spans, key=lambda s: (s.start, s.end)):
        quote = " ".join(span.quote.split())
        if quote and quote not in quotes:
            quotes.append(quote)
    return "; ".join(quotes) or "—"


def _row(entry: ComparedFinding) -> Row:
    base = entry.new or entry.old
    return Row(
        status=entry.status,
        status_label=STATUS_LABELS[entry.status],
        standard_id=entry.standard_id,
        title=entry.title,
        severity_label=SEVERITY_LABELS[entry.severity],
        old_where=_where(entry.old),
        new_where=_where(entry.new),
        old_words=_words(entry.old),
        new_words=_words(entry.new),
        explanation=entry.explanation,
        recommendation=" ".join(base.recommendation.split()),
    )


def build_comparison_view(comparison: Comparison) -> ComparisonView:
    """Group and word ``comparison`` for printing.

    Raises:
        TypeError: ``comparison`` is not a :class:`~checker.compare.Comparison`.
    """
    if not isinstance(comparison, Comparison):
        raise TypeError(f"expected a checker.compare.Comparison, got {type(comparison).__name__}")
    summary = comparison.summary
    groups = []
    for status in STATUS_ORDER:
        rows = [_row(e) for e in comparison.findings if e.status == status]
        if rows:
            groups.append(Group(status, STATUS_HEADINGS[status], rows))
    old, new = comparison.old, comparison.new
    return ComparisonView(
        title=new.draft.title or old.draft.title or new.draft.source_name,
        sentence=summary.sentence,
        country=new.draft.country or old.draft.country,
        old_name=old.draft.source_name,
        new_name=new.draft.source_name,
        old_generated=format_generated(old.generated_at),
        new_generated=format_generated(new.generated_at),
        old_catalogue=old.catalogue_version,
        new_catalogue=new.catalogue_version,
        same_catalogue=comparison.same_catalogue,
        counts=[("Concerns in the earlier version", summary.concerns), ("Persist", summary.persists),
                ("Partly addressed", summary.changed), ("Resolved", summary.resolved),
                ("New concerns", summary.new)],
        groups=groups,
        renumbered=[(link.old_label, link.new_label, link.relation) for link in comparison.alignment
                    if link.old_label != link.new_label or link.relation != "same"],
        removed=[p.label for p in comparison.removed],
        added=[p.label for p in comparison.added],
        generated=format_generated(comparison.generated_at),
        tool=f"{comparison.tool} {comparison.tool_version}",
        schema_version=comparison.schema_version,
    )


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def comparison_html(comparison: Comparison) -> str:
    """The comparison as a standalone HTML page (inline CSS, no scripts), also laid out for
    print: A4, "page x of y", DejaVu fonts."""
    return _env().get_template("comparison.html.j2").render(c=build_comparison_view(comparison))


def comparison_markdown(comparison: Comparison) -> str:
    """The comparison as GitHub-flavoured Markdown (every value from the drafts escaped)."""
    v = build_comparison_view(comparison)
    e = escape_inline
    lines = [f"# Comparison of two versions: {e(v.title)}", ""]
    if v.country:
        lines.append(f"- **Country:** {e(v.country)}")
    lines += [
        f"- **Earlier version:** {e(v.old_name)} (checked {e(v.old_generated)}, catalogue {e(v.old_catalogue)})",
        f"- **Revised version:** {e(v.new_name)} (checked {e(v.new_generated)}, catalogue {e(v.new_catalogue)})",
        f"- **Compared:** {e(v.generated)} by {e(v.tool)} (comparison format {e(v.schema_version)})",
        "",
    ]
    if not v.same_catalogue:
        lines += ["> The two versions were checked against different catalogue versions: a status may "
                  "reflect the catalogue rather than the draft.", ""]
    lines += ["## Summary", "", f"**{e(v.sentence)}**", "", "| | Number |", "|---|---:|"]
    lines += [f"| {e(label)} | {count} |" for label, count in v.counts]
    lines.append("")
    for group in v.groups:
        lines += [f"## {e(group.heading)} ({len(group.rows)})", "",
                  "| Standard | Severity | Earlier version | Revised version | Words then | Words now |",
                  "|---|---|---|---|---|---|"]
        for r in group.rows:
            lines.append(f"| {e(r.standard_id)} {e(r.title)} | {e(r.severity_label)} | {e(r.old_where)} | "
                         f"{e(r.new_where)} | {e(r.old_words)} | {e(r.new_words)} |")
        lines.append("")
    lines += ["## Provisions", ""]
    if v.renumbered:
        lines += ["| Earlier version | Revised version | How |", "|---|---|---|"]
        lines += [f"| {e(a)} | {e(b)} | {e(rel)} |" for a, b, rel in v.renumbered]
        lines.append("")
    lines.append(f"Removed: {e(', '.join(v.removed)) if v.removed else 'none'}.")
    lines.append("")
    lines.append(f"Added: {e(', '.join(v.added)) if v.added else 'none'}.")
    return "\n".join(lines).rstrip("\n") + "\n"


def comparison_docx(comparison: Comparison) -> bytes:
    """The comparison as DOCX bytes, its metadata scrubbed (author ``rightscheck``)."""
    import docx
    from docx.shared import Pt

    from reports.docx_report import _set_fonts, _page_setup, _table, document_bytes, scrub_metadata

    v = build_comparison_view(comparison)
    document = docx.Document()
    _set_fonts(document)
    _page_setup(document)
    document.sections[0].different_first_page_header_footer = False
    document.add_paragraph(f"Comparison of two versions: {v.title}", style="Title")
    facts = ([f"Country: {v.country}"] if v.country else []) + [
        f"Earlier version: {v.old_name} (checked {v.old_generated}, catalogue {v.old_catalogue})",
        f"Revised version: {v.new_name} (checked {v.new_generated}, catalogue {v.new_catalogue})",
        f"Compared: {v.generated} by {v.tool} (comparison format {v.schema_version})",
    ]
    for fact in facts:
        document.add_paragraph(fact)
    if not v.same_catalogue:
        document.add_paragraph("The two versions were checked against different catalogue versions: a "
                               "status may reflect the catalogue rather than the draft.").runs[0].italic = True
    document.add_paragraph("Summary", style="Heading 1")
    document.add_paragraph().add_run(v.sentence).bold = True
    _table(document, ["", "Number"], [[label, str(count)] for label, count in v.counts], [9.0, 3.0])
    for group in v.groups:
        document.add_paragraph(f"{group.heading} ({len(group.rows)})", style="Heading 1")
        rows = [[f"{r.standard_id}\n{r.title}", r.severity_label, r.old_where, r.new_where,
                 r.old_words, r.new_words] for r in group.rows]
        _table(document, ["Standard", "Severity", "Earlier version", "Revised version", "Words then", "Words now"],
               rows, [4.2, 1.7, 2.6, 2.6, 2.8, 2.8])
    document.add_paragraph("Provisions", style="Heading 1")
    if v.renumbered:
        _table(document, ["Earlier version", "Revised version", "How"], [list(t) for t in v.renumbered],
               [6.0, 6.0, 3.0])
    document.add_paragraph(f"Removed: {', '.join(v.removed) if v.removed else 'none'}.")
    document.add_paragraph(f"Added: {', '.join(v.added) if v.added else 'none'}.")
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.font.size is None and paragraph.style.name == "Normal":
                run.font.size = Pt(10.5)
    scrub_metadata(document, title=f"Comparison — {v.title}", moment=comparison.generated_at)
    return document_bytes(document)


def comparison_pdf(comparison: Comparison) -> bytes:
    """The comparison as PDF bytes (the HTML page laid out by WeasyPrint, A4).

    Raises:
        reports.pdf_report.PdfUnavailable: WeasyPrint cannot be loaded.
    """
    from reports.pdf_report import PdfUnavailable

    html = comparison_html(comparison)
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(
            f"PDF reports need WeasyPrint and Pango, which cannot be loaded here ({exc})",
            "install them with scripts/setup.sh, or ask for a docx, html, md or json report",
        ) from None
    return HTML(string=html).write_pdf()


_TEXT = {"json": lambda c: c.model_dump_json(indent=2) + "\n", "html": comparison_html, "md": comparison_markdown}
_BINARY = {"docx": comparison_docx, "pdf": comparison_pdf}


def render_comparison(comparison: Comparison, fmt: str) -> str:
    """The comparison as text in ``fmt`` (``json``, ``html`` or ``md``).

    Raises:
        BinaryReportFormat: for ``docx``/``pdf``: use :func:`render_comparison_bytes`.
        UnknownReportFormat: for any other format.
    """
    key = fmt.strip().lower() if isinstance(fmt, str) else None
    if key in _BINARY:
        raise BinaryReportFormat(f"report format {fmt!r} is binary and is written by render_comparison_bytes",
                                 f"accepted formats here: {', '.join(TEXT_FORMATS)}")
    if key not in _TEXT:
        raise UnknownReportFormat(f"unknown report format {fmt!r}", f"accepted formats: {', '.join(TEXT_FORMATS)}")
    return _TEXT[key](comparison)


def render_comparison_bytes(comparison: Comparison, fmt: str) -> bytes:
    """The comparison in any report format (:data:`reports.FORMATS`) as bytes; text formats
    in UTF-8.

    Raises:
        UnknownReportFormat: for a format not in :data:`reports.FORMATS`.
    """
    key = fmt.strip().lower() if isinstance(fmt, str) else None
    if key in _BINARY:
        if not isinstance(comparison, Comparison):
            raise TypeError(f"expected a checker.compare.Comparison, got {type(comparison).__name__}")
        return _BINARY[key](comparison)
    if key not in _TEXT:
        raise UnknownReportFormat(f"unknown report format {fmt!r}", f"accepted formats: {', '.join(FORMATS)}")
    return _TEXT[key](comparison).encode("utf-8")
