// The projected screen: it follows the phase by itself. Welcome with the QR code, the
// forum's wall of topics, then one column per table with notes arriving live, "time to
// move" when a round's clock reaches 0:00, the vote, the harvest and the closing. Every
// view fits the frame, from 1024x768 to 1920x1080, with type never under 18 px.

import { $, h, setText, show, syncList } from "./lib/dom.js";
import { lang, page, t, tn } from "./lib/i18n.js";
import { connect } from "./lib/live.js";
import { people, planned, rankedTopics, tableList } from "./lib/state.js";
import { secondsLeft, tickClocks } from "./lib/clock.js";
import { byOrganisation, peopleCount, showGone, showPhase, showStatus } from "./lib/ui.js";
import { renderCafe } from "./screen/cafe.js";
import { watchPresence } from "./screen/presence.js";
import { meta, moreLine, renderClosing, renderHarvest } from "./screen/harvest.js";
import { renderSeating, renderVotes } from "./screen/boards.js";
import { renderOpenSpace } from "./screen/openspace.js";
import { chime, wireDevice } from "./screen/device.js";
import { noteFlag, renderBriefs, renderTraces } from "./screen/insight.js";
import { followBacking } from "./lib/backing.js";
import { FLOOR, baseSize, fitFont, foldOldest, overflows } from "./screen/fit.js";

const LOCAL = /^(localhost|127\.|\[::1\])/;
const TURN_EVERY = 10_000; // ms a page shows before the next, where a view has pages

// Pages turn by themselves where a view has more than fits: `turn` counts the turns,
// `paged` says whether the view drawn last has pages at all.
const pager = { turn: 0, paged: false };

function showView(id) {
  for (const view of document.querySelectorAll("main > .view")) view.hidden = view.id !== id;
}

function renderWelcome(state) {
  setText($("#theme"), state.workshop.theme);
  setText($("#meta"), meta(state.workshop));
  const base = baseSize();
  // The theme takes what the code and the QR code leave it.
  fitFont($("#theme"), { min: FLOOR, max: 2.6 * base, within: [$("#welcome-grid")] });
  const list = people(state);
  setText($("#people-count"), peopleCount(list.length));
  const waiting = state.door.waiting;
  show($("#door-waiting"), waiting > 0); // the facilitator has people to let in
  setText($("#door-waiting"), waiting > 0 ? tn("door_waiting", waiting) : "");
  const box = $("#people-view");
  syncList(
    $("#org-groups"),
    byOrganisation(list),
    ([org]) => org.toLowerCase(),
    () => h("div", { class: "org-group" }, h("h3", {}), h("ul", { class: "chips" })),
    (el, [org, members]) => {
      setText(el.querySelector("h3"), org || t("no_organisation"));
      syncList(el.querySelector("ul"), members, (p) => p.id, () => h("li", { class: "chip person" }), (li, p) => {
        setText(li, p.name);
        li.dataset.joined = String(p.joined_at);
      });
    },
  );
  const chips = [...box.querySelectorAll(".chip.person")];
  for (const chip of chips) chip.hidden = false;
  for (const group of box.querySelectorAll(".org-group")) group.hidden = false;
  moreLine($("#people-more"), "more_people", 0);
  fitFont(box, { min: FLOOR, max: 1.4 * base });
  if (!overflows(box)) return;
  // A full room: the latest arrivals show, who came before is counted.
  foldOldest(box, chips, (li) => Number(li.dataset.joined), (count) => {
    for (const group of box.querySelectorAll(".org-group")) group.hidden = !group.querySelector(".chip.person:not([hidden])");
    moreLine($("#people-more"), "more_people", count);
  });
}

function renderForum(state) {
  const keep = state.workshop.settings.keep_count;
  const topics = rankedTopics(state);
  const kept = new Set(tableList(state).map((table) => table.topic));
  const cut = topics[keep - 1]?.supporters ?? 0;
  setText($("#forum-meta"), `${peopleCount(people(state).length)} · ${t("keep_n", { n: keep })}`);
  show($("#wall-empty"), topics.length === 0);
  const max = Math.max(1, ...topics.map((topic) => topic.supporters));
  syncList(
    $("#topic-wall"),
    topics,
    (topic) => topic.id,
    () => h("li", { class: "wall-card" }, h("p", { class: "wall-title" }), h("p", { class: "wall-description" }), h("p", { class: "wall-count" })),
    (li, topic) => {
      const rank = topics.indexOf(topic);
      li.dataset.rank = String(rank);
      setText(li.querySelector(".wall-title"), topic.title);
      setText(li.querySelector(".wall-description"), topic.description);
      setText(li.querySelector(".wall-count"), tn("supporters", topic.supporters));
      li.style.setProperty("--weight", String(topic.supporters / max));
      const chosen = kept.size ? kept.has(topic.id) : rank < keep;
      li.classList.toggle("leading", chosen);
      li.classList.toggle("tie", !kept.size && rank >= keep && topic.supporters === cut && cut > 0);
      li.classList.toggle("cut", !kept.size && rank === keep - 1 && topics.length > keep);
    },
  );
  const box = $("#wall-box");
  const cards = [...box.querySelectorAll(".wall-card")];
  for (const card of cards) card.hidden = false;
  moreLine($("#wall-more"), "more_topics", 0);
  fitFont(box, { min: FLOOR, max: 1.5 * baseSize() });
  // Too many topics for the wall: the least supported are counted, the leaders show.
  if (overflows(box)) foldOldest(box, cards, (li) => -Number(li.dataset.rank), (count) => moreLine($("#wall-more"), "more_topics", count));
}

