"""The filing report as a Word document (python-docx), and the metadata scrub every DOCX that
rightscheck writes goes through.

The document follows :mod:`reports.submission`: a title page (draft title, country, date,
catalogue version), a contents field, an executive summary with the counts by area and
severity, numbered paragraphs per provision (quoted words, the conflict, the legal reasoning, pinpoint
citations, the recommendation), a table of every conflict, and annexes of the standards and
the sources. Pages are A4 with "page x of y" in the footer (Word fields, updated on open).
A reviewed report adds a "Review" line to the title page, each finding's decision under its
heading, and a section "Findings rejected by the reviewers" after the findings (see
:mod:`reports.submission`); an unreviewed report has none of these.

Its core properties name ``rightscheck`` as author and last editor; it carries no comments and
nothing about the person who uploaded the draft.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from checker.models import Report
from reports.submission import NumberedParagraph, Submission, SubmissionSection, build_submission

AUTHOR = "rightscheck"
"""The only name a DOCX written by rightscheck carries as author, editor or commenter."""

_EMPTY_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>rightscheck</Application><DocSecurity>0</DocSecurity></Properties>"
)
_DROPPED_PACKAGE_RELS = {RT.THUMBNAIL, RT.CUSTOM_PROPERTIES}
_DROPPED_PART_RELS = {
    RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2011/relationships/people",
}
_AUTHOR_ATTRS = (qn("w:author"),)
_INITIALS_ATTR = qn("w:initials")


def scrub_metadata(document, *, title: str = "", moment: datetime | None = None) -> None:
    """Remove what a DOCX says about the people who made or edited it, in place.

    Core properties: author and last editor become :data:`AUTHOR`; title ``title``;
    subject, keywords, description, category, status, identifier, language and version
    empty; revision 1; created and modified ``moment`` (default: now, UTC, whole seconds).
    Extended properties (``docProps/app.xml``: company, manager, template) are replaced by
    a minimal part; the thumbnail, custom properties, custom XML data (e.g. document-library
    fields) and the list of people (``word/people.xml``) are dropped; the attached-template
    path is removed from the settings. The author of every tracked change and of every
    comment already in the file becomes ``"Author"`` (Word's own word when it removes
    personal information) and comment initials become empty.

    Args:
        document: a ``docx.Document``.
        title: the title to keep in the core properties.
        moment: the creation and modification time to write.
    """
    moment = (moment or datetime.now(timezone.utc)).replace(microsecond=0)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    core = document.core_properties
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.title = title
    for name in ("subject", "keywords", "comments", "category", "content_status", "identifier",
                 "language", "version"):
        setattr(core, name, "")
    core.revision = 1
    core.created = moment
    core.modified = moment
    printed = core._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        core._element.remove(printed)

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in _DROPPED_PACKAGE_RELS:
            del package.rels[rel_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            part = rel.target_part
            if hasattr(part, "_blob"):
                part._blob = _EMPTY_APP_XML.encode("utf-8")
            elif hasattr(part, "_element"):
                part._element = parse_xml(_EMPTY_APP_XML.encode("utf-8"))
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in _DROPPED_PART_RELS:
            del document.part.rels[rel_id]

    settings = document.settings.element
    for tag in ("w:attachedTemplate", "w:docVars"):
        node = settings.find(qn(tag))
        if node is not None:
            settings.remove(node)

    for part in package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            for attr in _AUTHOR_ATTRS:
                if node.get(attr) is not None:
                    node.set(attr, "Author")
            if node.get(_INITIALS_ATTR) is not None:
                node.set(_INITIALS_ATTR, "")


def document_bytes(document) -> bytes:
    """``document`` saved to bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- layout helpers


def _set_fonts(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Times New Roman")
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = styles[name]
        style.font.name = "Arial"
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), "Arial")
        for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if fonts.get(qn(theme_attr)) is not None:
                del fonts.attrib[qn(theme_attr)]


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``...) with ``placeholder`` as its shown result."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    footer.add_run("page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _label_run(paragraph, label: str) -> None:
    run = paragraph.add_run(f"{label} ")
    run.bold = True


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _table(document, headers: list[str], rows: list[list[str]], widths: list[float]):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = text
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    return table


# --------------------------------------------------------------------------- the parts


def _title_page(document, s: Submission) -> None:
    kicker = document.add_paragraph()
    kicker.paragraph_format.space_before = Pt(90)
    run = kicker.add_run("DRAFT-LAW COMPLIANCE SCREENING · SUBMISSION REPORT")
    run.font.size = Pt(9)
    document.add_paragraph(s.title, style="Title")
    facts = []
    if s.country:
        facts.append(("Country", s.country))
    view = s.view
    facts += [
        ("Date", s.date),
        ("Standards catalogue", f"version {view.catalogue_version}"),
        ("Draft", f"{view.source_name} ({view.source_format}), {view.language_name}"),
        ("Findings", str(view.total)),
        ("Tool", f"{view.tool} {view.tool_version} (report format {view.schema_version})"),
        ("File SHA-256", view.sha256),
    ]
    if s.review:
        facts.append(("Review", "\n".join(s.review)))
    table = document.add_table(rows=0, cols=2)
    for key, value in facts:
        cells = table.add_row().cells
        cells[0].text = ""
        cells[0].paragraphs[0].add_run(key).bold = True
        cells[1].text = value
        cells[0].width, cells[1].width = Cm(4.5), Cm(12)
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(60)
    note.add_run(s.disclaimer).italic = True
    note.runs[0].font.size = Pt(9)
    note.add_run().add_break(WD_BREAK.PAGE)


