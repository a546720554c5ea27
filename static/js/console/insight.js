// The console's view of the room: how the organisations mixed (an organisation ×
// organisation matrix of the table-rounds they shared, and the share of possible meetings
// that happened), similar notes to make one idea of, and the ranking of retained ideas.

import { $, h, setText, show } from "../lib/dom.js";
import { lang, t } from "../lib/i18n.js";
import { asked } from "../lib/asked.js";
import { followBacking } from "../lib/backing.js";
import { renderSimilar } from "../lib/similar-groups.js";

const percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });

/** The matrix: organisations numbered down the side, their numbers across the top (ten
 * and more stay readable), each cell the table-rounds that pair shared, shaded by it. */
function drawMatrix(table, mixing) {
  const names = Object.keys(mixing.organisations).sort((a, b) => a.localeCompare(b, lang));
  const shared = new Map(mixing.pairs.map(([a, b, n]) => [`${a}|${b}`, n]));
  const most = Math.max(1, ...mixing.pairs.map(([, , n]) => n));
  const count = (a, b) => shared.get(a < b ? `${a}|${b}` : `${b}|${a}`) ?? 0;
  const head = h("tr", {}, h("th", { scope: "col", class: "mixing-corner" }, t("mixing.corner")),
    ...names.map((name, i) => h("th", { scope: "col", title: name, "aria-label": name }, String(i + 1))),
    h("th", { scope: "col", class: "mixing-total" }, t("mixing.met")),
    h("th", { scope: "col", class: "mixing-total" }, t("mixing.rounds")));
  const rows = names.map((a, i) => h("tr", {},
    h("th", { scope: "row" }, `${i + 1}. ${a}`),
    ...names.map((b) => {
      if (a === b) return h("td", { class: "mixing-self", "aria-label": "—" }, "—");
      const n = count(a, b);
      const cell = h("td", { title: t("mixing.cell", { a, b, n }) }, String(n));
      cell.style.setProperty("--mix", String(n / most));
      if (!n) cell.classList.add("never");
      return cell;
    }),
    h("td", { class: "mixing-total" }, t("mixing.met_of", { n: mixing.organisations[a].met, total: names.length - 1 })),
    h("td", { class: "mixing-total" }, String(mixing.organisations[a].table_rounds))));
  table.replaceChildren(h("thead", {}, head), h("tbody", {}, ...rows));
}

let drawn = null; // the mixing last drawn, to draw only what changed

function renderMixing(state, live) {
  const r = state.rounds;
  const on = r.current > 0 && ["cafe", "harvest", "closed"].includes(state.workshop.phase);
  show($("#mixing-panel"), on);
  if (!on) return;
  const reply = asked(live, "mixing", {}, `${r.current}|${r.status}|${state.participants.size}`);
  const mixing = reply?.mixing;
  const played = mixing && Object.keys(mixing.organisations).length > 0;
  setText($("#mixing-share"), played ? t("mixing.share", { share: percent.format(mixing.met_share) }) : t("mixing.none"));
  show($("#mixing-wrap"), Boolean(played));
  const seen = JSON.stringify(mixing ?? null);
  if (played && drawn !== seen) {
    drawn = seen;
    drawMatrix($("#mixing"), mixing);
  }
}

/** Draw the console's insight: the mixing, similar notes, the ranking setting. */
export function renderInsight(state, live) {
  followBacking(state, live);
  renderMixing(state, live);
  const phase = state.workshop.phase;
  const similarOn = phase === "harvest" || phase === "closed" || (phase === "cafe" && state.voting.open);
  renderSimilar($("#similar-panel"), state, live, similarOn, "h2");
  const rank = $("#rank-ideas-by");
  if (document.activeElement !== rank) rank.value = state.workshop.settings.rank_ideas_by ?? "dots";
}

export function wireInsight(getLive) {
  $("#rank-ideas-by").addEventListener("change", async (event) => {
    const reply = await getLive().send("settings_update", { rank_ideas_by: event.target.value });
    setText($("#rank-saved"), reply.ok ? t("saved") : reply.error.message);
    setTimeout(() => setText($("#rank-saved"), ""), 2500);
  });
}
