"""A cold checklist page on a slow 3G line, in Chromium (Debian's), throttled by
DevTools through Playwright: an empty cache each time, the app's page beside its floor
(the bare crispy form with the same stylesheet)."""

from playwright.sync_api import sync_playwright

from .report import interleaved

CHROMIUM = "/usr/bin/chromium"
# As the browser tests run it (tests/browser/conftest.py): root, no GPU, no QUIC.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
# DevTools' "Slow 3G" preset (Chrome's network panel): 400 kbit/s each way, 2 s latency
# added to every request.
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 500 * 1000 / 8 * 0.8,
    "uploadThroughput": 500 * 1000 / 8 * 0.8,
}
ROUNDS = 2
TIMING = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    load: navigation.loadEventEnd / 1000,
    ready: navigation.domContentLoadedEventEnd / 1000,
    paint: paint ? paint.startTime / 1000 : null,
    bytes: performance.getEntriesByType("resource").reduce(
      (sum, entry) => sum + entry.transferSize, navigation.transferSize),
  };
}"""


def _cold_load(browser, url, session):
    context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": url}])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    page.goto(url, wait_until="load", timeout=120_000)
    timing = page.evaluate(TIMING)
    context.close()
    return timing


def measure(stack, data, section):
    """(apps, floors): the timings of each cold load."""
    app = f"{stack.url}/operations/{data['history']}/checklist/{section}/"
    floor = f"{stack.url}/floor/operations/{data['history']}/checklist/{section}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            return interleaved(
                "cold checklist page on slow 3G",
                lambda: _cold_load(browser, app, data["planner_session"]),
                lambda: _cold_load(browser, floor, None),
                rounds=ROUNDS,
            )
        finally:
            browser.close()
