// Small DOM helpers. People's text always goes in with textContent, never innerHTML,
// typeset for the page's language (typo.js).

import { typeset } from "./typo.js";

export const $ = (selector, root = document) => root.querySelector(selector);

/** Build an element: h("li", {class: "x", dataset: {id}}, "text", child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(typeset(String(child))));
  }
  return el;
}

/** Set an element's text, only when it changed (keeps screen readers calm). */
export function setText(el, text) {
  const value = typeset(text ?? "");
  if (el && el.textContent !== value) el.textContent = value;
}

export function show(el, visible = true) {
  if (el) el.hidden = !visible;
}

/**
 * Make `container`'s children match `items`, reusing nodes by key so that existing
 * elements keep their place and state, and new ones can be animated in.
 */
export function syncList(container, items, key, create, update = () => {}) {
  const existing = new Map();
  for (const child of container.children) existing.set(child.dataset.key, child);
  let cursor = container.firstElementChild;
  for (const item of items) {
    const k = String(key(item));
    let el = existing.get(k);
    if (el) {
      existing.delete(k);
    } else {
      el = create(item);
      el.dataset.key = k;
      el.classList.add("enter");
      el.addEventListener("animationend", () => el.classList.remove("enter"), { once: true });
    }
    update(el, item);
    if (el !== cursor) container.insertBefore(el, cursor);
    else cursor = cursor.nextElementSibling;
  }
  for (const stale of existing.values()) stale.remove();
}

/** Show per-field errors {field, message} next to inputs named in data-field. */
export function showFieldError(form, error, fallback) {
  for (const p of form.querySelectorAll(".field-error")) p.textContent = "";
  for (const f of form.querySelectorAll("[aria-invalid]")) f.removeAttribute("aria-invalid");
  if (!error) {
    if (fallback) fallback.textContent = "";
    return;
  }
  const slot = error.field && form.querySelector(`[data-field="${CSS.escape(error.field)}"] .field-error`);
  if (slot) {
    slot.textContent = error.message;
    const input = form.querySelector(`[name="${CSS.escape(error.field)}"]`);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
    if (fallback) fallback.textContent = "";
  } else if (fallback) {
    fallback.textContent = error.message;
  }
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h("textarea", { class: "visually-hidden" }, text);
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }
}
