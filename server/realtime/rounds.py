"""Rounds of the café: set them, run the clock, move people, mark who has left."""

from ..domain import rounds as clock
from ..domain.seating import Person, Seat, seat_latecomer
from .handlers import Ctx, Handlers
from .planning import replan

handlers = Handlers("rounds")
CONSOLE = ("console",)


@handlers.on("rounds_configure", roles=CONSOLE)
def rounds_configure(ctx: Ctx, data: dict) -> dict:
    """Set the number of rounds and their length; the rounds to come are planned."""
    rounds, raw = ctx.store.rounds.read(ctx.code)
    updated = clock.configure(rounds, data)
    clock.check_tables(ctx.store.tables.ids(ctx.code))
    replan(ctx, updated, raw)
    return {"rounds": updated.to_dict()}


@handlers.on("seating_show", roles=CONSOLE)
def seating_show(ctx: Ctx, data: dict) -> dict:
    """Show everyone where to go: the plan (made now if there is none) reaches every phone
    and the screen, which show "go to table N" until the round starts."""
    clock.check_cafe(ctx.store.workshops.require(ctx.code).phase)
    rounds, raw = ctx.store.rounds.read(ctx.code)
    shown = clock.show(rounds)
    clock.check_tables(ctx.store.tables.ids(ctx.code))
    replan(ctx, shown, raw, resync=not rounds.shown)  # with whoever is here now
    return {"rounds": shown.to_dict()}


@handlers.on("round_start", roles=CONSOLE)
def round_start(ctx: Ctx, data: dict) -> dict:
    """Start the next round: everyone moves to the table the plan gives them, as they were
    shown (the rule refuses a round whose seating was not shown first)."""
    clock.check_cafe(ctx.store.workshops.require(ctx.code).phase)
    rounds, raw = ctx.store.rounds.read(ctx.code)
    started = clock.start(rounds, ctx.now)  # refuses a round started twice, before anything
    raw = replan(ctx, rounds, raw)  # arrivals and departures since the last plan
    seating = ctx.store.rounds.plan(ctx.code, started.current).get(started.current, {})
    everyone = [p.id for p in ctx.store.participants.all(ctx.code)]
    ctx.store.rounds.start(ctx.code, raw, started, seating, everyone)
    writing, _ = ctx.store.board.writing(ctx.code)
    if writing.private:  # each round writes alone anew: every table unrevealed again
        ctx.store.board.set_writing(ctx.code, True)
    return {"rounds": started.to_dict()}


def _clock(ctx: Ctx, change) -> dict:
    rounds, raw = ctx.store.rounds.read(ctx.code)
    updated = change(rounds)
    ctx.store.rounds.save(ctx.code, raw, updated)
    return {"rounds": updated.to_dict()}


@handlers.on("round_pause", roles=CONSOLE)
def round_pause(ctx: Ctx, data: dict) -> dict:
    """Stop the clock."""
    return _clock(ctx, lambda r: clock.pause(r, ctx.now))


@handlers.on("round_resume", roles=CONSOLE)
def round_resume(ctx: Ctx, data: dict) -> dict:
    """Start the clock again."""
    return _clock(ctx, lambda r: clock.resume(r, ctx.now))


@handlers.on("round_extend", roles=CONSOLE)
def round_extend(ctx: Ctx, data: dict) -> dict:
    """Give the round more minutes (or fewer, with a negative number)."""
    return _clock(ctx, lambda r: clock.extend(r, data.get("minutes"), ctx.now))


@handlers.on("round_end", roles=CONSOLE)
def round_end(ctx: Ctx, data: dict) -> dict:
    """End the round; the next one is planned again with whoever is there."""
    return {"rounds": end_round(ctx).to_dict()}


def end_round(ctx: Ctx):
    """End the round under way (the console, or everyone done); plan the rest again."""
    rounds, raw = ctx.store.rounds.read(ctx.code)
    ended = clock.end(rounds)
    replan(ctx, ended, raw)
    return ended


