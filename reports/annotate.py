"""The annotated draft: the uploaded Word file given back with a comment on each finding.

Each finding becomes one Word comment (author ``rightscheck``) anchored on exactly the words it
quotes: standard id and title, a short reason, the pinpoint citations and the recommendation.
A whole-draft finding (a safeguard the draft lacks) is anchored on the draft's title.

Where the words are. A finding's span is in draft-text offsets; the draft's
:class:`~checker.models.TextBlock` s say which DOCX paragraph each line came from
(``paragraph``, 1-based over every ``w:p`` of the body). The paragraph is read again the way
ingest read it — visible runs only, Word's list number ("1)", "Статья 5.") put in front,
line breaks splitting it into lines, each line cleaned (zero-width characters dropped, NFC,
runs of spaces as one, stripped) — but keeping, for every character, the ``w:t`` element and
index it came from. The comment's first and last characters are thereby found in the runs
(the list number has no run: a range is moved onto the first character that has one), the
runs are split there, and ``Document.add_comment`` brackets them with
``w:commentRangeStart``/``w:commentRangeEnd``. When a paragraph cannot be matched to the
draft's text (a file edited since it was checked), its comment covers the whole paragraph.

For a draft that was not a DOCX (text, PDF, ...), a DOCX of the draft is written first — one
paragraph per text block — and commented the same way.

The returned copy keeps nothing about the people who made the file: see
:func:`reports.docx_report.scrub_metadata`.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.text.run import Run
from lxml import etree

from checker.errors import InputError
from checker.ingest import docx_reader as reader
from checker.ingest.blocks import _CONTROL, _DROP, _SPACES
from checker.models import Draft, Finding, Report, Span
from reports.docx_report import AUTHOR, document_bytes, scrub_metadata

INITIALS = "RC"
"""Initials shown on rightscheck's comments."""

