// What the phone page keeps on the device and which of its views shows: shared by the
// join form (loaded first) and the live part (loaded once there is someone to follow).

import { $, show } from "../lib/dom.js";
import { page } from "../lib/i18n.js";

export const code = page.code;
const TOKEN = `cafe.token.${code}`;
const PROFILE = "cafe.profile";
// A cookie telling the server to show "connecting", not the form: never the token itself.
const MEMBER = `cafe_member_${code}`;
const VIEWS = ["connecting", "door", "join", "waiting", "forum", "goto", "choose", "table", "vote", "synthesis", "gone", "openspace"];

/** The device's token for this workshop, if it joined. */
export function token() {
  return localStorage.getItem(TOKEN);
}

/** Keep what joining gave this device (its token, the name it used); null forgets it. */
export function keep(joined, profile = null) {
  if (joined) localStorage.setItem(TOKEN, joined);
  else localStorage.removeItem(TOKEN);
  if (profile) localStorage.setItem(PROFILE, JSON.stringify(profile));
  remember(Boolean(joined));
}

/** The name and organisation this device last joined with, to offer them again. */
export function lastProfile() {
  try {
    return JSON.parse(localStorage.getItem(PROFILE) || "{}");
  } catch {
    return {};
  }
}

/** Tell the server (by a cookie) whether this device joined, for the page it sends. */
export function remember(member) {
  document.cookie = member
    ? `${MEMBER}=1; path=/; max-age=${60 * 60 * 24 * 30}; SameSite=Lax`
    : `${MEMBER}=; path=/; max-age=0; SameSite=Lax`;
}

/** Show one view of the page and hide the others. */
export function showOnly(id) {
  const changed = document.body.dataset.view !== id;
  for (const view of VIEWS) show($(`#${view}`), view === id);
  document.body.dataset.view = id;
  // A new view starts at its top, not where the last one was scrolled to.
  if (changed) window.scrollTo(0, 0);
}
