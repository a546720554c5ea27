"""A table's board in Redis: its sub-questions and its sticky notes."""

import json
from dataclasses import replace

import redis

from ..domain import caps, secrets
from ..domain import notes as rules
from ..domain.carrying import carrying
from ..domain.notes import Authoring, Note
from ..domain.ops import Op
from ..domain.participant import Participant
from ..domain.protocol import WORKSHOP, Event, person_scope, table_scope
from ..domain.rounds import Rounds
from ..domain.settings import Settings
from ..domain.tables import Question, unknown_question, unknown_table
from ..domain.visibility import Writing, revealed, shuffled
from ..domain.workshop import unknown_workshop
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import count_made, require_all
from .records import decode_workshop
from .veils import announce_note, announce_removal, write_visibility


@shielded
class Board:
    """Repository of sub-questions and notes, table by table."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    # --- reading ---------------------------------------------------------------------

    def author_context(self, code: str, pid: str) -> tuple[Authoring, str]:
        """Return what a note needs besides its text, and the writing state as stored, in
        one round trip to Redis (with the commit's script, a note costs two in all)."""
        with self._r.pipeline(transaction=False) as pipe:
            pipe.hgetall(keys.workshop(code))
            pipe.hget(keys.participants(code), pid)
            pipe.hget(keys.rounds(code), "state")
            raw_workshop, raw_person, raw_rounds = pipe.execute()
        workshop = decode_workshop(code, raw_workshop)
        if workshop is None:
            raise unknown_workshop(code)
        writing_raw = raw_workshop.get("writing", "")
        return Authoring(
            settings=Settings.from_dict(workshop.settings),
            author=Participant.from_dict(json.loads(raw_person)) if raw_person else None,
            rounds=Rounds.from_dict(json.loads(raw_rounds) if raw_rounds else None),
            writing=Writing.from_dict(json.loads(writing_raw) if writing_raw else None),
        ), writing_raw

    def writing(self, code: str) -> tuple[Writing, str]:
        """Return how notes are written now, and its stored form (to guard a change)."""
        raw = self._r.hget(keys.workshop(code), "writing") or ""
        return Writing.from_dict(json.loads(raw) if raw else None), raw

    def write_note(self, code: str, pid: str, build, *, op: Op | None = None) -> dict:
        """Post the note `build(context)` makes from its author's context; made again if
        a reveal changed the context meanwhile."""

        def attempt() -> dict:
            context, writing_raw = self.author_context(code, pid)
            return self.post(code, build(context), op=op, writing_raw=writing_raw)

        return retrying(attempt)

    def questions(self, code: str, table: str) -> list[Question]:
        """Return a table's sub-questions, oldest first."""
        raw = self._r.hvals(keys.questions(code, table))
        return sorted((Question.from_dict(json.loads(r)) for r in raw),
                      key=lambda q: (q.created_at, q.id))

    def notes(self, code: str, table: str) -> list[Note]:
        """Return a table's notes, oldest first."""
        raw = self._r.hvals(keys.notes(code, table))
        return sorted((Note.from_dict(json.loads(r)) for r in raw),
                      key=lambda n: (n.created_at, n.id))

    def note(self, code: str, table, note_id) -> tuple[Note, str]:
        """Return a note and its stored JSON, or raise not_found."""
        if not isinstance(table, str) or not isinstance(note_id, str):
            raise rules.unknown_note()
        raw = self._r.hget(keys.notes(code, table), note_id)
        if raw is None:
            raise rules.unknown_note()
        return Note.from_dict(json.loads(raw)), raw

    # --- questions ---------------------------------------------------------------------

    def add_question(self, code: str, table: str, text: str, now: float, *,
                     op: Op | None = None) -> dict:
        """Add a sub-question to a table; return {question}."""
        question = Question(id=secrets.new_id(), table=table, text=text, created_at=now)
        change = Change(code, op=op, result={"question": question.to_dict()})
        change.require("hexists", keys.tables(code), table, error=unknown_table())
        require_all(change, caps.asking(table))
        change.write("HINCRBY", keys.made(code), f"{table}|questions", 1)
        change.write("HSET", keys.questions(code, table), question.id, dumps(question.to_dict()))
        change.announce(table_scope(table), Event.QUESTION_SAVED, question.to_dict())
        return self._c.commit(change).result

    def edit_question(self, code: str, table: str, question_id, text: str) -> Question:
        """Reword a sub-question."""
        key = keys.questions(code, table)

        def attempt() -> Question:
            raw = self._r.hget(key, question_id) if isinstance(question_id, str) else None
            if raw is None:
                raise unknown_question()
            question = replace(Question.from_dict(json.loads(raw)), text=text)
            change = Change(code)
            change.require("hequals", key, question_id, raw, error=Race())
            change.write("HSET", key, question_id, dumps(question.to_dict()))
            change.announce(table_scope(table), Event.QUESTION_SAVED, question.to_dict())
            self._c.commit(change)
            return question

        return retrying(attempt)

    def remove_question(self, code: str, table: str, question_id, now: float) -> None:
        """Delete a sub-question; its notes stay, loose."""
        key = keys.questions(code, table)

        def attempt() -> None:
            if not isinstance(question_id, str) or not self._r.hexists(key, question_id):
                raise unknown_question()
            change = Change(code)
            change.require("hexists", key, question_id, error=Race())
            for raw in self._r.hvals(keys.notes(code, table)):
                note = Note.from_dict(json.loads(raw))
                if note.question == question_id:
                    loose = replace(note, question=None, updated_at=now,
                                    version=note.version + 1)
                    self._put(change, loose, raw, error=Race())
            change.write("HDEL", key, question_id)
            change.announce(table_scope(table), Event.QUESTION_REMOVED,
                            {"id": question_id, "table": table})
            self._c.commit(change)

        retrying(attempt)

    # --- notes -------------------------------------------------------------------------

    def post(self, code: str, note: Note, *, op: Op | None = None,
             writing_raw: str | None = None) -> dict:
        """Store a new note at the author's table; return {note} as its author sees it.

        `writing_raw` is the writing state the note's visibility was decided on: a reveal
        meanwhile makes the commit race and the note is decided again.
        """
        change = Change(code, op=op, result={"note": note.to_dict()})
        require_all(change, rules.posting(note) + caps.making("notes", note.author))
        if writing_raw is not None:
            change.require("hequals" if writing_raw else "hmissing", keys.workshop(code),
                           "writing", writing_raw, error=Race())
        count_made(change, caps.counted("notes", note.author))
        change.write("HSET", keys.notes(code, note.table), note.id, dumps(note.to_dict()))
        write_visibility(change, None, note)
        announce_note(change, Event.NOTE_POSTED, note)
        if note.anonymous and note.visibility == "public":
            change.announce(person_scope(note.author), Event.NOTE_OWNED,
                            {"id": note.id, "table": note.table})
        return self._c.commit(change).result

    def replace_note(self, code: str, before_raw: str, note: Note, *, viewer: str | None,
                     op: Op | None = None, question_moved: bool = False) -> dict:
        """Store an edited or moved note if nobody changed it since it was read; return
        {note} as `viewer` (who made the change) may see it."""
        change = Change(code, op=op, result={"note": note.seen_by(viewer)})
        require_all(change, rules.changing(note, question_moved=question_moved))
        self._put(change, note, before_raw)
        return self._c.commit(change).result

    def delete(self, code: str, note: Note, before_raw: str, *, op: Op | None = None) -> dict:
        """Delete a note if nobody changed it since it was read; return {id}."""
        change = Change(code, op=op, result={"id": note.id})
        require_all(change, rules.changing(note))
        change.require("hequals", keys.notes(code, note.table), note.id, before_raw,
                       error=rules.note_changed())
        change.write("HDEL", keys.notes(code, note.table), note.id)
        write_visibility(change, note, None)
        announce_removal(change, note)
        return self._c.commit(change).result

    def carry(self, code: str, carrier: str, round_: int, original: Note, copy: Note, *,
              op: Op | None = None) -> dict:
        """Write a note carried to the carrier's next table; return {note}."""
        change = Change(code, op=op, result={"note": copy.public()})
        require_all(change, carrying(carrier, round_, copy, original.id))
        change.write("HSET", keys.carried(code), f"{round_}|{carrier}", copy.id)
        change.write("HSET", keys.notes(code, copy.table), copy.id, dumps(copy.to_dict()))
        announce_note(change, Event.NOTE_POSTED, copy)
        return self._c.commit(change).result

    def set_visibility(self, code: str, note: Note, before_raw: str, visibility: str,
                       now: float) -> Note:
        """Approve, hide or restore a note (the console); return it as changed."""
        after = replace(note, visibility=visibility, updated_at=now, version=note.version + 1)
        change = Change(code)
        change.require("hequals", keys.notes(code, note.table), note.id, before_raw,
                       error=rules.note_changed())
        change.write("HSET", keys.notes(code, note.table), note.id, dumps(after.to_dict()))
        write_visibility(change, note, after)
        if visibility != "public":
            announce_note(change, Event.NOTE_UPDATED, after)
        self._c.commit(change)
        return after

    def reveal(self, code: str, table: str | None, every: list[str], now: float) -> int:
        """Show the notes written alone at a table (None: at every table), in a shuffled
        order; return how many."""

        def attempt() -> int:
            writing, writing_raw = self.writing(code)
            shown = revealed(writing, table, every)
            change = Change(code)
            change.require("hequals" if writing_raw else "hmissing", keys.workshop(code),
                           "writing", writing_raw, error=Race())
            private = [(Note.from_dict(json.loads(raw)), raw)
                       for tid in (every if table is None else [table])
                       for raw in self._r.hvals(keys.notes(code, tid))
                       if json.loads(raw).get("visibility") == "private"]
            order = shuffled(private)
            for rank, (note, raw) in enumerate(order):
                after = replace(note, visibility="public", shown_at=now + rank / 1000)
                change.require("hequals", keys.notes(code, note.table), note.id, raw,
                               error=Race())
                change.write("HSET", keys.notes(code, note.table), note.id,
                             dumps(after.to_dict()))
                write_visibility(change, note, after)
            change.write("HSET", keys.workshop(code), "writing", dumps(shown.to_dict()))
            change.announce(WORKSHOP, Event.WRITING_UPDATED, shown.to_dict())
            self._c.commit(change)
            return len(order)

        return retrying(attempt)

    def set_writing(self, code: str, private: bool) -> Writing:
        """Turn writing alone on or off (tables start unrevealed again)."""
        writing = Writing(private=private)
        change = Change(code)
        change.require("hexists", keys.workshop(code), "phase", error=unknown_workshop(code))
        change.write("HSET", keys.workshop(code), "writing", dumps(writing.to_dict()))
        change.announce(WORKSHOP, Event.WRITING_UPDATED, writing.to_dict())
        self._c.commit(change)
        return writing

    def _put(self, change: Change, note: Note, before_raw: str, error=None) -> None:
        key = keys.notes(change.code, note.table)
        change.require("hequals", key, note.id, before_raw, error=error or rules.note_changed())
        change.write("HSET", key, note.id, dumps(note.to_dict()))
        announce_note(change, Event.NOTE_UPDATED, note)
