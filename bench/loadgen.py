"""The load generator's worker: one process, many simulated phones and screens.

Each worker runs its clients on one asyncio loop and talks to the conductor
(bench/load.py) through a pipe: it connects everyone and says "ready", runs the note
phase from the agreed wall-clock time, then the optional vote burst, and sends back raw
figures (latencies, counts), which the conductor adds up across workers.

Two targets speak two protocols: the app (`cafe serve`), and the bare relay
(bench/bare_relay.py), which only joins a room and re-emits, the floor to compare with.
Latency is measured across processes with the wall clock: the send time rides in the
note's text.
"""

import asyncio
import contextlib
import gc
import random
import time
from collections import Counter, defaultdict

import aiohttp
import socketio

CONNECT_AT_ONCE = 40  # connections opened in parallel by one worker
STORM_SPAN = 5.0  # seconds after a reconnection storm whose notes are followed apart


class Phone:
    """A simulated participant: seated at a table, posting notes, seeing its table's.

    A screen is one too, with no table: it sees every table's notes."""

    def __init__(self, index: int, url: str, table: str | None):
        self.index = index
        self.url = url
        self.table = table
        self.sio = socketio.AsyncClient(reconnection=True, reconnection_delay=0.5,
                                        reconnection_delay_max=2)
        self.pid = ""
        self.seqs: dict[str, int] = {}
        self.notes: set[str] = set()  # ids of the notes of its table it knows of
        self.last_count_at = 0.0
        self.counted = True  # its deliveries count (not a flooder's)
        self.auth: dict = {}
        self.counts: dict[str, int] = {}  # dots per note, as the tallies said
        self.cut_at = 0.0  # when the reconnection storm cut its socket (0: not cut)
        self.back: tuple[float, str] | None = None  # in sync again: when, by replay or snapshot
        self.calls: set[asyncio.Future] = set()  # calls waiting for their answer


