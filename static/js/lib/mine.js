// The workshops created on this device, kept in localStorage for the home page's list.

const SAVED = "cafe.consoles";

/** The workshops remembered here, newest first. */
export function saved() {
  try {
    return JSON.parse(localStorage.getItem(SAVED)) || [];
  } catch {
    return [];
  }
}

/** Remember a workshop ({code, theme, console}) at the top of the list. */
export function remember(entry) {
  const list = saved().filter((e) => e.code !== entry.code);
  list.unshift(entry);
  localStorage.setItem(SAVED, JSON.stringify(list.slice(0, 20)));
}

/** Forget a workshop that no longer exists. */
export function forget(code) {
  localStorage.setItem(SAVED, JSON.stringify(saved().filter((e) => e.code !== code)));
}
