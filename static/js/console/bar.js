// The console's sticky bar: the phase, the connection, the round and its clock, and the
// one next safe step, always in view however far down the page the facilitator is.

import { $, setText, show } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { roundStep, takeRoundStep } from "./rounds.js";
import { phaseName, phasesOf } from "../lib/formats.js";

function nextPhase(state) {
  const phases = phasesOf(state.workshop);
  return phases[phases.indexOf(state.workshop.phase) + 1] ?? null;
}

/** The next safe step from where the workshop stands, or null at the very end. */
export function nextAction(state) {
  const phase = state.workshop.phase;
  const r = state.rounds;
  if (phase === "cafe") {
    const step = roundStep(state);
    if (step) return { kind: "round", step, label: step.label };
    if (r.status === "running" || r.status === "paused") return { kind: "end", label: t("end_round", { n: r.current }) };
  }
  const hybrid = (state.workshop.format ?? "hybrid") === "hybrid";
  if (hybrid && phase === "forum" && state.tables.size === 0) return { kind: "keep", label: t("keep_tables") };
  const target = nextPhase(state);
  return target ? { kind: "phase", target, label: t("next_phase_to", { phase: phaseName(state.workshop, target) }) } : null;
}

export function renderBar(state) {
  const r = state.rounds;
  const running = state.workshop.phase === "cafe" && (r.status === "running" || r.status === "paused");
  show($("#bar-round"), running);
  setText($("#bar-round-label"), running ? t("round_short", { n: r.current, count: r.count }) : "");
  const action = nextAction(state);
  const button = $("#next-action");
  show(button, action !== null);
  if (action) {
    setText(button, action.label);
    button.dataset.kind = action.kind;
  }
}

export function wireBar(getLive, { movePhase }) {
  const report = (reply) => setText($("#next-error"), reply?.ok === false ? reply.error.message : "");
  $("#next-action").addEventListener("click", async () => {
    const live = getLive();
    const action = nextAction(live.state);
    if (!action) return;
    if (action.kind === "round") report(await takeRoundStep(live, action.step));
    else if (action.kind === "end") {
      if (confirm(t("confirm.end_round"))) report(await live.send("round_end"));
    } else if (action.kind === "keep") $("#keep").click();
    else report(await movePhase(1));
  });
}
