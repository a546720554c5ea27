// The participant's phone. The join form is a plain HTML form that works before this
// script arrives; this script makes it join without reloading, then loads the live part
// (the connection and every view) once there is someone to follow. A first visit thus
// carries only what joining needs.

import { $, setText, show, showFieldError } from "./lib/dom.js";
import { page, t } from "./lib/i18n.js";
import { tooLong, watchLengths } from "./lib/counter.js";
import { code, keep, lastProfile, remember, showOnly, token } from "./phone/shell.js";

let app = null;
// A space's door code (a forum ouvert): kept until the phone has joined and checks in.
if (page.space) sessionStorage.setItem(`cafe.door.${page.code}`, page.space);

/** Load the live part (once); started at the first sign someone is about to join. */
function loadApp() {
  app ??= import("./phone/app.js").catch((error) => {
    app = null; // no network yet: the next attempt fetches it again
    throw error;
  });
  return app;
}

// The console's "view as a participant at table N": read-only, with the console's key.
const previewTable = new URLSearchParams(location.search).get("preview");
const previewKey = new URLSearchParams(location.hash.slice(1)).get("key");
const preview = previewTable && previewKey ? { table: previewTable, key: previewKey } : null;

async function start() {
  try {
    (await loadApp()).start({ onLeft: showJoin, preview });
  } catch {
    setTimeout(start, 3000);
  }
}

/** Show the join form, with the name this device used last time and a notice if any. */
function showJoin(notice) {
  showOnly("join");
  const form = $("#join-form");
  const profile = lastProfile();
  if (profile.name && !form.elements.name.value) form.elements.name.value = profile.name;
  if (profile.organisation && !form.elements.organisation.value) form.elements.organisation.value = profile.organisation;
  show($("#join-notice"), Boolean(notice));
  setText($("#join-notice"), notice || "");
}

const form = $("#join-form");
form.addEventListener("focusin", () => loadApp().catch(() => {}), { once: true });
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = $("#join-button");
  const payload = Object.fromEntries(new FormData(form).entries());
  for (const name of ["name", "organisation"]) {
    const message = tooLong(form.elements[name]);
    if (message) return showFieldError(form, { field: name, message }, $("#join-error"));
  }
  button.disabled = true;
  loadApp().catch(() => {});
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
    keep(body.token, { name: payload.name, organisation: payload.organisation });
    if (body.waiting) showOnly("door"); // the facilitator lets people in: wait for them
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

watchLengths();
// What stays in view while the page scrolls sits just under the top bar, however tall.
new ResizeObserver(([bar]) => {
  document.documentElement.style.setProperty("--topbar-height", `${bar.target.offsetHeight}px`);
}).observe($("#topbar"));
if (preview) {
  document.body.classList.add("previewing");
  showOnly("connecting");
  start();
} else if (page.joined) {
  // The plain form joined (this page is its answer): keep the token it handed over, and
  // leave the address of a page one may reload, not that of a form one would send again.
  const me = page.joined.participant ?? page.joined.waiting; // in, or held at the door
  keep(page.joined.token, { name: me.name, organisation: me.organisation });
  history.replaceState(null, "", location.pathname);
  start();
} else if (token()) {
  remember(true);
  showOnly("connecting");
  start();
} else {
  remember(false);
  showJoin();
}
document.body.dataset.ready = "true";