@handlers.on("plan_refresh", roles=CONSOLE)
def plan_refresh(ctx: Ctx, data: dict) -> dict:
    """Plan the rounds to come again from scratch (the best plan for who is here now)."""
    rounds, raw = ctx.store.rounds.read(ctx.code)
    replan(ctx, rounds, raw, keep=False)
    return {"rounds": rounds.to_dict()}


@handlers.on("plan_move", roles=CONSOLE)
def plan_move(ctx: Ctx, data: dict) -> dict:
    """Put someone at a table for a round: now if it is under way, else in the plan."""
    rounds, raw = ctx.store.rounds.read(ctx.code)
    pid, number, table_id, live = clock.hand_move(data, rounds, ctx.store.tables.hosts(ctx.code))
    table = None if table_id is None else ctx.store.tables.require(ctx.code, table_id)
    ctx.store.participants.require(ctx.code, pid)
    if live:
        ctx.store.rounds.move_now(ctx.code, number, pid, table)
    pins = ctx.store.rounds.pins(ctx.code)
    if not live:
        pins.pop((number, pid), None)
        if table is not None:
            pins[(number, pid)] = table.id
    replan(ctx, rounds, raw, pins=pins)
    return {}


@handlers.on("presence_set", roles=CONSOLE)
def presence_set(ctx: Ctx, data: dict) -> dict:
    """Mark someone as gone (or back): the rounds to come are planned without them."""
    pid, present = data.get("participant"), clock.check_presence(data)
    participant = ctx.store.participants.update(ctx.code, pid, present=present)
    rounds, raw = ctx.store.rounds.read(ctx.code)
    seat = ctx.store.tables.seat_of(ctx.code, pid)
    if not present and seat and clock.under_way(rounds):
        ctx.store.rounds.move_now(ctx.code, rounds.current, pid, None)
    if rounds.count and ctx.store.rounds.plan(ctx.code, rounds.count):
        replan(ctx, rounds, raw)
    return {"participant": participant.to_dict()}


def place(ctx: Ctx, pid: str, table) -> None:
    """Seat someone at a table now, as the console's hand move does: through the plan
    when the rounds are planned (now if a round is under way, else for the next one), so
    that the planner seats them like anyone afterwards."""
    rounds, raw = ctx.store.rounds.read(ctx.code)
    if not (rounds.count and ctx.store.rounds.plan(ctx.code, rounds.count)) or (
            not clock.under_way(rounds) and rounds.current >= rounds.count):
        ctx.store.tables.seat(ctx.code, pid, table.id, by_console=True)
        return
    pins = ctx.store.rounds.pins(ctx.code)
    if clock.under_way(rounds):
        ctx.store.rounds.move_now(ctx.code, rounds.current, pid, table)
    else:
        pins[(rounds.current + 1, pid)] = table.id
    replan(ctx, rounds, raw, pins=pins)


def seat_if_late(ctx: Ctx, rounds, seat: str | None) -> bool:
    """Give a seat, in the round under way, to a participant who arrives without one
    (`rounds` and `seat`: as a sync read them with the rest of their state); return
    whether they got one."""
    if not clock.under_way(rounds) or not ctx.caller.pid or seat:
        return False
    me = ctx.store.participants.get(ctx.code, ctx.caller.pid)
    if me is None or not me.present:
        return False
    tables = ctx.store.tables.all(ctx.code)
    seating = ctx.store.tables.seats(ctx.code)
    people = {p.id: p.organisation for p in ctx.store.participants.all(ctx.code)}
    table = seat_latecomer(Person(me.id, me.organisation),
                           [Seat(t.id, t.host, t.capacity) for t in tables], seating, people)
    ctx.store.rounds.move_now(ctx.code, rounds.current, me.id,
                              next(t for t in tables if t.id == table))
    return True
