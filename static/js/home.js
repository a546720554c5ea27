// The home page: join by code, create a workshop, find the workshops made on this device.

import { $, h, showFieldError } from "./lib/dom.js";
import { readDetails } from "./lib/forms.js";
import { t } from "./lib/i18n.js";
import { remember, saved } from "./lib/mine.js";

function showSaved() {
  const list = saved();
  $("#mine").hidden = list.length === 0;
  $("#mine-list").replaceChildren(
    ...list.map((e) =>
      h("li", {}, h("a", { href: e.console }, e.theme), " ", h("span", { class: "code muted" }, e.code)),
    ),
  );
}

const dateInput = $("#f-date");
if (dateInput && !dateInput.value) dateInput.value = new Date().toISOString().slice(0, 10);
// The workshop's times (the CSV of notes) are told in the facilitator's time zone.
const zoneInput = $("#f-timezone");
if (zoneInput && !zoneInput.value) zoneInput.value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";

$("#create").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const response = await fetch("/api/workshops", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(readDetails(form)),
    });
    const body = await response.json();
    if (!body.ok) {
      showFieldError(form, body.error, $("#create-error"));
      return;
    }
    remember({ code: body.workshop.code, theme: body.workshop.theme, console: body.links.console });
    localStorage.setItem(`cafe.screen.${body.workshop.code}`, body.screen_key); // for the console's "Open the screen"
    location.assign(body.links.console);
  } catch {
    $("#create-error").textContent = t("error.generic");
  } finally {
    button.disabled = false;
  }
});

showSaved();
