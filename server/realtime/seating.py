"""Tables and seats: hosts, capacities, who sits where."""

from ..domain.tables import clean_table_changes, clean_table_title, table_choice
from .handlers import ROLES, Ctx, Handlers

handlers = Handlers("seating")
CONSOLE = ("console",)


@handlers.on("table_add", roles=CONSOLE)
def table_add(ctx: Ctx, data: dict) -> dict:
    """Add a table by its title, without a forum topic behind it."""
    return {"table": ctx.store.tables.add(ctx.code, clean_table_title(data)).to_dict()}


@handlers.on("table_update", roles=CONSOLE)
def table_update(ctx: Ctx, data: dict) -> dict:
    """Change a table's title, capacity or host (who is then seated there)."""
    changes = clean_table_changes({k: v for k, v in data.items() if k != "table"})
    table = ctx.store.tables.update(ctx.code, data.get("table"), changes)
    return {"table": table.to_dict()}


@handlers.on("host_volunteer", roles=("participant",))
def host_volunteer(ctx: Ctx, data: dict) -> dict:
    """Offer to host a table that has no host yet."""
    table = ctx.store.tables.volunteer(ctx.code, data.get("table"), ctx.caller.pid)
    return {"table": table.to_dict()}


@handlers.on("seat_take", roles=("participant",), idempotent=True, retried_in_commit=True)
def seat_take(ctx: Ctx, data: dict) -> dict:
    """Sit down at a table (or stand up with "table": null)."""
    return ctx.store.tables.seat(ctx.code, ctx.caller.pid, table_choice(data), op=ctx.op)


@handlers.on("seat_set", roles=CONSOLE)
def seat_set(ctx: Ctx, data: dict) -> dict:
    """Seat a participant at a table, or at none."""
    return ctx.store.tables.seat(ctx.code, data.get("participant"), table_choice(data),
                                 by_console=True)


@handlers.on("tables_seated", roles=ROLES)
def tables_seated(ctx: Ctx, data: dict) -> dict:
    """Say how many people sit at each table: asked by phones choosing where to sit."""
    return {"seated": ctx.store.tables.seated(ctx.code)}