def _contents(document, s: Submission) -> None:
    document.add_paragraph("Contents", style="Heading 1")
    entries = ["Executive summary", "Findings, provision by provision", "Table of conflicts",
               "Annex A: standards relied on", "Annex B: sources cited"]
    if s.rejected:
        entries.insert(2, "Findings rejected by the reviewers")
    first = document.add_paragraph()
    run = first.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = first.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    run._r.append(instr)
    run = first.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    first.add_run(entries[0])
    last = first
    for entry in entries[1:]:
        last = document.add_paragraph(entry)
    run = last.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    hint = document.add_paragraph()
    hint.add_run("(Update the field — F9 in Word, Tools ▸ Update in LibreOffice — for page numbers.)").italic = True
    hint.runs[0].font.size = Pt(8)


def _summary(document, s: Submission) -> None:
    heading = document.add_paragraph("Executive summary", style="Heading 1")
    heading.paragraph_format.page_break_before = True
    for sentence in s.summary:
        document.add_paragraph(sentence)
    if s.rows:
        caption = document.add_paragraph()
        caption.add_run("Findings by area of law and severity").bold = True
        labels = [label for _, label in s.severities]
        rows = [[row.label] + [str(row.counts[key]) for key, _ in s.severities] + [str(row.total)] for row in s.rows]
        rows.append([s.total_row.label] + [str(s.total_row.counts[key]) for key, _ in s.severities]
                    + [str(s.total_row.total)])
        _table(document, ["Area"] + labels + ["Total"], rows, [6.0] + [2.2] * (len(labels) + 1))
    document.add_paragraph("About this report", style="Heading 3")
    for sentence in s.about:
        document.add_paragraph(sentence)


def _quote(document, section: SubmissionSection) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(1.0)
    paragraph.paragraph_format.right_indent = Cm(0.5)
    for segment in section.segments:
        run = paragraph.add_run(segment.text)
        run.font.size = Pt(10)
        if segment.marked:
            run.bold = True
            run.underline = True


def _hanging_heading(document, label: str, title: str):
    """A finding's heading paragraph: ``label`` (e.g. "12." or "R1") hanging 1 cm in the
    margin, then ``title`` in bold; kept with the paragraph after it. Returns the paragraph."""
    head = document.add_paragraph()
    head.paragraph_format.left_indent = Cm(1.0)
    head.paragraph_format.first_line_indent = Cm(-1.0)
    head.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
    head.paragraph_format.keep_with_next = True
    head.add_run(f"{label}\t").bold = True
    head.add_run(title).bold = True
    return head


def _numbered(document, item: NumberedParagraph, language: str) -> None:
    finding = item.finding.finding
    head = _hanging_heading(document, f"{item.number}.", finding.title)
    decision = item.finding.decision
    rest = f", {item.finding.domain_label}"
    if decision is not None and decision.severity_note:
        head.add_run(f" ({finding.standard_id}) — {item.finding.severity_label} severity")
        head.add_run(f" ({decision.severity_note})").italic = True
        head.add_run(rest)
    else:
        head.add_run(f" ({finding.standard_id}) — {item.finding.severity_label} severity{rest}")

    def body(label: str, text: str):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(1.0)
        _label_run(paragraph, label)
        paragraph.add_run(text)
        return paragraph

    if decision is not None:
        _decision(document, decision)
    open_q, close_q = ("«", "»") if language == "ru" else ("“", "”")
    if item.quotes:
        body("Words:", "; ".join(f"{open_q}{q}{close_q}" for q in item.quotes))
    else:
        body("Words:", "none — no provision of the draft provides this safeguard.")
    body("The conflict:", item.conflict)
    if item.reasons:
        body("Reasoning:", " ".join(item.reasons))
    if item.citations:
        label = document.add_paragraph()
        label.paragraph_format.left_indent = Cm(1.0)
        label.paragraph_format.keep_with_next = True
        _label_run(label, "Standards:")
        for citation in item.citations:
            line = document.add_paragraph(style="List Bullet")
            line.paragraph_format.left_indent = Cm(1.6)
            text = citation.pinpoint + (f" ({citation.symbol})" if citation.symbol else "")
            line.add_run(text + " — ")
            line.add_run(citation.title).italic = True
            if not citation.verified:
                line.add_run(" (paragraph to be confirmed)").italic = True
    recommendation = body("Recommendation:", item.recommendation)
    if decision is not None and decision.recommendation_note:
        recommendation.add_run(f" ({decision.recommendation_note})").italic = True


