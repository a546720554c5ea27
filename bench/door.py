"""The door's pace: how many newcomers from one address wait, for real rooms and for a script.

Runs the join bucket (server/store/lua/bucket.lua, the script every process shares) on a
real Redis with a simulated clock, against arrival curves of a room behind one venue NAT,
and a script with the projected code. Prints, per case, how many came straight in, how
many waited at the door, and when the last newcomer of the room got in.

    .venv/bin/python bench/door.py [--rate 2/100]
"""

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from server.cli.embedded import EmbeddedRedis, free_port  # noqa: E402
from server.domain.door import JOIN_RATE  # noqa: E402
from server.domain.ratelimit import parse_rate  # noqa: E402
from server.store.commit import load_script  # noqa: E402


def room(people: int, seconds: float, front: float, seed: int) -> list[float]:
    """Arrival times (s) of a room scanning the projected code: a share `front` within the
    first tenth of the time (the code goes up, everyone reaches for their phone), the
    rest spread over the remaining time."""
    rng = random.Random(seed)
    early = int(people * front)
    times = [rng.uniform(0, seconds / 10) for _ in range(early)]
    times += [rng.uniform(seconds / 10, seconds) for _ in range(people - early)]
    return sorted(times)


def script(per_second: float, seconds: float) -> list[float]:
    """Arrival times of a script joining at a steady rate."""
    return [i / per_second for i in range(int(per_second * seconds))]


CASES = {
    "room of 300 over 2 min, a quarter in the first 12 s": room(300, 120, 0.25, 1),
    "room of 300 over 2 min, half in the first 12 s": room(300, 120, 0.5, 2),
    "room of 300 over 1 min, half in the first 6 s": room(300, 60, 0.5, 3),
    "room of 60 all at once (within 10 s)": room(60, 10, 1.0, 4),
    "script: 1,000 at 345 a second (the prank measured)": script(345, 2.9),
    "script: 30 a minute for 10 minutes": script(0.5, 600),
}


def run(bucket, rate: float, size: float, arrivals: list[float],
        key: str) -> tuple[int, int, int]:
    """Take a token for each arrival at its time: (in, held, busiest second's arrivals)."""
    came_in = held = 0
    per_second: dict[int, int] = {}
    for at in arrivals:
        per_second[int(at)] = per_second.get(int(at), 0) + 1
        if bucket(keys=[key], args=[int(at * 1000), rate, size]):
            came_in += 1
        else:
            held += 1
    return came_in, held, max(per_second.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", default=JOIN_RATE, help="joins per second / at once")
    args = parser.parse_args()
    rate, size = parse_rate(args.rate)
    with tempfile.TemporaryDirectory() as folder:
        server = EmbeddedRedis(Path(folder), port=free_port())
        server.start()
        try:
            client = redis.Redis.from_url(server.url, decode_responses=True)
            bucket = load_script(client, "bucket")
            print(f"join pace per address: {rate:g} a second, {size:g} at once")
            print(f"{'case':<52} {'joins':>6} {'peak/s':>7} {'in':>6} {'held':>6}")
            for index, (name, arrivals) in enumerate(CASES.items()):
                came_in, held, peak = run(bucket, rate, size, arrivals, f"bench:door:{index}")
                print(f"{name:<52} {len(arrivals):>6} {peak:>7} {came_in:>6} {held:>6}")
            client.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
