"""A channel per workshop: what each process reads from Redis follows what it serves.

100 workshops of 50 phones over 4 `cafe serve` processes on one Redis. Each workshop's
phones connect to one process (half of the workshops) or are split over two (the other
half). Then every workshop gets the same writes (people joining, seen by its staff
scope). Each process says, when it stops, how many pub/sub messages it read; the
benchmark compares that with what its workshops published and with the total. Before
the channel per workshop, every process read every message (one channel for all): the
total, whatever it served.

    .venv/bin/python bench/channels.py [--workshops 100 --phones 50 --processes 4]
"""

import argparse
import asyncio
import json
import re
import time

import aiohttp
import socketio
from cluster import Cluster
from common import REFERENCE, http

from server.store import keys

CONNECT_AT_ONCE = 50


class PatientCluster(Cluster):
    """Cluster, waiting up to two minutes for each process (a loaded machine)."""

    def _wait(self, url: str) -> None:
        deadline = time.monotonic() + 120
        while True:
            try:
                if http("GET", url + "/healthz")["ok"]:
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


async def _join(session, url: str, code: str, name: str) -> str:
    for attempt in range(5):  # a loaded machine drops a connection now and then
        try:
            async with session.post(f"{url}/api/workshops/{code}/participants",
                                    json={"name": name}) as response:
                body = await response.json()
                return body["token"]
        except aiohttp.ClientError:
            await asyncio.sleep(1 + attempt)
    raise RuntimeError(f"could not join {code} at {url}")


async def _connect(url: str, auth: dict, gate: asyncio.Semaphore) -> socketio.AsyncClient:
    async with gate:
        for attempt in range(5):  # a loaded machine drops a connection now and then
            sio = socketio.AsyncClient(reconnection=False)
            try:
                await sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=30)
                return sio
            except socketio.exceptions.ConnectionError:
                await asyncio.sleep(1 + attempt)
        raise RuntimeError(f"could not connect to {url}")


def _served(index: int, processes: int) -> list[int]:
    """The processes a workshop's phones connect to: one, or two for every other one."""
    first = index % processes
    return [first] if index % 2 == 0 else [first, (first + 1) % processes]


async def _run(urls: list[str], workshops: int, phones: int, writes: int) -> dict:
    codes = [http("POST", urls[0] + "/api/workshops", REFERENCE)["workshop"]["code"]
             for _ in range(workshops)]
    gate = asyncio.Semaphore(CONNECT_AT_ONCE)
    connector = aiohttp.TCPConnector(limit=CONNECT_AT_ONCE)
    async with aiohttp.ClientSession(connector=connector) as session:
        tokens = await asyncio.gather(*(
            _join(session, urls[n % len(urls)], code, f"P{n}")
            for code in codes for n in range(phones)))
        started = time.monotonic()
        sockets = []
        for w, code in enumerate(codes):
            where = _served(w, len(urls))
            for n in range(phones):
                auth = {"code": code, "role": "participant", "token": tokens[w * phones + n]}
                sockets.append(_connect(urls[where[n % len(where)]], auth, gate))
        sockets = await asyncio.gather(*sockets)
        connected = time.monotonic() - started
        await asyncio.sleep(1)
        await asyncio.gather(*(  # the measured writes: the same number per workshop
            _join(session, urls[w % len(urls)], code, f"Late {n}")
            for w, code in enumerate(codes) for n in range(writes)))
        await asyncio.sleep(2)  # let the relays read everything
        await asyncio.gather(*(s.disconnect() for s in sockets))
    return {"codes": codes, "connected_s": round(connected, 1)}


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workshops", type=int, default=100)
    parser.add_argument("--phones", type=int, default=50, help="per workshop")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--writes", type=int, default=10, help="joins per workshop, measured")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    # Every simulated phone comes from 127.0.0.1: lift the cap of connections per address.
    env = {"CAFE_SOCKET_RATE": "1000/1000", "CAFE_PERSON_RATE": "1000/1000",
           "CAFE_MAX_CONNECTIONS_PER_ADDRESS": "100000"}
    with PatientCluster(processes=args.processes, env=env) as cluster:
        run = asyncio.run(_run(cluster.urls, args.workshops, args.phones, args.writes))
        client = cluster.client()
        heads = {code: int(client.get(keys.seq(code)) or 0) for code in run["codes"]}
        logs = [cluster.data / f"{url.rsplit(':', 1)[1]}.log" for url in cluster.urls]
    # Every event published after the phones joined: the measured writes (and their
    # notices). Before this change each process read all of them.
    joined_before = args.phones
    published = {code: head - joined_before for code, head in heads.items()}
    total = sum(published.values())
    figures = {"workshops": args.workshops, "phones": args.workshops * args.phones,
               "processes": args.processes, "connected_s": run["connected_s"],
               "published_measured": total, "per_process": []}
    for p, log in enumerate(logs):
        text = log.read_text(errors="replace")
        found = re.findall(r"relay: (\d+) messages read", text)
        served = [code for w, code in enumerate(run["codes"]) if p in _served(w, args.processes)]
        figures["per_process"].append({
            "workshops_served": len(served),
            "published_by_them": sum(published[c] for c in served),
            "read": int(found[-1]) if found else None,
            "read_before_this_change": total,
        })
    print(json.dumps(figures, indent=2))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out)


if __name__ == "__main__":
    main()
