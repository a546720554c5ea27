// The one place where snapshots and events become client state. Every surface draws
// from this state, so local and remote changes follow the same path.

export function emptyState() {
  return { workshop: null, participants: new Map(), seqs: {}, me: null, gone: null };
}

export function applySnapshot(state, snapshot, scopes) {
  state.workshop = snapshot.workshop;
  state.participants = new Map(snapshot.participants.map((p) => [p.id, p]));
  for (const scope of scopes) state.seqs[scope] = snapshot.head;
}

const reducers = {
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
    if (state.me?.participant?.id === data.id) state.gone = "removed";
  },
  workshop_deleted(state) {
    state.gone = "deleted";
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

/** Participants sorted by arrival. */
export function people(state) {
  return [...state.participants.values()].sort((a, b) => a.joined_at - b.joined_at);
}
