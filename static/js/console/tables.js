// The console's tables panel: titles, hosts, capacities, who sits where.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { clearIfUnchanged } from "../lib/forms.js";
import { t } from "../lib/i18n.js";
import { comingRound, notesAt, people, planned, seatedAt, tableList } from "../lib/state.js";

function setUnlessEditing(input, value) {
  if (document.activeElement !== input) input.value = value;
}

function tableRow(live) {
  return (table) => {
    const send = async (changes) => {
      const reply = await live.send("table_update", { table: table.id, ...changes });
      setText($("#tables-error"), reply.ok ? "" : reply.error.message);
    };
    const title = h("input", { class: "title", maxlength: 120, "aria-label": t("table_title") });
    title.addEventListener("change", () => send({ title: title.value }));
    const host = h("select", { class: "host", "aria-label": t("host") });
    host.addEventListener("change", () => send({ host: host.value || null }));
    const capacity = h("input", { class: "capacity number", type: "number", min: 1, max: 500, "aria-label": t("capacity") });
    capacity.addEventListener("change", () => send({ capacity: Number(capacity.value) }));
    return h(
      "tr",
      {},
      h("td", { class: "number-cell" }),
      h("td", {}, title),
      h("td", {}, host),
      h("td", { class: "seats-cell" }, h("span", { class: "seated" }), " / ", capacity),
      h("td", { class: "notes-cell" }),
    );
  };
}

export function renderTablesPanel(state, live) {
  const tables = tableList(state);
  setText($("#table-count"), String(tables.length));
  show($("#tables"), tables.length > 0);
  show($("#tables-empty"), tables.length === 0);
  const everyone = people(state);
  syncList($("#tables tbody"), tables, (table) => table.id, tableRow(live), (tr, table) => {
    setText(tr.querySelector(".number-cell"), String(table.number));
    setUnlessEditing(tr.querySelector(".title"), table.title);
    const host = tr.querySelector(".host");
    if (document.activeElement !== host) {
      host.replaceChildren(h("option", { value: "" }, t("no_host")), ...everyone.map((p) => h("option", { value: p.id }, p.name)));
      host.value = table.host ?? "";
    }
    setText(tr.querySelector(".seated"), String(seatedAt(state, table.id).length));
    setUnlessEditing(tr.querySelector(".capacity"), table.capacity);
    setText(tr.querySelector(".notes-cell"), String(notesAt(state, table.id).length));
  });
}

export function wireTablesPanel(getLive) {
  $("#table-add").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = event.currentTarget.elements.title;
    const title = input.value;
    const reply = await getLive().send("table_add", { title });
    setText($("#tables-error"), reply.ok ? "" : reply.error.message);
    if (reply.ok) clearIfUnchanged(input, title);
  });
}

/** A select to seat a participant (used in the participants panel). */
export function seatSelect(live, participantId) {
  const select = h("select", { class: "seat" });
  select.addEventListener("change", async () => {
    const table = select.value || null;
    // With planned rounds, a move goes through the plan (now, or in the coming round).
    const reply = planned(live.state)
      ? await live.send("plan_move", { participant: participantId, round: comingRound(live.state), table })
      : await live.send("seat_set", { participant: participantId, table });
    setText($("#people-error"), reply.ok ? "" : reply.error.message);
  });
  return select;
}

export function updateSeatSelect(select, state, participant) {
  if (document.activeElement === select) return;
  select.replaceChildren(
    h("option", { value: "" }, "—"),
    ...tableList(state).map((table) => h("option", { value: table.id }, `${table.number}. ${table.title}`)),
  );
  const coming = state.plan[String(comingRound(state))]?.[participant.id];
  select.value = (planned(state) ? coming : state.seats.get(participant.id)) ?? "";
  select.setAttribute("aria-label", `${participant.name}: ${t("table")}`);
}
