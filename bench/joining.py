"""What a phone joining costs the server, as the workshop has more tables.

    .venv/bin/python bench/joining.py                        # 10, 200, 500, 1000 tables
    .venv/bin/python bench/joining.py --tables 200 --phones 2000

For each number of tables: one `cafe serve` process (pinned to core 0) on its own Redis,
a workshop in the café phase with that many tables (bench/common.py), then
simulated phones (bench/loadgen.py, on the other cores) each join over HTTP, open their
socket, take a seat and sync, as a phone does. The server's CPU time (from /proc, user +
system) over the whole joining, divided by the phones, is the cost of a joining phone;
Redis's CPU is given apart.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cluster import Cluster
from common import workshop_with_tables
from load import Workers


def measure(tables: int, phones: int, workers: int, profile: str | None = None) -> dict:
    """Join `phones` phones to a workshop of `tables` tables; return the figures (with
    `profile`, py-spy records the server meanwhile, raw, to `profile`.<tables>)."""
    with Cluster(processes=1) as cluster:
        several = (os.cpu_count() or 1) > 1
        if several:
            cluster.pin({0})
        body, ids = workshop_with_tables(cluster.urls[0], cluster.redis_url, tables,
                                         capacity=min(500, max(12, -(-phones // tables))))
        code, screen_key = body["workshop"]["code"], body["screen_key"]
        seated = [(i, ids[i % len(ids)]) for i in range(phones)]
        config = {"target": "app", "urls": cluster.urls, "code": code,
                  "screen_key": screen_key, "screens": 0, "every": 1.0, "flood": 0}
        time.sleep(1.0)  # the tables' events have gone through the relay
        before, started = cluster.cpu(), time.time()
        spy = profile and subprocess.Popen(
            [str(Path(sys.executable).with_name("py-spy")), "record", "-p",
             str(cluster.procs[0].pid), "--nonblocking", "-r", "200", "-f", "raw",
             "-o", f"{profile}.{tables}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        crew = Workers(workers, config, seated,
                       set(range(1, os.cpu_count())) if several else {0})
        ready = crew.gather(timeout=1800)
        took, after = time.time() - started, cluster.cpu()
        if spy:
            spy.send_signal(signal.SIGINT)  # py-spy writes what it recorded
            spy.wait()
        crew.stop()
    errors = sum(r["connect_errors"] for r in ready)
    return {"tables": tables, "phones": phones, "connect_errors": errors, "seconds": took,
            "app_ms": (after["app"] - before["app"]) / phones * 1000,
            "redis_ms": (after["redis"] - before["redis"]) / phones * 1000,
            "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, nargs="+", default=[10, 200, 500, 1000])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="generator processes")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--profile", metavar="PATH",
                        help="record the server with py-spy while phones join")
    args = parser.parse_args()
    rows = []
    print(f"{'tables':>7} {'phones':>7} {'errors':>7} {'joined in':>10} "
          f"{'app CPU/phone':>14} {'Redis CPU/phone':>16} {'load':>5}", flush=True)
    for tables in args.tables:
        f = measure(tables, args.phones, args.workers, args.profile)
        rows.append(f)
        print(f"{f['tables']:>7} {f['phones']:>7} {f['connect_errors']:>7} "
              f"{f['seconds']:>8.1f} s {f['app_ms']:>11.2f} ms {f['redis_ms']:>13.2f} ms "
              f"{f['load']:>5.1f}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
