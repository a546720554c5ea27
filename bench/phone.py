"""The phone page on a slow network: what it weighs, how fast it shows, whether it fits.

    .venv/bin/python bench/phone.py

Loads the participant's page in headless Chromium (390x844, then 360 px wide) with the
network throttled to Chrome DevTools' "Fast 3G" profile (562.5 ms round trip, 1.44 Mbit/s
down, 675 kbit/s up) and the CPU slowed down 4 times (DevTools' "4x slowdown"), cache off,
and prints: the bytes transferred on a first visit until the network is idle (response
headers and compressed bodies, as DevTools' "transferred" counts them; the request headers
the phone sends apart), the first contentful paint, whether the Join button works at that
paint (the join form is a plain HTML form), the smallest touch targets, sideways
scrolling at 360 px on each view, and how long the page takes to catch up after a sleep.
"""

import json
import sys
import time
from pathlib import Path

from common import REFERENCE, Server, http
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FAST_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.44e6 / 8 * 0.9,
           "uploadThroughput": 675e3 / 8 * 0.9}
# What a thumb taps. An input inside a label is tapped through its label (the colour dots,
# the "anonymous" box), so the label is what is measured.
TARGETS = ("button, input:not(label input), select, textarea, a[href], summary, "
           "label.colour-dot, label.check")


CPU_SLOWDOWN = 4
LOADS = 5
# Whether the Join button works at the first paint: noted by an observer installed before
# any of the page's own scripts, when the browser reports that paint.
AT_FIRST_PAINT = """new PerformanceObserver((list) => {
  if (!list.getEntriesByName("first-contentful-paint").length) return;
  const form = document.getElementById("join-form");
  const button = document.getElementById("join-button");
  window.__joinAtPaint = Boolean(form && button && !button.disabled
    && form.method === "post" && form.action);
}).observe({type: "paint", buffered: true});"""
# The scripts have run: the page says so (data-ready); before the join form became a
# plain form, the Join button was disabled until then.
READY = """() => document.body?.dataset.ready === "true"
  || (document.querySelector("#join-form:not([method])")
      && !document.querySelector("#join-button[disabled]"))"""


def throttled(context, page):
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", FAST_3G)
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return cdp


def first_load(browser, url: str, join: bool = False) -> dict:
    """Load the page as a first visit; with `join`, then join and wait until it is live."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.add_init_script(AT_FIRST_PAINT)
    cdp = throttled(context, page)
    received, sent, urls = {}, {}, {}
    # encodedDataLength at the end of a load: every byte received for it, headers included.
    cdp.on("Network.loadingFinished",
           lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.on("Network.requestWillBeSentExtraInfo", lambda e: sent.__setitem__(
        e["requestId"], sum(len(k) + len(v) + 4 for k, v in e["headers"].items())))
    cdp.on("Network.requestWillBeSent",
           lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY, polling=50)
    interactive = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    live = None
    if join:
        page.fill("#f-name", "Claire")
        page.click("#join-button")
        page.wait_for_selector("#status[data-status=online]")
        page.wait_for_load_state("networkidle")
        live = sum(received.values()), len(received)
        page.wait_for_timeout(4000)  # the views fetched in the background once live
        page.wait_for_load_state("networkidle")
    figures = page.evaluate("""() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const resources = performance.getEntriesByType("resource");
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return {
        bodies: nav.encodedBodySize + resources.reduce((s, r) => s + r.encodedBodySize, 0),
        raw: nav.decodedBodySize + resources.reduce((s, r) => s + r.decodedBodySize, 0),
        fcp: paint ? paint.startTime : null,
        ttfb: nav.responseStart,
        joinAtPaint: window.__joinAtPaint ?? null,
      };
    }""")
    context.close()
    return {**figures, "bytes": sum(received.values()), "sent": sum(sent.values()), "live": live,
            "requests": len(received), "interactive": interactive * 1000,
            "urls": sorted(urls.values())}


def plain_form_join(browser, url: str) -> bool:
    """Join with scripts off: the plain form posts, and the answer hands the token over."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390,
                                  "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url)
    if page.locator("#join-button[disabled]").count() or not page.locator(
            "#join-form[method=post]").count():
        context.close()
        return False  # a dead button, or a form only a script can send
    page.fill("#f-name", "Sans script")
    with page.expect_navigation():
        page.click("#join-button")
    data = json.loads(page.locator("#page-data").text_content() or "{}")
    context.close()
    return bool(data.get("joined", {}).get("token"))


def small_targets(page) -> list[tuple[str, float, float]]:
    return page.evaluate(f"""() => [...document.querySelectorAll("{TARGETS}")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => [el.id || el.className || el.tagName, el.offsetWidth, el.offsetHeight])
      .filter(([, w, h]) => w < 44 || h < 44)""")


