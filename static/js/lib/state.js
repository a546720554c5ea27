// The one place where snapshots and events become client state. Every surface draws
// from this state, so local and remote changes follow the same path.

import { applyOpenSpace, emptyOpenSpace, openSpaceReducers as os } from "./openspace-state.js";

export function emptyState() {
  return {
    workshop: null,
    participants: new Map(), // phones: only themselves and the hosts
    crowd: { people: 0, seated: {} }, // head count, and how full tables are, for phones
    topics: new Map(),
    tables: new Map(),
    seats: new Map(),
    questions: new Map(),
    notes: new Map(),
    mine: { supports: new Set(), notes: new Set(), votes: {}, reactions: {} },
    voting: { open: false, table: null, budget: 5, cap: 3, hidden: false, revealed: false },
    votes: {}, // note -> dots, when one may see them
    writing: { private: false, revealed: [] }, // notes written alone until each table is revealed
    written: {}, // table -> notes written alone there, not revealed yet
    reactions: {}, // note -> reaction -> count
    statuses: {}, // participant -> {done, hand} this round (phones: their own)
    door: { mode: "open", expected: null, waiting: 0 }, // the staff only
    lobby: new Map(), // who waits at the door: the console only
    dots: 0, // dots given in all (the screen and the console)
    synthesis: new Map(),
    rounds: { count: 0, minutes: 0, current: 0, status: "idle", ends_at: null, remaining: null },
    plan: {}, // round -> participant -> table: the screen and the console only
    planScore: null,
    planFresh: null,
    openspace: emptyOpenSpace(), // the forum ouvert's grid, sessions and reports
    seqs: {},
    scopes: [],
    me: null,
    gone: null,
  };
}

const byId = (list) => new Map(list.map((item) => [item.id, item]));

export function applySnapshot(state, snapshot, scopes) {
  state.workshop = snapshot.workshop;
  state.participants = byId(snapshot.participants);
  state.crowd = { seated: {}, ...snapshot.crowd };
  state.topics = byId(snapshot.topics);
  state.tables = byId(snapshot.tables);
  state.seats = new Map(Object.entries(snapshot.seats));
  state.questions = byId(snapshot.questions);
  state.notes = byId(snapshot.notes);
  if (snapshot.mine) {
    state.mine = {
      supports: new Set(snapshot.mine.supports),
      notes: new Set(snapshot.mine.notes),
      votes: { ...snapshot.mine.votes },
      reactions: { ...snapshot.mine.reactions },
    };
  }
  state.voting = snapshot.voting;
  state.writing = snapshot.writing ?? { private: false, revealed: [] };
  state.written = { ...snapshot.written };
  state.reactions = { ...snapshot.reactions };
  state.statuses = { ...snapshot.statuses };
  if (snapshot.door) state.door = { ...snapshot.door };
  if (snapshot.lobby) state.lobby = byId(snapshot.lobby);
  state.votes = { ...snapshot.votes };
  state.dots = snapshot.dots ?? 0;
  state.synthesis = new Map(snapshot.synthesis.map((item) => [item.key, item]));
  state.rounds = snapshot.rounds;
  if (snapshot.plan) state.plan = snapshot.plan;
  applyOpenSpace(state, snapshot);
  state.seqs = {};
  for (const scope of scopes) state.seqs[scope] = snapshot.head;
}

