"""What CAFE_REDIS_WAIT_REPLICAS costs a write: commit times with and without WAIT.

On a local Redis Cluster of three masters with a replica each (tests/rediscluster.py),
people join one workshop (a commit each: the script, and with WAIT a fence write and
WAIT on the same connection), alternating between a store that waits for one replica and
one that does not, so that both see the same machine load.

    .venv/bin/python bench/wait_cost.py [--writes 500]
"""

import argparse
import json
import statistics
import time

from common import REFERENCE

from server.domain import secrets
from server.domain.workshop import clean_details
from server.store import connect
from tests.rediscluster import LocalCluster


def main() -> None:
    """Time the commits both ways and print the percentiles as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=500, help="commits per way")
    args = parser.parse_args()
    with LocalCluster(replicas=1) as cluster:
        stores = {0: connect(cluster.url), 1: connect(cluster.url, wait_replicas=1)}
        code = stores[0].workshops.create(clean_details(REFERENCE), "0" * 64, 1.0).code
        times: dict[int, list[float]] = {0: [], 1: []}
        for i in range(args.writes * 2):
            wait = i % 2
            details = {"name": f"P{i}", "organisation": "", "language": "fr"}
            started = time.perf_counter()
            stores[wait].participants.join(code, details, secrets.new_secret(), time.time())
            times[wait].append((time.perf_counter() - started) * 1000)
        for store in stores.values():
            store.close()
    figures = {f"wait_{w}": {"p50_ms": round(statistics.median(t), 2),
                             "p95_ms": round(statistics.quantiles(t, n=20)[18], 2),
                             "p99_ms": round(statistics.quantiles(t, n=100)[98], 2)}
               for w, t in times.items()}
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
