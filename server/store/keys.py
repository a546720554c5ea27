"""Every Redis key and channel the application uses, in one place.

A workshop's keys and its channel share the hash tag ``{CODE}`` so that, on a Redis
Cluster, they live on one slot: a Lua script may touch all of them and publish on the
channel (a shard channel there).
"""

import zlib

PREFIX = "cafe"
# The index of workshops (sorted sets: code -> creation time) is cut into buckets, each
# under a hash tag of its own: on a cluster they spread over the masters, and no single
# key holds, or is written for, every workshop.
BUCKETS = 16
INDEXES = [f"{PREFIX}:workshops:{{i{n:02d}}}" for n in range(BUCKETS)]
LEGACY_INDEX = f"{PREFIX}:workshops"  # the one index of earlier versions (Store.upgrade)
PROCESSES = f"{PREFIX}:processes"  # sorted set: server process id -> when it last said so
# Sorted set: code -> when its running round ends. Kept beside each commit, not inside it
# (a workshop's script touches its own keys only): the timekeeper checks every entry
# against the round's state, and rebuilds the set from the workshops now and then.
ROUNDS_DUE = f"{PREFIX}:rounds_due"


def _w(code: str, thing: str) -> str:
    return f"{PREFIX}:{{{code}}}:{thing}"


def index(code: str) -> str:
    """The bucket of the index of workshops that holds `code`."""
    return INDEXES[zlib.crc32(code.encode()) % BUCKETS]


def channel(code: str) -> str:
    """Pub/sub channel of one workshop: its events and notices, for the processes that
    serve it (a shard channel on a cluster, in the workshop's slot)."""
    return _w(code, "bus")


def code_of(channel_name: str) -> str:
    """The workshop a channel belongs to."""
    return channel_name.partition("{")[2].partition("}")[0]


def fence(code: str) -> str:
    """A write made after a commit so that WAIT covers it (CAFE_REDIS_WAIT_REPLICAS)."""
    return _w(code, "fence")


def workshop(code: str) -> str:
    """Hash of a workshop: its details (JSON), phase, console key digest."""
    return _w(code, "workshop")


def participants(code: str) -> str:
    """Hash: participant id -> participant JSON."""
    return _w(code, "participants")


def devices(code: str) -> str:
    """Hash: device token digest -> participant id."""
    return _w(code, "devices")


def seq(code: str) -> str:
    """Counter: the workshop's last event sequence number."""
    return _w(code, "seq")


def events(code: str) -> str:
    """Stream of the workshop's recent events, entry id ``<seq>-0``."""
    return _w(code, "events")


def pattern(code: str) -> str:
    """Glob matching every key of one workshop."""
    return _w(code, "*")


def ops(code: str) -> str:
    """Hash: client operation id -> the result acknowledged (a retry gets it back)."""
    return _w(code, "ops")


def topics(code: str) -> str:
    """Hash: topic id -> topic JSON."""
    return _w(code, "topics")


def topic_support(code: str) -> str:
    """Hash: topic id -> number of supporters."""
    return _w(code, "topic_support")


def supports(code: str) -> str:
    """Hash: "<participant id>|<topic id>" -> "1" for each support given."""
    return _w(code, "supports")


def supports_used(code: str) -> str:
    """Hash: participant id -> number of topics they support."""
    return _w(code, "supports_used")


def tables(code: str) -> str:
    """Hash: table id -> table JSON."""
    return _w(code, "tables")


def seats(code: str) -> str:
    """Hash: participant id -> id of the table where they sit now."""
    return _w(code, "seats")


def hosts(code: str) -> str:
    """Hash: participant id -> the table they host (so one person hosts one table)."""
    return _w(code, "hosts")


def seat_count(code: str) -> str:
    """Hash: table id -> number of people seated there now."""
    return _w(code, "seat_count")


def questions(code: str, table: str) -> str:
    """Hash: question id -> sub-question JSON, for one table."""
    return _w(code, f"questions:{table}")


def notes(code: str, table: str) -> str:
    """Hash: note id -> note JSON (author included), for one table."""
    return _w(code, f"notes:{table}")


def veiled(code: str) -> str:
    """Hash: note id -> its visibility, for every note not public (private, pending,
    hidden): a dot or a reaction on it is refused, and snapshots leave it out."""
    return _w(code, "veiled")


def written(code: str) -> str:
    """Hash: table id -> how many of its notes are written alone, not revealed yet."""
    return _w(code, "written")


