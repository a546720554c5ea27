// The projector's views between the rounds and at the vote: who goes where, and the
// dots. Type is set as large as the content allows, so the back of the room can read it;
// a crowd too large for one screen at 18 px is shown page by page, a vote's long tail is
// counted on a "+N more" line.

import { h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { comingRound, notesAt, tableList } from "../lib/state.js";
import { COLUMN_MIN, FLOOR, baseSize, fitFont, foldOldest, overflows, pageColumns, pageLine, paginate } from "./fit.js";

const $ = (selector) => document.querySelector(selector);

function columnHead(el, table) {
  setText(el.querySelector(".column-number"), t("table_n", { n: table.number }));
  setText(el.querySelector(".column-title"), table.title);
}

function columnShell(list, ...rest) {
  return h("section", { class: "column" }, h("header", {}, h("p", { class: "column-number" }), h("h2", { class: "column-title" })), list, ...rest);
}

/**
 * Where everyone goes for the coming round, table by table; at 0:00 of a round, where
 * everyone goes next. Returns whether some table's names take more than one page.
 */
export function renderSeating(state, { turn = 0, timeUp = false, pageEl = null } = {}) {
  const r = state.rounds;
  const round = timeUp ? r.current + 1 : comingRound(state);
  const seating = state.plan[String(round)] ?? {};
  setText($("#seating-time-up"), timeUp ? t("time_up.move") : "");
  show($("#seating-time-up"), timeUp);
  setText($("#seating-heading"), t("find_table", { n: round }));
  const over = r.status === "between" || timeUp;
  setText($("#seating-meta"), [over ? t("round_over", { n: r.current }) : "", timeUp ? "" : t("starts_soon")].filter(Boolean).join(" "));
  const tables = tableList(state);
  const root = $("#seating-columns");
  syncList(
    root,
    tables,
    (table) => table.id,
    () => columnShell(h("ul", { class: "seat-names", "data-fit-box": "" }), h("p", { class: "page-turn" })),
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
  const columns = [...root.children];
  for (const column of columns) {
    for (const li of column.querySelectorAll("li")) li.hidden = false;
    show(column.querySelector(".page-turn"), false);
  }
  // Names are short: a column may be narrower than the café's.
  const { page, pages } = pageColumns(root, columns, 8 * FLOOR, turn);
  if (pageEl) pageLine(pageEl, t("page_of", { page: page + 1, pages }), pages);
  const shown = columns.filter((column) => !column.hidden);
  const lists = shown.map((column) => column.querySelector("ul"));
  root.classList.remove("names-only");
  fitFont(root, { min: FLOOR, max: 1.3 * baseSize() });
  if (lists.some(overflows)) {
    // Organisations are only a help: a crowd's names come first.
    root.classList.add("names-only");
    fitFont(root, { min: FLOOR, max: 1.3 * baseSize() });
  }
  // More people than a column holds at 18 px: its names take turns, a page at a time.
  let paged = pages > 1;
  const namesTurn = Math.floor(turn / pages);
  for (const list of lists) {
    if (!overflows(list)) continue;
    const footer = list.parentElement.querySelector(".page-turn");
    setText(footer, t("page_of", { page: 99, pages: 99 })); // its room, before measuring
    show(footer, true);
    const names = paginate(list, [...list.children], namesTurn);
    setText(footer, t("page_of", { page: names.page + 1, pages: names.pages }));
    paged ||= names.pages > 1;
  }
  return paged;
}

/** The vote: dots cast while hidden, then each table's most voted notes as bars. */
export function renderVotes(state, { turn = 0, pageEl = null, flag = () => "" } = {}) {
  const voting = state.voting;
  const hidden = voting.hidden && !voting.revealed;
  setText($("#votes-heading"), voting.open ? t("votes_open") : t("votes_results"));
  setText($("#votes-meta"), t("votes_rules", { budget: voting.budget, cap: voting.cap }));
  setText($("#dots-cast"), tn("dots_cast", state.dots));
  show($("#dots-cast"), hidden);
  show($("#results"), !hidden);
  if (hidden) {
    if (pageEl) pageLine(pageEl, "", 1);
    return false;
  }
  const tables = tableList(state).filter((table) => !voting.table || voting.table === table.id);
  const root = $("#results");
  const most = Math.max(1, ...Object.values(state.votes));
  syncList(
    root,
    tables,
    (table) => table.id,
    () => columnShell(h("ol", { class: "bars", "data-fit-box": "" }), h("p", { class: "muted no-dots" }), h("p", { class: "more-line" })),
    (el, table) => {
      columnHead(el, table);
      const ranked = notesAt(state, table.id)
        .filter((n) => state.votes[n.id])
        .sort((a, b) => state.votes[b.id] - state.votes[a.id] || a.created_at - b.created_at)
        .slice(0, 6);
      setText(el.querySelector(".no-dots"), ranked.length ? "" : t("no_dots"));
      show(el.querySelector(".no-dots"), ranked.length === 0);
      syncList(el.querySelector("ol"), ranked, (n) => n.id, () => h("li", { class: "bar-row" }, h("p", { class: "bar-text" }), h("div", { class: "bar" }, h("span", { class: "bar-fill" }), h("span", { class: "bar-count" })), h("p", { class: "bar-flag" })), (li, note) => {
        li.dataset.rank = String(ranked.indexOf(note));
        setText(li.querySelector(".bar-text"), note.text);
        setText(li.querySelector(".bar-count"), String(state.votes[note.id]));
        li.querySelector(".bar-fill").style.setProperty("--share", String(state.votes[note.id] / most));
        // Beside the dots, the organisations behind them: "agreed across 4 organisations".
        const flagged = li.querySelector(".bar-flag");
        setText(flagged, flag(note.id));
        show(flagged, Boolean(flagged.textContent));
        flagged.dataset.flag = state.backing?.notes?.[note.id]?.flag ?? "";
      });
    },
  );
  const columns = [...root.children];
  for (const column of columns) {
    for (const li of column.querySelectorAll("li")) li.hidden = false;
    show(column.querySelector(".more-line"), false);
  }
  const { page, pages } = pageColumns(root, columns, COLUMN_MIN, turn);
  if (pageEl) pageLine(pageEl, t("page_of", { page: page + 1, pages }), pages);
  fitFont(root, { min: FLOOR, max: 1.2 * baseSize() });
  // Still too much at 18 px: each table keeps its most voted notes, the rest are counted.
  for (const column of columns.filter((c) => !c.hidden)) {
    const list = column.querySelector("ol");
    if (!overflows(list)) continue;
    foldOldest(list, [...list.children], (li) => -Number(li.dataset.rank), (count) => {
      const more = column.querySelector(".more-line");
      setText(more, count ? tn("more_voted", count) : "");
      show(more, count > 0);
    });
  }
  return pages > 1;
}
