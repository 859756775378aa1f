// Kompetensi ASN — the self-assessment page's entry point (an ES module).
//
// The form is static HTML made at build time. This script and lib/ only glue it to the Python
// engine: they keep answers (localStorage, with an in-memory fallback), run the engine's Web
// Worker, send it the answers and copy what it returns into the page with textContent. No
// scoring happens in JavaScript.
//
// Material's instant navigation swaps pages without reloading: a module runs once per
// document, so the quiz binds through document$ whenever a quiz root appears and stops its
// worker when the reader leaves.

import { Quiz } from "./lib/controller.js";

const here = new URL(import.meta.url);
const urls = {
  // This file is assets/quiz/<version>/quiz.js: the site root is three levels up.
  siteRoot: new URL("../../../", here).href,
  workerUrl: new URL("worker.mjs", here).href,
};

let current = null;

function scan() {
  const root = document.querySelector("[data-kq-root]");
  if (current && current.root !== root) {
    current.destroy();
    current = null;
  }
  if (root && !current && !root.dataset.kqBound) current = new Quiz(root, urls);
}

window.KompetensiQuiz = {
  scan,
  get engine() {
    return current ? current.engine.state : null;
  },
  // For integrators and tests: the engine's own JSON answer to a request.
  call(fn, payload) {
    if (!current) return Promise.reject({ code: "no-quiz", detail: "" });
    return current.engine.call(fn, payload);
  },
  timings() {
    const page = {};
    for (const entry of performance.getEntriesByType("measure")) {
      if (entry.name.startsWith("kq:")) page[entry.name] = Math.round(entry.duration);
    }
    return { page, worker: current ? current.engine.timings : null };
  },
};

// The page loads this module with "async" from the end of the quiz's root element: it runs as
// soon as it is fetched, once the parser has inserted it, so the form above it is complete even
// while the rest of the page (the theme's scripts) is still being parsed. Binding now, not at
// DOMContentLoaded, is what makes the form answerable early.
scan();

function follow() {
  const stream = window.document$;
  if (stream && typeof stream.subscribe === "function") stream.subscribe(() => scan());
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
else follow();