class Worker:
    """Runs one worker's share of the load and collects its figures."""

    def __init__(self, config: dict):
        self.config = config
        self.bare = config["target"] == "bare"
        self.fanout: list[float] = []
        self.acks: list[float] = []
        self.failed_acks = Counter()
        self.received = Counter()  # note id -> deliveries to this worker's clients
        self.posted: list[tuple[str, str]] = []  # (note id, table) acknowledged
        self.connect_errors = 0
        self.drops = 0  # connections lost during the run (each one reconnects and catches up)
        self.window = (0.0, 0.0)
        self.flood_answers = Counter()  # what a flooding phone was answered, by code
        self.stale: list[tuple[int, int]] = []  # notes dropped as already seen (seq, had)
        self.sync_errors = Counter()  # catching up that failed, by error code
        self.stay = 0  # the storm cuts every phone but one in `stay` (0: all of them)
        self.storm_at = 0.0
        self.calm: list[float] = []  # fan-out of notes between phones that stayed, in the storm
        self.acked_at = 0.0  # when the last dot of the burst was acknowledged
        self.deadline = float("inf")  # a note not acknowledged by then is given up

    # --- receiving ---------------------------------------------------------------------

    def on_note(self, receiver: Phone | None, data: dict) -> None:
        """Record a note's arrival: latency from the time written in its text."""
        now = time.time()
        text = data.get("text", "")
        if not text.startswith("t="):
            return
        sent = float(text[2:].split(" ", 1)[0])
        if receiver is not None:
            if not receiver.counted:
                return
            if data["id"] in receiver.notes:
                return  # had it already (live, then in a replay): one delivery
            receiver.notes.add(data["id"])
        if self.window[0] <= sent < self.window[1]:
            self.fanout.append((now - sent) * 1000)
            self.received[data["id"]] += 1
            if self.storm_at and self.storm_at <= sent < self.storm_at + STORM_SPAN and (
                    receiver is None or not self.cuts(receiver.index)) and (
                    not self.cuts(int(data["id"][1:6]))):
                self.calm.append((now - sent) * 1000)

    def listen(self, sio: socketio.AsyncClient, receiver: Phone | None) -> None:
        """Wire a client's handlers: notes, vote counts, catching up after a resync."""

        async def on_event(event):
            kind = event.get("type")
            if receiver is not None and event.get("seq") is not None:
                if event["seq"] <= receiver.seqs.get(event["scope"], -1):
                    if kind == "note_posted":
                        self.stale.append((event["seq"], receiver.seqs.get(event["scope"])))
                    return  # already had it (a replay crossed it): dropped, as a page does
                receiver.seqs[event["scope"]] = event["seq"]
            if kind == "note_posted" and (receiver is None or
                                          event["data"].get("author") != receiver.pid):
                self.on_note(receiver, event["data"])
            elif kind in ("votes_changed", "votes_tally") and receiver is not None:
                receiver.last_count_at = time.time()
                data = event["data"]
                if kind == "votes_changed":
                    receiver.counts[data["note"]] = data["votes"]
                else:
                    receiver.counts.update(data)

        async def on_resync(_=None):
            if receiver is not None:
                await self.catch_up(receiver)

        def on_disconnect(*_):
            self.drops += 1
            if receiver is not None:  # their answers will never come: sent again, as a page does
                for call in receiver.calls:
                    call.cancel()

        sio.on("event", on_event)
        sio.on("resync", on_resync)
        sio.on("disconnect", on_disconnect)
        if receiver is not None:
            sio.on("connect", lambda: asyncio.ensure_future(self.catch_up(receiver)))

    async def catch_up(self, phone: Phone) -> None:
        """Ask for what was missed since the last sequence numbers, as a page does."""
        if self.bare or not phone.seqs:
            return
        since = dict(phone.seqs)
        try:
            reply = await phone.sio.call("sync", {"since": since}, timeout=20)
        except Exception:
            self.sync_errors["timeout"] += 1
            return
        if not reply.get("ok"):
            self.sync_errors[reply.get("error", {}).get("code", "?")] += 1
            return
        # Live events that came while waiting may be newer than the replayed ones (a page
        # holds them back until the reply is applied); the replay is checked against what
        # was asked for, and a note counted once per receiver whichever way it came.
        for event in reply.get("events", []):
            if event["seq"] <= since.get(event["scope"], -1):
                continue
            if event["type"] == "note_posted":
                if event["data"].get("author") != phone.pid:
                    self.on_note(phone, event["data"])  # late, but delivered: counted as such
                phone.notes.add(event["data"]["id"])
            phone.seqs[event["scope"]] = max(phone.seqs.get(event["scope"], 0), event["seq"])
        if "snapshot" in reply:
            phone.notes.update(n["id"] for n in reply["snapshot"]["notes"]
                               if phone.table is None or n["table"] == phone.table)
        for scope in reply.get("scopes", []):
            if "head" in reply:
                phone.seqs[scope] = max(phone.seqs.get(scope, 0), reply["head"])
        if phone.cut_at and phone.back is None:
            phone.back = (time.time(), "snapshot" if "snapshot" in reply else "replay")

    # --- connecting ----------------------------------------------------------------------

    async def connect_phone(self, phone: Phone, http: aiohttp.ClientSession) -> bool:
        config = self.config
        try:
            if self.bare:
                auth = {"room": phone.table}
            else:
                async with http.post(f"{phone.url}/api/workshops/{config['code']}/participants",
                                     json={"name": f"Phone {phone.index}",
                                           "organisation": f"Org {phone.index % 7}"}) as r:
                    joined = await r.json()
                phone.pid = joined["participant"]["id"]
                auth = {"code": config["code"], "role": "participant", "token": joined["token"]}
            phone.auth = auth
            self.listen(phone.sio, phone)
            await phone.sio.connect(phone.url, auth=auth, transports=["websocket"],
                                    wait_timeout=30)
            if self.bare:
                phone.pid = phone.sio.get_sid("/")
            else:
                seated = await phone.sio.call("seat_take", {"table": phone.table}, timeout=30)
                assert seated["ok"], seated
                reply = await phone.sio.call("sync", {}, timeout=60)
                phone.seqs = dict.fromkeys(reply["scopes"], reply["snapshot"]["head"])
            return True
        except Exception:
            self.connect_errors += 1
            return False

    async def connect_screen(self, index: int, url: str) -> socketio.AsyncClient | None:
        screen = Phone(index, url, None)
        sio = screen.sio
        auth = {"room": "*"} if self.bare else {"code": self.config["code"], "role": "screen",
                                                 "key": self.config["screen_key"]}
        self.listen(sio, screen)
        try:
            await sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=30)
            if not self.bare:
                reply = await sio.call("sync", {}, timeout=60)
                screen.seqs = dict.fromkeys(reply["scopes"], reply["snapshot"]["head"])
            return sio
        except Exception:
            self.connect_errors += 1
            return None

    # --- writing -------------------------------------------------------------------------

    async def post_notes(self, phone: Phone, start: float, seconds: float) -> None:
        """Post on the phone's own schedule (open model: never wait for the reply)."""
        every = self.config["every"]
        at = start + random.uniform(0, every)
        n = 0
        pending = []
        while at < start + seconds:
            await asyncio.sleep(max(0.0, at - time.time()))
            n += 1
            note_id = f"b{phone.index:05d}x{n:05d}"
            pending.append(asyncio.ensure_future(self.post_one(phone, note_id)))
            at += every
        await asyncio.gather(*pending)

    async def post_one(self, phone: Phone, note_id: str) -> None:
        """Send one note; retry it with the same id until acknowledged, as the outbox does."""
        first = time.time()
        # Sent again as it was, as the outbox does: the stored text holds the first time.
        payload = {"id": note_id, "table": phone.table, "text": f"t={first:.6f} idée"}
        while True:
            if time.time() > self.deadline:  # a phone that never came back: given up
                self.failed_acks["given_up"] += 1
                return
            sent = time.time()
            call = asyncio.ensure_future(phone.sio.call("note_post", payload, timeout=10))
            phone.calls.add(call)
            try:
                reply = await call
            except asyncio.CancelledError:
                reply = {"ok": False, "error": {"code": "cut"}}
            except Exception:
                reply = {"ok": False, "error": {"code": "timeout"}}
            finally:
                phone.calls.discard(call)
            if reply.get("ok"):
                self.acks.append((time.time() - sent) * 1000)
                if self.window[0] <= first < self.window[1]:  # what receivers will count
                    self.posted.append((note_id, phone.table))
                phone.notes.add(note_id)
                return
            self.failed_acks[reply.get("error", {}).get("code", "?")] += 1
            await asyncio.sleep(0.5)

    async def flood(self, phone: Phone, rate: int, start: float, seconds: float) -> None:
        """Send `rate` notes a second from one phone without waiting, as an attack would."""

        def answered(reply):
            ok = reply.get("ok")
            self.flood_answers["ok" if ok else reply.get("error", {}).get("code", "?")] += 1

        await asyncio.sleep(max(0.0, start - time.time()))
        sent, tried = 0, 0.0
        while time.time() < start + seconds:
            if not phone.sio.connected and time.time() - tried > 0.5:  # an attacker comes back
                tried = time.time()
                with contextlib.suppress(Exception):
                    await phone.sio.connect(phone.url, auth=phone.auth, transports=["websocket"],
                                            wait_timeout=5)
            due = int((time.time() - start) * rate)
            for _ in range(due - sent):
                sent += 1
                try:
                    await phone.sio.emit("note_post", {"id": f"flood{sent:07d}",
                                                       "table": phone.table, "text": "flood"},
                                         callback=answered)
                except Exception:
                    self.flood_answers["not connected"] += 1
            await asyncio.sleep(0.005)
        self.flood_answers["sent"] = sent

    async def vote(self, phone: Phone, at: float) -> None:
        """Give one dot to a note of the phone's table at a random moment of the burst."""
        await asyncio.sleep(max(0.0, at - time.time()))
        choices = sorted(phone.notes)
        if not choices:
            return
        sent = time.time()
        try:
            reply = await phone.sio.call("vote", {"table": phone.table,
                                                  "note": random.choice(choices), "delta": 1,
                                                  "op": f"v{phone.index:07d}"}, timeout=30)
        except Exception:  # its socket died (a saturated machine): counted, not fatal
            reply = {"ok": False, "error": {"code": "timeout"}}
        if reply.get("ok"):
            self.acked_at = max(self.acked_at, time.time())
            self.acks.append((time.time() - sent) * 1000)
        else:
            self.failed_acks[reply.get("error", {}).get("code", "?")] += 1


    async def storm(self, phones: list[Phone], at: float, keep: float) -> None:
        """At `at`, cut the sockets of all phones but a share `keep` of them, at once, as a
        venue's Wi-Fi dropping would; each reconnects by itself within a second and
        catches up (the screens stay)."""
        await asyncio.sleep(max(0.0, at - time.time()))
        self.stay = max(1, round(1 / keep)) if keep > 0 else 0
        cut = [p for p in phones if self.cuts(p.index)]
        for phone in cut:
            phone.cut_at = time.time()
        await asyncio.gather(*(self._cut(p) for p in cut), return_exceptions=True)

    def cuts(self, index: int) -> bool:
        """Whether the storm cuts this phone (every phone but one in `stay`)."""
        return not self.stay or index % self.stay != 0

    async def _cut(self, phone: Phone) -> None:
        ws = phone.sio.eio.ws
        if ws is not None:
            await ws.close()  # the transport goes; Socket.IO's client reconnects by itself


