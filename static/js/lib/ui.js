// Pieces every surface shows the same way: connection status, phase, counts.

import { $, setText } from "./dom.js";
import { t, tn } from "./i18n.js";

export function showStatus(status) {
  const el = $("#status");
  if (!el) return;
  el.dataset.status = status;
  setText(el.querySelector(".status-text"), t(`status.${status}`));
}

export function showPhase(phase) {
  if (!phase) return;
  document.body.dataset.phase = phase;
  const el = $("#phase");
  if (!el) return;
  el.dataset.phase = phase;
  setText(el, t(`phase.${phase}`));
}

export function peopleCount(n) {
  return tn("people", n);
}

/** Show the "gone" panel (removed, deleted, refused) instead of everything else. */
export function showGone(text) {
  for (const part of document.querySelectorAll("main > :not(#gone)")) part.hidden = true;
  const gone = $("#gone");
  gone.hidden = false;
  setText($("#gone-text"), text);
}

/** Group people by organisation, largest groups first, "no organisation" last. */
export function byOrganisation(list) {
  const groups = new Map();
  for (const p of list) {
    const name = p.organisation || "";
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(p);
  }
  return [...groups.entries()].sort(
    (a, b) => (a[0] === "") - (b[0] === "") || b[1].length - a[1].length || a[0].localeCompare(b[0]),
  );
}
