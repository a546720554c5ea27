"""The law of two feet: one checks into a session by its space's code (or on the phone),
moving elsewhere checks one out; bumblebees, who go through several sessions of a slot,
are counted, never penalised."""

from ..errors import N_, DomainError, bad_request
from ..needs import InPhase, Need, ParticipantExists, TableExists
from ..participant import unknown_participant
from .layout import Layout
from .sessions import Session, cell, unknown_session


def sessions_running() -> DomainError:
    """Build the error for a check-in outside the sessions."""
    return DomainError("wrong_phase", N_("People check into sessions while they run."))


def checking_in(pid: str, session: str | None) -> list[Need]:
    """What checking into a session (None: out of any) needs: the sessions running, the
    participant still there, the session still there."""
    needs: list[Need] = [InPhase(("cafe",), sessions_running()),
                         ParticipantExists(pid, unknown_participant())]
    if session is not None:
        needs.append(TableExists(session, unknown_session()))
    return needs


def chosen_session(payload, layout: Layout, cells: dict[str, str],
                   slot_now: str | None) -> str | None:
    """Return the session a check-in names: by id, or by its space in the current slot
    (the code on the door), or None to check out."""
    if not isinstance(payload, dict):
        raise bad_request()
    if "space" in payload:
        space = layout.space(payload["space"]).id
        if not slot_now:
            raise DomainError("not_found", N_("No time slot is under way."))
        found = cells.get(cell(space, slot_now))
        if found is None:
            raise DomainError("not_found", N_("No session is held in this space now."))
        return found
    value = payload.get("session")
    if value is not None and not isinstance(value, str):
        raise bad_request(N_("Say which session."))
    return value


def bumblebees(visits: list[tuple[str, str]], sessions: dict[str, Session]) -> dict[str, int]:
    """Per slot, how many people went through two sessions or more of it."""
    seen: dict[tuple[str, str], set[str]] = {}
    for pid, sid in visits:
        if sid in sessions:
            seen.setdefault((sessions[sid].slot, pid), set()).add(sid)
    out: dict[str, int] = {}
    for (slot, _), ids in seen.items():
        if len(ids) > 1:
            out[slot] = out.get(slot, 0) + 1
    return out


def visitors(visits: list[tuple[str, str]]) -> dict[str, int]:
    """Per session, how many different people came at some point."""
    out: dict[str, int] = {}
    for _, sid in visits:
        out[sid] = out.get(sid, 0) + 1
    return out


def may_see_who(session: Session, pid: str | None, role: str) -> bool:
    """Whether a caller may see who is in a session now: its conveners and the staff."""
    return role in ("console", "screen") or (pid is not None and pid in session.conveners)
