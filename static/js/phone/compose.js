// Writing a note. At rest the composer is one line at the foot of the board, so that the
// table's notes stay readable; writing opens it over the whole phone (colour, question,
// anonymous), and posting, "back" or Escape return to the board.

import { $, showFieldError } from "../lib/dom.js";
import { newId } from "../lib/ids.js";
import { t } from "../lib/i18n.js";
import { tooLong } from "../lib/counter.js";
import { writingFor } from "./scribe.js";

const compose = $("#compose");

function fitToKeyboard() {
  // The on-screen keyboard shrinks the visible part of the page, not the layout: the
  // open composer follows the visible part, so that Post stays above the keyboard.
  const height = window.visualViewport?.height;
  if (height) compose.style.setProperty("--visible-height", `${height}px`);
}

/** Open the composer over the whole phone. */
export function openComposer() {
  if (compose.classList.contains("open")) return;
  compose.classList.add("open");
  document.body.classList.add("composing");
  fitToKeyboard();
}

/** Put the composer back at the foot of the board (what was typed stays). */
export function closeComposer() {
  compose.classList.remove("open");
  document.body.classList.remove("composing");
}

/** Wire the composer: open, post (queued, kept offline), back to the board. */
export function wireCompose(getLive) {
  const text = compose.elements.text;
  const submit = () => {
    const live = getLive();
    const tableId = live.state.me.seat;
    const value = text.value.trim();
    const error = !value ? t("error.empty_note") : tooLong(text);
    if (error || !tableId) {
      showFieldError(compose, error ? { message: error } : null, $("#compose-error"));
      return;
    }
    live.queue("note_post", {
      id: newId(),
      table: tableId,
      text: value,
      colour: compose.elements.colour.value,
      question: compose.elements.question.value || null,
      anonymous: compose.elements.anonymous.checked && live.state.workshop.settings.allow_anonymous,
      ...(writingFor() ? { for: writingFor() } : {}), // a scribe writing for someone
    });
    showFieldError(compose, null, $("#compose-error"));
    text.value = "";
    text.dispatchEvent(new Event("input", { bubbles: true })); // the counter goes with the text
    closeComposer();
  };
  compose.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  text.addEventListener("click", openComposer);
  text.addEventListener("input", openComposer);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  compose.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && compose.classList.contains("open")) {
      closeComposer();
      text.focus();
    }
  });
  // Leaving the composer with Tab puts it back at the foot of the board. (A tap on a
  // colour may leave the focus nowhere on some phones: that does not close it.)
  compose.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !compose.contains(event.relatedTarget)) closeComposer();
  });
  $("#compose-close").addEventListener("click", () => {
    closeComposer();
    text.blur();
  });
  window.visualViewport?.addEventListener("resize", fitToKeyboard);
}
