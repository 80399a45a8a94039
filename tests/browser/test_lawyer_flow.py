"""A lawyer's visit in a real (headless) browser: sign in, upload the Word sample, read the
findings, accept one, reject another with a reason, download the accepted-only Word report.
Also: the pages fit a 390-pixel phone screen, every field has a label, and the keyboard
reaches the sign-in button.

Fields are found the way a user finds them, by the text of their <label>; a field without
one cannot be found, so these tests also prove the labelling.
"""

from __future__ import annotations

import io
import json
import re
import time
import urllib.request
from pathlib import Path

import docx
import pytest

from tests.browser.harness import ORGANISATION, chrome, wait_for_download

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SAMPLE_DOCX = REPO / "drafts" / "arventa-public-events-2024.en.docx"
SAMPLE_TXT = REPO / "drafts" / "arventa-public-events-2024.en.txt"
REVIEWER = "Dana Ermekova"
REPORT_WAIT_SECONDS = 180

# The control a <label> names, the label's text matched whole (or up to a following hint).
_CONTROL_BY_LABEL = """
const [root, wanted] = arguments;
const norm = s => s.replace(/\\s+/g, ' ').trim();
const found = [...root.querySelectorAll('label')].filter(label => {
  const text = norm(label.textContent);
  return text === wanted || text.startsWith(wanted + ' ');
});
if (found.length !== 1) return found.length;
return found[0].control;
"""

# The highlighted words of the draft shown beside a finding: <mark>s in the section that
# holds the finding, outside the finding itself.
_MARKED_BESIDE = """
return [...document.querySelectorAll('article.finding')].flatMap(article => {
  const section = article.closest('section');
  if (!section) return [];
  return [...section.querySelectorAll('mark')].filter(m => !article.contains(m)).map(m => m.textContent);
});
"""

# The text of the elements that describe a field (aria-describedby), as a screen reader reads it.
_DESCRIPTION = """
const ids = (arguments[0].getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
return ids.map(id => document.getElementById(id)).filter(Boolean).map(el => el.textContent).join(' ');
"""

_UNLABELLED = """
return [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.outerHTML.slice(0, 120));
"""


# ---------------------------------------------------------------------- helpers


def by_label(driver, text: str, within=None):
    """The form control whose <label> reads ``text``; fails when there is none, or several,
    or the label names no control."""
    from selenium.webdriver.remote.webelement import WebElement

    root = within if within is not None else driver.find_element("css selector", "body")
    control = driver.execute_script(_CONTROL_BY_LABEL, root, text)
    assert isinstance(control, WebElement), (
        f"no single field labelled {text!r} on {driver.current_url} (labels matching: {control})")
    return control


def keyboard_reachable(driver, element) -> None:
    """Fails unless ``element`` is shown, enabled and in the Tab order."""
    assert element.is_displayed() and element.is_enabled(), element.get_attribute("outerHTML")[:120]
    assert driver.execute_script("return arguments[0].tabIndex", element) >= 0


def button(driver, text: str, within=None):
    """The button (or submit input) whose visible text is ``text``."""
    root = within if within is not None else driver
    found = root.find_elements("xpath", f".//button[normalize-space()='{text}'] | .//input[@type='submit' and @value='{text}']")
    assert len(found) == 1, f"{len(found)} buttons read {text!r} on {driver.current_url}"
    return found[0]


def choose(driver, label: str, option: str) -> None:
    """Pick the option reading ``option`` in the drop-down labelled ``label``, by the keyboard
    (typing the option's first letters selects it in a closed drop-down)."""
    from selenium.webdriver.support.select import Select

    control = by_label(driver, label)
    keyboard_reachable(driver, control)
    control.send_keys(option)
    assert Select(control).first_selected_option.text.strip() == option, f"{label!r} did not take {option!r}"


def press(driver, element, key) -> None:
    """Focus ``element`` and press ``key`` on it, as a keyboard user would."""
    driver.execute_script("arguments[0].focus()", element)
    element.send_keys(key)


def sign_in(driver, server, key: str, name: str = REVIEWER) -> None:
    from selenium.webdriver.common.keys import Keys

    driver.get(server.url + "/app/sign-in")
    by_label(driver, "API key").send_keys(key)
    by_label(driver, "Your name").send_keys(name)
    press(driver, button(driver, "Sign in"), Keys.ENTER)
    wait_until(driver, lambda: driver.current_url.endswith("/app/checks"), "the list of checks after signing in")


