// The console's rounds panel: settings, the clock's controls, and the seating plan grid
// (people by round) where a hand move pins someone to a table.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { people, tableList } from "../lib/state.js";

function setUnlessEditing(input, value) {
  if (document.activeElement !== input) input.value = value;
}

function playedUpTo(rounds) {
  return rounds.status === "running" || rounds.status === "paused" ? rounds.current - 1 : rounds.current;
}

function statusText(rounds) {
  const { current, count, status } = rounds;
  if (status === "running") return t("round_running", { n: current, count });
  if (status === "paused") return t("round_paused", { n: current, count });
  if (status === "between") return t("round_between", { n: current, next: current + 1 });
  if (status === "done") return t("rounds_done", { count });
  return t("rounds_idle");
}

function row(live) {
  return (person) => {
    const present = h("input", { type: "checkbox", class: "present" });
    present.addEventListener("change", async () => {
      const reply = await live.send("presence_set", { participant: person.id, present: present.checked });
      setText($("#rounds-error"), reply.ok ? "" : reply.error.message);
    });
    return h("tr", {}, h("th", { scope: "row" }, h("span", { class: "name" }), h("span", { class: "org muted" })), h("td", {}, present));
  };
}

function cell(live, person, number) {
  const select = h("select", { class: "plan-cell", dataset: { round: number } });
  select.addEventListener("change", async () => {
    const reply = await live.send("plan_move", { participant: person.id, round: number, table: select.value || null });
    setText($("#rounds-error"), reply.ok ? "" : reply.error.message);
  });
  return h("td", {}, select);
}

function updateRow(live) {
  return (tr, person) => {
    const state = live.state;
    const { count } = state.rounds;
    const played = playedUpTo(state.rounds);
    setText(tr.querySelector(".name"), person.name);
    setText(tr.querySelector(".org"), person.organisation ? ` · ${person.organisation}` : "");
    tr.classList.toggle("absent", !person.present);
    const present = tr.querySelector(".present");
    present.checked = person.present;
    present.setAttribute("aria-label", `${person.name}: ${t("present")}`);
    const cells = [...tr.querySelectorAll("td.round-cell")];
    while (cells.length < count) {
      const td = cell(live, person, cells.length + 1);
      td.classList.add("round-cell");
      tr.append(td);
      cells.push(td);
    }
    cells.slice(count).forEach((td) => td.remove());
    const tables = tableList(state);
    const hosting = tables.find((table) => table.host === person.id);
    cells.slice(0, count).forEach((td, index) => {
      const number = index + 1;
      const select = td.querySelector("select");
      const tid = state.plan[String(number)]?.[person.id] ?? "";
      const locked = number <= played || Boolean(hosting);
      if (document.activeElement !== select) {
        select.replaceChildren(
          h("option", { value: "" }, "—"),
          ...tables.map((table) => h("option", { value: table.id }, String(table.number))),
        );
        select.value = tid;
      }
      select.disabled = locked;
      select.setAttribute("aria-label", `${person.name}: ${t("round_n", { n: number })}`);
      td.classList.toggle("played", number <= played);
      td.classList.toggle("now", number === state.rounds.current && ["running", "paused"].includes(state.rounds.status));
    });
  };
}

/**
 * The rounds' next safe step in the café, or null when none is due here: plan the rounds
 * (the console's draft), then show everyone where to go, then start the round. The
 * server refuses a round whose seating was not shown; the walk never offers one.
 */
export function roundStep(state) {
  const r = state.rounds;
  if (state.workshop.phase !== "cafe" || !["idle", "between"].includes(r.status) || r.current >= r.count) return null;
  const n = r.current + 1;
  if (Object.keys(state.plan).length === 0) return { key: "plan", label: t("plan_rounds") };
  if (!r.shown) return { key: "show", label: t("show_seating", { n }) };
  return { key: "start", label: t("round_start", { n }) };
}

