"""reports.annotate: the draft given back as DOCX with a Word comment on each finding's words.

Every comment is checked the way Word reads it: the text between its ``w:commentRangeStart``
and ``w:commentRangeEnd`` must be the finding's quoted words.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from collections import Counter

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from checker.cli import main
from checker.ingest.blocks import _DROP
from checker.models import CitationRef, Domain, Finding, ProvisionRef, Report, Severity, Span
from checker.pipeline import build_report, load_document, parse_draft
from reports.annotate import AnnotationError, anchor_span, annotate_docx, comment_text, title_range
from tests.conftest import DRAFTS, shared_file
from tests.draft_files import to_docx


def comment_ranges(data: bytes) -> list[tuple[str, str, str]]:
    """``(comment id, text covered, comment text)`` for every comment, in body order; the
    covered text is every ``w:t`` between the comment's range start and end."""
    document = docx.Document(io.BytesIO(data))
    covered: dict[str, list[str]] = {}
    open_ids: list[str] = []
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            covered[element.get(qn("w:id"))] = []
            open_ids.append(element.get(qn("w:id")))
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.remove(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for cid in open_ids:
                covered[cid].append(element.text or "")
        elif element.tag == qn("w:tab"):
            for cid in open_ids:
                covered[cid].append("\t")
    assert not open_ids, "a comment range is never closed"
    texts = {str(c.comment_id): "\n".join(p.text for p in c.paragraphs) for c in document.comments}
    assert set(texts) == set(covered), "every comment has a range and every range a comment"
    return [(cid, "".join(parts), texts[cid]) for cid, parts in covered.items()]


def plain(text: str) -> str:
    """Text as ingest reads it: invisible characters dropped, white space runs as one space."""
    return " ".join(text.translate(_DROP).split())


def expected_anchors(draft, report) -> Counter:
    out = Counter()
    for finding in report.findings:
        span = anchor_span(finding)
        if finding.absence or span is None:
            start, end = title_range(draft)
            out[(finding.standard_id, draft.text[start:end])] += 1
        else:
            out[(finding.standard_id, span.quote.strip())] += 1
    return out


def found_anchors(data: bytes) -> Counter:
    return Counter((text.split(" — ", 1)[0], plain(covered)) for _, covered, text in comment_ranges(data))


def checked(data: bytes, filename: str):
    document = load_document(data, filename=filename)
    draft = parse_draft(document)
    return draft, build_report(draft)


# --------------------------------------------------------------------------- real drafts

CASES = {
    "arventa-en-docx": (DRAFTS / "arventa-public-events-2024.en.txt", True),
    "arventa-ru-docx": (DRAFTS / "arventa-public-events-2024.ru.txt", True),
    "arventa-en-text": (DRAFTS / "arventa-public-events-2024.en.txt", False),
}


@pytest.fixture(scope="module", params=list(CASES))
def annotated(request):
    path, as_docx = CASES[request.param]
    text = path.read_text(encoding="utf-8")
    source = to_docx(text) if as_docx else text.encode("utf-8")
    draft, report = checked(source, path.stem + (".docx" if as_docx else ".txt"))
    return request.param, source, draft, report, annotate_docx(source if as_docx else None, draft, report)


def test_every_finding_has_one_comment_on_exactly_its_words(annotated):
    _, _, draft, report, data = annotated
    assert report.findings
    assert found_anchors(data) == expected_anchors(draft, report)


def test_numbered_paragraphs_are_anchored_past_words_numbering(annotated):
    name, _, _, _, data = annotated
    document = docx.Document(io.BytesIO(data))
    numbered_with_comment = [
        p for p in document.element.body.iter(qn("w:p"))
        if p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None and p.find(qn("w:commentRangeStart")) is not None
    ]
    if name.endswith("-docx"):
        assert numbered_with_comment, "the sample's paragraphs are Word list items"
    for _, covered, _ in comment_ranges(data):
        assert not covered.startswith(("1) ", "2. ", "1. "))


def test_absence_findings_sit_on_the_title(annotated):
    _, _, draft, report, data = annotated
    start, end = title_range(draft)
    title = draft.text[start:end]
    assert title == "On public events and the procedure for holding them" or title.startswith("О ")
    on_title = [text for _, covered, text in comment_ranges(data) if plain(covered) == title]
    assert sorted(t.split(" — ")[0] for t in on_title) == sorted(f.standard_id for f in report.findings if f.absence)


def test_comment_text_gives_standard_reason_citation_and_recommendation(annotated):
    _, _, _, report, data = annotated
    finding = next(f for f in report.findings if f.standard_id == "ASM-NOTIFY-NOT-AUTH")
    texts = [text for _, _, text in comment_ranges(data) if text.startswith("ASM-NOTIFY-NOT-AUTH — ")]
    assert texts
    lines = texts[0].split("\n")
    assert lines[0] == f"ASM-NOTIFY-NOT-AUTH — {finding.title} ({finding.severity.value} severity)"
    assert lines[1].startswith("Why: ")
    assert lines[2].startswith("See: ") and "General Comment No. 37" in lines[2]
    assert lines[3] == "Recommendation: " + " ".join(finding.recommendation.split())


def test_comments_are_by_rightscheck(annotated):
    data = annotated[-1]
    document = docx.Document(io.BytesIO(data))
    assert {(c.author, c.initials) for c in document.comments} == {("rightscheck", "RC")}
    assert document.core_properties.author == "rightscheck"


def test_the_uploaded_text_is_kept_word_for_word(annotated):
    name, source, draft, _, data = annotated
    if not name.endswith("-docx"):
        pytest.skip("a built document")
    again = load_document(data, filename="again.docx")
    assert again.text == draft.text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_every_comment_with_its_range(annotated, tmp_path):
    name, _, _, report, data = annotated
    if name != "arventa-ru-docx":
        pytest.skip("one LibreOffice round trip is enough")
    (tmp_path / "annotated.docx").write_bytes(data)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(tmp_path / "annotated.docx")],
                   check=True, timeout=300, capture_output=True)
    with zipfile.ZipFile(tmp_path / "annotated.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") == len(report.findings)
    assert content.count("<office:annotation-end ") == len(report.findings)


