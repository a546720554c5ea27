// The host's brief for the newcomers of a rotation, on one screen: the table's questions,
// the three notes that drew most reactions and dots so far, and what travellers carried
// in. Shown to the host between rounds (on the "stay at your table" card), then at the
// top of "Earlier at this table" once the round starts. The server picks the notes.

import { h, setText, show, syncList } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { asked } from "../lib/asked.js";
import { carriedLine } from "./carry.js";

function shell() {
  const part = (name) => h("div", { class: `brief-part brief-${name}` }, h("h3", {}, t(`brief.${name}`)), h("ul", {}));
  return h(
    "section",
    { class: "brief", "aria-label": t("brief.title") },
    h("h2", { class: "brief-title" }, t("brief.title")),
    h("p", { class: "muted brief-help" }, t("brief.help")),
    part("questions"),
    part("top"),
    part("arrived"),
    h("p", { class: "muted brief-empty" }, t("brief.empty")),
  );
}

function fill(part, items, text, meta = () => "") {
  show(part, items.length > 0);
  syncList(part.querySelector("ul"), items, (item) => item.id, () => h("li", {}, h("span", { class: "brief-text" }), h("span", { class: "brief-meta muted" })), (li, item) => {
    li.className = item.colour ? `note-${item.colour}` : "";
    setText(li.querySelector(".brief-text"), text(item));
    setText(li.querySelector(".brief-meta"), meta(item));
  });
}

/** What the brief depends on: the table's notes and their reactions and dots, as this phone knows them. */
function sign(state, tableId) {
  const notes = [...state.notes.values()].filter((n) => n.table === tableId);
  const weight = notes.reduce((sum, n) => sum + Object.values(state.reactions[n.id] ?? {}).reduce((a, b) => a + b, 0) + (state.votes[n.id] ?? 0), 0);
  return `${notes.length}|${notes.reduce((m, n) => Math.max(m, n.updated_at ?? 0), 0)}|${weight}|${state.rounds.current}`;
}

/** Draw the brief of `tableId` into `container` (made once); hidden while `on` is false. */
export function renderBrief(container, state, live, tableId, on) {
  show(container, on);
  if (!on) return;
  if (!container.firstElementChild) container.append(shell());
  const reply = asked(live, "table_brief", { table: tableId }, sign(state, tableId));
  if (!reply) return;
  const questions = reply.questions ?? [];
  fill(container.querySelector(".brief-questions"), questions, (q) => q.text);
  fill(container.querySelector(".brief-top"), reply.top, (n) => n.text, (n) => (n.anonymous ? "" : n.author_name));
  fill(container.querySelector(".brief-arrived"), reply.arrived, (n) => n.text, carriedLine);
  show(container.querySelector(".brief-empty"), !questions.length && !reply.top.length && !reply.arrived.length);
}
