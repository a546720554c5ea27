// People without a phone, with their seats, dots and supports, as the server last listed
// them: one list for the scribe's notes, dots and supports, asked for once at a time.

let people = null;
let asking = null;

/** The people without a phone the server last listed (null: not asked yet). */
export function withoutPhone() {
  return people;
}

/** Ask the server for them again; the page redraws once the answer is in. */
export function askWithoutPhone(live) {
  asking ??= (async () => {
    const reply = await live.send("people_without_phone");
    if (reply.ok) people = reply.people;
    asking = null;
    live.redraw();
  })();
  return asking;
}
