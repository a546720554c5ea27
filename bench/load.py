"""Load: many phones and screens on one workshop, against the app and a bare relay.

    .venv/bin/python bench/load.py --phones 300 --tables 50 --screens 2 --every 10
    .venv/bin/python bench/load.py --phones 2000 --tables 200 --screens 4 --every 20 --vote
    .venv/bin/python bench/load.py --phones 5000 --tables 500 --processes 4 --every 20
    .venv/bin/python bench/load.py ... --redis-restart     # Redis killed mid-run, then back
    .venv/bin/python bench/load.py ... --reconnect-storm   # every phone's socket cut at once

Simulated phones (python-socketio AsyncClient, many per worker process) join, sit at
their table and post notes on their own schedules (an open model: a phone never waits
for a reply before its next note). Every delivery's fan-out latency (send -> arrival at
each receiver), every write's ack latency, lost and duplicated deliveries, connect
errors, the servers' CPU and memory, and Redis commands per note are printed; with
--target both, the same load runs against the bare relay and the CPU per delivered
event of the app is given as a ratio of the relay's.

--vote ends with a one-second burst in which every phone gives a dot at its table; each
phone's counts are then checked against Redis. --reconnect-storm cuts the sockets of
every phone but one in ten (--storm-keep) halfway through the notes; they reconnect
within a second and catch up, and the time until each is in sync again, replays versus
snapshots, and the notes between the phones that stayed are reported.
"""

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import loadgen
import socketio
from cluster import Cluster, pin
from common import percentile, workshop_with_tables

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


def prepare(cluster: Cluster, tables: int) -> tuple[str, str, str, list[str]]:
    """Create a workshop with its tables, in the café phase; return code, console key,
    screen key, table ids."""
    body, ids = workshop_with_tables(cluster.urls[0], cluster.redis_url, tables)
    return body["workshop"]["code"], body["console_key"], body["screen_key"], ids


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
            code, key, screen_key, tables = prepare(cluster, args.tables)
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
        storm = None
        if args.reconnect_storm and not bare:
            storm = (start + args.seconds / 2, args.storm_keep)
        spies: list = []
        if storm and args.profile_storm:  # from the cut on, the load before left out
            threading.Timer(storm[0] - time.time(), lambda: spies.extend(
                profile(cluster, args.profile_storm, time.time(), 10.0))).start()
        timeline = Sampler(cluster)
        results = workers.ask("notes", (start, args.seconds, args.drain, storm))
        timeline.stop()
        for spy in spies:
            spy.wait()
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
            if storm:
                figures["storm"] = stormed(results, storm[0], timeline, start)
        if args.vote and not bare:
            asyncio.run(console_call(cluster.urls[0], code, key, [(
                "voting_open", {"budget": 1, "cap": 1, "hidden": False, "reset": True,
                                "at_seat": True})]))
            time.sleep(4)  # every phone's resync for the vote's opening is done
            idle = cluster.cpu()["app"]
            time.sleep(1)
            before = cluster.cpu()["app"]
            idle = before - idle  # CPU seconds a second costs with nothing voted
            at = time.time() + 1
            spies = profile(cluster, args.profile_vote, at, 2.0)
            votes = workers.ask("vote", (at, args.drain))
            for spy in spies:
                spy.wait()
            used = cluster.cpu()["app"] - before
            figures["vote"] = {
                "cpu": used, "cpu_idle": idle * (time.time() - at + 1),
                "acks": [a for r in votes for a in r["acks"]],
                "failed": sum((Counter(r["failed"]) for r in votes), Counter()),
                "last_count": [c for r in votes for c in r["last_count"]],
                "counted": sum(int(v) for v in cluster.client().hvals(keys.note_votes(code))),
                **counts_right(cluster, code, votes),
            }
        workers.stop()
        figures["server_errors"] = cluster.errors()
    return figures


