// The synthesis, drawn the same way on the phone, the screen and the console: per topic
// its retained ideas, the answers to its sub-questions, a summary and the ideas not
// developed; then the next steps. Where the viewer may write, the parts become editable;
// an edit based on an old version is refused by the server and the current text shown.

import { h, setText, show, syncList } from "./dom.js";
import { t } from "./i18n.js";
import { itemsOf, questionsAt, steps, tableList } from "./state.js";

/**
 * Draw the synthesis into `root`. `options.canWrite(table)` says whether the viewer may
 * edit a topic; `options.canDecide` whether they keep or drop next steps (the console);
 * `options.canPropose` whether they may propose next steps.
 */
export function renderSynthesis(root, state, live, options) {
  if (!root.firstElementChild) {
    root.append(h("div", { class: "syn-topics" }), h("section", { class: "syn-steps" }));
  }
  syncList(root.querySelector(".syn-topics"), tableList(state), (table) => table.id, topicShell, (el, table) =>
    renderTopic(el, state, live, table, options.canWrite(table)),
  );
  renderSteps(root.querySelector(".syn-steps"), state, live, options);
}

function topicShell() {
  return h(
    "section",
    { class: "syn-topic" },
    h("h2", { class: "syn-title" }),
    h("div", { class: "syn-block syn-retained" }, h("h3", {}, t("syn.retained")), h("ol", { class: "syn-ideas" }), h("div", { class: "syn-tools" })),
    h("div", { class: "syn-answers" }),
    h("div", { class: "syn-block syn-summary" }, h("h3", {}, t("syn.summary")), h("div", { class: "syn-body" })),
    h("div", { class: "syn-block syn-undeveloped" }, h("h3", {}, t("syn.undeveloped")), h("ul", { class: "syn-ideas" }), h("div", { class: "syn-tools" })),
  );
}

function report(el, reply) {
  const error = el.querySelector(".form-error") ?? el.appendChild(h("p", { class: "form-error", role: "alert" }));
  setText(error, reply.ok ? "" : reply.error.message);
  return reply.ok;
}

// --- Ideas --------------------------------------------------------------------------