const reducers = {
  openspace_updated(state, data) { os.openspace_updated(state, data); },
  session_saved(state, data) { os.session_saved(state, data); },
  session_removed(state, data) { os.session_removed(state, data); },
  clashes(state, data) { os.clashes(state, data); },
  session_presence(state, data) { os.session_presence(state, data); },
  report_saved(state, data) { os.report_saved(state, data); },
  report_commented(state, data) { os.report_commented(state, data); },
  crowd(state, data) {
    state.crowd = { ...state.crowd, ...data };
  },
  votes_tally(state, data) {
    Object.assign(state.votes, data);
  },
  workshop_updated(state, data) {
    state.workshop = data;
  },
  participant_joined(state, data) {
    state.participants.set(data.id, data);
  },
  participant_updated(state, data) {
    state.participants.set(data.id, data);
    if (state.me?.participant?.id === data.id) state.me.participant = data;
  },
  participant_removed(state, data) {
    state.participants.delete(data.id);
    state.seats.delete(data.id);
    if (state.me?.participant?.id === data.id) state.gone = "removed";
  },
  workshop_deleted(state) {
    state.gone = "deleted";
  },
  topic_added(state, data) {
    state.topics.set(data.id, data);
  },
  topic_updated(state, data) {
    const before = state.topics.get(data.id);
    state.topics.set(data.id, { supporters: 0, ...before, ...data });
  },
  topic_supporters(state, data) {
    const topic = state.topics.get(data.id);
    if (topic) state.topics.set(data.id, { ...topic, supporters: data.supporters });
  },
  topic_removed(state, data) {
    state.topics.delete(data.id);
    state.mine.supports.delete(data.id);
  },
  support_changed(state, data) {
    if (data.supported) state.mine.supports.add(data.topic);
    else state.mine.supports.delete(data.topic);
  },
  tables_set(state, data) {
    state.tables = byId(data.tables);
    state.seats = new Map();
  },
  table_updated(state, data) {
    state.tables.set(data.id, data);
  },
  seat_changed(state, data) {
    if (data.table) state.seats.set(data.participant, data.table);
    else state.seats.delete(data.participant);
    if (state.me?.participant?.id === data.participant) state.me.seat = data.table;
  },
  seats_set(state, data) {
    state.seats = new Map(Object.entries(data.seats));
  },
  rounds_updated(state, data) {
    state.rounds = data;
  },
  plan_updated(state, data) {
    for (const number of Object.keys(state.plan)) {
      if (Number(number) >= data.first) delete state.plan[number];
    }
    Object.assign(state.plan, data.rounds);
    state.planScore = data.score;
    state.planFresh = data.fresh ?? null;
  },
  plan_seat(state, data) {
    const seating = { ...state.plan[data.round] };
    if (data.table) seating[data.participant] = data.table;
    else delete seating[data.participant];
    state.plan[data.round] = seating;
  },
  my_plan(state, data) {
    if (state.me) state.me.plan = data;
  },
  my_seat(state, data) {
    if (state.me) state.me.seat = data.table;
  },
  voting_updated(state, data) {
    state.voting = data;
  },
  votes_changed(state, data) {
    state.votes[data.note] = data.votes;
  },
  votes_revealed(state, data) {
    state.votes = { ...data.counts };
  },
  votes_reset(state) {
    state.votes = {};
    state.mine.votes = {};
    state.dots = 0;
  },
  dots_cast(state, data) {
    state.dots = data.total;
  },
  vote_mine(state, data) {
    state.mine.votes[data.note] = data.mine;
  },
  synthesis_saved(state, data) {
    state.synthesis.set(data.key, data);
  },
  synthesis_removed(state, data) {
    state.synthesis.delete(data.key);
  },
  question_saved(state, data) {
    state.questions.set(data.id, data);
  },
  question_removed(state, data) {
    state.questions.delete(data.id);
  },
  note_posted(state, data) {
    state.notes.set(data.id, data);
  },
  note_updated(state, data) {
    state.notes.set(data.id, data);
  },
  note_removed(state, data) {
    state.notes.delete(data.id);
  },
  note_owned(state, data) {
    state.mine.notes.add(data.id);
  },
  notes_written(state, data) {
    state.written[data.table] = data.count;
  },
  writing_updated(state, data) {
    state.writing = data;
  },
  reactions_changed(state, data) {
    state.reactions[data.note] = { ...state.reactions[data.note], [data.reaction]: data.count };
  },
  reactions_tally(state, data) {
    for (const [note, counts] of Object.entries(data)) state.reactions[note] = { ...state.reactions[note], ...counts };
  },
  reaction_mine(state, data) {
    const mine = new Set(state.mine.reactions[data.note] ?? []);
    if (data.on) mine.add(data.reaction);
    else mine.delete(data.reaction);
    state.mine.reactions[data.note] = [...mine];
  },
  status_changed(state, data) {
    state.statuses[data.participant] = { done: data.done, hand: data.hand };
  },
  statuses_reset(state) {
    state.statuses = {};
  },
  door_updated(state, data) {
    state.door = { ...state.door, ...data };
  },
  lobby_entered(state, data) {
    state.lobby.set(data.id, data);
  },
  lobby_left(state, data) {
    for (const id of data.ids) state.lobby.delete(id);
  },
  lobby_count(state, data) {
    state.door = { ...state.door, waiting: data.waiting };
  },
};

