"""Load: many phones and screens on one workshop, against the app and a bare relay.

    .venv/bin/python bench/load.py --phones 300 --tables 50 --screens 2 --every 10
    .venv/bin/python bench/load.py --phones 2000 --tables 200 --screens 4 --every 20 --vote
    .venv/bin/python bench/load.py --phones 5000 --tables 500 --processes 4 --every 20
    .venv/bin/python bench/load.py ... --redis-restart     # Redis killed mid-run, then back

Simulated phones (python-socketio AsyncClient, many per worker process) join, sit at
their table and post notes on their own schedules (an open model: a phone never waits
for a reply before its next note). Every delivery's fan-out latency (send -> arrival at
each receiver), every write's ack latency, lost and duplicated deliveries, connect
errors, the servers' CPU and memory, and Redis commands per note are printed; with
--target both, the same load runs against the bare relay and the CPU per delivered
event of the app is given as a ratio of the relay's.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import loadgen
import socketio
from cluster import Cluster, pin
from common import REFERENCE, http, percentile

from server.store import keys


def spread(n: int, parts: int) -> list[range]:
    """Split range(n) into `parts` contiguous slices of nearly equal size."""
    size, extra = divmod(n, parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(range(start, end))
        start = end
    return out


async def console_call(url: str, code: str, key: str, calls: list[tuple[str, dict]]) -> list:
    """Connect as the facilitator's console and make `calls` in order."""
    sio = socketio.AsyncClient()
    await sio.connect(url, auth={"code": code, "role": "console", "key": key},
                      transports=["websocket"], wait_timeout=30)
    replies = []
    for event, data in calls:
        reply = await sio.call(event, data, timeout=60)
        while reply.get("error", {}).get("code") == "rate_limited":  # hundreds of tables
            await asyncio.sleep(0.5)
            reply = await sio.call(event, data, timeout=60)
        assert reply["ok"], (event, reply)
        replies.append(reply)
    await sio.disconnect()
    return replies


def prepare(url: str, tables: int) -> tuple[str, str, str, list[str]]:
    """Create a workshop with its tables, in the café phase; return code, console key,
    screen key, table ids."""
    body = http("POST", url + "/api/workshops", REFERENCE)
    code, key = body["workshop"]["code"], body["console_key"]
    calls = [("phase_set", {"phase": "forum"})]
    calls += [("table_add", {"title": f"Table {i + 1}"}) for i in range(tables)]
    calls += [("phase_set", {"phase": "cafe"})]
    replies = asyncio.run(console_call(url, code, key, calls))
    return code, key, body["screen_key"], [r["table"]["id"] for r in replies if "table" in r]


class Workers:
    """The generator's processes, driven phase by phase."""

    def __init__(self, count: int, config: dict, phones: list[tuple[int, str]], cores: set[int]):
        context = multiprocessing.get_context("spawn")
        self.pipes, self.procs = [], []
        parts = spread(len(phones), count)
        if config.get("flood"):
            parts.append(None)  # a process of its own: its sending must not slow the others
        for part in parts:
            ours, theirs = context.Pipe()
            share = {**config, "phones": [phones[i] for i in part or []],
                     "screens": config["screens"] if not self.procs else 0,
                     "flood": config.get("flood") if part is None else 0,
                     "flood_table": phones[0][1]}
            proc = context.Process(target=loadgen.main, args=(theirs, share), daemon=True)
            proc.start()
            pin(proc.pid, cores)
            self.pipes.append(ours)
            self.procs.append(proc)

    def ask(self, command: str, arg=None, *, timeout: float = 3600) -> list[dict]:
        """Send a command to every worker and gather their replies."""
        for pipe in self.pipes:
            pipe.send((command, arg))
        return self.gather(timeout)

    def gather(self, timeout: float) -> list[dict]:
        replies = []
        for pipe in self.pipes:
            if not pipe.poll(timeout):
                raise RuntimeError("a load worker did not answer")
            replies.append(pipe.recv()[1])
        return replies

    def stop(self) -> None:
        try:
            self.ask("stop", timeout=60)
        finally:
            for proc in self.procs:
                proc.join(timeout=10)
                if proc.is_alive():
                    proc.kill()


def ms(values: list[float]) -> str:
    return (f"p50 {percentile(values, 50):.1f} / p99 {percentile(values, 99):.1f} / "
            f"max {max(values, default=float('nan')):.1f} ms")


