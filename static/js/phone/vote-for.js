// A scribe's dots for someone without a phone: pick the person, then give or take back
// their dots on the notes open to the vote, within their own budget and cap.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { newId } from "../lib/ids.js";
import { t } from "../lib/i18n.js";
import { askWithoutPhone, withoutPhone } from "./without-phone.js";
import { may, notesAt, tableList } from "../lib/state.js";
import { onTheWall } from "./together.js";

let chosen = "";

function noteRow(live) {
  return (note) => {
    const vote = async (delta) => {
      const reply = await live.send("vote", { table: note.table, note: note.id, delta, for: chosen, op: newId() });
      setText($("#vote-for-error"), reply.ok ? "" : reply.error.message);
      await askWithoutPhone(live);
    };
    const give = h("button", { type: "button", class: "dot-button give" }, "+");
    give.addEventListener("click", () => vote(1));
    const take = h("button", { type: "button", class: "dot-button take" }, "−");
    take.addEventListener("click", () => vote(-1));
    return h("li", { class: `vote-note note-${note.colour}` }, h("p", { class: "note-text" }), h("div", { class: "vote-row" }, h("span", { class: "my-dots" }), take, give));
  };
}

/** Draw the scribe's dots for the person chosen (only for who may write for others). */
export function renderVoteFor(state, live) {
  const scribe = state.me.may?.scribe;
  const allowed = scribe === "all" || (Array.isArray(scribe) && scribe.length > 0);
  show($("#vote-for"), allowed);
  if (!allowed) return;
  const people = withoutPhone();
  if (people === null) askWithoutPhone(live);
  const here = (people ?? []).filter((p) => may(state, "scribe", p.seat));
  const select = $("#f-vote-for");
  if (document.activeElement !== select) {
    select.replaceChildren(h("option", { value: "" }, t("vote_for_nobody")), ...here.map((p) => h("option", { value: p.id }, p.name)));
    select.value = here.some((p) => p.id === chosen) ? chosen : "";
    chosen = select.value;
  }
  const person = here.find((p) => p.id === chosen);
  show($("#vote-for-notes"), Boolean(person));
  const used = person ? Object.values(person.dots).reduce((a, b) => a + b, 0) : 0;
  const left = Math.max(0, state.voting.budget - used);
  setText($("#vote-for-left"), person ? t("vote_for_left", { name: person.name, n: left, total: state.voting.budget }) : "");
  const notes = person ? tableList(state).filter((tb) => may(state, "vote_on", tb.id)).flatMap((tb) => onTheWall(notesAt(state, tb.id))) : [];
  syncList($("#vote-for-notes"), notes, (n) => n.id, noteRow(live), (li, note) => {
    const mine = person.dots[note.id] ?? 0;
    setText(li.querySelector(".note-text"), note.text);
    setText(li.querySelector(".my-dots"), mine ? "●".repeat(mine) : "");
    const give = li.querySelector(".give");
    give.disabled = left <= 0 || mine >= state.voting.cap;
    give.setAttribute("aria-label", t("give_dot_for", { name: person.name, text: note.text.slice(0, 60) }));
    const take = li.querySelector(".take");
    take.disabled = mine <= 0;
    take.setAttribute("aria-label", t("take_dot_for", { name: person.name, text: note.text.slice(0, 60) }));
  });
}

/** Wire the choice of the person. */
export function wireVoteFor(getLive) {
  $("#f-vote-for").addEventListener("change", (event) => {
    chosen = event.target.value;
    askWithoutPhone(getLive());
  });
}
