// The phone at the table, beside the notes: writing alone until the table is revealed,
// "I'm done" and a raised hand, who is here now (for the host), reactions on a note, and
// what an author alone sees of their own notes (written alone, waiting for review).

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { may } from "../lib/state.js";

export const REACTIONS = [
  ["+1", "+1"],
  ["heart", "❤"],
  ["question", "?"],
  ["surprise", "!"],
];

/** Whether notes at this table are written alone now (not revealed yet). */
export function writingAlone(state, tableId) {
  return Boolean(state.writing?.private) && !(state.writing.revealed ?? []).includes(tableId);
}

/** The notes a phone shows on its board: a note hidden by moderation leaves it. */
export function shownNotes(notes) {
  return notes.filter((n) => n.visibility !== "hidden");
}

/** The notes the whole table sees (the only ones that take dots): not an author's own
 * note written alone, waiting for review or hidden. */
export function onTheWall(notes) {
  return notes.filter((n) => !n.visibility || n.visibility === "public");
}

/** What only the author sees on their own note: "only you", "waiting for review". */
export function visibilityLabel(note) {
  if (note.visibility === "private") return h("span", { class: "note-badge only-you" }, t("only_you"));
  if (note.visibility === "pending") return h("span", { class: "note-badge in-review" }, t("in_review"));
  return null;
}

function reactionButton(live, kind, symbol) {
  const button = h(
    "button",
    { type: "button", class: "reaction", dataset: { reaction: kind } },
    h("span", { "aria-hidden": "true" }, symbol),
    h("span", { class: "reaction-count", "aria-hidden": "true" }),
  );
  button.addEventListener("click", async () => {
    const { note, table } = button.closest(".reactions").dataset;
    if (button.dataset.busy) return; // not `disabled`: that would take the focus away
    const on = button.getAttribute("aria-pressed") !== "true";
    button.dataset.busy = "1";
    const reply = await live.send("note_react", { table, note, reaction: kind, on });
    delete button.dataset.busy;
    // Given twice from two devices: the server's count is right, and its events say so.
    if (!reply.ok && reply.error.code !== "conflict") alert(reply.error.message);
  });
  return button;
}

/** The reactions under a public note (one tap gives, another takes back), kept in place
 * from one drawing to the next so that the focus stays on the button tapped. */
export function updateReactions(li, state, live, note) {
  let row = li.querySelector(".reactions");
  if (note.waiting || (note.visibility && note.visibility !== "public")) {
    row?.remove();
    return;
  }
  if (!row) {
    row = h("div", { class: "reactions", role: "group" }, REACTIONS.map(([kind, symbol]) => reactionButton(live, kind, symbol)));
    li.append(row);
  }
  row.dataset.note = note.id;
  row.dataset.table = note.table;
  row.setAttribute("aria-label", t("reactions_on", { text: note.text.slice(0, 40) }));
  const readOnly = state.me?.role === "preview"; // the console's look: it gives nothing
  const counts = state.reactions[note.id] ?? {};
  const mine = new Set(state.mine.reactions[note.id] ?? []);
  for (const button of row.children) {
    const kind = button.dataset.reaction;
    const n = counts[kind] ?? 0;
    button.classList.toggle("on", mine.has(kind));
    button.setAttribute("aria-pressed", String(mine.has(kind)));
    button.disabled = readOnly;
    button.setAttribute("aria-label", t("reaction_label", { name: t(`reaction.${kind}`), n }));
    setText(button.querySelector(".reaction-count"), n ? String(n) : "");
  }
}

// --- Writing alone, and revealing -------------------------------------------------------

function renderWriting(state, tableId) {
  const alone = writingAlone(state, tableId);
  show($("#writing-alone"), alone);
  if (!alone) return;
  setText($("#written-count"), tn("written", state.written[tableId] ?? 0));
  show($("#reveal-table"), may(state, "tend", tableId));
}

// --- "I'm done", a raised hand ----------------------------------------------------------

function renderStatus(state) {
  const mine = state.statuses[state.me.participant.id] ?? {};
  const done = $("#status-done");
  done.setAttribute("aria-pressed", String(Boolean(mine.done)));
  setText(done, mine.done ? t("done_on") : t("done_off"));
  const hand = $("#status-hand");
  hand.setAttribute("aria-pressed", String(Boolean(mine.hand)));
  setText(hand, mine.hand ? t("hand_on") : t("hand_off"));
}

// --- Who is here (the host) -------------------------------------------------------------

let presenceTimer = null;
let here = [];

async function refreshPresence(live) {
  const reply = await live.send("presence");
  if (!reply.ok) return;
  here = reply.here ?? [];
  if (live.state.me?.participant) renderHere(live.state);
}

function renderHere(state) {
  const list = $("#here-list");
  const hosting = Boolean(state.me?.seat) && state.tables.get(state.me.seat)?.host === state.me.participant.id;
  show($("#here"), hosting && here.length > 0);
  if (!hosting) return;
  const done = here.filter((p) => p.done).length;
  setText($("#here-title"), t("here_now", { n: here.length, done }));
  syncList(list, here, (p) => p.id, () => h("li", {}), (li, p) => {
    const marks = [p.hand ? `✋ ${t("hand_up")}` : "", p.done ? `✓ ${t("is_done")}` : "", p.phone === false ? t("no_phone") : ""];
    setText(li, [p.name, ...marks.filter(Boolean)].join(" · "));
  });
}

function watchPresence(live) {
  if (presenceTimer) return;
  refreshPresence(live);
  presenceTimer = setInterval(() => {
    const view = document.body.dataset.view;
    if (view !== "table") {
      clearInterval(presenceTimer);
      presenceTimer = null;
    } else {
      refreshPresence(live);
    }
  }, 5000);
}

/** The console looking at one table as a participant there: say so, and that it is read-only. */
export function renderPreview(state) {
  const on = state.me?.role === "preview";
  show($("#preview-banner"), on);
  if (!on) return;
  const table = state.tables.get(state.me.seat);
  setText($("#preview-banner"), t("preview_of", { n: table?.number ?? "?" }));
}

/** Draw what sits beside the board; called with the table view. */
export function renderTogether(state, live, tableId) {
  renderWriting(state, tableId);
  renderStatus(state);
  const hosting = state.tables.get(tableId)?.host === state.me.participant.id;
  if (hosting) watchPresence(live);
  renderHere(state);
}

/** Wire the buttons: reveal, done, hand. */
export function wireTogether(getLive) {
  $("#reveal-table").addEventListener("click", async () => {
    const live = getLive();
    const reply = await live.send("notes_reveal", { table: live.state.me.seat });
    setText($("#writing-error"), reply.ok ? "" : reply.error.message);
  });
  for (const [id, key] of [["#status-done", "done"], ["#status-hand", "hand"]]) {
    $(id).addEventListener("click", async () => {
      const live = getLive();
      const mine = live.state.statuses[live.state.me.participant.id] ?? {};
      const reply = await live.send("status_set", { [key]: !mine[key] });
      if (reply.ok) live.state.statuses[live.state.me.participant.id] = reply.status;
      setText($("#status-error"), reply.ok ? "" : reply.error.message);
      live.redraw();
    });
  }
}