def run(args, target: str) -> dict:
    """Run the whole load once against `target` ("app" or "bare"); return its figures."""
    bare = target == "bare"
    env = {}
    if args.no_nodelay:
        env["CAFE_TCP_NODELAY"] = "false"
    if args.no_gc_freeze:
        env["CAFE_GC_FREEZE"] = "false"
    if args.gc_threshold is not None:
        env["CAFE_GC_THRESHOLD"] = args.gc_threshold
    if args.max_connections:
        env["CAFE_MAX_CONNECTIONS"] = str(args.max_connections)
    with Cluster(processes=1 if bare else args.processes, bare=bare, env=env) as cluster:
        generator = {1} if (os.cpu_count() or 1) > 1 and args.processes == 1 else set()
        if generator:
            cluster.pin({0})
        tables = [f"room{i}" for i in range(args.tables)]
        code = key = screen_key = ""
        if not bare:
            code, key, screen_key, tables = prepare(cluster.urls[0], args.tables)
        phones = [(i, tables[i % len(tables)]) for i in range(args.phones)]
        config = {"target": target, "urls": cluster.urls, "code": code, "screen_key": screen_key,
                  "screens": args.screens, "every": args.every, "flood": args.flood}
        started = time.time()
        workers = Workers(args.workers, config, phones, generator or set(range(os.cpu_count())))
        ready = workers.gather(timeout=1800)
        connected_in = time.time() - started
        connect_errors = sum(r["connect_errors"] for r in ready)
        cpu0, commands0 = cluster.cpu(), {} if bare else cluster.redis_commands()
        start = time.time() + 2
        if args.redis_restart and not bare:
            timer = threading.Timer(start - time.time() + args.seconds / 2,
                                    cluster.restart_redis, args=(args.redis_down,))
            timer.start()
        sample = {}
        if not bare:
            watch = threading.Timer(start - time.time() + args.seconds / 4,
                                    lambda: sample.update(cluster.round_trips(2.0)))
            watch.start()
        results = workers.ask("notes", (start, args.seconds, args.drain))
        cpu1, memory = cluster.cpu(), cluster.memory()
        commands1 = {} if bare else cluster.redis_commands()
        figures = tally(results, phones, args)
        if figures["missing"] and not bare:
            stream = cluster.client().xrange(keys.events(code))
            for note, (got, want) in figures["missing"].items():
                found = [(i, e) for i, e in stream if note.encode() in e[b"e"]]
                print(f"  missing: note {note} reached {got} of {want}; in the stream: "
                      f"{[i for i, _ in found]}", flush=True)
        figures.update(target=target, connected_in=connected_in, connect_errors=connect_errors,
                       cpu_app=cpu1["app"] - cpu0["app"], cpu_redis=cpu1["redis"] - cpu0["redis"],
                       memory=memory)
        if not bare:
            figures["commands"] = {k: v - commands0.get(k, 0) for k, v in commands1.items()
                                   if v - commands0.get(k, 0)}
            figures["round_trips"] = sample
            if args.redis_restart:
                figures["converged"] = converged(cluster, code, results, phones)
        if args.vote and not bare:
            asyncio.run(console_call(cluster.urls[0], code, key, [(
                "voting_open", {"budget": 1, "cap": 1, "hidden": False, "reset": True,
                                "at_seat": True})]))
            time.sleep(1)
            before = cluster.cpu()["app"]
            votes = workers.ask("vote", (time.time() + 1, args.drain))
            figures["vote"] = {
                "cpu": cluster.cpu()["app"] - before,
                "acks": [a for r in votes for a in r["acks"]],
                "failed": sum((Counter(r["failed"]) for r in votes), Counter()),
                "last_count": [c for r in votes for c in r["last_count"]],
                "counted": sum(int(v) for v in cluster.client().hvals(keys.note_votes(code))),
            }
        workers.stop()
    return figures


def tally(results: list[dict], phones: list[tuple[int, str]], args) -> dict:
    """Add up the workers' figures: what was expected, received, lost and duplicated."""
    size = Counter(table for _, table in phones)
    received = Counter()
    for r in results:
        received.update(r["received"])
    posted = [p for r in results for p in r["posted"]]
    expected = {note: size[table] - 1 + args.screens for note, table in posted}
    lost = sum(max(0, want - received[note]) for note, want in expected.items())
    missing = {note: (received[note], want) for note, want in expected.items()
               if received[note] < want}
    extra = sum(max(0, received[note] - expected.get(note, 0)) for note in received)
    return {
        "posted": len(posted), "deliveries": sum(received.values()), "missing": missing,
        "expected": sum(expected.values()), "lost": lost, "duplicates": extra,
        "fanout": [f for r in results for f in r["fanout"]],
        "acks": [a for r in results for a in r["acks"]],
        "failed": sum((Counter(r["failed"]) for r in results), Counter()),
        "drops": sum(r["drops"] for r in results),
        "stale": [s for r in results for s in r.get("stale", [])],
        "flood": sum((Counter(r.get("flood", {})) for r in results), Counter()),
    }


def converged(cluster: Cluster, code: str, results: list[dict], phones) -> tuple[int, int]:
    """Count the phones whose notes of their table are exactly those stored in Redis."""
    client = cluster.client()
    truth = {}
    known = {}
    for r in results:
        known.update({int(k): set(v) for k, v in r["known"].items()})
    good = 0
    for index, table in phones:
        if table not in truth:
            truth[table] = {n.decode() for n in client.hkeys(keys.notes(code, table))}
        good += known.get(index) == truth[table]
    return good, len(phones)


