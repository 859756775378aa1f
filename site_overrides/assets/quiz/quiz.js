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
import { dropEarlyWorker } from "./lib/engine.js";

const here = new URL(import.meta.url);
const urls = {
  // This file is assets/quiz/<version>/quiz.js: the site root is three levels up.
  siteRoot: new URL("../../../", here).href,
  workerUrl: new URL("worker.mjs", here).href,
};

let current = null;

// The form is complete once the parser has inserted the classic script that ends the quiz
// (bind.js, id kq-bind), or when parsing is over (also after Material's instant navigation).
function parsed() {
  return document.readyState !== "loading" || document.getElementById("kq-bind") !== null;
}

function scan() {
  const root = document.querySelector("[data-kq-root]");
  if (current && current.root !== root) {
    current.destroy();
    current = null;
  }
  if (!root) dropEarlyWorker();
  if (root && !current && !root.dataset.kqBound && parsed()) current = new Quiz(root, urls);
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

// The page loads this module with "async" from the top of the quiz: it runs as soon as it is
// fetched, often while the long form is still being parsed. It binds now if the form is
// complete; otherwise bind.js calls scan() when the parser reaches the end of the form, before
// the theme's scripts run and well before DOMContentLoaded. Until then early.js, inline at the
// top of the quiz, saves and counts the answers; the controller takes them over when it binds.
scan();

// Material's document$ announces every page, also those of its instant navigation; without
// the theme, the document's own DOMContentLoaded is the last chance to bind.
function follow() {
  const stream = window.document$;
  if (stream && typeof stream.subscribe === "function") stream.subscribe(() => scan());
  else scan();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
else follow();
