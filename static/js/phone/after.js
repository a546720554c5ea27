// Once the café's rounds are done, through the harvest to the closing: what comes next,
// something to do meanwhile (read the synthesis as it is written, propose a next step),
// and at the end, thanks with what one took part in.

import { $, h, setText, show } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { dotsUsed, steps } from "../lib/state.js";

/** The rounds one sat through, with the table of each. */
function tablesVisited(state) {
  const played = state.rounds.status === "idle" ? 0 : state.rounds.current;
  return Object.entries(state.me.plan ?? {})
    .filter(([number]) => Number(number) <= played)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([number, id]) => [number, state.tables.get(id)])
    .filter(([, table]) => table);
}

function participation(state) {
  const me = state.me.participant.id;
  const lines = tablesVisited(state).map(([number, table]) =>
    `${t("round_n", { n: number })} · ${t("table_n", { n: table.number })} · ${table.title}`);
  const supports = [...state.mine.supports].filter((id) => state.topics.has(id)).length;
  const proposed = steps(state).filter((s) => s.author === me).length;
  for (const [key, n] of [["did.supports", supports], ["did.dots", dotsUsed(state)], ["did.steps", proposed]]) {
    if (n) lines.push(tn(key, n));
  }
  return lines;
}

/**
 * Draw the card above the synthesis for `stage`: "cafe" (rounds done), "harvest" or
 * "closed"; `ready` when the synthesis below is drawn (its step form to go to).
 */
export function renderAfter(state, stage, ready) {
  const me = state.me.participant;
  setText($("#after-title"), t(`after.${stage}.title`, { name: me.name }));
  setText($("#after-next"), t(`after.${stage}.next`));
  const lines = stage === "harvest" ? [] : participation(state);
  show($("#after-mine"), lines.length > 0);
  const list = $("#after-list");
  if (list.textContent !== lines.join("")) list.replaceChildren(...lines.map((line) => h("li", {}, line)));
  show($("#after-step"), stage !== "closed" && ready);
}

/** "Propose a next step" takes one to the step's field, at the end of the synthesis. */
export function wireAfter() {
  $("#after-step").addEventListener("click", () => {
    const field = $("#synthesis-root .syn-propose input[name=text]");
    field?.scrollIntoView({ block: "center" });
    field?.focus();
  });
}