def wait_until(driver, condition, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; at {driver.current_url}")


def wait_for_report(driver) -> int:
    """Reload the check's page until its findings show; the number of findings."""
    deadline = time.monotonic() + REPORT_WAIT_SECONDS
    while True:
        totals = driver.find_elements("id", "findings-total")
        if totals:
            return int(totals[0].text)
        body = driver.find_element("tag name", "body").text
        assert "failed" not in body.split("Status:", 1)[-1][:40], body[:500]
        assert time.monotonic() < deadline, f"no report after {REPORT_WAIT_SECONDS} s: {body[:300]}"
        time.sleep(1)
        driver.refresh()


def upload(driver, path: Path) -> str:
    """Upload ``path`` from the checks page; the check's page URL."""
    from selenium.webdriver.common.keys import Keys

    by_label(driver, "Draft file").send_keys(str(path))
    press(driver, button(driver, "Check the draft"), Keys.ENTER)
    return wait_until(driver, lambda: re.search(r"/app/checks/[0-9a-f]{32}$", driver.current_url)
                      and driver.current_url, "the check's page after uploading")


def finding(driver, finding_id: str):
    return driver.find_element("css selector", f'article.finding[data-finding-id="{finding_id}"]')


def decide(driver, finding_id: str, choice: str, reason: str | None = None) -> None:
    """Choose ``choice`` ("Accept", "Reject", "Edit") on one finding's review form by the
    keyboard, write ``reason`` and save."""
    from selenium.webdriver.common.keys import Keys

    article = finding(driver, finding_id)
    radio = by_label(driver, choice, within=article)
    keyboard_reachable(driver, radio)
    press(driver, radio, Keys.SPACE)
    assert radio.is_selected(), f"Space did not select {choice!r}"
    if reason is not None:
        field = by_label(driver, "Reason (required to reject)", within=article)
        keyboard_reachable(driver, field)
        field.send_keys(reason)
    save = button(driver, "Save decision", within=article)
    keyboard_reachable(driver, save)
    press(driver, save, Keys.ENTER)
    wait_until(driver, lambda: _decision_text(driver, finding_id), f"the decision on {finding_id} to show")


def _decision_text(driver, finding_id: str) -> str:
    try:
        shown = finding(driver, finding_id).find_elements("css selector", ".decision")
    except Exception:  # the page is being replaced
        return ""
    return shown[0].text.strip() if shown else ""


def document_text(data: bytes) -> str:
    """Every paragraph and table cell of a DOCX, one per line."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def submit_by_api(server, key: str, path: Path) -> str:
    """Submit a text draft with the HTTP API and wait until it is done; its check id."""
    body = json.dumps({"text": path.read_text(encoding="utf-8"), "language": "en",
                       "title": "Arventa public events, first reading"}).encode()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    with urllib.request.urlopen(urllib.request.Request(server.url + "/v1/checks", body, headers)) as answer:
        check_id = json.load(answer)["id"]
    deadline = time.monotonic() + REPORT_WAIT_SECONDS
    while True:
        request = urllib.request.Request(f"{server.url}/v1/checks/{check_id}", headers=headers)
        with urllib.request.urlopen(request) as answer:
            status = json.load(answer)["status"]
        assert status != "failed", f"check {check_id} failed"
        if status == "done":
            return check_id
        assert time.monotonic() < deadline, f"check {check_id} still {status}"
        time.sleep(0.5)


# ---------------------------------------------------------------------- the lawyer's visit


def test_a_lawyer_uploads_reviews_and_downloads_the_accepted_findings(server, api_key, driver, downloads):
    from selenium.webdriver.common.keys import Keys

    sign_in(driver, server, api_key)
    assert ORGANISATION in driver.find_element("tag name", "header").text

    upload(driver, SAMPLE_DOCX)
    total = wait_for_report(driver)
    assert total > 0
    articles = driver.find_elements("css selector", "article.finding")
    assert len(articles) == total, "every finding of the check is on its page"
    marked = driver.execute_script(_MARKED_BESIDE)
    assert marked and all(text.strip() for text in marked), "the draft's words beside a finding are highlighted"

    ids = [(a.get_attribute("data-finding-id"), a.get_attribute("data-standard")) for a in articles]
    assert all(fid and fid.split(":", 1)[0] == standard for fid, standard in ids)
    to_accept = next(fid for fid, standard in ids if not fid.endswith(":draft"))
    accepted_standard = to_accept.split(":", 1)[0]
    to_reject = next(fid for fid, standard in ids if standard != accepted_standard and not fid.endswith(":draft"))
    rejected_standard = to_reject.split(":", 1)[0]

    decide(driver, to_accept, "Accept")
    assert _decision_text(driver, to_accept).startswith("Accepted")
    decide(driver, to_reject, "Reject", reason="The organiser's duty here is lawful under national practice.")
    decision = _decision_text(driver, to_reject)
    assert decision.startswith("Rejected")
    assert REVIEWER in decision
    assert "lawful under national practice" in finding(driver, to_reject).text

    choose(driver, "By decision", "Rejected")
    press(driver, button(driver, "Filter"), Keys.ENTER)
    wait_until(driver, lambda: "decision=rejected" in driver.current_url, "the filtered page")
    shown = [a.get_attribute("data-finding-id") for a in driver.find_elements("css selector", "article.finding")]
    assert shown == [to_reject], "filtering by decision shows the rejected finding alone"
    driver.find_element("link text", "Show all findings").click()
    wait_until(driver, lambda: len(driver.find_elements("css selector", "article.finding")) == total, "all findings")

    link = driver.find_element("link text", "Word (DOCX), accepted findings only")
    assert link.get_attribute("href").endswith("/report.docx?findings=accepted")
    link.click()
    text = document_text(wait_for_download(downloads, ".docx").read_bytes())

    assert f"Reviewed by {REVIEWER}" in text, "the report says who reviewed it"
    assert api_key.split("_")[1] not in text, "a filing report names the reviewer, not the organisation's key"
    assert "1 finding accepted (of which 0 edited), 1 rejected" in text
    assert "lists only the findings the reviewers accepted" in text
    numbered = re.findall(r"^\d+\.\t.*?\(([A-Z][A-Z0-9-]+)\) — ", text, re.MULTILINE)
    assert numbered == [accepted_standard], "the accepted finding is the only numbered one"
    assert f"({rejected_standard})" not in text, f"the rejected finding {to_reject} is in the accepted-only report"


def test_rejecting_without_a_reason_is_refused_with_a_message(server, api_key, driver):
    from selenium.webdriver.common.keys import Keys

    sign_in(driver, server, api_key)
    check_id = submit_by_api(server, api_key, SAMPLE_TXT)
    driver.get(f"{server.url}/app/checks/{check_id}")
    wait_for_report(driver)
    first = driver.find_element("css selector", "article.finding").get_attribute("data-finding-id")
    article = finding(driver, first)
    press(driver, by_label(driver, "Reject", within=article), Keys.SPACE)
    press(driver, button(driver, "Save decision", within=article), Keys.ENTER)
    alert = wait_until(driver, lambda: driver.find_elements("css selector", "[role=alert]"), "an error message")
    assert "reason" in alert[0].text.lower() and alert[0].is_displayed()
    article = finding(driver, first)
    reason = by_label(driver, "Reason (required to reject)", within=article)
    described = driver.execute_script(_DESCRIPTION, reason)
    assert "reason" in described.lower(), "the Reason field is described by the message beside it"
    assert by_label(driver, "Reject", within=article).is_selected(), "the choice is kept"
    assert not _decision_text(driver, first), "nothing was saved"


# ---------------------------------------------------------------------- phone screens, labels, keyboard


@pytest.fixture(scope="module")
def done_check(server) -> str:
    """A done check of the English sample of the Arventa organisation, submitted by the API."""
    _, key = server.app.state.store.create_key(ORGANISATION)
    return submit_by_api(server, key, SAMPLE_TXT)


def _open(driver, server, api_key, done_check, page: str) -> None:
    if page == "sign-in":
        driver.get(server.url + "/app/sign-in")
        return
    sign_in(driver, server, api_key)
    if page == "report":
        driver.get(f"{server.url}/app/checks/{done_check}")
        wait_for_report(driver)


@pytest.mark.parametrize("page", ["sign-in", "checks", "report"])
@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_a_page_has_no_horizontal_scroll(server, api_key, done_check, downloads, page, width, height):
    driver = chrome(downloads, width=width, height=height)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        _open(driver, server, api_key, done_check, page)
        inner, scroll = driver.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth]")
        assert inner == width
        assert scroll <= inner, f"{page} at {width} px is {scroll} px wide"
    finally:
        driver.quit()


def test_a_page_wider_than_the_screen_is_caught(server, driver):
    """The measure above does see overflow: a 600-pixel block on a 390-pixel screen."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": False})
    driver.get(server.url + "/app/sign-in")
    driver.execute_script("const d = document.createElement('div'); d.style.width = '600px';"
                          "d.textContent = 'x'; document.querySelector('main').append(d);")
    assert driver.execute_script("return document.documentElement.scrollWidth") > 390


@pytest.mark.parametrize("page", ["sign-in", "checks", "report"])
def test_every_field_of_a_page_has_a_label(server, api_key, done_check, driver, page):
    _open(driver, server, api_key, done_check, page)
    fields = driver.find_elements("css selector", "input:not([type=hidden]), select, textarea")
    assert fields, f"{page} has fields"
    assert driver.execute_script(_UNLABELLED) == []


@pytest.mark.parametrize(
    "page, fields_in_order",
    [
        ("sign-in", ["API key", "Your name"]),
        ("checks", ["Title", "Draft file", "Or paste the draft's text", "Language of the draft"]),
    ],
)
def test_the_tab_key_reaches_the_fields_in_order_then_the_button(server, api_key, done_check, driver, page,
                                                                fields_in_order):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, server, api_key, done_check, page)
    wanted = [by_label(driver, text) for text in fields_in_order]
    target = button(driver, "Sign in" if page == "sign-in" else "Check the draft")
    reached = []
    for _ in range(30):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        if active in wanted and active not in reached:
            reached.append(active)
        if active == target:
            break
    else:
        pytest.fail(f"thirty presses of Tab did not reach the button on {page}")
    assert reached == wanted, "the fields come before the button, in reading order"
