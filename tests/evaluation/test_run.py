"""Finding drafts and their gold files, and ``rightscheck eval`` end to end on a small draft."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import InputError
from checker.evaluation import collect_drafts, run_evaluation
from tests.evaluation.conftest import MINI_DRAFT

GOLD = """draft: tessalia-gatherings
languages: [en, ru]
required:
  - {provision: "Article 1(1)", standards: [ASM-NOTIFY-PERIOD]}
  - {provision: "Article 3", standards: [MED-NO-JOURNALIST-LICENSING]}
  - {provision: "Article 2(1)", standards: [ASC-DISSOLUTION-LAST-RESORT]}
optional:
  - {provision: "Article 1(2)", standards: [ASM-NO-FUNDING-DISCLOSURE]}
compliant:
  - {provision: "Article 2(1)", why: "grants rights"}
"""
SCORED = ["--standard", "ASM-NOTIFY-PERIOD", "--standard", "MED-NO-JOURNALIST-LICENSING",
          "--standard", "ASC-DISSOLUTION-LAST-RESORT"]


@pytest.fixture()
def folder(tmp_path):
    """A folder with the Tessalian draft in English, its gold, and files the gold does not cover."""
    (tmp_path / "tessalia.gold.yaml").write_text(GOLD, encoding="utf-8")
    (tmp_path / "tessalia.en.txt").write_text(MINI_DRAFT, encoding="utf-8")
    (tmp_path / "tessalia.de.txt").write_text(MINI_DRAFT, encoding="utf-8")  # language not in the gold
    (tmp_path / "other.txt").write_text(MINI_DRAFT, encoding="utf-8")  # no gold
    (tmp_path / "notes.md").write_text("notes", encoding="utf-8")
    (tmp_path / "tessalia.en.docx").write_bytes(b"")  # the same draft in Word: the .txt counts
    return tmp_path


@pytest.mark.parametrize(
    "given,expected",
    [
        (".", ["tessalia.en.txt"]),                   # a folder: drafts with gold, in the gold's languages
        ("tessalia.en.txt", ["tessalia.en.txt"]),     # a file named directly
        ("tessalia.de.txt", ["tessalia.de.txt"]),     # named directly: the user asked for it
        ("tessalia.en.docx", ["tessalia.en.docx"]),   # the Word copy, named directly
    ],
)
def test_collect_drafts(folder, given, expected):
    pairs = collect_drafts([folder / given])
    assert [d.name for d, _ in pairs] == expected
    assert all(g.name == "tessalia.gold.yaml" for _, g in pairs)


@pytest.mark.parametrize("given,message", [("other.txt", "no gold file beside it"), ("missing", "no such file or folder")])
def test_collect_drafts_refuses(folder, given, message):
    with pytest.raises(InputError, match=message):
        collect_drafts([folder / given])


def test_run_evaluation_scores_the_draft(folder):
    summary = run_evaluation([folder], only=SCORED[1::2])
    (score,) = summary.drafts
    assert (score.counts.required, score.counts.found) == (3, 2)
    assert [m.provision for m in score.misses] == ["Article 2(1)"]
    assert summary.by_language["en"] == score.counts
    assert summary.by_domain["assembly"].found == 1 and summary.by_domain["media"].found == 1
    assert summary.by_domain["association"].missed == 1


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_eval_json(folder):
    result = run("eval", str(folder), "--json", *SCORED)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"]["required"] == 3 and data["overall"]["found"] == 2
    assert data["overall"]["precision"] == 1.0
    assert data["standards"] == sorted(SCORED[1::2])
    assert [d["name"] for d in data["drafts"]] == [str(folder / "tessalia.en.txt")]
    assert data["drafts"][0]["misses"][0]["standards"] == ["ASC-DISSOLUTION-LAST-RESORT"]


def test_eval_tables_and_markdown(folder):
    text = run("eval", str(folder), *SCORED)
    assert text.exit_code == 0
    assert "MISSED   Article 2(1): ASC-DISSOLUTION-LAST-RESORT" in text.output
    assert "Overall, 1 draft files" in text.output and "language" in text.output
    markdown = run("eval", str(folder), "--markdown", *SCORED)
    assert "| `tessalia.en.txt` (en) | 3 | 2 | 66.7% | 2 | 0 | 100.0% | 80.0% |" in markdown.output


@pytest.mark.parametrize(
    "args,message",
    [
        (["missing-folder"], "no such file or folder"),
        (["other.txt"], "no gold file beside it"),
        ([".", "--json", "--markdown"], "either --json or --markdown"),
        (["empty"], "no draft with a gold file"),
    ],
)
def test_eval_bad_input_exits_2_with_one_line(folder, args, message):
    (folder / "empty").mkdir()
    paths = [str(folder / a) if not a.startswith("-") else a for a in args]
    result = CliRunner().invoke(main, ["eval", *paths])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