def test_kazakhstan_russian_draft_is_annotated_exactly():
    path = shared_file("kz-assembly-draft-2020.ru.txt")
    source = to_docx(path.read_text(encoding="utf-8"))
    draft, report = checked(source, "kz.docx")
    data = annotate_docx(source, draft, report)
    assert found_anchors(data) == expected_anchors(draft, report)


# --------------------------------------------------------------------------- awkward runs


def _hyperlink(paragraph, text: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} w:anchor="x"><w:r><w:rPr><w:i/></w:rPr>'
        f'<w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'))


def awkward_docx() -> bytes:
    """A draft whose words are spread over runs: bold in mid-phrase, a double space, a soft
    hyphen, a hyperlink, a tab, a no-break space, a Word list number and a line break."""
    document = docx.Document()
    document.add_paragraph("DRAFT LAW ON GATHERINGS")
    document.add_paragraph("Article 1. Face coverings")
    first = document.add_paragraph(style="List Number")
    first.add_run("Participants shall ")
    first.add_run("not  cover").bold = True
    _hyperlink(first, " their fa\u00adces")
    run = first.add_run()
    run.add_tab()
    first.add_run("during an\u00a0assembly.")
    second = document.add_paragraph(style="List Number")
    second.add_run("The police may end an assembly.")
    second.runs[0].add_break()
    second.add_run("Force may be used ")
    second.add_run("at the discretion of any officer").italic = True
    second.add_run(".")
    buffer = io.BytesIO()
    document.core_properties.author = "Jane Lawyer"
    document.core_properties.last_modified_by = "Jane Lawyer"
    document.core_properties.comments = "internal: see the minister's notes"
    document.add_comment(document.paragraphs[0].runs, text="check the title", author="Jane Lawyer", initials="JL")
    document.save(buffer)
    return buffer.getvalue()


def _finding(draft, standard_id: str, quote: str) -> Finding:
    start = draft.text.index(quote)
    leaf = max((p for p in draft.walk() if p.start <= start < p.end), key=lambda p: p.start)
    ref = ProvisionRef(eid=leaf.eid, label=leaf.label, text=draft.text[leaf.start:leaf.end], start=leaf.start,
                       end=leaf.end)
    return Finding(
        id=f"{standard_id}:{leaf.eid}", standard_id=standard_id, title="A title", domain=Domain.assembly,
        severity=Severity.medium, confidence=0.8, provision=ref,
        spans=[Span(start=start, end=start + len(quote), quote=quote)],
        citations=[CitationRef(source="HRC-GC37", title="General comment No. 37", cite_as="HRC General Comment No. 37",
                               paragraphs=["60"], verified=True)],
        explanation=["A step."], recommendation="Do better.", detector="pattern:test",
    )


def ours(data: bytes) -> list[tuple[str, str, str]]:
    """The comments rightscheck added (the upload already holds one by its author)."""
    return [c for c in comment_ranges(data) if c[2] != "check the title"]


