// The projector's views of cross-pollination: each table's brief for its newcomers (the
// console switches to it between rounds, once people have found their seats: until then
// the room needs the seating plan), and how the ideas travelled (tables as columns, each
// carried note an arrow from the table it left to the table it reached, round by round).

import { h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { tableList } from "../lib/state.js";
import { asked } from "../lib/asked.js";
import { flagText } from "../lib/backing.js";
import { COLUMN_MIN, FLOOR, baseSize, fitFont, foldOldest, overflows, pageColumns, pageLine } from "./fit.js";

const $ = (selector) => document.querySelector(selector);

/** "Carried from Table 2 by Marc", or without a name for an anonymous note. */
export function carriedLine(note) {
  const from = note.carried;
  if (!from) return "";
  return from.by_name ? t("carried.by", { n: from.from_number, name: from.by_name }) : t("carried.from", { n: from.from_number });
}

/** The flag of a note's dots on the screen ("agreed across 4 organisations"), or "". */
export function noteFlag(state, noteId) {
  return flagText(state.backing?.notes?.[noteId]);
}

// --- Each table's brief ----------------------------------------------------------------

function briefColumn() {
  const part = (name) => h("div", { class: `brief-part brief-${name}` }, h("h3", {}, t(`brief.${name}`)), h("ul", {}));
  return h(
    "section",
    { class: "column brief-column" },
    h("header", {}, h("p", { class: "column-number" }), h("h2", { class: "column-title" })),
    h("div", { class: "column-body", "data-fit-box": "" }, part("questions"), part("top"), part("arrived"), h("p", { class: "no-note brief-empty" }, t("brief.empty"))),
  );
}

function fillPart(part, items, text, meta = () => "") {
  show(part, items.length > 0);
  syncList(part.querySelector("ul"), items, (item) => item.id, () => h("li", {}, h("span", { class: "brief-text" }), h("span", { class: "brief-meta" })), (li, item) => {
    li.className = item.colour ? `note-${item.colour}` : "";
    setText(li.querySelector(".brief-text"), text(item));
    setText(li.querySelector(".brief-meta"), meta(item));
  });
}

/** What a table's brief depends on, as the screen knows it: its notes, their reactions and dots. */
function briefSign(state, tableId) {
  const notes = [...state.notes.values()].filter((n) => n.table === tableId);
  const weight = notes.reduce((sum, n) => sum + Object.values(state.reactions?.[n.id] ?? {}).reduce((a, b) => a + b, 0) + (state.votes[n.id] ?? 0), 0);
  return `${notes.length}|${notes.reduce((m, n) => Math.max(m, n.updated_at ?? 0), 0)}|${weight}|${state.rounds.current}`;
}

/** Each table's brief, a column a table (pages turn where they do not all fit). Returns whether it has pages. */
export function renderBriefs(state, live, { turn = 0, pageEl = null } = {}) {
  const r = state.rounds;
  setText($("#briefs-heading"), t("briefs_heading"));
  setText($("#briefs-meta"), [r.current ? t("round_over", { n: r.current }) : "", t("briefs_meta")].filter(Boolean).join(" "));
  const root = $("#briefs-columns");
  syncList(root, tableList(state), (table) => table.id, briefColumn, (el, table) => {
    setText(el.querySelector(".column-number"), t("table_n", { n: table.number }));
    setText(el.querySelector(".column-title"), table.title);
    const reply = asked(live, "table_brief", { table: table.id }, briefSign(state, table.id));
    const questions = reply?.questions ?? [];
    const top = reply?.top ?? [];
    const arrived = reply?.arrived ?? [];
    fillPart(el.querySelector(".brief-questions"), questions, (q) => q.text);
    fillPart(el.querySelector(".brief-top"), top, (n) => n.text);
    fillPart(el.querySelector(".brief-arrived"), arrived, (n) => n.text, carriedLine);
    show(el.querySelector(".brief-empty"), Boolean(reply) && !questions.length && !top.length && !arrived.length);
  });
  const columns = [...root.children];
  for (const li of root.querySelectorAll("li")) li.hidden = false;
  const { page, pages } = pageColumns(root, columns, COLUMN_MIN, turn);
  if (pageEl) pageLine(pageEl, t("page_of", { page: page + 1, pages }), pages);
  fitFont(root, { min: FLOOR, max: 1.2 * baseSize() });
  // Still too much at 18 px: the questions and what arrived stay, the top notes fold.
  for (const column of columns.filter((c) => !c.hidden)) {
    const body = column.querySelector(".column-body");
    if (!overflows(body)) continue;
    const items = [...body.querySelectorAll(".brief-questions li, .brief-arrived li"), ...body.querySelectorAll(".brief-top li")];
    const parts = [...body.querySelectorAll(".brief-part")].filter((part) => !part.hidden);
    // The least noted notes fold first; a part left with nothing shown loses its heading.
    foldOldest(body, items, (li) => -items.indexOf(li), () => {
      for (const part of parts) part.hidden = !part.querySelector("li:not([hidden])");
    });
  }
  return pages > 1;
}

// --- How the ideas travelled -------------------------------------------------------------

const MAX_COLUMNS = 12; // beyond, only the tables a note left or reached get a column

/** The carried notes, round by round, then by the table they left. */
function traces(state) {
  const number = (id) => state.tables.get(id)?.number ?? 0;
  return [...state.notes.values()]
    .filter((n) => n.carried && state.tables.has(n.table))
    .sort((a, b) => a.carried.round - b.carried.round || a.carried.from_number - b.carried.from_number || number(a.table) - number(b.table) || a.created_at - b.created_at);
}

/** Place `el` in the grid (through the CSSOM: the page's policy refuses style attributes). */
function placed(el, row, column) {
  if (row) el.style.gridRow = row;
  if (column) el.style.gridColumn = column;
  return el;
}

/** Whether a carried note was built on at its new table: dots or reactions there, or an idea of the synthesis drawn from it. */
function builtOn(state, note) {
  if (state.votes[note.id] > 0) return true;
  if (Object.values(state.reactions?.[note.id] ?? {}).some((n) => n > 0)) return true;
  return [...state.synthesis.values()].some((item) => item.kind === "idea" && (item.note === note.id || item.group?.includes(note.id)));
}

function laneOf(columns) {
  return new Map(columns.map((table, i) => [table.id, i]));
}

/**
 * How the ideas travelled: the tables as columns, each carried note an arrow from the
 * column of the table it left to the column of the table it reached, with its words on
 * it; the rounds one under the other. The oldest fold onto a "+N more" line.
 */
export function renderTraces(state) {
  const all = traces(state);
  setText($("#traces-heading"), t("traces_heading"));
  setText($("#traces-meta"), all.length ? tn("traces", all.length) : t("traces.none"));
  const root = $("#traces");
  show(root, all.length > 0);
  if (!all.length) {
    root.replaceChildren();
    show($("#traces-more"), false);
    return;
  }
  const tables = tableList(state);
  const used = new Set(all.flatMap((n) => [n.table, n.carried.from_table]));
  const columns = tables.length > MAX_COLUMNS ? tables.filter((table) => used.has(table.id)) : tables;
  const lane = laneOf(columns);
  const drawn = all.filter((n) => lane.has(n.table) && lane.has(n.carried.from_table));
  // Two grid tracks a table: an arrow runs from the middle of one column to the middle of another.
  root.style.setProperty("--lanes", String(columns.length * 2));
  const cells = [];
  columns.forEach((table, i) => {
    const span = `${2 * i + 1} / span 2`;
    cells.push(placed(h("div", { class: "trace-head" }, h("p", { class: "column-number" }, t("table_n", { n: table.number })), h("p", { class: "trace-title" }, table.title)), "1", span));
    cells.push(placed(h("div", { class: "trace-lane", "aria-hidden": "true" }), null, span));
  });
  let row = 2;
  let band = null;
  const rows = [];
  for (const note of drawn) {
    if (note.carried.round !== band) {
      band = note.carried.round;
      const label = placed(h("p", { class: "trace-band" }, t("traces.band", { n: band })), String(row), "1 / -1");
      label.dataset.band = String(band);
      cells.push(label);
      row += 1;
    }
    const from = lane.get(note.carried.from_table);
    const to = lane.get(note.table);
    const left = Math.min(from, to);
    const right = Math.max(from, to);
    const by = carriedLine(note);
    const arrow = placed(h(
      "div",
      { class: `trace ${to > from ? "rightward" : "leftward"}${builtOn(state, note) ? " built-on" : ""}`, title: by },
      h("p", { class: "trace-text" }, builtOn(state, note) ? `${note.text} · ${t("traces.built_on")}` : note.text),
      h("span", { class: "trace-arrow", "aria-hidden": "true" }),
    ), String(row), `${2 * left + 2} / ${2 * right + 2}`);
    arrow.dataset.band = String(band);
    arrow.dataset.order = String(rows.length);
    rows.push(arrow);
    cells.push(arrow);
    row += 1;
  }
  // The columns' lines run from under their heads to the last arrow.
  for (const lane of cells.filter((cell) => cell.classList.contains("trace-lane"))) lane.style.gridRow = `2 / ${row}`;
  // Rebuilt as a whole: a few dozen elements, and the grid's rows depend on every trace.
  const sign = JSON.stringify([columns.map((c) => [c.id, c.number, c.title]), drawn.map((n) => [n.id, n.text, n.table, n.carried.from_table, n.carried.round, builtOn(state, n)])]);
  if (root.dataset.sign !== sign) {
    root.replaceChildren(...cells);
    root.dataset.sign = sign;
  }
  const arrows = [...root.querySelectorAll(".trace")];
  const bands = [...root.querySelectorAll(".trace-band")];
  const more = $("#traces-more");
  const after = () => {
    for (const label of bands) label.hidden = !arrows.some((a) => !a.hidden && a.dataset.band === label.dataset.band);
    const folded = arrows.filter((a) => a.hidden).length + (all.length - drawn.length);
    setText(more, folded ? tn("traces.more", folded) : "");
    show(more, folded > 0);
  };
  for (const arrow of arrows) arrow.hidden = false;
  after();
  fitFont(root, { min: FLOOR, max: 1.3 * baseSize() });
  // Too many for the screen: the latest rounds show, the earliest are counted.
  if (overflows(root)) foldOldest(root, arrows, (a) => Number(a.dataset.order), after);
}
