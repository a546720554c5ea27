"""The planner's entry points: check a request, plan the rounds, seat a latecomer."""

from collections import Counter

from ..errors import N_, DomainError
from ..rounds import MAX_ROUNDS
from .model import Person, Plan, Request, Seat
from .replan import Options, alternatives


def check(request: Request) -> None:
    """Refuse a request no plan can satisfy, saying why."""
    if not request.tables:
        raise DomainError("no_tables", N_("There is no table to seat anyone at."))
    if not 1 <= request.rounds <= MAX_ROUNDS:
        raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                          field="rounds", low=1, high=MAX_ROUNDS)
    hosts = [t.host for t in request.tables if t.host]
    if len(hosts) != len(set(hosts)):
        raise DomainError("invalid", N_("One person hosts two tables."), field="host")
    seats = sum(t.capacity for t in request.tables)
    if seats < len({p.id for p in request.people}):
        raise DomainError(
            "capacity", N_("The tables seat %(seats)d people but %(people)d are present."),
            seats=seats, people=len(request.people))
    host_table = {t.host: t.id for t in request.tables if t.host}
    capacity = {t.id: t.capacity for t in request.tables}
    for (_, pid), tid in request.pins.items():
        if tid not in capacity:
            raise DomainError("not_found", N_("This table does not exist."))
        if host_table.get(pid, tid) != tid:
            raise DomainError("host_stays", N_("A host stays at their table."))
    host_of_table = {tid: pid for pid, tid in host_table.items()}
    for (number, tid), count in Counter((n, t) for (n, _), t in request.pins.items()).items():
        host = host_of_table.get(tid)
        if count + (host is not None and (number, host) not in request.pins) > capacity[tid]:
            raise DomainError("table_full", N_("This table is full."))


def plan(request: Request) -> Plan:
    """Return the seating of every present person in rounds first..rounds.

    With a previous plan, people keep the tables they were told where the rules allow,
    unless that sends someone back to a table and a fresh plan does not.
    """
    check(request)
    return alternatives(request, compare=False).best().plan


def replan(request: Request) -> Options:
    """Return a re-plan keeping the previous plan where it holds, and a fresh plan of the
    rounds to come when it might be better, each with its figures."""
    check(request)
    return alternatives(request)


def seat_latecomer(person: Person, tables: list[Seat], seating: dict[str, str],
                   organisations: dict[str, str]) -> str:
    """Return the table for someone arriving mid-round: the least full, fewest colleagues."""
    count = Counter(seating.values())
    org = person.organisation.casefold().strip()
    colleagues = Counter(tid for pid, tid in seating.items()
                         if org and organisations.get(pid, "").casefold().strip() == org)
    open_tables = [t for t in tables if count[t.id] < t.capacity]
    if not open_tables:
        raise DomainError("table_full", N_("Every table is full."))
    return min(open_tables, key=lambda t: (count[t.id], colleagues[t.id], t.id)).id
