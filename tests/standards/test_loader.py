"""Loading the catalogue: the bundled files validate; malformed files are reported with file,
field and problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.errors import StandardsError
from standards.loader import STANDARDS_DIR, load_catalogue



def test_bundled_catalogue_loads_and_cites_known_sources():
    catalogue = load_catalogue()
    assert catalogue.version
    for standard in catalogue.standards.values():
        for citation in standard.citations:
            assert citation.source in catalogue.sources


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    shutil.copy(STANDARDS_DIR / "sources.yaml", tmp_path / "sources.yaml")
    (tmp_path / "catalogue").mkdir()
    shutil.copy(STANDARDS_DIR / "catalogue" / "ASM-NOTIFY-NOT-AUTH.yaml", tmp_path / "catalogue")
    return tmp_path


@pytest.mark.parametrize("edit,field,problem", [
    (lambda t: t.replace("severity: high", "severity: grave"), "severity", "Input should be"),
    (lambda t: t.replace("source: HRC-GC37", "source: HRC-GC99"), "citations.0.source", "unknown source 'HRC-GC99'"),
    (lambda t: t.replace("id: ASM-NOTIFY-NOT-AUTH", "id: ASM-OTHER"), "id", "differs from the file name"),
    (lambda t: t.replace("domain: assembly", "domain: assembly\ncolour: red"), "colour", "Extra inputs"),
    (lambda t: t.replace("kind: quantity", "kind: oracle"), "detectors.", "tag 'oracle'"),
    (lambda t: t + "\n  - [unclosed", "line", "not valid YAML"),
])
def test_malformed_standard_is_reported_with_field(catalogue_copy, edit, field, problem):
    path = catalogue_copy / "catalogue" / "ASM-NOTIFY-NOT-AUTH.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(StandardsError) as caught:
        load_catalogue(catalogue_copy)
    error = caught.value
    assert error.path == str(path)
    assert any(f.startswith(field) and problem in p for f, p in error.problems), error.problems