@pytest.fixture(scope="module")
def awkward():
    source = awkward_docx()
    draft = parse_draft(load_document(source, filename="awkward.docx"), "en")
    report = build_report(draft)
    return source, draft, report


@pytest.mark.parametrize(
    "quote",
    [
        "not cover their faces during an assembly",   # bold, double space, soft hyphen, hyperlink, tab, nbsp
        "Participants shall not",                      # starts the paragraph's own text, after "1."
        "faces",                                       # inside the hyperlink, after a soft hyphen
        "assembly.",                                   # ends the paragraph
        "at the discretion of any officer",            # second line of a paragraph with a break
        "Force may be used at the",                    # across two runs on the second line
    ],
)
def test_a_comment_covers_exactly_the_quote_however_the_runs_fall(awkward, quote):
    source, draft, report = awkward
    assert "1. Participants shall not cover their faces during an assembly." in draft.text
    one = report.model_copy(update={"findings": [_finding(draft, "ASM-TEST", quote)]})
    (only,) = ours(annotate_docx(source, draft, one))
    assert plain(only[1]) == quote


def test_overlapping_comments_each_keep_their_words(awkward):
    source, draft, report = awkward
    quotes = ["not cover their faces", "cover their faces during", "faces during an assembly"]
    many = report.model_copy(update={"findings": [_finding(draft, f"ASM-T{i}", q) for i, q in enumerate(quotes)]})
    found = {text.split(" — ")[0]: plain(covered) for _, covered, text in ours(annotate_docx(source, draft, many))}
    assert found == {f"ASM-T{i}": q for i, q in enumerate(quotes)}


def test_the_uploaders_metadata_is_gone(awkward):
    source, draft, report = awkward
    data = annotate_docx(source, draft, report)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        everything = b"".join(package.read(n) for n in package.namelist() if n.endswith((".xml", ".rels")))
    assert b"Jane" not in everything and b"JL" not in everything and b"minister" not in everything
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.author == "rightscheck"
    authors = {c.author for c in document.comments}
    assert "Author" in authors and "Jane Lawyer" not in authors


@pytest.mark.parametrize(
    ("source", "error"),
    [(b"PK\x03\x04 not the checked file", "SHA-256 differs")],
)
def test_a_different_docx_is_refused(awkward, source, error):
    _, draft, report = awkward
    with pytest.raises(AnnotationError, match=error):
        annotate_docx(source, draft, report)


def test_a_damaged_docx_with_the_right_digest_is_refused(awkward):
    _, draft, report = awkward
    damaged = b"PK\x03\x04 damaged"
    forged = draft.model_copy(update={"document": draft.document.model_copy(
        update={"sha256": hashlib.sha256(damaged).hexdigest()})})
    with pytest.raises(AnnotationError, match="cannot be opened"):
        annotate_docx(damaged, forged, report)


@pytest.mark.parametrize(("draft", "report"), [("draft", None), (None, "report")])
def test_wrong_types_are_refused(awkward, draft, report):
    _, real_draft, real_report = awkward
    with pytest.raises(TypeError):
        annotate_docx(None, real_draft if draft else {}, real_report if report else {})


@pytest.mark.parametrize(
    ("principle", "why"),
    [("Notice may be required; permission may not. Details follow.", "Why: Notice may be required; permission may not."),
     (None, "Why: A step.")],
)
def test_comment_text_reason_is_the_principles_first_sentence(awkward, principle, why):
    _, draft, _ = awkward
    finding = _finding(draft, "ASM-TEST", "faces")
    text = comment_text(finding, {"ASM-TEST": principle} if principle else {})
    assert text.split("\n")[1] == why


# --------------------------------------------------------------------------- command line


def test_cli_annotates_a_docx(tmp_path):
    draft = tmp_path / "arventa.docx"
    draft.write_bytes(to_docx((DRAFTS / "arventa-public-events-2024.en.txt").read_text(encoding="utf-8")))
    out = tmp_path / "annotated.docx"
    result = CliRunner().invoke(main, ["annotate", str(draft), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(comment_ranges(out.read_bytes())) > 20


@pytest.mark.parametrize(
    ("args", "message"),
    [(["annotate", "missing.docx", "-o", "x.docx"], "no such file"),
     (["annotate", str(DRAFTS / "arventa-public-events-2024.en.txt"), "-o", "-"], "binary")],
)
def test_cli_annotate_refuses_bad_input_in_one_line(monkeypatch, args, message):
    monkeypatch.setattr("checker.cli._stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output
