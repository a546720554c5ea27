// Who one met: once the café's rounds are played, the card above the synthesis says "You
// met 11 new people from 6 organisations", as the server counts it from the seating.

import { $, h, setText, show } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { asked } from "../lib/asked.js";

/** The sentence for `met` ({people, organisations}), or "" when one met nobody. */
export function metLine(met) {
  if (!met?.people) return "";
  const people = tn("met.people", met.people);
  if (!met.organisations) return t("met.only", { people });
  return t("met.with", { people, organisations: tn("met.organisations", met.organisations) });
}

/** Draw "You met …" on the card after the café (asked again when a round was played). */
export function renderMet(state, live) {
  let line = $("#after-met");
  if (!line) {
    line = h("p", { class: "after-met", id: "after-met" });
    $("#after-next").after(line);
  }
  const reply = asked(live, "meetings", {}, `${state.rounds.current}|${state.rounds.status}`);
  const text = metLine(reply?.met);
  setText(line, text);
  show(line, Boolean(text));
}
