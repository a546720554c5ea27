"""The server's CPU per dot in a vote burst, measured apart from everything else.

    .venv/bin/python bench/vote_burst.py                      # 200 phones, 5 dots each
    .venv/bin/python bench/vote_burst.py --phones 400 --dots 5 --profile /tmp/vote

One `cafe serve` process on its own Redis; phones (python-socketio AsyncClient, in this
process) join one by one, sit at their table (10 a table) and sync; the vote opens with
a budget of `--dots`. Then every phone sends its dots as fast as its acks come back, all
phones at once. The server's CPU time (from /proc, user + system) over the burst and the
second after it (the tallies), less what the same span cost the idle server just before,
divided by the dots, is the CPU per dot: on a machine shared with other work, that is
the figure that transfers, not the latency. Each phone's dots are then checked against
Redis.
"""

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import socketio
from cluster import Cluster
from common import percentile, workshop_with_tables

from server.store import keys


async def seat(url: str, code: str, table: str, http: aiohttp.ClientSession):
    """Join over HTTP, connect, take a seat and sync, as a phone does."""
    async with http.post(f"{url}/api/workshops/{code}/participants",
                         json={"name": "Votant"}) as response:
        token = (await response.json())["token"]
    sio = socketio.AsyncClient(reconnection=False)
    await sio.connect(url, auth={"code": code, "role": "participant", "token": token},
                      transports=["websocket"], wait_timeout=30)
    assert (await sio.call("seat_take", {"table": table}, timeout=30))["ok"]
    await sio.call("sync", {}, timeout=30)
    return sio


async def burst(args, cluster: Cluster) -> dict:
    """Seat the phones, open the vote, send every dot at once; return the figures."""
    url = cluster.urls[0]
    body, tables = workshop_with_tables(url, cluster.redis_url, max(1, args.phones // 10))
    code = body["workshop"]["code"]
    console = socketio.AsyncClient(reconnection=False)
    await console.connect(url, auth={"code": code, "role": "console",
                                     "key": body["console_key"]}, transports=["websocket"])
    phones = []
    async with aiohttp.ClientSession() as http:
        for i in range(args.phones):
            phones.append((await seat(url, code, tables[i % len(tables)], http),
                           tables[i % len(tables)]))
    notes = {}
    for sio, table in phones[:len(tables)]:
        reply = await sio.call("note_post", {"id": f"note{table}", "table": table,
                                             "text": "Idée"}, timeout=30)
        notes[table] = reply["note"]["id"]
    assert (await console.call("voting_open", {"budget": args.dots, "cap": args.dots,
                                               "at_seat": True, "reset": True}))["ok"]
    await asyncio.sleep(2.0)  # the resyncs the vote's opening asks for are done
    acks, refused = [], {}

    async def dots(j: int, sio, table: str) -> None:
        for k in range(args.dots):
            sent = time.time()
            reply = await sio.call("vote", {"table": table, "note": notes[table], "delta": 1,
                                            "op": f"dot{j:06d}x{k:03d}"}, timeout=60)
            if reply["ok"]:
                acks.append((time.time() - sent) * 1000)
            else:
                code_ = reply["error"]["code"]
                refused[code_] = refused.get(code_, 0) + 1

    idle0 = cluster.cpu()
    await asyncio.sleep(1.0)
    idle1 = cluster.cpu()
    spy = None
    if args.profile:
        spy = subprocess.Popen(
            [str(Path(sys.executable).with_name("py-spy")), "record", "-p",
             str(cluster.procs[0].pid), "--nonblocking", "-r", "200", "-f", "raw",
             "-o", args.profile], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await asyncio.sleep(1.0)
    started, before = time.time(), cluster.cpu()
    await asyncio.gather(*(dots(j, sio, t) for j, (sio, t) in enumerate(phones)))
    took = time.time() - started
    await asyncio.sleep(1.0)  # the last tallies
    after = cluster.cpu()
    if spy:
        spy.send_signal(signal.SIGINT)
        spy.wait()
    span = took + 1.0
    idle = {k: (idle1[k] - idle0[k]) * span for k in ("app", "redis")}
    stored = cluster.client().hgetall(keys.votes_used(code))
    for sio, _ in phones:
        await sio.disconnect()
    await console.disconnect()
    n = max(len(acks), 1)
    return {
        "phones": args.phones, "dots": len(acks), "refused": refused, "seconds": took,
        "ack_p50": percentile(acks, 50), "ack_p99": percentile(acks, 99),
        "app_ms_per_dot": (after["app"] - before["app"] - idle["app"]) / n * 1000,
        "redis_ms_per_dot": (after["redis"] - before["redis"] - idle["redis"]) / n * 1000,
        "idle_app_share": idle1["app"] - idle0["app"],
        "stored_right": sum(int(v) == args.dots for v in stored.values()),
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--dots", type=int, default=5, help="dots per phone (its budget)")
    parser.add_argument("--profile", metavar="PATH", help="record the burst with py-spy")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    with Cluster(processes=1) as cluster:
        f = asyncio.run(burst(args, cluster))
    print(f"{f['dots']} dots from {f['phones']} phones in {f['seconds']:.2f} s, refused "
          f"{f['refused']}; ack p50 {f['ack_p50']:.0f} / p99 {f['ack_p99']:.0f} ms; "
          f"server CPU per dot {f['app_ms_per_dot']:.2f} ms app + "
          f"{f['redis_ms_per_dot']:.2f} ms Redis (idle server: {f['idle_app_share']:.2f} "
          f"CPU-s per s, taken off); {f['stored_right']} of {f['phones']} phones hold "
          f"exactly their dots in Redis; load average {f['load']:.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(f, indent=1))


if __name__ == "__main__":
    main()
