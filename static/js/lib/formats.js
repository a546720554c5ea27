// A workshop's format decides its phases: a World Café has no topic forum.

const ALL = ["setup", "forum", "cafe", "harvest", "closed"];

/** The phases of a workshop, in order. */
export function phasesOf(workshop) {
  return workshop?.format === "world-cafe" ? ALL.filter((p) => p !== "forum") : ALL;
}