_LINE_BREAKS = set("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class AnnotationError(InputError):
    """The DOCX given to annotate is not the file the draft was read from, or not a DOCX."""

    code = "annotation-mismatch"


# --------------------------------------------------------------------------- reading runs


@dataclass
class _Char:
    """A character of a paragraph as ingest reads it: the content element it comes from
    (``w:t``, ``w:tab``, ``w:br``...) and its index in that element's text; ``node`` None
    for characters of Word's list number."""

    ch: str
    node: object | None
    index: int = 0


def _raw_chars(paragraph) -> list[_Char]:
    out: list[_Char] = []
    _collect(paragraph, out)
    return out


def _collect(element, out: list[_Char]) -> None:
    """Mirror of :func:`checker.ingest.docx_reader._collect` that keeps each character's origin."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in reader._SKIP or tag == reader._P:
            continue
        if tag == reader._T:
            out.extend(_Char(ch, child, i) for i, ch in enumerate(child.text or ""))
        elif tag in (reader._TAB, reader._PTAB):
            out.append(_Char("\t", child))
        elif tag in (reader._BR, reader._CR):
            out.append(_Char("\n", child))
        elif tag == reader._NOBREAK_HYPHEN:
            out.append(_Char("-", child))
        elif tag == reader._SOFT_HYPHEN:
            continue
        elif tag == reader._SYM:
            code = child.get(reader._w("char"), "")
            try:
                value = int(code, 16)
            except ValueError:
                continue
            if not 0xF000 <= value <= 0xF0FF:
                out.append(_Char(chr(value), child))
        elif tag == reader._R and reader._hidden(child):
            continue
        else:
            _collect(child, out)


def _split_lines(indices: list[int], chars: list[_Char]) -> list[list[int]]:
    """``indices`` (into ``chars``) cut where ``str.splitlines`` cuts."""
    lines: list[list[int]] = []
    current: list[int] = []
    k = 0
    while k < len(indices):
        ch = chars[indices[k]].ch
        if ch in _LINE_BREAKS:
            lines.append(current)
            current = []
            if ch == "\r" and k + 1 < len(indices) and chars[indices[k + 1]].ch == "\n":
                k += 1
        else:
            current.append(indices[k])
        k += 1
    lines.append(current)
    return lines


@dataclass
class _Clean:
    """A character of a cleaned line: ``first``/``last`` are the indices of the raw
    characters it stands for (several for a collapsed run of spaces or a composed letter)."""

    ch: str
    first: int
    last: int


def _clean(line: list[int], chars: list[_Char]) -> list[_Clean]:
    """The same steps as :func:`checker.ingest.blocks.clean_line`, keeping origins."""
    items = [_Clean(chars[i].ch, i, i) for i in line if ord(chars[i].ch) not in _DROP]
    composed: list[_Clean] = []
    k = 0
    while k < len(items):
        j = k + 1
        while j < len(items) and unicodedata.combining(items[j].ch):
            j += 1
        cluster = "".join(c.ch for c in items[k:j])
        nfc = unicodedata.normalize("NFC", cluster)
        if nfc == cluster:
            composed.extend(items[k:j])
        else:
            composed.extend(_Clean(ch, items[k].first, items[j - 1].last) for ch in nfc)
        k = j
    spaced: list[_Clean] = []
    in_space = False
    for c in composed:
        ch = " " if _CONTROL.fullmatch(c.ch) else c.ch
        if _SPACES.fullmatch(ch):
            if in_space:
                spaced[-1].last = c.last
            else:
                spaced.append(_Clean(" ", c.first, c.last))
            in_space = True
        else:
            spaced.append(_Clean(ch, c.first, c.last))
            in_space = False
    start, end = 0, len(spaced)
    while start < end and spaced[start].ch.isspace():
        start += 1
    while end > start and spaced[end - 1].ch.isspace():
        end -= 1
    return spaced[start:end]


@dataclass
class _Paragraph:
    """A ``w:p`` of the DOCX and its characters as ingest read them."""

    element: object
    label: tuple[str, str] | None
    chars: list[_Char] = field(default_factory=list)

    def read(self) -> list[list[_Clean]]:
        """The paragraph's non-empty cleaned lines (reads the runs afresh)."""
        raw = _raw_chars(self.element)
        if not "".join(c.ch for c in raw).strip():
            self.chars = raw
            return []
        if self.label is not None and self.label[0]:
            marker, separator = self.label
            k = 0
            while k < len(raw) and raw[k].ch.isspace():
                k += 1
            raw = [_Char(ch, None) for ch in marker + separator] + raw[k:]
        self.chars = raw
        lines = _split_lines(list(range(len(raw))), raw)
        return [cleaned for cleaned in (_clean(line, raw) for line in lines) if cleaned]


@dataclass
class _Line:
    """A text block of the draft matched to a line of a DOCX paragraph; ``exact`` False when
    the paragraph's text differs from the block's, so only whole-paragraph anchoring is safe."""

    paragraph: _Paragraph
    chars: list[_Clean]
    exact: bool


# --------------------------------------------------------------------------- run surgery


def _split_before(char: _Char) -> None:
    """Make ``char`` the first character of its own ``w:r`` (splitting ``w:t`` and ``w:r``)."""
    node = char.node
    if node is None:
        return
    run = node.getparent()
    if run is None or run.tag != reader._R:
        return
    if node.tag == reader._T and char.index > 0:
        text = node.text or ""
        tail = node.makeelement(reader._T, {})
        tail.text = text[char.index:]
        tail.set(_XML_SPACE, "preserve")
        node.text = text[: char.index]
        node.set(_XML_SPACE, "preserve")
        node.addnext(tail)
        node = tail
    content = [c for c in run if c.tag != reader._w("rPr")]
    if content and content[0] is node:
        return
    new_run = run.makeelement(reader._R, {})
    props = run.find(reader._w("rPr"))
    if props is not None:
        new_run.append(etree.fromstring(etree.tostring(props)))
    moving = [node] + list(node.itersiblings())
    for item in moving:
        new_run.append(item)
    run.addnext(new_run)


# --------------------------------------------------------------------------- mapping


def _docx_lines(document, draft: Draft) -> dict[int, _Line]:
    """Block index → matched line, replaying ingest over the uploaded DOCX."""
    wanted: dict[int, list[int]] = {}
    for i, block in enumerate(draft.document.blocks):
        if block.paragraph is not None:
            wanted.setdefault(block.paragraph, []).append(i)
    numbering = reader.ListNumbering.from_document(document)
    lines: dict[int, _Line] = {}
    index = 0
    for element in document.element.body.iter(reader._P):
        if reader._inside_fallback(element):
            continue
        index += 1
        label = numbering.label(element)
        blocks = wanted.get(index)
        if not blocks:
            continue
        paragraph = _Paragraph(element, label)
        cleaned = paragraph.read()
        for k, block_index in enumerate(blocks):
            block = draft.document.blocks[block_index]
            expected = draft.text[block.start:block.end]
            if k < len(cleaned) and "".join(c.ch for c in cleaned[k]) == expected:
                lines[block_index] = _Line(paragraph, cleaned[k], True)
            else:
                flat = [c for line in cleaned for c in line]
                lines[block_index] = _Line(paragraph, flat, False)
    return lines


def _draft_document(draft: Draft):
    """A new DOCX of the draft, one paragraph per text block, and its block → line map."""
    document = docx.Document()
    lines: dict[int, _Line] = {}
    for i, block in enumerate(draft.document.blocks):
        text = draft.text[block.start:block.end]
        element = document.add_paragraph(text)._p
        paragraph = _Paragraph(element, None)
        cleaned = paragraph.read()
        flat = cleaned[0] if len(cleaned) == 1 else [c for line in cleaned for c in line]
        lines[i] = _Line(paragraph, flat, "".join(c.ch for c in flat) == text)
    return document, lines


def anchor_span(finding: Finding) -> Span | None:
    """The span a finding's comment is anchored on: its first span (in draft order) that lies
    inside its provision, else its first span; None for a finding without spans."""
    spans = sorted(finding.spans, key=lambda s: (s.start, s.end))
    if not spans:
        return None
    provision = finding.provision
    if provision is not None:
        inside = [s for s in spans if provision.start <= s.start and s.end <= provision.end]
        if inside:
            return inside[0]
    return spans[0]


def title_range(draft: Draft) -> tuple[int, int]:
    """Draft-text offsets of the draft's title (where whole-draft comments are anchored):
    the title's words when the draft has a title found in its text, else its first block."""
    if draft.title:
        at = draft.text.find(draft.title)
        if at != -1:
            return at, at + len(draft.title)
        words = " ".join(draft.title.split())
        at = draft.text.find(words)
        if at != -1:
            return at, at + len(words)
    first = draft.document.blocks[0]
    return first.start, first.end


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?\.)(\s|$)", text)
    return match.group(1) if match else text


