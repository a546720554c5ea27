// What the organisations agree on: for each note with dots, and each idea drawn from
// notes, how many organisations gave its dots, and its flag ("agreed" across three or
// more, or "one" organisation only). The server counts; pages ask when dots or ideas change.

import { asked } from "./asked.js";
import { t } from "./i18n.js";

/** Ask for the backing again when dots or ideas changed; keep it in `state.backing`. */
export function followBacking(state, live) {
  const dots = Object.values(state.votes).reduce((sum, n) => sum + n, 0);
  const ideas = [...state.synthesis.values()].filter((i) => i.kind === "idea" && (i.note || i.group?.length));
  const v = state.voting;
  const sign = `${dots}|${state.dots}|${ideas.map((i) => i.key).join(",")}|${v.open}|${v.hidden}|${v.revealed}`;
  const reply = asked(live, "backing", {}, sign);
  state.backing = reply ? { notes: reply.backing ?? {}, ideas: reply.ideas ?? {} } : state.backing ?? { notes: {}, ideas: {} };
  return state.backing;
}

/** The words of a flag: "agreed across 4 organisations", "carried by one organisation", or "". */
export function flagText(entry) {
  if (entry?.flag === "agreed") return t("flag.agreed", { n: entry.organisations });
  if (entry?.flag === "one") return t("flag.one");
  return "";
}