def main() -> None:
    with Server() as server, sync_playwright() as p:
        body = http("POST", server.url + "/api/workshops", REFERENCE)
        code, key = body["workshop"]["code"], body["console_key"]
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        loads = [first_load(browser, body["links"]["join"]) for _ in range(LOADS)]
        best = sorted(loads, key=lambda f: f["fcp"])[LOADS // 2]  # the median load
        print(f"Phone page, first visit, Fast 3G (562.5 ms RTT, 1.44 Mbit/s), CPU slowed "
              f"{CPU_SLOWDOWN}x, cache off, until the network is idle:")
        print(f"  transferred: {best['bytes'] / 1024:.1f} KiB with response headers "
              f"({best['bodies'] / 1024:.1f} KiB of compressed bodies, "
              f"{best['raw'] / 1024:.1f} KiB uncompressed) in {best['requests']} requests; "
              f"request headers sent: {best['sent'] / 1024:.1f} KiB")
        paints = ", ".join(f"{f['fcp']:.0f}" for f in loads)
        ready = ", ".join(f"{f['interactive']:.0f}" for f in loads)
        print(f"  first contentful paint: {paints} ms ({LOADS} loads; median "
              f"{best['fcp']:.0f} ms, its first byte at {best['ttfb']:.0f} ms); "
              f"Join button working at that paint: "
              f"{', '.join(str(f['joinAtPaint']) for f in loads)}; scripts ready: {ready} ms")
        joined = first_load(browser, body["links"]["join"], join=True)
        print(f"  then joining, until live: {joined['live'][0] / 1024:.1f} KiB in all with "
              f"response headers, in {joined['live'][1]} requests; with the views fetched "
              f"in the background once live: {joined['bytes'] / 1024:.1f} KiB in "
              f"{joined['requests']} requests")
        plain = plain_form_join(browser, body["links"]["join"])
        print(f"  joined with scripts off (a plain form): {plain}")
        if "-v" in sys.argv:
            print("  " + "\n  ".join(best["urls"]))

        import socketio  # the console drives the workshop through its phases

        console = socketio.Client()
        console.connect(server.url, auth={"code": code, "role": "console", "key": key},
                        transports=["websocket"])
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                      has_touch=True)
        phone = context.new_page()
        phone.goto(body["links"]["join"])
        phone.fill("#f-name", "Claire")
        phone.fill("#f-organisation", "Latitude")
        phone.click("#join-button")
        phone.wait_for_selector("#waiting:not([hidden])")
        table = console.call("table_add", {"title": "Mutualisation des compétences avec une "
                                           "culture partagée"})["table"]
        report = {}
        for phase, view in [("forum", "#forum"), ("cafe", "#choose")]:
            console.call("phase_set", {"phase": phase})
            phone.wait_for_selector(f"{view}:not([hidden])")
            if phase == "forum":
                phone.fill("#f-title", "Un sujet au titre assez long pour passer à la ligne")
                phone.click("#propose-form button[type=submit]")
                phone.wait_for_selector(".topic-card")
            report[view] = phone
            measure(phone, view, report)
        phone.click(".table-choice button")
        phone.wait_for_selector("#table:not([hidden])")
        phone.fill("#f-note", "Une idée " * 30)
        phone.click("#compose .send")
        phone.wait_for_selector(".note:not(.waiting)")
        measure(phone, "#table", report)
        console.call("voting_open", {"budget": 3})
        phone.wait_for_selector("#vote:not([hidden]) .vote-note")
        measure(phone, "#vote", report)
        console.call("voting_close", {})
        console.call("phase_set", {"phase": "harvest"})
        phone.wait_for_selector("#synthesis:not([hidden]) .syn-topic")
        measure(phone, "#synthesis", report)
        print("Fit at 360 px (sideways scroll; touch targets under 44 px):")
        for view, (overflow, small) in report.items():
            print(f"  {view:<11} scroll {'YES' if overflow else 'none'}; "
                  f"small targets: {json.dumps(small) if small else 'none'}")

        # Sleep: the page is frozen long enough for the server to drop it, then wakes.
        cdp = context.new_cdp_session(phone)
        console.call("phase_set", {"phase": "cafe"})
        phone.wait_for_selector("#table:not([hidden])")
        cdp.send("Page.setWebLifecycleState", {"state": "frozen"})
        time.sleep(25)
        ghost = socketio.Client()
        joined = http("POST", f"{server.url}/api/workshops/{code}/participants",
                      {"name": "Paul", "organisation": "Via Storia"})
        ghost.connect(server.url, auth={"code": code, "role": "participant",
                                        "token": joined["token"]}, transports=["websocket"])
        ghost.call("seat_take", {"table": table["id"]})
        ghost.call("note_post", {"id": "written-while-asleep", "table": table["id"],
                                 "text": "Écrite pendant le sommeil"})
        woke = time.perf_counter()
        cdp.send("Page.setWebLifecycleState", {"state": "active"})
        phone.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
        phone.wait_for_selector(".note:has-text('Écrite pendant le sommeil')", timeout=30_000)
        print(f"After 25 s asleep: the note written meanwhile shows "
              f"{(time.perf_counter() - woke) * 1000:.0f} ms after waking.")
        ghost.disconnect()
        console.disconnect()
        browser.close()


def measure(page, view: str, report: dict) -> None:
    overflow = page.evaluate("document.scrollingElement.scrollWidth > window.innerWidth")
    report[view] = (overflow, small_targets(page))


if __name__ == "__main__":
    main()
