import os

import pytest

from tests.services import chromium_path, missing_service

# Fixtures every app's tests share: gazetteer, online geocoder, fresh geocoding caches.
pytest_plugins = ["tests.geocoding.fixtures"]

# Playwright's sync API runs an event loop in this thread; the live server and the ORM still
# work synchronously beside it, so Django's async-safety guard is relaxed for tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        missing_service("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_service("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# Every Content-Security-Policy violation a page meets, from its first byte (add_init_script).
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
    `CSP ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def axe_violations(page) -> list[dict]:
    """Run axe-core (shipped in axe-playwright-python) on the page: WCAG 2.0-2.2 A and AA."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.response["violations"]


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        summary = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
        ]
        assert not violations, "axe found violations:\n" + "\n".join(summary)

    return check


@pytest.fixture
def cache_on(settings):
    """The site's page cache on, as in production, and empty before and after."""
    from home import page_cache

    settings.PAGE_CACHE_SECONDS = 600
    page_cache.forget_all()
    yield
    page_cache.forget_all()
