// The projected screen: theme, QR code and join code, and people arriving live.

import { $, h, setText, show, syncList } from "./lib/dom.js";
import { lang, page, t } from "./lib/i18n.js";
import { connect } from "./lib/live.js";
import { people } from "./lib/state.js";
import { byOrganisation, peopleCount, showGone, showPhase, showStatus } from "./lib/ui.js";

const LOCAL = /^(localhost|127\.|\[::1\])/;

function meta(workshop) {
  const date = new Date(`${workshop.date}T12:00:00`);
  const parts = [date.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" })];
  if (workshop.place) parts.push(workshop.place);
  return parts.join(" · ");
}

function render(state) {
  if (state.gone) {
    showGone(t(`gone.${state.gone}`));
    return;
  }
  const workshop = state.workshop;
  showPhase(workshop.phase);
  setText($("#theme"), workshop.theme);
  setText($("#meta"), meta(workshop));
  const list = people(state);
  setText($("#people-count"), peopleCount(list.length));
  syncList(
    $("#org-groups"),
    byOrganisation(list),
    ([org]) => org,
    () => h("div", { class: "org-group" }, h("h3", {}), h("ul", { class: "chips" })),
    (el, [org, members]) => {
      setText(el.querySelector("h3"), org || t("no_organisation"));
      syncList(
        el.querySelector("ul"),
        members,
        (p) => p.id,
        () => h("li", { class: "chip person" }),
        (li, p) => setText(li, p.name),
      );
    },
  );
}

const joinHost = new URL(page.links.join).hostname;
if (LOCAL.test(joinHost)) {
  show($("#localhost-warning"), true);
  setText($("#localhost-warning"), t("localhost_warning"));
}

connect({
  auth: () => ({ code: page.code, role: "screen", lang }),
  onChange: render,
  onStatus: showStatus,
  onRefused: (error) => showGone(error.message),
});