/** Apply one event if it is new for its scope; return whether anything changed. */
export function applyEvent(state, event) {
  if (event.seq !== null && event.seq !== undefined) {
    if (event.seq <= (state.seqs[event.scope] ?? -1)) return false;
    state.seqs[event.scope] = event.seq;
  }
  const reducer = reducers[event.type];
  if (reducer) reducer(state, event.data);
  return true;
}

/**
 * Whether the server said this client may do `power` ("tend", "write_synthesis",
 * "vote_on") at a table. The page copies no rule: `me.may` comes with every sync, and the
 * server asks for a new sync (`resync`) when it changes.
 */
export function may(state, power, tableId) {
  const granted = state.me?.may?.[power];
  return granted === "all" || (Array.isArray(granted) && granted.includes(tableId));
}

/** Forget the boards of tables this client no longer follows (it moved, a vote closed). */
export function dropUnfollowed(state) {
  const followed = new Set(state.me?.tables ?? []);
  for (const [id, note] of state.notes) if (!followed.has(note.table)) state.notes.delete(id);
  for (const [id, q] of state.questions) if (!followed.has(q.table)) state.questions.delete(id);
}

/** Participants sorted by arrival. */
export function people(state) {
  return [...state.participants.values()].sort((a, b) => a.joined_at - b.joined_at);
}

/** Tables in number order. */
export function tableList(state) {
  return [...state.tables.values()].sort((a, b) => a.number - b.number);
}

/** Topics, most supported first, then oldest. */
export function rankedTopics(state) {
  return [...state.topics.values()].sort(
    (a, b) => b.supporters - a.supporters || a.created_at - b.created_at || (a.id < b.id ? -1 : 1),
  );
}

/** Who sits at a table. */
export function seatedAt(state, tableId) {
  const out = [];
  for (const [pid, tid] of state.seats) {
    if (tid === tableId && state.participants.has(pid)) out.push(state.participants.get(pid));
  }
  return out;
}

/** How many people sit at a table, as a phone knows it (the counts, not the people). */
export function seatCount(state, tableId) {
  return state.crowd.seated[tableId] ?? 0;
}

/** A table's notes, newest first. */
export function notesAt(state, tableId) {
  return [...state.notes.values()]
    .filter((n) => n.table === tableId)
    .sort((a, b) => b.created_at - a.created_at);
}

/** A table's questions, oldest first. */
export function questionsAt(state, tableId) {
  return [...state.questions.values()]
    .filter((q) => q.table === tableId)
    .sort((a, b) => a.created_at - b.created_at);
}

/** Whether the café is run in planned rounds (a seating plan exists). */
export function planned(state) {
  const mine = state.me?.plan;
  return mine ? Object.keys(mine).length > 0 : Object.keys(state.plan).length > 0;
}

/** The round people are heading to: the one under way, or the next one. */
export function comingRound(state) {
  const r = state.rounds;
  return r.status === "running" || r.status === "paused" ? r.current : r.current + 1;
}

/** Dots a participant has given (confirmed by the server). */
export function dotsUsed(state) {
  return Object.values(state.mine.votes).reduce((sum, n) => sum + n, 0);
}

/** A topic's synthesis items of one kind, in order. */
export function itemsOf(state, table, kind, section = null) {
  return [...state.synthesis.values()]
    .filter((i) => i.table === table && i.kind === kind && (section === null || i.section === section))
    .sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1));
}

/** The next steps, in order. */
export function steps(state) {
  return [...state.synthesis.values()].filter((i) => i.kind === "step").sort((a, b) => a.order - b.order);
}
