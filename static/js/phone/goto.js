// Where to go: the big "→ Table N" card before a round, and for whoever is seated while
// it runs (arrived late, or moved by the facilitator) until they say they are there; and
// "time to move" when the round's clock reaches 0:00, counted on the phone itself.

import { $, h, setText, show } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { comingRound, planned } from "../lib/state.js";
import { secondsLeft } from "../lib/clock.js";
import { code } from "./shell.js";

const SEEN = `cafe.arrived.${code}`; // "round:table" whose card this device has shown or had tapped
let timeUpDismissed = null; // the round whose "time to move" was put away
let buzzed = null; // the round for which the phone vibrated

function seen() {
  return localStorage.getItem(SEEN);
}

function see(round, table) {
  if (round && table) localStorage.setItem(SEEN, `${round}:${table}`);
}

/** Whether this device has shown where to sit for the round under way (or was told "I'm there"). */
export function arrived(state) {
  return seen() === `${state.rounds.current}:${state.me.seat}`;
}

function hostLine(state, table) {
  if (!table?.host) return "";
  return table.host === state.me.participant.id ? t("you_host") : t("hosted_by", { name: table.host_name });
}

/** The card: "before" a round (where to go next), or to "arrive" at a round under way. */
export function renderGoto(state, live, mode) {
  const arriving = mode === "arrive";
  const round = comingRound(state);
  const tableId = arriving ? state.me.seat : state.me.plan[String(round)];
  const table = state.tables.get(tableId);
  const finished = state.rounds.status === "between" ? state.rounds.current : 0;
  const done = finished ? t("round_over", { n: finished }) : "";
  setText($("#goto-done"), arriving ? t("round_under_way") : done);
  setText($("#goto-round"), t("round_n", { n: round }));
  setText($("#goto-table"), table ? `→ ${t("table_n", { n: table.number })}` : t("no_seat"));
  setText($("#goto-title"), table?.title ?? "");
  setText($("#goto-host"), hostLine(state, table));
  setText($("#goto-hint"), t(arriving ? "hint.arrive" : "hint.before"));
  show($("#arrived"), arriving && Boolean(table));
  // Shown before the round: when it starts at that table, the phone goes straight to it.
  if (!arriving) see(round, tableId);
  $("#itinerary").replaceChildren(
    ...Object.entries(state.me.plan)
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .map(([number, tid]) => {
        const stop = state.tables.get(tid);
        const li = h("li", {}, `${t("round_n", { n: number })} · ${t("table_n", { n: stop?.number ?? "?" })} · ${stop?.title ?? ""}`);
        if (Number(number) === round) li.setAttribute("aria-current", "step");
        if (Number(number) < round) li.classList.add("past");
        return li;
      }),
  );
}

/** What follows the round that just ran out, for this person. */
function nextLine(state) {
  const r = state.rounds;
  const over = t("round_over_short", { n: r.current });
  const nextId = state.me.plan[String(r.current + 1)];
  const next = r.current < r.count ? state.tables.get(nextId) : null;
  if (!next) return `${over} ${t(r.current >= r.count ? "time_up.last" : "time_up.wait")}`;
  if (next.host === state.me.participant.id) return `${over} ${t("time_up.stay", { n: next.number })}`;
  return `${over} ${t("time_up.next", { n: next.number, title: next.title })}`;
}

function timeIsUp(live) {
  const state = live?.state;
  if (!state?.workshop || !state.me || state.workshop.phase !== "cafe" || !planned(state)) return false;
  return state.rounds.status === "running" && secondsLeft(state.rounds, live.serverNow) === 0;
}

/** Watch the round's clock: at 0:00, say "time to move" (and buzz once, where allowed). */
export function watchTime(getLive) {
  setInterval(() => {
    const live = getLive();
    const up = timeIsUp(live);
    const round = live?.state.rounds.current;
    show($("#time-up"), up && timeUpDismissed !== round);
    document.body.classList.toggle("time-is-up", up);
    if (!up) return;
    setText($("#time-up-next"), nextLine(live.state));
    // A phone may vibrate only once someone has touched the page (the browser's rule).
    if (buzzed !== round && navigator.vibrate && navigator.userActivation?.hasBeenActive) {
      navigator.vibrate([250, 120, 250]);
    }
    buzzed = round;
  }, 500);
}

/** Wire "I'm there" and the "time to move" banner's button. */
export function wireGoto(getLive) {
  $("#arrived").addEventListener("click", () => {
    const state = getLive()?.state;
    if (!state?.me) return;
    see(state.rounds.current, state.me.seat);
    getLive().redraw();
  });
  $("#time-up-ok").addEventListener("click", () => {
    timeUpDismissed = getLive()?.state.rounds.current ?? null;
    show($("#time-up"), false);
  });
}
