// Answers the page asks the server for (a table's brief, who met whom, the organisations
// behind each idea): the server pushes none of these to everyone, so a page asks when it
// shows them, and again when what they depend on has changed, at most every few seconds.

const answers = new Map(); // what was asked -> {reply, sign, at, asking}
const EVERY = 3000; // ms between two askings of the same thing

/**
 * The last answer to `event` with `payload` (null until the first one came). `sign` sums
 * up what the answer depends on: when it changes, the server is asked again; the page is
 * drawn again (`live.redraw()`) when a new answer comes.
 */
export function asked(live, event, payload = {}, sign = "") {
  const key = `${event}|${JSON.stringify(payload)}`;
  const entry = answers.get(key) ?? { reply: null, sign: null, at: 0, asking: false };
  answers.set(key, entry);
  const stale = entry.sign !== sign;
  if (stale && !entry.asking && live.socket.connected) {
    const wait = Math.max(0, entry.at + EVERY - Date.now());
    entry.asking = true;
    setTimeout(async () => {
      const reply = await live.send(event, payload);
      entry.asking = false;
      entry.at = Date.now();
      if (!reply.ok) return; // asked again at the next drawing
      entry.reply = reply;
      entry.sign = sign;
      live.redraw();
    }, wait);
  }
  return entry.reply;
}

/** Forget every answer (they are asked again when next shown). */
export function forgetAnswers() {
  answers.clear();
}
