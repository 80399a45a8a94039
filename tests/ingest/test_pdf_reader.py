"""PDF drafts: pages and lines, passwords, scans without text, decompression bombs."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from checker.errors import EncryptedFile, FileTooLarge, HostileFile, InputError, NoTextLayer
from checker.ingest import IngestLimits, load
from checker.ingest.pdf_reader import join_wrapped_lines
from ingest_builders import pdf_from_html, pdf_with_stream

DRAFT_HTML = """
<html><body style="font-family: DejaVu Sans">
<h1>ЗАКОН О МИРНЫХ СОБРАНИЯХ</h1>
<p>Статья 1. Основные понятия</p>
<p>Статья 2. Уведомление подаётся за десять дней.</p>
<p style="page-break-before: always">Article 3. The organiser shall notify the local executive body.</p>
</body></html>
"""


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return pdf_from_html(DRAFT_HTML)


def test_lines_carry_their_page_and_line_number(draft_pdf):
    document = load(draft_pdf, filename="draft.pdf")
    assert document.source_format == "pdf"
    lines = document.text.split("\n")
    assert lines == [
        "ЗАКОН О МИРНЫХ СОБРАНИЯХ",
        "Статья 1. Основные понятия",
        "Статья 2. Уведомление подаётся за десять дней.",
        "Article 3. The organiser shall notify the local executive body.",
    ]
    assert [(b.page, b.paragraph) for b in document.blocks] == [(1, 1), (1, 2), (1, 3), (2, 1)]
    offset = document.text.index("Article 3")
    assert document.block_at(offset).page == 2


def _encrypted(source: bytes, user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "user_password, readable",
    [("", True), ("secret", False)],
    ids=["owner-password-only", "user-password"],
)
def test_encrypted_pdf(draft_pdf, user_password, readable):
    data = _encrypted(draft_pdf, user_password, "owner")
    if readable:
        assert "Статья 1. Основные понятия" in load(data, filename="draft.pdf").text
    else:
        with pytest.raises(EncryptedFile, match="password"):
            load(data, filename="draft.pdf")


def _blank_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_without_text_layer_asks_for_ocr():
    with pytest.raises(NoTextLayer) as caught:
        load(_blank_pages(3), filename="scan.pdf")
    assert caught.value.message.startswith("no text layer: OCR it first")
    assert caught.value.code == "no-text-layer"


def test_pdf_mostly_scanned_is_refused_but_one_blank_page_is_fine(draft_pdf):
    text_page = PdfReader(io.BytesIO(draft_pdf)).pages[0]
    mostly_scans, one_blank = PdfWriter(), PdfWriter()
    mostly_scans.add_page(text_page)
    for _ in range(3):
        mostly_scans.add_blank_page(595, 842)
    one_blank.add_page(text_page)
    one_blank.add_page(PdfReader(io.BytesIO(draft_pdf)).pages[1])
    one_blank.add_blank_page(595, 842)
    outputs = []
    for writer in (mostly_scans, one_blank):
        out = io.BytesIO()
        writer.write(out)
        outputs.append(out.getvalue())
    with pytest.raises(NoTextLayer, match="3 of 4 pages have no text"):
        load(outputs[0], filename="mixed.pdf")
    assert "Article 3." in load(outputs[1], filename="ok.pdf").text


def test_hand_written_pdf_with_plain_stream():
    stream = b"BT /F1 12 Tf 72 700 Td (Article 9. Spontaneous assemblies need no notification.) Tj ET"
    document = load(pdf_with_stream(stream), filename="a.pdf")
    assert document.text == "Article 9. Spontaneous assemblies need no notification."


def test_pdf_decompression_bomb_is_hostile():
    # 100 MB of blanks compress to about 100 KB: past pypdf's 75 MB output limit
    bomb = pdf_with_stream(b"BT /F1 12 Tf 72 700 Td (Article 1) Tj ET\n" + b" " * 100_000_000)
    assert len(bomb) < 1_000_000
    with pytest.raises(HostileFile, match="decompression limit"):
        load(bomb, filename="bomb.pdf")


@pytest.mark.parametrize("max_pages, allowed", [(2, True), (1, False)])
def test_page_limit(draft_pdf, max_pages, allowed):
    limits = IngestLimits(max_pdf_pages=max_pages)
    if allowed:
        assert load(draft_pdf, filename="d.pdf", limits=limits).blocks[-1].page == 2
    else:
        with pytest.raises(FileTooLarge, match="2 pages"):
            load(draft_pdf, filename="d.pdf", limits=limits)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + b"garbage " * 50, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"],
    ids=["garbage", "no-pages"],
)
def test_damaged_pdf_is_an_input_error(data):
    with pytest.raises(InputError) as caught:
        load(data, filename="broken.pdf")
    assert type(caught.value) is InputError
    assert caught.value.message.startswith("the PDF is damaged and cannot be read")
    assert ".docx" in caught.value.accepted


FULL = "x" * 59 + "."  # the page's longest line sets what "full" means


@pytest.mark.parametrize(
    "lines, expected",
    [
        (
            [FULL, "1. The organiser shall submit the notification to the local executive", "body in writing."],
            [(1, FULL), (2, "1. The organiser shall submit the notification to the local executive body in writing.")],
        ),
        (
            [FULL, "1. Организатор подаёт уведомление в местный исполнительный орган не", "позднее чем за десять дней."],
            [(1, FULL), (2, "1. Организатор подаёт уведомление в местный исполнительный орган не позднее чем за десять дней.")],
        ),
        (
            [FULL, "The organiser shall use sound-amplifying or other technical-", "equipment only as approved."],
            [(1, FULL), (2, "The organiser shall use sound-amplifying or other technical-equipment only as approved.")],
        ),
        # a full line ending a sentence or an item is not continued
        ([FULL, "2. The organiser shall:", "1) submit the notification;"], [(1, FULL), (2, "2. The organiser shall:"), (3, "1) submit the notification;")]),
        ([FULL, "and the local executive body shall consider the notification at once;", "2) wear the sign."],
         [(1, FULL), (2, "and the local executive body shall consider the notification at once;"), (3, "2) wear the sign.")]),
        # the next line starts a provision
        ([FULL, "Peaceful assemblies are held on the basis of the following rules", "Article 3. Forms"],
         [(1, FULL), (2, "Peaceful assemblies are held on the basis of the following rules"), (3, "Article 3. Forms")]),
        ([FULL, "мирное собрание проводится в форме собрания, митинга, шествия или", "б) пикетирования"],
         [(1, FULL), (2, "мирное собрание проводится в форме собрания, митинга, шествия или"), (3, "б) пикетирования")]),
        # a short line is a paragraph of its own; empty lines end paragraphs
        ([FULL, "Chapter 2", "Organisers"], [(1, FULL), (2, "Chapter 2"), (3, "Organisers")]),
        ([FULL, "", "continued?"], [(1, FULL), (3, "continued?")]),
    ],
    ids=["en-wrap", "ru-wrap", "hyphen", "colon", "semicolon", "article", "ru-letter-item", "short", "blank"],
)
def test_join_wrapped_lines(lines, expected):
    assert join_wrapped_lines(lines) == expected


def test_wrapped_paragraph_of_a_pdf_becomes_one_block():
    sentence = (
        "2. The local executive body shall consider the notification and shall inform the organiser "
        "in writing of any proposal to change the place or time within three days of receipt."
    )
    html = f"<body style='font-family: DejaVu Sans; font-size: 11pt'><p>1. Short first paragraph.</p><p>{sentence}</p></body>"
    document = load(pdf_from_html(html), filename="wrapped.pdf")
    assert document.text.split("\n") == ["1. Short first paragraph.", sentence]
    assert [(b.page, b.paragraph) for b in document.blocks] == [(1, 1), (1, 2)]
