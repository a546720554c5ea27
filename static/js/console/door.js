// The door panel: who may come in (open, on approval, locked; the people expected), who
// waits in the lobby and why, a burst from one address held and shown as such, sweeping
// idle joiners, and the vote's review (dots per organisation, one address behind a note).

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { people } from "../lib/state.js";

const SHOWN = 30; // people listed one by one; the rest are counted (bursts have their line)
const BURST_SHOWN = 5; // entries of one address held for pace before it gets a line

function say(reply) {
  setText($("#door-error"), reply.ok ? "" : reply.error.message);
  return reply;
}

/** Entries held for their pace, grouped by the address they came from, largest first. */
export function bursts(lobby) {
  const groups = new Map();
  for (const entry of lobby) {
    if (entry.reason !== "burst") continue;
    const group = groups.get(entry.source) ?? [];
    group.push(entry);
    groups.set(entry.source, group);
  }
  return [...groups.entries()]
    .filter(([, entries]) => entries.length >= BURST_SHOWN)
    .map(([source, entries]) => {
      const times = entries.map((e) => e.at);
      return { source, ids: entries.map((e) => e.id), seconds: Math.max(1, Math.round(Math.max(...times) - Math.min(...times))) };
    })
    .sort((a, b) => b.ids.length - a.ids.length);
}

function burstLine(live) {
  return () => {
    const admit = h("button", { type: "button", class: "small" }, t("door.burst_admit"));
    const refuse = h("button", { type: "button", class: "small danger-text" }, t("door.burst_refuse"));
    admit.addEventListener("click", async () => say(await live.send("lobby_admit", { ids: JSON.parse(admit.closest("li").dataset.ids) })));
    refuse.addEventListener("click", async () => say(await live.send("lobby_refuse", { ids: JSON.parse(refuse.closest("li").dataset.ids) })));
    return h("li", { class: "door-burst" }, h("strong", { class: "text" }), " ", admit, " ", refuse);
  };
}

function updateBurst(li, burst) {
  li.dataset.ids = JSON.stringify(burst.ids);
  setText(li.querySelector(".text"), t("door.burst", { n: burst.ids.length, s: burst.seconds }));
}

function waitingLine(live) {
  return () => {
    const admit = h("button", { type: "button", class: "small" }, t("door.admit"));
    const refuse = h("button", { type: "button", class: "small danger-text" }, t("door.refuse"));
    const merge = h("select", { class: "door-merge" });
    const id = () => admit.closest("li").dataset.id;
    admit.addEventListener("click", async () => say(await live.send("lobby_admit", { ids: [id()] })));
    refuse.addEventListener("click", async () => say(await live.send("lobby_refuse", { ids: [id()] })));
    merge.addEventListener("change", async () => {
      if (!merge.value) return;
      say(await live.send("lobby_admit", { ids: [id()], into: merge.value }));
      merge.value = "";
    });
    return h(
      "li",
      { class: "lobby-entry" },
      h("span", { class: "name" }),
      " ",
      h("span", { class: "org muted" }),
      " ",
      h("span", { class: "tag reason" }),
      h("span", { class: "lobby-actions" }, admit, " ", merge, " ", refuse),
    );
  };
}

function updateWaiting(state) {
  const everyone = people(state);
  return (li, entry) => {
    li.dataset.id = entry.id;
    setText(li.querySelector(".name"), entry.name);
    setText(li.querySelector(".org"), entry.organisation);
    setText(li.querySelector(".reason"), t(`door.reason.${entry.reason}`));
    const [admit, merge, refuse] = li.querySelectorAll(".lobby-actions > *");
    admit.setAttribute("aria-label", t("door.admit_name", { name: entry.name }));
    refuse.setAttribute("aria-label", t("door.refuse_name", { name: entry.name }));
    merge.setAttribute("aria-label", t("door.merge_name", { name: entry.name }));
    const options = [["", t("door.merge")], ...everyone.map((p) => [p.id, p.organisation ? `${p.name} · ${p.organisation}` : p.name])];
    const key = options.map(([v]) => v).join(",");
    if (merge.dataset.key !== key) {
      merge.replaceChildren(...options.map(([value, label]) => h("option", { value }, label)));
      merge.dataset.key = key;
    }
  };
}

