// The facilitator's console: phase, participants, details, deletion. The key comes from
// the URL fragment (never sent to the server in a request line) or this device's memory.

import { $, copyText, h, setText, show, showFieldError, syncList } from "./lib/dom.js";
import { fillDetails, readDetails } from "./lib/forms.js";
import { lang, page, t } from "./lib/i18n.js";
import { connect } from "./lib/live.js";
import { people } from "./lib/state.js";
import { forget } from "./lib/mine.js";
import { showGone, showPhase, showStatus } from "./lib/ui.js";
import { renderForumPanel, wireForumPanel } from "./console/forum.js";
import { renderTablesPanel, seatSelect, updateSeatSelect, wireTablesPanel } from "./console/tables.js";
import { renderRoundsPanel, wireRoundsPanel } from "./console/rounds.js";
import { renderHarvestPanels, wireHarvestPanels } from "./console/harvest.js";
import { renderBar, wireBar } from "./console/bar.js";
import { renderRapporteurs, wireRapporteurs } from "./console/rapporteurs.js";
import { renderDoorPanel, wireDoorPanel } from "./console/door.js";
import { renderInsight, wireInsight } from "./console/insight.js";
import { tickClocks } from "./lib/clock.js";
import { phaseName, phasesOf } from "./lib/formats.js";
import { renderOpenSpacePanel, wireOpenSpacePanel } from "./console/openspace.js";
import { renderLifePanel, wireLifePanel } from "./console/life.js";
import { renderModeration, wireModeration } from "./console/moderation.js";

const code = page.code;
const KEY = `cafe.console.${code}`;
const ROLES = ["participant", "host", "rapporteur", "animator"];

const fromFragment = new URLSearchParams(location.hash.slice(1)).get("key");
if (fromFragment) localStorage.setItem(KEY, fromFragment);
const key = fromFragment || localStorage.getItem(KEY);
const consoleLink = `${location.origin}${location.pathname}#key=${key}`;
if (!fromFragment && key) history.replaceState(null, "", consoleLink);

// The details fields typed into and not saved yet: only those are sent, and the others
// follow what someone else saves meanwhile (two animators, two consoles).
const edited = new Set();

function flash(el, text) {
  setText(el, text);
  setTimeout(() => setText(el, ""), 2500);
}

// --- Drawing -------------------------------------------------------------------------

function renderStepper(phase) {
  const phases = phasesOf(live.state.workshop);
  const index = phases.indexOf(phase);
  for (const li of $("#stepper").children) {
    const i = phases.indexOf(li.dataset.phase);
    li.hidden = i < 0; // a World Café has no topic forum
    li.lastChild.textContent = ` ${phaseName(live.state.workshop, li.dataset.phase)}`;
    li.classList.toggle("done", i < index);
    li.classList.toggle("current", i === index);
    if (i === index) li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
  }
  $("#phase-back").disabled = index === 0;
  $("#phase-next").disabled = index === phases.length - 1;
}

function personRow(p) {
  const select = h(
    "select",
    { "aria-label": t("role_label"), class: "role" },
    ROLES.map((r) => h("option", { value: r }, t(`role.${r}`))),
  );
  select.addEventListener("change", async () => {
    const reply = await live.send("participant_role", { participant: p.id, role: select.value });
    setText($("#people-error"), reply.ok ? "" : reply.error.message);
  });
  const remove = h("button", { type: "button", class: "small danger-text" }, t("remove"));
  remove.addEventListener("click", async () => {
    const current = live.state.participants.get(p.id);
    if (!confirm(t("confirm.remove", { name: current?.name ?? "" }))) return;
    const reply = await live.send("participant_remove", { participant: p.id });
    setText($("#people-error"), reply.ok ? "" : reply.error.message);
  });
  return h(
    "tr",
    {},
    h("td", { class: "name" }),
    h("td", { class: "org" }),
    h("td", {}, select),
    h("td", {}, seatSelect(live, p.id)),
    h("td", {}, remove),
  );
}

