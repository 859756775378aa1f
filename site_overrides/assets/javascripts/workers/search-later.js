// Kompetensi ASN — Material's search worker, started later: on the self-assessment page only.
//
// On every page the theme fetches the search index at once and its worker builds the lunr
// index of the whole site: about 300–400 ms of CPU. On the quiz page that ran beside Pyodide's
// boot, which keeps both cores of a small machine busy, and made the engine ready later
// (BENCHMARKS.md, "Ninth session"). There the theme's config names this file instead, with the
// theme's worker as the query (site_overrides/main.html): it keeps the theme's messages until
// the page says "go" on the "kompetensi-search" channel (the reader turned to the search:
// start-engine.js), then loads the theme's worker into itself and hands it the kept messages
// in order. The theme's worker then runs as if started directly,
// from the same folder, so its own imports (../lunr/) resolve as before.

"use strict";

(() => {
  const theme = location.search.slice(1);
  const kept = [];
  let channel = null;
  let started = false;
  const keep = (event) => kept.push(event.data);

  function start() {
    if (started) return;
    started = true;
    if (channel) channel.close();
    removeEventListener("message", keep);
    // Only the theme's own worker, from this folder (the query is part of the page's config).
    if (!/^search\.[0-9a-f]+\.min\.js$/.test(theme)) throw new Error("unknown search worker");
    importScripts(theme);
    for (const data of kept) dispatchEvent(new MessageEvent("message", { data }));
  }

  addEventListener("message", keep);
  try {
    channel = new BroadcastChannel("kompetensi-search");
  } catch (_) {
    start(); // no channel to wait on: behave as the theme does
    return;
  }
  channel.onmessage = (event) => {
    if (event.data === "go") start();
  };
  // The page may have said "go" before this worker listened: it answers this with "go" again.
  channel.postMessage("waiting");
})();
