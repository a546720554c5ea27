// Near-identical texts, found without the network: two notes are alike when they share
// most of their words, whatever the case, accents, punctuation, plurals and little words.
// A rough measure for putting such notes side by side, not for merging anything.

const LITTLE = new Set(
  ("le la les un une des de du et ou au aux en pour par sur dans avec ce cet cette ces qui que " +
    "est sont il elle on nous vous ils se ne pas plus tres faut the an and or of to in on for " +
    "with is are be it this that we our").split(" "),
);

/** The meaningful words of a text, folded (case, accents, a plural's final s or x). */
export function words(text) {
  const folded = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const out = new Set();
  for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || LITTLE.has(word)) continue;
    out.add(word.length > 3 ? word.replace(/[sx]$/, "") : word);
  }
  return out;
}

/** How alike two sets of words are: shared words over all words (0 to 1). */
export function likeness(a, b) {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * Put near-identical items next to each other: each group takes the place of its first
 * item. Returns [{item, similar}], `similar` true for every item after the first of a group.
 */
export function alongside(items, textOf, threshold = 0.6) {
  const groups = [];
  for (const item of items) {
    const mine = words(textOf(item));
    const group = groups.find((g) => likeness(g.words, mine) >= threshold);
    if (group) group.items.push(item);
    else groups.push({ words: mine, items: [item] });
  }
  return groups.flatMap((g) => g.items.map((item, i) => ({ item, similar: i > 0 })));
}
