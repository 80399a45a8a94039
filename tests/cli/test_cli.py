"""The command line: reports written, exit codes 0 / 1 / 2, one clear line for bad input."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from checker.cli import main
from tests.conftest import DRAFTS
from tests.draft_files import to_docx

SAMPLE = DRAFTS / "arventa-public-events-2024.en.txt"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_writes_a_json_report_to_a_file(tmp_path):
    out = tmp_path / "report.json"
    result = run("check", str(SAMPLE), "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["draft"]["source_name"] == SAMPLE.name
    assert any(f["standard_id"] == "ASM-NOTIFY-NOT-AUTH" for f in report["findings"])


def test_a_named_pipe_as_output_is_written_to_not_replaced(tmp_path):
    """Like ``-o /dev/null``: a target that is not a regular file must survive the write."""
    import os
    import stat
    import threading

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = run("check", str(SAMPLE), "-f", "json", "-o", str(pipe))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(pipe.stat().st_mode), "the pipe was replaced by a regular file"
    assert json.loads(received[0])["draft"]["source_name"] == SAMPLE.name
    assert not (tmp_path / ".report.pipe.tmp").exists()


def test_a_folder_as_output_is_refused_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "it is a folder" in result.output and "Traceback" not in result.output


def test_check_prints_markdown_to_standard_output():
    result = run("check", str(SAMPLE), "-f", "md", "-q")
    assert result.exit_code == 0
    assert "ASM-NOTIFY-NOT-AUTH" in result.output


def test_fail_on_turns_findings_into_exit_code_1(tmp_path):
    result = run("check", str(SAMPLE), "-o", str(tmp_path / "r.html"), "--fail-on", "high")
    assert result.exit_code == 1


def test_a_compliant_text_passes_fail_on(tmp_path):
    draft = tmp_path / "good.txt"
    draft.write_text(
        "Article 1. Notification\n1. The organiser may inform the city administration of an assembly in advance.\n"
        "2. The police shall protect participants of peaceful assemblies.\n"
        "3. There is a presumption in favour of holding peaceful assemblies; the least restrictive measure "
        "shall be chosen, and a court shall rule on any restriction before the planned date.\n",
        encoding="utf-8")
    result = run("check", str(draft), "-o", str(tmp_path / "r.json"), "-f", "json", "--fail-on", "low")
    assert result.exit_code == 0, result.output


def test_several_drafts_go_to_an_output_folder(tmp_path):
    second = tmp_path / "second.docx"
    second.write_bytes(to_docx(SAMPLE.read_text(encoding="utf-8")))
    result = run("check", str(SAMPLE), str(second), "--out-dir", str(tmp_path / "out"), "-f", "html")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["arventa-public-events-2024.en.rightscheck.html", "second.rightscheck.html"]


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>")
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _write(tmp_path: Path, name: str, content: bytes | None, size: int | None = None) -> Path:
    path = tmp_path / name
    if size is not None:
        with open(path, "wb") as handle:
            handle.truncate(size)
    else:
        path.write_bytes(content or b"")
    return path


@pytest.mark.parametrize("name,content,size,message", [
    ("draft.xyz", b"Article 1. Something", None, "accepted"),
    ("empty.txt", b"", None, "empty"),
    ("huge.txt", None, 25 * 1024 * 1024, "MB"),
    ("bomb.docx", "zip-bomb", None, "compress"),
    ("locked.pdf", "encrypted-pdf", None, "password"),
    ("scan.pdf", "blank-pdf", None, "no text layer: OCR it first"),
    ("broken.docx", b"PK\x03\x04 this is not really a zip", None, "zip"),
])
def test_bad_input_gets_one_line_and_exit_code_2(tmp_path, name, content, size, message):
    builders = {"zip-bomb": _zip_bomb, "encrypted-pdf": _encrypted_pdf, "blank-pdf": _blank_pdf}
    data = builders[content]() if isinstance(content, str) else content
    path = _write(tmp_path, name, data, size)
    result = CliRunner().invoke(main, ["check", str(path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert message.lower() in result.output.lower(), result.output
    assert not (tmp_path / "r.html").exists()


def test_missing_file_is_bad_input(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.docx")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_several_drafts_without_out_dir_is_bad_input():
    result = CliRunner().invoke(main, ["check", str(SAMPLE), str(SAMPLE)])
    assert result.exit_code == 2
    assert "--out-dir" in result.output


def test_one_bad_draft_does_not_stop_the_others(tmp_path):
    bad = _write(tmp_path, "bad.xyz", b"???")
    result = CliRunner().invoke(main, ["check", str(bad), str(SAMPLE), "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert (tmp_path / "out" / "arventa-public-events-2024.en.rightscheck.html").exists()


def test_a_malformed_standard_is_one_line_and_exit_code_2(tmp_path, monkeypatch):
    import shutil

    from standards.loader import STANDARDS_DIR, default_catalogue
    import checker.engine

    (tmp_path / "catalogue").mkdir()
    shutil.copy(STANDARDS_DIR / "sources.yaml", tmp_path)
    text = (STANDARDS_DIR / "catalogue" / "ASM-NOTIFY-NOT-AUTH.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "catalogue" / "ASM-NOTIFY-NOT-AUTH.yaml"
    broken.write_text(text.replace("agree|approve the notification", "agree|approve the (notification"), encoding="utf-8")
    monkeypatch.setenv("RIGHTSCHECK_STANDARDS", str(tmp_path))
    monkeypatch.setattr(checker.engine, "_DEFAULT", None)
    default_catalogue.cache_clear()
    try:
        for args in (["standards", "test"], ["check", str(SAMPLE), "-o", str(tmp_path / "r.html")]):
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 2, result.output
            assert "Traceback" not in result.output
            assert str(broken) in result.output and "(notification" in result.output
    finally:
        default_catalogue.cache_clear()
