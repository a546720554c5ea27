// Keeping the projected screen inside its frame whatever arrives, from 1024x768 to
// 1920x1080: type as large as the room allows and never under 18 px; what still does not
// fit at 18 px is folded into a "+N" line or shown page by page, never cut silently; and
// notes slide into their new place instead of jumping.

const still = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

/** The smallest type the screen shows, in px: read from the back of a room. */
export const FLOOR = 18;

/** The narrowest a table's column gets, in px: eleven words of 18 px type. */
export const COLUMN_MIN = 11 * FLOOR;

/** The screen's body type, in px: 28 px on a 1920x1080 projector, 18 px on the smallest. */
export function baseSize() {
  return parseFloat(getComputedStyle(document.body).fontSize) || FLOOR;
}

/** Whether `el`'s content is taller or wider than its box. */
export function overflows(el) {
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}

/**
 * Set `el`'s font size to the largest whole pixel size in [min, max] at which neither
 * `el`, nor any of its `[data-fit-box]` descendants, nor any element of `within`
 * overflows. Returns the size, and whether it fits at all.
 */
export function fitFont(el, { min = FLOOR, max, within = [] }) {
  const boxes = () => [el, ...el.querySelectorAll("[data-fit-box]"), ...within];
  const largest = () => {
    let low = min;
    let high = Math.max(min, Math.floor(max));
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
 * Show `columns` (the children of `grid`, one per table) in one row, a page at a time:
 * as many per page as keep each at least `minWidth` px wide, the pages balanced (eight
 * tables: two pages of four). Shows page `turn` (modulo their number); returns
 * {page, pages}.
 */
export function pageColumns(grid, columns, minWidth, turn) {
  for (const column of columns) column.hidden = false;
  const gap = parseFloat(getComputedStyle(grid).columnGap) || 0;
  const fit = Math.max(1, Math.floor((grid.clientWidth + gap) / (minWidth + gap)));
  const pages = Math.max(1, Math.ceil(columns.length / fit));
  const perPage = Math.ceil(columns.length / pages) || 1;
  const page = turn % pages;
  columns.forEach((column, i) => {
    column.hidden = Math.floor(i / perPage) !== page;
  });
  grid.style.setProperty("--columns", String(Math.max(1, Math.min(perPage, columns.length))));
  grid.style.setProperty("--rows", "1");
  return { page, pages };
}

/** Say which page shows on `el` (hidden when there is one page). */
export function pageLine(el, text, pages) {
  if (el.textContent !== text) el.textContent = text;
  el.hidden = pages < 2;
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

/**
 * Cut `items` (in reading order, all inside `box`) into pages that each fit in `box`,
 * and show page `turn` (modulo their number). Returns {page, pages}. Each page costs one
 * layout; an item too big for a page of its own still gets one.
 */
export function paginate(box, items, turn) {
  for (const item of items) item.hidden = false;
  if (!items.length || !overflows(box)) return { page: 0, pages: 1 };
  const starts = [];
  for (let start = 0; start < items.length;) {
    starts.push(start);
    items.forEach((item, i) => {
      item.hidden = i < start;
    });
    const frame = box.getBoundingClientRect();
    const bottom = frame.top + box.clientTop + box.clientHeight + 1;
    const right = frame.left + box.clientLeft + box.clientWidth + 1;
    let end = start;
    while (end < items.length) {
      const r = items[end].getBoundingClientRect();
      if (r.bottom > bottom || r.right > right) break;
      end += 1;
    }
    start = Math.max(end, start + 1);
  }
  const page = turn % starts.length;
  const from = starts[page];
  const to = starts[page + 1] ?? items.length;
  items.forEach((item, i) => {
    item.hidden = i < from || i >= to;
  });
  return { page, pages: starts.length };
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
 * `fitFont(box, range)`: eight short topics read better as two rows of four. Returns the
 * size; when nothing fits at the smallest, the columns are left at least `minWidth` px
 * wide, for the caller to turn pages.
 */
export function fitGrid(box, grid, count, range, minWidth = 0) {
  let best = { px: 0, columns: Math.max(count, 1), fits: false };
  for (let rows = 1; rows <= 3 && rows <= count; rows += 1) {
    const columns = Math.ceil(count / rows);
    if (rows > 1 && columns === Math.ceil(count / (rows - 1))) continue;
    grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
    const px = fitFont(box, range);
    const fits = !overflows(box);
    if ((fits && !best.fits) || (fits === best.fits && px > best.px)) best = { px, columns, fits };
  }
  if (!best.fits && minWidth) {
    best.columns = Math.max(1, Math.min(count, Math.floor(grid.clientWidth / minWidth)));
  }
  grid.style.gridTemplateColumns = `repeat(${best.columns}, minmax(0, 1fr))`;
  return fitFont(box, range);
}
