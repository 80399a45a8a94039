"""Take the screenshots of the lawyers' pages shown in docs/web.md.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Starts the service on a temporary database (as the browser tests do), signs in with a new
key of a fictional organisation, uploads drafts/arventa-public-events-2024.en.docx, rejects
the first finding with a reason and accepts the second, and saves:

    sign-in.png       the sign-in page, 1280 pixels wide
    checks.png        the list of checks with the upload form, 1280 wide
    report.png        the check's report page with the two decisions, 1280 wide
    report-phone.png  the same page on a 390-pixel phone screen

Pages longer than the cap (--max-height, 2400 pixels) are cut there. Needs Debian's chromium
and chromium-driver; exits with status 2 and the reason when they are missing.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.harness import ORGANISATION, browser_missing, chrome, live_server  # noqa: E402
from tests.browser.test_lawyer_flow import (  # noqa: E402
    SAMPLE_DOCX, by_label, decide, sign_in, upload, wait_for_report,
)

REVIEWER = "Dana Ermekova"
TITLE = "Arventa: law on public events, draft of March 2024"
REJECT_REASON = "The definition is read together with Article 2, which opens events to everyone; no change needed."


def shoot(driver, path: Path, width: int, max_height: int) -> None:
    """Save the current page as a PNG ``width`` CSS pixels wide and as tall as the page,
    at most ``max_height``; reduced to 256 colours when Pillow is installed."""
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    height = driver.execute_script("return Math.ceil(document.body.getBoundingClientRect().height) + 24")
    metrics["height"] = min(max(height, 400), max_height)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.execute_script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    data = driver.get_screenshot_as_png()
    try:
        from PIL import Image

        image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        data = buffer.getvalue()
    except ImportError:
        pass
    path.write_bytes(data)
    print(f"wrote {path} ({width}×{metrics['height']}, {len(data) // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the PNGs")
    parser.add_argument("--max-height", type=int, default=2400, help="cut pages longer than this (pixels)")
    args = parser.parse_args(argv)
    reason = browser_missing()
    if reason:
        print(f"screenshots: {reason}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rightscheck-screenshots-") as scratch, \
            live_server(Path(scratch), inline_max_words=100_000) as server:
        _, key = server.app.state.store.create_key(ORGANISATION)
        driver = chrome(Path(scratch) / "downloads")
        try:
            driver.get(server.url + "/app/sign-in")
            by_label(driver, "Your name").send_keys(REVIEWER)
            shoot(driver, args.out / "sign-in.png", 1280, 900)

            sign_in(driver, server, key, REVIEWER)
            by_label(driver, "Title").send_keys(TITLE)
            upload(driver, SAMPLE_DOCX)
            wait_for_report(driver)
            ids = [a.get_attribute("data-finding-id") for a in driver.find_elements("css selector", "article.finding")]
            decide(driver, ids[0], "Reject", reason=REJECT_REASON)
            decide(driver, ids[1], "Accept")
            report_url = driver.current_url.split("#")[0]
            if "/review" in report_url:
                report_url = report_url.split("/findings/")[0]

            driver.get(server.url + "/app/checks")
            shoot(driver, args.out / "checks.png", 1280, 1200)

            driver.get(report_url)
            wait_for_report(driver)
            shoot(driver, args.out / "report.png", 1280, args.max_height)
            shoot(driver, args.out / "report-phone.png", 390, args.max_height)
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
