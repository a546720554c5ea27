// The projector's views between the rounds and at the vote: who goes where, and the
// dots. Type is set as large as the content allows, so the back of the room can read it.

import { h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { comingRound, notesAt, tableList } from "../lib/state.js";
import { fitFont } from "./fit.js";

const $ = (selector) => document.querySelector(selector);

function columnHead(el, table) {
  setText(el.querySelector(".column-number"), t("table_n", { n: table.number }));
  setText(el.querySelector(".column-title"), table.title);
}

/** Where everyone goes for the coming round, table by table. */
export function renderSeating(state) {
  const round = comingRound(state);
  const seating = state.plan[String(round)] ?? {};
  const r = state.rounds;
  setText($("#seating-heading"), t("find_table", { n: round }));
  setText($("#seating-meta"), [r.status === "between" ? t("round_over", { n: r.current }) : "", t("starts_soon")].filter(Boolean).join(" "));
  const tables = tableList(state);
  const root = $("#seating-columns");
  root.style.setProperty("--columns", String(Math.max(tables.length, 1)));
  syncList(
    root,
    tables,
    (table) => table.id,
    () => h("section", { class: "column", "data-fit-box": "" }, h("header", {}, h("p", { class: "column-number" }), h("h2", { class: "column-title", "data-fit-box": "" })), h("ul", { class: "seat-names" })),
    (el, table) => {
      columnHead(el, table);
      const coming = Object.entries(seating)
        .filter(([, tid]) => tid === table.id)
        .map(([pid]) => state.participants.get(pid))
        .filter(Boolean)
        .sort((a, b) => (b.id === table.host) - (a.id === table.host) || a.name.localeCompare(b.name));
      syncList(el.querySelector("ul"), coming, (p) => p.id, () => h("li", {}, h("span", { class: "name" }), h("span", { class: "org" })), (li, p) => {
        setText(li.querySelector(".name"), p.id === table.host ? `${p.name} (${t("host_mark")})` : p.name);
        setText(li.querySelector(".org"), p.organisation);
        li.classList.toggle("host", p.id === table.host);
      });
    },
  );
  fitFont(root, { min: 14, max: 36 });
}

/** The vote: dots cast while hidden, then each table's most voted notes as bars. */
export function renderVotes(state) {
  const voting = state.voting;
  const hidden = voting.hidden && !voting.revealed;
  setText($("#votes-heading"), voting.open ? t("votes_open") : t("votes_results"));
  setText($("#votes-meta"), t("votes_rules", { budget: voting.budget, cap: voting.cap }));
  setText($("#dots-cast"), tn("dots_cast", state.dots));
  show($("#dots-cast"), hidden);
  show($("#results"), !hidden);
  if (hidden) return;
  const tables = tableList(state).filter((table) => !voting.table || voting.table === table.id);
  const root = $("#results");
  root.style.setProperty("--columns", String(Math.max(tables.length, 1)));
  const most = Math.max(1, ...Object.values(state.votes));
  syncList(
    root,
    tables,
    (table) => table.id,
    () => h("section", { class: "column", "data-fit-box": "" }, h("header", {}, h("p", { class: "column-number" }), h("h2", { class: "column-title", "data-fit-box": "" })), h("ol", { class: "bars" }), h("p", { class: "muted no-dots" })),
    (el, table) => {
      columnHead(el, table);
      const ranked = notesAt(state, table.id)
        .filter((n) => state.votes[n.id])
        .sort((a, b) => state.votes[b.id] - state.votes[a.id] || a.created_at - b.created_at)
        .slice(0, 6);
      setText(el.querySelector(".no-dots"), ranked.length ? "" : t("no_dots"));
      show(el.querySelector(".no-dots"), ranked.length === 0);
      syncList(el.querySelector("ol"), ranked, (n) => n.id, () => h("li", { class: "bar-row" }, h("p", { class: "bar-text" }), h("div", { class: "bar" }, h("span", { class: "bar-fill" }), h("span", { class: "bar-count" }))), (li, note) => {
        setText(li.querySelector(".bar-text"), note.text);
        setText(li.querySelector(".bar-count"), String(state.votes[note.id]));
        li.querySelector(".bar-fill").style.setProperty("--share", String(state.votes[note.id] / most));
      });
    },
  );
  fitFont(root, { min: 14, max: 34 });
}
