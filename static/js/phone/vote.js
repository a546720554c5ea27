// The phone while votes are taken: every note open to dots, grouped by table.

import { $, h, setText, syncList } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { dotsUsed, may, notesAt, tableList } from "../lib/state.js";

function pending(live) {
  const waiting = {};
  for (const item of live.outbox.pending()) {
    if (item.event === "vote") waiting[item.payload.note] = (waiting[item.payload.note] ?? 0) + item.payload.delta;
  }
  return waiting;
}

function noteRow(live) {
  return (note) => {
    const give = h("button", { type: "button", class: "dot-button give" }, "+");
    const take = h("button", { type: "button", class: "dot-button take" }, "−");
    give.addEventListener("click", () => live.queue("vote", { table: note.table, note: note.id, delta: 1 }));
    take.addEventListener("click", () => live.queue("vote", { table: note.table, note: note.id, delta: -1 }));
    return h(
      "li",
      { class: `vote-note note-${note.colour}` },
      h("p", { class: "note-text" }),
      h("div", { class: "vote-row" }, h("span", { class: "my-dots", role: "img" }), h("span", { class: "all-dots muted" }), take, give),
    );
  };
}

export function renderVote(state, live) {
  const voting = state.voting;
  const waiting = pending(live);
  const used = dotsUsed(state) + Object.values(waiting).reduce((a, b) => a + b, 0);
  const left = Math.max(0, voting.budget - used);
  // Filled dots are the ones still in hand, as on a sheet of stickers.
  const dots = "●".repeat(left) + "○".repeat(Math.min(used, voting.budget));
  setText($("#dots-left"), left ? `${t("dots_left")} ${dots}` : t("dots_done"));
  $("#dots-left").setAttribute("aria-label", t("dots_left_n", { n: left, total: voting.budget }));
  const tables = tableList(state).filter((table) => may(state, "vote_on", table.id));
  syncList(
    $("#vote-tables"),
    tables,
    (table) => table.id,
    () => h("section", { class: "vote-table" }, h("h2", {}), h("ul", { class: "vote-notes" })),
    (el, table) => {
      setText(el.querySelector("h2"), `${t("table_n", { n: table.number })} · ${table.title}`);
      syncList(el.querySelector("ul"), notesAt(state, table.id), (n) => n.id, noteRow(live), (li, note) => {
        setText(li.querySelector(".note-text"), note.text);
        const mine = (state.mine.votes[note.id] ?? 0) + (waiting[note.id] ?? 0);
        setText(li.querySelector(".my-dots"), mine ? "●".repeat(mine) : "");
        li.querySelector(".my-dots").setAttribute("aria-label", t("my_dots", { n: mine }));
        const all = state.votes[note.id];
        setText(li.querySelector(".all-dots"), voting.hidden && !voting.revealed ? "" : t("all_dots", { n: all ?? 0 }));
        const give = li.querySelector(".give");
        const take = li.querySelector(".take");
        give.disabled = left <= 0 || mine >= voting.cap;
        take.disabled = mine <= 0;
        give.setAttribute("aria-label", t("give_dot_on", { text: note.text.slice(0, 60) }));
        take.setAttribute("aria-label", t("take_dot_on", { text: note.text.slice(0, 60) }));
      });
    },
  );
}
