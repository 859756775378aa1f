// Kompetensi ASN — starts the engine's worker as soon as the theme has started (a classic
// script, inlined right after the quiz.js tag by generator/quiz/page.py; its hash is in the CSP),
// and lets the theme's search index be built only after it.
//
// Not earlier: Pyodide's boot keeps every core busy for seconds (V8 compiles the 9.6 MB wasm in
// background threads), and on a 2-core machine the theme's own start-up (its bundle, then its
// DOMContentLoaded handler) ran up to twice as long beside it, in tasks of up to 200 ms, while
// the boot itself took longer too. The task after DOMContentLoaded comes after the theme's
// handler. Not later either: quiz.js may still be loading its modules then (slow links), and
// lib/engine.js takes this worker over on its first start and replays what it said meanwhile,
// so the watchdog, the failure codes and "Coba lagi" work as before. lib/engine.js waits for
// the same moment when it starts first. The URLs come from the page (the root's and this
// script's data attributes), so the text, and with it the CSP hash, is the same on every build.
//
// What used to make that moment late (ninth session, BENCHMARKS.md): the page's CSP <meta>
// stops Chromium's preload scanner, so bind.js and the theme's scripts at the end of the body
// were requested one after the other, each when the parser reached it, and DOMContentLoaded
// waits for them (the quiz's template and site_overrides/main.html now preload them). And
// once the theme had started, its search worker built the lunr index of the whole site beside
// Pyodide's boot. On this page the theme starts site_overrides/assets/javascripts/workers/
// search-later.js instead, which waits for the "go" below: when the reader turns to the search
// (focus in the search box, or its toggle), and not before. Not at "engine ready" either: a
// reader with saved answers may submit at that very moment, and the index built beside the
// first assessment made it slower (BENCHMARKS.md). The index then costs the reader who opens
// the search here the wait any page shows while it is built ("Mempersiapkan pencarian").

(() => {
  let channel = null;
  try {
    channel = new BroadcastChannel("kompetensi-search");
  } catch (_) {
    return; // search-later.js has no channel either, and starts at once
  }
  let go = false;
  const start = () => {
    if (go) return;
    go = true;
    channel.postMessage("go");
  };
  // A search worker that starts after "go" asks again.
  channel.onmessage = (event) => {
    if (event.data === "waiting" && go) channel.postMessage("go");
  };
  const reader = (event) => {
    const target = event.target;
    if (target instanceof Element && (target.id === "__search" || target.closest(".md-search"))) {
      start();
    }
  };
  document.addEventListener("focusin", reader);
  document.addEventListener("change", reader);
})();

(() => {
  const script = document.currentScript;
  const root = script.parentElement;
  if (typeof Worker !== "function" || typeof WebAssembly !== "object" || !WebAssembly) return;
  const previous = window.KompetensiEarlyEngine;
  if (previous && !previous.taken && previous.worker) previous.worker.terminate();
  const site = new URL(script.dataset.kqSite, document.baseURI);
  const url = (name) => new URL(root.getAttribute(name), site).href;
  const early = {
    url: new URL(script.dataset.kqWorker, document.baseURI).href,
    boot: {
      pyodide: url("data-kq-pyodide"),
      wheel: url("data-kq-wheel"),
      exportUrl: url("data-kq-export"),
      standardsVersion: root.dataset.standardsVersion || "",
    },
    events: [],
    taken: false,
    worker: null,
  };
  window.KompetensiEarlyEngine = early;
  const begin = () => {
    if (early.taken) return; // lib/engine.js started first
    try {
      early.worker = new Worker(early.url, { type: "module", name: "kompetensi-engine" });
    } catch (error) {
      return; // lib/engine.js tries again and reports it
    }
    const keep = (type) => (event) => {
      if (early.taken) return;
      const data = type === "message" ? event.data : event.message || type;
      early.events.push([type, data]);
      if (type !== "message") event.preventDefault();
      // A failed worker has nothing more to say: stop it now, as lib/engine.js would.
      if (type !== "message" || (data && (data.type === "boot-failed" || data.type === "fatal"))) {
        early.worker.terminate();
      }
    };
    for (const type of ["message", "error", "messageerror"]) {
      early.worker.addEventListener(type, keep(type));
    }
    early.worker.postMessage({ type: "boot", ...early.boot });
    performance.mark("kq:engine-start");
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setTimeout(begin, 0), { once: true });
  } else {
    begin();
  }
})();