function ideaItem(live, writable) {
  return (item) => {
    const li = h("li", { class: "syn-idea" }, h("span", { class: "syn-text" }), h("span", { class: "syn-votes" }));
    if (!writable) return li;
    const tools = h("span", { class: "syn-item-tools" });
    const button = (label, name, action) => {
      const b = h("button", { type: "button", class: "small link", dataset: { action: name } }, label);
      b.addEventListener("click", () => action(live.state.synthesis.get(item.key)));
      tools.append(b);
    };
    button(t("edit"), "edit", (current) => {
      const text = prompt(t("syn.edit_idea"), current.text);
      if (text !== null) live.send("idea_edit", { key: current.key, text, version: current.version }).then((r) => report(li, r));
    });
    button("↑", "up", (current) => move(live, current, -1));
    button(t("syn.merge_up"), "merge", (current) => {
      const siblings = itemsOf(live.state, current.table, "idea", current.section);
      const above = siblings[siblings.findIndex((i) => i.key === current.key) - 1];
      if (!above) return;
      const text = prompt(t("syn.merged_text"), `${above.text}\n${current.text}`);
      if (text) live.send("ideas_merge", { into: above.key, from: [current.key], text, version: above.version }).then((r) => report(li, r));
    });
    button("↓", "down", (current) => move(live, current, 1));
    button(t("syn.switch"), "switch", (current) =>
      live.send("idea_edit", { key: current.key, section: current.section === "retained" ? "undeveloped" : "retained", version: current.version }).then((r) => report(li, r)),
    );
    button(t("delete"), "delete", (current) => {
      if (confirm(t("syn.confirm_delete"))) live.send("idea_remove", { key: current.key, version: current.version }).then((r) => report(li, r));
    });
    li.append(tools);
    return li;
  };
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

function renderIdeas(list, state, live, items, writable) {
  list.classList.toggle("writable", writable);
  syncList(list, items, (item) => item.key, ideaItem(live, writable), (li, item) => {
    setText(li.querySelector(".syn-text"), item.text);
    const votes = li.querySelector(".syn-votes");
    setText(votes, item.votes ? t("syn.votes", { n: item.votes }) : "");
    show(votes, item.votes > 0);
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

function ideaTools(el, live, table, section) {
  if (el.firstElementChild) return;
  el.append(notePicker(el, live, table, section));
  const add = h("button", { type: "button", class: "small" }, t("syn.add_idea"));
  add.addEventListener("click", () => {
    const text = prompt(t("syn.new_idea"));
    if (text) live.send("idea_add", { table: table.id, section, text }).then((r) => report(el, r));
  });
  el.append(add);
  if (section === "retained") {
    const fill = h("button", { type: "button", class: "small" }, t("syn.fill"));
    fill.addEventListener("click", () => live.send("ideas_fill", { table: table.id, top: 5 }).then((r) => report(el, r)));
    el.append(fill);
  }
}

// --- Summary and answers ---------------------------------------------------------------

function passageEditor(live, table, question) {
  const area = h("textarea", { rows: 4, maxlength: 5000, "aria-label": question ? question.text : t("syn.summary") });
  const save = h("button", { type: "button", class: "small primary" }, t("save"));
  const saved = h("span", { class: "saved", "aria-live": "polite" });
  const wrap = h("div", { class: "syn-editor" }, area, h("div", { class: "inline" }, save, saved));
  save.addEventListener("click", async () => {
    // The version the text was written from: if someone saved since, the server says so.
    const version = Number(area.dataset.base || 0);
    const reply = await live.send("passage_save", { table: table.id, question: question ? question.id : null, text: area.value, version });
    if (report(wrap, reply)) {
      setText(saved, t("saved"));
      setTimeout(() => setText(saved, ""), 2000);
      area.dataset.dirty = "";
      area.dataset.base = String(reply.item.version);
    } else if (reply.error.current) {
      area.value = reply.error.current.text; // the current text, to merge by hand
      area.dataset.base = String(reply.error.current.version);
      area.dataset.dirty = "";
    }
  });
  area.addEventListener("input", () => {
    area.dataset.dirty = "1";
  });
  return wrap;
}

function renderPassage(body, live, table, question, item, writable) {
  const text = item?.text ?? "";
  if (!writable) {
    body.querySelector(".syn-editor")?.remove();
    const paragraph = body.querySelector(".syn-paragraph") ?? body.appendChild(h("p", { class: "syn-paragraph" }));
    setText(paragraph, text);
    return;
  }
  body.querySelector(".syn-paragraph")?.remove();
  if (!body.querySelector(".syn-editor")) body.replaceChildren(passageEditor(live, table, question));
  const area = body.querySelector("textarea");
  if (document.activeElement !== area && !area.dataset.dirty) {
    area.value = text;
    area.dataset.base = String(item?.version ?? 0);
  }
}

function renderTopic(el, state, live, table, writable) {
  el.classList.toggle("writable", writable);
  setText(el.querySelector(".syn-title"), `${table.number}. ${table.title}`);
  renderIdeas(el.querySelector(".syn-retained .syn-ideas"), state, live, itemsOf(state, table.id, "idea", "retained"), writable);
  renderIdeas(el.querySelector(".syn-undeveloped .syn-ideas"), state, live, itemsOf(state, table.id, "idea", "undeveloped"), writable);
  for (const [selector, section] of [[".syn-retained .syn-tools", "retained"], [".syn-undeveloped .syn-tools", "undeveloped"]]) {
    const tools = el.querySelector(selector);
    show(tools, writable);
    if (writable) ideaTools(tools, live, table, section);
  }
  const answers = state.synthesis;
  syncList(el.querySelector(".syn-answers"), questionsAt(state, table.id), (q) => q.id,
    () => h("div", { class: "syn-block syn-answer" }, h("h3", {}), h("div", { class: "syn-body" })),
    (block, question) => {
      setText(block.querySelector("h3"), question.text);
      renderPassage(block.querySelector(".syn-body"), live, table, question, answers.get(`answer:${table.id}:${question.id}`), writable);
    },
  );
  renderPassage(el.querySelector(".syn-summary .syn-body"), live, table, null, answers.get(`summary:${table.id}`), writable);
  // Read only, a part with nothing in it is left out, as a hand-written report would.
  for (const block of el.querySelectorAll(".syn-block")) {
    const empty = !block.querySelector("li") && !block.querySelector(".syn-paragraph")?.textContent.trim();
    show(block, writable || !empty);
  }
}

// --- Next steps --------------------------------------------------------------------------

function stepItem(live, options) {
  return (item) => {
    const li = h("li", { class: "syn-step" }, h("span", { class: "syn-text" }), h("span", { class: "syn-meta muted" }), h("span", { class: "syn-status chip" }));
    if (options.canDecide) {
      for (const status of ["kept", "dropped"]) {
        const b = h("button", { type: "button", class: "small", dataset: { status } }, t(`syn.${status}`));
        b.addEventListener("click", () => live.send("step_decide", { key: item.key, status }).then((r) => report(li, r)));
        li.append(b);
      }
    }
    return li;
  };
}

function renderSteps(el, state, live, options) {
  if (!el.firstElementChild) {
    el.append(h("h2", {}, t("syn.steps")), h("ul", { class: "syn-step-list" }));
    if (options.canPropose) {
      const form = h("form", { class: "inline syn-propose" },
        h("input", { name: "text", maxlength: 300, placeholder: t("syn.propose_step"), "aria-label": t("syn.propose_step") }),
        h("input", { name: "owner", maxlength: 100, placeholder: t("syn.owner"), "aria-label": t("syn.owner"), class: "short" }),
        h("input", { name: "due", type: "date", "aria-label": t("syn.due"), class: "short" }),
        h("button", { type: "submit" }, t("syn.propose")));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const reply = await live.send("step_propose", { text: form.elements.text.value, owner: form.elements.owner.value, due: form.elements.due.value });
        if (report(form, reply)) form.reset();
      });
      el.append(form);
    }
  }
  const visible = steps(state).filter((s) => options.canDecide || s.status !== "dropped");
  syncList(el.querySelector(".syn-step-list"), visible, (s) => s.key, stepItem(live, options), (li, step) => {
    setText(li.querySelector(".syn-text"), step.text);
    const due = step.due ? new Date(`${step.due}T12:00:00`).toLocaleDateString(document.documentElement.lang, { day: "numeric", month: "long", year: "numeric" }) : "";
    const meta = [step.owner, due].filter(Boolean).join(" · ");
    setText(li.querySelector(".syn-meta"), meta ? ` — ${meta}` : "");
    const status = li.querySelector(".syn-status");
    setText(status, t(`syn.${step.status}`));
    li.dataset.status = step.status;
  });
}
