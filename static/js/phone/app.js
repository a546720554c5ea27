// The phone once joined: the live connection, and which view the workshop calls for.

import { $, setText, show, showFieldError } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { connect } from "../lib/live.js";
import { may, planned } from "../lib/state.js";
import { tickClocks } from "../lib/clock.js";
import { peopleCount, showGone, showPhase, showStatus } from "../lib/ui.js";
import { code, keep, showOnly, token } from "./shell.js";
import { renderForum, wireForum } from "./forum.js";
import { renderChoice, renderTable, wireTable } from "./table.js";
import { renderPreview, wireTogether } from "./together.js";
import { wireScribe } from "./scribe.js";
import { renderVoteFor, wireVoteFor } from "./vote-for.js";
import { renderSupportFor, wireSupportFor } from "./support-for.js";
import { closeComposer, wireCompose } from "./compose.js";
import { arrived, renderGoto, watchTime, wireGoto } from "./goto.js";
import { renderAfter, wireAfter } from "./after.js";
import { renderCarry, wireCarry } from "./carry.js";
import { renderBrief } from "./brief.js";
import { renderMet } from "./met.js";
import { followBacking } from "../lib/backing.js";
import { renderSimilar } from "../lib/similar-groups.js";

let live = null;
const later = new Map(); // views most phones need late, if ever: loaded when first shown

/** A module loaded on demand: null until it has come (the page is drawn again then). */
function when(path) {
  if (!later.has(path)) {
    const slot = { module: null };
    later.set(path, slot);
    import(path)
      .then((module) => {
        slot.module = module;
        if (live?.state.me) render(live.state);
      })
      .catch(() => later.delete(path)); // offline: the next drawing tries again
  }
  return later.get(path).module;
}

function renderWaiting(state, me) {
  // The console's look at a table has nobody to welcome: its banner says what it is.
  const preview = state.me?.role === "preview";
  show($("#welcome"), !preview);
  show($(".me-card"), !preview);
  setText($("#welcome"), t("welcome", { name: me.name }));
  setText($("#next"), t(`next.${state.workshop.phase}`));
  setText($("#me-name"), me.name);
  setText($("#me-org"), me.organisation ? `· ${me.organisation}` : "");
  const role = $("#me-role");
  show(role, me.role !== "participant");
  setText(role, t(`role.${me.role}`));
  setText($("#people-count"), peopleCount(state.crowd.people));
}

function renderRoundChip(state) {
  const r = state.rounds;
  const on = state.workshop.phase === "cafe" && planned(state) && r.current > 0;
  show($("#round-chip"), on);
  setText($("#round-label"), on ? t("round_short", { n: r.current, count: r.count }) : "");
}

let prefetched = false;

/** Once live, fetch the views that come later in the background: a phone that loses the
 * network just as a vote opens still shows it, and gives its dots offline. */
function prefetch() {
  if (prefetched) return;
  prefetched = true;
  setTimeout(() => {
    when("./vote.js");
    when("../lib/synthesis.js");
  }, 2000);
}

/** Between rounds, the host of the coming round's table gets the brief for its newcomers. */
function renderHostBrief(state, live) {
  const r = state.rounds;
  const table = state.tables.get(state.me.plan[String(r.current + 1)]);
  const hosting = r.status === "between" && table?.host === state.me.participant.id;
  renderBrief($("#goto-brief"), state, live, table?.id, hosting);
}

/** After the café: what comes next and something to do, above the synthesis. */
function renderClosing(state, phase, cafeOver) {
  showOnly("synthesis");
  const synthesis = when("../lib/synthesis.js");
  // "Propose a next step" shows once the synthesis (and its step form) is drawn.
  renderAfter(state, cafeOver ? "cafe" : phase, Boolean(synthesis));
  renderMet(state, live);
  followBacking(state, live); // the ideas' flags: "agreed across 4 organisations"
  const gathers = ["rapporteur", "animator"].includes(state.me.participant.role);
  renderSimilar($("#phone-similar"), state, live, phase === "harvest" && gathers);
  synthesis?.renderSynthesis($("#synthesis-root"), state, live, {
    canWrite: (table) => phase === "harvest" && may(state, "write_synthesis", table.id),
    canPropose: phase !== "closed",
    canDecide: false,
  });
}

