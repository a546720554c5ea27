// French typography for what people typed: a narrow no-break space before : ; ? ! and
// inside « » (so that no line on the projector starts with a lone ";"). The same rule as
// server/domain/text.py's french_spacing, which the exports apply; idempotent.

const NNBSP = "\u202f";
const BEFORE = /(?<=[^\s:;?!])[ \u00a0\u202f]?([:;?!]+)(?=\s|$)/gu;
const OPENING = /«[ \u00a0\u202f]?(?=\S)/gu;
const CLOSING = /(?<=\S)[ \u00a0\u202f]?»/gu;

/** Whether the page speaks French about a French workshop: then every text is French. */
function french() {
  const root = document.documentElement;
  return root.lang === "fr" && root.dataset.contentLang === "fr";
}

/** Return text typeset for the page (unchanged unless French). */
export function typeset(text) {
  if (!french() || typeof text !== "string") return text;
  return text.replace(BEFORE, `${NNBSP}$1`).replace(OPENING, `«${NNBSP}`).replace(CLOSING, `${NNBSP}»`);
}
