// The projector's harvest and closing: the synthesis as cards that fold their tail (a
// page of cards at a time where they do not all fit), "hosts are writing…" on a topic with
// nothing yet, and the thank-you with what the day made.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { lang, t, tn } from "../lib/i18n.js";
import { itemsOf, steps, tableList } from "../lib/state.js";
import { renderSynthesis } from "../lib/synthesis.js";
import { FLOOR, baseSize, fitFont, foldOldest, overflows } from "./fit.js";

/** The workshop's date and place, in the page's language. */
export function meta(workshop) {
  const date = new Date(`${workshop.date}T12:00:00`);
  const parts = [date.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" })];
  if (workshop.place) parts.push(workshop.place);
  return parts.join(" · ");
}

/** Say how many were folded away on a "+N more" line (hidden when none). */
export function moreLine(el, key, count) {
  setText(el, count ? tn(key, count) : "");
  show(el, count > 0);
}

/** On the screen, a topic nobody has written anything for yet says that its hosts write. */
function markWriting(root) {
  for (const topic of root.querySelectorAll(".syn-topic")) {
    const empty = ![...topic.querySelectorAll(".syn-block")].some((block) => !block.hidden);
    const line = topic.querySelector(".syn-writing") ?? topic.appendChild(h("p", { class: "syn-writing" }));
    setText(line, t("hosts_writing"));
    show(line, empty);
  }
}

/**
 * Fold a topic's card until it fits, and count what it folded: ideas not developed go
 * first, then the answers, the last retained ideas, the summary; the first retained idea
 * always shows.
 */
function fitCard(card) {
  const more = card.querySelector(":scope > .more-line");
  if (card.classList.contains("syn-steps")) {
    const list = [...card.querySelectorAll(".syn-step")];
    foldOldest(card, list, (li) => -list.indexOf(li), (count) => moreLine(more, "more_steps", count));
    return;
  }
  const order = [".syn-undeveloped .syn-idea", ".syn-answer", ".syn-retained .syn-idea"];
  const items = order.flatMap((selector) => [...card.querySelectorAll(selector)].reverse()).filter((item) => !item.hidden);
  const summary = card.querySelector(".syn-summary");
  if (summary && !summary.hidden) items.splice(items.length - 1, 0, summary);
  const blocks = [...card.querySelectorAll(".syn-retained, .syn-undeveloped")].filter((block) => !block.hidden);
  const after = () => {
    for (const block of blocks) block.hidden = !block.querySelector(".syn-idea:not([hidden])");
    moreLine(more, "more_parts", items.filter((item) => item.hidden).length);
  };
  foldOldest(card, items, (item) => items.indexOf(item), after);
  // A long summary folded leaves room: the smaller parts folded before it come back, the
  // most important first, as long as they fit.
  for (const item of items.filter((i) => i.hidden).reverse()) {
    item.hidden = false;
    after();
    if (overflows(card)) {
      item.hidden = true;
      after();
    }
  }
}

/**
 * The harvest, live: a card per topic and one for the next steps, a page of cards at a
 * time where they do not all fit. Returns whether there are pages to turn.
 */
export function renderHarvest(state, live, turn) {
  const root = $("#synthesis-root");
  renderSynthesis(root, state, live, { canWrite: () => false, canDecide: false });
  markWriting(root);
  const stepsEl = root.querySelector(".syn-steps");
  stepsEl.hidden = !stepsEl.querySelector("li");
  // The topics and the next steps are one grid of cards (see app.css), shown a page at a
  // time when there are more than the screen holds.
  const cards = [...root.querySelectorAll(".syn-topic"), ...(stepsEl.hidden ? [] : [stepsEl])];
  for (const card of cards) {
    card.hidden = false;
    for (const item of card.querySelectorAll(".syn-idea, .syn-step")) item.hidden = false;
    moreLine(card.querySelector(":scope > .more-line") ?? card.appendChild(h("p", { class: "more-line" })), "more_parts", 0);
  }
  const base = baseSize();
  const columns = Math.max(1, Math.min(cards.length, Math.floor(root.clientWidth / (14 * base))));
  const rows = cards.length <= columns || root.clientHeight < 22 * base ? 1 : 2;
  const size = columns * rows;
  const pages = Math.max(1, Math.ceil(cards.length / size));
  const page = pages > 1 ? turn % pages : 0;
  const shown = cards.slice(page * size, page * size + size);
  for (const card of cards) card.hidden = !shown.includes(card);
  root.style.setProperty("--columns", String(Math.min(columns, shown.length)));
  root.style.setProperty("--rows", String(Math.ceil(shown.length / columns)));
  root.classList.remove("tight");
  const footer = $("#synthesis-pages");
  setText(footer, t("page_of", { page: page + 1, pages }));
  show(footer, pages > 1);
  // Few words: as large as they fit. Many: body type, and each card folds its tail.
  fitFont(root, { min: FLOOR, max: 1.2 * base, within: shown });
  if (!shown.some(overflows)) return pages > 1;
  // Each card gets an equal share of the height, and folds what does not fit in it.
  root.style.fontSize = `${base}px`;
  root.classList.add("tight");
  for (const card of shown) if (overflows(card)) fitCard(card);
  return pages > 1;
}

/** The closing: thanks, and what the day made. */
export function renderClosing(state) {
  setText($("#closing-theme"), state.workshop.theme);
  setText($("#closing-meta"), meta(state.workshop));
  const retained = tableList(state).reduce((sum, table) => sum + itemsOf(state, table.id, "idea", "retained").length, 0);
  const figures = [
    ["people", tn("closing.people", state.participants.size)],
    ["notes", tn("closing.notes", state.notes.size)],
    ["ideas", tn("closing.ideas", retained)],
  ];
  syncList($("#closing-figures"), figures, ([key]) => key, () => h("li", {}), (li, [, text]) => setText(li, text));
  const kept = steps(state).filter((step) => step.status === "kept");
  const box = $("#closing-steps");
  show(box, kept.length > 0);
  syncList($("#closing-step-list"), kept, (step) => step.key, () => h("li", {}), (li, step) => {
    setText(li, step.owner ? `${step.text} — ${step.owner}` : step.text);
  });
  const view = $("#closing-view");
  const items = [...box.querySelectorAll("li")];
  for (const li of items) li.hidden = false;
  moreLine($("#closing-more"), "more_steps", 0);
  fitFont(view, { min: FLOOR, max: 1.3 * baseSize() });
  if (overflows(view)) foldOldest(view, items, (li) => -items.indexOf(li), (count) => moreLine($("#closing-more"), "more_steps", count));
}

