// The console's forum panel: settings, topics with their counts, merging, keeping.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { clearIfUnchanged } from "../lib/forms.js";
import { t, tn } from "../lib/i18n.js";
import { rankedTopics } from "../lib/state.js";

let checked = null; // topic ids the facilitator ticked; null: follow the ranking

function setUnlessEditing(input, value) {
  if (document.activeElement !== input) input.value = value;
}

function topicRow(live) {
  return (topic) => {
    const keep = h("input", { type: "checkbox", class: "keep" });
    keep.addEventListener("change", () => {
      checked = new Set([...document.querySelectorAll("#topics tbody tr")]
        .filter((tr) => tr.querySelector(".keep").checked)
        .map((tr) => tr.dataset.key));
      live.redraw();
    });
    const title = h("input", { class: "title", maxlength: 120 });
    const save = async () => {
      const current = live.state.topics.get(topic.id);
      if (!current || title.value.trim() === current.title) return;
      const reply = await live.send("topic_edit", { topic: topic.id, title: title.value });
      setText($("#forum-error"), reply.ok ? "" : reply.error.message);
    };
    title.addEventListener("change", save);
    const merge = h("select", { class: "merge" });
    merge.addEventListener("change", async () => {
      if (!merge.value) return;
      const into = live.state.topics.get(merge.value);
      if (!confirm(t("confirm.merge", { from: title.value, into: into?.title ?? "" }))) {
        merge.value = "";
        return;
      }
      const reply = await live.send("topic_merge", { topic: topic.id, into: merge.value });
      setText($("#forum-error"), reply.ok ? "" : reply.error.message);
    });
    const remove = h("button", { type: "button", class: "small danger-text" }, t("remove"));
    remove.addEventListener("click", async () => {
      if (!confirm(t("confirm.remove_topic", { title: title.value }))) return;
      const reply = await live.send("topic_remove", { topic: topic.id });
      setText($("#forum-error"), reply.ok ? "" : reply.error.message);
    });
    return h(
      "tr",
      {},
      h("td", {}, keep),
      h("td", {}, title, h("p", { class: "hint description" })),
      h("td", { class: "count-cell" }),
      h("td", {}, merge),
      h("td", {}, remove),
    );
  };
}

export function renderForumPanel(state, live) {
  const settings = state.workshop.settings;
  const form = $("#forum-settings");
  setUnlessEditing(form.elements.support_budget, settings.support_budget);
  setUnlessEditing(form.elements.keep_count, settings.keep_count);
  form.elements.allow_anonymous.checked = settings.allow_anonymous;

  const topics = rankedTopics(state);
  const keep = settings.keep_count;
  const ticked = checked ?? new Set(topics.slice(0, keep).map((topic) => topic.id));
  setText($("#topic-count"), String(topics.length));
  show($("#topics"), topics.length > 0);
  show($("#topics-empty"), topics.length === 0);
  syncList($("#topics tbody"), topics, (topic) => topic.id, topicRow(live), (tr, topic) => {
    tr.querySelector(".keep").checked = ticked.has(topic.id);
    tr.querySelector(".keep").setAttribute("aria-label", `${t("keep")}: ${topic.title}`);
    setUnlessEditing(tr.querySelector(".title"), topic.title);
    tr.querySelector(".title").setAttribute("aria-label", t("topic_title"));
    setText(tr.querySelector(".description"), topic.description);
    setText(tr.querySelector(".count-cell"), tn("supporters", topic.supporters));
    const merge = tr.querySelector(".merge");
    merge.setAttribute("aria-label", `${t("merge_into")}: ${topic.title}`);
    merge.replaceChildren(
      h("option", { value: "" }, "—"),
      ...topics.filter((other) => other.id !== topic.id).map((other) => h("option", { value: other.id }, other.title)),
    );
  });
  const last = topics[keep - 1];
  const tied = last ? topics.slice(keep).filter((topic) => topic.supporters === last.supporters && last.supporters > 0) : [];
  show($("#tie-warning"), tied.length > 0);
  setText($("#tie-warning"), tied.length ? t("tie", { titles: tied.map((topic) => `« ${topic.title} »`).join(", ") }) : "");
  $("#keep").disabled = ticked.size === 0 || topics.length === 0;
}

export function wireForumPanel(getLive) {
  const form = $("#forum-settings");
  form.addEventListener("change", async (event) => {
    const input = event.target;
    const value = input.type === "checkbox" ? input.checked : Number(input.value);
    const reply = await getLive().send("settings_update", { [input.name]: value });
    setText($("#settings-error"), reply.ok ? "" : reply.error.message);
    if (reply.ok) {
      checked = null;
      setText($("#settings-saved"), t("saved"));
      setTimeout(() => setText($("#settings-saved"), ""), 2000);
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  $("#console-propose").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = event.currentTarget.elements.title;
    const title = input.value;
    const reply = await getLive().send("topic_propose", { title });
    setText($("#forum-error"), reply.ok ? "" : reply.error.message);
    if (reply.ok) clearIfUnchanged(input, title);
  });

  $("#keep").addEventListener("click", async () => {
    const live = getLive();
    const order = [...document.querySelectorAll("#topics tbody tr")]
      .filter((tr) => tr.querySelector(".keep").checked)
      .map((tr) => tr.dataset.key);
    if (!order.length) return;
    if (live.state.tables.size && !confirm(t("confirm.replace_tables"))) return;
    const reply = await live.send("topics_keep", { topics: order });
    setText($("#forum-error"), reply.ok ? "" : reply.error.message);
  });
}
