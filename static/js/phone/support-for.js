// A scribe's supports for someone without a phone, in the open forum: pick the person,
// then support topics in their name, within their own budget.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { newId } from "../lib/ids.js";
import { t } from "../lib/i18n.js";
import { askWithoutPhone, withoutPhone } from "./without-phone.js";
import { rankedTopics } from "../lib/state.js";

let chosen = "";

function topicRow(live) {
  return (topic) => {
    const button = h("button", { type: "button", class: "small support-for" });
    button.addEventListener("click", async () => {
      const supported = button.getAttribute("aria-pressed") !== "true";
      const reply = await live.send("topic_support", { topic: topic.id, supported, for: chosen, op: newId() });
      setText($("#support-for-error"), reply.ok ? "" : reply.error.message);
      await askWithoutPhone(live);
    });
    return h("li", { class: "support-for-row" }, h("span", { class: "title" }), button);
  };
}

/** Draw the scribe's supports for the person chosen (only for who may write for others). */
export function renderSupportFor(state, live) {
  const scribe = state.me.may?.scribe;
  const allowed = scribe === "all" || (Array.isArray(scribe) && scribe.length > 0);
  show($("#support-for"), allowed);
  if (!allowed) return;
  const people = withoutPhone();
  if (people === null) askWithoutPhone(live);
  const select = $("#f-support-for");
  if (document.activeElement !== select) {
    select.replaceChildren(h("option", { value: "" }, t("support_for_nobody")), ...(people ?? []).map((p) => h("option", { value: p.id }, p.name)));
    select.value = (people ?? []).some((p) => p.id === chosen) ? chosen : "";
    chosen = select.value;
  }
  const person = (people ?? []).find((p) => p.id === chosen);
  const budget = state.workshop.settings.support_budget ?? 3;
  setText($("#support-for-left"), person ? t("support_for_left", { name: person.name, n: Math.max(0, budget - person.supports.length), total: budget }) : "");
  show($("#support-for-list"), Boolean(person));
  syncList($("#support-for-list"), person ? rankedTopics(state) : [], (topic) => topic.id, topicRow(live), (li, topic) => {
    const on = person.supports.includes(topic.id);
    setText(li.querySelector(".title"), topic.title);
    const button = li.querySelector("button");
    button.setAttribute("aria-pressed", String(on));
    setText(button, on ? t("supported") : t("support"));
    button.setAttribute("aria-label", t("support_for_topic", { name: person.name, title: topic.title }));
  });
}

/** Wire the choice of the person. */
export function wireSupportFor(getLive) {
  $("#f-support-for").addEventListener("change", (event) => {
    chosen = event.target.value;
    askWithoutPhone(getLive());
  });
}