/** Take the rounds' next step; returns the server's answer. */
export async function takeRoundStep(live, step) {
  if (step.key === "plan") {
    const form = $("#rounds-form");
    return live.send("rounds_configure", { count: Number(form.elements.count.value), minutes: Number(form.elements.minutes.value) });
  }
  return live.send(step.key === "show" ? "seating_show" : "round_start");
}

function seatingText(state) {
  const r = state.rounds;
  if (state.workshop.phase !== "cafe" || !["idle", "between"].includes(r.status) || r.current >= r.count) return "";
  if (Object.keys(state.plan).length === 0) return "";
  return r.shown ? t("plan_shown", { n: r.current + 1 }) : t("plan_draft", { n: r.current + 1 });
}

export function renderRoundsPanel(state, live) {
  const r = state.rounds;
  const form = $("#rounds-form");
  setUnlessEditing(form.elements.count, r.count);
  setUnlessEditing(form.elements.minutes, r.minutes);
  const auto = $("#auto-end");
  if (document.activeElement !== auto) auto.checked = Boolean(state.workshop.settings.auto_end_rounds);
  setText($("#round-status"), statusText(r));
  setText($("#seating-status"), seatingText(state));
  const step = roundStep(state);
  const start = $("#round-start");
  show(start, step !== null);
  if (step) {
    setText(start, step.label);
    start.dataset.step = step.key;
  }
  show($("#round-pause"), r.status === "running");
  show($("#round-resume"), r.status === "paused");
  for (const id of ["#round-plus", "#round-minus", "#round-end"]) show($(id), ["running", "paused"].includes(r.status));
  const hasPlan = Object.keys(state.plan).length > 0;
  show($("#plan"), hasPlan);
  show($("#plan-empty"), !hasPlan);
  const score = state.planScore;
  const returns = score?.returns ? ` ${tn("plan_returns", score.returns)}` : "";
  // A re-plan kept people's tables; a fresh plan would be better: offer it ("Plan again").
  const fresh = hasPlan && state.planFresh ? ` ${t("plan_fresh", state.planFresh)}` : "";
  setText($("#plan-score"), hasPlan && score ? t("plan_score", score) + returns + fresh : "");
  const head = $("#plan thead tr");
  head.replaceChildren(
    h("th", { scope: "col" }, t("person")),
    h("th", { scope: "col" }, t("present")),
    ...Array.from({ length: r.count }, (_, i) => h("th", { scope: "col" }, t("round_n", { n: i + 1 }))),
  );
  syncList($("#plan tbody"), people(state), (p) => p.id, row(live), updateRow(live));
}

export function wireRoundsPanel(getLive) {
  const report = (reply) => setText($("#rounds-error"), reply.ok ? "" : reply.error.message);
  $("#rounds-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    report(await getLive().send("rounds_configure", { count: Number(form.elements.count.value), minutes: Number(form.elements.minutes.value) }));
  });
  $("#replan").addEventListener("click", async () => report(await getLive().send("plan_refresh")));
  $("#auto-end").addEventListener("change", async (event) => {
    const reply = await getLive().send("settings_update", { auto_end_rounds: event.target.checked });
    if (!reply.ok) event.target.checked = !event.target.checked;
    report(reply);
  });
  $("#round-start").addEventListener("click", async () => {
    const step = roundStep(getLive().state);
    if (step) report(await takeRoundStep(getLive(), step));
  });
  $("#round-pause").addEventListener("click", async () => report(await getLive().send("round_pause")));
  $("#round-resume").addEventListener("click", async () => report(await getLive().send("round_resume")));
  $("#round-plus").addEventListener("click", async () => report(await getLive().send("round_extend", { minutes: 5 })));
  $("#round-minus").addEventListener("click", async () => report(await getLive().send("round_extend", { minutes: -1 })));
  $("#round-end").addEventListener("click", async () => {
    if (confirm(t("confirm.end_round"))) report(await getLive().send("round_end"));
  });
}