def report(f: dict, args) -> None:
    """Print one run's figures."""
    print(f"\n== {f['target']}: {args.phones} phones, {args.tables} tables, {args.screens} "
          f"screens, a note every {args.every:g} s per phone for {args.seconds:g} s, "
          f"{args.processes if f['target'] == 'app' else 1} process(es)")
    print(f"connected in {f['connected_in']:.1f} s, connect errors: {f['connect_errors']}, "
          f"connections dropped during the run: {f['drops']}")
    print(f"notes acknowledged: {f['posted']}   deliveries: {f['deliveries']} of {f['expected']}"
          f"   lost: {f['lost']}   duplicates: {f['duplicates']}   refused: {dict(f['failed'])}")
    if f["stale"]:
        print(f"notes dropped as already seen: {len(f['stale'])}, e.g. {f['stale'][:5]}")
    if f["flood"]:
        print(f"flooder: {args.flood} notes a second from one phone; answers: "
              f"{dict(f['flood'])}")
    print(f"fan-out: {ms(f['fanout'])}")
    print(f"ack:     {ms(f['acks'])}")
    per = f["cpu_app"] / max(f["deliveries"], 1) * 1e6
    print(f"server CPU: {f['cpu_app']:.1f} s app + {f['cpu_redis']:.1f} s Redis "
          f"({per:.0f} µs per delivery); memory {f['memory']['rss']:.0f} MB "
          f"(peak {f['memory']['peak']:.0f} MB)")
    if "commands" in f:
        per_note = {k: round(v / max(f["posted"], 1), 2) for k, v in
                    sorted(f["commands"].items(), key=lambda kv: -kv[1])[:8]}
        print(f"Redis commands per note (inside scripts included): {per_note}")
        sample = dict(f["round_trips"])
        scripts = sample.get("evalsha", 0)
        trips = sample.pop("(round trips)", 0)
        sample.pop("monitor", None)
        if scripts:
            ranked = sorted(sample.items(), key=lambda kv: -kv[1])
            sent = {k: round(v / scripts, 2) for k, v in ranked}
            print(f"per note, sampled over 2 s ({scripts} notes): {trips / scripts:.2f} round "
                  f"trips, sending {sent}")
    if "converged" in f:
        good, total = f["converged"]
        print(f"after the Redis restart: {good} of {total} phones hold exactly the stored notes")
    if "vote" in f:
        v = f["vote"]
        print(f"vote burst: {len(v['acks'])} dots in 1 s, ack {ms(v['acks'])}, refused "
              f"{dict(v['failed'])}; every phone saw the counts within "
              f"{max(v['last_count'], default=float('nan')):.2f} s; dots stored: {v['counted']}; "
              f"server CPU {v['cpu']:.1f} s ({v['cpu'] / max(len(v['acks']), 1) * 1e6:.0f} µs "
              f"per dot)")


def summary(f: dict) -> dict:
    """The figures of a run without the raw samples, for --json."""
    out = {k: v for k, v in f.items() if k not in ("fanout", "acks", "vote", "round_trips")}
    out["fanout_p99"] = percentile(f["fanout"], 99)
    out["ack_p99"] = percentile(f["acks"], 99)
    out["failed"] = dict(f["failed"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--tables", type=int, default=50)
    parser.add_argument("--screens", type=int, default=2)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between notes")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--drain", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=4, help="generator processes")
    parser.add_argument("--processes", type=int, default=1, help="app server processes")
    parser.add_argument("--target", choices=["app", "bare", "both"], default="app")
    parser.add_argument("--vote", action="store_true", help="end with a one-second vote burst")
    parser.add_argument("--redis-restart", action="store_true")
    parser.add_argument("--redis-down", type=float, default=2.0)
    parser.add_argument("--no-nodelay", action="store_true", help="measure without TCP_NODELAY")
    parser.add_argument("--no-gc-freeze", action="store_true", help="measure without gc.freeze")
    parser.add_argument("--gc-threshold", help='the servers\' gc thresholds ("": Python\'s own)')
    parser.add_argument("--max-connections", type=int, help="eventlet's cap (its default: 1024)")
    parser.add_argument("--json", help="also write the figures to this file (for tests)")
    parser.add_argument("--flood", type=int, default=0,
                        help="one more phone sends this many notes a second")
    args = parser.parse_args()
    targets = ["app", "bare"] if args.target == "both" else [args.target]
    runs = [run(args, target) for target in targets]
    for figures in runs:
        report(figures, args)
    if args.json:
        Path(args.json).write_text(json.dumps([summary(f) for f in runs], indent=1))
    if len(runs) == 2:
        app, bare = runs
        ratio = (app["cpu_app"] / max(app["deliveries"], 1)) / max(
            bare["cpu_app"] / max(bare["deliveries"], 1), 1e-12)
        print(f"\nCPU per delivered event, app / bare relay: {ratio:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
