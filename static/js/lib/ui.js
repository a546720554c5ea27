// Pieces every surface shows the same way: connection status, phase, counts.

import { $, setText } from "./dom.js";
import { t, tn } from "./i18n.js";

export function showStatus(status) {
  const el = $("#status");
  if (!el) return;
  el.dataset.status = status;
  setText(el.querySelector(".status-text"), t(`status.${status}`));
}

export function showPhase(phase, format = "hybrid") {
  if (!phase) return;
  document.body.dataset.phase = phase;
  const el = $("#phase");
  if (!el) return;
  el.dataset.phase = phase;
  // A forum ouvert names its phases its own way: the marketplace, the sessions…
  setText(el, t(format === "forum-ouvert" ? `os.phase.${phase}` : `phase.${phase}`));
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

/** An organisation as the planner compares them: case and surrounding spaces aside. */
export const orgKey = (name) => (name || "").trim().toLowerCase();

/**
 * Group people by organisation, largest groups first, "no organisation" last. Spellings
 * that differ only in case ("Greenfield energy", "Greenfield Energy") are one group,
 * named as most of its members spell it (the first arrival's spelling on a tie).
 */
export function byOrganisation(list) {
  const groups = new Map();
  for (const p of list) {
    const key = orgKey(p.organisation);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(p);
  }
  const named = [...groups.entries()].map(([key, members]) => {
    if (!key) return ["", members];
    const spellings = new Map();
    for (const p of members) {
      const spelling = p.organisation.trim();
      spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
    }
    const [name] = [...spellings.entries()].reduce((best, next) => (next[1] > best[1] ? next : best));
    return [name, members];
  });
  return named.sort(
    (a, b) => (a[0] === "") - (b[0] === "") || b[1].length - a[1].length || a[0].localeCompare(b[0]),
  );
}
