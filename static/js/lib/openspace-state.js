// The forum ouvert's part of the client state: the grid, the sessions, head counts,
// reports (the breaking news) and comments. state.js calls these from its reducers.

export function emptyOpenSpace() {
  return {
    layout: { spaces: [], slots: [] },
    slot_now: null,
    amendment: "",
    sessions: new Map(),
    clashes: [],
    here: {}, // session -> people checked in now
    visitors: {}, // session -> people who came at some point (the staff)
    bumblebees: {}, // slot -> people who went through several of its sessions (the staff)
    reports: new Map(), // session -> report
    news: [], // session ids, the latest report first
    comments: new Map(),
    visited: new Set(), // the sessions this phone's participant checked into
    present: {}, // session -> participant -> name, or null: left (session_presence, conveners)
  };
}

export function applyOpenSpace(state, snapshot) {
  const os = emptyOpenSpace();
  const part = snapshot.openspace;
  if (part) {
    Object.assign(os, {
      layout: part.layout,
      slot_now: part.slot_now,
      amendment: part.amendment,
      clashes: part.clashes,
      here: { ...part.here },
      visitors: { ...(part.visitors ?? {}) },
      bumblebees: { ...(part.bumblebees ?? {}) },
    });
    os.sessions = new Map(part.sessions.map((s) => [s.id, s]));
    os.reports = new Map(part.reports.map((r) => [r.session, r]));
    os.news = part.reports.map((r) => r.session).reverse();
    os.comments = new Map(part.comments.map((c) => [c.id, c]));
    os.visited = new Set(part.visited ?? []);
  }
  state.openspace = os;
}

export const openSpaceReducers = {
  openspace_updated(state, data) {
    Object.assign(state.openspace, data);
  },
  session_saved(state, data) {
    state.openspace.sessions.set(data.id, data);
  },
  session_removed(state, data) {
    state.openspace.sessions.delete(data.id);
  },
  clashes(state, data) {
    state.openspace.clashes = data.clashes;
  },
  session_presence(state, data) {
    const os = state.openspace;
    os.here[data.session] = data.here;
    if (data.new_visit) os.visitors[data.session] = (os.visitors[data.session] ?? 0) + 1;
    if (data.bumblebee) os.bumblebees[data.bumblebee] = (os.bumblebees[data.bumblebee] ?? 0) + 1;
    // Who came (a name) or left (null) since the convener's phone asked who is there.
    (os.present[data.session] ??= {})[data.participant] = data.arrived ? data.name : null;
  },
  report_saved(state, data) {
    const os = state.openspace;
    os.reports.set(data.session, data);
    os.news = [data.session, ...os.news.filter((s) => s !== data.session)];
  },
  report_commented(state, data) {
    state.openspace.comments.set(data.id, data);
  },
};
