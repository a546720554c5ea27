"""Note latency: from a phone posting a note to its arrival on the other phones of the
table and on the screens, with several simulated phones at several tables.

    .venv/bin/python bench/latency.py [--phones 24] [--tables 4] [--screens 1]
                                      [--every 2.0] [--seconds 20]

Prints p50/p95/p99 of the fan-out latency (send -> arrival at each receiver) and of the
acknowledgement latency (send -> ack), and the deliveries lost.
"""

import argparse
import asyncio
import random
import time

from common import Server, cafe_with_tables, client, http, summary


async def run(args) -> None:
    with Server() as server:
        body, console, tables = await cafe_with_tables(
            server.url, [f"Table {i + 1}" for i in range(args.tables)])
        code = body["workshop"]["code"]

        sent: dict[str, float] = {}
        fanout: list[float] = []
        acks: list[float] = []
        received = {"count": 0}

        def on_event(event):
            if event["type"] == "note_posted":
                now = time.perf_counter()
                started = sent.get(event["data"]["id"])
                if started is not None:
                    fanout.append((now - started) * 1000)
                    received["count"] += 1

        screens = []
        for _ in range(args.screens):
            screen = await client(server.url, {"code": code, "role": "screen",
                                               "key": body["screen_key"]})
            screen.on("event", on_event)
            await screen.call("sync", {})
            screens.append(screen)

        phones = []
        for i in range(args.phones):
            joined = http("POST", f"{server.url}/api/workshops/{code}/participants",
                          {"name": f"Phone {i}", "organisation": f"Org {i % 5}"})
            phone = await client(server.url, {"code": code, "role": "participant",
                                              "token": joined["token"]})
            table = tables[i % len(tables)]
            assert (await phone.call("seat_take", {"table": table}))["ok"]
            await phone.call("sync", {})
            me = joined["participant"]["id"]
            phone.on("event", lambda e, me=me: e["data"].get("author") != me and on_event(e))
            phones.append((phone, table))
        per_table = {t: sum(1 for _, tt in phones if tt == t) for t in tables}

        cpu_before = server.cpu_seconds()
        deadline = time.perf_counter() + args.seconds
        posted = {"count": 0, "expected": 0}

        async def post_loop(phone, table):
            await asyncio.sleep(random.uniform(0, args.every))
            n = 0
            while time.perf_counter() < deadline:
                note_id = f"{phone.get_sid()[:8]}-{n:05d}".replace("_", "-")
                n += 1
                started = time.perf_counter()
                sent[note_id] = started
                posted["count"] += 1
                posted["expected"] += per_table[table] - 1 + args.screens
                reply = await phone.call("note_post", {"id": note_id, "table": table,
                                                       "text": f"Idée {n}"}, timeout=10)
                acks.append((time.perf_counter() - started) * 1000)
                assert reply["ok"], reply
                await asyncio.sleep(max(0.0, args.every - (time.perf_counter() - started)))

        await asyncio.gather(*(post_loop(p, t) for p, t in phones))
        await asyncio.sleep(1.0)  # let the last deliveries land
        cpu = server.cpu_seconds() - cpu_before
        for sio in [console, *screens, *(p for p, _ in phones)]:
            await sio.disconnect()

    print(f"{args.phones} phones at {args.tables} tables, {args.screens} screen(s), "
          f"one note per phone every {args.every:g} s for {args.seconds:g} s")
    print(f"notes posted: {posted['count']}  deliveries: {received['count']} of "
          f"{posted['expected']} expected  lost: {posted['expected'] - received['count']}")
    print(summary("fan-out (send -> receiver)", fanout))
    print(summary("ack (send -> stored, ack)", acks))
    print(f"server CPU: {cpu:.2f} s ({cpu / max(posted['count'], 1) * 1000:.2f} ms per note)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=24)
    parser.add_argument("--tables", type=int, default=4)
    parser.add_argument("--screens", type=int, default=1)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between a phone's notes")
    parser.add_argument("--seconds", type=float, default=20.0)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
