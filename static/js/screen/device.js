// The projector's own device: full screen, kept awake, a chime at the end of a round, and
// its small controls that fade away when the mouse rests. Nothing here goes to the server.

import { $, show } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

const SOUND = "cafe.screen.sound"; // "on" when this device rings at the end of a round
let audio = null;

const wanted = () => localStorage.getItem(SOUND) === "on";
const running = () => audio?.state === "running";

/** The audio context, made (and woken) only inside a user's gesture: browsers want one. */
function wake() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  if (!audio) {
    audio = new Context();
    audio.addEventListener("statechange", drawSound);
  }
  if (audio.state !== "running") audio.resume().then(drawSound, () => {});
  drawSound();
}

function drawSound() {
  const button = $("#sound-toggle");
  const on = wanted();
  button.setAttribute("aria-pressed", String(on));
  button.classList.toggle("on", on);
  // Sound is wanted, but this page has not been touched since it loaded: ask for a click.
  const blocked = on && !running();
  show($("#sound-blocked"), blocked);
  $(".screen-tools").classList.toggle("attention", blocked);
}

/** Three soft bell strokes, about two seconds, made on the spot (no file to load). */
function ring() {
  const now = audio.currentTime;
  const out = audio.createGain();
  out.gain.value = 0.5;
  out.connect(audio.destination);
  [[784, 0], [659, 0.45], [988, 0.9]].forEach(([pitch, at]) => {
    for (const [ratio, level] of [[1, 0.6], [2.01, 0.18], [3.02, 0.07]]) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = pitch * ratio;
      gain.gain.setValueAtTime(0.0001, now + at);
      gain.gain.exponentialRampToValueAtTime(level, now + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 1.4);
      tone.connect(gain).connect(out);
      tone.start(now + at);
      tone.stop(now + at + 1.5);
    }
  });
}

/**
 * The end of a round: ring if this device asked for sound and may play it. Tells the
 * page with a `cafe:chime` event whether it rang.
 */
export function chime() {
  const rang = wanted() && running();
  if (rang) ring();
  document.dispatchEvent(new CustomEvent("cafe:chime", { detail: { rang } }));
  return rang;
}

function wireSound() {
  $("#sound-toggle").addEventListener("click", () => {
    const on = !wanted();
    localStorage.setItem(SOUND, on ? "on" : "off");
    if (on) {
      wake();
      if (running()) ring(); // so that whoever switched it on hears what the room will hear
      else audio?.resume().then(() => running() && ring(), () => {});
    }
    drawSound();
  });
  // After a reload, the first click or key anywhere on the page lets the sound play.
  for (const type of ["pointerdown", "keydown"]) {
    addEventListener(type, () => {
      if (wanted()) wake();
    }, { capture: true });
  }
  drawSound();
}

function wireFullscreen() {
  const button = $("#fullscreen");
  if (!document.fullscreenEnabled) return;
  show(button, true);
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener("fullscreenchange", () => {
    const full = Boolean(document.fullscreenElement);
    button.setAttribute("aria-pressed", String(full));
    button.setAttribute("aria-label", full ? t("leave_fullscreen") : t("fullscreen"));
    button.title = button.getAttribute("aria-label");
  });
}

/** Keep the projector's computer from sleeping while this page shows (where allowed). */
function keepAwake() {
  if (!navigator.wakeLock) return; // older browsers, and plain http to another machine
  let lock = null;
  const ask = async () => {
    if (lock || document.visibilityState !== "visible") return;
    try {
      lock = await navigator.wakeLock.request("screen");
      lock.addEventListener("release", () => {
        lock = null;
      });
    } catch {
      lock = null; // refused (battery saver, policy): asked again on the next occasion
    }
  };
  ask();
  document.addEventListener("visibilitychange", ask);
  document.addEventListener("fullscreenchange", ask);
  addEventListener("pointerdown", ask);
}

/** The controls fade, and the pointer hides, after a few seconds without moving. */
function fadeWhenIdle() {
  let timer = 0;
  const awake = () => {
    document.body.classList.remove("idle");
    clearTimeout(timer);
    timer = setTimeout(() => document.body.classList.add("idle"), 3000);
  };
  for (const type of ["pointermove", "pointerdown", "keydown"]) addEventListener(type, awake);
  awake();
}

export function wireDevice() {
  wireSound();
  wireFullscreen();
  keepAwake();
  fadeWhenIdle();
}
