// A workshop's format decides its phases and their names: a World Café has no topic
// forum; a forum ouvert calls its phases the marketplace, the sessions, the news…

import { t } from "./i18n.js";

const ALL = ["setup", "forum", "cafe", "harvest", "closed"];

/** The phases of a workshop, in order. */
export function phasesOf(workshop) {
  return workshop?.format === "world-cafe" ? ALL.filter((p) => p !== "forum") : ALL;
}

/** A phase's name, as the workshop's format says it. */
export function phaseName(workshop, phase) {
  return t(workshop?.format === "forum-ouvert" ? `os.phase.${phase}` : `phase.${phase}`);
}
