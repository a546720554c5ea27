// The projected screen: it follows the phase by itself. Welcome with the QR code, the
// forum's wall of topics, then one column per table with notes arriving live.

import { $, h, setText, show, syncList } from "./lib/dom.js";
import { lang, page, t, tn } from "./lib/i18n.js";
import { connect } from "./lib/live.js";
import { people, planned, rankedTopics, tableList } from "./lib/state.js";
import { tickClocks } from "./lib/clock.js";
import { renderSynthesis } from "./lib/synthesis.js";
import { byOrganisation, peopleCount, showGone, showPhase, showStatus } from "./lib/ui.js";
import { renderCafe } from "./screen/cafe.js";
import { renderSeating, renderVotes } from "./screen/boards.js";
import { fitFont, fitGrid } from "./screen/fit.js";

const LOCAL = /^(localhost|127\.|\[::1\])/;

function meta(workshop) {
  const date = new Date(`${workshop.date}T12:00:00`);
  const parts = [date.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" })];
  if (workshop.place) parts.push(workshop.place);
  return parts.join(" · ");
}

function showView(id) {
  for (const view of document.querySelectorAll("main > .view")) view.hidden = view.id !== id;
}

function renderWelcome(state) {
  setText($("#theme"), state.workshop.theme);
  setText($("#meta"), meta(state.workshop));
  const list = people(state);
  setText($("#people-count"), peopleCount(list.length));
  syncList(
    $("#org-groups"),
    byOrganisation(list),
    ([org]) => org,
    () => h("div", { class: "org-group" }, h("h3", {}), h("ul", { class: "chips" })),
    (el, [org, members]) => {
      setText(el.querySelector("h3"), org || t("no_organisation"));
      syncList(el.querySelector("ul"), members, (p) => p.id, () => h("li", { class: "chip person" }), (li, p) => setText(li, p.name));
    },
  );
  fitFont($(".people-view"), { min: 12, max: 40 });
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
  fitFont($("#topic-wall"), { min: 12, max: 40 });
}

/** The view the screen shows: pinned by the facilitator, or following the phase. */
function viewFor(state) {
  const pinned = state.workshop.settings.screen_view;
  if (pinned && pinned !== "auto") return pinned;
  const phase = state.workshop.phase;
  if (phase === "setup") return "welcome";
  if (phase === "forum") return "forum";
  if (state.voting.open && (phase === "cafe" || phase === "harvest")) return "votes";
  if (phase === "harvest" || phase === "closed") return "synthesis";
  if (planned(state) && ["idle", "between"].includes(state.rounds.status)) return "seating";
  return "cafe";
}

function render(state) {
  if (state.gone) {
    showGone(t(`gone.${state.gone}`));
    return;
  }
  const phase = state.workshop.phase;
  showPhase(phase);
  setText($("#bar-theme"), state.workshop.theme);
  const view = viewFor(state);
  document.body.dataset.view = view === "welcome" ? "setup" : view;
  showView(`${view}-view`);
  if (view === "welcome") renderWelcome(state);
  else if (view === "forum") renderForum(state);
  else if (view === "seating") renderSeating(state);
  else if (view === "votes") renderVotes(state);
  else if (view === "synthesis") {
    renderSynthesis($("#synthesis-root"), state, live, { canWrite: () => false, canDecide: false });
    const topics = $("#synthesis-root .syn-topics");
    if (topics) fitGrid($("#synthesis-view"), topics, topics.children.length, { min: 12, max: 34 });
  } else renderCafe($("#columns"), state);
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
// A projector plugged in mid-workshop changes the size: everything is fitted again.
addEventListener("resize", () => live.redraw());
