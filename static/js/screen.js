// The projected screen: it follows the phase by itself. Welcome with the QR code, the
// forum's wall of topics, then one column per table with notes arriving live.

import { $, h, setText, show, syncList } from "./lib/dom.js";
import { lang, page, t, tn } from "./lib/i18n.js";
import { connect } from "./lib/live.js";
import { comingRound, notesAt, people, planned, questionsAt, rankedTopics, seatedAt, tableList } from "./lib/state.js";
import { tickClocks } from "./lib/clock.js";
import { renderSynthesis } from "./lib/synthesis.js";
import { byOrganisation, peopleCount, showGone, showPhase, showStatus } from "./lib/ui.js";

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
}

function noteItem() {
  return h("li", { class: "screen-note" }, h("p", { class: "note-text" }), h("p", { class: "note-author" }));
}

function renderSeating(state) {
  const round = comingRound(state);
  const seating = state.plan[String(round)] ?? {};
  const r = state.rounds;
  setText($("#seating-heading"), t("find_table", { n: round }));
  setText($("#seating-meta"), [r.status === "between" ? t("round_over", { n: r.current }) : "", t("starts_soon")].filter(Boolean).join(" "));
  const tables = tableList(state);
  $("#seating-columns").style.setProperty("--columns", String(Math.max(tables.length, 1)));
  syncList(
    $("#seating-columns"),
    tables,
    (table) => table.id,
    () => h("section", { class: "column" }, h("header", {}, h("p", { class: "column-number" }), h("h2", { class: "column-title" })), h("ul", { class: "seat-names" })),
    (el, table) => {
      setText(el.querySelector(".column-number"), t("table_n", { n: table.number }));
      setText(el.querySelector(".column-title"), table.title);
      const coming = Object.entries(seating)
        .filter(([, tid]) => tid === table.id)
        .map(([pid]) => state.participants.get(pid))
        .filter(Boolean)
        .sort((a, b) => (b.id === table.host) - (a.id === table.host) || a.name.localeCompare(b.name));
      syncList(el.querySelector("ul"), coming, (p) => p.id, () => h("li", {}, h("span", { class: "name" }), h("span", { class: "org" })), (li, p) => {
        setText(li.querySelector(".name"), p.id === table.host ? `${p.name} (${t("host_mark")})` : p.name);
        setText(li.querySelector(".org"), p.organisation);
        li.classList.toggle("host", p.id === table.host);
      });
    },
  );
}

function renderColumns(state) {
  const tables = tableList(state);
  $("#columns").style.setProperty("--columns", String(Math.max(tables.length, 1)));
  syncList(
    $("#columns"),
    tables,
    (table) => table.id,
    () =>
      h(
        "section",
        { class: "column" },
        h("header", {}, h("p", { class: "column-number" }), h("h2", { class: "column-title" }), h("p", { class: "column-meta" })),
        h("div", { class: "column-body" }),
      ),
    (el, table) => {
      setText(el.querySelector(".column-number"), t("table_n", { n: table.number }));
      setText(el.querySelector(".column-title"), table.title);
      const host = state.participants.get(table.host);
      const seated = seatedAt(state, table.id).length;
      const parts = [tn("people_at", seated)];
      if (host) parts.unshift(t("hosted_by", { name: host.name }));
      setText(el.querySelector(".column-meta"), parts.join(" · "));
      const questions = questionsAt(state, table.id);
      const current = planned(state) ? state.rounds.current : 0;
      const everything = notesAt(state, table.id);
      const notes = current > 1 ? everything.filter((n) => n.round >= current) : everything;
      const earlier = everything.length - notes.length;
      let footer = el.querySelector(".column-earlier");
      if (!footer) {
        footer = h("p", { class: "column-earlier" });
        el.append(footer);
      }
      setText(footer, earlier ? tn("earlier", earlier) : "");
      show(footer, earlier > 0);
      const groups = [...questions.map((q) => ({ id: q.id, title: q.text })), { id: "", title: questions.length ? t("other_ideas") : "" }];
      syncList(
        el.querySelector(".column-body"),
        groups.filter((g) => g.id || notes.some((n) => !n.question || !state.questions.has(n.question))),
        (group) => group.id || "loose",
        () => h("div", { class: "column-group" }, h("h3", {}), h("ul", { class: "screen-notes" })),
        (group_el, group) => {
          setText(group_el.querySelector("h3"), group.title);
          show(group_el.querySelector("h3"), Boolean(group.title));
          const mine = notes.filter((n) => (group.id ? n.question === group.id : !n.question || !state.questions.has(n.question)));
          syncList(group_el.querySelector("ul"), mine, (n) => n.id, noteItem, (li, note) => {
            li.className = `screen-note note-${note.colour}${li.classList.contains("enter") ? " enter" : ""}`;
            setText(li.querySelector(".note-text"), note.text);
            setText(li.querySelector(".note-author"), note.anonymous ? "" : note.author_name);
          });
        },
      );
    },
  );
}

function renderVotes(state) {
  const voting = state.voting;
  const hidden = voting.hidden && !voting.revealed;
  setText($("#votes-heading"), voting.open ? t("votes_open") : t("votes_results"));
  setText($("#votes-meta"), t("votes_rules", { budget: voting.budget, cap: voting.cap }));
  setText($("#dots-cast"), tn("dots_cast", state.dots));
  show($("#dots-cast"), hidden);
  show($("#results"), !hidden);
  if (hidden) return;
  const tables = tableList(state).filter((table) => !voting.table || voting.table === table.id);
  $("#results").style.setProperty("--columns", String(Math.max(tables.length, 1)));
  const most = Math.max(1, ...Object.values(state.votes));
  syncList(
    $("#results"),
    tables,
    (table) => table.id,
    () => h("section", { class: "column" }, h("header", {}, h("p", { class: "column-number" }), h("h2", { class: "column-title" })), h("ol", { class: "bars" })),
    (el, table) => {
      setText(el.querySelector(".column-number"), t("table_n", { n: table.number }));
      setText(el.querySelector(".column-title"), table.title);
      const ranked = notesAt(state, table.id)
        .filter((n) => state.votes[n.id])
        .sort((a, b) => state.votes[b.id] - state.votes[a.id] || a.created_at - b.created_at)
        .slice(0, 6);
      syncList(el.querySelector("ol"), ranked, (n) => n.id, () => h("li", { class: "bar-row" }, h("p", { class: "bar-text" }), h("div", { class: "bar" }, h("span", { class: "bar-fill" }), h("span", { class: "bar-count" }))), (li, note) => {
        setText(li.querySelector(".bar-text"), note.text);
        setText(li.querySelector(".bar-count"), String(state.votes[note.id]));
        li.querySelector(".bar-fill").style.setProperty("--share", String(state.votes[note.id] / most));
      });
    },
  );
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
  else if (view === "synthesis") renderSynthesis($("#synthesis-root"), state, live, { canWrite: () => false, canDecide: false, canPropose: false });
  else renderColumns(state);
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

const live = connect({
  auth: () => ({ code: page.code, role: "screen", lang }),
  onChange: render,
  onStatus: showStatus,
  onRefused: (error) => showGone(error.message),
});
tickClocks(() => live);