function updateRow(tr, p) {
  setText(tr.querySelector(".name"), p.name);
  setText(tr.querySelector(".org"), p.organisation);
  const select = tr.querySelector("select");
  select.value = p.role;
  select.setAttribute("aria-label", `${p.name}: ${t("role_label")}`);
  updateSeatSelect(tr.querySelector(".seat"), live.state, p);
}

function render(state) {
  if (state.gone) {
    localStorage.removeItem(KEY);
    forget(code);
    showGone(t("deleted"));
    return;
  }
  const workshop = state.workshop;
  showPhase(workshop.phase, workshop.format);
  renderStepper(workshop.phase);
  setText($("#theme"), workshop.theme);
  setText($("#workshop-language"), t(`workshop_language.${workshop.language}`));
  document.title = `${workshop.theme} · ${t("console_title")}`;
  const list = people(state);
  setText($("#people-count"), String(list.length));
  show($("#people"), list.length > 0);
  setText($("#people-empty"), list.length ? "" : t("none"));
  syncList($("#people tbody"), list, (p) => p.id, personRow, updateRow);
  renderForumPanel(state, live);
  renderTablesPanel(state, live);
  renderRoundsPanel(state, live);
  renderInsight(state, live); // before the synthesis: its ideas show the backing asked here
  renderHarvestPanels(state, live);
  document.body.dataset.format = workshop.format ?? "hybrid";
  renderOpenSpacePanel(state, live);
  renderBar(state);
  // One click brings the big QR code to the screen for latecomers, one more takes it away.
  $("#show-qr").setAttribute("aria-pressed", String(workshop.settings.screen_view === "welcome"));
  const keep = $("#keep-workshop");
  if (keep) keep.checked = Boolean(workshop.settings.keep);
  fillDetails($("#details"), workshop, edited);
  renderRapporteurs(state, live);
  renderDoorPanel(state, live);
  renderLifePanel(state, live, key);
  renderModeration(state, live);
}

// --- Acting --------------------------------------------------------------------------

async function movePhase(step) {
  const current = live.state.workshop.phase;
  const phases = phasesOf(live.state.workshop);
  const target = phases[phases.indexOf(current) + step];
  if (!target) return null;
  const question = step > 0 ? "confirm.next" : "confirm.back";
  if (!confirm(t(question, { phase: phaseName(live.state.workshop, target) }))) return null;
  const reply = await live.send("phase_set", { phase: target });
  setText($("#phase-error"), reply.ok ? "" : reply.error.message);
  return reply;
}

$("#phase-next").addEventListener("click", () => movePhase(1));
$("#phase-back").addEventListener("click", () => movePhase(-1));

const details = $("#details");
details.addEventListener("input", (event) => {
  if (event.target.name) edited.add(event.target.name);
});
details.addEventListener("submit", async (event) => {
  event.preventDefault();
  const typed = readDetails(details);
  const changes = Object.fromEntries([...edited].filter((name) => name in typed).map((name) => [name, typed[name]]));
  const reply = await live.send("workshop_update", changes);
  showFieldError(details, reply.ok ? null : reply.error, $("#details-error"));
  if (reply.ok) {
    edited.clear();
    fillDetails(details, reply.workshop);
    flash($("#details-saved"), t("saved"));
  }
});

$("#keep-workshop")?.addEventListener("change", async (event) => {
  const reply = await live.send("settings_update", { keep: event.target.checked });
  if (!reply.ok) event.target.checked = !event.target.checked;
});

$("#delete-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const typed = $("#delete-confirm").value.trim().toUpperCase();
  if (!confirm(t("confirm.delete", { code }))) return;
  const reply = await live.send("workshop_delete", { confirm: typed });
  // The deletion closes every connection to the workshop, this one too, often before its
  // acknowledgement gets out: the news of the deletion is the answer then.
  if (!reply.ok && !live.state.gone) setText($("#delete-error"), reply.error.message);
});

