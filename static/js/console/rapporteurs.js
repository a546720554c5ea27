// The details' Rapporteurs field is free text for the report's header. A typed name that
// is a participant's display name (ignoring case) is offered the rapporteur role, which
// is what lets them write the synthesis from their phone; any other name is said to be
// for the report only, so nobody believes typing it gave anyone a right.

import { $, h, setText, syncList } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { people } from "../lib/state.js";

const WRITERS = ["rapporteur", "animator"];

function fold(name) {
  return name.normalize("NFC").trim().toLocaleLowerCase();
}

/** Each name typed in the field, with the participant it names (or null). */
export function matches(state, typed) {
  const everyone = people(state);
  const names = typed.split(/[\n,;]/).map((s) => s.trim()).filter(Boolean);
  return [...new Map(names.map((name) => [fold(name), name])).values()].map((name) => ({
    name,
    person: everyone.find((p) => fold(p.name) === fold(name)) ?? null,
  }));
}

function line(live) {
  return () => {
    const give = h("button", { type: "button", class: "small" });
    give.addEventListener("click", async () => {
      const reply = await live.send("participant_role", { participant: give.dataset.person, role: "rapporteur" });
      setText($("#details-error"), reply.ok ? "" : reply.error.message);
    });
    return h("li", {}, h("span", { class: "text" }), " ", give);
  };
}

function update(li, { name, person }) {
  const give = li.querySelector("button");
  let text = t("rapporteur.unknown", { name });
  if (person && WRITERS.includes(person.role)) text = t("rapporteur.writes", { name: person.name });
  else if (person) text = t("rapporteur.joined", { name: person.name });
  setText(li.querySelector(".text"), text);
  give.hidden = !person || WRITERS.includes(person.role);
  give.dataset.person = person?.id ?? "";
  setText(give, person ? t("rapporteur.give", { name: person.name }) : "");
}

export function renderRapporteurs(state, live) {
  const field = $("#f-rapporteurs");
  if (!field) return;
  const list = matches(state, field.value);
  syncList($("#rapporteur-matches"), list, (m) => fold(m.name), line(live), update);
}

export function wireRapporteurs(getLive) {
  const field = $("#f-rapporteurs");
  field?.after(h("ul", { class: "rapporteur-matches plain-list", id: "rapporteur-matches", "aria-live": "polite" }));
  field?.addEventListener("input", () => renderRapporteurs(getLive().state, getLive()));
}