def reactions(code: str) -> str:
    """Hash: "<participant>|<note>|<reaction>" -> "1" for each reaction given."""
    return _w(code, "reactions")


def reaction_counts(code: str, table: str) -> str:
    """Hash: "<note>|<reaction>" -> how many gave that reaction to that note, per table
    (a phone's snapshot reads only its own tables')."""
    return _w(code, f"reaction_counts:{table}")


def carried(code: str) -> str:
    """Hash: "<round>|<participant>" -> the note they carried to their next table."""
    return _w(code, "carried")


def online(code: str) -> str:
    """Hash: "<server process>|<participant>" -> their connections to that process now."""
    return _w(code, "online")


def statuses(code: str) -> str:
    """Hash: participant id -> their status in the round under way ({done, hand})."""
    return _w(code, "statuses")


def rounds(code: str) -> str:
    """Hash: "state" -> the rounds' settings and clock (JSON); "shown" -> "1" once the plan
    is shown to everyone (a copy of the state's `shown`, for the guards of the commit)."""
    return _w(code, "rounds")


def plan(code: str, number: int) -> str:
    """Hash: participant id -> table id, the seating of one round (planned or played)."""
    return _w(code, f"plan:{number}")


def pins(code: str) -> str:
    """Hash: "<round>|<participant id>" -> table id, where the facilitator put someone."""
    return _w(code, "pins")


def voting(code: str) -> str:
    """Hash: "state" -> the vote's settings (JSON); "total" -> dots given in all."""
    return _w(code, "voting")


def votes(code: str) -> str:
    """Hash: "<participant id>|<note id>" -> dots that participant put on that note."""
    return _w(code, "votes")


def votes_used(code: str) -> str:
    """Hash: participant id -> dots they have given."""
    return _w(code, "votes_used")


def note_votes(code: str) -> str:
    """Hash: note id -> dots on it."""
    return _w(code, "note_votes")


def synthesis(code: str) -> str:
    """Hash: item key (idea:…, answer:…, summary:…, step:…) -> item JSON."""
    return _w(code, "synthesis")


def openspace(code: str) -> str:
    """Hash of a forum ouvert: layout (spaces and slots, JSON), slot_now, amendment."""
    return _w(code, "openspace")


def os_sessions(code: str) -> str:
    """Hash: session id -> the forum ouvert's session (JSON); each is also a table."""
    return _w(code, "os_sessions")


def os_cells(code: str) -> str:
    """Hash: "<space>|<slot>" -> the session held there (one per cell)."""
    return _w(code, "os_cells")


def os_visits(code: str) -> str:
    """Hash: "<participant>|<session>" -> 1, for each session someone checked into."""
    return _w(code, "os_visits")


def os_reports(code: str) -> str:
    """Hash: session id -> its report (JSON)."""
    return _w(code, "os_reports")


def os_comments(code: str) -> str:
    """Hash: comment id -> a comment on a report during the amendment window (JSON)."""
    return _w(code, "os_comments")


def made(code: str) -> str:
    """Hash: "<participant or *>|<kind>" -> how many of that kind they (everyone) made."""
    return _w(code, "made")


def lobby(code: str) -> str:
    """Hash: lobby entry id -> someone waiting at the door (JSON)."""
    return _w(code, "lobby")


def lobby_devices(code: str) -> str:
    """Hash: device token digest -> the lobby entry it waits as ("-" once refused)."""
    return _w(code, "lobby_devices")


def device_ids(code: str) -> str:
    """Hash: digest of a browser's device cookie -> the participant it joined as (a
    second join from that browser continues as them)."""
    return _w(code, "device_ids")


def sources(code: str) -> str:
    """Hash: participant id -> a short tag of the address they joined from (never the
    address): the vote's review flags one address's dots."""
    return _w(code, "sources")


def salt() -> str:
    """String: the server's secret salt for tags of addresses, made once, shared by every
    process."""
    return f"{PREFIX}:salt"


def joins(address: str) -> str:
    """Hash: the token bucket of joins from one address ({tokens, at})."""
    return f"{PREFIX}:joins:{address}"


def creations(address: str) -> str:
    """Sorted set: the times an address created a workshop lately."""
    return f"{PREFIX}:creations:{address}"


def guesses(address: str) -> str:
    """Sorted set: the times an address asked for a join code that does not exist."""
    return f"{PREFIX}:guesses:{address}"
