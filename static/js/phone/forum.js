// The phone during the open forum: topics, support, proposals, the tables kept.

import { $, h, setText, show, showFieldError, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { tableList } from "../lib/state.js";
import { showCount, tooLong } from "../lib/counter.js";

function dots(used, budget) {
  return "●".repeat(Math.min(used, budget)) + "○".repeat(Math.max(budget - used, 0));
}

function topicCard(live) {
  return (topic) => {
    const button = h("button", { type: "button", class: "support" });
    button.addEventListener("click", () => {
      const supported = live.state.mine.supports.has(topic.id);
      live.queue("topic_support", { topic: topic.id, supported: !supported });
    });
    return h(
      "li",
      { class: "topic-card" },
      h("div", { class: "topic-text" }, h("h3", {}), h("p", { class: "muted description" })),
      h("div", { class: "topic-side" }, h("span", { class: "supporters" }), button),
    );
  };
}

function updateCard(live, budgetLeft) {
  return (li, topic) => {
    setText(li.querySelector("h3"), topic.title);
    const description = li.querySelector(".description");
    setText(description, topic.description);
    show(description, Boolean(topic.description));
    setText(li.querySelector(".supporters"), tn("supporters", topic.supporters));
    const supported = live.state.mine.supports.has(topic.id);
    const button = li.querySelector("button.support");
    li.classList.toggle("supported", supported);
    setText(button, supported ? t("supported") : t("support"));
    button.setAttribute("aria-pressed", String(supported));
    button.setAttribute("aria-label", `${supported ? t("supported") : t("support")}: ${topic.title}`);
    button.disabled = !supported && budgetLeft <= 0;
    // A greyed button says why: the line on top tells that no support is left.
    if (button.disabled) button.setAttribute("aria-describedby", "budget");
    else button.removeAttribute("aria-describedby");
  };
}

export function renderForum(state, live) {
  const budget = state.workshop.settings.support_budget;
  const used = [...state.mine.supports].filter((id) => state.topics.has(id)).length;
  const left = budget - used;
  setText($("#budget"), `${t("your_support")} ${dots(used, budget)}${left > 0 ? "" : ` · ${t("support_none")}`}`);
  $("#budget").setAttribute("aria-label", left > 0 ? t("support_left", { n: left, total: budget }) : t("support_none"));
  const topics = [...state.topics.values()].sort((a, b) => b.created_at - a.created_at);
  show($("#topics-empty"), topics.length === 0);
  syncList($("#topic-list"), topics, (topic) => topic.id, topicCard(live), updateCard(live, budget - used));

  const tables = tableList(state);
  show($("#kept"), tables.length > 0);
  const me = state.me.participant.id;
  syncList(
    $("#kept-list"),
    tables,
    (table) => table.id,
    (table) => {
      const volunteer = h("button", { type: "button", class: "small" }, t("volunteer"));
      volunteer.addEventListener("click", async () => {
        const reply = await live.send("host_volunteer", { table: table.id });
        if (!reply.ok) alert(reply.error.message);
      });
      return h("li", {}, h("span", { class: "title" }), " ", h("span", { class: "host muted" }), volunteer);
    },
    (li, table) => {
      setText(li.querySelector(".title"), table.title);
      setText(li.querySelector(".host"), table.host ? t("hosted_by", { name: table.host_name }) : "");
      show(li.querySelector("button"), !table.host);
      li.classList.toggle("mine", table.host === me);
    },
  );
}

export function wireForum(getLive) {
  const form = $("#propose-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const live = getLive();
    const title = form.elements.title.value.trim();
    const error = !title ? t("error.empty_topic") : tooLong(form.elements.title) || tooLong(form.elements.description);
    if (error) {
      showFieldError(form, { message: error }, $("#propose-error"));
      return;
    }
    live.queue("topic_propose", { title, description: form.elements.description.value.trim() });
    showFieldError(form, null, $("#propose-error"));
    form.reset();
    for (const field of [form.elements.title, form.elements.description]) showCount(field);
  });
}
