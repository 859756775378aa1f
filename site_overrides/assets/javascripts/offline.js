// Kompetensi ASN — the page's side of offline use: registers the build's service worker
// (sw.js at the site root), asks it to keep the self-assessment once that has loaded, and says
// in one line of the footer what works without a network and when a newer version is ready.
//
// Built sites only: the page links the web app manifest only in a built site, never in the
// preview, and the site root is found from that link, so a site published in a folder works.

"use strict";

(function () {
  const link = document.querySelector('link[rel="manifest"]');
  if (!link || !("serviceWorker" in navigator)) return;
  const root = new URL("./", link.href);

  const TEXT = {
    site: "Situs ini tersimpan di perangkat dan dapat dibuka tanpa jaringan.",
    quiz: "Situs ini, termasuk penilaian mandiri, tersimpan di perangkat dan dapat dipakai tanpa jaringan.",
    update: "Versi baru situs sudah diunduh dan akan dipakai saat halaman dibuka kembali.",
  };

  function line() {
    let node = document.getElementById("kompetensi-offline");
    if (!node) {
      node = document.createElement("p");
      node.id = "kompetensi-offline";
      node.className = "kompetensi-offline";
      node.setAttribute("role", "status");
      const footer = document.querySelector(".md-copyright") || document.body;
      footer.append(node);
    }
    return node;
  }

  let updateShown = false;
  function say(kind) {
    if (updateShown) return; // the newer version is the more useful news
    updateShown = kind === "update";
    line().textContent = TEXT[kind];
    line().dataset.state = kind;
  }

  function ask(worker, message) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      worker.postMessage(message, [channel.port2]);
    });
  }

  function watchUpdates(registration) {
    const waiting = () => {
      if (registration.waiting && navigator.serviceWorker.controller) say("update");
    };
    const follow = (worker) => {
      if (!worker) return;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed") waiting();
      });
    };
    waiting();
    // The update may have been found before this page registered (its navigation starts the
    // check, and the quiz registers only once the engine is ready): follow one in progress too.
    follow(registration.installing);
    registration.addEventListener("updatefound", () => follow(registration.installing));
  }

  // The quiz's files are cached from the browser's HTTP cache once the engine has started
  // (never while Pyodide is still loading over a slow network).
  function whenEngineReady(callback) {
    const html = document.documentElement;
    if (html.dataset.engine === "ready") return callback();
    const observer = new MutationObserver(() => {
      if (html.dataset.engine === "ready") {
        observer.disconnect();
        callback();
      }
    });
    observer.observe(html, { attributes: true, attributeFilter: ["data-engine"] });
  }

  async function start() {
    const registration = await navigator.serviceWorker.register(new URL("sw.js", root).href);
    watchUpdates(registration);
    // register() does not look for a newer worker while the script's address is unchanged, and
    // the browser's own check after a navigation may come late: ask once per page (offline it
    // fails quietly).
    registration.update().catch(() => undefined);
    const ready = await navigator.serviceWorker.ready;
    const status = await ask(ready.active, "status");
    line().dataset.build = status.build; // which build's cache serves this page when offline
    say(status.quiz ? "quiz" : "site");
    if (!status.quiz && quiz) {
      const cached = await ask(ready.active, "cache-quiz");
      if (cached.quiz) say("quiz");
    }
  }

  // The worker's first install downloads the whole reference site: it starts once the page has
  // loaded, and on the quiz page once the engine is ready, so on a slow network it never
  // competes with what the reader is waiting for.
  const quiz = document.querySelector("[data-kq-root]");
  const begin = () => start().catch(() => undefined); // without a worker: online as before
  if (quiz) whenEngineReady(begin);
  else if (document.readyState === "complete") begin();
  else window.addEventListener("load", begin, { once: true });
})();
