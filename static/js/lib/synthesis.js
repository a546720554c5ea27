// The synthesis, drawn the same way on the phone, the screen and the console: per topic
// its retained ideas, the answers to its sub-questions, a summary and the ideas not
// developed; then the next steps. Where the viewer may write, the parts become editable;
// an edit based on an old version is refused by the server and the current text shown.

import { h, setText, show, syncList } from "./dom.js";
import { page, t } from "./i18n.js";
import { limited } from "./counter.js";
import { itemsOf, questionsAt, steps, tableList } from "./state.js";
import { ideaTools, renderIdeas, report, showCurrent } from "./syn-ideas.js";

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

// --- Summary and answers ---------------------------------------------------------------

function passageEditor(live, table, question) {
  const area = limited(h("textarea", { rows: 4, "aria-label": question ? question.text : t("syn.summary") }), page.limits?.passage);
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
      wrap.querySelector(".syn-current")?.remove();
    } else if (reply.error.current) {
      area.dataset.base = String(showCurrent(area, reply.error.current)); // merge by hand
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
  renderIdeas(el.querySelector(".syn-retained .syn-ideas"), live, itemsOf(state, table.id, "idea", "retained"), writable);
  renderIdeas(el.querySelector(".syn-undeveloped .syn-ideas"), live, itemsOf(state, table.id, "idea", "undeveloped"), writable);
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
    if (options.canPropose !== undefined) { // a page that may ever propose: shown while it may
      const form = h("form", { class: "inline syn-propose" },
        limited(h("input", { name: "text", placeholder: t("syn.propose_step"), "aria-label": t("syn.propose_step") }), page.limits?.step),
        limited(h("input", { name: "owner", placeholder: t("syn.owner"), "aria-label": t("syn.owner"), class: "short" }), page.limits?.owner),
        h("input", { name: "due", type: "date", "aria-label": t("syn.due"), class: "short" }),
        h("button", { type: "submit" }, t("syn.propose")));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const step = { text: form.elements.text.value, owner: form.elements.owner.value, due: form.elements.due.value };
        const reply = await live.send("step_propose", step);
        if (report(form, reply) && form.elements.text.value === step.text) form.reset();
      });
      el.append(form);
    }
  }
  show(el.querySelector(".syn-propose"), Boolean(options.canPropose)); // closes with the workshop
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
