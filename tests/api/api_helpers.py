"""Drafts and files the HTTP API tests send."""

from __future__ import annotations

import io
import zipfile

SHORT_EN = (
    'Law of the Republic of Arventa "On peaceful assemblies"\n'
    "Article 1. Notification\n"
    "1. A peaceful assembly may be held only with the permission of the local executive body.\n"
    "2. The organiser shall submit an application no later than fifteen days before the assembly.\n"
    "Article 2. Participants\n"
    "1. Foreign citizens may not take part in peaceful assemblies.\n"
)
SHORT_RU = (
    "Закон Республики Арвента «О мирных собраниях»\n"
    "Статья 1. Порядок проведения\n"
    "1. Мирное собрание проводится только с разрешения местного исполнительного органа.\n"
    "2. Заявление подается не позднее чем за пятнадцать дней до дня проведения собрания.\n"
)


def docx_with_metadata(paragraphs: list[str], *, author: str, company: str, comment: str) -> bytes:
    """A DOCX whose core properties name ``author``, whose app properties name ``company`` and
    which carries a Word comment ``comment`` on its first paragraph."""
    import docx

    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    first = None
    for line in paragraphs:
        paragraph = document.add_paragraph(line)
        first = first or paragraph
    document.add_comment(first.runs, text=comment, author=author, initials="SA")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/app.xml":
                data = data.replace(b"</Properties>", f"<Company>{company}</Company></Properties>".encode())
            target.writestr(item, data)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A DOCX-shaped zip whose document part unpacks 20 MB from a few kilobytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        target.writestr("word/document.xml", b"<" + b" " * (20 * 1024 * 1024))
    return out.getvalue()
