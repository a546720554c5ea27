// The phone in a forum ouvert: the marketplace (convene a session in a free cell, move or
// merge one's own), the law of two feet (check into a session, or leave it), who is here
// for a convener, the session's report, and comments in the amendment window.

import { $, h, setText, show } from "../lib/dom.js";
import { page, t } from "../lib/i18n.js";
import { newId } from "../lib/ids.js";

const DOOR = `cafe.door.${page.code}`;
let root = null;
let toTable = false; // a participant checked in chose to see the session's notes
let reportFor = null; // the session whose report form is open
let people = { session: null, list: null };

const lines = (text) => text.split("\n").map((s) => s.trim()).filter(Boolean);

function field(label, control) {
  return h("label", { class: "field" }, h("span", {}, label), control);
}

function build(live) {
  root = h("section", { id: "openspace", class: "openspace", hidden: true, "aria-labelledby": "os-title" });
  const convene = h("form", { id: "os-convene", class: "card", hidden: true, novalidate: true },
    h("h2", { id: "os-convene-title" }),
    field(t("os.title"), h("input", { name: "title", maxlength: 120, required: true, autocomplete: "off" })),
    field(t("os.description"), h("input", { name: "description", maxlength: 200, autocomplete: "off" })),
    h("p", { class: "form-error", role: "alert", id: "os-convene-error" }),
    h("div", { class: "inline" },
      h("button", { type: "submit", class: "primary" }, t("os.convene")),
      h("button", { type: "button", onclick: () => show(convene, false) }, t("cancel"))));
  convene.addEventListener("submit", async (event) => {
    event.preventDefault();
    const reply = await live.send("session_convene", {
      title: convene.elements.title.value, description: convene.elements.description.value,
      space: convene.dataset.space, slot: convene.dataset.slot, op: newId(),
    });
    setText($("#os-convene-error"), reply.ok ? "" : reply.error.message);
    if (reply.ok) {
      convene.reset();
      show(convene, false);
    }
  });
  const report = h("form", { id: "os-report", class: "card", hidden: true, novalidate: true },
    h("h2", { id: "os-report-title" }),
    field(t("os.key_points"), h("textarea", { name: "key_points", rows: 4 })),
    field(t("os.recommendations"), h("textarea", { name: "recommendations", rows: 3 })),
    field(t("os.next_steps"), h("textarea", { name: "next_steps", rows: 3, placeholder: t("os.next_steps_hint") })),
    h("p", { class: "muted", id: "os-report-people" }),
    h("p", { class: "form-error", role: "alert", id: "os-report-error" }),
    h("div", { class: "inline" },
      h("button", { type: "submit", class: "primary" }, t("os.save_report")),
      h("button", { type: "button", onclick: () => { reportFor = null; live.redraw(); } }, t("cancel"))));
  report.addEventListener("submit", (event) => {
    event.preventDefault();
    const steps = lines(report.elements.next_steps.value).map((line) => {
      const cut = line.lastIndexOf("/");
      return cut > 0 ? { what: line.slice(0, cut).trim(), owner: line.slice(cut + 1).trim() } : { what: line, owner: "" };
    });
    // Queued: written in a room without network, it is sent once the phone is back.
    live.queue("report_save", {
      session: reportFor, key_points: lines(report.elements.key_points.value),
      recommendations: lines(report.elements.recommendations.value), next_steps: steps,
    });
    reportFor = null;
    live.redraw();
  });
  root.append(
    h("h1", { id: "os-title", class: "view-title" }),
    h("p", { class: "lede", id: "os-lede" }),
    h("div", { id: "os-here", class: "card os-here", hidden: true }),
    convene, report,
    h("p", { class: "notice", id: "os-clashes", hidden: true }),
    h("div", { id: "os-body" }),
  );
  $("#main").append(root);
  // From the session's notes, back to the list of sessions.
  const back = h("button", { type: "button", class: "link os-back", id: "os-back" }, t("os.back"));
  back.addEventListener("click", () => { toTable = false; live.redraw(); });
  $("#table").prepend(back);
}

function slotName(slot) {
  const time = [slot.start, slot.end].filter(Boolean).join("–");
  return time ? `${slot.label} · ${time}` : slot.label;
}

function sessionsIn(os, slot) {
  return [...os.sessions.values()].filter((s) => s.slot === slot).sort((a, b) => a.number - b.number);
}