def comment_text(finding: Finding, principles: dict[str, str]) -> str:
    """The text of a finding's comment, one paragraph per line::

        ASM-NOTIFY-NOT-AUTH — Notification, never permission (high severity)
        Why: <first sentence of the standard's principle, or the detector's first step>
        See: HRC General Comment No. 37, paras. 70, 73; ICCPR, art. 21
        Recommendation: <the recommendation>
    """
    reason = principles.get(finding.standard_id)
    reason = _first_sentence(reason) if reason else (finding.explanation[0] if finding.explanation else finding.title)
    lines = [
        f"{finding.standard_id} — {finding.title} ({finding.severity.value} severity)",
        f"Why: {_short(reason, 400)}",
    ]
    if finding.citations:
        cites = "; ".join(
            c.pinpoint + ("" if c.verified else " (paragraph to be confirmed)") for c in finding.citations
        )
        lines.append(f"See: {cites}")
    lines.append(f"Recommendation: {' '.join(finding.recommendation.split())}")
    return "\n".join(lines)


@dataclass
class _Plan:
    """Where one comment goes: the first and last character, each as (line, position)."""

    finding: Finding
    start: tuple[_Line, int]
    end: tuple[_Line, int]


def _position(draft: Draft, lines: dict[int, _Line], offset: int, forward: bool) -> tuple[_Line, int] | None:
    blocks = draft.document.blocks
    block = draft.document.block_at(offset)
    if block is None:
        return None
    index = blocks.index(block)
    line = lines.get(index)
    if line is None:
        return None
    if not line.exact:
        return (line, 0 if forward else len(line.chars) - 1) if line.chars else None
    return line, offset - block.start


def _plan(draft: Draft, lines: dict[int, _Line], finding: Finding) -> _Plan | None:
    if finding.absence or finding.provision is None or not finding.spans:
        start, end = title_range(draft)
    else:
        span = anchor_span(finding)
        start, end = span.start, span.end
    text = draft.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    first = _position(draft, lines, start, True)
    last = _position(draft, lines, end - 1, False)
    if first is None or last is None:
        return None
    return _Plan(finding, first, last)


def _resolve(line: _Line, position: int, forward: bool) -> int | None:
    """The raw character index for cleaned ``position``, moved onto a character that has a
    run (forward for a range's start, backward for its end); None when there is none."""
    chars = line.chars
    step = 1 if forward else -1
    k = position
    while 0 <= k < len(chars):
        raw = chars[k].first if forward else chars[k].last
        if line.paragraph.chars[raw].node is not None:
            return raw
        k += step
    return None


