// The café on the projector: one column per table, this round's notes under their
// questions, newest first. A full column folds its oldest notes into a "+N" line, and
// notes slide down to make room for a new one rather than jump.

import { h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { notesAt, planned, questionsAt, seatedAt, tableList } from "../lib/state.js";
import { headCounts } from "./presence.js";
import { COLUMN_MIN, FLOOR, baseSize, foldOldest, overflows, pageColumns, pageLine, positions, slide } from "./fit.js";
import { carriedLine } from "./insight.js";

function noteItem() {
  return h("li", { class: "screen-note" }, h("p", { class: "note-text" }), h("p", { class: "note-author" }));
}

function column() {
  return h(
    "section",
    { class: "column" },
    h("header", {}, h("p", { class: "column-number" }), h("h2", { class: "column-title" }), h("p", { class: "column-meta" }), h("p", { class: "column-written", hidden: true })),
    h("div", { class: "column-body" }),
    h("p", { class: "column-earlier" }),
  );
}

/**
 * Fold the oldest notes of a column that does not fit, and say how many are folded. A
 * question with no note yet says so quietly while the column has room; it is the first
 * thing to go when the column is full.
 */
function fitColumn(el, earlier) {
  const body = el.querySelector(".column-body");
  const footer = el.querySelector(".column-earlier");
  const groups = [...body.querySelectorAll(".column-group")];
  const empty = groups.filter((group) => !group.querySelector(".screen-note"));
  for (const group of empty) group.hidden = false;
  const notes = [...body.querySelectorAll(".screen-note")];
  for (const note of notes) note.hidden = false;
  if (overflows(body)) for (const group of empty) group.hidden = true;
  const folded = foldOldest(body, notes, (li) => Number(li.dataset.created), (count) => {
    for (const group of groups) {
      if (group.querySelector(".screen-note")) group.hidden = !group.querySelector(".screen-note:not([hidden])");
    }
    const parts = [count ? tn("folded", count) : "", earlier ? tn("earlier", earlier) : ""].filter(Boolean);
    setText(footer, parts.join(" · "));
    show(footer, parts.length > 0);
  });
  el.dataset.folded = String(folded);
}

/** Everything a column shows, as plain data: a column is drawn again only when it changes. */
function columnView(state, table) {
  const current = planned(state) ? state.rounds.current : 0;
  const everything = notesAt(state, table.id).filter((n) => n.visibility !== "hidden");
  // Written alone: the room sees how many notes there are, never their text.
  const alone = state.writing?.private && !(state.writing.revealed ?? []).includes(table.id);
  return {
    table,
    host: state.participants.get(table.host)?.name ?? null,
    seated: headCounts()?.[table.id] ?? seatedAt(state, table.id).length,
    written: alone ? (state.written[table.id] ?? 0) : null,
    questions: questionsAt(state, table.id),
    notes: current > 1 ? everything.filter((n) => n.round >= current) : everything,
    earlier: current > 1 ? everything.filter((n) => n.round < current).length : 0,
  };
}

function fillColumn(el, { table, host, seated, written, questions, notes }) {
  show(el.querySelector(".column-written"), written !== null);
  setText(el.querySelector(".column-written"), written !== null ? tn("written_alone", written) : "");
  setText(el.querySelector(".column-number"), t("table_n", { n: table.number }));
  setText(el.querySelector(".column-title"), table.title);
  const parts = [tn("people_at", seated)];
  if (host) parts.unshift(t("hosted_by", { name: host }));
  setText(el.querySelector(".column-meta"), parts.join(" · "));
  const asked = new Set(questions.map((q) => q.id));
  const loose = (n) => !asked.has(n.question);
  const groups = [...questions.map((q) => ({ id: q.id, title: q.text })), { id: "", title: questions.length ? t("other_ideas") : "" }];
  syncList(
    el.querySelector(".column-body"),
    groups.filter((g) => g.id || notes.some(loose)),
    (group) => group.id || "loose",
    () => h("div", { class: "column-group" }, h("h3", {}), h("ul", { class: "screen-notes" }), h("p", { class: "no-note" })),
    (groupEl, group) => {
      setText(groupEl.querySelector("h3"), group.title);
      show(groupEl.querySelector("h3"), Boolean(group.title));
      const mine = notes.filter((n) => (group.id ? n.question === group.id : loose(n)));
      setText(groupEl.querySelector(".no-note"), mine.length ? "" : t("no_note_yet"));
      show(groupEl.querySelector(".no-note"), mine.length === 0);
      syncList(groupEl.querySelector("ul"), mine, (n) => n.id, noteItem, (li, note) => {
        li.className = `screen-note note-${note.colour}${li.classList.contains("enter") ? " enter" : ""}`;
        li.dataset.created = String(note.created_at);
        setText(li.querySelector(".note-text"), note.text);
        // A note carried from another table says so: "Carried from Table 2 by Marc".
        setText(li.querySelector(".note-author"), carriedLine(note) || (note.anonymous ? "" : note.author_name));
      });
    },
  );
}

const drawn = new WeakMap(); // column element -> what it showed when last drawn

/**
 * Draw every table's column into `root`, a page of tables at a time where they do not all
 * fit side by side; `pageEl` says which page shows. Returns how many pages there are.
 */
export function renderCafe(root, state, { turn = 0, pageEl = null } = {}) {
  const before = positions(root.querySelectorAll(".screen-note:not([hidden]), .column-group:not([hidden]) > h3"));
  const tables = tableList(state);
  const byColumn = new Map();
  syncList(root, tables, (table) => table.id, column, (el, table) => byColumn.set(el, table));
  const columns = [...root.children];
  const { page, pages } = pageColumns(root, columns, COLUMN_MIN, turn);
  if (pageEl) pageLine(pageEl, t("page_of", { page: page + 1, pages }), pages);
  // Type as large as the columns' width reads well (about 12 words a line), 18 px at least.
  const width = columns.find((el) => !el.hidden)?.clientWidth ?? 0;
  const px = Math.round(Math.min(baseSize(), Math.max(FLOOR, width / 12.5)));
  root.style.fontSize = `${px}px`;
  // Measuring and folding a column costs a layout: with 240 notes on the screen, drawing
  // only the columns that changed keeps a draw to a few milliseconds.
  const size = `${innerWidth}x${innerHeight}:${tables.length}:${page}/${pages}:${px}`;
  const changed = new Map();
  for (const el of columns) {
    if (el.hidden) continue;
    const view = columnView(state, byColumn.get(el));
    const seen = `${size}|${JSON.stringify(view)}`;
    if (drawn.get(el) === seen) continue;
    drawn.set(el, seen);
    fillColumn(el, view);
    changed.set(el, view.earlier);
  }
  for (const [el, count] of changed) fitColumn(el, count);
  slide(before);
  return pages;
}
