// Small DOM helpers. Every text reaches the page through textContent, never as markup.

export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Catalogue texts mark foreign terms as *coaching*: shown in italics, never as markup.
export function emphasised(text) {
  return String(text)
    .split(/\*([^*]+)\*/)
    .map((part, index) => (index % 2 ? el("em", { text: part }) : part));
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// A data-* attribute value: null (no target, no gap) becomes "".
export function attr(value) {
  return value === null || value === undefined ? "" : String(value);
}

// Making the Indonesian date format loads locale data (~15 ms): it is made once, ahead of the
// first result (prepareToday), instead of between the engine's answer and the results.
let dateFormat = null;

export function prepareToday() {
  try {
    dateFormat =
      dateFormat ||
      new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric" });
  } catch (_) {
    dateFormat = null;
  }
}

export function today() {
  prepareToday();
  return dateFormat ? dateFormat.format(new Date()) : new Date().toISOString().slice(0, 10);
}

// A jump to a place in the form lands where the placeholder heights of the statements skipped
// above it (content-visibility) put it; those laid out on arrival are shorter, which moves the
// place up under the sticky progress line. Scrolling again once they are laid out lands it
// right (its scroll-margin keeps it below the line).
export function settleJump(target, frames = 12) {
  const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
  const step = (left) => {
    if (Math.abs(target.getBoundingClientRect().top - margin) > 1) target.scrollIntoView();
    if (left > 0) requestAnimationFrame(() => step(left - 1));
  };
  requestAnimationFrame(() => step(frames));
}

// The click handler that settles every jump to a place inside ``form`` (the index's links, the
// error summary's and the results' links to statements).
export function jumpSettler(form) {
  return (event) => {
    const link = event.target.closest("a[href^='#']");
    const target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target && form.contains(target)) settleJump(target);
  };
}

export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name, class: "kq-hidden-link" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
