// Carrying an idea: between two rounds, a traveller's phone offers to take one note of
// the table they leave to the table they go to next, where it waits for them, marked
// "carried from Table 2 by …". One note a round, and the server keeps no second thought:
// the choice is made on the phone (any note, as often as one likes), then sent once.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { newId } from "../lib/ids.js";
import { notesAt } from "../lib/state.js";
import { code } from "./shell.js";

const KEPT = `cafe.carried.${code}`; // {round, to, text}: what this device carried last
const ops = new Map(); // "round|note" -> op: a retry after a lost answer sends the same op
let picked = null; // the note chosen, not sent yet

function kept() {
  try {
    return JSON.parse(localStorage.getItem(KEPT) || "null");
  } catch {
    return null;
  }
}

/** "Carried from Table 2 by Marc" (no name for an anonymous note), or "" for a note that stayed. */
export function carriedLine(note) {
  const from = note.carried;
  if (!from) return "";
  return from.by_name ? t("carried.by", { n: from.from_number, name: from.by_name }) : t("carried.from", { n: from.from_number });
}

/** Where this person goes between two rounds: {round, from, to}, or null when they stay or it is not time. */
export function trip(state) {
  const r = state.rounds;
  if (r.status !== "between" || !r.shown) return null;
  const from = state.me.plan?.[String(r.current)];
  const to = state.me.plan?.[String(r.current + 1)];
  return from && to && from !== to ? { round: r.current, from, to } : null;
}

function box() {
  let el = $("#carry");
  if (el) return el;
  el = h(
    "section",
    { id: "carry", class: "card carry", "aria-labelledby": "carry-title" },
    h("h2", { id: "carry-title", class: "carry-title" }),
    h("p", { class: "muted carry-help", id: "carry-help" }),
    h("fieldset", { class: "carry-notes" }, h("legend", { class: "visually-hidden" }, t("carry.pick")), h("ul", { id: "carry-list" })),
    h("p", { class: "muted", id: "carry-none" }, t("carry.none")),
    h("button", { type: "button", class: "primary", id: "carry-send" }, t("carry.send")),
    h("p", { class: "carry-done", id: "carry-done", role: "status" }),
    h("p", { class: "form-error", role: "alert", id: "carry-error" }),
  );
  $("#itinerary").before(el);
  return el;
}

/** The notes one may carry: one's own first, then the newest. */
function choices(state, from) {
  const me = state.me.participant.id;
  const own = (n) => n.author === me || state.mine.notes.has(n.id);
  return notesAt(state, from)
    .filter((n) => (n.visibility ?? "public") === "public")
    .sort((a, b) => own(b) - own(a));
}

/** Draw the offer to carry a note on the "go to your table" card (hidden for who stays). */
export function renderCarry(state, live) {
  const way = trip(state);
  const el = box();
  show(el, Boolean(way));
  if (!way) return;
  const to = state.tables.get(way.to);
  setText($("#carry-title"), t("carry.title", { n: to?.number ?? "?" }));
  const done = kept();
  const carried = done?.round === way.round && done.to === way.to ? done : null;
  const notes = carried ? [] : choices(state, way.from);
  if (picked && !notes.some((n) => n.id === picked)) picked = null;
  setText($("#carry-help"), carried ? "" : t("carry.help"));
  show($("#carry-help"), !carried);
  show($("#carry-none"), !carried && notes.length === 0);
  show(el.querySelector(".carry-notes"), notes.length > 0);
  syncList($("#carry-list"), notes, (n) => n.id, (n) => {
    const input = h("input", { type: "radio", name: "carry", value: n.id });
    input.addEventListener("change", () => {
      picked = n.id;
      live.redraw();
    });
    return h("li", {}, h("label", { class: "carry-note" }, input, h("span", { class: "note-text" }), h("span", { class: "carry-meta muted" })));
  }, (li, n) => {
    li.className = `note-${n.colour}`;
    setText(li.querySelector(".note-text"), n.text);
    setText(li.querySelector(".carry-meta"), n.anonymous ? t("anonymous") : n.author_name);
    li.querySelector("input").checked = n.id === picked;
  });
  const send = $("#carry-send");
  show(send, !carried && notes.length > 0);
  send.disabled = !picked;
  setText(send, t("carry.send"));
  setText($("#carry-done"), carried ? t("carry.done", { text: carried.text, n: to?.number ?? "?" }) : "");
  show($("#carry-done"), Boolean(carried));
}

/** Wire the button that carries the chosen note. */
export function wireCarry(getLive) {
  box().addEventListener("click", async (event) => {
    if (event.target.id !== "carry-send") return;
    const live = getLive();
    const state = live?.state;
    const way = state && trip(state);
    const note = picked && state.notes.get(picked);
    if (!way || !note) return;
    const slot = `${way.round}|${note.id}`;
    if (!ops.has(slot)) ops.set(slot, newId());
    event.target.disabled = true;
    const reply = await live.send("note_carry", { table: way.from, note: note.id, op: ops.get(slot) });
    setText($("#carry-error"), reply.ok ? "" : reply.error.message);
    if (reply.ok) {
      localStorage.setItem(KEPT, JSON.stringify({ round: way.round, to: way.to, text: note.text }));
      picked = null;
    }
    live.redraw();
  });
}
