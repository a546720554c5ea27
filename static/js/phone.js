// The participant's phone: join once, then follow the workshop live.

import { $, h, setText, show, showFieldError } from "./lib/dom.js";
import { page, t, tn } from "./lib/i18n.js";
import { connect } from "./lib/live.js";
import { comingRound, may, planned } from "./lib/state.js";
import { tickClocks } from "./lib/clock.js";
import { peopleCount, showGone, showPhase, showStatus } from "./lib/ui.js";
import { renderForum, wireForum } from "./phone/forum.js";
import { renderChoice, renderTable, wireTable } from "./phone/table.js";
import { renderVote } from "./phone/vote.js";
import { renderSynthesis } from "./lib/synthesis.js";

const code = page.code;
const TOKEN = `cafe.token.${code}`;
const PROFILE = "cafe.profile";
const VIEWS = ["connecting", "join", "waiting", "forum", "goto", "choose", "table", "vote", "synthesis", "gone"];
const MEMBER = `cafe_member_${code}`; // a cookie telling the server to show "connecting", not the form

function remember(member) {
  document.cookie = member
    ? `${MEMBER}=1; path=/; max-age=${60 * 60 * 24 * 30}; SameSite=Lax`
    : `${MEMBER}=; path=/; max-age=0; SameSite=Lax`;
}
let live = null;

function token() {
  return localStorage.getItem(TOKEN);
}

function showOnly(id) {
  const changed = document.body.dataset.view !== id;
  for (const view of VIEWS) show($(`#${view}`), view === id);
  document.body.dataset.view = id;
  // A new view starts at its top, not where the last one was scrolled to.
  if (changed) window.scrollTo(0, 0);
}

// --- Joining ---------------------------------------------------------------------------

async function loadOrganisations() {
  try {
    const body = await (await fetch(`/api/workshops/${code}`)).json();
    if (!body.ok) return;
    $("#organisations").replaceChildren(...body.workshop.organisations.map((o) => h("option", { value: o })));
    showPhase(body.workshop.phase);
  } catch {
    /* suggestions are a convenience; joining works without them */
  }
}

function showJoin(notice) {
  showOnly("join");
  const profile = JSON.parse(localStorage.getItem(PROFILE) || "{}");
  const form = $("#join-form");
  if (profile.name && !form.elements.name.value) form.elements.name.value = profile.name;
  if (profile.organisation && !form.elements.organisation.value) {
    form.elements.organisation.value = profile.organisation;
  }
  show($("#join-notice"), Boolean(notice));
  setText($("#join-notice"), notice || "");
  loadOrganisations();
}

$("#join-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const button = $("#join-button");
  const payload = Object.fromEntries(new FormData(form).entries());
  button.disabled = true;
  try {
    const response = await fetch(`/api/workshops/${code}/participants`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
    const body = await response.json();
    if (!body.ok) {
      showFieldError(form, body.error, $("#join-error"));
      return;
    }
    localStorage.setItem(TOKEN, body.token);
    remember(true);
    localStorage.setItem(PROFILE, JSON.stringify({ name: payload.name, organisation: payload.organisation }));
    if (payload.language && payload.language !== document.documentElement.lang) {
      location.replace(`${location.pathname}?lang=${payload.language}`);
      return;
    }
    start();
  } catch {
    $("#join-error").textContent = t("error.offline");
  } finally {
    button.disabled = false;
  }
});

// --- Following the workshop ------------------------------------------------------------

function renderWaiting(state, me) {
  setText($("#welcome"), t("welcome", { name: me.name }));
  setText($("#next"), t(`next.${state.workshop.phase}`));
  setText($("#me-name"), me.name);
  setText($("#me-org"), me.organisation ? `· ${me.organisation}` : "");
  const role = $("#me-role");
  show(role, me.role !== "participant");
  setText(role, t(`role.${me.role}`));
  setText($("#people-count"), peopleCount(state.crowd.people));
}

function renderGoto(state) {
  const round = comingRound(state);
  const tableId = state.me.plan[String(round)];
  const table = state.tables.get(tableId);
  const finished = state.rounds.status === "between" ? state.rounds.current : 0;
  setText($("#goto-done"), finished ? t("round_over", { n: finished }) : "");
  setText($("#goto-round"), t("round_n", { n: round }));
  setText($("#goto-table"), table ? `→ ${t("table_n", { n: table.number })}` : t("no_seat"));
  setText($("#goto-title"), table?.title ?? "");
  const me = state.me.participant;
  setText($("#goto-host"), table?.host ? (table.host === me.id ? t("you_host") : t("hosted_by", { name: table.host_name })) : "");
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

function renderRoundChip(state) {
  const r = state.rounds;
  const on = state.workshop.phase === "cafe" && planned(state) && r.current > 0;
  show($("#round-chip"), on);
  setText($("#round-label"), on ? t("round_short", { n: r.current, count: r.count }) : "");
}

function render(state) {
  if (state.gone) {
    if (state.gone === "removed") {
      localStorage.removeItem(TOKEN);
      remember(false);
      localStorage.removeItem(`cafe.outbox.${code}`);
    }
    showGone(t(`gone.${state.gone}`));
    return;
  }
  const me = state.me?.participant;
  if (!me || !state.workshop) return;
  showPhase(state.workshop.phase);
  setText($("#refusal"), live.outbox.refusal?.message ?? "");
  show($("#refusal"), Boolean(live.outbox.refusal));
  const waiting = live.outbox.pending().length;
  show($("#pending"), waiting > 0);
  setText($("#pending"), tn("pending", waiting));
  const phase = state.workshop.phase;
  const seat = state.me.seat;
  const status = state.rounds.status;
  renderRoundChip(state);
  if (state.voting.open && (phase === "cafe" || phase === "harvest")) {
    showOnly("vote");
    renderVote(state, live);
  } else if (phase === "harvest" || phase === "closed") {
    showOnly("synthesis");
    show($("#closed-thanks"), phase === "closed");
    renderSynthesis($("#synthesis-root"), state, live, {
      canWrite: (table) => phase === "harvest" && may(state, "write_synthesis", table.id),
      canPropose: phase === "harvest",
      canDecide: false,
    });
  } else if (phase === "forum") {
    showOnly("forum");
    renderForum(state, live);
  } else if (phase === "cafe" && planned(state) && status === "done") {
    showOnly("waiting");
    renderWaiting(state, me);
    setText($("#next"), t("next.cafe_done"));
  } else if (phase === "cafe" && planned(state) && !(seat && (status === "running" || status === "paused"))) {
    showOnly("goto");
    renderGoto(state);
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
}

function start() {
  if (live) return;
  showStatus("connecting");
  live = connect({
    auth: () => ({ code, role: "participant", token: token(), lang: document.documentElement.lang }),
    onChange: render,
    onStatus: (status) => {
      showStatus(status);
      if (live?.state.me) render(live.state);
    },
    outboxKey: `cafe.outbox.${code}`,
    onRefused(error) {
      live?.close();
      live = null;
      if (error.code === "not_joined" || error.code === "not_found") {
        localStorage.removeItem(TOKEN);
        remember(false);
        showJoin(error.code === "not_joined" ? t("gone.not_joined") : error.message);
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
  localStorage.setItem(PROFILE, JSON.stringify({ name: reply.participant.name, organisation: reply.participant.organisation }));
  show(profileForm, false);
});

wireForum(() => live);
wireTable(() => live);
tickClocks(() => live);
$("#join-button").disabled = false; // the form works from now on
if (token()) {
  remember(true);
  showOnly("connecting");
  start();
} else {
  remember(false);
  showJoin();
}