function marketplace(state, live, body) {
  const os = state.openspace;
  const me = state.me.participant.id;
  const form = $("#os-convene");
  for (const slot of os.layout.slots) {
    const cells = os.layout.spaces.map((space) => {
      const session = [...os.sessions.values()].find((s) => s.slot === slot.id && s.space === space.id);
      if (!session) {
        return h("li", { class: "os-cell free" }, h("span", { class: "os-space" }, space.name),
          h("button", { type: "button", class: "small", onclick: () => {
            form.dataset.space = space.id;
            form.dataset.slot = slot.id;
            setText($("#os-convene-title"), t("os.convene_in", { space: space.name, slot: slot.label }));
            show(form, true);
            form.elements.title.focus();
          } }, t("os.convene_here")));
      }
      const mine = session.conveners.includes(me);
      const moveTo = h("select", { "aria-label": t("os.move_to") }, h("option", { value: "" }, t("os.move_to")),
        ...os.layout.slots.flatMap((sl) => os.layout.spaces
          .filter((sp) => ![...os.sessions.values()].some((s) => s.slot === sl.id && s.space === sp.id))
          .map((sp) => h("option", { value: `${sp.id}|${sl.id}` }, `${sp.name} · ${sl.label}`))));
      moveTo.addEventListener("change", async () => {
        const [space2, slot2] = moveTo.value.split("|");
        if (space2) await live.send("session_move", { session: session.id, space: space2, slot: slot2 });
      });
      return h("li", { class: `os-cell${mine ? " mine" : ""}` }, h("span", { class: "os-space" }, space.name),
        h("strong", {}, session.title), h("span", { class: "muted" }, session.convener_names.join(", ")),
        mine ? moveTo : null);
    });
    body.append(h("h2", { class: "os-slot" }, slotName(slot)), h("ul", { class: "os-cells" }, ...cells));
  }
  const mineClashes = os.clashes.filter((c) => c.sessions.some((id) => os.sessions.get(id)?.conveners.includes(me)));
  const box = $("#os-clashes");
  box.replaceChildren(...mineClashes.map((c) => {
    const [own, other] = [...c.sessions].sort((a) => (os.sessions.get(a)?.conveners.includes(me) ? -1 : 1));
    if (c.kind === "convener") return h("p", {}, t("os.clash_convener"));
    return h("p", {}, t("os.clash_similar", { title: os.sessions.get(other)?.title ?? "" }), " ",
      h("button", { type: "button", class: "small", onclick: () => live.send("session_merge", { session: own, into: other }) }, t("os.merge")));
  }));
  show(box, mineClashes.length > 0);
}

async function fetchPeople(live, session) {
  if (people.session === session && people.list) return;
  people = { session, list: null };
  const reply = await live.send("session_people", { session });
  if (reply.ok && people.session === session) {
    people.list = reply.people;
    live.redraw();
  }
}