def _annotate(document, lines: dict[int, _Line], draft: Draft, report: Report) -> int:
    principles = {s.id: s.principle for s in report.standards}
    plans = [p for p in (_plan(draft, lines, f) for f in _ordered(report.findings)) if p is not None]
    # 1. the raw characters each range starts and ends at, per paragraph
    ranges = []
    cuts: dict[int, tuple[_Paragraph, set[int]]] = {}
    for plan in plans:
        start_line, start_pos = plan.start
        end_line, end_pos = plan.end
        first = _resolve(start_line, start_pos, True)
        last = _resolve(end_line, end_pos, False)
        if first is None or last is None:
            continue
        if start_line.paragraph is end_line.paragraph and last < first:
            continue
        ranges.append((plan, start_line.paragraph, first, end_line.paragraph, last))
        cuts.setdefault(id(start_line.paragraph), (start_line.paragraph, set()))[1].add(first)
        cuts.setdefault(id(end_line.paragraph), (end_line.paragraph, set()))[1].add(last + 1)
    # 2. split the runs there, last cut first so earlier origins stay valid
    for paragraph, positions in cuts.values():
        for raw in sorted(positions, reverse=True):
            if raw < len(paragraph.chars):
                _split_before(paragraph.chars[raw])
    # 3. find the runs afresh and add the comments
    fresh: dict[int, list[_Char]] = {key: _raw_chars(p.element) for key, (p, _) in cuts.items()}
    offsets = {key: len(p.chars) - len(fresh[key]) for key, (p, _) in cuts.items()}
    placed = 0
    for plan, start_par, first, end_par, last in ranges:
        first_char = fresh[id(start_par)][first - offsets[id(start_par)]]
        last_char = fresh[id(end_par)][last - offsets[id(end_par)]]
        first_run, last_run = first_char.node.getparent(), last_char.node.getparent()
        comment = document.add_comment(
            [Run(first_run, document), Run(last_run, document)],
            text=comment_text(plan.finding, principles),
            author=AUTHOR,
            initials=INITIALS,
        )
        comment._comment_elm.date = report.generated_at.replace(microsecond=0)
        placed += 1
    return placed


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (
            0 if f.absence or f.provision is None else 1,
            f.provision.start if f.provision is not None else 0,
            -f.severity.rank,
            f.standard_id,
            f.id,
        ),
    )


def annotate_docx(source: bytes | None, draft: Draft, report: Report) -> bytes:
    """The draft as a DOCX with one Word comment per finding of ``report``.

    Args:
        source: the bytes of the uploaded DOCX the draft was read from, or None. Used only
            when ``draft`` was read from a DOCX (``source_format == "docx"``); otherwise, and
            when None, a DOCX of the draft is written (one paragraph per text block).
        draft: the parsed draft (:func:`checker.pipeline.parse_draft`); its text blocks
            locate each finding's words in the file.
        report: the draft's report (:func:`checker.pipeline.build_report`).

    Returns:
        DOCX bytes: the draft with comments by ``rightscheck`` anchored on each finding's
        quoted words (whole-draft findings on the title), its metadata scrubbed.

    Raises:
        AnnotationError: ``source`` is given for a DOCX draft but is not the file the draft
            was read from (its SHA-256 differs), or cannot be opened as a Word document.
        TypeError: ``draft`` or ``report`` is of the wrong type.
    """
    if not isinstance(draft, Draft):
        raise TypeError(f"expected a checker.models.Draft, got {type(draft).__name__}")
    if not isinstance(report, Report):
        raise TypeError(f"expected a checker.models.Report, got {type(report).__name__}")
    if source is not None and draft.document.source_format == "docx":
        if hashlib.sha256(source).hexdigest() != draft.document.sha256:
            raise AnnotationError(
                "the DOCX given is not the file the draft was read from (its SHA-256 differs)",
                "pass the same bytes that were checked",
            )
        try:
            document = docx.Document(io.BytesIO(source))
        except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
            raise AnnotationError(f"the DOCX cannot be opened ({exc})", "a Word .docx file") from None
        lines = _docx_lines(document, draft)
    else:
        document, lines = _draft_document(draft)
    scrub_metadata(document, title="", moment=report.generated_at)
    _annotate(document, lines, draft, report)
    return document_bytes(document)
