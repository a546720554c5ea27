"""The domain's needs turned into guards of the commit script.

A rule in server/domain says what a change needs (a phase, a seat, a budget…) and the
error to give when it does not hold; here each need becomes the guard that checks it in
Redis, in the same atomic step as the writes.
"""

from ..domain.needs import (
    AtLeast,
    Attended,
    Below,
    CellFree,
    DoorNot,
    ExpectedIs,
    Fewer,
    Final,
    HasTables,
    HostsNoOtherTable,
    InPhase,
    Need,
    NoNotesAt,
    NotCarried,
    NoteExists,
    NoteIsNew,
    NoteIsPublic,
    NotFinal,
    OpenForAmendment,
    ParticipantExists,
    PlanNotShown,
    QuestionExists,
    Reacted,
    SeatedAt,
    SessionAt,
    SessionExists,
    Supports,
    TableExists,
    TopicExists,
    Unlocked,
    WorkshopExists,
)
from . import keys
from .commit import Change


def _counter(code: str, name: str) -> str:
    return {
        "supports_used": keys.supports_used,
        "votes_used": keys.votes_used,
        "dots_on_note": keys.votes,
        "seated": keys.seat_count,
        "made": keys.made,
    }[name](code)


def require(change: Change, need: Need) -> Change:
    """Add the guard that checks `need` to a change."""
    code, error = change.code, need.error
    match need:
        case InPhase(phases=(phase,)):
            change.require("hequals", keys.workshop(code), "phase", phase, error=error)
        case InPhase(phases=phases):
            change.require("hin", keys.workshop(code), "phase", f"|{'|'.join(phases)}|",
                           error=error)
        case Unlocked():
            change.require("hnotequals", keys.workshop(code), "locked", "1", error=error)
        case WorkshopExists():
            change.require("hexists", keys.workshop(code), "phase", error=error)
        case ParticipantExists(participant=pid):
            change.require("hexists", keys.participants(code), pid, error=error)
        case TableExists(table=table):
            change.require("hexists", keys.tables(code), table, error=error)
        case QuestionExists(table=table, question=question):
            change.require("hexists", keys.questions(code, table), question, error=error)
        case NoteExists(table=table, note=note):
            change.require("hexists", keys.notes(code, table), note, error=error)
        case NoteIsPublic(note=note):
            change.require("hmissing", keys.veiled(code), note, error=error)
        case NoteIsNew(table=table, note=note):
            change.require("hmissing", keys.notes(code, table), note, error=error)
        case TopicExists(topic=topic):
            change.require("hexists", keys.topics(code), topic, error=error)
        case NoNotesAt(tables=tables):
            for table in tables:
                change.require("missing", keys.notes(code, table), error=error)
        case SeatedAt(participant=pid, table=table):
            change.require("hequals", keys.seats(code), pid, table, error=error)
        case Supports(participant=pid, topic=topic, yes=yes):
            change.require("hexists" if yes else "hmissing", keys.supports(code),
                           f"{pid}|{topic}", error=error)
        case Reacted(participant=pid, note=note, reaction=reaction, yes=yes):
            change.require("hexists" if yes else "hmissing", keys.reactions(code),
                           f"{pid}|{note}|{reaction}", error=error)
        case NotCarried(participant=pid, round=number):
            change.require("hmissing", keys.carried(code), f"{number}|{pid}", error=error)
        case HostsNoOtherTable(participant=pid, table=None):
            change.require("hmissing", keys.hosts(code), pid, error=error)
        case HostsNoOtherTable(participant=pid, table=table):
            change.require("hfree", keys.hosts(code), pid, table, error=error)
        case HasTables():
            change.require("exists", keys.tables(code), error=error)
        case PlanNotShown():
            change.require("hnotequals", keys.rounds(code), "shown", "1", error=error)
        case SessionExists(session=session):
            change.require("hexists", keys.os_sessions(code), session, error=error)
        case CellFree(space=space, slot=slot):
            change.require("hmissing", keys.os_cells(code), f"{space}|{slot}", error=error)
        case SessionAt(session=session, space=space, slot=slot):
            change.require("hequals", keys.os_cells(code), f"{space}|{slot}", session,
                           error=error)
        case Attended(participant=pid, session=session):
            change.require("hexists", keys.os_visits(code), f"{pid}|{session}", error=error)
        case OpenForAmendment():
            change.require("hequals", keys.openspace(code), "amendment", "open", error=error)
        case Final():
            change.require("hequals", keys.openspace(code), "amendment", "final", error=error)
        case NotFinal():
            change.require("hnotequals", keys.openspace(code), "amendment", "final",
                           error=error)
        case Below(counter=counter, key=key, limit=limit):
            change.require("hbelow", _counter(code, counter), key, limit, error=error)
        case AtLeast(counter=counter, key=key, number=number):
            change.require("hatleast", _counter(code, counter), key, number, error=error)
        case DoorNot(modes=modes):
            for mode in modes:
                change.require("hnotequals", keys.workshop(code), "door", mode, error=error)
        case ExpectedIs(expected=None):
            change.require("hmissing", keys.workshop(code), "expected", error=error)
        case ExpectedIs(expected=expected):
            change.require("hequals", keys.workshop(code), "expected", expected, error=error)
        case Fewer(what=what, limit=limit):
            key = {"participants": keys.participants, "lobby": keys.lobby}[what](code)
            change.require("hlenbelow", key, "", limit, error=error)
        case _:  # pragma: no cover - a need without its guard is a bug
            raise TypeError(f"no guard for {need!r}")
    return change


def require_all(change: Change, needs: list[Need]) -> Change:
    """Add the guards of every need, in order (the first one broken is the one said)."""
    for need in needs:
        require(change, need)
    return change


def count_made(change: Change, fields: list[str]) -> Change:
    """Add one to what was made (the caps' counters), in the same step as the write."""
    for name in fields:
        change.write("HINCRBY", keys.made(change.code), name, 1)
    return change