function hereCard(state, live) {
  const os = state.openspace;
  const box = $("#os-here");
  const seat = state.me.seat;
  const session = seat && os.sessions.get(seat);
  show(box, Boolean(session));
  if (!session) return;
  const space = os.layout.spaces.find((s) => s.id === session.space);
  const convener = session.conveners.includes(state.me.participant.id);
  const items = [h("p", { class: "muted" }, t("os.you_are_in")), h("h2", {}, session.title),
    h("p", {}, `${space?.name ?? ""} · ${t("os.here_count", { n: os.here[session.id] ?? 0 })}`)];
  if (convener) {
    fetchPeople(live, session.id);
    const moves = os.present[session.id] ?? {};
    const here = new Map((people.list ?? []).map((p) => [p.id, p.name]));
    for (const [pid, name] of Object.entries(moves)) {
      if (name === null) here.delete(pid);
      else here.set(pid, name);
    }
    const names = [...here.values()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    items.push(h("p", { id: "os-who" }, `${t("os.who_is_here")} ${names.join(", ")}`));
  }
  items.push(h("div", { class: "inline" },
    h("button", { type: "button", class: "primary", onclick: () => { toTable = true; live.redraw(); } }, t("os.notes")),
    h("button", { type: "button", onclick: () => openReport(state, live, session.id) }, t("os.write_report")),
    h("button", { type: "button", onclick: () => live.queue("session_check_in", { session: null }) }, t("os.leave"))));
  box.replaceChildren(...items);
}

function openReport(state, live, session) {
  reportFor = session;
  const form = $("#os-report");
  const saved = state.openspace.reports.get(session);
  form.elements.key_points.value = (saved?.key_points ?? []).join("\n");
  form.elements.recommendations.value = (saved?.recommendations ?? []).join("\n");
  form.elements.next_steps.value = (saved?.next_steps ?? []).map((s) => (s.owner ? `${s.what} / ${s.owner}` : s.what)).join("\n");
  live.redraw();
  form.elements.key_points.focus();
}

function running(state, live, body) {
  const os = state.openspace;
  const slot = os.layout.slots.find((s) => s.id === os.slot_now);
  setText($("#os-lede"), slot ? t("os.now", { slot: slotName(slot) }) : t("os.two_feet"));
  const shown = slot ? sessionsIn(os, slot.id) : [...os.sessions.values()].sort((a, b) => a.number - b.number);
  body.append(h("ul", { class: "os-sessions" }, ...shown.map((s) => {
    const space = os.layout.spaces.find((sp) => sp.id === s.space);
    const here = state.me.seat === s.id;
    return h("li", { class: `os-session${here ? " current" : ""}` },
      h("strong", {}, s.title), h("span", { class: "muted" }, `${space?.name ?? ""} · ${t("os.here_count", { n: os.here[s.id] ?? 0 })}`),
      here ? null : h("button", { type: "button", class: "small", onclick: () => {
        toTable = false;
        live.queue("session_check_in", { session: s.id });
      } }, t("os.go_here")));
  })));
}

function closing(state, live, body) {
  const os = state.openspace;
  const me = state.me.participant.id;
  setText($("#os-lede"), os.amendment === "open" ? t("os.amend_open") : os.amendment === "final" ? t("os.final") : t("os.news"));
  for (const session of [...os.sessions.values()].sort((a, b) => a.number - b.number)) {
    const report = os.reports.get(session.id);
    const mayWrite = os.amendment !== "final" && (session.conveners.includes(me) || os.visited.has(session.id));
    const card = h("article", { class: "card os-report" }, h("h2", {}, `${session.number}. ${session.title}`));
    if (report) {
      for (const [key, items] of [["os.key_points", report.key_points], ["os.recommendations", report.recommendations]]) {
        if (items.length) card.append(h("h3", {}, t(key)), h("ul", {}, ...items.map((i) => h("li", {}, i))));
      }
      if (report.next_steps.length) {
        card.append(h("h3", {}, t("os.next_steps")), h("ul", {}, ...report.next_steps.map((s) => h("li", {}, s.owner ? `${s.what} — ${s.owner}` : s.what))));
      }
      card.append(h("p", { class: "muted" }, report.participants.join(", ")));
    } else {
      card.append(h("p", { class: "muted" }, t("os.no_report")));
    }
    const comments = [...os.comments.values()].filter((c) => c.session === session.id);
    if (comments.length) card.append(h("ul", { class: "os-comments" }, ...comments.map((c) => h("li", {}, `${c.name} : ${c.text}`))));
    if (mayWrite) card.append(h("button", { type: "button", class: "small", onclick: () => openReport(state, live, session.id) }, t("os.write_report")));
    if (os.amendment === "open" && os.visited.has(session.id)) {
      const input = h("input", { name: "text", maxlength: 500, "aria-label": t("os.comment"), placeholder: t("os.comment") });
      const form = h("form", { class: "inline os-comment" }, input, h("button", { type: "submit", class: "small" }, t("os.send")));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (input.value.trim()) live.queue("report_comment", { session: session.id, text: input.value });
        input.value = "";
      });
      card.append(form);
    }
    body.append(card);
  }
}

/** Whether the phone shows the session's notes (the café's table view) rather than this. */
export function wantsTable(state) {
  return state.workshop.phase === "cafe" && Boolean(state.me.seat) && toTable && !reportFor;
}

/** A space's door code scanned before joining: check in now that the phone is live. */
function throughTheDoor(state, live) {
  const space = page.space ?? sessionStorage.getItem(DOOR);
  if (!space || state.workshop.phase !== "cafe") return;
  sessionStorage.removeItem(DOOR);
  page.space = null;
  live.queue("session_check_in", { space });
}

export function renderOpenSpace(state, live) {
  if (!root) build(live);
  throughTheDoor(state, live);
  // Where one sits now is a session one took part in (a resync may replay, not reload).
  if (state.me.seat) state.openspace.visited.add(state.me.seat);
  const phase = state.workshop.phase;
  setText($("#os-title"), t(`os.phase.${phase}`));
  if (phase === "forum") setText($("#os-lede"), t("os.market_help"));
  else if (phase === "setup") setText($("#os-lede"), t("os.setup"));
  const body = $("#os-body");
  body.replaceChildren();
  show($("#os-convene"), phase === "forum" && !$("#os-convene").hidden);
  show($("#os-clashes"), false);
  const report = $("#os-report");
  show(report, Boolean(reportFor));
  if (reportFor) {
    const session = state.openspace.sessions.get(reportFor);
    setText($("#os-report-title"), t("os.report_of", { title: session?.title ?? "" }));
    setText($("#os-report-people"), state.openspace.reports.get(reportFor)?.participants.join(", ") ?? "");
    show($("#os-here"), false);
    return;
  }
  if (phase === "forum") marketplace(state, live, body);
  else if (phase === "cafe") running(state, live, body);
  else if (phase === "harvest" || phase === "closed") closing(state, live, body);
  if (phase === "cafe") hereCard(state, live);
  else show($("#os-here"), false);
}
