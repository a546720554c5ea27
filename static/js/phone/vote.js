// The phone while votes are taken: the notes open to dots, by table, the table where one
// sits first, then those one sat at; near-identical notes side by side; a one-line count
// of the dots left that stays in view; and a disabled button says why it is.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { alongside } from "../lib/similar.js";
import { dotsUsed, may, notesAt, tableList } from "../lib/state.js";
import { onTheWall } from "./together.js";

function pending(live) {
  const waiting = {};
  for (const item of live.outbox.pending()) {
    if (item.event === "vote") waiting[item.payload.note] = (waiting[item.payload.note] ?? 0) + item.payload.delta;
  }
  return waiting;
}

/** Tables in the order one cares about them: where one sits, where one sat (latest first), the rest. */
function ordered(state, tables) {
  const rank = new Map();
  if (state.me.seat) rank.set(state.me.seat, { order: 0, tag: "vote.here" });
  const rounds = Object.entries(state.me.plan ?? {}).sort((a, b) => Number(b[0]) - Number(a[0]));
  for (const [number, id] of rounds) {
    if (!rank.has(id) && Number(number) <= state.rounds.current) rank.set(id, { order: rank.size, tag: "vote.before" });
  }
  const last = { order: Infinity, tag: "" };
  return tables
    .map((table) => ({ table, ...(rank.get(table.id) ?? last) }))
    .sort((a, b) => a.order - b.order || a.table.number - b.table.number);
}

function noteRow(live) {
  return ({ item: note }) => {
    const give = h("button", { type: "button", class: "dot-button give" }, "+");
    const take = h("button", { type: "button", class: "dot-button take" }, "−");
    give.addEventListener("click", () => live.queue("vote", { table: note.table, note: note.id, delta: 1 }));
    take.addEventListener("click", () => live.queue("vote", { table: note.table, note: note.id, delta: -1 }));
    return h(
      "li",
      { class: `vote-note note-${note.colour}` },
      h("p", { class: "similar-label" }, t("vote.similar")),
      h("p", { class: "note-text" }),
      h("div", { class: "vote-row" }, h("span", { class: "my-dots", role: "img", id: `mine-${note.id}` }), h("span", { class: "all-dots muted" }), take, give),
      h("p", { class: "why", id: `why-${note.id}` }),
    );
  };
}

function updateRow(state, waiting, left) {
  const voting = state.voting;
  return (li, { item: note, similar }) => {
    li.classList.toggle("similar", similar);
    show(li.querySelector(".similar-label"), similar);
    setText(li.querySelector(".note-text"), note.text);
    const mine = (state.mine.votes[note.id] ?? 0) + (waiting[note.id] ?? 0);
    setText(li.querySelector(".my-dots"), mine ? "●".repeat(mine) : "");
    li.querySelector(".my-dots").setAttribute("aria-label", t("my_dots", { n: mine }));
    const all = state.votes[note.id];
    setText(li.querySelector(".all-dots"), voting.hidden && !voting.revealed ? "" : t("all_dots", { n: all ?? 0 }));
    const give = li.querySelector(".give");
    const take = li.querySelector(".take");
    const capped = mine >= voting.cap;
    give.disabled = left <= 0 || capped;
    take.disabled = mine <= 0;
    // Why a button does nothing: the cap is said by the note, the budget by the line on top.
    setText(li.querySelector(".why"), capped ? tn("vote.cap", mine) : "");
    show(li.querySelector(".why"), capped);
    if (capped) give.setAttribute("aria-describedby", `why-${note.id}`);
    else if (left <= 0) give.setAttribute("aria-describedby", "dots-left");
    else give.removeAttribute("aria-describedby");
    if (take.disabled) take.setAttribute("aria-describedby", `mine-${note.id}`);
    else take.removeAttribute("aria-describedby");
    give.setAttribute("aria-label", t("give_dot_on", { text: note.text.slice(0, 60) }));
    take.setAttribute("aria-label", t("take_dot_on", { text: note.text.slice(0, 60) }));
  };
}

/** Draw the vote: the dots left, then the notes open to dots, table by table. */
export function renderVote(state, live) {
  const voting = state.voting;
  const waiting = pending(live);
  const used = dotsUsed(state) + Object.values(waiting).reduce((a, b) => a + b, 0);
  const left = Math.max(0, voting.budget - used);
  // Filled dots are the ones still in hand, as on a sheet of stickers.
  const dots = "●".repeat(left) + "○".repeat(Math.min(used, voting.budget));
  setText($("#dots-left"), left ? `${t("dots_left")} ${dots}` : t("dots_none"));
  $("#dots-left").setAttribute("aria-label", left ? t("dots_left_n", { n: left, total: voting.budget }) : t("dots_none"));
  const open = tableList(state).filter((table) => may(state, "vote_on", table.id) && onTheWall(notesAt(state, table.id)).length);
  const tables = ordered(state, open);
  syncList(
    $("#vote-tables"),
    tables,
    ({ table }) => table.id,
    () => h("section", { class: "vote-table" }, h("h2", {}, h("span", { class: "title" }), h("span", { class: "tag" })), h("ul", { class: "vote-notes" })),
    (el, { table, tag }) => {
      setText(el.querySelector(".title"), `${t("table_n", { n: table.number })} · ${table.title}`);
      setText(el.querySelector(".tag"), tag ? t(tag) : "");
      show(el.querySelector(".tag"), Boolean(tag));
      const notes = alongside(onTheWall(notesAt(state, table.id)), (note) => note.text);
      syncList(el.querySelector("ul"), notes, ({ item }) => item.id, noteRow(live), updateRow(state, waiting, left));
    },
  );
}
