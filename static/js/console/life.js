// The console's "At the tables": writing alone and revealing, who is here now, who is done,
// raised hands (and lowering them), ending a round when everyone is done, people without a
// phone, and a look at one table as a participant there sees it.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { seatedAt, tableList } from "../lib/state.js";

let present = {}; // table -> participants connected and seated there, asked every few seconds
let presenceTimer = null;

async function refreshPresence(live) {
  const reply = await live.send("presence");
  if (!reply.ok) return;
  const before = JSON.stringify(present);
  present = reply.present ?? {};
  if (JSON.stringify(present) !== before) live.redraw(); // drawn again only when it changed
}

function watchPresence(live) {
  if (presenceTimer) return;
  refreshPresence(live);
  presenceTimer = setInterval(() => refreshPresence(live), 5000);
}

function report(reply) {
  setText($("#life-error"), reply.ok ? "" : reply.error.message);
  return reply;
}

function lifeRow(live, key) {
  return (table) => {
    const reveal = h("button", { type: "button", class: "small reveal" }, t("reveal"));
    reveal.addEventListener("click", async () => report(await live.send("notes_reveal", { table: table.id })));
    const view = h("a", { class: "button small view-as", href: previewLink(key, table.id), target: "_blank", rel: "noopener" });
    return h(
      "tr",
      {},
      h("th", { scope: "row", class: "table-name" }),
      h("td", { class: "here-now number" }),
      h("td", { class: "done-count number" }),
      h("td", { class: "hands" }),
      h("td", { class: "written" }, h("span", { class: "written-n" }), " ", reveal),
      h("td", {}, view),
    );
  };
}

function handItem(live) {
  return (person) => {
    const lower = h("button", { type: "button", class: "small lower" }, t("lower_hand"));
    lower.addEventListener("click", async () => report(await live.send("status_set", { participant: person.id, hand: false })));
    return h("li", {}, h("span", { class: "who" }), " ", lower);
  };
}

function updateRow(state, live) {
  return (tr, table) => {
    setText(tr.querySelector(".table-name"), `${table.number}. ${table.title}`);
    const seated = seatedAt(state, table.id);
    setText(tr.querySelector(".here-now"), String((present[table.id] ?? []).length));
    const done = seated.filter((p) => state.statuses[p.id]?.done).length;
    setText(tr.querySelector(".done-count"), t("done_of", { n: done, total: seated.length }));
    const hands = seated.filter((p) => state.statuses[p.id]?.hand);
    let list = tr.querySelector(".hands ul");
    if (!list) {
      list = h("ul", { class: "hand-list" });
      tr.querySelector(".hands").append(list);
    }
    syncList(list, hands, (p) => p.id, handItem(live), (li, p) => {
      setText(li.querySelector(".who"), `✋ ${p.name}`);
      li.querySelector(".lower").setAttribute("aria-label", t("lower_hand_of", { name: p.name }));
    });
    const alone = state.writing.private && !state.writing.revealed.includes(table.id);
    const n = state.written[table.id] ?? 0;
    setText(tr.querySelector(".written-n"), alone ? String(n) : "—");
    const reveal = tr.querySelector(".reveal");
    show(reveal, alone);
    reveal.setAttribute("aria-label", t("reveal_table_n", { n: table.number }));
    const view = tr.querySelector(".view-as");
    setText(view, t("view_as"));
    view.setAttribute("aria-label", t("view_as_n", { n: table.number }));
  };
}

/** Where the console looks at one table as a participant seated there (read-only). */
export function previewLink(key, tableId) {
  return `/j/${encodeURIComponent(location.pathname.split("/").pop())}?preview=${encodeURIComponent(tableId)}#key=${key}`;
}

function renderPeopleWithoutPhone(state) {
  const select = $("#f-nophone-table");
  if (document.activeElement !== select) {
    const chosen = select.value;
    select.replaceChildren(h("option", { value: "" }, t("no_table_yet")), ...tableList(state).map((tb) => h("option", { value: tb.id }, `${tb.number}. ${tb.title}`)));
    select.value = chosen;
  }
  const people = [...state.participants.values()].filter((p) => p.phone === false);
  syncList($("#nophone-list"), people, (p) => p.id, () => h("li", {}), (li, p) => {
    const seat = state.tables.get(state.seats.get(p.id));
    setText(li, seat ? `${p.name} · ${t("table_n", { n: seat.number })}` : p.name);
  });
}

/** Draw the panel. */
export function renderLifePanel(state, live, key) {
  if (!state.workshop) return;
  watchPresence(live);
  const settings = state.workshop.settings;
  const alone = $("#write-alone");
  if (document.activeElement !== alone) alone.checked = Boolean(state.writing.private);
  show($("#reveal-all"), Boolean(state.writing.private));
  const whenDone = $("#end-when-done");
  if (document.activeElement !== whenDone) whenDone.checked = Boolean(settings.end_when_done);
  const tables = tableList(state);
  show($("#life"), tables.length > 0);
  syncList($("#life tbody"), tables, (tb) => tb.id, lifeRow(live, key), updateRow(state, live));
  renderPeopleWithoutPhone(state);
}

/** Wire the panel's controls. */
export function wireLifePanel(getLive) {
  $("#write-alone").addEventListener("change", async (event) => {
    const reply = report(await getLive().send("writing_set", { private: event.target.checked }));
    if (!reply.ok) event.target.checked = !event.target.checked;
  });
  $("#reveal-all").addEventListener("click", async () => report(await getLive().send("notes_reveal", { table: null })));
  $("#end-when-done").addEventListener("change", async (event) => {
    const reply = report(await getLive().send("settings_update", { end_when_done: event.target.checked }));
    if (!reply.ok) event.target.checked = !event.target.checked;
  });
  $("#nophone-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const payload = { name: form.elements.name.value };
    if (form.elements.table.value) payload.table = form.elements.table.value;
    const reply = await getLive().send("participant_add", payload);
    setText($("#nophone-error"), reply.ok ? "" : reply.error.message);
    if (reply.ok) form.elements.name.value = "";
  });
}
