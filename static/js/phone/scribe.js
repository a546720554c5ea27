// The scribe at a table: a host or a rapporteur writes for people without a phone. They
// pick (or add) the person, and the composer says "Writing for Paul" until they stop.

import { $, h, setText, show } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { may } from "../lib/state.js";
import { askWithoutPhone, withoutPhone } from "./without-phone.js";

let chosen = ""; // whom the scribe writes for now ("" for themselves)

/** The participant the next note is written for, or null for the scribe themselves. */
export function writingFor() {
  return chosen || null;
}

async function refresh(live) {
  await askWithoutPhone(live);
  if (chosen && !(withoutPhone() ?? []).some((p) => p.id === chosen)) {
    chosen = ""; // removed meanwhile
    live.redraw();
  }
}

/** Draw the scribe's tools (for those the server lets write for others at this table). */
export function renderScribe(state, live, tableId) {
  const allowed = may(state, "scribe", tableId) && state.me?.role !== "preview";
  show($("#scribe"), allowed);
  if (!allowed) {
    chosen = "";
  } else {
    const select = $("#f-scribe-for");
    // Those seated here first, then those seated nowhere yet.
    const here = (withoutPhone() ?? []).filter((p) => p.seat === tableId || p.seat === null);
    const options = [h("option", { value: "" }, t("scribe_myself")), ...here.map((p) => h("option", { value: p.id }, p.name))];
    if (document.activeElement !== select) {
      select.replaceChildren(...options);
      select.value = chosen;
    }
  }
  const person = (withoutPhone() ?? []).find((p) => p.id === chosen);
  show($("#writing-for"), Boolean(person));
  setText($("#writing-for"), person ? t("writing_for", { name: person.name }) : "");
  document.body.classList.toggle("scribing", Boolean(person));
}

/** Wire the scribe's tools. */
export function wireScribe(getLive) {
  $("#scribe").addEventListener("toggle", (event) => {
    if (event.target.open) refresh(getLive());
  });
  $("#f-scribe-for").addEventListener("change", (event) => {
    chosen = event.target.value;
    getLive().redraw();
  });
  $("#scribe-add").addEventListener("submit", async (event) => {
    event.preventDefault();
    const live = getLive();
    const form = event.currentTarget;
    const reply = await live.send("participant_add", { name: form.elements.name.value, table: live.state.me.seat });
    setText($("#scribe-error"), reply.ok ? "" : reply.error.message);
    if (!reply.ok) return;
    form.elements.name.value = "";
    chosen = reply.participant.id;
    await refresh(live);
  });
}