// --- The round's clock: "time to move" at 0:00, the console there or not --------------

/** Whether the round under way has run out of time (its clock shows 0:00). */
function timeUp(state) {
  return state.workshop?.phase === "cafe" && secondsLeft(state.rounds, live.serverNow) === 0;
}

function renderTimeUp(state) {
  const r = state.rounds;
  const more = r.current < r.count;
  setText($("#time-up-title"), more ? t("time_up.move") : t("time_up.over"));
  setText($("#time-up-text"), more ? t("time_up.free", { n: r.current, next: r.current + 1 }) : t("time_up.last"));
  fitFont($("#time-up-view"), { min: FLOOR, max: 2 * baseSize() });
}

/** The view the screen shows: pinned by the facilitator, or following the phase. */
function viewFor(state) {
  const pinned = state.workshop.settings.screen_view;
  if (pinned && pinned !== "auto") return pinned;
  const phase = state.workshop.phase;
  const r = state.rounds;
  if (phase === "setup") return "welcome";
  const fo = state.workshop.format === "forum-ouvert" && !state.voting.open;
  if (fo && ["forum", "cafe", "harvest"].includes(phase)) return "openspace";
  if (phase === "forum") return "forum";
  if (state.voting.open && (phase === "cafe" || phase === "harvest")) return "votes";
  if (phase === "closed") return "closing";
  if (phase === "harvest") return "synthesis";
  if (timeUp(state)) return planned(state) && r.current < r.count ? "seating" : "time-up";
  if (planned(state) && ["idle", "between"].includes(r.status)) return "seating";
  return "cafe";
}

function render(state) {
  if (state.gone) {
    showGone(t(`gone.${state.gone}`));
    return;
  }
  const phase = state.workshop.phase;
  showPhase(phase, state.workshop.format);
  setText($("#bar-theme"), state.workshop.theme);
  const view = viewFor(state);
  if (view === "votes" || view === "synthesis") followBacking(state, live); // the organisations behind the dots
  document.body.dataset.view = view === "welcome" ? "setup" : view;
  showView(`${view}-view`);
  pager.paged = false;
  if (view === "welcome") renderWelcome(state);
  else if (view === "forum") renderForum(state);
  else if (view === "openspace") renderOpenSpace(state);
  else if (view === "seating") pager.paged = renderSeating(state, { turn: pager.turn, timeUp: timeUp(state), pageEl: $("#seating-pages") });
  else if (view === "votes") pager.paged = renderVotes(state, { turn: pager.turn, pageEl: $("#votes-pages"), flag: (id) => noteFlag(state, id) });
  else if (view === "briefs") pager.paged = renderBriefs(state, live, { turn: pager.turn, pageEl: $("#briefs-pages") });
  else if (view === "traces") renderTraces(state);
  else if (view === "synthesis") pager.paged = renderHarvest(state, live, pager.turn);
  else if (view === "closing") renderClosing(state);
  else if (view === "time-up") renderTimeUp(state);
  else pager.paged = renderCafe($("#columns"), state, { turn: pager.turn, pageEl: $("#cafe-pages") }) > 1;
  const r = state.rounds;
  const running = phase === "cafe" && (r.status === "running" || r.status === "paused");
  show($("#screen-round"), running);
  setText($("#screen-round-label"), running ? t("round_short", { n: r.current, count: r.count }) : "");
}

const joinHost = new URL(page.links.join).hostname;
if (LOCAL.test(joinHost)) {
  show($("#localhost-warning"), true);
  setText($("#localhost-warning"), t("localhost_warning"));
}

// The screen's secret link: its key in the fragment (never sent to the server in a URL),
// remembered on this device so that a reload keeps the projector going.
const SCREEN_KEY = `cafe.screen.${page.code}`;
const screenKey = new URLSearchParams(location.hash.slice(1)).get("key") || localStorage.getItem(SCREEN_KEY);
if (screenKey) {
  localStorage.setItem(SCREEN_KEY, screenKey);
  history.replaceState(null, "", `${location.pathname}${location.search}#key=${screenKey}`);
}

const live = connect({
  auth: () => ({ code: page.code, role: "screen", key: screenKey, lang }),
  onChange: render,
  onStatus: showStatus,
  onRefused: (error) => showGone(error.message),
});
tickClocks(() => live);
wireDevice();
watchPresence(live);

// The clock reaching 0:00 changes the view and rings, without a word from the server: the
// console may be closed. A round is rung once, and only if this page saw its clock run
// (a screen reloaded after the end stays quiet).
const watch = { up: false, armed: null, rung: null };
setInterval(() => {
  const state = live.state;
  if (!state.workshop || state.gone) return;
  const up = timeUp(state);
  const round = `${state.rounds.current}|${state.rounds.ends_at}`;
  if (!up && state.rounds.status === "running") watch.armed = round;
  if (up === watch.up) return;
  watch.up = up;
  live.redraw();
  if (up && watch.armed === round && watch.rung !== round) {
    watch.rung = round;
    chime();
  }
}, 250);

// Views with more than one page turn them by themselves.
setInterval(() => {
  if (!pager.paged || document.hidden) return;
  pager.turn += 1;
  live.redraw();
}, TURN_EVERY);

// A presenter's remote (or the keyboard) turns the page at once.
addEventListener("keydown", (event) => {
  if (!["ArrowRight", "PageDown", " "].includes(event.key) || !pager.paged) return;
  event.preventDefault();
  pager.turn += 1;
  live.redraw();
});

// A projector plugged in mid-workshop changes the size: everything is fitted again.
addEventListener("resize", () => live.redraw());