def profile(cluster: Cluster, path: str | None, at: float, seconds: float) -> list:
    """With a path, record the app processes' stacks with py-spy (raw, one file per
    process: `path`.<n>) from now until `seconds` after `at` (idle stacks are left out,
    so the wait before the burst hardly shows); return the recorders to wait for."""
    if not path:
        return []
    spy = Path(sys.executable).with_name("py-spy")
    span = max(1, round(at - time.time() + seconds))
    return [subprocess.Popen([str(spy), "record", "-p", str(proc.pid), "--nonblocking",
                              "-d", str(span), "-r", "200", "-f", "raw",
                              "-o", f"{path}.{n}"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for n, proc in enumerate(cluster.procs)]


class Sampler:
    """The servers' CPU time, sampled every 0.2 s in a thread until stopped."""

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.samples: list[tuple[float, float, float]] = []  # (time, app, redis)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            with contextlib.suppress(OSError):  # Redis restarted under --redis-restart
                cpu = self.cluster.cpu()
                self.samples.append((time.time(), cpu["app"], cpu["redis"]))
            self._done.wait(0.2)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def at(self, moment: float) -> tuple[float, float]:
        """The (app, redis) CPU seconds used up to the last sample before `moment`."""
        before = [s for s in self.samples if s[0] <= moment] or self.samples[:1]
        return before[-1][1], before[-1][2]


def stormed(results: list[dict], cut: float, timeline: Sampler, start: float) -> dict:
    """The reconnection storm's figures: how soon every cut phone was in sync again, by
    replay or by snapshot, and what it cost the servers beyond the load before it."""
    rows = [row for r in results for row in r["storm"]]
    back = [b - c for _, c, b, kind in rows if kind != "never"]
    kinds = Counter(kind for *_, kind in rows)
    end = max((b for _, _, b, kind in rows if kind != "never"), default=cut) + 1.0
    app0, redis0 = timeline.at(start)
    app1, redis1 = timeline.at(cut)
    app2, redis2 = timeline.at(end)
    rate = (app1 - app0) / max(cut - start, 1e-9), (redis1 - redis0) / max(cut - start, 1e-9)
    extra_app = (app2 - app1) - rate[0] * (end - cut)
    extra_redis = (redis2 - redis1) - rate[1] * (end - cut)
    return {
        "cut": len(rows), "back": len(back), "replays": kinds["replay"],
        "snapshots": kinds["snapshot"], "never": kinds["never"],
        "in_sync": back, "calm": [f for r in results for f in r["calm"]],
        "sync_errors": sum((Counter(r["sync_errors"]) for r in results), Counter()),
        "cpu_app": extra_app, "cpu_redis": extra_redis, "span": end - cut,
    }


def counts_right(cluster: Cluster, code: str, votes: list[dict]) -> dict:
    """Check every phone's counts against Redis: how many hold exactly the dots stored on
    their table's notes, and when the last count reached a phone after the last dot."""
    client = cluster.client()
    truth = {k.decode(): int(v) for k, v in client.hgetall(keys.note_votes(code)).items()}
    notes: dict[str, set[str]] = {}
    right = total = 0
    last = 0.0
    for r in votes:
        for table, counts, at in r["counts"].values():
            if table not in notes:
                notes[table] = {n.decode() for n in client.hkeys(keys.notes(code, table))}
            want = {n: truth[n] for n in notes[table] if truth.get(n)}
            have = {n: c for n, c in counts.items() if c and n in notes[table]}
            right += have == want
            total += 1
            last = max(last, at)
    acked = max((r["acked_at"] for r in votes), default=0.0)
    return {"right": right, "phones": total, "counts_after": last - acked}


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
    if f.get("server_errors"):
        print(f"the servers logged {f['server_errors']} errors (tracebacks): see their logs")
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
    if "storm" in f:
        s = f["storm"]
        print(f"reconnection storm: {s['cut']} phones cut at once, {s['back']} in sync again "
              f"({s['replays']} by replay, {s['snapshots']} by snapshot, {s['never']} never; "
              f"sync errors {dict(s['sync_errors'])}); back in sync after "
              f"p50 {percentile(s['in_sync'], 50):.2f} / p99 {percentile(s['in_sync'], 99):.2f} "
              f"/ max {max(s['in_sync'], default=float('nan')):.2f} s")
        print(f"  notes between phones that stayed, in the {loadgen.STORM_SPAN:g} s after the "
              f"cut: {len(s['calm'])} deliveries, fan-out {ms(s['calm'])}")
        print(f"  server CPU beyond the load before the cut, over {s['span']:.1f} s: "
              f"{s['cpu_app']:.2f} s app + {s['cpu_redis']:.2f} s Redis "
              f"({s['cpu_app'] / max(s['cut'], 1) * 1000:.2f} ms app per reconnecting phone)")
    if "vote" in f:
        v = f["vote"]
        dots = max(len(v["acks"]), 1)
        print(f"vote burst: {len(v['acks'])} dots in 1 s, ack {ms(v['acks'])}, refused "
              f"{dict(v['failed'])}; dots stored: {v['counted']}")
        print(f"  counts right on {v['right']} of {v['phones']} phones; the last count reached "
              f"a phone {v['counts_after']:.2f} s after the last dot's ack")
        print(f"  server CPU {v['cpu']:.2f} s ({v['cpu'] / dots * 1e6:.0f} µs per dot; less the "
              f"{v['cpu_idle']:.2f} s an idle server used meanwhile: "
              f"{(v['cpu'] - v['cpu_idle']) / dots * 1e6:.0f} µs per dot)")


def summary(f: dict) -> dict:
    """The figures of a run without the raw samples, for --json."""
    out = {k: v for k, v in f.items()
           if k not in ("fanout", "acks", "vote", "round_trips", "storm")}
    if "storm" in f:
        storm = f["storm"]
        out["storm"] = {**{k: v for k, v in storm.items() if k not in ("in_sync", "calm")},
                        "in_sync_max": max(storm["in_sync"], default=None),
                        "calm_p99": percentile(storm["calm"], 99),
                        "sync_errors": dict(storm["sync_errors"])}
    if "vote" in f:
        vote = f["vote"]
        out["vote"] = {**{k: v for k, v in vote.items() if k not in ("acks", "last_count")},
                       "dots": len(vote["acks"]), "ack_p99": percentile(vote["acks"], 99),
                       "failed": dict(vote["failed"])}
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
    parser.add_argument("--profile-storm", metavar="PATH",
                        help="record the reconnection storm's first 10 s with py-spy")
    parser.add_argument("--profile-vote", metavar="PATH",
                        help="record the vote burst with py-spy (pip install py-spy)")
    parser.add_argument("--reconnect-storm", action="store_true",
                        help="cut every phone's socket at once mid-run; they reconnect")
    parser.add_argument("--storm-keep", type=float, default=0.1,
                        help="share of the phones that stay connected through the storm")
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