for (const button of [$("#copy-join"), $("#copy-console")]) {
  button.dataset.label = button.textContent;
  button.addEventListener("click", async () => {
    const text = button.id === "copy-join" ? button.dataset.copy : consoleLink;
    if (!(await copyText(text))) return;
    button.textContent = t("copied");
    setTimeout(() => {
      button.textContent = button.dataset.label;
    }, 2000);
  });
}

// The screen's link carries its own key (the join code alone opens no screen): kept on the
// device that created the workshop; any console can make a new one, cutting the old.
const SCREEN_KEY = `cafe.screen.${code}`;
const openScreen = $("#open-screen");
const screenLink = (screenKey) => `${location.origin}/screen/${code}#key=${screenKey}`;
if (localStorage.getItem(SCREEN_KEY)) openScreen.href = screenLink(localStorage.getItem(SCREEN_KEY));

async function renewScreen() {
  const reply = await live.send("screen_key_renew");
  if (!reply.ok) {
    flash($("#delete-error"), reply.error.message);
    return null;
  }
  localStorage.setItem(SCREEN_KEY, reply.key);
  openScreen.href = screenLink(reply.key);
  return reply.key;
}

openScreen.addEventListener("click", async (event) => {
  if (localStorage.getItem(SCREEN_KEY)) return; // the link holds its key already
  event.preventDefault();
  if (!confirm(t("confirm.renew_screen"))) return;
  const opened = window.open("about:blank", "_blank");
  const screenKey = await renewScreen();
  if (screenKey && opened) opened.location = screenLink(screenKey);
  else opened?.close();
});

$("#show-qr").addEventListener("click", async (event) => {
  const showing = live.state.workshop?.settings.screen_view === "welcome";
  const reply = await live.send("settings_update", { screen_view: showing ? "auto" : "welcome" });
  if (!reply.ok) flash($("#phase-error"), reply.error.message);
  event.target.focus();
});

$("#renew-screen").addEventListener("click", async () => {
  if (confirm(t("confirm.renew_screen"))) await renewScreen();
});

const SEEN = `cafe.console.seen.${code}`;
show($("#secret-banner"), Boolean(key) && !localStorage.getItem(SEEN));
$("#dismiss-secret").addEventListener("click", () => {
  localStorage.setItem(SEEN, "1");
  show($("#secret-banner"), false);
});

// Downloads carry the key in a header, never in a URL.
for (const button of document.querySelectorAll(".export-buttons button")) {
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const response = await fetch(`/api/workshops/${code}/export/${button.dataset.format}`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      if (!response.ok) {
        setText($("#export-error"), (await response.json()).error.message);
        return;
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition"))?.[1];
      const link = h("a", { href: URL.createObjectURL(await response.blob()), download: name ?? "report" });
      document.body.append(link);
      link.click();
      link.remove();
      setText($("#export-error"), "");
    } catch {
      setText($("#export-error"), t("error.offline"));
    } finally {
      button.disabled = false;
    }
  });
}

wireForumPanel(() => live);
wireTablesPanel(() => live);
wireRoundsPanel(() => live);
wireHarvestPanels(() => live);
wireOpenSpacePanel(() => live);
wireBar(() => live, { movePhase });
wireRapporteurs(() => live);
wireDoorPanel(() => live);
wireInsight(() => live);
wireLifePanel(() => live);
wireModeration(() => live);
tickClocks(() => live);

// --- Connecting ----------------------------------------------------------------------

function refuse(message) {
  const box = $("#refused");
  show(box, true);
  setText(box, message);
  for (const el of document.querySelectorAll(".panel")) el.hidden = true;
}

const live = key
  ? connect({
      auth: () => ({ code, role: "console", key, lang }),
      onChange: render,
      onStatus: showStatus,
      onRefused: (error) => refuse(error.code === "unauthorized" ? t("unauthorized") : error.message),
    })
  : null;
if (!live) refuse(t("unauthorized"));
