"""The projected screen at a crowded workshop: what a draw costs, how fast it follows bursts.

    .venv/bin/python bench/screen.py [--tables 8] [--notes 30] [--burst 5]

Fills a workshop through Socket.IO (tables of notes written by phones) and opens its
screen at 1920x1080 in headless Chromium. Prints the time one draw of the café view and
of the synthesis view takes, then, for two bursts sent as fast as the server
acknowledges them (every phone posting `--burst` notes at once; a rapporteur retaining
five ideas and writing a summary for every topic), how long the screen takes to show all
of it and how long its main thread was blocked meanwhile (the sum of long tasks).
"""

import argparse
import asyncio
import time

import socketio
from common import Server, cafe_with_tables, client, http
from playwright.async_api import async_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Loaded before the page: times every animation-frame callback and resize listener (the
# page draws in one or the other) and keeps the long tasks (over 50 ms).
TIMING = """
window.draws = []; window.longTasks = [];
const timed = (fn) => function (...args) {
  const t0 = performance.now();
  try { return fn.apply(this, args); } finally { draws.push([t0, performance.now() - t0]); }
};
const raf = requestAnimationFrame.bind(window);
window.requestAnimationFrame = (cb) => raf(timed(cb));
const listen = addEventListener.bind(window);
window.addEventListener = (type, fn, ...rest) =>
  listen(type, type === "resize" ? timed(fn) : fn, ...rest);
new PerformanceObserver((list) => longTasks.push(...list.getEntries()))
  .observe({ type: "longtask", buffered: true });
"""
SINCE = """(since) => ({
  blocked: longTasks.filter((t) => t.startTime >= since).reduce((s, t) => s + t.duration, 0),
  draws: draws.filter(([at, ms]) => at >= since && ms > 0.5).map(([, ms]) => ms),
})"""


async def call(sio: socketio.AsyncClient, event: str, data: dict) -> dict:
    reply = await sio.call(event, data, timeout=10)
    assert reply["ok"], (event, reply)
    return reply


async def burst(page, count: str, target: int, send) -> dict:
    """Run `send()` and wait until `count` in the page reaches `target`: what it took."""
    since = await page.evaluate("performance.now()")
    started = time.perf_counter()
    await send()
    await page.wait_for_function(f"() => ({count}) >= {target}", timeout=120_000, polling=10)
    shown = (time.perf_counter() - started) * 1000
    await page.wait_for_timeout(300)  # a draw still running counts as blocked
    return {"shown": shown, **await page.evaluate(SINCE, since)}


async def full_draw(page) -> float:
    """Time a draw of everything: the viewport changes, so every column is measured again."""
    since = await page.evaluate("performance.now()")
    await page.set_viewport_size({"width": 1919, "height": 1080})
    await page.set_viewport_size({"width": 1920, "height": 1080})
    await page.wait_for_timeout(200)
    return max((await page.evaluate(SINCE, since))["draws"])


def spread(draws: list[float]) -> str:
    """The median and longest of some draws' durations."""
    if not draws:
        return "no draw in an animation frame"
    draws = sorted(draws)
    return f"median {draws[len(draws) // 2]:.1f} ms, longest {draws[-1]:.1f} ms"


def describe(label: str, figures: dict) -> str:
    """One line for a burst."""
    return (f"  {label}: all shown after {figures['shown']:.0f} ms in {len(figures['draws'])} "
            f"draws ({spread(figures['draws'])}); "
            f"main thread blocked {figures['blocked']:.0f} ms")


async def run(args) -> None:
    with Server() as server:
        titles = [f"Table {i + 1}: un sujet au titre assez long" for i in range(args.tables)]
        body, console, tables = await cafe_with_tables(server.url, titles)
        code = body["workshop"]["code"]
        phones = []
        for i, table in enumerate(tables):
            joined = http("POST", f"{server.url}/api/workshops/{code}/participants",
                          {"name": f"Phone {i}", "organisation": f"Org {i % 5}"})
            phone = await client(server.url, {"code": code, "role": "participant",
                                              "token": joined["token"]})
            await call(phone, "seat_take", {"table": table})
            phones.append((phone, table))

        async def post(phone, table, start: int, count: int) -> None:
            for n in range(start, start + count):
                words = " ".join(["coopération", "confiance", "réseau"][: 1 + n % 3] * (1 + n % 4))
                await call(phone, "note_post", {"id": f"n-{table}-{n:03d}", "table": table,
                                                "text": f"Idée {n + 1} : {words}"})

        await asyncio.gather(*(post(p, t, 0, args.notes) for p, t in phones))

        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = await browser.new_page(viewport={"width": 1920, "height": 1080})
            await page.add_init_script(TIMING)
            await page.goto(body["links"]["screen"])
            notes = "document.querySelectorAll('.screen-note').length"
            await page.wait_for_function(f"() => {notes} >= {args.tables * args.notes}")
            cafe_draw = await full_draw(page)
            phone, table = phones[0]
            one = []
            for n in range(10):  # a steady stream: one note at a time
                one.append(await burst(page, notes, args.tables * args.notes + n + 1,
                                       lambda n=n: post(phone, table, 1000 + n, 1)))
            total = args.tables * args.notes + 10
            more = len(phones) * args.burst
            cafe = await burst(page, notes, total + more, lambda: asyncio.gather(
                *(post(p, t, args.notes, args.burst) for p, t in phones)))

            await call(console, "phase_set", {"phase": "harvest"})
            await page.wait_for_selector(".syn-topic")

            async def harvest() -> None:
                for i, table in enumerate(tables):
                    for n in range(5):
                        await call(console, "idea_add", {"table": table,
                                                         "note": f"n-{table}-{n:03d}"})
                    await call(console, "passage_save", {
                        "table": table, "question": None,
                        "text": f"Pour résumer la table {i + 1} : la coopération se fait "
                                "si la confiance est là.", "version": 0})

            ideas = "document.querySelectorAll('.syn-retained .syn-idea').length"
            synthesis = await burst(page, ideas, len(tables) * 5, harvest)
            await page.wait_for_function(
                "() => document.querySelectorAll('.syn-summary .syn-paragraph').length"
                f" >= {len(tables)}")
            synthesis_draw = await full_draw(page)
            await browser.close()
        for sio in [console, *(p for p, _ in phones)]:
            await sio.disconnect()

    events = len(tables) * 6
    print(f"Screen at 1920x1080, {args.tables} tables of {args.notes} notes:")
    print(f"  a whole draw: café view {cafe_draw:.1f} ms, synthesis view {synthesis_draw:.1f} ms")
    print(f"  one note at a time (10): shown after "
          f"{sorted(f['shown'] for f in one)[5]:.0f} ms (median); its draw: "
          f"{spread([ms for f in one for ms in f['draws']])}")
    print(describe(f"{more} notes posted at once", cafe))
    print(describe(f"{events} synthesis edits in a row", synthesis))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=8)
    parser.add_argument("--notes", type=int, default=30)
    parser.add_argument("--burst", type=int, default=5)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
