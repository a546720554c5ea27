// The ideas of a topic in the synthesis: retained or not developed, ordered, merged, edited
// in place. Each idea's actions open from one small "⋯" button, so that a phone shows the
// ideas and not a wall of links.

import { h, setText, show, syncList } from "./dom.js";
import { page, t, tn } from "./i18n.js";
import { itemsOf } from "./state.js";
import { limited } from "./counter.js";
import { flagText } from "./backing.js";

/** Show a reply's error under `el` (or clear it); return whether the reply was ok. */
export function report(el, reply) {
  const error = el.querySelector(":scope > .form-error") ?? el.appendChild(h("p", { class: "form-error", role: "alert" }));
  setText(error, reply.ok ? "" : reply.error.message);
  return reply.ok;
}

/**
 * After a refused save because someone saved first: keep the draft, show what they saved
 * under it, and offer to take their text. Returns the version to write from next.
 */
export function showCurrent(area, current) {
  area.parentElement.querySelector(":scope > .syn-current")?.remove();
  const take = h("button", { type: "button", class: "small" }, t("syn.take_current"));
  const box = h("div", { class: "syn-current" }, h("p", { class: "muted" }, t("syn.current_is")), h("p", { class: "syn-current-text" }, current.text), take);
  take.addEventListener("click", () => {
    area.value = current.text;
    box.remove();
    area.focus();
  });
  area.after(box);
  return current.version;
}

/**
 * Open a small editor inside `host` with `text`; `save(text, version)` returns the
 * server's reply, `version` being the one the text was written from. Escape or Cancel
 * closes it; a refused save keeps it open with the reason shown.
 */
function openEditor(host, text, version, label, save) {
  host.querySelector(":scope > .syn-inline")?.remove();
  const area = limited(h("textarea", { rows: 3, "aria-label": label }), page.limits?.idea);
  area.value = text;
  const ok = h("button", { type: "submit", class: "small primary" }, t("save"));
  const cancel = h("button", { type: "button", class: "small" }, t("cancel"));
  const form = h("form", { class: "syn-inline syn-editor" }, area, h("div", { class: "inline" }, ok, cancel));
  const close = () => {
    form.remove();
    host.querySelector(".syn-more-toggle, .add-idea")?.focus();
  };
  cancel.addEventListener("click", close);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    ok.disabled = true;
    const reply = await save(area.value, version);
    ok.disabled = false;
    if (report(form, reply)) close();
    else if (reply.error.current) version = showCurrent(area, reply.error.current);
  });
  host.append(form);
  area.focus();
}

function move(live, item, step) {
  const siblings = itemsOf(live.state, item.table, "idea", item.section);
  const index = siblings.findIndex((i) => i.key === item.key);
  const neighbour = siblings[index + step];
  if (!neighbour) return;
  const beyond = siblings[index + 2 * step];
  const order = beyond ? (neighbour.order + beyond.order) / 2 : neighbour.order + step;
  live.send("idea_edit", { key: item.key, order, version: item.version });
}

function ideaActions(li, live, key) {
  const current = () => live.state.synthesis.get(key);
  const tools = h("div", { class: "syn-item-tools" });
  const button = (label, name, action, aria) => {
    const b = h("button", { type: "button", class: "small", dataset: { action: name } }, label);
    if (aria) b.setAttribute("aria-label", aria);
    b.addEventListener("click", () => action(current()));
    tools.append(b);
  };
  button(t("edit"), "edit", (item) =>
    openEditor(li, item.text, item.version, t("syn.edit_idea"), (text, version) => live.send("idea_edit", { key, text, version })),
  );
  button("↑", "up", (item) => move(live, item, -1), t("syn.up"));
  button("↓", "down", (item) => move(live, item, 1), t("syn.down"));
  button(t("syn.merge_up"), "merge", (item) => {
    const siblings = itemsOf(live.state, item.table, "idea", item.section);
    const above = siblings[siblings.findIndex((i) => i.key === item.key) - 1];
    if (!above) return;
    openEditor(li, `${above.text}\n${item.text}`, above.version, t("syn.merged_text"), (text, version) =>
      live.send("ideas_merge", { into: above.key, from: [key], text, version }),
    );
  });
  button(t("syn.switch"), "switch", (item) =>
    live.send("idea_edit", { key, section: item.section === "retained" ? "undeveloped" : "retained", version: item.version }).then((r) => report(li, r)),
  );
  // An idea accepted from a group of similar notes can be split back into one per note.
  button(t("syn.split"), "split", (item) => live.send("idea_split", { key: item.key }).then((r) => report(li, r)));
  button(t("delete"), "delete", (item) => {
    if (confirm(t("syn.confirm_delete"))) live.send("idea_remove", { key, version: item.version }).then((r) => report(li, r));
  });
  const toggle = h("button", { type: "button", class: "small syn-more-toggle", "aria-expanded": "false" }, "⋯");
  tools.hidden = true;
  toggle.addEventListener("click", () => {
    tools.hidden = !tools.hidden;
    toggle.setAttribute("aria-expanded", String(!tools.hidden));
  });
  li.append(toggle, tools);
}

