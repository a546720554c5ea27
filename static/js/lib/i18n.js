// The page's translated strings, handed over by the server in #page-data.

export const page = JSON.parse(document.getElementById("page-data").textContent);
const strings = page.strings || {};

/** Translate `key`, filling %(name)s placeholders from `params`. */
export function t(key, params = {}) {
  const template = strings[key] ?? key;
  return template.replace(/%\((\w+)\)s/g, (_, name) => String(params[name] ?? ""));
}

/** Pick the one/other form of a counted phrase. */
export function tn(key, n) {
  if (n === 0 && strings[`${key}.none`]) return t(`${key}.none`);
  return n === 1 ? t(`${key}.one`, { n }) : t(`${key}.other`, { n });
}

export const lang = document.documentElement.lang || "fr";
