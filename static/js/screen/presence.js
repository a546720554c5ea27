// The projector's live head count per table: who is there right now, seated and
// connected. Presence changes too often to be sent to everyone: the screen asks for it
// every few seconds, and draws again only when a count changed.

let counts = null; // table -> people there now; null until the server has answered

/** Each table's head count now, or null before the first answer. */
export function headCounts() {
  return counts;
}

async function refresh(live) {
  if (!live.state.workshop || live.state.workshop.phase !== "cafe") return;
  const reply = await live.send("presence");
  if (!reply.ok) return;
  const before = JSON.stringify(counts);
  counts = reply.counts ?? {};
  if (JSON.stringify(counts) !== before) live.redraw();
}

/** Ask for the head counts now and every few seconds. */
export function watchPresence(live) {
  refresh(live);
  setInterval(() => refresh(live), 5000);
}
