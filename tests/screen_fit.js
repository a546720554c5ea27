// Every text the projector shows, checked where it is drawn: inside the frame, not cut by a
// box that hides its overflow (a line clamp or an ellipsis, which say that the text goes
// on, are allowed), at 18 px or more; and the page itself neither scrolls nor spills.
// Evaluated by the browser tests (tests/test_browser_screen_fit.py and the scenario).
async () => {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const W = innerWidth, H = innerHeight, problems = [];
  const name = (el) => el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
  const say = (el, what) => problems.push(`${name(el)} "${el.textContent.trim().slice(0, 40)}": ${what}`);
  const page = document.scrollingElement;
  if (page.scrollWidth > W || page.scrollHeight > H) problems.push(`page ${page.scrollWidth}x${page.scrollHeight}`);
  const clips = (s) => s.overflowX !== "visible" || s.overflowY !== "visible";
  let texts = 0, smallest = 999;
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own.length || !el.checkVisibility({ visibilityProperty: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.width * box.height <= 1) continue; // visually hidden, for screen readers
    const s = getComputedStyle(el);
    const honest = s.webkitLineClamp !== "none" || s.textOverflow === "ellipsis";
    let rect = box;
    if (!honest) {
      const range = document.createRange();
      const rects = own.map((n) => { range.selectNodeContents(n); return range.getBoundingClientRect(); });
      rect = { left: Math.min(...rects.map((r) => r.left)), top: Math.min(...rects.map((r) => r.top)),
               right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom)) };
    }
    texts += 1;
    const px = parseFloat(s.fontSize);
    smallest = Math.min(smallest, px);
    if (px < 18) say(el, `${px}px`);
    if (rect.left < -1 || rect.top < -1 || rect.right > W + 1 || rect.bottom > H + 1) say(el, "outside the frame");
    for (let a = honest ? el.parentElement : el; a && a !== document.body; a = a.parentElement) {
      const sa = getComputedStyle(a);
      if (!clips(sa)) continue;
      if (sa.webkitLineClamp !== "none") { // inside a clamped box: that box says "…"
        rect = a.getBoundingClientRect();
        continue;
      }
      const b = a.getBoundingClientRect();
      const left = b.left + a.clientLeft, top = b.top + a.clientTop;
      if (rect.left < left - 1 || rect.top < top - 1 || rect.right > left + a.clientWidth + 1
          || rect.bottom > top + a.clientHeight + 1) {
        say(el, `cut by ${name(a)}`);
        break;
      }
    }
  }
  return { problems: problems.slice(0, 12), count: problems.length, texts, smallest };
}
