"""The printable HTML report fits a phone's width: the counts table scrolls inside its own
wrapper, never the page (checked in the markup and, where Chromium is installed, by laying out
the page at 390 CSS pixels)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from reports import render_html

PHONE = 390


def _style(html: str) -> str:
    return "\n".join(lxml.html.fromstring(html).xpath("//style/text()"))


def test_counts_table_sits_in_a_wrapper_that_scrolls_sideways(en_report):
    html = render_html(en_report)
    tree = lxml.html.fromstring(html)
    (table,) = tree.xpath("//table[contains(@class, 'counts')]")
    wrapper = table.getparent()
    assert wrapper.tag == "div" and "table-wrap" in wrapper.get("class", "").split()
    css = re.sub(r"\s+", " ", _style(html))
    rule = re.search(r"\.table-wrap \{([^}]*)\}", css)
    assert rule and "overflow-x: auto" in rule.group(1) and "max-width: 100%" in rule.group(1)
    # the page itself never gets a sideways scroll bar from the table ...
    assert "overflow-x: auto" not in re.search(r"(?<![\w.-])body \{([^}]*)\}", css).group(1)
    # ... and printing shows the whole table, not a clipped scroll box
    assert re.search(r"@media print \{[^@]*\.table-wrap \{ overflow: visible; \}", css)


def test_report_without_findings_has_no_counts_wrapper(en_report):
    empty = en_report.model_copy(update={"findings": [], "standards": []})
    assert not lxml.html.fromstring(render_html(empty)).xpath("//div[contains(@class, 'table-wrap')]")


@pytest.mark.browser
@pytest.mark.parametrize("sample", ["arventa-public-events-2024.en.txt", "arventa-public-events-2024.ru.txt"])
def test_report_page_is_no_wider_than_a_phone(tmp_path, sample):
    from tests.browser.harness import chrome, need_browser

    need_browser()
    from checker.pipeline import check

    root = Path(__file__).resolve().parents[2]
    page = tmp_path / "report.html"
    page.write_text(render_html(check(root / "drafts" / sample)), encoding="utf-8")
    driver = chrome(tmp_path / "downloads", width=PHONE, height=844)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": PHONE, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        driver.get(page.as_uri())
        assert driver.execute_script("return window.innerWidth") == PHONE
        table = driver.execute_script("return document.querySelector('table.counts').scrollWidth")
        wrapper = driver.execute_script("return document.querySelector('.table-wrap').clientWidth")
        assert table > 0 and wrapper <= PHONE
        assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE
    finally:
        driver.quit()
