// Length limits, shown as a text comes near them. Fields carry data-max rather than
// maxlength: maxlength cuts a pasted text without a word, and the end of a sentence goes
// missing unseen. Here nothing is cut: the counter shows from 80 % of the limit, turns
// red beyond it and says by how much, and the text is refused with that message.

import { h } from "./dom.js";
import { t } from "./i18n.js";

const FROM = 0.8;
let watching = false;

/** How long a text is as the server counts it: characters, once trimmed. */
export function lengthOf(value) {
  return [...value.trim()].length;
}

/** By how many characters a field's text goes beyond its limit (0 within it). */
export function overBy(el) {
  const max = Number(el.dataset.max);
  return max ? Math.max(0, lengthOf(el.value) - max) : 0;
}

/** The message saying a field's text is too long, or null when it fits. */
export function tooLong(el) {
  const over = overBy(el);
  return over ? t("error.too_long", { max: el.dataset.max, over }) : null;
}

function slotFor(el) {
  const id = el.id ? `${el.id}-count` : null;
  let slot = id && document.getElementById(id);
  if (!slot && !el.counter) {
    slot = h("p", { class: "counter", hidden: true, id });
    el.after(slot);
    el.counter = slot;
    if (id) el.setAttribute("aria-describedby", `${el.getAttribute("aria-describedby") ?? ""} ${id}`.trim());
  }
  return slot || el.counter;
}

/** Show or hide the counter of a field with data-max. */
export function showCount(el) {
  const max = Number(el?.dataset?.max);
  if (!max) return;
  const n = lengthOf(el.value);
  const slot = slotFor(el);
  slot.hidden = n < max * FROM;
  const over = n - max;
  slot.classList.toggle("over", over > 0);
  slot.textContent = over > 0 ? `${n}/${max} · ${t("count_over", { n: over })}` : `${n}/${max}`;
  if (over > 0) el.setAttribute("aria-invalid", "true");
  else if (slot.classList.contains("was-over")) el.removeAttribute("aria-invalid");
  slot.classList.toggle("was-over", over > 0);
}

/** Keep the counters of every data-max field of the page up to date, as people type. */
export function watchLengths() {
  if (watching) return;
  watching = true;
  const update = (event) => showCount(event.target);
  document.addEventListener("input", update);
  document.addEventListener("focusin", update);
  for (const el of document.querySelectorAll("[data-max]")) if (el.value) showCount(el);
}

/** Give a field made by a script its limit (`page.limits[kind]`), and its counter. */
export function limited(el, max) {
  if (max) el.dataset.max = max;
  watchLengths();
  return el;
}
