// The rounds' clock, counted down from the server's end time with our measured offset.

/** Seconds left in the round under way (null when no round runs). */
export function secondsLeft(rounds, serverNow) {
  if (rounds.status === "running" && rounds.ends_at) return Math.max(0, rounds.ends_at - serverNow() / 1000);
  if (rounds.status === "paused") return rounds.remaining;
  return null;
}

export function formatClock(seconds) {
  const whole = Math.ceil(seconds);
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, "0")}`;
}

/** Keep every [data-clock] element showing the time left, four times a second. */
export function tickClocks(getLive) {
  setInterval(() => {
    const live = getLive();
    if (!live?.state.workshop) return;
    const left = secondsLeft(live.state.rounds, live.serverNow);
    for (const el of document.querySelectorAll("[data-clock]")) {
      const text = left === null ? "" : formatClock(left);
      if (el.textContent !== text) el.textContent = text;
      el.classList.toggle("time-up", left === 0);
      el.classList.toggle("paused", live.state.rounds.status === "paused");
    }
  }, 250);
}
