"""Playwright fixtures: Debian's Chromium, phone- and screen-sized pages, a live server."""

import os
import shutil

import pytest

from server.cli.embedded import free_port

from .helpers import ServerProcess

CHROMIUM = os.environ.get("CAFE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
SCREEN = {"viewport": {"width": 1920, "height": 1080}}
# A CI machine shared with other jobs can be several times slower than a laptop: waits
# leave room for that. How fast things are is measured by bench/, not by these waits.
WAIT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium; the suite fails, never skips, when it is missing."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """`cafe serve` with its own embedded Redis, for the tests of one module."""
    data = tmp_path_factory.mktemp("live")
    server = ServerProcess(free_port(), {"CAFE_DATA_DIR": str(data)}).start()
    yield server
    server.stop()


@pytest.fixture
def driven_cafe(live_server):
    """A workshop in the café with one table, and its console as a Socket.IO client:
    for tests about the phones, the console's part done without a page."""
    import requests
    import socketio

    from .conftest import REFERENCE

    body = requests.post(live_server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    console = socketio.Client()
    console.connect(live_server.url, auth={"code": body["workshop"]["code"], "role": "console",
                                           "key": body["console_key"]},
                    transports=["websocket"])
    table = console.call("table_add", {"title": "Coopération"})["table"]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    yield {"body": body, "code": body["workshop"]["code"], "console": console, "table": table}
    console.disconnect()


class Pages:
    """Opens pages in fresh browser contexts and records any script error they raise."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.errors: list[str] = []

    def open(self, url: str, kind: dict, *, locale: str = "fr-FR"):
        context = self.browser.new_context(locale=locale, **kind)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(f"{url}: {exc}"))
        page.on("console", lambda m: self._console(url, m))
        page.set_default_timeout(WAIT_MS)
        page.goto(url)
        return page

    def _console(self, url, message):
        # A 4xx answer is logged by Chromium as "Failed to load resource": the tests
        # provoke those on purpose; any other console error is a bug.
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.errors.append(f"{url}: {message.text}")

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser):
    """Open pages; fail the test if any of them raised a script error."""
    opened = Pages(browser)
    yield opened
    opened.close()
    assert not opened.errors, opened.errors


SETTLE = """() => Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => null)))"""


def axe_serious(page) -> list:
    """The serious and critical axe-core violations of a page, each with up to three of its
    elements, checked once what just appeared has ended its entrance (a note fading in is
    checked as people will read it, not half transparent)."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(SETTLE)
    found = Axe().run(page).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found
            if v["impact"] in ("serious", "critical")]