function render(state) {
  if (state.gone) {
    if (state.gone === "removed") {
      keep(null);
      localStorage.removeItem(`cafe.outbox.${code}`);
    }
    showGone(t(`gone.${state.gone}`));
    return;
  }
  if (state.me?.role === "preview" && !state.me.participant) state.me.participant = { id: "", name: "", role: "participant" };
  const me = state.me?.participant;
  if (!me || !state.workshop) return;
  renderPreview(state);
  prefetch();
  showPhase(state.workshop.phase, state.workshop.format);
  setText($("#refusal"), live.outbox.refusal?.message ?? "");
  show($("#refusal"), Boolean(live.outbox.refusal));
  const waiting = live.outbox.pending().length;
  show($("#pending"), waiting > 0);
  setText($("#pending"), tn("pending", waiting));
  const phase = state.workshop.phase;
  const seat = state.me.seat;
  const status = state.rounds.status;
  const roundOn = status === "running" || status === "paused";
  renderRoundChip(state);
  if (state.workshop.format === "forum-ouvert" && !state.voting.open) {
    // A forum ouvert: its own view, but a session's notes are the café's table view.
    const openspace = when("./openspace.js");
    if (openspace?.wantsTable(state)) {
      showOnly("table");
      renderTable(state, live, seat);
    } else if (openspace) {
      showOnly("openspace");
      openspace.renderOpenSpace(state, live);
    }
  } else if (state.voting.open && (phase === "cafe" || phase === "harvest")) {
    showOnly("vote");
    when("./vote.js")?.renderVote(state, live);
    renderVoteFor(state, live);
  } else if (phase === "harvest" || phase === "closed") {
    renderClosing(state, phase, false);
  } else if (phase === "forum") {
    showOnly("forum");
    renderForum(state, live);
    renderSupportFor(state, live);
  } else if (phase === "cafe" && planned(state) && status === "done") {
    renderClosing(state, phase, true);
  } else if (phase === "cafe" && planned(state) && !(seat && roundOn)) {
    showOnly("goto");
    renderGoto(state, live, "before");
    renderCarry(state, live);
    renderHostBrief(state, live);
  } else if (phase === "cafe" && planned(state) && !arrived(state)) {
    // Seated while the round runs (arrived late, or moved): the same card as everyone.
    showOnly("goto");
    renderGoto(state, live, "arrive");
  } else if (phase === "cafe" && seat) {
    showOnly("table");
    renderTable(state, live, seat);
  } else if (phase === "cafe") {
    showOnly("choose");
    renderChoice(state, live);
  } else {
    showOnly("waiting");
    renderWaiting(state, me);
  }
  if (document.body.dataset.view !== "table") closeComposer();
}

/** Connect and follow the workshop; `onLeft(notice)` shows the join form again. */
export function start({ onLeft, preview = null }) {
  if (live) return;
  showStatus("connecting");
  const lang = () => document.documentElement.lang;
  live = connect({
    auth: () =>
      preview
        ? { code, role: "preview", key: preview.key, table: preview.table, lang: lang() }
        : { code, role: "participant", token: token(), lang: lang() },
    onChange: render,
    onStatus: (status) => {
      showStatus(status);
      if (status === "waiting") showOnly("door");
      if (live?.state.me) render(live.state);
    },
    outboxKey: preview ? `cafe.outbox.preview.${code}` : `cafe.outbox.${code}`,
    onRefused(error) {
      live?.close();
      live = null;
      if (preview) return showGone(error.message);
      if (error.code === "not_joined" || error.code === "not_found") {
        keep(null);
        onLeft(error.code === "not_joined" ? t("gone.not_joined") : error.message);
      } else {
        showGone(error.message);
      }
    },
  });
}

// --- Editing one's own details ---------------------------------------------------------

const profileForm = $("#profile-form");
$("#edit-profile").addEventListener("click", () => {
  const me = live?.state.me?.participant;
  if (!me) return;
  profileForm.elements["p-name"].value = me.name;
  profileForm.elements["p-organisation"].value = me.organisation;
  show(profileForm, true);
  profileForm.elements["p-name"].focus();
});
$("#profile-cancel").addEventListener("click", () => show(profileForm, false));
profileForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const reply = await live.send("profile_update", {
    name: profileForm.elements["p-name"].value,
    organisation: profileForm.elements["p-organisation"].value,
    language: document.documentElement.lang,
  });
  if (!reply.ok) {
    const error = reply.error.field ? { ...reply.error, field: `p-${reply.error.field}` } : reply.error;
    showFieldError(profileForm, error, $("#profile-error"));
    return;
  }
  showFieldError(profileForm, null, $("#profile-error"));
  keep(token(), { name: reply.participant.name, organisation: reply.participant.organisation });
  show(profileForm, false);
});

const current = () => live;
wireForum(current);
wireTable(current);
wireTogether(current);
wireScribe(current);
wireVoteFor(current);
wireSupportFor(current);
wireCompose(current);
wireGoto(current);
wireCarry(current);
wireAfter();
tickClocks(current);
watchTime(current);