async def work(conn, config: dict) -> None:
    """A worker's life: connect, report ready, run the phases the conductor calls."""
    worker = Worker(config)
    urls = config["urls"]
    phones = [Phone(i, urls[i % len(urls)], table) for i, table in config["phones"]]
    gate = asyncio.Semaphore(CONNECT_AT_ONCE)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:

        async def guarded(phone):
            async with gate:
                return await worker.connect_phone(phone, http)

        screens = [s for s in await asyncio.gather(
            *(worker.connect_screen(-1 - i, urls[i % len(urls)])
              for i in range(config["screens"])))
            if s is not None]
        await asyncio.gather(*(guarded(p) for p in phones))
    flooder = None
    if config.get("flood") and not worker.bare:
        flooder = Phone(-100, urls[0], config["flood_table"])
        flooder.counted = False
        flooder.sio.on("connect", lambda: worker.flood_answers.update(["connected"]))
        async with aiohttp.ClientSession() as http:
            await worker.connect_phone(flooder, http)
    conn.send(("ready", {"connect_errors": worker.connect_errors}))
    loop = asyncio.get_running_loop()
    while True:
        command, arg = await loop.run_in_executor(None, conn.recv)
        if command == "notes":
            start, seconds, drain, storm = arg
            worker.window = (start, start + seconds)
            worker.deadline = start + seconds + drain
            flooding = [worker.flood(flooder, config["flood"], start, seconds)] if flooder else []
            storming = []
            if storm:
                worker.storm_at = storm[0]
                storming = [worker.storm(phones, *storm)]
            await asyncio.gather(*(worker.post_notes(p, start, seconds) for p in phones),
                                 *flooding, *storming)
            await asyncio.sleep(max(0.0, start + seconds + drain - time.time()))
            conn.send(("notes", {
                "fanout": worker.fanout, "acks": worker.acks, "failed": dict(worker.failed_acks),
                "received": dict(worker.received), "posted": worker.posted,
                "known": {p.index: sorted(p.notes) for p in phones}, "drops": worker.drops,
                "flood": dict(worker.flood_answers), "stale": worker.stale,
                "storm": [(p.index, p.cut_at, *(p.back or (0.0, "never"))) for p in phones
                          if p.cut_at],
                "calm": worker.calm, "sync_errors": dict(worker.sync_errors),
            }))
            worker.fanout, worker.acks, worker.failed_acks = [], [], Counter()
        elif command == "vote":
            start, drain = arg
            await asyncio.gather(*(worker.vote(p, start + random.uniform(0, 1)) for p in phones))
            await asyncio.sleep(max(0.0, start + 1 + drain - time.time()))
            seen = [p.last_count_at - start for p in phones if p.last_count_at]
            conn.send(("vote", {"acks": worker.acks, "failed": dict(worker.failed_acks),
                                "last_count": seen, "acked_at": worker.acked_at,
                                "counts": {p.index: (p.table, p.counts, p.last_count_at)
                                           for p in phones}}))
        elif command == "stop":
            break
    await asyncio.gather(*(p.sio.disconnect() for p in phones), *(s.disconnect() for s in screens),
                         return_exceptions=True)
    conn.send(("stopped", None))


def main(conn, config: dict) -> None:
    """Process entry point."""
    # The generator's own collections would show as latency: tuned like the server's.
    gc.freeze()
    gc.set_threshold(10_000, 20, 100)
    asyncio.run(work(conn, config))


def group_by_table(phones: list[tuple[int, str]]) -> dict[str, int]:
    """Return how many phones sit at each table."""
    sizes = defaultdict(int)
    for _, table in phones:
        sizes[table] += 1
    return sizes
