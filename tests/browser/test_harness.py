"""When the browser is missing: a skip with the reason on a developer's machine, a failure
where it is required (CI); these run with or without Chromium."""

from __future__ import annotations

import stat

import pytest

from tests.browser import harness


@pytest.mark.parametrize(
    "value, required",
    [("1", True), ("yes", True), ("true", True), ("", False), ("0", False), ("false", False), (None, False)],
)
def test_the_browser_is_required_when_the_variable_says_so(monkeypatch, value, required):
    if value is None:
        monkeypatch.delenv(harness.REQUIRE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(harness.REQUIRE_VARIABLE, value)
    assert harness.browser_required() is required


def _executable(path):
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.parametrize(
    "present, missing",
    [
        (["chromium", "chromedriver"], []),
        (["chromedriver"], ["chromium"]),
        (["chromium"], ["chromedriver"]),
        ([], ["chromium", "chromedriver"]),
    ],
)
def test_a_missing_browser_or_driver_is_named_with_how_to_install_it(tmp_path, monkeypatch, present, missing):
    pytest.importorskip("selenium")
    for name in present:
        _executable(tmp_path / name)
    monkeypatch.setattr(harness, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setattr(harness, "CHROMEDRIVER", tmp_path / "chromedriver")
    reason = harness.browser_missing()
    if not missing:
        assert reason is None
    else:
        assert all(str(tmp_path / name) in reason for name in missing)
        assert all(str(tmp_path / name) not in reason for name in present)
        assert "apt-get install chromium chromium-driver" in reason


@pytest.mark.parametrize(
    "required, outcome",
    [("1", pytest.fail.Exception), ("", pytest.skip.Exception)],
)
def test_a_missing_browser_fails_where_required_and_skips_elsewhere(tmp_path, monkeypatch, required, outcome):
    monkeypatch.setattr(harness, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv(harness.REQUIRE_VARIABLE, required)
    with pytest.raises(outcome, match="no-chromium"):
        harness.need_browser()


def test_a_present_browser_neither_skips_nor_fails(tmp_path, monkeypatch):
    pytest.importorskip("selenium")
    monkeypatch.setattr(harness, "CHROMIUM", _executable(tmp_path / "chromium"))
    monkeypatch.setattr(harness, "CHROMEDRIVER", _executable(tmp_path / "chromedriver"))
    monkeypatch.setenv(harness.REQUIRE_VARIABLE, "1")
    assert harness.need_browser() is None
