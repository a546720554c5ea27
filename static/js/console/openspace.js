// The console of a forum ouvert: spaces and slots, the slot under way, the marketplace's
// sessions and clashes, the amendment window, and the signs to print for the doors.

import { $, h, setText, show } from "../lib/dom.js";
import { page, t } from "../lib/i18n.js";

let wired = false;

function row(cells, onRemove) {
  return h("li", { class: "inline" }, ...cells,
    h("button", { type: "button", class: "small", onclick: onRemove }, t("os.remove")));
}

function report(reply) {
  setText($("#os-console-error"), reply.ok ? "" : reply.error.message);
  return reply;
}

export function renderOpenSpacePanel(state, live) {
  const on = state.workshop.format === "forum-ouvert";
  show($("#openspace-panel"), on);
  if (!on) return;
  const os = state.openspace;
  $("#os-spaces").replaceChildren(...os.layout.spaces.map((s) => row(
    [h("span", {}, `${s.name} · ${s.capacity}`),
      h("a", { href: `/w/${page.code}/space/${s.id}/qr.svg`, target: "_blank", rel: "noopener" }, "QR")],
    async () => report(await live.send("space_remove", { space: s.id })))));
  $("#os-slots").replaceChildren(...os.layout.slots.map((s) => row(
    [h("span", {}, [s.label, [s.start, s.end].filter(Boolean).join("–")].filter(Boolean).join(" · "))],
    async () => report(await live.send("slot_remove", { slot: s.id })))));
  const now = $("#os-slot-now");
  now.replaceChildren(h("option", { value: "" }, t("os.none")),
    ...os.layout.slots.map((s) => h("option", { value: s.id }, s.label)));
  now.value = os.slot_now ?? "";
  $("#os-amendment").value = os.amendment;
  show($("#os-ballot"), state.workshop.phase === "harvest" && os.amendment === "final");
  const clashes = os.clashes.map((c) => c.sessions.map((id) => os.sessions.get(id)?.title).join(" / "));
  setText($("#os-clash-list"), clashes.join(" · "));
  show($("#os-clash-list"), clashes.length > 0);
  const count = os.sessions.size;
  setText($("#os-session-count"), String(count));
  const news = os.news.length;
  setText($("#os-report-count"), `${news}/${count}`);
}

export function wireOpenSpacePanel(getLive) {
  if (wired) return;
  wired = true;
  $("#os-space-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const reply = report(await getLive().send("space_save", {
      name: form.elements.name.value, capacity: Number(form.elements.capacity.value) || 20 }));
    if (reply.ok) form.reset();
  });
  $("#os-slot-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const reply = report(await getLive().send("slot_save", {
      label: form.elements.label.value, start: form.elements.start.value, end: form.elements.end.value }));
    if (reply.ok) form.reset();
  });
  $("#os-slot-now").addEventListener("change", async (event) => {
    report(await getLive().send("slot_now", { slot: event.target.value || null }));
  });
  // Dots across sessions: the recommendations on one table, then the café's own vote.
  $("#os-ballot").addEventListener("click", async () => {
    const live = getLive();
    const made = report(await live.send("ballot_make", { title: t("os.ballot_title") }));
    if (made.ok) report(await live.send("voting_open", { table: made.table.id, budget: 3, cap: 1, hidden: true }));
  });
  $("#os-amendment").addEventListener("change", async (event) => {
    report(await getLive().send("amendment_set", { state: event.target.value }));
  });
}
