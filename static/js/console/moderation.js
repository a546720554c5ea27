// The console's review: notes waiting for review (approve or hide), hiding and restoring
// any note, the review settings. Whoever moderates never learns who wrote an anonymous
// note: the console receives it without its author, and shows "anonymous".

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";

function report(reply) {
  setText($("#review-error"), reply.ok ? "" : reply.error.message);
  return reply;
}

function noteItem(live) {
  return (note) => {
    const approve = h("button", { type: "button", class: "small primary approve" }, t("approve"));
    approve.addEventListener("click", async () => report(await live.send("note_moderate", { table: note.table, id: note.id, visibility: "public" })));
    const hide = h("button", { type: "button", class: "small danger-text hide" }, t("hide"));
    hide.addEventListener("click", async () => report(await live.send("note_moderate", { table: note.table, id: note.id, visibility: "hidden" })));
    return h(
      "li",
      { class: "review-item" },
      h("p", { class: "review-text" }),
      h("p", { class: "muted review-meta" }),
      h("div", { class: "inline" }, approve, hide),
    );
  };
}

function updateItem(state) {
  return (li, note) => {
    setText(li.querySelector(".review-text"), note.text);
    const table = state.tables.get(note.table);
    const who = note.anonymous ? t("anonymous") : note.author_name;
    const where = table ? t("table_n", { n: table.number }) : "";
    const marks = { hidden: t("hidden_note"), pending: t("in_review"), private: t("written_alone_mark") };
    setText(li.querySelector(".review-meta"), [where, who, marks[note.visibility]].filter(Boolean).join(" · "));
    const short = note.text.slice(0, 40);
    const approve = li.querySelector(".approve");
    const hide = li.querySelector(".hide");
    // A waiting note is approved or hidden; a hidden one restored; a public one hidden.
    show(approve, note.visibility === "pending" || note.visibility === "hidden");
    setText(approve, note.visibility === "hidden" ? t("restore") : t("approve"));
    approve.setAttribute("aria-label", `${approve.textContent}: ${short}`);
    show(hide, note.visibility !== "hidden");
    hide.setAttribute("aria-label", `${t("hide")}: ${short}`);
  };
}

const newest = (a, b) => b.created_at - a.created_at;

/** Draw the review queue and the notes on the wall. */
export function renderModeration(state, live) {
  if (!state.workshop) return;
  const settings = state.workshop.settings;
  const box = $("#review-anonymous");
  if (document.activeElement !== box) box.checked = Boolean(settings.review_anonymous);
  const words = $("#review-words");
  if (document.activeElement !== words && !words.dataset.edited) words.value = (settings.review_words ?? []).join(", ");
  const notes = [...state.notes.values()];
  const waiting = notes.filter((n) => n.visibility === "pending").sort(newest);
  setText($("#review-count"), String(waiting.length));
  show($("#review-empty"), waiting.length === 0);
  syncList($("#review-queue"), waiting, (n) => n.id, noteItem(live), updateItem(state));
  const wall = notes.filter((n) => n.visibility === "public" || n.visibility === "hidden" || !n.visibility).sort(newest);
  const hidden = wall.filter((n) => n.visibility === "hidden").length;
  setText($("#wall-notes-title"), `${tn("wall_notes", wall.length)} · ${tn("hidden_notes", hidden)}`);
  // Drawn only when opened: a big café has hundreds of notes.
  const open = $("#wall-notes").open;
  syncList($("#wall-list"), open ? wall : [], (n) => n.id, noteItem(live), updateItem(state));
}

/** Wire the review settings. */
export function wireModeration(getLive) {
  $("#review-anonymous").addEventListener("change", async (event) => {
    const reply = report(await getLive().send("settings_update", { review_anonymous: event.target.checked }));
    if (!reply.ok) event.target.checked = !event.target.checked;
  });
  const words = $("#review-words");
  words.addEventListener("input", () => {
    words.dataset.edited = "1";
  });
  $("#review-settings").addEventListener("submit", async (event) => {
    event.preventDefault();
    const list = words.value.split(",").map((w) => w.trim()).filter(Boolean);
    const reply = report(await getLive().send("settings_update", { review_words: list }));
    if (reply.ok) {
      delete words.dataset.edited;
      setText($("#review-saved"), t("saved"));
      setTimeout(() => setText($("#review-saved"), ""), 2500);
    }
  });
  $("#wall-notes").addEventListener("toggle", () => getLive().redraw());
}
