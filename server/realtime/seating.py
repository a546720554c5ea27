"""Tables and seats: hosts, capacities, who sits where."""

from ..domain.errors import N_, DomainError, bad_request
from ..domain.tables import clean_table_changes
from ..domain.text import clean_line
from .handlers import ROLES, Ctx, Handlers

handlers = Handlers("seating")
CONSOLE = ("console",)


def _id(data: dict, name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise bad_request(N_("Say which %(name)s."), name=name)
    return value


@handlers.on("table_add", roles=CONSOLE)
def table_add(ctx: Ctx, data: dict) -> dict:
    """Add a table by its title, without a forum topic behind it."""
    title = clean_line(data.get("title"), field="title", max_len=120)
    return {"table": ctx.store.tables.add(ctx.code, title).to_dict()}


@handlers.on("table_update", roles=CONSOLE)
def table_update(ctx: Ctx, data: dict) -> dict:
    """Change a table's title, capacity or host (who is then seated there)."""
    changes = clean_table_changes({k: v for k, v in data.items() if k != "table"})
    table = _id(data, "table")
    if changes.get("host") and any(t.host == changes["host"] and t.id != table
                                   for t in ctx.store.tables.all(ctx.code)):
        raise DomainError("host_elsewhere", N_("This person already hosts another table."),
                          field="host")
    return {"table": ctx.store.tables.update(ctx.code, table, changes).to_dict()}


@handlers.on("host_volunteer", roles=("participant",))
def host_volunteer(ctx: Ctx, data: dict) -> dict:
    """Offer to host a table that has no host yet."""
    table = ctx.store.tables.require(ctx.code, _id(data, "table"))
    if table.host and table.host != ctx.caller.pid:
        raise DomainError("conflict", N_("This table already has a host."))
    updated = ctx.store.tables.update(ctx.code, table.id, {"host": ctx.caller.pid})
    return {"table": updated.to_dict()}


@handlers.on("seat_take", roles=("participant",), idempotent=True)
def seat_take(ctx: Ctx, data: dict) -> dict:
    """Sit down at a table (or stand up with "table": null)."""
    table = data.get("table")
    if table is not None and not isinstance(table, str):
        raise bad_request(N_("Say which table."))
    for hosted in ctx.store.tables.all(ctx.code):
        if hosted.host == ctx.caller.pid and hosted.id != table:
            raise DomainError("host_stays", N_("A host stays at their table."))
    if ctx.store.rounds.plan(ctx.code, 1):
        raise DomainError("planned", N_("The rounds' plan gives you your table."))
    return ctx.store.tables.seat(ctx.code, ctx.caller.pid, table, op=ctx.op)


@handlers.on("seat_set", roles=CONSOLE)
def seat_set(ctx: Ctx, data: dict) -> dict:
    """Seat a participant at a table, or at none."""
    table = data.get("table")
    if table is not None and not isinstance(table, str):
        raise bad_request(N_("Say which table."))
    return ctx.store.tables.seat(ctx.code, _id(data, "participant"), table)


@handlers.on("tables_seated", roles=ROLES)
def tables_seated(ctx: Ctx, data: dict) -> dict:
    """Say how many people sit at each table: asked by phones choosing where to sit."""
    return {"seated": ctx.store.seated(ctx.code)}
