// Keeping the projected screen inside 1920x1080 whatever arrives: type as large as the
// room allows, the oldest notes folded away when a table is full, and notes that slide
// into their new place instead of jumping.

const still = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

/** Whether `el`'s content is taller or wider than its box. */
export function overflows(el) {
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}

/**
 * Set `el`'s font size to the largest whole pixel size in [min, max] at which neither
 * `el` nor any of its `[data-fit-box]` descendants overflows.
 */
export function fitFont(el, { min, max }) {
  const boxes = () => [el, ...el.querySelectorAll("[data-fit-box]")];
  const largest = () => {
    let low = min;
    let high = max;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      el.style.fontSize = `${middle}px`;
      if (boxes().some(overflows)) high = middle - 1;
      else low = middle;
    }
    el.style.fontSize = `${low}px`;
    return low;
  };
  el.classList.remove("break-words");
  const px = largest();
  if (px > min || !boxes().some(overflows)) return px;
  el.classList.add("break-words"); // some word fits at no size: let titles break too
  return largest();
}

/**
 * Fold away the oldest items of `box` until it fits; return how many were folded.
 * `items` are the candidates, `age(item)` orders them; `after(folded)` updates anything
 * whose size depends on the count (a "+N more" line) before each measure.
 */
export function foldOldest(box, items, age, after = () => {}) {
  for (const item of items) item.hidden = false;
  after(0);
  if (!overflows(box)) return 0;
  const oldest = [...items].sort((a, b) => age(a) - age(b));
  // Heights are read once, before anything folds: one reflow per pass, not per note, so
  // a screen of 240 notes redraws in a few milliseconds.
  // An item frees its height and the gap after it: without the gap, a column of thirty
  // folds one note too many.
  const heights = oldest.map((item) => item.offsetHeight + (parseFloat(getComputedStyle(item.parentElement).rowGap) || 0));
  let folded = 0;
  while (folded < oldest.length - 1 && overflows(box)) {
    let excess = box.scrollHeight - box.clientHeight;
    do {
      oldest[folded].hidden = true;
      excess -= heights[folded];
      folded += 1;
    } while (excess > 0 && folded < oldest.length - 1); // the newest always shows
    after(folded);
  }
  return folded;
}

/** Remember where each of `elements` is, for `slide` to animate from there. */
export function positions(elements) {
  const at = new Map();
  for (const el of elements) at.set(el, el.getBoundingClientRect().top);
  return at;
}

/** Animate every element that moved since `before` from its old place to its new one. */
export function slide(before, { duration = 450 } = {}) {
  if (still()) return;
  for (const [el, top] of before) {
    if (!el.isConnected || el.hidden) continue;
    const dy = top - el.getBoundingClientRect().top;
    if (Math.abs(dy) < 1) continue;
    el.animate([{ transform: `translateY(${dy}px)` }, { transform: "none" }], { duration, easing: "cubic-bezier(0.2, 0.7, 0.2, 1)" });
  }
}

/**
 * Lay `count` cards out in `grid` in as many rows as give the largest type, fitted by
 * `fitFont(box, range)`: eight short topics read better as two rows of four.
 */
export function fitGrid(box, grid, count, range) {
  let best = { px: 0, columns: Math.max(count, 1) };
  for (let rows = 1; rows <= 3 && rows <= count; rows += 1) {
    const columns = Math.ceil(count / rows);
    if (rows > 1 && columns === Math.ceil(count / (rows - 1))) continue;
    grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
    const px = fitFont(box, range);
    if (px > best.px) best = { px, columns };
  }
  grid.style.gridTemplateColumns = `repeat(${best.columns}, minmax(0, 1fr))`;
  return fitFont(box, range);
}
