// The projector in a forum ouvert: the marketplace grid filling live (spaces across,
// slots down), each session's head count while the sessions run, the clashes, the
// bumblebees, and the breaking news: the latest reports as they are saved.

import { $, h, setText, show } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { overflows } from "./fit.js";

const NEWS = 3; // reports shown at once: the latest first

function slotName(slot) {
  const time = [slot.start, slot.end].filter(Boolean).join("–");
  return time ? `${slot.label} ${time}` : slot.label;
}

function grid(state) {
  const os = state.openspace;
  const running = state.workshop.phase === "cafe";
  const clashing = new Set(os.clashes.flatMap((c) => c.sessions));
  const table = h("table", { class: "os-grid" });
  table.style.setProperty("--spaces", os.layout.spaces.length);
  table.append(h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""),
    ...os.layout.spaces.map((s) => h("th", { scope: "col" }, s.name)))));
  const body = h("tbody");
  for (const slot of os.layout.slots) {
    const bees = os.bumblebees[slot.id] ?? 0;
    const row = h("tr", { class: slot.id === os.slot_now ? "now" : "" },
      h("th", { scope: "row" }, slotName(slot), running && bees ? h("small", {}, t("os.bumblebees", { n: bees })) : null));
    for (const space of os.layout.spaces) {
      const s = [...os.sessions.values()].find((x) => x.slot === slot.id && x.space === space.id);
      if (!s) {
        row.append(h("td", { class: "free" }, t("os.free")));
        continue;
      }
      row.append(h("td", { class: clashing.has(s.id) ? "clash" : "", dataset: { session: s.id } },
        h("strong", {}, s.title), h("span", { class: "who" }, s.convener_names.join(", ")),
        running ? h("span", { class: "count" }, t("os.here_count", { n: os.here[s.id] ?? 0 })) : null));
    }
    body.append(row);
  }
  table.append(body);
  return table;
}

function news(state) {
  const os = state.openspace;
  return os.news.slice(0, NEWS).map((id) => {
    const report = os.reports.get(id);
    const session = os.sessions.get(id);
    if (!report || !session) return null;
    return h("article", { class: "os-news-item" }, h("h2", {}, session.title),
      h("ul", {}, ...[...report.key_points, ...report.recommendations].slice(0, 4).map((p) => h("li", {}, p))));
  });
}

/** Draw the forum ouvert's view into #openspace-view. */
export function renderOpenSpace(state) {
  const os = state.openspace;
  const phase = state.workshop.phase;
  setText($("#openspace-heading"), t(`os.phase.${phase}`));
  const closing = phase === "harvest";
  $("#os-grid-box").replaceChildren(...(closing ? [] : [grid(state)]));
  const items = news(state).filter(Boolean);
  const box = $("#os-news");
  box.replaceChildren(...items);
  show(box, items.length > 0 && phase !== "forum");
  // What does not fit folds: the oldest news first, then the last lines of the latest.
  while (!box.hidden && overflows(box) && box.children.length > 1) box.lastElementChild.remove();
  const lines = box.querySelectorAll("li");
  for (let i = lines.length - 1; i > 0 && overflows(box); i -= 1) lines[i].remove();
  setText($("#openspace-meta"), os.amendment === "open" ? t("os.amend_open") : os.amendment === "final" ? t("os.final") : "");
}
