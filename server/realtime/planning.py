"""Re-planning the rounds to come from what the store holds now."""

import hashlib

from ..domain.rounds import Rounds
from ..domain.seating import Option, Person, Request, Seat, plan
from ..domain.seating import replan as compare_plans
from ..domain.seating.metrics import repeat_lower_bound, score
from .handlers import Ctx


def _seed(code: str) -> int:
    return int(hashlib.sha256(code.encode()).hexdigest()[:8], 16)


def replan(ctx: Ctx, rounds: Rounds, raw: str, *,
           pins: dict[tuple[int, str], str] | None = None, keep: bool = True,
           resync: bool = False) -> str:
    """Plan the rounds not started yet and store the plan with `rounds`; return the
    rounds' new stored form. With `keep`, people stay where the previous plan put them
    wherever that still holds (a seat moves only to save a repeat or a colleague), and a
    fresh plan is made to compare: when it is better, its figures go with the plan
    (`fresh`) for the console to offer. `resync`: the phones call sync again (the plan
    is shown to them now)."""
    code = ctx.code
    tables = ctx.store.tables.all(code)
    people = [p for p in ctx.store.participants.all(code) if p.present]
    first = rounds.planning_from
    if not tables or not people or first > rounds.count:
        return ctx.store.rounds.save(code, raw, rounds, plan={}, first=first, pins=pins,
                                     resync=resync)
    stored = ctx.store.rounds.plan(code, rounds.count)
    history = {n: s for n, s in stored.items() if n < first}
    pins = ctx.store.rounds.pins(code) if pins is None else pins
    pins = {(n, pid): tid for (n, pid), tid in pins.items() if n >= first}
    present = {p.id for p in people}
    pins = {k: v for k, v in pins.items() if k[1] in present}
    request = Request(
        people=[Person(p.id, p.organisation) for p in people],
        tables=[Seat(t.id, t.host if t.host in present else None, t.capacity) for t in tables],
        rounds=rounds.count, first=first, history=history, pins=pins,
        previous={n: s for n, s in stored.items() if n >= first} if keep else None,
        seed=_seed(code), tick=lambda: ctx.sleep(0),
    )
    alternative: Option | None = None
    if request.previous:
        # Keep what people were told, but weigh it against a fresh plan: the console
        # offers the fresh one when it is better. A kept plan that sends someone back to
        # a table gives way at once when the fresh one does not: the rule comes first.
        options = compare_plans(request)
        chosen, alternative = options.kept, options.fresh
        if alternative and alternative.returns < chosen.returns:
            chosen, alternative = alternative, None
        if alternative and alternative.rank() >= chosen.rank():
            alternative = None
        result = chosen.plan
    else:
        result = plan(request)
    whole = {**history, **result}
    # Figures of those present, as the fresh plan's are: who left no longer counts.
    here = {**{n: {pid: t for pid, t in s.items() if pid in present}
               for n, s in history.items()}, **result}
    figures = score(here, request.people, request.tables)
    rows = {p.id: {str(n): s[p.id] for n, s in whole.items() if p.id in s} for p in people}
    return ctx.store.rounds.save(
        code, raw, rounds, plan=result, first=first, rows=rows, pins=pins,
        score={"repeats": figures.repeats, "colleagues": figures.colleagues,
               "repeats_bound": repeat_lower_bound(here, request.tables),
               "returns": figures.revisits},
        fresh=alternative and {"repeats": alternative.repeats,
                               "colleagues": alternative.colleagues,
                               "returns": alternative.returns, "moved": alternative.moved},
        resync=resync,
    )