def _decision(document, decision) -> None:
    """The reviewer's decision under a finding's heading: the headline in bold, then the
    reason and who decided when; a rejection is also shaded and boxed."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(1.0)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(decision.lead).bold = True
    if decision.detail:
        paragraph.add_run(f" {decision.detail}")
    if decision.rejected:
        props = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), "8")
            edge.set(qn("w:space"), "4")
            edge.set(qn("w:color"), "000000")
            borders.append(edge)
        props.append(borders)


def _rejected(document, s: Submission) -> None:
    heading = document.add_paragraph("Findings rejected by the reviewers", style="Heading 1")
    heading.paragraph_format.page_break_before = True
    document.add_paragraph(
        "The reviewers rejected these findings, for the reasons given. They are not conflicts: "
        "they have no paragraph number, are not in the table of conflicts and are not counted "
        "in this report."
    )
    open_q, close_q = ("«", "»") if s.language == "ru" else ("“", "”")
    for item in s.rejected:
        finding = item.finding.finding
        head = _hanging_heading(document, item.label, finding.title)
        head.add_run(f" ({finding.standard_id}) — {item.where}")
        _decision(document, item.finding.decision)
        if item.quotes:
            words = document.add_paragraph()
            words.paragraph_format.left_indent = Cm(1.0)
            _label_run(words, "Words:")
            words.add_run("; ".join(f"{open_q}{q}{close_q}" for q in item.quotes))
        conflict = document.add_paragraph()
        conflict.paragraph_format.left_indent = Cm(1.0)
        _label_run(conflict, "The conflict the screening suggested:")
        conflict.add_run(item.conflict)


def _findings(document, s: Submission) -> None:
    heading = document.add_paragraph("Findings, provision by provision", style="Heading 1")
    heading.paragraph_format.page_break_before = True
    if not s.sections:
        document.add_paragraph("No provision of the draft was found to conflict with the standards.")
    for section in s.sections:
        title = section.heading + (f" — {section.subheading}" if section.subheading else "")
        document.add_paragraph(title, style="Heading 2")
        if section.location:
            where = document.add_paragraph()
            where.add_run(section.location).italic = True
        if section.segments:
            _quote(document, section)
        for item in section.paragraphs:
            _numbered(document, item, s.language)


def _conflicts(document, s: Submission) -> None:
    heading = document.add_paragraph("Table of conflicts", style="Heading 1")
    heading.paragraph_format.page_break_before = True
    if not s.conflicts:
        document.add_paragraph("No conflicts.")
        return
    rows = [[str(r.number), r.where, f"{r.standard_id}\n{r.title}", r.severity_label, r.words] for r in s.conflicts]
    _table(document, ["No.", "Provision", "Standard", "Severity", "Words"], rows, [1.2, 3.6, 5.2, 1.9, 4.7])


def _annexes(document, s: Submission) -> None:
    heading = document.add_paragraph("Annex A: standards relied on", style="Heading 1")
    heading.paragraph_format.page_break_before = True
    if not s.annex:
        document.add_paragraph("No standard was relied on.")
    for entry in s.annex:
        document.add_paragraph(f"{entry.standard_id} — {entry.title}", style="Heading 3")
        area = document.add_paragraph()
        area.add_run(entry.domain_label + ("" if entry.verified else " · lead citation to be confirmed")).italic = True
        document.add_paragraph(entry.principle)
        for citation in entry.citations:
            line = document.add_paragraph(style="List Bullet")
            line.add_run(citation.pinpoint + (f" ({citation.symbol})" if citation.symbol else "") + " — ")
            line.add_run(citation.title).italic = True
            if not citation.verified:
                line.add_run(" (paragraph to be confirmed)").italic = True
    heading = document.add_paragraph("Annex B: sources cited", style="Heading 1")
    heading.paragraph_format.page_break_before = True
    if not s.sources:
        document.add_paragraph("No source was cited.")
        return
    rows = [
        [src.cite_as or src.symbol or src.source,
         src.title + (f" ({src.symbol})" if src.symbol else "") + (f"\n{src.url}" if src.url else "")]
        for src in s.sources
    ]
    _table(document, ["Cited as", "Document"], rows, [4.5, 12.1])
    end = document.add_paragraph()
    end.paragraph_format.space_before = Pt(18)
    end.add_run(s.disclaimer).italic = True


def render_docx(report: Report) -> bytes:
    """The filing report as DOCX bytes (a zip starting with ``PK``), A4.

    Reading order: title page; contents; executive summary; findings, provision by provision,
    as numbered paragraphs (whole-draft findings first); table of conflicts; Annex A
    (standards) and Annex B (sources). Core properties: author and last editor
    ``rightscheck``, title ``Compliance screening — <draft title>``, created at the report's
    ``generated_at``.

    Raises:
        TypeError: ``report`` is not a :class:`~checker.models.Report`.
    """
    submission = build_submission(report)
    document = docx.Document()
    _set_fonts(document)
    _page_setup(document)
    _title_page(document, submission)
    _contents(document, submission)
    _summary(document, submission)
    _findings(document, submission)
    if submission.rejected:
        _rejected(document, submission)
    _conflicts(document, submission)
    _annexes(document, submission)
    scrub_metadata(document, title=f"Compliance screening — {submission.title}", moment=report.generated_at)
    return document_bytes(document)
