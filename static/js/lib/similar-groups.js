// Similar notes across the café, grouped by the server when the harvest or a vote opens:
// the console (and a rapporteur's phone) may make one idea of a group, its dots added up,
// or keep the notes apart. Nothing is merged without that click.

import { h, setText, show, syncList } from "./dom.js";
import { page, t, tn } from "./i18n.js";
import { asked } from "./asked.js";
import { newId } from "./ids.js";

const APART = `cafe.similar-apart.${page.code}`; // groups someone kept apart, on this device
const ops = new Map(); // group -> op, so that a retry after a lost answer adds one idea only

function apart() {
  try {
    return new Set(JSON.parse(localStorage.getItem(APART) || "[]"));
  } catch {
    return new Set();
  }
}

const groupKey = (group) => group.map((g) => g.note).sort().join("+");

/** Notes already in an idea of the synthesis (drawn from them, or accepted as a group). */
function taken(state) {
  const out = new Set();
  for (const item of state.synthesis.values()) {
    if (item.kind !== "idea") continue;
    if (item.note) out.add(item.note);
    for (const note of item.group ?? []) out.add(note);
  }
  return out;
}

function shell(level, id) {
  return h(
    "div",
    { class: "similar" },
    h(level, { class: "similar-title", id: `${id}-title` }, t("similar.title")),
    h("p", { class: "muted similar-help" }, t("similar.help")),
    h("ul", { class: "similar-groups" }),
    h("p", { class: "muted similar-none" }, t("similar.none")),
    h("p", { class: "similar-made", role: "status" }),
  );
}

function groupItem(live) {
  return (group) => {
    const select = h("select", { class: "similar-topic", "aria-label": t("similar.under") });
    const accept = h("button", { type: "button", class: "small primary similar-accept" }, t("similar.accept"));
    const keepApart = h("button", { type: "button", class: "small similar-apart" }, t("similar.apart"));
    const error = h("p", { class: "form-error", role: "alert" });
    const key = groupKey(group);
    accept.addEventListener("click", async () => {
      if (!ops.has(key)) ops.set(key, newId());
      accept.disabled = true;
      const notes = group.map(({ table, note }) => ({ table, note }));
      const reply = await live.send("idea_add", { table: select.value, section: "retained", notes, op: ops.get(key) });
      accept.disabled = false;
      setText(error, reply.ok ? "" : reply.error.message);
      // The group leaves the list: say where its idea went (during a vote in the café,
      // the synthesis itself shows only at the harvest).
      const made = li.closest(".similar")?.querySelector(".similar-made");
      const topic = select.selectedOptions[0]?.textContent ?? "";
      if (reply.ok && made) setText(made, t("similar.made", { topic }));
      live.redraw();
    });
    keepApart.addEventListener("click", () => {
      const kept = apart();
      kept.add(key);
      localStorage.setItem(APART, JSON.stringify([...kept]));
      live.redraw();
    });
    const li = h(
      "li",
      { class: "similar-group" },
      h("p", { class: "similar-count" }),
      h("ul", { class: "similar-notes" }),
      h("div", { class: "inline" }, h("label", { class: "similar-under" }, t("similar.under"), " ", select), accept, keepApart),
      error,
    );
    return li;
  };
}

function fillGroup(state) {
  return (li, group) => {
    setText(li.querySelector(".similar-count"), tn("similar.group", group.length));
    syncList(li.querySelector(".similar-notes"), group, (g) => g.note, () => h("li", {}), (item, { table, note, text, colour }) => {
      const n = state.notes.get(note); // a phone follows its own table only: the text comes with the group
      item.className = n || colour ? `note-${n?.colour ?? colour}` : "";
      setText(item, t("similar.note", { n: state.tables.get(table)?.number ?? "?", text: n?.text ?? text ?? "" }));
    });
    const select = li.querySelector("select");
    const tables = [...new Set(group.map((g) => g.table))].map((id) => state.tables.get(id)).filter(Boolean);
    const wanted = tables.map((table) => table.id).join(",");
    if (select.dataset.tables !== wanted) {
      select.replaceChildren(...tables.map((table) => h("option", { value: table.id }, `${table.number}. ${table.title}`)));
      select.dataset.tables = wanted;
    }
  };
}

/**
 * Draw the groups of similar notes into `container` while `on` (the harvest, or a vote
 * open); asked again when notes or the synthesis change.
 */
export function renderSimilar(container, state, live, on, level = "h3") {
  show(container, on);
  if (!on) return;
  if (!container.firstElementChild) container.append(shell(level, container.id));
  const ideas = [...state.synthesis.values()].filter((i) => i.kind === "idea").length;
  const sign = `${state.notes.size}|${ideas}|${state.workshop.phase}|${state.voting.open}|${state.dots}`;
  const reply = asked(live, "similar_notes", {}, sign);
  const used = taken(state);
  const hidden = apart();
  const groups = (reply?.groups ?? []).filter((group) => !hidden.has(groupKey(group)) && !group.every((g) => used.has(g.note)));
  syncList(container.querySelector(".similar-groups"), groups, groupKey, groupItem(live), fillGroup(state));
  show(container.querySelector(".similar-none"), Boolean(reply) && groups.length === 0);
}