function ideaItem(live, writable) {
  return (item) => {
    const li = h("li", { class: "syn-idea" }, h("span", { class: "syn-line" }, h("span", { class: "syn-text" }), h("span", { class: "syn-votes" }), h("span", { class: "syn-flag" })));
    if (writable) ideaActions(li, live, item.key);
    return li;
  };
}

/** Draw a list of ideas; a writable list gives each idea its actions. */
export function renderIdeas(list, live, items, writable) {
  list.classList.toggle("writable", writable);
  syncList(list, items, (item) => item.key, ideaItem(live, writable), (li, item) => {
    setText(li.querySelector(".syn-text"), item.text);
    const votes = li.querySelector(".syn-votes");
    setText(votes, item.votes ? tn("syn.votes", item.votes) : "");
    show(votes, item.votes > 0);
    // Beside the dots, the organisations behind them (the server's flag, when it has one).
    const entry = live.state.backing?.ideas?.[item.key];
    const flag = li.querySelector(".syn-flag");
    setText(flag, flagText(entry));
    show(flag, Boolean(entry?.flag));
    flag.dataset.flag = entry?.flag ?? "";
    const toggle = li.querySelector(".syn-more-toggle");
    if (!toggle) return;
    toggle.setAttribute("aria-label", t("syn.actions", { text: item.text.slice(0, 60) }));
    const index = items.indexOf(item);
    for (const name of ["up", "merge"]) li.querySelector(`[data-action=${name}]`).disabled = index === 0;
    li.querySelector("[data-action=down]").disabled = index === items.length - 1;
    show(li.querySelector("[data-action=split]"), (item.group?.length ?? 0) > 1);
  });
}

function notePicker(el, live, table, section) {
  const select = h("select", { class: "syn-pick", "aria-label": t("syn.from_note") });
  select.addEventListener("focus", () => {
    const taken = new Set([...live.state.synthesis.values()].map((i) => i.note).filter(Boolean));
    const notes = [...live.state.notes.values()].filter((n) => n.table === table.id && !taken.has(n.id));
    select.replaceChildren(h("option", { value: "" }, t("syn.from_note")), ...notes.map((n) => h("option", { value: n.id }, n.text.slice(0, 80))));
  });
  select.append(h("option", { value: "" }, t("syn.from_note")));
  select.addEventListener("change", () => {
    if (!select.value) return;
    live.send("idea_add", { table: table.id, section, note: select.value }).then((r) => report(el, r));
    select.value = "";
  });
  return select;
}

/** Fill `el` once with the ways to add ideas: from a note, typed, or the most voted. */
export function ideaTools(el, live, table, section) {
  if (el.firstElementChild) return;
  el.append(notePicker(el, live, table, section));
  const add = h("button", { type: "button", class: "small add-idea" }, t("syn.add_idea"));
  add.addEventListener("click", () =>
    openEditor(el, "", null, t("syn.new_idea"), (text) => live.send("idea_add", { table: table.id, section, text })),
  );
  el.append(add);
  if (section === "retained") {
    const fill = h("button", { type: "button", class: "small fill-ideas" }, t("syn.fill"));
    fill.addEventListener("click", () => live.send("ideas_fill", { table: table.id, top: 5 }).then((r) => report(el, r)));
    el.append(fill);
  }
}
