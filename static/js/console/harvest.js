// The console's harvest: the vote's settings and controls, the board's lock, what the
// screen shows, and the synthesis editor.

import { $, h, setText, show } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { tableList } from "../lib/state.js";
import { renderSynthesis } from "../lib/synthesis.js";

export function renderHarvestPanels(state, live) {
  const voting = state.voting;
  const select = $("#voting-table");
  if (document.activeElement !== select) {
    const chosen = select.value;
    select.replaceChildren(h("option", { value: "" }, t("every_table")), h("option", { value: "@seat" }, t("own_table")), ...tableList(state).map((table) => h("option", { value: table.id }, `${table.number}. ${table.title}`)));
    select.value = chosen;
  }
  const where = voting.at_seat ? t("own_table") : voting.table ? state.tables.get(voting.table)?.title ?? "" : t("every_table");
  setText($("#voting-status"), voting.open ? t("voting_open", { where, dots: tn("dots", state.dots) }) : t("voting_closed", { dots: tn("dots", state.dots) }));
  show($("#voting-open"), !voting.open);
  show($("#voting-close"), voting.open);
  show($("#voting-reveal"), voting.hidden && !voting.revealed);
  $("#board-lock").checked = Boolean(state.workshop.locked);
  const view = $("#screen-view");
  if (document.activeElement !== view) view.value = state.workshop.settings.screen_view ?? "auto";
  renderSynthesis($("#synthesis-root"), state, live, { canWrite: () => true, canDecide: true, canPropose: true });
}

export function wireHarvestPanels(getLive) {
  const report = (reply) => setText($("#voting-error"), reply.ok ? "" : reply.error.message);
  $("#voting-open").addEventListener("click", async () => {
    const form = $("#voting-form");
    report(await getLive().send("voting_open", {
      table: form.elements.table.value.startsWith("@") ? null : form.elements.table.value || null,
      at_seat: form.elements.table.value === "@seat",
      budget: Number(form.elements.budget.value),
      cap: Number(form.elements.cap.value),
      hidden: form.elements.hidden.checked,
      reset: form.elements.reset.checked,
    }));
  });
  $("#voting-close").addEventListener("click", async () => report(await getLive().send("voting_close")));
  $("#voting-reveal").addEventListener("click", async () => report(await getLive().send("voting_reveal")));
  $("#board-lock").addEventListener("change", async (event) => report(await getLive().send("board_lock", { locked: event.target.checked })));
  $("#screen-view").addEventListener("change", async (event) => report(await getLive().send("settings_update", { screen_view: event.target.value })));
}