/** Draw the door panel from the state (the door, the lobby). */
export function renderDoorPanel(state, live) {
  const door = state.door;
  for (const radio of document.querySelectorAll("input[name=door-mode]")) radio.checked = radio.value === door.mode;
  const field = $("#f-expected");
  if (document.activeElement !== field) field.value = door.expected ?? "";
  const lobby = [...state.lobby.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  setText($("#door-count"), lobby.length ? String(lobby.length) : "");
  const held = bursts(lobby);
  syncList($("#door-bursts"), held, (b) => b.source, burstLine(live), updateBurst);
  const inBursts = new Set(held.flatMap((b) => b.ids));
  const one = lobby.filter((e) => !inBursts.has(e.id));
  syncList($("#lobby"), one.slice(0, SHOWN), (e) => e.id, waitingLine(live), updateWaiting(state));
  setText($("#lobby-more"), one.length > SHOWN ? t("door.more", { n: one.length - SHOWN }) : "");
  setText($("#lobby-empty"), lobby.length ? "" : t("door.none"));
  show($("#lobby-admit-all"), one.length > 1);
  setText($("#lobby-admit-all"), t("door.admit_all", { n: Math.min(one.length, 500) }));
}

function noteText(state, id) {
  const note = state.notes.get(id);
  const text = note ? note.text : id;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function flagLine(state, flag) {
  const note = noteText(state, flag.note);
  if (flag.kind === "person") return t("door.flag.person", { name: flag.name, n: flag.dots, note });
  return t("door.flag.address", { people: flag.people, n: flag.dots, note });
}

function renderReview(state, review) {
  const flags = review.flags.map((flag) => h("li", { class: "flag" }, flagLine(state, flag)));
  if (!flags.length) flags.push(h("li", { class: "muted" }, t("door.flags_none")));
  const notes = Object.entries(review.notes)
    .map(([id, orgs]) => [id, orgs, Object.values(orgs).reduce((a, b) => a + b, 0)])
    .sort((a, b) => b[2] - a[2])
    .slice(0, 10)
    .map(([id, orgs, total]) => {
      const parts = Object.entries(orgs)
        .sort((a, b) => b[1] - a[1])
        .map(([org, n]) => `${org || t("door.no_org")} ${n}`);
      return h("li", {}, h("strong", {}, `${noteText(state, id)} · ${tn("door.dots", total)}`), h("br"), parts.join(" · "));
    });
  $("#vote-flags").replaceChildren(...flags);
  $("#vote-by-org").replaceChildren(...notes);
}

/** Wire the panel's controls once. */
export function wireDoorPanel(getLive) {
  for (const radio of document.querySelectorAll("input[name=door-mode]")) {
    radio.addEventListener("change", async () => {
      if (radio.checked) say(await getLive().send("door_set", { mode: radio.value }));
    });
  }
  $("#door-expected").addEventListener("submit", async (event) => {
    event.preventDefault();
    const raw = $("#f-expected").value.trim();
    say(await getLive().send("door_set", { expected: raw ? Number(raw) : null }));
  });
  $("#lobby-admit-all").addEventListener("click", async () => {
    const ids = [...$("#lobby").querySelectorAll("li")].map((li) => li.dataset.id);
    const rest = [...getLive().state.lobby.values()].filter((e) => e.reason !== "burst").map((e) => e.id);
    say(await getLive().send("lobby_admit", { ids: [...new Set([...ids, ...rest])].slice(0, 500) }));
  });
  $("#sweep-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const minutes = Number($("#f-sweep").value);
    if (!confirm(t("door.confirm_sweep", { n: minutes }))) return;
    const now = getLive().serverNow() / 1000;
    const reply = say(await getLive().send("participants_sweep", { from: now - minutes * 60, to: now }));
    if (reply.ok) setText($("#sweep-done"), tn("door.swept", reply.removed.length));
  });
  $("#vote-review").addEventListener("click", async () => {
    const reply = say(await getLive().send("vote_review", {}));
    if (reply.ok) renderReview(getLive().state, reply.review);
  });
}
